"""Whether a fact is confirmed: one rule, as a Python test and as SPARQL.

The build writes `pkg:confirmed true` on a fact when a primary source supports it and no curator
doubts it (ingest.triples); every reader asks this module, never the literal.
"""

from __future__ import annotations


def holds(value: str | None) -> bool:
    """Whether a `pkg:confirmed` value (its lexical form, or None when absent) says confirmed."""
    return value == "true"


def sparql(confirmed: bool | None, node: str = "?s") -> str:
    """A pattern keeping the facts `node` that are (True) or are not (False) confirmed; with
    None, every fact."""
    if confirmed is None:
        return ""
    return f"{node} pkg:confirmed {'true' if confirmed else 'false'} ."
