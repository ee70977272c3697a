"""The request log: one line per request, written by a middleware around the whole app (so 429s
and every other early answer are logged too), and the logging set-up of `kg serve`.

A request's line (logger `kg.requests`) has:
- `time`: when the request arrived, ISO 8601 in UTC to the millisecond (`2025-06-16T09:30:00.123Z`);
- `method`, `path` (without the query string: a GET query's text stays out of the log) and
  `route`, the path template of the route that answered (`/viz/entity`, `/report/{rest:path}`;
  `unmatched` when none did);
- `operation`: for GraphQL requests, the operation's name (`anonymous` when it has none);
- `status`, `duration_ms` (until the response's last byte was handed to the server) and `client`
  (the client's address by the rate limits' rule: kg/web/ratelimit.py `client_address`, which
  believes X-Forwarded-For only from `trusted_proxies`);
- `rate_limited` (the family whose limit refused it) and `refused` (the protection that refused
  a GraphQL query: `size`, `shape`, `cost` ...), only when set;
- `query` and `variables`, only with `log_queries` (off by default: query text can be personal).

The layers inside tell the middleware what they know in the request's scope state
(`request.state.X`, or `scope["state"]["X"]`): the GraphQL endpoint sets `operation` (its
presence marks a GraphQL request), `query` and `variables`; a refusal sets `refused` to its
reason; the rate limiter sets `rate_limited`. kg/web/metrics.py reads the same.

`configure(log_format)` sends every log record to stderr: `text`, a readable line each; `json`,
one JSON object per line for every record (request lines, errors with their tracebacks from
kg.api, uvicorn's own, Python warnings), so the whole log parses line by line.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import sys
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from starlette.routing import Match

from .ratelimit import client_address, parse_proxies
from .settings import ServeSettings

LOG = logging.getLogger("kg.requests")

#: The route label of a request no route answered (bounded: never the raw path).
UNMATCHED = "unmatched"
#: The operation of a GraphQL request whose operation has no name.
ANONYMOUS = "anonymous"


def iso_time(seconds: float) -> str:
    """A Unix time as ISO 8601 in UTC, to the millisecond."""
    moment = dt.datetime.fromtimestamp(seconds, dt.UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%S.") + f"{moment.microsecond // 1000:03d}Z"


def route_of(scope: Mapping) -> str:
    """The path template of the route that answers (or answered) a request, as the router
    chooses it (the first full match, else the first partial one: a wrong method)."""
    route = scope.get("route")
    if route is None:  # refused before routing (429), or no route
        router = getattr(scope.get("app"), "router", None)
        partial = None
        for candidate in getattr(router, "routes", ()):
            match, _ = candidate.matches(scope)
            if match is Match.FULL:
                route = candidate
                break
            if match is Match.PARTIAL and partial is None:
                partial = candidate
        route = route or partial
    return getattr(route, "path", None) or UNMATCHED


@dataclass(frozen=True)
class Exchange:
    """What a middleware saw of one request once it was answered."""

    scope: Mapping
    arrived: float  # Unix time
    seconds: float
    status: int

    @property
    def state(self) -> Mapping[str, Any]:
        return self.scope.get("state") or {}

    @property
    def route(self) -> str:
        return route_of(self.scope)

    @property
    def is_graphql(self) -> bool:
        return "operation" in self.state

    @property
    def operation(self) -> str | None:
        """The GraphQL operation's name (`anonymous` without one); None for other requests."""
        if not self.is_graphql:
            return None
        return self.state.get("operation") or ANONYMOUS


async def observe(app, scope, receive, send, seen: Callable[[Exchange], None]):
    """Run the request through `app`, then tell `seen` what happened (also when it raised:
    status 500 unless a response had started)."""
    arrived, started = time.time(), time.perf_counter()
    status = None

    async def sending(message):
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]
        await send(message)

    try:
        await app(scope, receive, sending)
    finally:
        seen(Exchange(scope, arrived, time.perf_counter() - started, status or 500))


