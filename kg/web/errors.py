"""What can go wrong with a request, typed by what went wrong, and the one place each error
becomes a response.

The code that finds out raises: a view or a page that finds no such entity raises `NotFound`, a
route that cannot read a parameter raises `BadRequest`. No route chooses a status; the app
registers `respond` for every `WebError`, which answers with the error's status and its message
(written for the user, and shown as it is, escaped).

A store that is down (kg.store.StoreUnavailable, raised by the store itself) is not the
request's fault: `unavailable` answers 503 with `Retry-After`, a page for people (HTML when
the client takes it), plain text otherwise; the store logs the outage once, so nothing is
logged here. /graphql and /sparql answer it in their own formats (kg/api/http.py,
kg/sparql/endpoint.py), /healthz with its JSON (kg/web/app.py).
"""

from __future__ import annotations

import html
from typing import ClassVar

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response

from ..store import StoreUnavailable

#: Paths whose errors are pages for people (the network views), with a way back.
HTML_PATHS = ("/viz",)
#: Paths a page's script fetches: their errors are JSON, `{"error": message}`.
JSON_PATHS = ("/viz/neighbours",)


class WebError(Exception):
    """A request that cannot be answered as asked; the message says why, for the user."""

    status_code: ClassVar[int] = 400


class BadRequest(WebError):
    """The request is malformed: a missing or invalid parameter, an unknown format or filter."""

    status_code = 400


class NotFound(WebError):
    """The request is well formed but asks for something the graph does not hold."""

    status_code = 404


async def respond(request: Request, exc: WebError) -> Response:
    """The response for a WebError. The network views answer with a small HTML page that links
    back to the overview (what their scripts fetch, with a JSON object); everything else
    (entity URLs, which machines fetch too) answers in plain text."""
    path = request.url.path
    if path in JSON_PATHS:
        return JSONResponse({"error": str(exc)}, exc.status_code)
    if any(path == prefix or path.startswith(prefix + "/") for prefix in HTML_PATHS):
        return HTMLResponse(
            f"<!doctype html><title>policy-kg</title><p>{html.escape(str(exc))}</p>"
            '<p><a href="/viz">Back to the overview</a></p>',
            exc.status_code,
        )
    return PlainTextResponse(f"{exc}\n", exc.status_code)


def unavailable_headers(exc: StoreUnavailable) -> dict[str, str]:
    return {"Retry-After": str(exc.retry_after)}


async def unavailable(request: Request, exc: StoreUnavailable) -> Response:
    """503 for a request that needed the store while it is down, in the form its path or its
    client calls for; the message says why and when to try again, never where the store is."""
    message = f"{exc.public}; try again in a few seconds"
    path, headers = request.url.path, unavailable_headers(exc)
    if path in JSON_PATHS:
        return JSONResponse({"error": message}, 503, headers=headers)
    accept = request.headers.get("accept", "")
    if "text/html" in accept or any(path == p or path.startswith(p + "/") for p in HTML_PATHS):
        again = path + (f"?{request.url.query}" if request.url.query else "")
        return HTMLResponse(
            "<!doctype html><title>policy-kg: unavailable</title>"
            f"<h1>Unavailable for a moment</h1><p>{html.escape(message)}.</p>"
            f'<p><a href="{html.escape(again)}">Try again</a></p>',
            503,
            headers=headers,
        )
    return PlainTextResponse(f"{message}\n", 503, headers=headers)


#: For Starlette(exception_handlers=...): every WebError, subclasses included, goes to `respond`;
#: a store that is down, to `unavailable`.
HANDLERS = {WebError: respond, StoreUnavailable: unavailable}
