"""Each SHACL shape catches a graph that violates it (and the fixture corpus conforms)."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SH, SKOS

from ingest import DEFAULT_BASE
from kg.validation import validate_graph
from ontology import ELI, ORG, PKG, RDF, shapes_graph

B = DEFAULT_BASE
REPORT = URIRef(f"{B}/report/test-2025")
FINDING = URIRef(f"{REPORT}/finding/no-data")
REC1 = URIRef(f"{REPORT}/recommendation/1")
REC2 = URIRef(f"{REPORT}/recommendation/2")
ACT = URIRef("http://www.legislation.gov.uk/id/ukpga/2003/42")
SECTION = URIRef(f"{ACT}/section/9")
BILL = URIRef(f"{B}/instrument/test-bill")
CLAUSE = URIRef(f"{B}/instrument/test-bill-clause-1")
GUIDANCE = URIRef(f"{B}/instrument/test-guidance")
EFFECT = URIRef("http://www.legislation.gov.uk/id/effect/test-commencement-1")


def drop(subject, predicate):
    return lambda g: (g.remove((subject, predicate, None)), subject)[1]


def put(subject, predicate, value):
    """Replace every value of subject/predicate with `value`."""

    def mutate(g: Graph):
        g.remove((subject, predicate, None))
        g.add((subject, predicate, value))
        return subject

    return mutate


def add(subject, predicate, value):
    return lambda g: (g.add((subject, predicate, value)), subject)[1]


def foreign_act(g: Graph):
    node = URIRef("https://example.org/not-legislation/act")
    g.add((node, RDF.type, PKG.Act))
    return node


# shape name -> a mutation of the conforming fixture graph that violates it; returns the focus.
MUTATIONS = {
    "CitedShape": drop(REC1, PKG.citation),
    "SourceShape": put(URIRef(f"{B}/source/press"), PKG.authority, PKG.Lead),
    "CitationShape": drop(URIRef(f"{REC1}/citation/1"), PKG.source),
    "StatementShape": put(URIRef(f"{REC1}/link/echoes/1"), RDF.predicate, PKG.report),
    "ReportShape": drop(REPORT, DCTERMS.issued),
    "FindingShape": drop(FINDING, PKG.summary),
    "FigureShape": put(URIRef(f"{FINDING}/figure/1"), PKG.value, Literal("about two-thirds")),
    "RecommendationShape": add(REC1, PKG.number, Literal(7)),
    "ResponsibilityShape": put(URIRef(f"{REC1}/responsibility/dept"), PKG.role, PKG.Accepted),
    "InstrumentLinkShape": drop(URIRef(f"{REC1}/instrument/1"), PKG.relation),
    "ResponseShape": put(URIRef(f"{REC1}/response"), PKG.stance, PKG.Lead),
    "StatusEventShape": put(
        URIRef(f"{REC1}/status/2025-11-04-legislating"), PKG.date, Literal("4 Nov 2025")
    ),
    "BodyShape": put(
        URIRef(f"{B}/body/agency"), ORG.subOrganizationOf, URIRef(f"{B}/source/press")
    ),
    "InstrumentShape": drop(GUIDANCE, DCTERMS.title),
    "LegislationIdentifierShape": foreign_act,
    "SectionShape": drop(SECTION, ELI.is_part_of),
    "ClauseShape": put(CLAUSE, ELI.is_part_of, GUIDANCE),
    "BillShape": put(BILL, PKG.enactedAs, GUIDANCE),
    "ThemeShape": drop(URIRef(f"{B}/theme/data"), SKOS.inScheme),
    "ProposedChangeShape": drop(URIRef(f"{B}/proposal/test-reform"), PKG.proposedBy),
    "NoInstrumentStatementShape": drop(URIRef(f"{REC2}/no-instrument"), PKG.note),
    "TargetShape": put(URIRef(f"{REC1}/target/test-clauses-laid"), PKG.due, Literal("autumn")),
    "TargetMetShape": drop(URIRef(f"{REC1}/target/test-clauses-laid-later/met"), PKG.date),
    "BillStageShape": put(URIRef(f"{BILL}/stage/1"), PKG.stageKind, PKG.Lead),
    "EffectShape": drop(EFFECT, PKG.affected),
    "InForceDateShape": put(
        URIRef(f"{B}/legislation/effect/test-commencement-1/in-force/1"), PKG.date, Literal("May")
    ),
    "NoBillStatementShape": drop(URIRef(f"{B}/proposal/test-reform/no-bill"), PKG.date),
}


def test_every_shape_has_a_violation_test():
    named = {
        str(s).rsplit("#", 1)[-1]
        for s in shapes_graph().subjects(RDF.type, SH.NodeShape)
        if isinstance(s, URIRef)
    }
    assert named == set(MUTATIONS)


def test_the_fixture_corpus_conforms(fixture_graph):
    assert validate_graph(fixture_graph) == []


@pytest.mark.parametrize("shape", sorted(MUTATIONS))
def test_shape_catches_its_violation(shape, fixture_graph):
    graph = Graph()
    for triple in fixture_graph:
        graph.add(triple)
    focus = MUTATIONS[shape](graph)
    violations = validate_graph(graph)
    caught = {(v.shape, v.focus) for v in violations}
    assert (shape, str(focus)) in caught, violations
