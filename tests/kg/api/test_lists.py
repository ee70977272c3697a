"""The list queries give the same answers with Oxigraph's LATERAL and in SPARQL 1.1."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.api import lists
from kg.store import Capabilities, open_build

P = "https://policy-kg.example/ns#"
EX = "https://policy-kg.example/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
XSD_INTEGER = "http://www.w3.org/2001/XMLSchema#integer"
STATUSES = [P + s for s in ("NotStarted", "InProgress", "Legislating", "Enacted", "InForce",
                            "Delivered", "Stalled")]  # fmt: skip
DONE = STATUSES[3:6]  # enacted, in force, delivered


class Sparql11:
    """The same store, asked in SPARQL 1.1 only (as a remote store is)."""

    capabilities = Capabilities()  # no LATERAL

    def __init__(self, store):
        self.store = store

    def select(self, query):
        return self.store.select(query)


@pytest.fixture(scope="module", params=["bundled", "fixture"])
def build_file(request, bundled_build, fixture_build):
    return bundled_build if request.param == "bundled" else fixture_build


@pytest.fixture(scope="module")
def stores(build_file):
    store = open_build(build_file)
    return store, Sparql11(store)


@pytest.fixture(scope="module")
def oxigraph(build_file) -> ox.Store:
    """The same build in a bare pyoxigraph store, for walks by its index lookups."""
    store = ox.Store()
    store.bulk_load(path=str(build_file), format=ox.RdfFormat.N_QUADS)
    return store


@pytest.mark.parametrize("status", STATUSES, ids=lambda s: s.rsplit("#")[-1])
def test_latest_status_filters_agree(stores, status):
    oxigraph, sparql11 = stores
    for filters in ({"status_iri": status}, {"status_not_in": [status]},
                    {"status_not_in": DONE}):  # fmt: skip
        assert lists.recommendations(oxigraph, **filters) == lists.recommendations(
            sparql11, **filters
        ), filters


def test_the_filters_select_something(bundled_build):
    oxigraph = open_build(bundled_build)
    total = len(lists.recommendations(oxigraph))
    not_delivered = lists.recommendations(oxigraph, status_not_in=DONE)
    assert 0 < len(not_delivered) < total


def test_a_recommendation_without_status_events_is_not_done(tmp_path):
    n, lit = ox.NamedNode, ox.Literal
    quads = ox.Store()
    report, rec, graph = n(EX + "report"), n(EX + "report/rec/1"), n(EX + "g")
    for s, p, o in [(rec, n(RDF_TYPE), n(P + "Recommendation")), (rec, n(P + "report"), report),
                    (rec, n(P + "number"), lit("1", datatype=n(XSD_INTEGER))),
                    (rec, n(RDFS_LABEL), lit("R1")), (rec, n(P + "summary"), lit("S")),
                    (report, n(P + "key"), lit("report"))]:  # fmt: skip
        quads.add(ox.Quad(s, p, o, graph))
    quads.dump(tmp_path / "kg.nq", ox.RdfFormat.N_QUADS)
    store = open_build(tmp_path / "kg.nq")
    assert lists.recommendations(store, status_not_in=DONE) == [rec.value]
    assert lists.recommendations(Sparql11(store), status_not_in=DONE) == [rec.value]
    assert lists.recommendations(store, status_iri=STATUSES[0]) == []


ROLES = [None, P + "Lead", P + "Partner", P + "Consulted"]


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r.rsplit("#")[-1] if r else "any")
@pytest.mark.parametrize("confirmed", [None, True, False])
def test_held_by_is_the_walk_from_body_to_holders(stores, oxigraph, role, confirmed):
    """held_by answers in one query what the walk body -> responsibilities -> holders ->
    their types answers, for every body at once, with each filter."""
    store = stores[0]
    q = oxigraph.quads_for_pattern
    bodies = [t.subject.value for t in q(None, ox.NamedNode(RDF_TYPE), ox.NamedNode(P + "Body"))]

    def walk(body):
        held = set()
        for duty in {t.subject for t in q(None, ox.NamedNode(P + "body"), ox.NamedNode(body))}:
            roles = {t.object.value for t in q(duty, ox.NamedNode(P + "role"), None)}
            sure = any(
                t.object.value == "true" for t in q(duty, ox.NamedNode(P + "confirmed"), None)
            )
            if (role is None or role in roles) and (confirmed is None or sure == confirmed):
                for holder in q(None, ox.NamedNode(P + "responsibility"), duty):
                    types = q(holder.subject, ox.NamedNode(RDF_TYPE), None)
                    if any(t.object.value == P + "Recommendation" for t in types):
                        held.add(holder.subject.value)
        return held

    expected = {b: walk(b) for b in bodies}
    found = lists.held_by(store, bodies, role_iri=role, confirmed=confirmed)
    assert {b: set(found.get(b, ())) for b in bodies} == expected
    assert all(len(recs) == len(set(recs)) for recs in found.values())  # each once
    if role is None and confirmed is None:
        assert sum(map(len, expected.values())) > 0  # the corpus has something to find
