"""The direct path gives graphql-core's own answers, and its errors by handing over to it."""

from __future__ import annotations

import gc
from pathlib import Path
from types import SimpleNamespace

import graphene
import pytest

from graphql import execute, parse
from kg.api.context import Build, RequestContext
from kg.api.execution import DirectExecution, execute_request
from kg.api.http import GRAPHQL_RESPONSE, GraphQLEndpoint
from kg.api.schema import schema
from kg.build import base_of
from kg.store import open_build

OPERATIONS = sorted((Path(__file__).parents[3] / "graphql" / "operations").glob("*.graphql"))


@pytest.fixture(scope="module")
def build(bundled_build) -> Build:
    store = open_build(bundled_build)
    return Build(store=store, base=base_of(store), build_id="test")


def both(graphql_schema, document, context=None, variables=None):
    """(the direct path's result, graphql-core's result)."""
    ours = execute_request(graphql_schema, document, context() if context else None, variables,
                           None)  # fmt: skip
    theirs = execute(graphql_schema, document, context_value=context() if context else None,
                     variable_values=variables)  # fmt: skip
    return ours, theirs


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda p: p.stem)
def test_every_operation_answers_the_same(build, operation):
    document = parse(operation.read_text())
    ours, theirs = both(schema.graphql_schema, document, lambda: RequestContext(build))
    assert theirs.errors is None and ours.data == theirs.data
    # ... and it was the direct path that answered, not a hand-over
    direct = DirectExecution.build(schema.graphql_schema, document, None, RequestContext(build))
    assert direct.run_query() == theirs.data


class Broken(graphene.ObjectType):
    required = graphene.String(required=True)
    optional = graphene.String()
    failing = graphene.Int()
    unserialisable = graphene.Int()
    with_default = graphene.String(text=graphene.String(default_value="given"))

    def resolve_required(root, info):
        return None

    def resolve_optional(root, info):
        return None

    def resolve_failing(root, info):
        raise ValueError("this resolver failed")

    def resolve_unserialisable(root, info):
        return "not a number"

    def resolve_with_default(root, info, text):
        return text


class Query(graphene.ObjectType):
    broken = graphene.Field(Broken)

    def resolve_broken(root, info):
        return object()


def test_null_errors_and_defaults_are_graphql_cores():
    document = parse("{ broken { optional failing unserialisable withDefault required } }")
    ours, theirs = both(graphene.Schema(query=Query).graphql_schema, document)
    assert ours.data == theirs.data == {"broken": None}  # a null for a non-null field
    assert [e.formatted for e in ours.errors] == [e.formatted for e in theirs.errors]
    # one error per broken field: failing raises, unserialisable is not an Int, and required
    # is null though non-null (which nulls `broken`); optional is null, and that is no error
    assert sorted(e.path for e in ours.errors) == [
        ["broken", "failing"], ["broken", "required"], ["broken", "unserialisable"]]  # fmt: skip
    with pytest.raises(ValueError, match="failed"):  # the direct path gave up; core answered
        DirectExecution.build(graphene.Schema(query=Query).graphql_schema, document).run_query()
    document = parse("{ broken { optional failing withDefault } }")
    ours, theirs = both(graphene.Schema(query=Query).graphql_schema, document)
    assert ours.data == theirs.data
    assert ours.data["broken"]["withDefault"] == "given"
    assert [e.formatted for e in ours.errors] == [e.formatted for e in theirs.errors]


