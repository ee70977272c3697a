"""A graph in, one complete HTML page out: the network view an explorer opens.

pyvis renders the page (`Network.generate_html`; never `show()`, which assumes Jupyter, nor
`write_html()`, which copies files into the working directory) from node and edge data made
here (`view_data`: pyvis's own add_node looks every id up in a list). Its templates load
vis-network and Bootstrap from CDNs, so the page comes from our own template through pyvis's
template hook (`set_template_dir`, `templateEnv`), which is also handed the page's extras: the
legend, the filter panel, the notice, the links behind the nodes, where vis-network comes from,
and the page's script (templates/explorer.js).

Views above `max_physics_nodes` (100) get positions computed here and physics off: the
browser's physics takes seconds for hundreds of nodes and minutes for thousands, and packs a
hundred or more so tight that their labels overlap at any zoom (the radial layout keeps them
150 px apart).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Hashable
from pathlib import Path
from types import SimpleNamespace
from typing import Any
from urllib.parse import urlsplit

import networkx as nx
from pyvis.network import Network

from . import style
from .assets import vis_network_inline
from .layout import radial_layout
from .panel import FilterPanel
from .text import edge_tooltip, node_tooltip, short_label

TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE = "network.html"
EXPLORER = "explorer.js"
#: The most nodes a view lays out with the browser's physics.
MAX_PHYSICS_NODES = 100
SAFE_SCHEMES = frozenset({"", "http", "https"})
_CONTROL_OR_SPACE = re.compile(r"[\x00-\x20\x7f]")


def safe_url(url: str | None) -> str | None:
    """`url` when following it cannot run script (relative, http or https), otherwise None.

    Browsers drop tabs, newlines and leading spaces from a URL (`java<TAB>script:` runs script),
    so any control character or space is refused.
    """
    if not url or _CONTROL_OR_SPACE.search(url):
        return None
    return url if urlsplit(url).scheme.lower() in SAFE_SCHEMES else None


@functools.cache
def _environment() -> Any:
    """pyvis's Jinja environment pointed at our templates, made once so the template compiles
    once (compiling it costs more than rendering the rest of a small view)."""
    loader = Network()
    loader.set_template_dir(f"{TEMPLATES}/", TEMPLATE)
    return loader.templateEnv


class _TemplateHook:
    """Stands in for pyvis's Jinja environment: `generate_html` renders
    `templateEnv.get_template(path)` with the network's data, and we add this page's extras."""

    def __init__(self, environment: Any, extras: dict[str, Any]) -> None:
        self.environment, self.extras = environment, extras

    def get_template(self, name: str) -> SimpleNamespace:
        template = self.environment.get_template(name)
        return SimpleNamespace(render=functools.partial(template.render, **self.extras))


#: Canvas font sizes, and when vis-network draws labels: once font size x zoom reaches the
#: threshold less one, i.e. node labels from 10 screen pixels and the links' predicates from 11
#: (zoom 1.1); smaller ones are unreadable, clutter the view and slow it down by the thousand.
#: Below that the page draws the hubs' labels itself (templates/explorer.js).
NODE_FONT, EDGE_FONT = 14, 10
NODE_LABEL_FROM, EDGE_LABEL_FROM = 11, 12


def _options(*, physics: bool, big: bool) -> dict[str, Any]:
    """vis-network options; a big view trades curves and edges-while-moving for speed."""
    return {
        "autoResize": True,
        "layout": {"randomSeed": 1, "improvedLayout": physics},
        "nodes": {
            "font": {"size": NODE_FONT, "face": "system-ui, sans-serif", "color": "#1b1b1b",
                     "strokeWidth": 4, "strokeColor": "#ffffff"},
            "scaling": {"min": 12, "max": 36,
                        "label": {"enabled": False, "drawThreshold": NODE_LABEL_FROM}},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "color": {"color": "#9aa0a6", "highlight": "#333333", "hover": "#333333",
                      "inherit": False},
            "font": {"size": EDGE_FONT, "color": "#4d4d4d", "strokeWidth": 3,
                     "strokeColor": "#ffffff"},
            "scaling": {"label": {"drawThreshold": EDGE_LABEL_FROM}},
            "smooth": False if big else {"enabled": True, "type": "continuous"},
            "width": 1,
        },
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": big,
                        "hideEdgesOnZoom": big,
                        # arrows move and +/- zoom when the canvas has the focus (it is
                        # reached with Tab); never take the focus from the search box
                        "keyboard": {"enabled": True, "bindToWindow": False, "autoFocus": False}},
        "physics": {
            "enabled": physics,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -9000, "springLength": 150,
                          "springConstant": 0.04, "avoidOverlap": 0.2},
            "stabilization": {"enabled": True, "iterations": 400, "fit": True},
        },
    }  # fmt: skip


def _edges(graph: nx.Graph) -> dict[tuple[Hashable, Hashable], list[str]]:
    """One drawn edge per (source, target), with every predicate linking them that way."""
    if graph.is_multigraph():
        pairs = graph.edges(keys=True)
    else:
        pairs = ((u, v, data.get("predicate", "")) for u, v, data in graph.edges(data=True))
    joined: dict[tuple[Hashable, Hashable], list[str]] = {}
    for u, v, predicate in pairs:
        predicates = joined.setdefault((u, v), [])
        if str(predicate) not in predicates:
            predicates.append(str(predicate))
    return joined


def _node(node, attrs, label: str, degree: int, focused: bool) -> dict[str, Any]:
    """One node as vis-network takes it, with what the page's script needs besides: its kind,
    the whole label when the canvas shows it shortened, and what search and filters read."""
    short = short_label(label)
    data: dict[str, Any] = {
        "id": node,
        "label": short,
        "title": node_tooltip(node, attrs),
        "value": max(degree, 1),  # vis-network sizes nodes by value: hubs stand out
        **style.node_style(attrs, focused=focused),
        "kind": attrs.get("kind") or "",
    }
    if short.replace("\n", " ") != " ".join(label.split()):
        data["name"] = label
    for field, key in (("abbreviation", "abbr"), ("number", "num"), ("status", "status")):
        if attrs.get(field) is not None:
            data[key] = attrs[field]
    if attrs.get("confirmed") is False:
        data["confirmed"] = False
    return data


def view_data(
    graph: nx.Graph,
    *,
    node_url: Callable[[str], str],
    positions: dict | None = None,
    focus: Hashable | None = None,
) -> dict[str, Any]:
    """The nodes and edges of a view as the page holds them (also what /viz/neighbours answers),
    the links behind the nodes, and the entities for the page's list."""
    positions = positions or {}
    degree = dict(graph.degree())
    labels = {node: str(attrs.get("label") or node) for node, attrs in graph.nodes(data=True)}
    nodes, links, entities = [], {}, []
    for node, attrs in graph.nodes(data=True):
        data = _node(node, attrs, labels[node], degree[node], node == focus)
        if node in positions:
            data["x"], data["y"] = positions[node]
        url = safe_url(node_url(node))
        if url:
            links[str(node)] = data["url"] = url
        nodes.append(data)
        entities.append({"label": labels[node], "kind": attrs.get("kind") or "", "url": url})
    order = list(style.KIND_LOOKS)
    entities.sort(key=lambda e: (order.index(e["kind"]) if e["kind"] in order else len(order),
                                 e["label"].casefold()))  # fmt: skip
    joined = _edges(graph)
    edges = []
    for (u, v), predicates in joined.items():
        edge: dict[str, Any] = {
            "from": u,  # the page knows an edge by `from to` (one drawn edge per pair and way)
            "to": v,
            "arrows": "to",
            "label": ", ".join(predicates),
            "title": edge_tooltip(labels[u], predicates, labels[v]),
            "predicates": predicates,
        }
        if (v, u) in joined and u != v:  # a pair linked both ways: bend apart, not on top
            edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.2}
        edges.append(edge)
    kinds = {kind for _node, kind in graph.nodes(data="kind")}
    return {"nodes": nodes, "edges": edges, "links": links, "entities": entities,
            "groups": style.groups(kinds)}  # fmt: skip


