"""Refuse queries with too many aliases (an "alias bomb" repeats one costly field)."""

from __future__ import annotations

from graphql.language import Visitor

from graphql import DocumentNode, FieldNode, visit

MAX_ALIASES = 30


def count_aliases(document: DocumentNode) -> int:
    """Aliases as written, fragments counted once per definition."""

    class Counter(Visitor):
        count = 0

        def enter_field(self, node: FieldNode, *_args):
            if node.alias is not None:
                Counter.count += 1

    counter = Counter()
    visit(document, counter)
    return counter.count


def check_aliases(document: DocumentNode, limit: int = MAX_ALIASES) -> str | None:
    found = count_aliases(document)
    if found > limit:
        return f"query uses {found} aliases; the limit is {limit}"
    return None
