"""The Starlette application over one loaded build: the routes table, and what belongs to no
single part (the home page, the health check, closing the store when the server stops).

Each part brings its own routes: GraphQL and GraphiQL (kg.api), SPARQL (kg.sparql), the network
views (kg.web.network) and the entity pages (kg.web.pages). Their errors become responses in
kg.web.errors.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import Route

from ..api.context import Build, RequestContext
from ..api.graphiql import asset, graphiql_page, wants_html
from ..api.http import GraphQLEndpoint
from ..api.schema import schema
from ..build import base_of, build_id_of
from ..sparql.endpoint import SparqlEndpoint
from ..store import Store, open_build
from . import errors, network, pages
from .settings import ServeSettings


async def no_favicon(request: Request):
    return Response(status_code=204)


def create_app(build_path: Path | None, store: Store | None = None,
               build_id: str | None = None,
               settings: ServeSettings | None = None) -> Starlette:  # fmt: skip
    """An app serving a build: the file at `build_path` loaded embedded, or `store` (whose
    build id identifies cursors; by default the build file's hash), run as `settings` say."""
    settings = settings or ServeSettings()
    if store is None:
        store = open_build(build_path)
    build_id = build_id or (build_id_of(build_path) if build_path else "unknown")
    build = Build(store=store, base=base_of(store), build_id=build_id)
    endpoint = GraphQLEndpoint(schema.graphql_schema, lambda: RequestContext(build))

    async def graphql(request: Request):
        if wants_html(request):
            return await graphiql_page(request)
        return await endpoint.handle(request)

    async def health(request: Request):
        return JSONResponse({"status": "ok", "build": build.build_id, "base": build.base})

    async def home(request: Request):
        return RedirectResponse("/viz")

    sparql = SparqlEndpoint(store)

    app = Starlette(
        lifespan=lambda app: _closing(store),
        exception_handlers=errors.HANDLERS,
        routes=[
            Route("/", home),
            Route("/graphql", graphql, methods=["GET", "POST"]),
            Route("/sparql", sparql, methods=["GET", "POST"]),
            Route("/graphiql", graphiql_page),
            Route("/favicon.ico", no_favicon),
            *network.routes(build),  # before /assets/{name}: it serves one asset of its own
            Route("/assets/{name}", asset),
            *pages.routes(build),
            Route("/healthz", health),
        ],
    )
    app.state.build = build
    app.state.settings = settings
    return app


@contextlib.asynccontextmanager
async def _closing(store: Store):
    """Let the store go when the server stops (a remote store's connections)."""
    yield
    store.close()