def fragment(graph: nx.Graph, *, node_url: Callable[[str], str]) -> dict[str, Any]:
    """A part of a view to add to a page (what its "expand" fetches): the nodes and edges as
    the page holds them, without positions (the page places them), the vis-network groups and
    the legend entries of their kinds and marks."""
    data = view_data(graph, node_url=node_url)
    entries = style.legend(attrs for _node, attrs in graph.nodes(data=True))
    legend = [{"key": e.key, "kind": e.kind, "text": e.text, "svg": e.svg} for e in entries]
    return {"nodes": data["nodes"], "edges": data["edges"], "groups": data["groups"],
            "legend": legend}  # fmt: skip


def _panel(graph: nx.Graph, panel: FilterPanel | None, nodes, edges) -> dict[str, Any]:
    """What the filter panel offers: its selects (a choice that is in the view names its node by
    its place in the node data, never by IRI in the markup), the kinds (each with its drawing)
    and the view's link types."""
    panel = panel or FilterPanel()
    place = {node["id"]: i for i, node in enumerate(nodes)}
    present = [kind for kind in style.KIND_LOOKS if any(n["kind"] == kind for n in nodes)]
    kinds = list(panel.kinds) if panel.kinds is not None else present
    kinds += sorted({n["kind"] for n in nodes} - set(kinds) - {""})
    shown = set(panel.selected_kinds) or set(kinds)
    selects = [
        {"name": select.name, "label": select.label, "via": " ".join(select.via),
         "itself": select.itself, "field": select.field, "selected": select.selected,
         "options": [{"value": c.value, "label": c.label, "node": place.get(c.iri)}
                     for c in select.choices]}
        for select in panel.selects if select.choices
    ]  # fmt: skip
    return {
        "action": panel.action,
        "selects": selects,
        "kinds": [
            {"name": kind, "svg": style.kind_svg(kind), "checked": kind in shown} for kind in kinds
        ],
        "predicates": sorted({p for edge in edges for p in edge["predicates"]}),
    }


