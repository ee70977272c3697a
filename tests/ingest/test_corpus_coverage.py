"""The bundled corpus is complete enough for its users, and every fact in it is sourced.

These tests read the real corpus in ingest/sources: a gap in the data fails them.
"""

from __future__ import annotations

import re

import pytest
from rdflib import Literal, URIRef

from ingest import DEFAULT_BASE
from kg.build import ONTOLOGY_GRAPH, assemble, check
from kg.config import BUNDLED_SOURCES
from ontology import DCTERMS, PKG, RDF, SKOS, XSD
from ontology.vocabulary import STANCE

B = DEFAULT_BASE
CASEY = URIRef(f"{B}/report/casey-2025")
LEGISLATION_ID = re.compile(
    r"^http://www\.legislation\.gov\.uk/id/[a-z]+/[A-Za-z0-9]+/[A-Za-z0-9-]+(/[A-Za-z0-9-]+)*$"
)


@pytest.fixture(scope="module")
def dataset():
    return assemble(BUNDLED_SOURCES, B)


@pytest.fixture(scope="module")
def graph(dataset):
    from rdflib import Graph

    union = Graph()
    for s, p, o, g in dataset.quads((None, None, None, None)):
        if g != ONTOLOGY_GRAPH:
            union.add((s, p, o))
    return union


def casey_recommendations(graph):
    return {
        int(graph.value(rec, PKG.number)): rec
        for rec in graph.subjects(PKG.report, CASEY)
        if (rec, RDF.type, PKG.Recommendation) in graph
    }


def test_the_corpus_validates(dataset):
    check(dataset)  # raises BuildFailed with every violation


def test_all_twelve_recommendations_are_there(graph):
    assert sorted(casey_recommendations(graph)) == list(range(1, 13))


@pytest.mark.parametrize("number", range(1, 13))
def test_each_recommendation_is_covered(graph, number):
    rec = casey_recommendations(graph)[number]
    assert list(graph.objects(rec, PKG.citation)), "no citation"
    bodies = [graph.value(r, PKG.body) for r in graph.objects(rec, PKG.responsibility)]
    assert bodies, "no responsible body"
    instruments = list(graph.objects(rec, PKG.instrumentLink))
    no_instrument = graph.value(rec, PKG.noInstrument)
    assert instruments or no_instrument, "no instrument link and no statement that none exists"
    if no_instrument is not None:
        assert list(graph.objects(no_instrument, PKG.citation)), "uncited no-instrument statement"
    # government-response-2025.yaml: the government accepted all twelve recommendations.
    response = graph.value(rec, PKG.response)
    assert graph.value(response, PKG.stance) == URIRef(STANCE.ACCEPTED.iri), "not accepted"
    dates = [graph.value(e, PKG.date) for e in graph.objects(rec, PKG.statusEvent)]
    assert dates and all(d is not None for d in dates), "no dated status"


IICSA_FINAL = URIRef(f"{B}/report/iicsa-final-2022")


def report_recommendations(graph, report):
    return {
        int(graph.value(rec, PKG.number)): rec
        for rec in graph.subjects(PKG.report, report)
        if (rec, RDF.type, PKG.Recommendation) in graph
    }


def test_iicsa_final_report_has_all_twenty_recommendations(graph):
    assert sorted(report_recommendations(graph, IICSA_FINAL)) == list(range(1, 21))


@pytest.mark.parametrize("number", range(1, 21))
def test_each_iicsa_recommendation_is_covered(graph, number):
    """Issue 19: a body, an instrument link or a cited no-instrument statement, a stance with
    its date, a dated and cited status, and a citation with a locator."""
    rec = report_recommendations(graph, IICSA_FINAL)[number]
    citations = list(graph.objects(rec, PKG.citation))
    assert citations, "no citation"
    assert any(graph.value(c, PKG.locator) is not None for c in citations), "no locator"
    bodies = [graph.value(r, PKG.body) for r in graph.objects(rec, PKG.responsibility)]
    assert bodies and all(b is not None for b in bodies), "no responsible body"
    instruments = list(graph.objects(rec, PKG.instrumentLink))
    no_instrument = graph.value(rec, PKG.noInstrument)
    assert instruments or no_instrument, "no instrument link and no statement that none exists"
    for link in instruments:
        assert list(graph.objects(link, PKG.citation)), "uncited instrument link"
    if no_instrument is not None:
        assert list(graph.objects(no_instrument, PKG.citation)), "uncited no-instrument statement"
    response = graph.value(rec, PKG.response)
    assert response is not None, "no government response"
    assert graph.value(response, PKG.stance) in {URIRef(s.iri) for s in STANCE}, "no stance"
    assert graph.value(response, DCTERMS.issued) is not None, "the stance has no date"
    assert list(graph.objects(response, PKG.citation)), "uncited response"
    events = list(graph.objects(rec, PKG.statusEvent))
    assert events, "no status event"
    for event in events:
        assert graph.value(event, PKG.date) is not None, "undated status event"
        assert list(graph.objects(event, PKG.citation)), "uncited status event"


def test_at_least_fifteen_findings_each_cited(graph):
    findings = [f for f in graph.subjects(PKG.report, CASEY) if (f, RDF.type, PKG.Finding) in graph]
    assert len(findings) >= 15
    for finding in graph.subjects(RDF.type, PKG.Finding):
        assert list(graph.objects(finding, PKG.citation)), finding


def test_statutes_use_legislation_gov_uk_identifiers(graph):
    statutes = set()
    for cls in (PKG.Act, PKG.Section, PKG.StatutoryInstrument):
        statutes.update(graph.subjects(RDF.type, cls))
    assert len(statutes) >= 20
    for iri in statutes:
        assert LEGISLATION_ID.match(str(iri)), iri


