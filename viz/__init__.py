"""Network views of the graph (pyvis): pure functions from a networkx graph to HTML.

The input is shaped like `kg.projection.Projection.graph` (node ids are IRIs with `kind` and
`label`; edges keyed by predicate with `evidence`), optionally decorated with `summary`,
`sources`, `confirmed` and `highlight`. Nothing here touches a store or a server, so `kg`
composes it and no import runs in a circle.

    page = render(neighbourhood(graph, iri, 2), title="...", node_url=url_for, vis_js=None)
"""

from .assets import vis_network_inline, vis_network_path
from .layout import radial_layout
from .page import render, safe_url
from .style import KIND_LOOKS
from .subgraph import cut_down, filter_graph, neighbourhood

__all__ = [
    "KIND_LOOKS",
    "cut_down",
    "filter_graph",
    "neighbourhood",
    "radial_layout",
    "render",
    "safe_url",
    "vis_network_inline",
    "vis_network_path",
]
