"""Network views of the graph: what each /viz URL shows, decorated for people, drawn by `viz`.

`viz` (pyvis, which imports IPython) is imported only when a view is drawn: it would add about
half a second to every server's cold start.

The projection (kg.projection) gives the entities and their links; one batched query adds what a
tooltip needs (summary, confirmed, sources). Views bigger than a browser can draw are cut down,
and the page says so and how to narrow them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING
from urllib.parse import quote

if TYPE_CHECKING:
    import networkx as nx

from ontology import PKG

from .projection import Projection
from .store import Store
from .trace import trace

#: Views larger than this are cut down (a browser draws 2,000 nodes, but nobody reads them).
DEFAULT_LIMIT = 400
KIND_NAMES = ("Report", "Finding", "Recommendation", "Body", "Instrument", "Theme",
              "ProposedChange")  # fmt: skip


STATUSES = frozenset({"NOT_STARTED", "IN_PROGRESS", "LEGISLATING", "ENACTED", "IN_FORCE",
                      "DELIVERED", "STALLED"})  # fmt: skip


class ViewError(ValueError):
    """A view asked for something that is not there (its message is shown to the user)."""


@dataclass(frozen=True)
class Filters:
    report: str | None = None
    kinds: tuple[str, ...] = ()
    theme: str | None = None
    body: str | None = None
    status: str | None = None  # a DeliveryStatus name, e.g. IN_PROGRESS


def entity_url(base: str, iri: str) -> str:
    """Where an entity's page is served: its IRI's path when it is ours, else /entity?id=."""
    if iri.startswith(base + "/"):
        return iri[len(base) :]
    return "/entity?id=" + quote(iri, safe="")


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
            node["confirmed"] = row["confirmed"].value == "true"
        if "title" in row:
            authority = "primary" if row["authority"].value == f"{PKG}Primary" else "secondary"
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
        nonlocal chosen
        if not found:
            raise ViewError(f"nothing matches {what}")
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
        if filters.status not in STATUSES:
            raise ViewError(f"unknown status {filters.status!r}; use one of "
                            + ", ".join(sorted(STATUSES)))  # fmt: skip
        status = "".join(w.capitalize() for w in filters.status.split("_"))
        narrow(_members(store, f"""
            ?s pkg:statusEvent ?e . ?e pkg:status pkg:{status} ; pkg:date ?d .
            FILTER NOT EXISTS {{ ?s pkg:statusEvent ?l . ?l pkg:date ?ld FILTER(?ld > ?d) }}"""),
               f"status {filters.status}")  # fmt: skip
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
    import viz

    if iri not in projection.graph:
        raise ViewError(f"no entity {iri} in the graph")
    try:
        return viz.neighbourhood(projection.graph, iri, depth)
    except ValueError as exc:
        raise ViewError(str(exc)) from None


def between(projection: Projection, start: str, end: str, max_hops: int = 4) -> nx.MultiDiGraph:
    import viz

    for iri in (start, end):
        if iri not in projection.graph:
            raise ViewError(f"no entity {iri} in the graph")
    paths = trace(projection, start, end, max_hops=max_hops, limit=10)
    if not paths:
        raise ViewError(f"no path of at most {max_hops} links between the two entities")
    nodes = {step.source for path in paths for step in path} | {end}
    return viz.filter_graph(projection.graph, nodes=nodes)


def highlights(store: Store, which: str) -> dict[str, str]:
    """Entities to mark in a view: `gaps` (kg.analysis.gaps) or `recurrence` (every
    recommendation in a chain of repeated calls)."""
    from . import analysis

    if which == "gaps":
        return {gap.iri: "gap" for gap in analysis.gaps(store)}
    if which == "recurrence":
        return {link.recommendation: "recurrence"
                for issue in analysis.recurrence(store, precursors=False)
                for link in issue.chain}  # fmt: skip
    raise ViewError(f"unknown highlight {which!r}; use gaps or recurrence")


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
