"""graphql-core's executor with a short path for leaf fields, which are most of any answer.

Every resolver here is synchronous, and most fields are scalars read from a description: for
those, graphql-core's general path (awaitable checks, argument coercion for fields that take
none, the type dispatch in complete_value) cost about as much as the resolver itself. The short
path gives the same values and the same errors; anything else takes graphql-core's own path.
"""

from __future__ import annotations

from typing import Any

from graphql.execution.execute import get_field_def
from graphql.execution.values import get_argument_values
from graphql.pyutils import Undefined, inspect

from graphql import (
    ExecutionContext,
    GraphQLLeafType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    is_leaf_type,
    located_error,
)

_NOT_LEAF = (None, False)
#: return type -> _leaf(return type); the types are the schema's, which lives for good
_LEAVES: dict[GraphQLOutputType, tuple[GraphQLLeafType | None, bool]] = {}


def _leaf(return_type: GraphQLOutputType) -> tuple[GraphQLLeafType | None, bool]:
    """(the scalar or enum type, whether it is non-null), or (None, False) for other types."""
    non_null = isinstance(return_type, GraphQLNonNull)
    inner = return_type.of_type if non_null else return_type
    return (inner, non_null) if is_leaf_type(inner) else _NOT_LEAF


class LeafShortcutExecution(ExecutionContext):
    """Pass as `execution_context_class` to graphql-core's `execute`."""

    def execute_field(self, parent_type: GraphQLObjectType, source: Any, field_nodes: list,
                      path) -> Any:  # fmt: skip
        field_def = get_field_def(self.schema, parent_type, field_nodes[0])
        if not field_def:
            return Undefined
        return_type = field_def.type
        found = _LEAVES.get(return_type)
        if found is None:
            found = _LEAVES[return_type] = _leaf(return_type)
        leaf, non_null = found
        if leaf is None or self.middleware_manager:
            return super().execute_field(parent_type, source, field_nodes, path)
        resolve_fn = field_def.resolve or self.field_resolver
        info = self.build_resolve_info(field_def, field_nodes, parent_type, path)
        try:
            args = (get_argument_values(field_def, field_nodes[0], self.variable_values)
                    if field_def.args else {})  # fmt: skip
            result = resolve_fn(source, info, **args)
            if isinstance(result, Exception):
                raise result
            if result is None or result is Undefined:
                if non_null:
                    raise TypeError("Cannot return null for non-nullable field"
                                    f" {info.parent_type.name}.{info.field_name}.")  # fmt: skip
                return None
            serialized = leaf.serialize(result)
            if serialized is Undefined or serialized is None:
                raise TypeError(
                    f"Expected `{inspect(leaf)}.serialize({inspect(result)})`"
                    f" to return non-nullable value, returned: {inspect(serialized)}"
                )
            return serialized
        except Exception as raw_error:
            error = located_error(raw_error, field_nodes, path.as_list())
            self.handle_field_error(error, return_type, path)
            return None
