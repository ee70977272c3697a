"""Labels and tooltips: short on the canvas, complete and escaped in the tooltip."""

from __future__ import annotations

from viz.text import MAX_SOURCES, edge_tooltip, node_tooltip, short_label


def test_short_labels_wrap_to_two_lines_and_end_in_an_ellipsis():
    assert short_label("Home Office") == "Home Office"
    label = short_label("Recommendation 1: adults who penetrate a child under 16 are charged")
    lines = label.split("\n")
    assert len(lines) == 2 and all(len(line) <= 24 for line in lines)
    assert label.endswith("…")
    assert short_label("  spaced \n   out ") == "spaced out"
    assert short_label("Group-based child sexual exploitation", 40, 1) == (
        "Group-based child sexual exploitation"
    )


def test_node_tooltip_escapes_every_piece_of_user_text():
    tooltip = node_tooltip(
        "https://x.example/<iri>",
        {
            "kind": "Body<",
            "label": "<script>alert(1)</script>",
            "summary": 'a "quote" & <b>bold</b>',
            "sources": ["<a href='x'>Source</a> (primary), p. 3"],
            "highlight": "<gap>",
        },
    )
    assert "<script" not in tooltip and "<b>" not in tooltip and "<a " not in tooltip
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in tooltip
    assert "a &quot;quote&quot; &amp; &lt;b&gt;bold&lt;/b&gt;" in tooltip
    assert "&lt;a href=&#x27;x&#x27;&gt;Source&lt;/a&gt; (primary), p. 3" in tooltip
    assert "Body&lt;" in tooltip and "&lt;gap&gt;" in tooltip and "&lt;iri&gt;" in tooltip


def test_node_tooltip_says_kind_confirmation_and_caps_long_lists():
    sources = [f"Source {i}" for i in range(MAX_SOURCES + 3)]
    tooltip = node_tooltip("n", {"kind": "Finding", "label": "F", "confirmed": False,
                                 "summary": "s" * 2000, "sources": sources})  # fmt: skip
    assert "Finding · not confirmed by a primary source" in tooltip
    assert f"Source {MAX_SOURCES - 1}" in tooltip and f"Source {MAX_SOURCES}<" not in tooltip
    assert "and 3 more" in tooltip
    assert "s" * 600 not in tooltip and "…" in tooltip


def test_node_tooltip_of_a_bare_node_uses_its_identifier():
    tooltip = node_tooltip("https://x.example/a", {})
    assert tooltip.startswith("<strong>https://x.example/a</strong>")
    assert "Entity" in tooltip and "Sources" not in tooltip


def test_edge_tooltip_is_plain_text():
    assert edge_tooltip("Rec 1", ["lead", "partner"], "Home Office") == (
        "Rec 1 —lead, partner→ Home Office"
    )