def render(
    graph: nx.Graph,
    *,
    title: str,
    node_url: Callable[[str], str],
    vis_js: str | None,
    notice: str | None = None,
    max_physics_nodes: int = MAX_PHYSICS_NODES,
    focus: Hashable | None = None,
    panel: FilterPanel | None = None,
    views: str | None = None,
) -> str:
    """The network view of `graph` as a complete HTML page.

    `node_url(iri)` is where a node's page is (URLs that could run script are dropped).
    `vis_js` is the URL the page loads vis-network from, or None to inline it (a page that
    opens offline from a file). `notice` is shown at the top (e.g. what `cut_down` left out).
    Above `max_physics_nodes` nodes, positions are computed here and physics is off.
    `focus`, when in the graph, is drawn with a thick black border and centres the layout.
    `panel` says who applies the filters (by default the page, to what it holds);
    `views` is where the server's views are (`/viz`: its /viz/neighbours lets the page expand a
    node, /viz/entity shows a neighbourhood); None, as in a file: no expanding.
    """
    count = graph.number_of_nodes()
    big = count > max_physics_nodes
    focus = focus if focus is not None and focus in graph else None
    positions = radial_layout(graph, focus=focus) if big else {}
    data = view_data(graph, node_url=node_url, positions=positions, focus=focus)

    net = Network(height="78vh", width="100%", directed=True, heading=title)
    # pyvis renders the page; the node and edge data are ours (its add_node and add_edge look
    # every id up in a list, which takes seconds for thousands of nodes)
    net.nodes, net.edges = data["nodes"], data["edges"]
    net.node_ids = [node["id"] for node in data["nodes"]]
    # An empty view gets no physics: it would never report itself stable.
    net.options = _options(physics=count > 0 and not big, big=big)
    net.options["groups"] = data["groups"]

    centre = None
    if focus is not None:
        label = str(graph.nodes[focus].get("label") or focus)
        centre = f"the view's centre, {short_label(label, 60, 1)}"
    extras = {
        "notice": notice,
        "legend": style.legend(
            (attrs for _node, attrs in graph.nodes(data=True)), focus_label=centre
        ),
        "entities": data["entities"],
        "links": data["links"],
        "panel": _panel(graph, panel, data["nodes"], data["edges"]),
        "views": views,
        "vis_js": vis_js,
        "vis_js_inline": None if vis_js is not None else vis_network_inline(),
        "explorer_js": explorer_script(),
    }
    net.path = TEMPLATE  # what set_template_dir would set; the environment is shared
    net.templateEnv = _TemplateHook(_environment(), extras)
    return net.generate_html()


@functools.cache
def explorer_script() -> str:
    """The page's script (search, filters, the side panel, expanding, labels, PNG export):
    one constant text, inlined in every page, so the Content-Security-Policy allows it by the
    hash of an empty page's (kg/web/security.py)."""
    text = (TEMPLATES / EXPLORER).read_text(encoding="utf-8")
    return re.sub(r"</(script)", r"<\\/\1", text, flags=re.IGNORECASE)
