"""The network views under /viz: what each URL shows, decorated for people and drawn by `viz`,
with their routes and the vis-network script they load.

- `/viz`: the whole corpus, or the part chosen by ?report=, ?kind=, ?theme=, ?body=, ?status=,
  with ?highlight=gaps|recurrence marking entities; ?asOf=YYYY-MM-DD (and ?recordedBy=) set the
  day the status filter answers for (kg.rules.status), and the title says it;
- `/viz/entity?id=IRI&depth=1..3`: an entity's neighbourhood;
- `/viz/trace?from=IRI&to=IRI`: the shortest paths between two entities;
- `/viz/neighbours?id=IRI`: JSON for the page's "expand": the entity's neighbours in the
  projection (links both ways: exactly the nodes of `/viz/entity?id=IRI&depth=1`) and the links
  among them, as `{"id", "nodes", "edges", "groups", "legend"}` in the shape the page holds.

Each page carries a filter panel (viz.FilterPanel): on `/viz` the server applies report, theme,
body, status and kind (the page loads again with the new query); on the other views and in the
files `kg viz` writes, the page applies them to what it holds. Link type (`?link=`), "confirmed
only" (`?confirmed=true`) and the selected entity (`?select=IRI`) are the page's own, and the
server leaves them alone.

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
from starlette.responses import FileResponse, HTMLResponse, JSONResponse
from starlette.routing import Route

if TYPE_CHECKING:
    import networkx as nx

from ontology import PKG
from ontology.vocabulary import AUTHORITY, KIND, ROLE, STATUS

from ..api.context import Build, RequestContext, UserError
from ..projection import DIRECT, Projection, edge_name
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
#: Where the views are: a page fetches `{VIEWS}/neighbours` to expand a node.
VIEWS = "/viz"
KIND_NAMES = KIND.names
#: Query parameters the page applies itself (the server's title and filters leave them alone).
PAGE_PARAMETERS = ("link", "confirmed", "select")


@dataclass(frozen=True)
class Filters:
    report: str | None = None
    kinds: tuple[str, ...] = ()
    theme: str | None = None
    body: str | None = None
    status: str | None = None  # a DeliveryStatus name, e.g. IN_PROGRESS
    as_of: str | None = None  # the day the status answers for (ISO text); None: today
    recorded_by: str | None = None  # ... with what had been recorded by this day


def decorate(graph: nx.Graph, store: Store, *, as_of: str | None = None,
             recorded_by: str | None = None) -> nx.Graph:  # fmt: skip
    """Add summary, confirmed and sources (title, authority, locator) to every node, a body's
    abbreviation, a recommendation's number and its latest status (kg.rules.status, as of
    `as_of` and as recorded by `recorded_by` when given)."""
    if graph.number_of_nodes() == 0:
        return graph
    values = " ".join(f"<{n}>" for n in graph)
    rows = store.select(f"""
        SELECT ?s ?summary ?confirmed ?abbreviation ?number ?title ?authority ?locator WHERE {{
          VALUES ?s {{ {values} }}
          OPTIONAL {{ ?s pkg:summary ?summary }}
          OPTIONAL {{ ?s pkg:confirmed ?confirmed }}
          OPTIONAL {{ ?s pkg:abbreviation ?abbreviation }}
          OPTIONAL {{ ?s pkg:number ?number }}
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
        if "abbreviation" in row:
            node["abbreviation"] = row["abbreviation"].value
        if "number" in row:
            node["number"] = int(row["number"].value)
        if "title" in row:
            authority = AUTHORITY.by_iri(row["authority"].value).label
            text = f"{row['title'].value} ({authority})"
            if "locator" in row:
                text += f", {row['locator'].value}"
            if text not in sources[row["s"].value]:
                sources[row["s"].value].append(text)
    for node, texts in sources.items():
        graph.nodes[node]["sources"] = sorted(texts)
    _latest_statuses(graph, store, as_of=as_of, recorded_by=recorded_by)
    return graph


def _latest_statuses(graph: nx.Graph, store: Store, *, as_of, recorded_by) -> None:
    """Each recommendation's latest status (its notation), by kg.rules.status."""
    recommendation = KIND.Recommendation.name
    recommendations = [n for n, kind in graph.nodes(data="kind") if kind == recommendation]
    if not recommendations:
        return
    values = " ".join(f"<{n}>" for n in recommendations)
    events: dict[str, list[tuple[str, str, str, str | None]]] = defaultdict(list)
    for row in store.select(f"""
        SELECT ?s ?e ?status ?date ?recorded WHERE {{
          VALUES ?s {{ {values} }} ?s pkg:statusEvent ?e . ?e pkg:status ?status ; pkg:date ?date .
          OPTIONAL {{ ?e pkg:recorded ?recorded }} }}"""):
        recorded = row["recorded"].value if "recorded" in row else None
        events[row["s"].value].append(
            (row["e"].value, row["status"].value, str(row["date"].value), recorded)
        )
    for node, found in events.items():
        known = status_rule.in_order(
            found, date=lambda e: e[2], status=lambda e: STATUS.by_iri(e[1]), iri=lambda e: e[0],
            as_of=as_of, recorded_by=recorded_by, recorded=lambda e: e[3],
        )  # fmt: skip
        status = STATUS.by_iri(known[-1][1]) if known else None
        if status is not None:
            graph.nodes[node]["status"] = status.notation


def filter_panel(graph: nx.Graph, base: str, filters: Filters | None = None):
    """The view's filter panel. With `filters` (the overview's), the server applies them and
    `graph` is the whole projection, whose reports, themes and bodies are offered; without,
    the page applies them to `graph`, the view it shows."""
    import viz

    def key(kind: str):  # the key a URL carries for an IRI, as RequestContext.iri reads it
        prefix = f"{base}/{kind}/"

        def of(iri: str) -> str:
            rest = iri[len(prefix) :]
            return rest if iri.startswith(prefix) and rest and "/" not in rest else iri

        return of

    def offered(kind: str, path: str) -> tuple[viz.Choice, ...]:
        return viz.choices(((n, str(a.get("label") or n)) for n, a in graph.nodes(data=True)
                            if a.get("kind") == kind), key(path))  # fmt: skip

    present = None if filters else {graph.nodes[n].get("status") for n in graph}
    statuses = tuple(viz.Choice(c.notation, c.label[:1].upper() + c.label[1:]) for c in STATUS
                     if present is None or c.notation in present)  # fmt: skip
    chosen = filters or Filters()
    roles = tuple(edge_name(role) for role in ROLE)
    # (parameter, kind, the links from a selected entity to the chosen one, the chosen one too)
    entities = (
        ("report", KIND.Report, (DIRECT[str(PKG.report)],), True, chosen.report),
        ("theme", KIND.Theme, (DIRECT[str(PKG.theme)],), False, chosen.theme),
        ("body", KIND.Body, (DIRECT[str(PKG.implicates)], *roles), False, chosen.body),
    )
    return viz.FilterPanel(
        action=VIEWS if filters else None,
        selects=(
            *(viz.Select(name, kind.name, offered(kind.name, name), via=via, itself=itself,
                         selected=key(name)(now or ""))
              for name, kind, via, itself, now in entities),
            viz.Select("status", "Status of recommendations", statuses, field="status",
                       selected=chosen.status or ""),
        ),
        kinds=tuple(KIND_NAMES) if filters else None,
        selected_kinds=chosen.kinds,
    )  # fmt: skip


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
    recommendation in a chain of repeated calls and every finding in a chain of findings of the
    same failure)."""
    from .. import analysis

    if which == "gaps":
        return {gap.iri: "gap" for gap in analysis.gaps(store)}
    if which == "recurrence":
        calls = {link.recommendation for issue in analysis.recurrence(store, precursors=False)
                 for link in issue.chain}  # fmt: skip
        found = {link.finding for problem in analysis.recurring_problems(store)
                 for link in problem.chain}  # fmt: skip
        return dict.fromkeys(sorted(calls | found), "recurrence")
    raise BadRequest(f"unknown highlight {which!r}; use gaps or recurrence")


def page(graph: nx.Graph, store: Store, *, title: str, base: str, vis_js: str | None,
         limit: int = DEFAULT_LIMIT, focus: str | None = None, narrow_hint: str = "",
         node_url=None, marks: dict[str, str] | None = None, filters: Filters | None = None,
         everything: nx.Graph | None = None, views: str | None = None) -> str:  # fmt: skip
    """Cut down, decorate, mark and draw a view. With `filters` the server applies them (the
    panel offers what `everything` holds); `views` lets the page expand nodes (VIEWS)."""
    import viz

    shown, notice = viz.cut_down(graph, limit, focus=focus)
    if shown is graph:  # whole: it may be the projection's own graph, which decorating would mark
        shown = graph.copy()
    if notice and narrow_hint:
        notice = f"{notice} {narrow_hint}"
    as_of, recorded_by = (filters.as_of, filters.recorded_by) if filters else (None, None)
    decorate(shown, store, as_of=as_of, recorded_by=recorded_by)
    for iri, name in (marks or {}).items():
        if iri in shown:
            shown.nodes[iri]["highlight"] = name
    panel = filter_panel(everything if filters and everything is not None else shown, base,
                         filters)  # fmt: skip
    return viz.render(
        shown,
        title=title,
        node_url=node_url or (lambda iri: entity_url(base, iri)),
        vis_js=vis_js,
        notice=notice,
        focus=focus,
        panel=panel,
        views=views,
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
        projection = build.graph_projection()
        graph = overview(projection, build.store, filters)
        marks = None
        if request.query_params.get("highlight"):
            marks = highlights(build.store, request.query_params["highlight"])
        left_out = ("limit", "asOf", "recordedBy", *PAGE_PARAMETERS)
        shown = "; ".join(f"{k} {v}" for k, v in request.query_params.multi_items()
                          if k not in left_out)  # fmt: skip
        title = "policy-kg: " + (shown or "the whole corpus") + when_said(as_of, recorded_by)
        return HTMLResponse(page(
            graph, build.store, title=title, base=build.base, vis_js=VIS_JS, limit=limit,
            marks=marks, narrow_hint="Filter with ?report=, ?kind=, ?theme=, ?body= or ?status=.",
            filters=filters, everything=projection.graph, views=VIEWS,
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
            views=VIEWS,
        ))  # fmt: skip

    def show_trace(request: Request):  # sync: Starlette runs it in a thread
        start, end = iri(request, "from", "node"), iri(request, "to", "node")
        if not (start and end):
            raise BadRequest("give both ends: /viz/trace?from=IRI&to=IRI")
        graph = between(build.graph_projection(), start, end)
        return HTMLResponse(page(
            graph, build.store, title="Trace", base=build.base, vis_js=VIS_JS, focus=start,
            views=VIEWS,
        ))  # fmt: skip

    def show_neighbours(request: Request):  # sync: Starlette runs it in a thread
        """What the page's "expand" adds: the entity's neighbours and the links among them."""
        import viz

        start = iri(request, "id", "node")
        if start is None:
            raise BadRequest("give the entity's IRI: /viz/neighbours?id=...")
        as_of, recorded_by = asked_dates(request)
        graph = around(build.graph_projection(), start, 1)
        decorate(graph, build.store, as_of=as_of, recorded_by=recorded_by)
        fragment = viz.fragment(graph, node_url=lambda node: entity_url(build.base, node))
        return JSONResponse({"id": start, **fragment})

    return [
        Route(VIS_JS, vis_network),
        Route("/viz", show_overview),
        Route("/viz/entity", show_around),
        Route("/viz/trace", show_trace),
        Route("/viz/neighbours", show_neighbours),
    ]


async def vis_network(request: Request):
    """vis-network's script, from the copy pyvis installs (cached by browsers for a day)."""
    from viz import vis_network_path  # imports pyvis: only when a view is first opened

    return FileResponse(vis_network_path(), headers={"Cache-Control": "public, max-age=86400"})