class RequestLog:
    """ASGI middleware: one `kg.requests` log record per HTTP request."""

    def __init__(self, app, settings: ServeSettings):
        self.app = app
        self.log_queries = settings.log_queries
        self.proxies = parse_proxies(settings.trusted_proxies)

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not LOG.isEnabledFor(logging.INFO):
            return await self.app(scope, receive, send)
        await observe(self.app, scope, receive, send, self.log)

    def log(self, exchange: Exchange) -> None:
        state, scope = exchange.state, exchange.scope
        fields: dict[str, Any] = {
            "time": iso_time(exchange.arrived),
            "method": scope["method"],
            "path": scope["path"],
            "route": exchange.route,
        }
        if exchange.is_graphql:
            fields["operation"] = exchange.operation
        fields["status"] = exchange.status
        fields["duration_ms"] = round(exchange.seconds * 1e3, 3)
        fields["client"] = client_address(scope, self.proxies)
        for name in ("rate_limited", "refused"):
            if state.get(name):
                fields[name] = state[name]
        if self.log_queries and exchange.is_graphql:
            fields["query"] = state.get("query")
            fields["variables"] = state.get("variables")
        LOG.info("request", extra={"request": fields})


# Logging set-up ----------------------------------------------------------------------------


class JsonLines(logging.Formatter):
    """Every record as one JSON object on one line: a request's fields as they are; any other
    record as its time, level, logger, message and (when it has one) traceback."""

    def format(self, record: logging.LogRecord) -> str:
        fields = getattr(record, "request", None)
        if fields is None:
            fields = {
                "time": iso_time(record.created),
                "level": record.levelname.lower(),
                "logger": record.name,
                "message": record.getMessage(),
            }
            if record.exc_info:
                fields["traceback"] = self.formatException(record.exc_info)
            if record.stack_info:
                fields["stack"] = self.formatStack(record.stack_info)
        return json.dumps(fields, ensure_ascii=False, default=str)


_PLAIN = re.compile(r"[!#-~]+")  # printable ASCII without spaces or quotes: shown as it is


def _text(value: Any) -> str:
    """A value for a text line: quoted (JSON) unless plain, so that no value (a path with an
    encoded newline, an operation name) can break the line or pass for another field."""
    if isinstance(value, str) and _PLAIN.fullmatch(value):
        return value
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value, ensure_ascii=False, default=str)


class TextLines(logging.Formatter):
    """Readable lines: `TIME CLIENT METHOD PATH STATUS DURATION name=value ...` for a request,
    `TIME LEVEL LOGGER MESSAGE` (and any traceback below) for anything else."""

    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s %(message)s")

    def formatTime(self, record, datefmt=None):
        return iso_time(record.created)

    def format(self, record: logging.LogRecord) -> str:
        fields = getattr(record, "request", None)
        if fields is None:
            return super().format(record)
        rest = {k: v for k, v in fields.items() if k not in _HEAD}
        head = [_text(fields[k]) for k in ("time", "client", "method", "path", "status")]
        return " ".join([*head, f"{fields['duration_ms']:.1f}ms"]
                        + [f"{k}={_text(v)}" for k, v in rest.items()])  # fmt: skip


_HEAD = frozenset({"time", "client", "method", "path", "status", "duration_ms"})


def configure(log_format: str, stream=None) -> None:
    """Send every record at INFO and above to `stream` (stderr) in `log_format` (text, json)."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.setFormatter(JsonLines() if log_format == "json" else TextLines())
    root = logging.getLogger()
    for old in root.handlers[:]:
        root.removeHandler(old)
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):  # should uvicorn have set its own
        logger = logging.getLogger(name)
        logger.handlers.clear()
        logger.propagate = True
    # httpx logs every request to a remote store at INFO: far too much for a server's log.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.captureWarnings(True)  # warnings become records too: one format for the whole log
