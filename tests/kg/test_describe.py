"""The describer: read predicate by predicate (embedded stores) or whole (remote stores, pages),
a node says the same; and a batch costs one round trip per predicate read, not per node."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.describe import INCOMING_IRIS, Batch, Describer, Description
from kg.store import Store, open_build

EX = "https://example.org/"


@pytest.fixture(scope="module")
def store(bundled_build) -> Store:
    return open_build(bundled_build)


def subjects(store: Store) -> list[str]:
    rows = store.select("SELECT DISTINCT ?s WHERE { ?s ?p ?o FILTER(isIRI(?s)) } ORDER BY ?s")
    return [row["s"].value for row in rows]


def predicates(store: Store) -> list[str]:
    return [row["p"].value for row in store.select("SELECT DISTINCT ?p WHERE { ?s ?p ?o }")]


def test_by_predicate_and_whole_say_the_same(store):
    iris = [*subjects(store), EX + "nothing"]
    by_predicate, whole = Describer(store), Describer(store, whole=True)
    assert by_predicate.lookups is not None and whole.lookups is None
    lazy, full = by_predicate.get_many(iris), whole.get_many(iris)
    for a, b in zip(lazy, full, strict=True):
        assert b.exists == (a.iri != EX + "nothing"), a.iri
        with pytest.raises(TypeError, match="whole description"):
            a.exists  # noqa: B018 - reading it is the test
        assert a.types == b.types, a.iri
        for predicate in predicates(store):
            assert a.values(predicate) == b.values(predicate), (a.iri, predicate)
        for predicate in INCOMING_IRIS:
            assert sorted(a.sources(predicate)) == sorted(b.sources(predicate)), (a.iri, predicate)
    assert len(iris) > 300


def test_a_batch_costs_a_round_trip_per_predicate_not_per_node(store):
    describer = Describer(store)
    recommendations = [r["r"].value for r in store.select(
        "SELECT ?r WHERE { ?r a pkg:Recommendation } ORDER BY ?r")]  # fmt: skip
    store.round_trips = 0
    nodes = describer.get_many(recommendations)
    assert store.round_trips == 0  # nothing is read until asked for
    numbers = [n.text("https://policy-kg.example/ns#number") for n in nodes]
    assert store.round_trips == 1 and all(numbers)
    reports = {
        r.iri for n in nodes for r in describer.related(n, "https://policy-kg.example/ns#report")
    }
    assert store.round_trips == 2 and len(reports) >= 2
    assert len(nodes) > 20  # the bundled corpus


def test_a_triple_in_two_graphs_is_read_once(tmp_path):
    oxigraph = ox.Store()
    n = ox.NamedNode
    for graph in ("g1", "g2"):
        oxigraph.add(ox.Quad(n(EX + "a"), n(EX + "title"), ox.Literal("A"), n(EX + graph)))
        oxigraph.add(ox.Quad(n(EX + "b"), n(EX + "report"), n(EX + "a"), n(EX + graph)))
    oxigraph.dump(tmp_path / "kg.nq", ox.RdfFormat.N_QUADS)
    a = Describer(open_build(tmp_path / "kg.nq")).get(EX + "a")
    assert a.values(EX + "title") == [ox.Literal("A")]
    assert a.sources(EX + "report") == [EX + "b"]


def test_a_backward_walk_on_an_undeclared_predicate_fails_loudly(fixture_build):
    """Whole batches fetch only INCOMING links, so a resolver walking another predicate
    backwards would get nothing on remote stores; it fails on every store instead."""
    describer = Describer(open_build(fixture_build))
    report = describer.get("https://policy-kg.example/report/test-2025")
    with pytest.raises(LookupError, match=r"add it to kg\.describe\.INCOMING"):
        describer.referrers(report, "https://policy-kg.example/ns#summary")
    assert describer.referrers(report, "https://policy-kg.example/ns#report")  # declared


@pytest.mark.parametrize("tables", [(None, None), ({"p": []}, {"q": ["urn:a"]})])
def test_a_description_adopted_is_one_made_by_init(tables):
    """Description.adopted skips __init__ for speed: it must set every slot as __init__ does,
    and register the node's tables with its batch."""
    outgoing, incoming = tables
    made, adopted = Batch(None, {}), Batch(None, {})
    a = Description("urn:x", made, outgoing, incoming)
    b = Description.adopted("urn:x", adopted, outgoing, incoming)
    for slot in Description.__slots__:
        assert getattr(a, slot) == getattr(b, slot) or slot == "batch", slot
    assert b.batch is adopted
    assert adopted.outgoing == made.outgoing and adopted.incoming == made.incoming
    assert adopted.outgoing["urn:x"] is b.outgoing and adopted.incoming["urn:x"] is b.incoming
