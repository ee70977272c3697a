"""The Starlette application: GraphQL (and GraphiQL) and SPARQL over one loaded build."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse
from starlette.routing import Route

from .api.context import Build, RequestContext
from .api.graphiql import asset, graphiql_page, wants_html
from .api.http import GraphQLEndpoint
from .api.schema import schema
from .sparql.endpoint import SparqlEndpoint
from .store import Store, open_build

log = logging.getLogger("kg.app")


def base_of(store: Store) -> str:
    """The base IRI a build was made with: every named graph is <base>/graph/<file>."""
    rows = store.select("SELECT ?g WHERE { ?g pkg:sourceFile ?file } LIMIT 1")
    if not rows:
        raise ValueError("the build has no source graphs; was it made by `kg build`?")
    return rows[0]["g"].value.rsplit("/graph/", 1)[0]


def build_id_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()[:16]


def create_app(build_path: Path, store: Store | None = None) -> Starlette:
    """An app serving the build at `build_path` (from `store` if given, else loaded embedded)."""
    store = store or open_build(build_path)
    build = Build(store=store, base=base_of(store), build_id=build_id_of(build_path))
    endpoint = GraphQLEndpoint(schema.graphql_schema, lambda: RequestContext(build))

    async def graphql(request: Request):
        if wants_html(request):
            return await graphiql_page(request)
        return await endpoint.handle(request)

    async def health(request: Request):
        return JSONResponse({"status": "ok", "build": build.build_id, "base": build.base})

    async def home(request: Request):
        return RedirectResponse("/graphiql")

    sparql = SparqlEndpoint(store)

    app = Starlette(
        routes=[
            Route("/", home),
            Route("/graphql", graphql, methods=["GET", "POST"]),
            Route("/sparql", sparql, methods=["GET", "POST"]),
            Route("/graphiql", graphiql_page),
            Route("/assets/{name}", asset),
            Route("/healthz", health),
        ]
    )
    app.state.build = build
    return app
