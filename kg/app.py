"""The Starlette application over one loaded build: GraphQL (and GraphiQL), SPARQL, network
views (/viz) and entity pages at each IRI's path."""

from __future__ import annotations

import contextlib
import hashlib
import html
import logging
from pathlib import Path

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import (
    FileResponse,
    HTMLResponse,
    JSONResponse,
    PlainTextResponse,
    RedirectResponse,
    Response,
)
from starlette.routing import Route

from . import views
from .api.context import _UNSAFE, Build, RequestContext, UserError
from .api.graphiql import asset, graphiql_page, wants_html
from .api.http import GraphQLEndpoint
from .api.schema import schema
from .pages import entity_response
from .sparql.endpoint import SparqlEndpoint
from .store import Store, open_build

log = logging.getLogger("kg.app")
VIS_JS = "/assets/vis-network.min.js"


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


def view_routes(build: Build) -> list[Route]:
    """/viz: the overview with filters, the neighbourhood of an entity, the trace between two."""

    def fail(status: int, message: str) -> HTMLResponse:
        return HTMLResponse(
            f"<!doctype html><title>policy-kg</title><p>{html.escape(message)}</p>"
            '<p><a href="/viz">Back to the overview</a></p>',
            status,
        )

    def iri(request: Request, name: str, kind: str) -> str | None:
        value = request.query_params.get(name)
        return RequestContext(build).iri(value, kind) if value else None

    def limit_of(request: Request) -> int:
        value = request.query_params.get("limit", str(views.DEFAULT_LIMIT))
        if not value.isdigit() or not 1 <= int(value) <= 5000:
            raise UserError("limit must be a whole number from 1 to 5000")
        return int(value)

    def overview(request: Request):  # sync: Starlette runs it in a thread
        try:
            kinds = tuple(request.query_params.getlist("kind"))
            unknown = set(kinds) - set(views.KIND_NAMES)
            if unknown:
                raise UserError(f"unknown kind {sorted(unknown)[0]!r}; use one of "
                                + ", ".join(views.KIND_NAMES))  # fmt: skip
            filters = views.Filters(
                report=iri(request, "report", "report"),
                kinds=kinds,
                theme=iri(request, "theme", "theme"),
                body=iri(request, "body", "body"),
                status=request.query_params.get("status", "").upper() or None,
            )
            graph = views.overview(build.graph_projection(), build.store, filters)
            marks = None
            if request.query_params.get("highlight"):
                marks = views.highlights(build.store, request.query_params["highlight"])
            shown = "; ".join(f"{k} {v}" for k, v in request.query_params.multi_items()
                              if k != "limit")  # fmt: skip
            title = "policy-kg: " + (shown or "the whole corpus")
            return HTMLResponse(views.page(
                graph, build.store, title=title, base=build.base, vis_js=VIS_JS,
                limit=limit_of(request), marks=marks,
                narrow_hint="Filter with ?report=, ?kind=, ?theme=, ?body= or ?status=.",
            ))  # fmt: skip
        except (UserError, views.ViewError) as exc:
            return fail(400, str(exc))

    def around(request: Request):  # sync: Starlette runs it in a thread
        try:
            start = iri(request, "id", "node")
            if start is None:
                raise UserError("give the entity's IRI: /viz/entity?id=...")
            depth = request.query_params.get("depth", "1")
            if depth not in ("1", "2", "3"):
                raise UserError("depth must be 1, 2 or 3")
            graph = views.around(build.graph_projection(), start, int(depth))
            label = build.graph_projection().graph.nodes[start].get("label", start)
            return HTMLResponse(views.page(
                graph, build.store, title=f"Around {label} (depth {depth})", base=build.base,
                vis_js=VIS_JS, focus=start, limit=limit_of(request),
                narrow_hint="Lower ?depth= to see fewer.",
            ))  # fmt: skip
        except (UserError, views.ViewError) as exc:
            return fail(404 if "no entity" in str(exc) else 400, str(exc))

    def between(request: Request):  # sync: Starlette runs it in a thread
        try:
            start, end = iri(request, "from", "node"), iri(request, "to", "node")
            if not (start and end):
                raise UserError("give both ends: /viz/trace?from=IRI&to=IRI")
            graph = views.between(build.graph_projection(), start, end)
            return HTMLResponse(views.page(
                graph, build.store, title="Trace", base=build.base, vis_js=VIS_JS, focus=start,
            ))  # fmt: skip
        except (UserError, views.ViewError) as exc:
            return fail(404 if "no " in str(exc) else 400, str(exc))

    return [
        Route("/viz", overview),
        Route("/viz/entity", around),
        Route("/viz/trace", between),
    ]


def entity_routes(build: Build) -> list[Route]:
    """Entity pages at each of our IRIs' paths, and /entity?id= for any IRI (e.g. statutes)."""

    def ours(request: Request):  # sync: Starlette runs it in a thread
        iri = build.base + request.url.path
        if _UNSAFE.search(iri):
            return PlainTextResponse("not a valid entity path\n", 400)
        return entity_response(request, build.store, build.base, iri)

    def any_iri(request: Request):  # sync: Starlette runs it in a thread
        try:
            iri = RequestContext(build).iri(request.query_params.get("id", ""), "node")
        except UserError as exc:
            return PlainTextResponse(f"{exc}\n", 400)
        return entity_response(request, build.store, build.base, iri)

    kinds = ("report", "body", "theme", "instrument", "proposal", "source", "legislation")
    return [Route("/entity", any_iri)] + [Route(f"/{kind}/{{rest:path}}", ours) for kind in kinds]


async def no_favicon(request: Request):
    return Response(status_code=204)


async def vis_network(request: Request):
    from viz import vis_network_path  # pyvis is slow to import: not at start-up

    return FileResponse(vis_network_path(), headers={"Cache-Control": "public, max-age=86400"})


def create_app(build_path: Path | None, store: Store | None = None,
               build_id: str | None = None) -> Starlette:  # fmt: skip
    """An app serving a build: the file at `build_path` loaded embedded, or `store` (whose
    build id identifies cursors; by default the build file's hash)."""
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
        routes=[
            Route("/", home),
            Route("/graphql", graphql, methods=["GET", "POST"]),
            Route("/sparql", sparql, methods=["GET", "POST"]),
            Route("/graphiql", graphiql_page),
            Route("/assets/vis-network.min.js", vis_network),
            Route("/favicon.ico", no_favicon),
            Route("/assets/{name}", asset),
            *view_routes(build),
            *entity_routes(build),
            Route("/healthz", health),
        ],
    )
    app.state.build = build
    return app


@contextlib.asynccontextmanager
async def _closing(store: Store):
    """Close a remote store's connections when the server stops."""
    yield
    close = getattr(store, "close", None)
    if close is not None:
        close()
