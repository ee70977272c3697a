"""The radial layout for big views: every node placed, apart, deterministic.

How long it takes is measured by scripts/bench_layout.py, not here.
"""

from __future__ import annotations

import itertools
import math

import networkx as nx

from viz.layout import SPACING, radial_layout


def hub_graph(spokes: int = 60) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("hub", kind="Report", label="Hub")
    for i in range(spokes):
        g.add_node(f"s{i}", kind="Finding", label=f"Spoke {i}")
        g.add_edge(f"s{i}", "hub", key="report", evidence="e")
        for j in range(i % 4):
            g.add_node(f"s{i}/{j}", kind="Body", label=f"Leaf {i}/{j}")
            g.add_edge(f"s{i}", f"s{i}/{j}", key="implicates", evidence="e")
    return g


def closest_pair(positions) -> float:
    return min(math.dist(a, b) for a, b in itertools.combinations(positions.values(), 2))


def test_every_node_gets_integer_coordinates():
    g = hub_graph()
    positions = radial_layout(g)
    assert set(positions) == set(g)
    assert all(isinstance(c, int) for xy in positions.values() for c in xy)


def test_nodes_keep_their_distance():
    positions = radial_layout(hub_graph())
    assert closest_pair(positions) >= SPACING * 0.9


def test_the_best_connected_node_or_the_focus_is_the_centre():
    g = hub_graph()
    positions = radial_layout(g)
    spokes = [math.dist(positions["hub"], positions[f"s{i}"]) for i in range(60)]
    assert max(spokes) - min(spokes) <= 2  # the spokes ring the hub
    positions = radial_layout(g, focus="s5")  # s5's neighbours: the hub and its one leaf
    to_hub = math.dist(positions["s5"], positions["hub"])
    to_leaf = math.dist(positions["s5"], positions["s5/0"])
    assert abs(to_hub - to_leaf) <= 2
    assert all(math.dist(positions["s5"], positions[f"s{i}"]) > to_hub for i in (1, 2, 3))


def test_components_do_not_overlap():
    g = hub_graph(20)
    for i in range(30):
        g.add_node(f"island{i}", kind="Theme", label="Island")
    g.add_edge("pair-a", "pair-b", key="echoes", evidence="e")
    positions = radial_layout(g)
    assert set(positions) == set(g)
    assert closest_pair(positions) >= SPACING * 0.9


def test_the_layout_is_deterministic():
    assert radial_layout(hub_graph()) == radial_layout(hub_graph())


def test_empty_and_single_node_graphs():
    assert radial_layout(nx.MultiDiGraph()) == {}
    g = nx.MultiDiGraph()
    g.add_node("only")
    assert list(radial_layout(g)) == ["only"]


def test_two_thousand_nodes_are_all_placed():
    g = nx.gnm_random_graph(2000, 5000, seed=1, directed=True)
    positions = radial_layout(g)
    assert len(positions) == 2000
    assert set(positions) == set(g)
