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
from kg.app import base_of
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
    assert len(ours.errors) == 3
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
    request = SimpleNamespace(method="POST")
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
