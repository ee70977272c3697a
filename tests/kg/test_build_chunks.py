"""The build's chunks (kg.buildcache.ChunkSink, Terms): the streamed build writes the bytes that
pyoxigraph's serialiser gives for the rdflib Dataset of the same sources (kg.build.serialise),
and the sink keeps, counts and writes each triple as that serialiser would."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD

from ingest import DEFAULT_BASE
from kg.build import WORKERS_ENV, assemble, build, serialise
from kg.buildcache import ChunkSink, Terms, chunk_lines
from ontology import PKG, RDF

GRAPH = "https://example.org/graph/g"


@pytest.mark.parametrize("workers", [1, 2])
def test_the_streamed_build_is_the_datasets_serialisation(corpus, tmp_path, monkeypatch, workers):
    monkeypatch.setenv(WORKERS_ENV, str(workers))
    out = tmp_path / "kg.nq"
    build(corpus, out, DEFAULT_BASE)
    assert out.read_bytes() == serialise(assemble(corpus, DEFAULT_BASE))


def test_the_bundled_corpus_too(tmp_path):
    sources = Path(__file__).resolve().parents[2] / "ingest" / "sources"
    out = tmp_path / "kg.nq"
    build(sources, out, DEFAULT_BASE)
    assert out.read_bytes() == serialise(assemble(sources, DEFAULT_BASE))


TERMS = [
    URIRef("https://example.org/a"),
    URIRef("https://example.org/é?q=1#f"),
    Literal("plain"),
    Literal("text", datatype=XSD.string),
    Literal('quotes " and \\ and\nnew lines\r\t'),
    Literal("🙂 中文"),
    Literal(dt.date(2020, 1, 2), datatype=XSD.date),
    Literal(True),
    Literal(42),
    Literal("1.50", datatype=XSD.decimal),
    Literal("https://x.org/a b", datatype=XSD.anyURI),
    Literal("bonjour", lang="fr"),
    BNode("b1"),
]


def test_terms_are_written_as_pyoxigraph_writes_them():
    import pyoxigraph as ox

    def expected(term) -> str:
        if isinstance(term, BNode):
            return str(ox.BlankNode(str(term)))
        if isinstance(term, Literal):
            if term.language:
                return str(ox.Literal(str(term), language=term.language))
            return str(ox.Literal(str(term), datatype=ox.NamedNode(term.datatype or XSD.string)))
        return str(ox.NamedNode(term))

    terms = Terms()
    for _round in range(2):  # made, then remembered
        for term in TERMS:
            assert terms.text(term) == expected(term), term


def test_an_iri_pyoxigraph_refuses_is_refused():
    with pytest.raises(ValueError):
        Terms().text(URIRef("not an iri"))


def test_the_sink_keeps_a_triple_once_and_counts_classes_and_blank_nodes():
    s, other = URIRef("https://example.org/s"), URIRef("https://example.org/o")
    triples = [
        (s, RDF.type, PKG.Report),
        (s, RDF.type, URIRef(str(PKG.Report))),  # the same triple again
        (other, RDF.type, PKG.Report),
        (s, RDF.type, URIRef("https://example.org/NotOurs")),
        (s, PKG.title, Literal("x", datatype=XSD.string)),
        (BNode("b"), PKG.title, Literal("y")),
        (s, PKG.part, BNode("c")),
    ]
    sink = ChunkSink(GRAPH, Terms())
    for triple in triples:
        sink.add(triple)
    lines, counts = sink.lines()
    assert counts == {"classes": {"Report": 2}, "blanks": 2}
    assert len(lines) == len(sink.triples) == 6
    assert lines == sorted(lines) and all(line.endswith(f" <{GRAPH}> .\n") for line in lines)
    assert (lines, counts) == chunk_lines(triples, GRAPH, Terms())
