"""Batches filled by plan (stores that answer CONSTRUCTs and SELECTs but have no lookups:
remote ones): an operation's later requests fetch a level, and the levels under it, in one
round trip of only the predicates it reads, and answer exactly as the embedded store does."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from graphql import parse
from kg.api.context import Build, RequestContext
from kg.api.execution import execute_request
from kg.api.schema import schema
from kg.describe import PLANNED_OPERATIONS, Describer, Plans
from kg.store import SPARQL_PREFIXES, Capabilities, open_build

OPERATIONS = sorted((Path(__file__).parents[2] / "graphql" / "operations").glob("*.graphql"))
# Analyses that count years to today: fix the date so both sides agree.
VARIABLES = {"RecurringCalls": {"asOf": "2026-06-16"}}
BASE = "https://policy-kg.example"


class ConstructOnly:
    """The embedded store seen as a remote one: SPARQL only (no lookups), CONSTRUCTs
    answered, each query one round trip."""

    capabilities = Capabilities(construct=True)

    def __init__(self, store, tables: bool = True):
        self.store = store
        self.tables = tables  # False: batches filled by CONSTRUCT (Virtuoso's way)
        self.queries: list[str] = []

    round_trips = property(lambda self: self.store.round_trips)

    def select(self, query):
        return self.store.select(query)

    def construct(self, query):
        self.queries.append(query)
        result = self.store.run_query(SPARQL_PREFIXES + query, default_graphs=[],
                                      named_graphs=[], cap=10**7)  # fmt: skip
        return result.triples

    def table(self, query):
        self.queries.append(query)
        result = self.store.run_query(SPARQL_PREFIXES + query, default_graphs=[],
                                      named_graphs=[], cap=10**7)  # fmt: skip
        return [tuple(row.get(v) for v in result.variables) for row in result.rows]

    def run_query(self, query, **options):
        return self.store.run_query(query, **options)

    def describe(self, iris, incoming):
        return self.store.describe(iris, incoming)

    def close(self):
        self.store.close()


@pytest.fixture(scope="module")
def stores(bundled_build):
    return open_build(bundled_build), ConstructOnly(open_build(bundled_build))


@pytest.fixture(scope="module")
def constructing(bundled_build):
    return ConstructOnly(open_build(bundled_build), tables=False)


def run(store, name: str, query: str | None = None, variables: dict | None = None):
    """The operation's answer on `store` and the round trips it cost."""
    text = query or (Path(OPERATIONS[0]).parent / f"{name}.graphql").read_text()
    build = Build(store=store, base=BASE, build_id="test")
    if variables is None:
        variables = VARIABLES.get(name)
    before = store.round_trips
    result = execute_request(schema.graphql_schema, parse(text), RequestContext(build), variables,
                             None)  # fmt: skip
    assert not result.errors, (name, result.errors)
    return result.data, store.round_trips - before


@pytest.mark.parametrize("name", [p.stem for p in OPERATIONS])
def test_every_operation_answers_the_same_learning_and_planned(stores, name):
    embedded, planned = stores
    expected, _ = run(embedded, name)
    first, learning = run(planned, name)
    second, by_plan = run(planned, name)
    assert first == expected
    assert second == expected
    assert by_plan <= learning, (learning, by_plan)


@pytest.mark.parametrize("name", [p.stem for p in OPERATIONS])
def test_every_operation_answers_the_same_filled_by_construct(stores, constructing, name):
    """A store whose SELECT answers are verbose fills batches by CONSTRUCT instead."""
    embedded, _ = stores
    expected = run(embedded, name)[0]
    assert run(constructing, name)[0] == expected  # learning
    constructing.queries.clear()
    assert run(constructing, name)[0] == expected  # planned
    assert all(q.startswith("CONSTRUCT") for q in constructing.queries)


def test_a_planned_request_costs_a_round_trip_per_batch_it_starts_from(stores):
    """HomeOfficeLeads walks body -> responsibilities -> recommendations -> reports and
    status events: planned, that is one SELECT from the body (its root lookup)."""
    _, planned = stores
    run(planned, "HomeOfficeLeads")
    planned.queries.clear()
    _, trips = run(planned, "HomeOfficeLeads")
    assert trips == 1 and len(planned.queries) == 1
    [query] = planned.queries
    # only what the operation reads: nothing about findings, citations or responses
    for unread in ("#citation>", "#response>", "#summary>", "#implicates>"):
        assert unread not in query, unread
    for read in ("#body>", "#responsibility>", "#statusEvent>", "#key>", "#number>"):
        assert read in query, read


def test_round_trips_do_not_grow_with_results(stores):
    """A list of 2 recommendations or of all of them: the same planned round trips."""
    embedded, planned = stores
    query = """query($n: Int) { recommendations(first: $n) { edges { node {
      number title report { key } status { status date }
      responsibilities { role body { name parent { name } } }
      instruments { relation instrument { title partOf { title } } }
      response { stance citations { source { title } } } } } } }"""
    counts = []
    for n in (2, 2, 40, 40):
        data, trips = run(planned, "", query, {"n": n})
        assert data == run(embedded, "", query, {"n": n})[0]
        counts.append(trips)
    assert counts[1] == counts[3] <= 3, counts  # the list query, then one SELECT


def test_a_read_the_plan_lacks_is_fetched_for_the_batch(stores):
    embedded, planned = stores
    run(planned, "GovernmentResponse")
    plan = Plans.of(planned).operations
    [key] = [k for k in plan if k and "GovernmentResponse" in k[0]]
    for lineage in list(plan[key]):  # forget half of every plan
        plan[key][lineage] = frozenset(sorted(plan[key][lineage])[::2])
    assert run(planned, "GovernmentResponse")[0] == run(embedded, "GovernmentResponse")[0]


def test_plans_are_bounded(stores):
    _, planned = stores
    plans = Plans.of(planned)
    for i in range(PLANNED_OPERATIONS + 10):
        plans.for_operation(("query", i))
    assert len(plans.operations) <= PLANNED_OPERATIONS


def test_entity_pages_still_read_nodes_whole(stores):
    _, planned = stores
    describer = Describer(planned, whole=True)
    assert not describer.prefetches
    node = describer.get(f"{BASE}/report/casey-2025")
    assert node.exists and node.outgoing  # whole: every predicate already there


def test_planned_answer_keeps_literals_and_iris_apart(stores):
    """A value read by plan is the same term the embedded store holds (datatype, language)."""
    embedded, planned = stores
    iri = f"{BASE}/report/casey-2025"
    for store in (embedded, planned):
        describer = Describer(store)
        issued = describer.get(iri).value("http://purl.org/dc/terms/issued")
        assert isinstance(issued, ox.Literal) and issued.datatype.value.endswith("#date")
