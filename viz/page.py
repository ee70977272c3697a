"""A graph in, one complete HTML page out: the network view an explorer opens.

pyvis builds the node and edge data and renders the page (`Network.generate_html`; never
`show()`, which assumes Jupyter, nor `write_html()`, which copies files into the working
directory). Its templates load vis-network and Bootstrap from CDNs, so the page comes from our
own template through pyvis's template hook (`set_template_dir`, `templateEnv`), which is also
handed the page's extras: the legend, the notice, the links behind the nodes, and where
vis-network comes from.

Views above `max_physics_nodes` get positions computed here and physics off: the browser's
physics takes seconds for hundreds of nodes and minutes for thousands.
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
from .text import edge_tooltip, node_tooltip, short_label

TEMPLATES = Path(__file__).parent / "templates"
TEMPLATE = "network.html"
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


def _options(*, physics: bool, big: bool) -> dict[str, Any]:
    """vis-network options; a big view trades curves and edges-while-moving for speed."""
    return {
        "autoResize": True,
        "layout": {"randomSeed": 1, "improvedLayout": physics},
        "nodes": {
            "font": {"size": 14, "face": "system-ui, sans-serif", "color": "#1b1b1b",
                     "strokeWidth": 4, "strokeColor": "#ffffff"},
            "scaling": {"min": 12, "max": 36, "label": {"enabled": False, "drawThreshold": 6}},
        },
        "edges": {
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.6}},
            "color": {"color": "#9aa0a6", "highlight": "#333333", "hover": "#333333",
                      "inherit": False},
            "font": {"size": 10, "color": "#555555", "strokeWidth": 3, "strokeColor": "#ffffff"},
            "smooth": False if big else {"enabled": True, "type": "continuous"},
            "width": 1,
        },
        "interaction": {"hover": True, "tooltipDelay": 150, "hideEdgesOnDrag": big,
                        "hideEdgesOnZoom": big},
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


def _add_nodes(net: Network, graph: nx.Graph, labels, positions, focus, node_url):
    """Nodes with their look, short label, tooltip and position; the links and list entries."""
    degree = dict(graph.degree())
    links: dict[str, str] = {}
    entities = []
    for node, attrs in graph.nodes(data=True):
        where = dict(zip(("x", "y"), positions[node], strict=True)) if node in positions else {}
        net.add_node(
            node,
            label=short_label(labels[node]),
            title=node_tooltip(node, attrs),
            value=max(degree[node], 1),  # vis-network sizes nodes by value: hubs stand out
            **style.node_style(attrs, focused=node == focus),
            **where,
        )
        url = safe_url(node_url(node))
        if url:
            links[str(node)] = url
        entities.append({"label": labels[node], "kind": attrs.get("kind") or "", "url": url})
    order = list(style.KIND_LOOKS)
    entities.sort(key=lambda e: (order.index(e["kind"]) if e["kind"] in order else len(order),
                                 e["label"].casefold()))  # fmt: skip
    return links, entities


def _add_edges(net: Network, graph: nx.Graph, labels) -> None:
    joined = _edges(graph)
    for (u, v), predicates in joined.items():
        edge: dict[str, Any] = {
            "label": ", ".join(predicates),
            "title": edge_tooltip(labels[u], predicates, labels[v]),
        }
        if (v, u) in joined and u != v:  # a pair linked both ways: bend apart, not on top
            edge["smooth"] = {"enabled": True, "type": "curvedCW", "roundness": 0.2}
        net.add_edge(u, v, **edge)


def render(
    graph: nx.Graph,
    *,
    title: str,
    node_url: Callable[[str], str],
    vis_js: str | None,
    notice: str | None = None,
    max_physics_nodes: int = 300,
    focus: Hashable | None = None,
) -> str:
    """The network view of `graph` as a complete HTML page.

    `node_url(iri)` is where clicking a node goes (URLs that could run script are dropped).
    `vis_js` is the URL the page loads vis-network from, or None to inline it (a page that
    opens offline from a file). `notice` is shown at the top (e.g. what `cut_down` left out).
    Above `max_physics_nodes` nodes, positions are computed here and physics is off.
    `focus`, when in the graph, is drawn with a thick black border and centres the layout.
    """
    count = graph.number_of_nodes()
    big = count > max_physics_nodes
    focus = focus if focus is not None and focus in graph else None
    positions = radial_layout(graph, focus=focus) if big else {}
    labels = {node: str(attrs.get("label") or node) for node, attrs in graph.nodes(data=True)}

    net = Network(height="78vh", width="100%", directed=True, heading=title)
    links, entities = _add_nodes(net, graph, labels, positions, focus, node_url)
    _add_edges(net, graph, labels)
    # An empty view gets no physics: it would never report itself stable.
    net.options = _options(physics=count > 0 and not big, big=big)
    net.options["groups"] = style.groups({kind for _node, kind in graph.nodes(data="kind")})

    centre = (
        f"the view's centre, {short_label(labels[focus], 60, 1)}" if focus is not None else None
    )
    extras = {
        "notice": notice,
        "legend": style.legend(
            (attrs for _node, attrs in graph.nodes(data=True)), focus_label=centre
        ),
        "entities": entities,
        "links": links,
        "vis_js": vis_js,
        "vis_js_inline": None if vis_js is not None else vis_network_inline(),
    }
    net.path = TEMPLATE  # what set_template_dir would set; the environment is shared
    net.templateEnv = _TemplateHook(_environment(), extras)
    return net.generate_html()
