"""Text in: read a document (plain text, HTML, PDF) safely, link its mentions to the graph, and
give each of its claims a verdict (issue 18). One concept per module:

- errors:    TextInputError, for any input that cannot be read (names the file and where)
- extract:   read_document(data, name, kind, limits) -> Document (text, paragraph blocks);
             Limits, DEFAULT_LIMITS
- sentences: split(text) -> sentence spans (rule-based)
- catalogue: Catalogue.from_store(store): the graph's entities and facts, read once
- mentions:  Finder, Mention: where a text names an entity, with a score
- claims:    Judge, Claim, Verdict: a verdict per claim, with the fact that decided it
- linker:    Linker.from_store(store).link(text) -> LinkResult
- render:    to_html(result, base), to_text(result)
- draft:     `kg draft` (its own helper's module)
"""

from .errors import TextInputError
from .extract import DEFAULT_LIMITS, Block, Document, Limits, read_document

__all__ = [
    "DEFAULT_LIMITS",
    "Block",
    "Document",
    "Limits",
    "TextInputError",
    "read_document",
]
