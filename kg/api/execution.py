"""Query execution: a direct path for answers without errors, graphql-core's for everything else.

graphql-core's executor spends as much per field as our resolvers do: a resolve-info object and
a path per field of every object, argument coercion per object, awaitable checks, and the type
dispatch of complete_value, all for a schema whose resolvers are synchronous and pure. The
direct path walks the same selection sets with graphql-core's own pieces (collect_fields,
get_field_def, get_argument_values, ensure_valid_runtime_type), but prepares each field once per
request rather than once per object: its resolver, resolve info, arguments and a completion
function made for its type (a plan per object type and selection, per runtime type behind an
interface), so a list of a thousand objects dispatches on types once, not a thousand times.

It only answers when nothing goes wrong. At the first error (a resolver raises, a non-null field
is null, a value will not serialise) it gives up and graphql-core executes the request from the
start: resolvers only read, so that is safe, and errors, paths and partial data are exactly
graphql-core's.

This module runs on graphql-core 3.2's internals, not only on its public API:
- functions it does not export: `graphql.execution.collect_fields.collect_fields` (returning a
  dict of response name to field nodes) and `graphql.execution.execute.get_field_def`;
- `ExecutionContext`, subclassed, and its undocumented members: `build` (a context or a list of
  errors), `build_resolve_info` (called with no path), `collect_subfields`,
  `ensure_valid_runtime_type`, and the attributes `schema`, `fragments`, `variable_values`,
  `operation`, `root_value`, `field_resolver` and `type_resolver`.
graphql-core 3.3 reorganises execution (field groups for @defer/@stream, a changed
`ExecutionContext`), which is why pyproject.toml pins graphql-core below 3.3. Before raising the
pin, check that each of these names still exists with the same signature and result shape
(tests/kg/api/test_execution.py imports them by name and checks the version), then run that
file: it compares the direct path's answers and errors with graphql-core's own, on every named
operation.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from typing import Any

from graphql.execution.collect_fields import collect_fields
from graphql.execution.execute import get_field_def
from graphql.execution.values import get_argument_values
from graphql.pyutils import Undefined

from graphql import (
    DocumentNode,
    ExecutionContext,
    ExecutionResult,
    GraphQLEnumType,
    GraphQLID,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    GraphQLString,
    OperationType,
    execute,
    is_abstract_type,
    is_leaf_type,
)

from ..store import StoreUnavailable


class _GiveUp(Exception):
    """The direct path met something only graphql-core reports properly."""


class DirectExecution(ExecutionContext):
    """An execution context with a direct path for queries (see the module)."""

    def run_query(self) -> dict[str, Any]:
        root = self.schema.query_type
        fields = collect_fields(self.schema, self.fragments, self.variable_values, root,
                                self.operation.selection_set)  # fmt: skip
        return self._object_plan(root, fields)(self.root_value)

    def _object_plan(self, parent_type: GraphQLObjectType, fields: dict) -> Callable:
        """source -> its fields' values: each field's resolver, resolve info, arguments and
        completion prepared once, whatever the number of objects it is asked of."""
        steps = []
        for name, nodes in fields.items():
            field_def = get_field_def(self.schema, parent_type, nodes[0])
            if field_def is not None:
                info = self.build_resolve_info(field_def, nodes, parent_type, None)
                args = (get_argument_values(field_def, nodes[0], self.variable_values)
                        if field_def.args else {})  # fmt: skip
                resolve = field_def.resolve or self.field_resolver
                if args:  # most fields take none: resolve(source, info) is the cheaper call
                    resolve = functools.partial(resolve, **args)
                steps.append((name, resolve, info, self._completion(field_def.type, nodes, info)))

        def run(source: Any) -> dict:
            return {name: complete(resolve(source, info))
                    for name, resolve, info, complete in steps}  # fmt: skip

        return run

    def _completion(self, return_type, nodes: list, info) -> Callable:
        """value -> its completed value for `return_type`; _GiveUp wherever graphql-core would
        report an error."""
        if isinstance(return_type, GraphQLNonNull):
            inner = self._completion(return_type.of_type, nodes, info)

            def non_null(value):
                value = inner(value)
                if value is None:
                    raise _GiveUp
                return value

            return non_null
        if isinstance(return_type, GraphQLList):
            item = self._completion(return_type.of_type, nodes, info)

            def items(value):
                if value is None or value is Undefined:
                    return None
                if isinstance(value, str | bytes | Mapping | Exception):
                    raise _GiveUp
                return [item(v) for v in value]

            return items
        if is_leaf_type(return_type):
            return _leaf(return_type)
        if is_abstract_type(return_type):
            resolve_type = return_type.resolve_type or self.type_resolver
            by_runtime_type: dict = {}

            def abstract(value):
                if value is None or value is Undefined:
                    return None
                if isinstance(value, Exception):
                    raise _GiveUp
                runtime = self.ensure_valid_runtime_type(
                    resolve_type(value, info, return_type), return_type, nodes, info, value
                )
                plan = by_runtime_type.get(runtime)
                if plan is None:
                    plan = by_runtime_type[runtime] = self._object(runtime, nodes, info)
                return plan(value)

            return abstract
        return self._object(return_type, nodes, info)

    def _object(self, return_type: GraphQLObjectType, nodes: list, info) -> Callable:
        plan = None
        is_type_of = return_type.is_type_of

        def complete(value):
            nonlocal plan
            if value is None or value is Undefined:
                return None
            if isinstance(value, Exception):
                raise _GiveUp
            if is_type_of is not None and not is_type_of(value, info):
                raise _GiveUp
            if plan is None:  # prepared at first use: a branch no value reaches costs nothing
                plan = self._object_plan(return_type, self.collect_subfields(return_type, nodes))
            return plan(value)

        return complete


def _leaf(leaf_type) -> Callable:
    """Serialise with the type's own serialiser; a str for String or ID is already serialised
    (graphql-core returns it unchanged), and an enum's value is serialised once a request."""
    serialize = leaf_type.serialize
    plain = leaf_type is GraphQLString or leaf_type is GraphQLID
    names: dict | None = {} if isinstance(leaf_type, GraphQLEnumType) else None

    def leaf(value):
        if value is None or value is Undefined:
            return None
        if plain and type(value) is str:
            return value
        if names is not None and type(value) is str:
            serialized = names.get(value)
            if serialized is not None:
                return serialized
        if isinstance(value, Exception):
            raise _GiveUp
        serialized = serialize(value)
        if serialized is None or serialized is Undefined:
            raise _GiveUp
        if names is not None and type(value) is str:
            names[value] = serialized
        return serialized

    return leaf


def execute_request(
    schema: GraphQLSchema,
    document: DocumentNode,
    context_value: Any,
    variable_values: dict | None,
    operation_name: str | None,
) -> ExecutionResult:
    """Execute a validated document: directly when the answer has no errors, else by
    graphql-core (which then also reports variable and operation errors). A context with a
    describer is told the operation first, so that a remote store's reads follow its plans
    (kg.describe)."""
    describer = getattr(context_value, "describer", None)
    if describer is not None:
        source = document.loc.source.body if document.loc is not None else id(document)
        describer.operation((source, operation_name))
    context = DirectExecution.build(schema, document, None, context_value, variable_values,
                                    operation_name)  # fmt: skip
    if not isinstance(context, list) and context.operation.operation == OperationType.QUERY:
        try:
            return ExecutionResult(context.run_query(), None)
        except StoreUnavailable:
            raise  # down or timed out: asking graphql-core to run it again would double the wait
        except Exception:
            pass
    return execute(schema, document, context_value=context_value,
                   variable_values=variable_values, operation_name=operation_name)  # fmt: skip
