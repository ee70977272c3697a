"""Query execution: a direct path for answers without errors, graphql-core's for everything else.

graphql-core's executor spends as much per field as our resolvers do: a resolve-info object and
a path per field of every object, argument coercion per object, awaitable checks, and the type
dispatch of complete_value, all for a schema whose resolvers are synchronous and pure. The
direct path walks the same selection sets with graphql-core's own pieces (collect_fields,
get_field_def, get_argument_values, ensure_valid_runtime_type), but prepares each field once per
request rather than once per object.

It only answers when nothing goes wrong. At the first error (a resolver raises, a non-null field
is null, a value will not serialise) it gives up and graphql-core executes the request from the
start: resolvers only read, so that is safe, and errors, paths and partial data are exactly
graphql-core's.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from graphql.execution.collect_fields import collect_fields
from graphql.execution.execute import get_field_def
from graphql.execution.values import get_argument_values
from graphql.pyutils import Undefined

from graphql import (
    DocumentNode,
    ExecutionContext,
    ExecutionResult,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    OperationType,
    execute,
    is_abstract_type,
    is_leaf_type,
)


class _GiveUp(Exception):
    """The direct path met something only graphql-core reports properly."""


class DirectExecution(ExecutionContext):
    """An execution context with a direct path for queries (see the module)."""

    def run_query(self) -> dict[str, Any]:
        self._steps: dict = {}
        root = self.schema.query_type
        fields = collect_fields(self.schema, self.fragments, self.variable_values, root,
                                self.operation.selection_set)  # fmt: skip
        return self._fields(root, self.root_value, fields)

    def _fields(self, parent_type: GraphQLObjectType, source: Any, fields: dict) -> dict:
        result = {}
        for name, nodes in fields.items():
            step = self._step(parent_type, nodes)
            if step is not None:
                resolve, info, args, return_type = step
                result[name] = self._complete(
                    return_type, nodes, info, resolve(source, info, **args)
                )
        return result

    def _step(self, parent_type: GraphQLObjectType, nodes: list):
        """A field's resolver, resolve info and arguments: the same for every object of a list."""
        key = (parent_type, id(nodes[0]))
        step = self._steps.get(key, Undefined)
        if step is Undefined:
            field_def = get_field_def(self.schema, parent_type, nodes[0])
            step = None
            if field_def is not None:
                info = self.build_resolve_info(field_def, nodes, parent_type, None)
                args = get_argument_values(field_def, nodes[0], self.variable_values)
                step = (field_def.resolve or self.field_resolver, info, args, field_def.type)
            self._steps[key] = step
        return step

    def _complete(self, return_type, nodes: list, info, value: Any) -> Any:
        if isinstance(return_type, GraphQLNonNull):
            value = self._complete(return_type.of_type, nodes, info, value)
            if value is None:
                raise _GiveUp
            return value
        if value is None or value is Undefined:
            return None
        if isinstance(value, Exception):
            raise _GiveUp
        if isinstance(return_type, GraphQLList):
            if isinstance(value, str | bytes | Mapping):
                raise _GiveUp
            item_type = return_type.of_type
            return [self._complete(item_type, nodes, info, item) for item in value]
        if is_leaf_type(return_type):
            serialized = return_type.serialize(value)
            if serialized is None or serialized is Undefined:
                raise _GiveUp
            return serialized
        if is_abstract_type(return_type):
            resolve_type = return_type.resolve_type or self.type_resolver
            return_type = self.ensure_valid_runtime_type(
                resolve_type(value, info, return_type), return_type, nodes, info, value
            )
        if return_type.is_type_of is not None and not return_type.is_type_of(value, info):
            raise _GiveUp
        return self._fields(return_type, value, self.collect_subfields(return_type, nodes))


def execute_request(
    schema: GraphQLSchema,
    document: DocumentNode,
    context_value: Any,
    variable_values: dict | None,
    operation_name: str | None,
) -> ExecutionResult:
    """Execute a validated document: directly when the answer has no errors, else by
    graphql-core (which then also reports variable and operation errors)."""
    context = DirectExecution.build(schema, document, None, context_value, variable_values,
                                    operation_name)  # fmt: skip
    if not isinstance(context, list) and context.operation.operation == OperationType.QUERY:
        try:
            return ExecutionResult(context.run_query(), None)
        except Exception:
            pass
    return execute(schema, document, context_value=context_value,
                   variable_values=variable_values, operation_name=operation_name)  # fmt: skip
