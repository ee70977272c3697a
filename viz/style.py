"""How each kind of entity looks, and the legend that explains it.

Colour and shape both carry the kind, so the view still reads in grey or for colour-blind
readers (the colours are the Okabe-Ito palette). Border marks say something about one entity:
dashed when no primary source confirms it, thick and coloured when the caller highlights it
(e.g. a finding with no recommendation, a recommendation repeating an earlier inquiry), thick
and black for the entity a view is centred on. The legend lists only what the view contains.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ontology.vocabulary import KIND


@dataclass(frozen=True)
class Look:
    shape: str  # a vis-network shape that draws its label underneath
    fill: str
    border: str


#: The projection's kinds, in the order the legend lists them.
KIND_LOOKS: dict[str, Look] = {
    KIND.Report.name: Look("square", "#0072B2", "#004C78"),
    KIND.Finding.name: Look("dot", "#E69F00", "#9A6A00"),
    KIND.Recommendation.name: Look("diamond", "#009E73", "#006A4D"),
    KIND.Body.name: Look("triangle", "#CC79A7", "#8E4A72"),
    KIND.Instrument.name: Look("hexagon", "#D55E00", "#8F3F00"),
    KIND.Theme.name: Look("star", "#56B4E9", "#2C7FB0"),
    KIND.ProposedChange.name: Look("triangleDown", "#F0E442", "#8A8000"),
}
OTHER = Look("dot", "#BBBBBB", "#777777")

#: Border colours of highlighted entities; any other highlight name gets the default.
HIGHLIGHT_COLOURS = {"gap": "#C00000", "recurrence": "#6A1B9A"}
DEFAULT_HIGHLIGHT = "#222222"
FOCUS_BORDER = "#000000"
UNCONFIRMED_DASHES = [4, 3]

#: Small SVG drawings of the shapes, for the legend (our own constant markup).
_SVG_SHAPES = {
    "square": '<rect x="2" y="2" width="12" height="12"/>',
    "dot": '<circle cx="8" cy="8" r="6"/>',
    "diamond": '<polygon points="8,1 15,8 8,15 1,8"/>',
    "triangle": '<polygon points="8,1.5 15,14 1,14"/>',
    "triangleDown": '<polygon points="1,2 15,2 8,14.5"/>',
    "hexagon": '<polygon points="4,1.5 12,1.5 15.5,8 12,14.5 4,14.5 0.5,8"/>',
    "star": (
        '<polygon points="8,0.5 10,5.8 15.6,6 11.2,9.5 12.7,15 8,11.8 3.3,15 4.8,9.5 0.4,6 6,5.8"/>'
    ),
}


def look(kind: str | None) -> Look:
    return KIND_LOOKS.get(kind or "", OTHER)


def highlight_colour(name: str) -> str:
    return HIGHLIGHT_COLOURS.get(name, DEFAULT_HIGHLIGHT)


def group(kind: str | None) -> str:
    """The vis-network group a node of this kind belongs to."""
    return kind if kind in KIND_LOOKS else "Other"


def _colours(kind_look: Look, border: str) -> dict[str, Any]:
    return {
        "background": kind_look.fill,
        "border": border,
        "highlight": {"background": kind_look.fill, "border": "#000000"},
        "hover": {"background": kind_look.fill, "border": "#000000"},
    }


def groups(kinds: Iterable[str | None]) -> dict[str, dict[str, Any]]:
    """vis-network `groups` options (shape and colours) for the given kinds."""
    out = {}
    for kind in kinds:
        kind_look = look(kind)
        out[group(kind)] = {
            "shape": kind_look.shape,
            "borderWidth": 1.5,
            "color": _colours(kind_look, kind_look.border),
        }
    return out


def node_style(attrs: Mapping[str, Any], *, focused: bool = False) -> dict[str, Any]:
    """A node's shape and group, and the border marks that set it apart from its kind.

    pyvis writes a shape on every node (so we give the right one) and drops a node's colour
    when it has a group: a node with a border of its own gets its full colours and no group.
    """
    kind_look = look(attrs.get("kind"))
    style: dict[str, Any] = {"shape": kind_look.shape}
    border = None
    if attrs.get("highlight"):
        border, style["borderWidth"] = highlight_colour(str(attrs["highlight"])), 4
    if focused:
        border, style["borderWidth"] = FOCUS_BORDER, 5
    if border:
        style["color"] = _colours(kind_look, border)
    else:
        style["group"] = group(attrs.get("kind"))
    if attrs.get("confirmed") is False:
        style["shapeProperties"] = {"borderDashes": UNCONFIRMED_DASHES}
        style["borderWidth"] = max(style.get("borderWidth", 0), 2.5)
    return style


@dataclass(frozen=True)
class LegendEntry:
    text: str  # plain text: the template escapes it
    svg: str  # our own SVG drawing of the mark (constant markup, no user text)
    key: str = ""  # what the page's script knows the entry by: `kind:Body`, `mark:unconfirmed`
    kind: str | None = None  # the kind it counts (the page recounts what it shows)


def _svg(shape: str, fill: str, stroke: str, width: float = 1.5, dashed: bool = False) -> str:
    dashes = ' stroke-dasharray="3 2"' if dashed else ""
    return (
        '<svg viewBox="0 0 16 16" width="18" height="18" aria-hidden="true">'
        f'<g fill="{fill}" stroke="{stroke}" stroke-width="{width}"{dashes}>'
        f"{_SVG_SHAPES[shape]}</g></svg>"
    )


def legend(
    nodes: Iterable[Mapping[str, Any]], *, focus_label: str | None = None
) -> list[LegendEntry]:
    """One entry per kind present (with its count), then the border marks in use."""
    nodes = list(nodes)
    counts = Counter(node.get("kind") for node in nodes)
    entries = []
    for kind in KIND_LOOKS:
        if counts[kind]:
            entries.append(LegendEntry(f"{kind} ({counts[kind]:,})", kind_svg(kind),
                                       key=f"kind:{kind}", kind=kind))  # fmt: skip
    others = sum(n for kind, n in counts.items() if kind not in KIND_LOOKS)
    if others:
        entries.append(LegendEntry(f"Other ({others:,})", kind_svg(None), key="kind:Other",
                                   kind="Other"))  # fmt: skip
    if any(node.get("confirmed") is False for node in nodes):
        svg = _svg("dot", "#FFFFFF", "#444444", dashed=True)
        entries.append(LegendEntry("Dashed border: not confirmed by a primary source", svg,
                                   key="mark:unconfirmed"))  # fmt: skip
    for name in sorted({str(node["highlight"]) for node in nodes if node.get("highlight")}):
        svg = _svg("dot", "#FFFFFF", highlight_colour(name), width=3)
        entries.append(LegendEntry(f"Thick coloured border: {name}", svg, key=f"mark:{name}"))
    if focus_label is not None:
        svg = _svg("dot", "#FFFFFF", FOCUS_BORDER, width=3.5)
        entries.append(LegendEntry(f"Thick black border: {focus_label}", svg, key="mark:focus"))
    return entries


def kind_svg(kind: str | None) -> str:
    """The legend's drawing of a kind's shape and colours (any unknown kind: Other's)."""
    kind_look = look(kind)
    return _svg(kind_look.shape, kind_look.fill, kind_look.border)
