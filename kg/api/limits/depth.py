"""Refuse queries nested deeper than a limit (a "depth bomb")."""

from __future__ import annotations

from graphql import DocumentNode

from .fragments import fields, fragments, operations

MAX_DEPTH = 12


def depth_of(document: DocumentNode) -> int:
    named = fragments(document)

    def depth(selection_set, seen) -> int:
        return max(
            (1 + depth(f.selection_set, s) for f, s in fields(selection_set, named, seen)),
            default=0,
        )

    return max((depth(op.selection_set, frozenset()) for op in operations(document)), default=0)


def check_depth(document: DocumentNode, limit: int = MAX_DEPTH) -> str | None:
    found = depth_of(document)
    if found > limit:
        return f"query depth {found} exceeds the limit of {limit}"
    return None
