"""Traces: the shortest simple paths between two entities over meaningful links.

Links are followed in either direction (a legal team traces a recommendation to a section, and
a section back to every recommendation), but a step says which way the stored fact points.
Hub links (`report`, `theme`) are left out: every finding shares its report, so paths through
it would say nothing. Asked `recorded_by` a day, a trace follows only the links recorded on or
before it (kg.projection: the evidence's `pkg:recorded`, else the stating entity's); a link with
no recorded date at all (no cited source has an issue date, as for an Act's sections) is always
followed, since nothing says when it was published.
"""

from __future__ import annotations

import itertools
import threading
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported on first use: it is slow to import
    import networkx as nx

from ontology.vocabulary import KIND

from .projection import QUALIFIED_NAMES, Projection
from .rules.status import day

#: Every responsibility and instrument link (`lead`, ..., `implementedBy`), and these.
TRACE_LINKS = frozenset({
    "addresses", "implicates", "echoes", "proposedBy", "enactedAs", "isPartOf",
    "subOrganizationOf", *QUALIFIED_NAMES.values(),
})  # fmt: skip
LEGAL_KINDS = frozenset({KIND.Instrument.name})
#: Paths of equal length considered before choosing the first ones (bounds the work on hubs).
MAX_CANDIDATES = 200


@dataclass(frozen=True)
class Step:
    source: str  # the entity the step leaves
    target: str  # the entity it reaches
    predicate: str
    inverse: bool  # True when the stored fact points from target to source
    evidence: str  # the node whose citations support the step


#: Each projection's undirected view, made once: on a large build, making it costs more than
#: a trace itself. A projection is never changed once built, and goes with its build.
_VIEWS: weakref.WeakKeyDictionary[Projection, nx.Graph] = weakref.WeakKeyDictionary()
_VIEWS_LOCK = threading.Lock()


def _undirected(projection: Projection) -> nx.Graph:
    with _VIEWS_LOCK:  # requests run in a thread pool
        view = _VIEWS.get(projection)
        if view is None:
            view = _VIEWS[projection] = _make_undirected(projection)
    return view


def _make_undirected(projection: Projection) -> nx.Graph:
    """One weighted edge per connected pair; remember every fact joining them."""
    import networkx as nx

    view = nx.Graph()
    for s, o, key, data in projection.graph.edges(keys=True, data=True):
        if key not in TRACE_LINKS:
            continue
        facts = view.get_edge_data(s, o, default={"facts": []})["facts"]
        facts.append((s, o, key, data["evidence"], data.get("recorded") or ""))
        view.add_edge(s, o, facts=facts)
    return view


def _known(facts: list[tuple], recorded_by: str | None) -> list[tuple]:
    """The facts recorded on or before `recorded_by` (ISO text; None: all); a fact with no
    recorded date ("") counts as known."""
    if recorded_by is None:
        return facts
    return [f for f in facts if f[4] <= recorded_by]


def _steps(view: nx.Graph, path: list[str], recorded_by: str | None = None) -> list[Step]:
    steps = []
    for a, b in itertools.pairwise(path):
        s, _o, key, evidence, _recorded = sorted(_known(view.edges[a, b]["facts"], recorded_by))[0]
        steps.append(Step(a, b, key, inverse=(s != a), evidence=evidence))
    return steps


def trace(projection: Projection, start: str, end: str | None, max_hops: int,
          limit: int, *, recorded_by=None) -> list[list[Step]]:  # fmt: skip
    """Up to `limit` shortest paths of at most `max_hops` steps; with `recorded_by` (a date),
    over the facts recorded by then only.

    With no `end`, one shortest path to each legal instrument within reach, nearest first.
    """
    import networkx as nx

    view = _undirected(projection)
    cutoff = day(recorded_by) if recorded_by is not None else None
    if cutoff is not None:
        full = view
        view = nx.subgraph_view(
            full, filter_edge=lambda a, b: bool(_known(full.edges[a, b]["facts"], cutoff))
        )
    if start not in view:
        return []
    if end is not None:
        if end not in view or start == end:
            return []
        found: list[list[str]] = []
        try:
            for path in nx.shortest_simple_paths(view, start, end):
                if len(path) - 1 > max_hops:
                    break
                # finish the ties of the last length wanted, then order them stably
                if len(found) >= limit and len(path) > len(found[limit - 1]):
                    break
                found.append(path)
                if len(found) >= MAX_CANDIDATES:
                    break
        except nx.NetworkXNoPath:  # the two are not connected (by the links known then)
            pass
        found.sort(key=lambda p: (len(p), p))
        return [_steps(view, path, cutoff) for path in found[:limit]]
    reach = nx.single_source_shortest_path(view, start, cutoff=max_hops)
    targets = [n for n in reach if n != start and projection.kind(n) in LEGAL_KINDS]
    targets.sort(key=lambda n: (len(reach[n]), n))
    return [_steps(view, reach[n], cutoff) for n in targets[:limit]]
