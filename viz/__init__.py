"""Network views of the graph (pyvis): pure functions from a networkx graph to HTML.

The input is shaped like `kg.projection.Projection.graph` (node ids are IRIs with `kind` and
`label`; edges keyed by predicate with `evidence`), optionally decorated with `summary`,
`sources`, `confirmed` and `highlight`. Nothing here touches a store or a server, so `kg`
composes it and no import runs in a circle.

    page = render(neighbourhood(graph, iri, 2), title="...", node_url=url_for, vis_js=None)

The page's own script (templates/explorer.js, inlined as one constant block) adds search,
filters (`panel.FilterPanel`: applied by the server or by the page), a side panel, expanding a
node (with a server), labels for the hubs at any zoom, and saving the view as a PNG.
"""

from .assets import vis_network_inline, vis_network_path
from .layout import radial_layout
from .page import fragment, render, safe_url, view_data
from .panel import Choice, FilterPanel, Select, choices
from .style import KIND_LOOKS
from .subgraph import cut_down, filter_graph, neighbourhood

__all__ = [
    "KIND_LOOKS",
    "Choice",
    "FilterPanel",
    "Select",
    "choices",
    "cut_down",
    "filter_graph",
    "fragment",
    "neighbourhood",
    "radial_layout",
    "render",
    "safe_url",
    "view_data",
    "vis_network_inline",
    "vis_network_path",
]