def test_every_literal_fact_has_a_source(graph):
    """Any subject that states a literal is a source, a citation, or carries citations itself
    (figures are part of the finding that cites them, in-force dates of the effect)."""
    # Sources and citations are the evidence itself; a concept scheme is our own vocabulary.
    exempt_types = {PKG.Source, PKG.Citation, SKOS.ConceptScheme}
    unsourced = []
    for subject in {s for s, _p, o in graph if isinstance(o, Literal)}:
        types = set(graph.objects(subject, RDF.type))
        if types & exempt_types or graph.value(subject, PKG.sourceFile) is not None:
            continue
        holder = subject
        if PKG.Figure in types:
            holder = graph.value(None, PKG.figure, subject)
        if PKG.InForceDate in types:
            holder = graph.value(None, PKG.inForce, subject)
        if not list(graph.objects(holder, PKG.citation)):
            unsourced.append(subject)
    assert unsourced == []


def test_every_citation_names_a_declared_source_with_an_authority(graph):
    for citation in graph.subjects(RDF.type, PKG.Citation):
        source = graph.value(citation, PKG.source)
        assert graph.value(source, PKG.authority) in (PKG.Primary, PKG.Secondary), citation


def test_earlier_reports_are_linked_by_echoes(graph):
    reports = set(graph.subjects(RDF.type, PKG.Report))
    assert len(reports) >= 6  # Casey 2025 and at least five earlier reports
    echoed_reports = {
        graph.value(earlier, PKG.report)
        for rec in casey_recommendations(graph).values()
        for earlier in graph.objects(rec, PKG.echoes)
    }
    assert len(echoed_reports) >= 3


#: The themes of each Casey recommendation, as casey-2025.yaml files them (keys in themes.yaml).
CASEY_THEMES = {
    1: {"legal-reform", "treatment-of-victims"},
    2: {"accountability", "policing-and-investigation"},
    3: {"criminalisation-of-victims", "treatment-of-victims", "legal-reform"},
    4: {"data-and-ethnicity-recording"},
    5: {"information-sharing"},
    6: {"information-sharing", "child-protection-data"},
    7: {"policing-and-investigation", "information-sharing"},
    8: {"policing-and-investigation"},
    9: {"child-protection-data", "data-and-ethnicity-recording"},
    10: {"research-and-evidence"},
    11: {"taxi-licensing"},
    12: {"accountability"},  # a placeholder, marked unconfirmed in the YAML
}


def test_findings_and_recommendations_have_themes(graph):
    themes = {
        rec: {str(t).removeprefix(f"{B}/theme/") for t in graph.objects(rec, PKG.theme)}
        for rec in casey_recommendations(graph).values()
    }
    assert {int(graph.value(r, PKG.number)): t for r, t in themes.items()} == CASEY_THEMES
    declared = set(graph.subjects(RDF.type, PKG.Theme))  # themes.yaml
    findings = [f for f in graph.subjects(PKG.report, CASEY) if (f, RDF.type, PKG.Finding) in graph]
    for finding in findings:  # at least one theme, each one declared in themes.yaml
        assert set(graph.objects(finding, PKG.theme)) <= declared, finding
        assert graph.value(finding, PKG.theme) in declared, finding


def test_the_under_16_reform_is_a_first_class_proposal(graph):
    proposal = URIRef(f"{B}/proposal/under-16-rape-reform")
    assert graph.value(proposal, PKG.proposedBy) == casey_recommendations(graph)[1]
    changed = {
        graph.value(link, PKG.instrument) for link in graph.objects(proposal, PKG.instrumentLink)
    }
    assert any(
        str(iri).startswith("http://www.legislation.gov.uk/id/ukpga/2003/42") for iri in changed
    )
    roles = {
        (graph.value(r, PKG.body), graph.value(r, PKG.role))
        for r in graph.objects(proposal, PKG.responsibility)
    }
    assert (URIRef(f"{B}/body/crown-prosecution-service"), PKG.Consulted) in roles
    assert graph.value(proposal, PKG.safeguards) is not None


def test_every_target_is_cited_and_says_when_it_is_due(graph):
    """targets.yaml: each target a cited source states, under its recommendation, with a due
    date; one resting only on secondary sources (or on our derivation) says why."""
    targets = set(graph.subjects(RDF.type, PKG.Target))
    assert {str(graph.value(t, PKG.key)) for t in targets} >= {
        "inquiry-final-terms", "inquiry-three-years", "hmicfrs-2023-new-data-requirement",
    }  # fmt: skip
    for target in targets:
        [rec] = graph.subjects(PKG.target, target)
        assert (rec, RDF.type, PKG.Recommendation) in graph, target
        assert graph.value(target, PKG.due) is not None, target
        citations = list(graph.objects(target, PKG.citation))
        assert citations, f"uncited target {target}"
        for citation in citations:
            assert graph.value(citation, PKG.source) is not None, citation
            assert graph.value(citation, PKG.locator) is not None, f"no locator: {citation}"
        if not graph.value(target, PKG.confirmed).toPython():
            assert graph.value(target, PKG.unconfirmedNote) is not None, target
        met = graph.value(target, PKG.met)
        if met is not None:
            assert list(graph.objects(met, PKG.citation)), f"uncited met date of {target}"
    # The three-year limit is a period: its due date is derived, and the note says how.
    three_years = URIRef(f"{B}/report/casey-2025/recommendation/2/target/inquiry-three-years")
    assert graph.value(three_years, PKG.due) == Literal("2028-12-09", datatype=XSD.date)
    assert "three years from the letter" in str(graph.value(three_years, PKG.note))