def test_fragments_aliases_and_several_runtime_types_answer_the_same(build):
    """Prepared plans are per type and per selection: an interface list whose items have
    different runtime types, the same type under two aliases with different selections, and
    inline and named fragments must each get their own fields."""
    document = parse("""
        query {
          search(text: "child", first: 100) {
            __typename
            ... on Recommendation { number report { key } status { status date } }
            ... on Body { name kind }
            ...Titled
          }
          short: body(id: "home-office") { name }
          long: body(id: "home-office") {
            name
            responsibilities(role: LEAD) { number title report { key title } }
          }
        }
        fragment Titled on Report { title issued }
    """)
    ours, theirs = both(schema.graphql_schema, document, lambda: RequestContext(build))
    assert theirs.errors is None and ours.data == theirs.data
    kinds = {item["__typename"] for item in ours.data["search"]}
    assert {"Recommendation", "Body", "Report"} <= kinds, kinds  # the case this test is for
    assert set(ours.data["short"]) == {"name"}
    direct = DirectExecution.build(schema.graphql_schema, document, None, RequestContext(build))
    assert direct.run_query() == theirs.data


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda p: p.stem)
def test_a_request_leaves_no_reference_cycles(build, operation):
    """Everything a request made is freed when it ends, by reference counting: a reference
    cycle (a description pointing at its batch and back) would leave it all for the garbage
    collector, whose collections then cost milliseconds on a large build."""
    endpoint = GraphQLEndpoint(schema.graphql_schema, lambda: RequestContext(build))
    params = {"query": operation.read_text(), "variables": None, "operation": None,
              "extensions": None}  # fmt: skip
    request = SimpleNamespace(method="POST", state=SimpleNamespace())  # run() marks the state
    endpoint.run(request, params, GRAPHQL_RESPONSE)  # what is kept across requests is made now
    gc.collect()
    gc.disable()
    gc.set_debug(gc.DEBUG_SAVEALL)  # keep what a collection finds, to show it
    try:
        response = endpoint.run(request, params, GRAPHQL_RESPONSE)
        gc.collect()
        left = [type(o).__qualname__ for o in gc.garbage]
    finally:
        gc.set_debug(0)
        gc.garbage.clear()
        gc.enable()
    assert response.status_code == 200
    assert left == []


def test_graphql_core_is_the_3_2_line_whose_internals_the_direct_path_uses():
    """kg/api/execution.py runs on graphql-core 3.2's internals (its docstring lists them, and
    pyproject.toml pins graphql-core below 3.3 for them): an upgrade that moves or changes one
    fails here, by name, before any answer differs."""
    import inspect

    from graphql.execution.collect_fields import collect_fields
    from graphql.execution.execute import get_field_def
    from graphql.execution.values import get_argument_values
    from graphql.pyutils import Undefined

    import graphql

    assert (graphql.version_info.major, graphql.version_info.minor) == (3, 2)

    def parameters(function):
        return list(inspect.signature(function).parameters)

    # called positionally: the order matters, not only the names
    assert parameters(collect_fields)[:5] == [
        "schema", "fragments", "variable_values", "runtime_type", "selection_set"]  # fmt: skip
    assert parameters(get_field_def) == ["schema", "parent_type", "field_node"]
    assert parameters(get_argument_values) == ["type_def", "node", "variable_values"]
    context_type = graphql.ExecutionContext
    assert parameters(context_type.build_resolve_info) == [
        "self", "field_def", "field_nodes", "parent_type", "path"]  # fmt: skip
    assert parameters(context_type.collect_subfields) == ["self", "return_type", "field_nodes"]
    assert parameters(context_type.ensure_valid_runtime_type) == [
        "self", "runtime_type_name", "return_type", "field_nodes", "info", "result"]  # fmt: skip
    assert Undefined is not None and isinstance(context_type.__dict__["build"], classmethod)
    # the attributes the direct path reads, set by the constructor
    context = DirectExecution.build(graphene.Schema(query=Query).graphql_schema,
                                    parse("{ broken { optional } }"))  # fmt: skip
    assert isinstance(context, DirectExecution)
    for name in ("schema", "fragments", "variable_values", "operation", "root_value",
                 "field_resolver", "type_resolver"):  # fmt: skip
        assert hasattr(context, name), name
    fields = collect_fields(context.schema, context.fragments, context.variable_values,
                            context.schema.query_type, context.operation.selection_set)  # fmt: skip
    assert {name: [node.name.value for node in nodes] for name, nodes in fields.items()} == {
        "broken": ["broken"]}  # fmt: skip


def test_a_store_that_is_down_is_asked_once_not_again_by_graphql_core(build):
    """The direct path falls back to graphql-core on any error, to report it as graphql-core
    does; a store that is down or timed out is the exception: asked again, a store that timed
    out would make the client wait twice as long for the same 503."""
    from kg.store import StoreUnavailable

    class Down:
        capabilities = build.store.capabilities
        round_trips = 0

        def __getattr__(self, name):
            def refuse(*args, **kwargs):
                Down.round_trips += 1
                raise StoreUnavailable("the store at http://x timed out", "the store timed out")

            return refuse

    down = Build(store=Down(), base=build.base, build_id="test")
    document = parse((OPERATIONS[0].parent / "HomeOfficeLeads.graphql").read_text())
    with pytest.raises(StoreUnavailable):
        execute_request(schema.graphql_schema, document, RequestContext(down), None, None)
    assert Down.round_trips == 1
