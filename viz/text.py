"""What a node or an edge says: a short label on the canvas, the whole story in its tooltip.

Tooltips are HTML built here with every piece of user text passed through `html.escape`: the
page turns them into elements (vis-network shows a plain string as text, so markup is needed for
structure), and the data come from curated files and remote stores we do not control. Labels
and edge tooltips stay plain text (the canvas draws text; vis-network shows a string tooltip as
text), so they only need shortening.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping
from html import escape
from typing import Any

LABEL_WIDTH = 24  # characters per line on the canvas
LABEL_LINES = 2
SUMMARY_CHARS = 500
MAX_SOURCES = 6


def short_label(text: str, width: int = LABEL_WIDTH, lines: int = LABEL_LINES) -> str:
    """At most `lines` lines of about `width` characters, ending in an ellipsis when cut."""
    wrapped = textwrap.wrap(
        " ".join(text.split()), width, max_lines=lines, placeholder=" …", break_on_hyphens=False
    )
    return "\n".join(wrapped)


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def node_tooltip(node: Any, attrs: Mapping[str, Any]) -> str:
    """Kind, full label, summary, sources and identifier of an entity, as escaped HTML."""
    label = str(attrs.get("label") or node)
    facts = [escape(str(attrs.get("kind") or "Entity"))]
    if attrs.get("confirmed") is False:
        facts.append("not confirmed by a primary source")
    if attrs.get("highlight"):
        facts.append(escape(str(attrs["highlight"])))
    parts = [f"<strong>{escape(label)}</strong>", f'<div class="kg-kind">{" · ".join(facts)}</div>']
    if attrs.get("summary"):
        parts.append(f"<p>{escape(_clip(str(attrs['summary']), SUMMARY_CHARS))}</p>")
    sources = [str(s) for s in attrs.get("sources") or ()]
    if sources:
        items = "".join(f"<li>{escape(s)}</li>" for s in sources[:MAX_SOURCES])
        if len(sources) > MAX_SOURCES:
            items += f"<li>and {len(sources) - MAX_SOURCES} more</li>"
        parts.append(f"<div>Sources:</div><ul>{items}</ul>")
    parts.append(f'<div class="kg-iri">{escape(str(node))}</div>')
    return "".join(parts)


def edge_tooltip(source_label: str, predicates: Iterable[str], target_label: str) -> str:
    """`source -predicate-> target` as plain text: vis-network shows a string as text."""
    return f"{source_label} —{', '.join(predicates)}→ {target_label}"
