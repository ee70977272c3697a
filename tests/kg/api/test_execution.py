"""The leaf shortcut gives graphql-core's own answers and errors."""

from __future__ import annotations

from pathlib import Path

import graphene
import pytest

from graphql import ExecutionContext, execute, parse
from kg.api.context import Build, RequestContext
from kg.api.execution import LeafShortcutExecution
from kg.api.schema import schema
from kg.app import base_of
from kg.store import open_build

OPERATIONS = sorted((Path(__file__).parents[3] / "graphql" / "operations").glob("*.graphql"))


@pytest.fixture(scope="module")
def build(bundled_build) -> Build:
    store = open_build(bundled_build)
    return Build(store=store, base=base_of(store), build_id="test")


def both(graphql_schema, document, context=None):
    """(the shortcut's result, graphql-core's result)."""
    results = []
    for cls in (LeafShortcutExecution, ExecutionContext):
        value = context() if context else None
        results.append(execute(graphql_schema, document, context_value=value,
                               execution_context_class=cls))  # fmt: skip
    return results


@pytest.mark.parametrize("operation", OPERATIONS, ids=lambda p: p.stem)
def test_every_operation_answers_the_same(build, operation):
    ours, theirs = both(schema.graphql_schema, parse(operation.read_text()),
                        lambda: RequestContext(build))  # fmt: skip
    assert theirs.errors is None and ours.data == theirs.data


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
    document = parse("{ broken { optional failing withDefault } }")
    ours, theirs = both(graphene.Schema(query=Query).graphql_schema, document)
    assert ours.data == theirs.data
    assert ours.data["broken"]["withDefault"] == "given"
    assert [e.formatted for e in ours.errors] == [e.formatted for e in theirs.errors]
