"""The network views under /viz: what each URL shows, decorated for people and drawn by `viz`,
with their routes and the vis-network script they load.

- `/viz`: the whole corpus, or the part chosen by ?report=, ?kind=, ?theme=, ?body=, ?status=,
  with ?highlight=gaps|recurrence marking entities; ?asOf=YYYY-MM-DD (and ?recordedBy=) set the
  day the status filter answers for (kg.rules.status), and the title says it;
- `/viz/entity?id=IRI&depth=1..3`: an entity's neighbourhood;
- `/viz/trace?from=IRI&to=IRI`: the shortest paths between two entities.

The projection (kg.projection) gives the entities and their links; one batched query adds what a
tooltip needs (summary, confirmed, sources). Views bigger than a browser can usefully draw are
cut down, and the page says so and how to narrow them. vis-network is served by the app, never
from a CDN, so the views work offline.

`viz` (pyvis, which imports IPython) is imported only when a view is drawn, so that starting a
server or the CLI does not pay for it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse
from starlette.routing import Route

if TYPE_CHECKING:
    import networkx as nx

from ontology.vocabulary import AUTHORITY, KIND, STATUS

from ..api.context import Build, RequestContext, UserError
from ..projection import Projection
from ..rules import confirmed as confirmed_rule
from ..rules import status as status_rule
from ..store import Store
from ..trace import trace
from .errors import BadRequest, NotFound
from .pages import asked_dates, entity_url, when_said

#: Views larger than this are cut down: a browser can draw thousands of nodes, but nobody can
#: read them.
DEFAULT_LIMIT = 400
#: The largest ?limit= a request may ask for.
MAX_LIMIT = 5000
#: Where the app serves vis-network's script (the views load it from there, not from a CDN).
VIS_JS = "/assets/vis-network.min.js"
KIND_NAMES = KIND.names


@dataclass(frozen=True)
class Filters:
    report: str | None = None
    kinds: tuple[str, ...] = ()
    theme: str | None = None
    body: str | None = None
    status: str | None = None  # a DeliveryStatus name, e.g. IN_PROGRESS
    as_of: str | None = None  # the day the status answers for (ISO text); None: today
    recorded_by: str | None = None  # ... with what had been recorded by this day


def decorate(graph: nx.Graph, store: Store) -> nx.Graph:
    """Add summary, confirmed and sources (title, authority, locator) to every node."""
    if graph.number_of_nodes() == 0:
        return graph
    values = " ".join(f"<{n}>" for n in graph)
    rows = store.select(f"""
        SELECT ?s ?summary ?confirmed ?title ?authority ?locator WHERE {{
          VALUES ?s {{ {values} }}
          OPTIONAL {{ ?s pkg:summary ?summary }}
          OPTIONAL {{ ?s pkg:confirmed ?confirmed }}
          OPTIONAL {{ ?s pkg:citation ?c . ?c pkg:source ?src . ?src dcterms:title ?title ;
                      pkg:authority ?authority . OPTIONAL {{ ?c pkg:locator ?locator }} }}
        }}""")
    sources: dict[str, list[str]] = defaultdict(list)
    for row in rows:
        node = graph.nodes[row["s"].value]
        if "summary" in row:
            node["summary"] = row["summary"].value
        if "confirmed" in row:
            node["confirmed"] = confirmed_rule.holds(row["confirmed"].value)
        if "title" in row:
            authority = AUTHORITY.by_iri(row["authority"].value).label
            text = f"{row['title'].value} ({authority})"
            if "locator" in row:
                text += f", {row['locator'].value}"
            if text not in sources[row["s"].value]:
                sources[row["s"].value].append(text)
    for node, texts in sources.items():
        graph.nodes[node]["sources"] = sorted(texts)
    return graph


def _members(store: Store, pattern: str) -> set[str]:
    return {row["s"].value for row in store.select(f"SELECT DISTINCT ?s WHERE {{ {pattern} }}")}


def overview(projection: Projection, store: Store, filters: Filters) -> nx.MultiDiGraph:
    """The whole corpus, or the part the filters choose (with what it links to)."""
    import viz

    graph = projection.graph
    chosen: set[str] | None = None

    def narrow(found: set[str], what: str) -> None:
        """Keep only `found`. A filter that matches nothing is a bad request, not a missing
        entity: the theme or body it names may exist with nothing linked to it."""
        nonlocal chosen
        if not found:
            raise BadRequest(f"nothing matches {what}")
        chosen = found if chosen is None else chosen & found

    if filters.report:
        narrow(_members(store, f"{{ ?s pkg:report <{filters.report}> }} UNION "
                               f"{{ VALUES ?s {{ <{filters.report}> }} ?s a pkg:Report }}"),
               f"report {filters.report}")  # fmt: skip
    if filters.theme:
        narrow(_members(store, f"?s pkg:theme <{filters.theme}>"), f"theme {filters.theme}")
    if filters.body:
        narrow(_members(store, f"{{ ?s pkg:responsibility/pkg:body <{filters.body}> }} UNION "
                               f"{{ ?s pkg:implicates <{filters.body}> }}"),
               f"body {filters.body}")  # fmt: skip
    if filters.status:
        status = STATUS.by_notation(filters.status)
        if status is None:
            raise BadRequest(f"unknown status {filters.status!r}; use one of "
                             + ", ".join(sorted(STATUS.notations)))  # fmt: skip
        latest = status_rule.latest_in([status.iri], negate=False,
                                       lateral=store.capabilities.lateral, as_of=filters.as_of,
                                       recorded_by=filters.recorded_by)  # fmt: skip
        narrow(
            _members(store, f"?s a pkg:Recommendation . {latest}"),
            f"status {filters.status}{when_said(filters.as_of, filters.recorded_by)}",
        )
    if chosen is not None:  # what the chosen entities link to, one step out
        reach = set(chosen)
        for node in chosen & set(graph):
            reach.update(graph.successors(node))
            reach.update(graph.predecessors(node))
        graph = viz.filter_graph(graph, nodes=reach)
    if filters.kinds:
        graph = viz.filter_graph(graph, kinds=set(filters.kinds))
    return graph


def around(projection: Projection, iri: str, depth: int) -> nx.MultiDiGraph:
    """The entities within `depth` links of `iri` (1 to 3)."""
    import viz

    if iri not in projection.graph:
        raise NotFound(f"no entity {iri} in the graph")
    try:
        return viz.neighbourhood(projection.graph, iri, depth)
    except ValueError as exc:
        raise BadRequest(str(exc)) from None


def between(projection: Projection, start: str, end: str, max_hops: int = 4) -> nx.MultiDiGraph:
    """The entities on the shortest paths (at most `max_hops` links) from `start` to `end`."""
    import viz

    for iri in (start, end):
        if iri not in projection.graph:
            raise NotFound(f"no entity {iri} in the graph")
    paths = trace(projection, start, end, max_hops=max_hops, limit=10)
    if not paths:
        raise NotFound(f"no path of at most {max_hops} links between the two entities")
    nodes = {step.source for path in paths for step in path} | {end}
    return viz.filter_graph(projection.graph, nodes=nodes)


def highlights(store: Store, which: str) -> dict[str, str]:
    """Entities to mark in a view: `gaps` (kg.analysis.gaps) or `recurrence` (every
    recommendation in a chain of repeated calls)."""
    from .. import analysis

    if which == "gaps":
        return {gap.iri: "gap" for gap in analysis.gaps(store)}
    if which == "recurrence":
        return {link.recommendation: "recurrence"
                for issue in analysis.recurrence(store, precursors=False)
                for link in issue.chain}  # fmt: skip
    raise BadRequest(f"unknown highlight {which!r}; use gaps or recurrence")


def page(graph: nx.Graph, store: Store, *, title: str, base: str, vis_js: str | None,
         limit: int = DEFAULT_LIMIT, focus: str | None = None, narrow_hint: str = "",
         node_url=None, marks: dict[str, str] | None = None) -> str:  # fmt: skip
    """Cut down, decorate, mark and draw a view."""
    import viz

    shown, notice = viz.cut_down(graph, limit, focus=focus)
    if notice and narrow_hint:
        notice = f"{notice} {narrow_hint}"
    decorate(shown, store)
    for iri, name in (marks or {}).items():
        if iri in shown:
            shown.nodes[iri]["highlight"] = name
    return viz.render(
        shown,
        title=title,
        node_url=node_url or (lambda iri: entity_url(base, iri)),
        vis_js=vis_js,
        notice=notice,
        focus=focus,
    )


def routes(build: Build) -> list[Route]:
    """/viz: the overview with filters, the neighbourhood of an entity, the trace between two;
    and the vis-network script they load (its route must come before the app's /assets/{name})."""

    def iri(request: Request, name: str, kind: str) -> str | None:
        value = request.query_params.get(name)
        if not value:
            return None
        try:
            return RequestContext(build).iri(value, kind)
        except UserError as exc:
            raise BadRequest(str(exc)) from None

    def limit_of(request: Request) -> int:
        value = request.query_params.get("limit", str(DEFAULT_LIMIT))
        if not value.isdigit() or not 1 <= int(value) <= MAX_LIMIT:
            raise BadRequest(f"limit must be a whole number from 1 to {MAX_LIMIT}")
        return int(value)

    def show_overview(request: Request):  # sync: Starlette runs it in a thread
        kinds = tuple(request.query_params.getlist("kind"))
        unknown = set(kinds) - set(KIND_NAMES)
        if unknown:
            raise BadRequest(f"unknown kind {sorted(unknown)[0]!r}; use one of "
                             + ", ".join(KIND_NAMES))  # fmt: skip
        limit = limit_of(request)
        as_of, recorded_by = asked_dates(request)
        filters = Filters(
            report=iri(request, "report", "report"),
            kinds=kinds,
            theme=iri(request, "theme", "theme"),
            body=iri(request, "body", "body"),
            status=request.query_params.get("status", "").upper() or None,
            as_of=as_of,
            recorded_by=recorded_by,
        )
        graph = overview(build.graph_projection(), build.store, filters)
        marks = None
        if request.query_params.get("highlight"):
            marks = highlights(build.store, request.query_params["highlight"])
        shown = "; ".join(f"{k} {v}" for k, v in request.query_params.multi_items()
                          if k not in ("limit", "asOf", "recordedBy"))  # fmt: skip
        title = "policy-kg: " + (shown or "the whole corpus") + when_said(as_of, recorded_by)
        return HTMLResponse(page(
            graph, build.store, title=title, base=build.base, vis_js=VIS_JS, limit=limit,
            marks=marks, narrow_hint="Filter with ?report=, ?kind=, ?theme=, ?body= or ?status=.",
        ))  # fmt: skip

    def show_around(request: Request):  # sync: Starlette runs it in a thread
        start = iri(request, "id", "node")
        if start is None:
            raise BadRequest("give the entity's IRI: /viz/entity?id=...")
        depth = request.query_params.get("depth", "1")
        if depth not in ("1", "2", "3"):
            raise BadRequest("depth must be 1, 2 or 3")
        limit = limit_of(request)
        graph = around(build.graph_projection(), start, int(depth))
        label = build.graph_projection().graph.nodes[start].get("label", start)
        return HTMLResponse(page(
            graph, build.store, title=f"Around {label} (depth {depth})", base=build.base,
            vis_js=VIS_JS, focus=start, limit=limit, narrow_hint="Lower ?depth= to see fewer.",
        ))  # fmt: skip

    def show_trace(request: Request):  # sync: Starlette runs it in a thread
        start, end = iri(request, "from", "node"), iri(request, "to", "node")
        if not (start and end):
            raise BadRequest("give both ends: /viz/trace?from=IRI&to=IRI")
        graph = between(build.graph_projection(), start, end)
        return HTMLResponse(page(
            graph, build.store, title="Trace", base=build.base, vis_js=VIS_JS, focus=start,
        ))  # fmt: skip

    return [
        Route(VIS_JS, vis_network),
        Route("/viz", show_overview),
        Route("/viz/entity", show_around),
        Route("/viz/trace", show_trace),
    ]


async def vis_network(request: Request):
    """vis-network's script, from the copy pyvis installs (cached by browsers for a day)."""
    from viz import vis_network_path  # imports pyvis: only when a view is first opened

    return FileResponse(vis_network_path(), headers={"Cache-Control": "public, max-age=86400"})
