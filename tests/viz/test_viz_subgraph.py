"""Choosing what a view shows: neighbourhoods, filters, and cutting a view down to size."""

from __future__ import annotations

import networkx as nx
import pytest

from viz import cut_down, filter_graph, neighbourhood

# report <- rec1 -> body ; rec1 -> finding -> report ; body -> parent ; act/section ; island
EDGES = [
    ("rec1", "report", "report"),
    ("finding", "report", "report"),
    ("rec1", "finding", "addresses"),
    ("rec1", "body", "lead"),
    ("body", "parent", "subOrganizationOf"),
    ("rec1", "section", "amends"),
    ("section", "act", "isPartOf"),
    ("rec2", "report", "report"),
]
KINDS = {
    "report": "Report",
    "rec1": "Recommendation",
    "rec2": "Recommendation",
    "finding": "Finding",
    "body": "Body",
    "parent": "Body",
    "section": "Instrument",
    "act": "Instrument",
    "island": "Theme",
}


def graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for node, kind in KINDS.items():
        g.add_node(node, kind=kind, label=node.title())
    for s, o, key in EDGES:
        g.add_edge(s, o, key=key, evidence=s)
    return g


def test_neighbourhood_follows_links_both_ways():
    g = graph()
    assert set(neighbourhood(g, "rec1", 1)) == {"rec1", "report", "finding", "body", "section"}
    assert set(neighbourhood(g, "act", 1)) == {"act", "section"}  # against the link's direction
    assert set(neighbourhood(g, "act", 2)) == {"act", "section", "rec1"}
    assert set(neighbourhood(g, "act", 3)) == {
        "act",
        "section",
        "rec1",
        "report",
        "finding",
        "body",
    }


def test_neighbourhood_keeps_the_links_among_its_nodes_and_copies():
    g = graph()
    sub = neighbourhood(g, "rec1", 1)
    assert set(sub.edges(keys=True)) >= {("rec1", "body", "lead"), ("finding", "report", "report")}
    assert sub.nodes["rec1"] == {"kind": "Recommendation", "label": "Rec1"}
    sub.nodes["rec1"]["highlight"] = "gap"
    assert "highlight" not in g.nodes["rec1"]


@pytest.mark.parametrize("depth", [0, 4, -1, 1.5])
def test_neighbourhood_depth_is_one_to_three(depth):
    with pytest.raises(ValueError, match="depth must be 1, 2 or 3"):
        neighbourhood(graph(), "rec1", depth)


def test_neighbourhood_of_an_unknown_node_is_a_key_error():
    with pytest.raises(KeyError):
        neighbourhood(graph(), "nowhere", 1)


def test_filter_by_kind_and_by_nodes():
    g = graph()
    assert set(filter_graph(g, kinds={"Body"})) == {"body", "parent"}
    assert set(filter_graph(g, kinds="Instrument").edges(keys=True)) == {
        ("section", "act", "isPartOf")
    }
    assert set(filter_graph(g, nodes=["rec1", "body", "nowhere"])) == {"rec1", "body"}
    assert set(filter_graph(g, kinds=["Body"], nodes=["rec1", "body"])) == {"body"}
    assert set(filter_graph(g)) == set(g)
    assert set(filter_graph(g, kinds=[])) == set()


def test_cut_down_leaves_a_small_graph_alone():
    g = graph()
    same, notice = cut_down(g, len(g))
    assert same is g and notice is None


def test_cut_down_keeps_the_most_connected():
    g = graph()
    sub, notice = cut_down(g, 3)
    # degrees: rec1 4, report 3, finding 2, body 2, section 2, ...; ties by identifier
    assert set(sub) == {"rec1", "report", "body"}
    assert notice == (
        "Showing 3 of 9 entities (the most connected). "
        "Narrow the view, by kind or around one entity, to see the others."
    )


def test_cut_down_around_a_focus_keeps_the_nearest():
    g = graph()
    sub, notice = cut_down(g, 3, focus="act")
    assert set(sub) == {"act", "section", "rec1"}
    assert "those nearest to Act" in notice
    sub, _ = cut_down(g, 8, focus="island")  # nothing is near an island: then by connectedness
    assert "island" in sub and "rec2" not in sub  # degree 1, last by identifier
    sub, notice = cut_down(g, 3, focus="nowhere")  # an unknown focus is no focus
    assert "the most connected" in notice


def test_cut_down_needs_a_positive_limit():
    with pytest.raises(ValueError, match="limit must be at least 1"):
        cut_down(graph(), 0)
