"""Walking selections with fragments inlined, safely (fragment cycles stop the walk)."""

from __future__ import annotations

from collections.abc import Iterator

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)

INTROSPECTION = frozenset({"__schema", "__type"})


def fragments(document: DocumentNode) -> dict[str, FragmentDefinitionNode]:
    return {d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)}


def operations(document: DocumentNode) -> list[OperationDefinitionNode]:
    return [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]


def fields(selection_set: SelectionSetNode | None, named: dict, seen: frozenset = frozenset()
           ) -> Iterator[tuple[FieldNode, frozenset]]:  # fmt: skip
    """The fields of a selection set, with fragments inlined; yields (field, fragments seen).

    Introspection (`__schema`, `__type`) is left out: its size is bounded by the schema, and
    GraphiQL's own introspection query nests deeper than any limit meant for data queries.
    """
    if selection_set is None:
        return
    for selection in selection_set.selections:
        if isinstance(selection, FieldNode):
            if selection.name.value not in INTROSPECTION:
                yield selection, seen
        elif isinstance(selection, InlineFragmentNode):
            yield from fields(selection.selection_set, named, seen)
        elif isinstance(selection, FragmentSpreadNode):
            name = selection.name.value
            if name in named and name not in seen:
                yield from fields(named[name].selection_set, named, seen | {name})
