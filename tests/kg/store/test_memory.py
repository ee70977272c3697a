"""The embedded store's describe (native index lookups) and the SPARQL form that stores
speaking only SPARQL use (describe_query) give the same facts."""

from __future__ import annotations

import pyoxigraph as ox

from kg.store import describe_facts, describe_query
from kg.store._memory import EmbeddedStore

EX = "https://example.org/"
REPORT, REC_1, REC_2, BODY = (EX + n for n in ("report", "rec1", "rec2", "body"))
REPORT_OF, ECHOES, TITLE, LEAD = (EX + p for p in ("report", "echoes", "title", "lead"))
INCOMING = (REPORT_OF, ECHOES)


def store() -> ox.Store:
    store = ox.Store()
    n = ox.NamedNode
    for graph in ("g1", "g2"):  # the same triple in two named graphs
        store.add(ox.Quad(n(REC_1), n(REPORT_OF), n(REPORT), n(EX + graph)))
    store.add(ox.Quad(n(REC_2), n(REPORT_OF), n(REPORT), n(EX + "g1")))
    store.add(ox.Quad(n(REC_2), n(ECHOES), n(REC_1), n(EX + "g1")))
    store.add(ox.Quad(n(REC_1), n(TITLE), ox.Literal("One"), n(EX + "g1")))
    store.add(ox.Quad(n(REC_1), n(LEAD), n(BODY), n(EX + "g1")))  # not an incoming predicate
    return store


def test_native_and_sparql_describe_agree():
    oxigraph = store()
    iris = [REPORT, REC_1, REC_2, BODY]
    native = set(EmbeddedStore(oxigraph).describe(iris, INCOMING))
    triples = oxigraph.query(describe_query(iris, INCOMING), use_default_graph_as_union=True)
    assert set(describe_facts(triples, iris, INCOMING)) == native
    assert (REC_1, ECHOES, ox.NamedNode(REC_2), True) in native  # between two described nodes
    assert (REC_2, ECHOES, ox.NamedNode(REC_1), False) in native  # ... is a fact of each
    assert (REPORT, REPORT_OF, ox.NamedNode(REC_1), True) in native
    assert not any(node == BODY for node, *_ in native)  # `lead` is not followed backwards
