"""Looks and legend: every kind distinct, border marks explained only when used."""

from __future__ import annotations

from viz.style import KIND_LOOKS, OTHER, groups, legend, node_style

KINDS = ("Report", "Finding", "Recommendation", "Body", "Instrument", "Theme", "ProposedChange")


def test_every_projection_kind_has_its_own_shape_and_colour():
    assert tuple(KIND_LOOKS) == KINDS
    assert len({look.shape for look in KIND_LOOKS.values()}) == len(KINDS)
    assert len({look.fill for look in KIND_LOOKS.values()}) == len(KINDS)
    assert OTHER not in KIND_LOOKS.values()


def test_plain_nodes_take_their_kinds_group():
    assert node_style({"kind": "Body"}) == {"shape": "triangle", "group": "Body"}
    assert node_style({"kind": "Source"}) == {"shape": "dot", "group": "Other"}
    assert set(groups(["Body", "Source"])) == {"Body", "Other"}


def test_marked_nodes_carry_their_own_border():
    gap = node_style({"kind": "Finding", "highlight": "gap"})
    assert "group" not in gap and gap["borderWidth"] == 4
    assert gap["color"]["border"] == "#C00000"
    assert gap["color"]["background"] == KIND_LOOKS["Finding"].fill
    focused = node_style({"kind": "Finding", "highlight": "gap"}, focused=True)
    assert focused["color"]["border"] == "#000000" and focused["borderWidth"] == 5
    unconfirmed = node_style({"kind": "Finding", "confirmed": False})
    assert unconfirmed["group"] == "Finding" and unconfirmed["shapeProperties"]["borderDashes"]
    assert "shapeProperties" not in node_style({"kind": "Finding", "confirmed": True})


def test_legend_lists_kinds_present_in_order_with_counts():
    nodes = [{"kind": "Body"}, {"kind": "Report"}, {"kind": "Body"}, {"kind": None}]
    texts = [entry.text for entry in legend(nodes)]
    assert texts == ["Report (1)", "Body (2)", "Other (1)"]


def test_legend_explains_only_the_marks_in_use():
    nodes = [
        {"kind": "Finding", "confirmed": False},
        {"kind": "Finding", "highlight": "gap"},
        {"kind": "Recommendation", "highlight": "recurrence"},
    ]
    texts = [entry.text for entry in legend(nodes, focus_label="the view's centre, F")]
    assert texts == [
        "Finding (2)",
        "Recommendation (1)",
        "Dashed border: not confirmed by a primary source",
        "Thick coloured border: gap",
        "Thick coloured border: recurrence",
        "Thick black border: the view's centre, F",
    ]
    assert all(entry.svg.startswith("<svg") for entry in legend(nodes))
    assert [e.text for e in legend([{"kind": "Theme", "confirmed": True}])] == ["Theme (1)"]
