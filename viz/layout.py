"""Positions computed in Python for views too big for the browser's physics.

vis-network's physics takes seconds to settle hundreds of nodes and minutes for thousands; with
positions given and physics off the page is ready at once. `nx.spring_layout` would need numpy,
and scipy above 500 nodes, which the project does not depend on; this radial layout needs
neither and is cheap enough to run on every request (scripts/bench_layout.py times it).

Each connected component becomes a disc: its best-connected node (or the view's focus) at the
centre, the others on rings by their distance from it, each placed near the node it was reached
from, never closer than `spacing` to its neighbours on the ring. Discs are then packed in rows,
biggest first.
"""

from __future__ import annotations

import math
from collections.abc import Hashable
from typing import Any

import networkx as nx

SPACING = 150.0  # least distance between two nodes on a ring, in canvas pixels
RING_GAP = 220.0  # least distance between two rings
TAU = 2 * math.pi


def _adjacency(graph: nx.Graph) -> dict[Hashable, set[Hashable]]:
    """Neighbours regardless of direction, predicate or multiplicity."""
    adj: dict[Hashable, set[Hashable]] = {node: set() for node in graph}
    for u, v in graph.edges():
        if u != v:
            adj[u].add(v)
            adj[v].add(u)
    return adj


def _rings(root: Hashable, adj, seen: set, order) -> list[list[tuple[Hashable, Hashable]]]:
    """Breadth-first rings of (node, the node it was reached from), from `root` outwards."""
    seen.add(root)
    rings = [[(root, root)]]
    while True:
        ring = []
        for node, _parent in rings[-1]:
            for child in sorted(adj[node] - seen, key=order):
                seen.add(child)
                ring.append((child, node))
        if not ring:
            return rings
        rings.append(ring)


def _spread(wanted: list[float], gap: float) -> list[float]:
    """Sorted angles moved apart by at least `gap`, all within one turn (len * gap <= TAU)."""
    out: list[float] = []
    for angle in wanted:
        out.append(angle if not out else max(angle, out[-1] + gap))
    limit = out[0] + TAU - gap
    for i in reversed(range(len(out))):
        out[i] = min(out[i], limit if i == len(out) - 1 else out[i + 1] - gap)
    return out


def _disc(rings, spacing: float) -> tuple[float, dict[Hashable, tuple[float, float]]]:
    """Positions around (0, 0) for one component, and the radius it needs."""
    root = rings[0][0][0]
    angle: dict[Hashable, float] = {root: 0.0}
    where = {root: (0.0, 0.0)}
    radius = 0.0
    for depth, ring in enumerate(rings[1:], start=1):
        radius = max(radius + RING_GAP, len(ring) * spacing / TAU)
        gap = spacing / radius
        if depth == 1:  # around the centre: the whole turn
            wanted = [TAU * i / len(ring) for i in range(len(ring))]
        else:  # children fanned out around the angle of the node they were reached from
            siblings: dict[Hashable, list[int]] = {}
            for i, (_node, parent) in enumerate(ring):
                siblings.setdefault(parent, []).append(i)
            wanted = [0.0] * len(ring)
            for parent, indexes in siblings.items():
                for j, i in enumerate(indexes):
                    wanted[i] = angle[parent] + (j - (len(indexes) - 1) / 2) * gap
        order = sorted(range(len(ring)), key=wanted.__getitem__)
        for i, theta in zip(order, _spread([wanted[i] for i in order], gap), strict=True):
            node = ring[i][0]
            angle[node] = theta
            where[node] = (radius * math.cos(theta), radius * math.sin(theta))
    return radius + spacing / 2, where


def radial_layout(
    graph: nx.Graph, *, focus: Hashable | None = None, spacing: float = SPACING
) -> dict[Any, tuple[int, int]]:
    """Integer canvas positions for every node of `graph`; deterministic for a given graph."""
    adj = _adjacency(graph)
    kinds = dict(graph.nodes(data="kind", default=""))

    def order(node):  # siblings grouped by kind, then by identifier
        return (str(kinds[node] or ""), str(node))

    roots = sorted(adj, key=lambda node: (-len(adj[node]), str(node)))
    if focus in adj:
        roots.insert(0, focus)
    seen: set[Hashable] = set()
    discs = [_disc(_rings(root, adj, seen, order), spacing) for root in roots if root not in seen]
    return _pack(discs)


def _pack(discs) -> dict[Any, tuple[int, int]]:
    """Discs side by side in rows about as wide as the whole is tall, biggest first."""
    if not discs:
        return {}
    discs = sorted(discs, key=lambda disc: -disc[0])  # stable: the focus's disc leads its size
    row_width = max(2 * discs[0][0], math.sqrt(sum((2 * r) ** 2 for r, _ in discs)) * 1.2)
    positions: dict[Any, tuple[int, int]] = {}
    x = y = row_height = 0.0
    for radius, where in discs:
        if x > 0 and x + 2 * radius > row_width:
            x, y, row_height = 0.0, y + row_height, 0.0
        for node, (px, py) in where.items():
            positions[node] = (round(x + radius + px), round(y + radius + py))
        x += 2 * radius
        row_height = max(row_height, 2 * radius)
    return positions
