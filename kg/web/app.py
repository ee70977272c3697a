"""The Starlette application over one loaded build: the routes table, and what belongs to no
single part (the health check, closing the store when the server stops).

/healthz asks the store a trivial question: 200 `{"status": "ok", "build": id, "worker": pid,
...}` while it answers (the build id being served, which changes when a new build is swapped in
(kg.web.reload), and the process that answered, one of `--workers N`), 503
`{"status": "unavailable", "store": why}` with `Retry-After` while it is down (a load balancer
then takes the node out, and puts it back when the store answers again).

Each part brings its own routes: GraphQL and GraphiQL (kg.api), SPARQL (kg.sparql), the tracker
at the home page (kg.web.tracker), the network views (kg.web.network) and the entity pages
(kg.web.pages). Their errors become responses in kg.web.errors.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
from pathlib import Path

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from ..api import persisted
from ..api.context import Build, RequestContext
from ..api.graphiql import asset, graphiql_page, wants_html
from ..api.http import GraphQLEndpoint
from ..api.schema import schema
from ..build import base_of, build_id_of
from ..sparql.endpoint import SparqlEndpoint
from ..store import Store, StoreUnavailable, open_build
from . import errors, feeds, link, network, pages, timeline, tracker
from .cors import Cors
from .logs import RequestLog
from .metrics import CountRequests, Metrics
from .ratelimit import RateLimiter, RateLimitMiddleware
from .security import SecurityHeaders
from .settings import OPERATIONS, ServeSettings

#: What /healthz asks the store, and how long it waits for the answer.
HEALTH_QUERY = "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"
HEALTH_TIMEOUT = 5.0


async def no_favicon(request: Request):
    return Response(status_code=204)


async def store_health(store: Store) -> StoreUnavailable | None:
    """None if the store answers a trivial query in time, else why not."""
    try:
        await asyncio.wait_for(run_in_threadpool(store.select, HEALTH_QUERY), HEALTH_TIMEOUT)
    except StoreUnavailable as exc:
        return exc
    except TimeoutError:
        cause = f"the graph store did not answer within {HEALTH_TIMEOUT:g} s"
        return StoreUnavailable(cause, cause)
    return None


def create_app(build_path: Path | None, store: Store | None = None,
               build_id: str | None = None,
               settings: ServeSettings | None = None) -> Starlette:  # fmt: skip
    """An app serving a build: the file at `build_path` loaded embedded, or `store` (whose
    build id identifies cursors; by default the build file's hash), run as `settings` say."""
    settings = settings or ServeSettings()
    if store is None:
        store = open_build(build_path)
    build_id = build_id or (build_id_of(build_path) if build_path else "unknown")
    build = Build(store=store, base=base_of(store), build_id=build_id, build_path=build_path)
    limiter = RateLimiter.from_settings(settings)  # None when rate limits are off
    # The named operations, read and checked once: a bad file stops the start, named.
    operations = persisted.load(OPERATIONS, schema.graphql_schema)
    endpoint = GraphQLEndpoint(schema.graphql_schema, lambda: RequestContext(build),
                               limiter=limiter, operations=operations,
                               persisted_only=settings.persisted_only)  # fmt: skip

    async def graphql(request: Request):
        if wants_html(request):
            return await graphiql_page(request)
        return await endpoint.handle(request)

    async def health(request: Request):
        down = await store_health(store)
        if down is not None:
            return JSONResponse({"status": "unavailable", "store": down.public,
                                 "build": build.build_id}, 503,
                                headers=errors.unavailable_headers(down))  # fmt: skip
        return JSONResponse({"status": "ok", "store": "ok", "build": build.build_id,
                             "base": build.base, "worker": os.getpid()})  # fmt: skip

    sparql = SparqlEndpoint(store)
    metrics = Metrics(build, build_path) if settings.metrics else None

    app = Starlette(
        lifespan=lambda app: _closing(store),
        exception_handlers=errors.HANDLERS,
        # Outermost first: logs and metrics, then security headers and CORS, then the rate
        # limit, innermost (closest to the routes), so that a refusal is logged, counted, and
        # carries the headers.
        middleware=[
            Middleware(RequestLog, settings=settings),
            *([Middleware(CountRequests, metrics=metrics)] if metrics else []),
            Middleware(SecurityHeaders, settings=settings),  # kg.web.security
            Middleware(Cors, settings=settings),  # kg.web.cors: off without cors_origins
            *([Middleware(RateLimitMiddleware, limiter=limiter)] if limiter else []),
        ],
        routes=[
            *tracker.routes(build),  # / (the tracker), its downloads, /static/{name}
            Route("/graphql", graphql, methods=["GET", "POST"]),
            Route("/sparql", sparql, methods=["GET", "POST"]),
            Route("/graphiql", graphiql_page),
            Route("/favicon.ico", no_favicon),
            *network.routes(build),  # before /assets/{name}: it serves one asset of its own
            Route("/assets/{name}", asset),
            *pages.routes(build),
            *feeds.routes(build),  # /feed.atom
            *timeline.routes(build),  # /timeline?report=
            *link.routes(build),  # /link: a pasted or uploaded text, linked to the graph
            Route("/healthz", health),
            *(metrics.routes() if metrics else []),  # no /metrics with metrics off
        ],
    )
    app.state.build = build
    app.state.settings = settings
    app.state.metrics = metrics
    if metrics:
        metrics.attach(app)  # it reads app.state.limiter when scraped
    app.state.operations = operations  # GraphiQL lists them
    app.state.limiter = limiter
    return app


@contextlib.asynccontextmanager
async def _closing(store: Store):
    """Let the store go when the server stops (a remote store's connections)."""
    yield
    store.close()
