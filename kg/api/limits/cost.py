"""Refuse queries whose estimated cost is too high: each field costs 1, times the sizes of the
lists it sits in (`first` where given, else 20 for a connection and 10 for any other list)."""

from __future__ import annotations

from graphql import (
    DocumentNode,
    GraphQLList,
    GraphQLNonNull,
    GraphQLSchema,
    IntValueNode,
    VariableNode,
    get_named_type,
)

from .fragments import fields, fragments, operations

MAX_COST = 50_000
CONNECTION_PAGE = 20
LIST_FANOUT = 10


def _first(field, variables) -> int | None:
    for argument in field.arguments or ():
        if argument.name.value == "first":
            value = argument.value
            if isinstance(value, IntValueNode):
                return int(value.value)
            if isinstance(value, VariableNode):
                found = variables.get(value.name.value)
                return found if isinstance(found, int) else None
    return None


def cost_of(document: DocumentNode, schema: GraphQLSchema, variables: dict) -> int:
    named = fragments(document)
    return sum(
        _cost(op.selection_set, schema.query_type, frozenset(), named, variables)
        for op in operations(document)
    )


def _cost(selection_set, parent, seen, named: dict, variables: dict) -> int:
    # A module function, not a closure over `named` and `variables`: a closure that calls
    # itself is a reference cycle, left for the garbage collector on every request.
    total = 0
    for field, now_seen in fields(selection_set, named, seen):
        name = field.name.value
        definition = getattr(parent, "fields", {}).get(name)  # objects and interfaces
        if definition is None:  # __typename, or unknown: validation reports it
            total += 1
            continue
        field_type = definition.type
        if isinstance(field_type, GraphQLNonNull):
            field_type = field_type.of_type
        named_type = get_named_type(field_type)
        size = 1
        first = _first(field, variables)
        if named_type.name.endswith("Connection"):
            size = first if first is not None else CONNECTION_PAGE
        elif name == "edges" and getattr(parent, "name", "").endswith("Connection"):
            size = 1  # the page size was counted on the connection itself
        elif isinstance(field_type, GraphQLList):
            size = first if first is not None else LIST_FANOUT
        total += 1 + size * _cost(field.selection_set, named_type, now_seen, named, variables)
    return total


def check_cost(document: DocumentNode, schema: GraphQLSchema, variables: dict,
               limit: int = MAX_COST) -> str | None:  # fmt: skip
    return refuse_cost(cost_of(document, schema, variables), limit)


def refuse_cost(found: int, limit: int = MAX_COST) -> str | None:
    """The refusal of an estimated cost `found`, when it is over `limit`."""
    if found > limit:
        return (
            f"query cost {found} exceeds the limit of {limit} "
            "(each field costs 1, times the page or list sizes it sits in)"
        )
    return None
