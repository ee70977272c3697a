"""Load: how much each body carries, and how much of the way from findings to the law runs
through it.

Counts say how many recommendations a body leads, partners or is consulted on. Centrality says
how often the body is the broker between what reports found and the statutes that would fix it:
betweenness restricted to paths from findings to Acts and sections, on the same undirected view
of meaningful links that traces use (kg.trace.TRACE_LINKS), so hub links such as `report` and
`theme` do not make every node look central.

Normalisation: the share of (finding, statute) pairs, among those joined by any path, whose
shortest paths run through the body, weighted as usual by the fraction of shortest paths that
do. 1.0 means every such pair goes through it. networkx's own `normalized=True` divides by all
node pairs of the whole graph, which makes the figure shrink as the graph grows, whatever the
body does.

Round trips: one SELECT (which instruments are Acts or sections); the rest is the projection.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import networkx as nx

from ..projection import Projection, build_projection
from ..store import Store
from ..trace import TRACE_LINKS

ROLES = ("lead", "partner", "consulted")


@dataclass(frozen=True)
class BodyLoad:
    body: str
    label: str
    lead: int
    partner: int
    consulted: int
    centrality: float  # share of finding-to-statute shortest paths through the body, 0..1

    @property
    def total(self) -> int:
        return self.lead + self.partner + self.consulted

    def as_row(self) -> dict:
        return {
            "body": self.body,
            "label": self.label,
            "lead": self.lead,
            "partner": self.partner,
            "consulted": self.consulted,
            "total": self.total,
            "centrality": self.centrality,
        }


def load(store: Store, projection: Projection | None = None) -> list[BodyLoad]:
    """Every body, most responsibilities first, then most central, then by IRI.

    Only recommendations' responsibilities count: a proposal's restate those of the
    recommendation that proposes it, and counting both would count one duty twice.
    """
    projection = projection or build_projection(store)
    graph = projection.graph
    counts = {n: dict.fromkeys(ROLES, 0) for n in graph if projection.kind(n) == "Body"}
    for s, o, key in graph.edges(keys=True):
        if key in ROLES and projection.kind(s) == "Recommendation" and o in counts:
            counts[o][key] += 1
    centrality = finding_to_statute_betweenness(projection, statutes(store))
    loads = [
        BodyLoad(
            body,
            graph.nodes[body].get("label", body),
            c["lead"],
            c["partner"],
            c["consulted"],
            round(centrality.get(body, 0.0), 6),
        )
        for body, c in counts.items()
    ]
    return sorted(loads, key=lambda b: (-b.total, -b.centrality, b.body))


def statutes(store: Store) -> set[str]:
    """Acts and their sections: the legal instruments paths from findings should reach."""
    rows = store.select("SELECT DISTINCT ?i WHERE { VALUES ?t { pkg:Act pkg:Section } ?i a ?t }")
    return {row["i"].value for row in rows}


def finding_to_statute_betweenness(projection: Projection, targets: set[str]) -> dict[str, float]:
    """Betweenness of every node on shortest paths from findings to `targets` (normalised as
    the module says), over the undirected view of TRACE_LINKS."""
    view = nx.Graph()
    view.add_nodes_from(projection.graph)
    view.add_edges_from(
        (s, o) for s, o, key in projection.graph.edges(keys=True) if key in TRACE_LINKS
    )
    sources = sorted(n for n in view if projection.kind(n) == "Finding")
    targets = sorted(t for t in targets if t in view)
    component = {n: i for i, c in enumerate(nx.connected_components(view)) for n in c}
    reach = Counter(component[t] for t in targets)
    pairs = sum(reach[component[s]] for s in sources)
    if not pairs:
        return {}
    # A symmetric directed view counts each (finding, statute) pair once, with no rescaling,
    # whichever networkx release does the sums.
    raw = nx.betweenness_centrality_subset(view.to_directed(), sources, targets, normalized=False)
    return {node: value / pairs for node, value in raw.items()}
