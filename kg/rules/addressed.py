"""Whether a finding is addressed: some recommendation addresses it (`pkg:addresses`).

`findings(addressed:)` in GraphQL, the FindingsWithoutRecommendation operation and the
`finding-unaddressed` gap all use this pattern.
"""

from __future__ import annotations


def sparql(addressed: bool, node: str = "?s") -> str:
    """A pattern keeping the findings `node` that are (True) or are not (False) addressed."""
    return f"FILTER({'' if addressed else '!'}EXISTS {{ ?addresser pkg:addresses {node} }})"


def holds(addressed_by: list) -> bool:
    """Whether a finding whose addressing recommendations are `addressed_by` is addressed."""
    return bool(addressed_by)
