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

Cost: one breadth-first search per path end on the smaller side (findings or statutes; on an
undirected view the counts are the same from either end). When those searches would visit more
than CENTRALITY_BUDGET nodes and edges, a fixed sample of that side is searched and the sums
scaled up (Brandes and Pich's pivot sampling, 2007): an unbiased estimate, flagged on every row
as `centrality_estimated`. Small corpora (the bundled one, synthetic ones up to about 10^5
quads) get the exact figure; above the budget the exact search would keep a first request
waiting for minutes. Near-equal bodies can swap places in an estimate (the README gives the
measured error).

Round trips: one SELECT (which instruments are Acts or sections); the rest is the projection.
"""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import dataclass

from ontology.vocabulary import KIND, ROLE

from ..projection import Projection, build_projection, edge_name
from ..store import Store
from ..trace import TRACE_LINKS

#: The projection's edge keys of responsibilities (`lead`, `partner`, `consulted`).
ROLES = tuple(edge_name(role) for role in ROLE)
# Nodes and edges the centrality's searches may visit (about 6 s of networkx on this machine)
# before it samples; the sample never has fewer than CENTRALITY_MIN_SAMPLE path ends.
CENTRALITY_BUDGET = 4_000_000
CENTRALITY_MIN_SAMPLE = 64


@dataclass(frozen=True)
class BodyLoad:
    body: str
    label: str
    lead: int
    partner: int
    consulted: int
    centrality: float  # share of finding-to-statute shortest paths through the body, 0..1
    centrality_estimated: bool = False  # from a sample of path ends (see the module)

    @property
    def total(self) -> int:
        return self.lead + self.partner + self.consulted

    def as_row(self) -> dict:
        return {
            "body": self.body,
            "label": self.label,
            ROLE.LEAD.token: self.lead,
            ROLE.PARTNER.token: self.partner,
            ROLE.CONSULTED.token: self.consulted,
            "total": self.total,
            "centrality": self.centrality,
            "centrality_estimated": self.centrality_estimated,
        }


def load(store: Store, projection: Projection | None = None) -> list[BodyLoad]:
    """Every body, most responsibilities first, then most central, then by IRI.

    Only recommendations' responsibilities count: a proposal's restate those of the
    recommendation that proposes it, and counting both would count one duty twice.
    """
    projection = projection or build_projection(store)
    graph = projection.graph
    counts = {n: dict.fromkeys(ROLES, 0) for n in graph if projection.kind(n) == KIND.Body.name}
    for s, o, key in graph.edges(keys=True):
        if key in ROLES and projection.kind(s) == KIND.Recommendation.name and o in counts:
            counts[o][key] += 1
    centrality, estimated = finding_to_statute_betweenness(projection, statutes(store))
    loads = [
        BodyLoad(
            body,
            graph.nodes[body].get("label", body),
            c[edge_name(ROLE.LEAD)],
            c[edge_name(ROLE.PARTNER)],
            c[edge_name(ROLE.CONSULTED)],
            round(centrality.get(body, 0.0), 6),
            estimated,
        )
        for body, c in counts.items()
    ]
    return sorted(loads, key=lambda b: (-b.total, -b.centrality, b.body))


def statutes(store: Store) -> set[str]:
    """Acts and their sections: the legal instruments paths from findings should reach."""
    rows = store.select("SELECT DISTINCT ?i WHERE { VALUES ?t { pkg:Act pkg:Section } ?i a ?t }")
    return {row["i"].value for row in rows}


def finding_to_statute_betweenness(
    projection: Projection, targets: set[str], budget: int | None = None
) -> tuple[dict[str, float], bool]:
    """Betweenness of every node on shortest paths from findings to `targets` (normalised as
    the module says), over the undirected view of TRACE_LINKS; and whether it is estimated."""
    import networkx as nx

    view = nx.Graph()
    view.add_nodes_from(projection.graph)
    view.add_edges_from(
        (s, o) for s, o, key in projection.graph.edges(keys=True) if key in TRACE_LINKS
    )
    findings = sorted(n for n in view if projection.kind(n) == KIND.Finding.name)
    targets = sorted(t for t in targets if t in view)
    component = {n: i for i, c in enumerate(nx.connected_components(view)) for n in c}
    reach = Counter(component[t] for t in targets)
    pairs = sum(reach[component[s]] for s in findings)
    if not pairs:
        return {}, False
    ends, others = sorted((findings, targets), key=len)
    per_search = view.number_of_nodes() + 2 * view.number_of_edges()
    affordable = max((budget or CENTRALITY_BUDGET) // per_search, CENTRALITY_MIN_SAMPLE)
    estimated = len(ends) > affordable
    searched = random.Random(0).sample(ends, affordable) if estimated else ends
    # A symmetric directed view counts each (finding, statute) pair once, with no rescaling,
    # whichever networkx release does the sums.
    raw = nx.betweenness_centrality_subset(view.to_directed(), searched, others, normalized=False)
    scale = len(ends) / len(searched) / pairs
    return {node: value * scale for node, value in raw.items()}, estimated
