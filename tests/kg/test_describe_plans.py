"""Batches filled by plan (stores that answer CONSTRUCTs and SELECTs but have no lookups:
remote ones): an operation's later requests fetch a level, and the levels under it, in one
round trip of only the predicates it reads, and answer exactly as the embedded store does:
by CONSTRUCT (Virtuoso's way), by a compact SELECT of SPARQL 1.1, or by one of nested LATERAL
groups (engines that evaluate LATERAL, as the Oxigraph server does)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from graphql import parse
from kg.api.context import Build, RequestContext
from kg.api.execution import execute_request
from kg.api.schema import schema
from kg.describe import PLANNED_OPERATIONS, RDF_TYPE, Describer, Plans
from kg.store import SPARQL_PREFIXES, Capabilities, open_build

OPERATIONS = sorted((Path(__file__).parents[2] / "graphql" / "operations").glob("*.graphql"))
# Analyses that count years to today: fix the date so both sides agree.
VARIABLES = {"RecurringCalls": {"asOf": "2026-06-16"}}
BASE = "https://policy-kg.example"


class ConstructOnly:
    """The embedded store seen as a remote one: SPARQL only (no lookups), CONSTRUCTs
    answered, each query one round trip."""

    capabilities = Capabilities(construct=True)

    def __init__(self, store, tables: bool = True, nests: bool = False):
        self.store = store
        self.tables = tables  # False: batches filled by CONSTRUCT (Virtuoso's way)
        self.nests = nests  # True: by nested LATERAL groups (pyoxigraph evaluates them)
        self.queries: list[str] = []

    round_trips = property(lambda self: self.store.round_trips)

    def select(self, query):
        return self.store.select(query)

    def construct(self, query):
        self.queries.append(query)
        result = self.store.run_query(SPARQL_PREFIXES + query, default_graphs=[],
                                      named_graphs=[], cap=10**7)  # fmt: skip
        return result.triples

    def table(self, query, plain=(), each=None):
        self.queries.append(query)
        result = self.store.run_query(SPARQL_PREFIXES + query, default_graphs=[],
                                      named_graphs=[], cap=10**7)  # fmt: skip
        rows = [tuple(row.get(v) for v in result.variables) for row in result.rows]
        rows = [tuple(t.value if i in plain and isinstance(t, ox.NamedNode) else t
                      for i, t in enumerate(row)) for row in rows]  # fmt: skip
        if each is None:
            return rows
        for start in range(0, len(rows), 7):  # a few at a time, as a remote answer arrives
            each(rows[start : start + 7])
        return []

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


@pytest.fixture(scope="module")
def nesting(bundled_build):
    return ConstructOnly(open_build(bundled_build), nests=True)


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


@pytest.mark.parametrize("name", [p.stem for p in OPERATIONS])
def test_every_operation_answers_the_same_filled_by_nested_groups(stores, nesting, name):
    """An engine that evaluates LATERAL gets one SELECT of nested groups per batch."""
    embedded, _ = stores
    expected = run(embedded, name)[0]
    first, learning = run(nesting, name)
    nesting.queries.clear()
    second, by_plan = run(nesting, name)
    assert first == expected
    assert second == expected
    assert by_plan <= learning, (learning, by_plan)
    assert all(" LATERAL " in q for q in nesting.queries if q.startswith("SELECT"))


def test_nested_groups_cost_a_round_trip_and_keep_what_several_paths_reach(stores, nesting):
    """HomeOfficeLeads planned is one SELECT; a recommendation reached by two of a body's
    responsibilities, or a node with two types, still gets each fact once."""
    embedded, _ = stores
    run(nesting, "HomeOfficeLeads")
    nesting.queries.clear()
    data, trips = run(nesting, "HomeOfficeLeads")
    assert trips == 1 and len(nesting.queries) == 1
    [query] = nesting.queries
    assert "DISTINCT" not in query and query.count("LATERAL") >= 4
    for unread in ("#citation>", "#response>", "#summary>", "#implicates>"):
        assert unread not in query, unread
    assert data == run(embedded, "HomeOfficeLeads")[0]
    describer = Describer(nesting)
    body = describer.get(f"{BASE}/body/home-office")
    for store in (embedded, nesting):  # every type, once, on both
        assert sorted(Describer(store).get(body.iri).types) == sorted(body.types)
    assert len(body.types) == len(set(body.types))


def test_a_value_found_on_several_rows_is_kept_once(nesting):
    """A predicate of several values fetched as a column multiplies its node's rows: each
    value is still kept once, and the plan learns to fetch that predicate on rows of its own."""
    rdf_type, label = RDF_TYPE, "http://www.w3.org/2000/01/rdf-schema#label"
    key = "https://policy-kg.example/ns#key"
    plans = Plans.of(nesting)
    operation = ("test: several values", None)
    plans.for_operation(operation)[0] = frozenset({(False, rdf_type), (False, label),
                                                   (False, key)})  # fmt: skip
    describer = Describer(nesting)
    describer.operation(operation)
    body = describer.get(f"{BASE}/body/home-office")
    assert len(body.types) == 2  # an org:Organization and a pkg:Body: two rows
    for values in body.outgoing.values():
        assert len(values) == len(set(values)), values
    assert body.text(label) and body.text(key) == "home-office"
    assert plans.multi_for(operation)[0] == {rdf_type}
    nesting.queries.clear()
    again = Describer(nesting)
    again.operation(operation)
    assert len(again.get(body.iri).types) == 2
    [query] = nesting.queries
    assert f"?s <{rdf_type}> ?c1" in query  # its own rows now, not a column


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
