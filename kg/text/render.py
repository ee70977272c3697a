"""A link result for people: an HTML fragment (the text with its mentions linked and its claims
marked by verdict) and plain text.

Every character of the input text is HTML-escaped, and so is everything taken from the graph
(labels, reasons, citations): the fragment is safe to put in a page that shows pasted text. It
carries classes only (no style attributes, no scripts), for the page's own stylesheet:
`kg-linked`, `kg-claim kg-supported|kg-contradicted|kg-not_found`, `kg-mention kg-kind-<Kind>`.
"""

from __future__ import annotations

import html
from urllib.parse import quote

from .linker import LinkResult


def entity_href(base: str, iri: str) -> str:
    """The entity page of `iri` on the server at `base` ("" for the same site)."""
    return f"{base}/entity?id={quote(iri, safe='')}"


def to_html(result: LinkResult, base: str = "") -> str:
    """The text as an HTML fragment: claims as spans by verdict, mentions as links to their
    entity pages. Overlapping spans are never produced: a mention that crosses a claim's edge is
    shown as plain text."""
    text = result.text
    claims = sorted(result.claims, key=lambda c: c.start)
    mentions = sorted(result.mentions, key=lambda m: m.start)
    parts = ['<div class="kg-linked">']
    position = 0
    mention_index = 0

    def emit(start: int, end: int) -> None:
        """Text `text[start:end]` with the mentions inside it linked."""
        nonlocal mention_index
        at = start
        while mention_index < len(mentions) and mentions[mention_index].start < end:
            m = mentions[mention_index]
            if m.start < at or m.end > end:  # crosses an edge, or overlaps the one before
                if m.start >= at:
                    break
                mention_index += 1
                continue
            parts.append(_escape(text[at : m.start]))
            title = f"{m.label} ({m.kind}, score {m.score:.2f})"
            parts.append(
                f'<a class="kg-mention kg-kind-{html.escape(m.kind)}" '
                f'href="{html.escape(entity_href(base, m.id))}" '
                f'title="{html.escape(title)}">{_escape(text[m.start : m.end])}</a>'
            )
            at = m.end
            mention_index += 1
        parts.append(_escape(text[at:end]))

    for claim in claims:
        if claim.start < position:
            continue
        emit(position, claim.start)
        verdict = claim.verdict.value
        parts.append(f'<span class="kg-claim kg-{html.escape(verdict)}" '
                     f'title="{html.escape(verdict + ": " + claim.reason)}">')  # fmt: skip
        emit(claim.start, claim.end)
        parts.append("</span>")
        position = claim.end
    emit(position, len(text))
    parts.append("</div>")
    return "".join(parts)


def _escape(text: str) -> str:
    return html.escape(text).replace("\n", "<br>\n")


def to_text(result: LinkResult) -> str:
    """The mentions and claims, one a line, for a terminal."""
    lines = [f"mentions ({len(result.mentions)}):"]
    for m in result.mentions:
        lines.append(f"  {m.start}-{m.end} {m.text!r} -> {m.kind} {m.label} "
                     f"<{m.id}> ({m.score:.2f})")  # fmt: skip
    counts = result.counts()
    summary = ", ".join(f"{n} {v}" for v, n in counts.items())
    lines += ["", f"claims ({len(result.claims)}: {summary}):"]
    for c in result.claims:
        lines.append(f"  [{c.verdict.value}] {c.start}-{c.end} {c.text!r}")
        lines.append(f"      because {c.reason}")
        for link in c.links:
            for e in link.evidence:
                where = f", {e.locator}" if e.locator else ""
                url = f" <{e.url}>" if e.url else ""
                lines.append(f"      evidence for {link.label}: {e.source_title}{where}{url}")
    return "\n".join(lines) + "\n"
