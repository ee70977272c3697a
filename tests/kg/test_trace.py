"""Traces over the projection: paths in either direction, hub links left out, views reused."""

from __future__ import annotations

import networkx as nx

from kg import trace
from kg.projection import Projection


def projection() -> Projection:
    graph = nx.MultiDiGraph()
    for node, kind in [("rec", "Recommendation"), ("act", "Instrument"), ("section", "Instrument"),
                       ("report", "Report"), ("finding", "Finding")]:  # fmt: skip
        graph.add_node(node, kind=kind)
    graph.add_edge("rec", "section", key="amends", evidence="link")
    graph.add_edge("section", "act", key="isPartOf", evidence="section")
    graph.add_edge("rec", "report", key="report", evidence="rec")  # a hub link: never followed
    graph.add_edge("finding", "report", key="report", evidence="finding")
    return Projection(graph)


def test_a_trace_follows_links_either_way_and_says_which():
    [steps] = trace.trace(projection(), "act", "rec", max_hops=4, limit=5)
    assert [(s.source, s.target, s.predicate, s.inverse) for s in steps] == [
        ("act", "section", "isPartOf", True),
        ("section", "rec", "amends", True),
    ]


def test_hub_links_join_nothing():
    assert trace.trace(projection(), "finding", "rec", max_hops=4, limit=5) == []


def test_the_undirected_view_is_made_once_per_projection():
    one, other = projection(), projection()
    assert trace._undirected(one) is trace._undirected(one)
    assert trace._undirected(other) is not trace._undirected(one)
    assert trace.trace(one, "rec", None, max_hops=4, limit=5)[0][0].target == "section"
