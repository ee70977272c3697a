"""`/metrics` in the Prometheus text format, from a registry of the app's own (never the
process-wide one: each app counts for itself, and tests make many).

Series (every label value is bounded: routes are path templates, never raw paths):
- `kg_http_requests_total{route, status}`: requests answered, by route (its path template, e.g.
  `/viz/entity`, `/report/{rest:path}`; `unmatched` when no route answered) and status;
- `kg_http_request_duration_seconds{route, operation}` (histogram): time to answer, by route and,
  on /graphql, by operation: the operation's name (a named operation's, or a persisted one's),
  `anonymous` without one; empty for other requests. Names that clients make up are bounded:
  the published operations always count under their own name, up to MAX_OTHER_OPERATIONS others
  too, and any beyond that as `other`;
- `kg_store_round_trips_total`: calls to the store (one per batched read or query);
- `kg_rate_limited_requests_total{family}`: requests refused by a rate limit (graphql, sparql,
  pages), read from `app.state.limiter.refused` when the app has a limiter;
- `kg_refused_requests_total{reason}`: GraphQL queries refused by a protection (`size`, `shape`:
  depth or aliases, `cost`, ...; persisted-only mode's refusals), counted from `refused` in the
  request's scope state, which each refusal sets where it happens;
- `kg_build_info{build_id}`: 1, with the id of the build served;
- `kg_build_age_seconds{since}`: the build's age: `since="build_file"` from the build file's
  modification time when the app serves a build file (memory store), else `since="app_start"`,
  from when the app was made (a disk or remote store: the time of their load is not recorded).

With `metrics` false the app has no /metrics route and counts nothing.
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

from prometheus_client import CollectorRegistry, Counter, Histogram, Info, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from prometheus_client.exposition import CONTENT_TYPE_LATEST
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ..api.context import Build
from .logs import Exchange, observe
from .settings import OPERATIONS

#: Operation names beyond the published ones that get a label of their own; the rest: `other`.
MAX_OTHER_OPERATIONS = 100
OTHER = "other"


class Metrics:
    """One app's series, its collector of counts kept elsewhere, and its /metrics route."""

    def __init__(self, build: Build, build_file: Path | None):
        self.registry = CollectorRegistry(auto_describe=True)
        self.requests = Counter("kg_http_requests", "HTTP requests answered, by route and status",
                                ["route", "status"], registry=self.registry)  # fmt: skip
        self.duration = Histogram(
            "kg_http_request_duration_seconds",
            "Time to answer a request, by route and GraphQL operation (empty: not GraphQL)",
            ["route", "operation"],
            registry=self.registry,
        )
        self.refused = Counter("kg_refused_requests",
                               "GraphQL queries refused by a protection, by reason",
                               ["reason"], registry=self.registry)  # fmt: skip
        Info("kg_build", "The build served", registry=self.registry).info(
            {"build_id": build.build_id}
        )
        self._published = frozenset(path.stem for path in OPERATIONS.glob("*.graphql"))
        self._others: set[str] = set()
        self._lock = threading.Lock()
        self._state = None  # the app's state, for its limiter (see attach)
        self.registry.register(_Counts(self, build, build_file))

    def attach(self, app) -> None:
        """Read the app's rate limiter (`app.state.limiter`, when it has one) at each scrape."""
        self._state = app.state

    @property
    def limiter(self):
        return getattr(self._state, "limiter", None) if self._state is not None else None

    def operation_label(self, name: str) -> str:
        if name in self._published or name in self._others:
            return name
        with self._lock:
            if len(self._others) < MAX_OTHER_OPERATIONS:
                self._others.add(name)
                return name
        return OTHER

    def count(self, exchange: Exchange) -> None:
        route = exchange.route
        self.requests.labels(route, str(exchange.status)).inc()
        operation = exchange.operation
        label = "" if operation is None else self.operation_label(operation)
        self.duration.labels(route, label).observe(exchange.seconds)
        reason = exchange.state.get("refused")
        if reason:
            self.refused.labels(str(reason)).inc()

    async def endpoint(self, request: Request) -> Response:
        return Response(generate_latest(self.registry), media_type=CONTENT_TYPE_LATEST)

    def routes(self) -> list[Route]:
        return [Route("/metrics", self.endpoint)]


class _Counts:
    """What other parts count, read when scraped: the store's round trips, the rate limiter's
    refusals, the build's age."""

    def __init__(self, metrics: Metrics, build: Build, build_file: Path | None):
        self.metrics, self.build = metrics, build
        if build_file is not None and build_file.is_file():
            self.since, self.born = "build_file", build_file.stat().st_mtime
        else:
            self.since, self.born = "app_start", time.time()

    def describe(self):
        return []  # series made at collect time; nothing to check against at registration

    def collect(self):
        yield CounterMetricFamily("kg_store_round_trips", "Calls to the store (batched reads, "
                                  "queries)", value=self.build.store.round_trips)  # fmt: skip
        limited = CounterMetricFamily("kg_rate_limited_requests",
                                      "Requests refused by a rate limit, by family of routes",
                                      labels=["family"])  # fmt: skip
        limiter = self.metrics.limiter
        if limiter is not None:
            refused = dict(limiter.refused)
            for family in dict.fromkeys([*getattr(limiter, "limits", ()), *refused]):
                limited.add_metric([family], refused.get(family, 0))
        yield limited
        age = GaugeMetricFamily("kg_build_age_seconds",
                                "Age of the build served: since its file was written "
                                "(build_file) or since the app started (app_start)",
                                labels=["since"])  # fmt: skip
        age.add_metric([self.since], max(0.0, time.time() - self.born))
        yield age


class CountRequests:
    """ASGI middleware: counts every HTTP request into `metrics`."""

    def __init__(self, app, metrics: Metrics):
        self.app = app
        self.metrics = metrics

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        await observe(self.app, scope, receive, send, self.metrics.count)
