"""Cross-origin calls from browsers to /graphql and /sparql (CORS), for the origins a server is
told to allow (`cors_origins`); off by default, and then no response says anything about CORS.

With an allow-list, a request from a listed origin gets `Access-Control-Allow-Origin: <that
origin>`; a preflight (OPTIONS with Access-Control-Request-Method) is answered here, never by
the routes (they take only GET and POST): 204 with the methods, headers and how long a browser
may keep the answer, or 403 for an origin not listed. Every response of these paths says
`Vary: Origin`, listed origin or not: the answer depends on the Origin header, so a cache must
not give one origin's answer to another (the Fetch standard, "CORS protocol and HTTP caches").

No credentials: the API reads no cookies, so `Access-Control-Allow-Credentials` is never sent.
"""

from __future__ import annotations

from starlette.datastructures import Headers, MutableHeaders
from starlette.responses import PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .settings import ServeSettings

#: The only paths other origins may call.
PATHS = frozenset({"/graphql", "/sparql"})
ALLOW_METHODS = "GET, POST, OPTIONS"
#: What GraphQL and SPARQL clients send beyond the CORS-safelisted headers.
ALLOW_HEADERS = "content-type, accept"
#: Seconds a browser may keep a preflight's answer (Chromium keeps it at most 7200).
MAX_AGE = "600"


class Cors:
    """ASGI middleware answering CORS for `PATHS` and the origins in `settings.cors_origins`."""

    def __init__(self, app: ASGIApp, settings: ServeSettings) -> None:
        self.app = app
        self.origins = frozenset(settings.cors_origins)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not self.origins or scope["path"] not in PATHS:
            await self.app(scope, receive, send)
            return
        headers = Headers(scope=scope)
        origin = headers.get("origin")
        allowed = origin in self.origins
        if scope["method"] == "OPTIONS" and "access-control-request-method" in headers:
            await self._preflight(origin if allowed else None)(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                response_headers = MutableHeaders(scope=message)
                if allowed:
                    response_headers["Access-Control-Allow-Origin"] = origin
                response_headers.add_vary_header("Origin")
            await send(message)

        await self.app(scope, receive, send_with_headers)

    @staticmethod
    def _preflight(origin: str | None) -> Response:
        if origin is None:
            return PlainTextResponse("origin not allowed\n", 403, headers={"Vary": "Origin"})
        return Response(status_code=204, headers={
            "Access-Control-Allow-Origin": origin,
            "Access-Control-Allow-Methods": ALLOW_METHODS,
            "Access-Control-Allow-Headers": ALLOW_HEADERS,
            "Access-Control-Max-Age": MAX_AGE,
            "Vary": "Origin",
        })  # fmt: skip
