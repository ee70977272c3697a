"""Choosing what a view shows: around one entity, by kind, and no more than a browser can draw.

Links count in both directions here: an explorer standing on a statute section wants the
recommendations that amend it as much as a recommendation wants its statutes. Each function
returns a new graph with copies of the node attributes, so a caller may decorate the result
(summaries, highlights) without touching the graph it came from.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Hashable

import networkx as nx

MAX_DEPTH = 3


def distances(graph: nx.Graph, start: Hashable, depth: int | None = None) -> dict[Hashable, int]:
    """Hops from `start` to every node within `depth` (all reachable nodes when None)."""
    seen = {start: 0}
    frontier = [start]
    hops = 0
    while frontier and (depth is None or hops < depth):
        hops += 1
        reached = []
        for node in frontier:
            neighbours = (
                itertools.chain(graph.successors(node), graph.predecessors(node))
                if graph.is_directed()
                else graph.neighbors(node)
            )
            for other in neighbours:
                if other not in seen:
                    seen[other] = hops
                    reached.append(other)
        frontier = reached
    return seen


def neighbourhood(graph: nx.Graph, iri: Hashable, depth: int = 1) -> nx.Graph:
    """`iri` and every entity within `depth` links of it (1 to 3), with the links among them.

    Raises KeyError when `iri` is not in the graph, ValueError for a depth outside 1..3.
    """
    if not isinstance(depth, int) or not 1 <= depth <= MAX_DEPTH:
        raise ValueError(f"depth must be 1, 2 or 3, got {depth!r}")
    if iri not in graph:
        raise KeyError(iri)
    return graph.subgraph(distances(graph, iri, depth)).copy()


def filter_graph(
    graph: nx.Graph,
    kinds: Collection[str] | None = None,
    nodes: Collection[Hashable] | None = None,
) -> nx.Graph:
    """The nodes of the given kinds and/or among `nodes` (None: no condition), links among them."""
    if isinstance(kinds, str):  # one kind, not its letters
        kinds = {kinds}
    kinds = None if kinds is None else set(kinds)
    wanted = None if nodes is None else set(nodes)
    keep = [
        node
        for node, kind in graph.nodes(data="kind")
        if (kinds is None or kind in kinds) and (wanted is None or node in wanted)
    ]
    return graph.subgraph(keep).copy()


def cut_down(
    graph: nx.Graph, limit: int, focus: Hashable | None = None
) -> tuple[nx.Graph, str | None]:
    """At most `limit` nodes, and a notice saying what was left out (None when nothing was).

    Keeps the nodes nearest to `focus` when it is in the graph (ties: the better connected),
    otherwise the most connected. A graph within the limit is returned as it is.
    """
    if limit < 1:
        raise ValueError(f"limit must be at least 1, got {limit!r}")
    total = graph.number_of_nodes()
    if total <= limit:
        return graph, None
    degree = dict(graph.degree())
    if focus is not None and focus in graph:
        hops = distances(graph, focus)
        far = total  # farther than any reachable node
        keep = sorted(graph, key=lambda n: (hops.get(n, far), -degree[n], str(n)))[:limit]
        label = graph.nodes[focus].get("label") or str(focus)
        which = f"those nearest to {label}"
    else:
        keep = sorted(graph, key=lambda n: (-degree[n], str(n)))[:limit]
        which = "the most connected"
    notice = (
        f"Showing {limit:,} of {total:,} entities ({which}). "
        "Narrow the view, by kind or around one entity, to see the others."
    )
    return graph.subgraph(keep).copy(), notice
