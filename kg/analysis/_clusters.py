"""Clusters: recommendations that belong together because they share themes and bodies.

Across reports, recommendations on the same subject for the same bodies are one programme of
work whatever their numbering; grouping them shows an analyst which calls to read together and
which bodies hold each programme.

Communities come from Louvain modularity maximisation on the affiliation graph: recommendations
joined to their themes and bodies (any role). A community's recommendations are a cluster. The
one-mode alternative (recommendations joined by how many features they share) grows with the
square of a feature's holders; the affiliation graph grows with the number of links and gives
the same partition on the bundled corpus. Modularity's degree null model also discounts hubs,
so the body on most recommendations (the Home Office) does not pull unrelated calls into one
cluster, as greedy modularity on the one-mode graph did. Louvain runs with fixed seeds
0..seeds-1 and the partition of highest modularity is kept (the first on a tie): one seeded run
depends on its seed, the best of several is stable, and the same build always gives the same
clusters. Large graphs get fewer seeds (at least two), so that the runs together handle at most
LOUVAIN_BUDGET edges and a first request stays bounded.

Round trips: one SELECT (report keys and numbers); themes and bodies come from the projection.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ontology.vocabulary import KIND, ROLE

from ..projection import Projection, build_projection, edge_name
from ..store import Store
from ._facts import natural_key

if TYPE_CHECKING:  # networkx is imported when an analysis first runs, not at start-up
    import networkx as nx

#: The projection's edge keys of responsibilities (`lead`, `partner`, `consulted`).
ROLES = frozenset(edge_name(role) for role in ROLE)
LOUVAIN_BUDGET = 160_000  # edges summed over the seeded runs; the bundled corpus has 96


@dataclass(frozen=True)
class Shared:
    """A theme or body and how many members of the cluster have it."""

    iri: str
    label: str
    members: int


@dataclass(frozen=True)
class Cluster:
    number: int  # 1 = largest
    members: tuple[str, ...]  # recommendation IRIs
    keys: tuple[str, ...]  # REPORT-KEY/NUMBER of each member
    labels: tuple[str, ...]
    themes: tuple[Shared, ...]  # held by at least two members, most held first
    bodies: tuple[Shared, ...]

    def as_row(self) -> dict:
        size = len(self.members)
        return {
            "number": self.number,
            "size": size,
            "members": "; ".join(self.keys),
            "labels": "; ".join(self.labels),
            "themes": "; ".join(f"{s.label} ({s.members}/{size})" for s in self.themes),
            "bodies": "; ".join(f"{s.label} ({s.members}/{size})" for s in self.bodies),
            "iris": "; ".join(self.members),
        }


def clusters(
    store: Store,
    projection: Projection | None = None,
    min_size: int = 2,
    resolution: float = 1.0,
    seeds: int = 16,
) -> list[Cluster]:
    """Clusters of at least `min_size` recommendations, largest first."""
    projection = projection or build_projection(store)
    keys = _keys(store)
    has = _themes_and_bodies(projection)
    graph = affiliation_graph(has)
    communities = communities_of(graph, resolution, seeds)
    groups = [sorted((n for n in c if n in has), key=natural_key) for c in communities]
    groups = [g for g in groups if len(g) >= min_size]
    groups.sort(key=lambda g: (-len(g), natural_key(g[0])))
    labels = projection.graph.nodes
    found = []
    for number, members in enumerate(groups, start=1):
        themes, bodies = Counter(), Counter()
        for m in members:
            themes.update(t for kind, t in has[m] if kind == "theme")
            bodies.update(b for kind, b in has[m] if kind == "body")
        found.append(
            Cluster(
                number=number,
                members=tuple(members),
                keys=tuple(keys.get(m, m) for m in members),
                labels=tuple(labels[m].get("label", m) for m in members),
                themes=_shared(themes, labels),
                bodies=_shared(bodies, labels),
            )
        )
    return found


def louvain_communities(graph: nx.Graph, **options) -> list[set[str]]:
    """networkx's Louvain partition (networkx is imported on first use)."""
    from networkx.algorithms.community import louvain_communities as louvain

    return louvain(graph, **options)


def modularity(graph: nx.Graph, communities, **options) -> float:
    from networkx.algorithms.community import modularity as score

    return score(graph, communities, **options)


def communities_of(graph: nx.Graph, resolution: float, seeds: int) -> list[set[str]]:
    """The Louvain partition of highest modularity over seeds 0..seeds-1 (fewer for large
    graphs: see the module)."""
    if graph.number_of_edges() == 0:
        return [{n} for n in graph]
    seeds = min(seeds, max(2, LOUVAIN_BUDGET // graph.number_of_edges()))
    best, best_score = [], float("-inf")
    for seed in range(seeds):
        found = louvain_communities(graph, resolution=resolution, seed=seed)
        score = modularity(graph, found, resolution=resolution)
        if score > best_score:
            best, best_score = found, score
    return best


def affiliation_graph(has: dict[str, set[tuple[str, str]]]) -> nx.Graph:
    """Recommendations joined to the themes and bodies they have (node order fixed, so seeded
    runs repeat)."""
    import networkx as nx

    recommendations = sorted(has, key=natural_key)
    graph = nx.Graph()
    graph.add_nodes_from(recommendations)
    graph.add_edges_from((rec, iri) for rec in recommendations for _, iri in sorted(has[rec]))
    return graph


def _themes_and_bodies(projection: Projection) -> dict[str, set[tuple[str, str]]]:
    graph = projection.graph
    has = {n: set() for n in graph if projection.kind(n) == KIND.Recommendation.name}
    for s, o, key in graph.edges(keys=True):
        if s in has and key == "theme":
            has[s].add(("theme", o))
        elif s in has and key in ROLES:
            has[s].add(("body", o))
    return has


def _shared(counts: Counter, labels) -> tuple[Shared, ...]:
    held = [Shared(iri, labels[iri].get("label", iri), n) for iri, n in counts.items() if n >= 2]
    return tuple(sorted(held, key=lambda s: (-s.members, s.label)))


def _keys(store: Store) -> dict[str, str]:
    rows = store.select("""
        SELECT DISTINCT ?rec ?key ?number WHERE {
          ?rec a pkg:Recommendation ; pkg:number ?number ; pkg:report/pkg:key ?key }""")
    return {row["rec"].value: f"{row['key'].value}/{row['number'].value}" for row in rows}
