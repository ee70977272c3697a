"""Source files -> RDF: named graphs, citations, confirmed flags, cross-file references."""

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from ingest import DEFAULT_BASE, SourceErrors, load_sources
from ontology import PKG, RDF

BASE = DEFAULT_BASE
REC1 = URIRef(f"{BASE}/report/test-2025/recommendation/1")
REC2 = URIRef(f"{BASE}/report/test-2025/recommendation/2")


def graph_of(dataset, subject):
    return {g for _s, _p, _o, g in dataset.quads((subject, None, None, None))}


def test_one_named_graph_per_file(fixture_dataset, corpus):
    names = {str(g) for _s, _p, _o, g in fixture_dataset.quads((None, None, None, None))}
    assert names == {f"{BASE}/graph/{p.stem}" for p in corpus.glob("*.yaml")}
    assert graph_of(fixture_dataset, REC1) >= {URIRef(f"{BASE}/graph/main-report")}


def test_entities_carry_citations_with_source_locator_and_authority(fixture_graph):
    [citation] = fixture_graph.objects(REC1, PKG.citation)
    assert str(citation) == f"{REC1}/citation/1"
    assert fixture_graph.value(citation, PKG.source) == URIRef(f"{BASE}/source/report-doc")
    assert str(fixture_graph.value(citation, PKG.locator)) == "Recommendation 1"
    source = URIRef(f"{BASE}/source/report-doc")
    assert fixture_graph.value(source, PKG.authority) == PKG.Primary


def test_confirmed_needs_a_primary_source_and_no_doubt(fixture_graph):
    def confirmed(subject):
        return fixture_graph.value(subject, PKG.confirmed).toPython()

    assert confirmed(REC1) is True
    assert confirmed(REC2) is False  # cites press only and is marked unconfirmed
    note = str(fixture_graph.value(REC2, PKG.unconfirmedNote))
    assert note == "wording known only from press"
    agency = URIRef(f"{BASE}/body/agency")  # secondary source only, no explicit doubt
    assert confirmed(agency) is False
    assert "secondary sources only" in str(fixture_graph.value(agency, PKG.unconfirmedNote))


def test_nested_records_share_their_parents_citations_unless_they_have_their_own(
    fixture_graph,
):
    lead = URIRef(f"{REC1}/responsibility/dept")
    consulted = URIRef(f"{REC1}/responsibility/agency")
    assert set(fixture_graph.objects(lead, PKG.citation)) == set(
        fixture_graph.objects(REC1, PKG.citation)
    )
    assert set(fixture_graph.objects(consulted, PKG.citation)) == {
        URIRef(f"{consulted}/citation/1")
    }
    no_instrument = URIRef(f"{REC2}/no-instrument")
    assert fixture_graph.value(no_instrument, PKG.confirmed).toPython() is False


def test_links_with_their_own_evidence_are_reified(fixture_graph):
    statements = list(fixture_graph.subjects(RDF.type, RDF.Statement))
    # the implicates link to agency, the echo of earlier-2014/3, the finding's echo of
    # earlier-2014/data-poor
    assert len(statements) == 3
    echo = URIRef(f"{REC1}/link/echoes/1")
    assert fixture_graph.value(echo, RDF.predicate) == PKG.echoes
    assert fixture_graph.value(echo, RDF.object) == URIRef(
        f"{BASE}/report/earlier-2014/recommendation/3"
    )
    assert fixture_graph.value(echo, PKG.confirmed).toPython() is False
    found_again = URIRef(f"{BASE}/report/test-2025/finding/no-data/link/echoes/1")
    assert fixture_graph.value(found_again, RDF.object) == URIRef(
        f"{BASE}/report/earlier-2014/finding/data-poor"
    )
    assert fixture_graph.value(found_again, PKG.confirmed).toPython() is True  # report-doc


def test_literals_have_their_datatypes(fixture_graph):
    assert fixture_graph.value(REC1, PKG.number) == Literal(1)
    figure = URIRef(f"{BASE}/report/test-2025/finding/no-data/figure/1")
    value = fixture_graph.value(figure, PKG.value)
    assert value.datatype == XSD.decimal and str(value) == "66.7"


def test_statute_iris_are_kept_and_sections_nest(fixture_graph):
    section = URIRef("http://www.legislation.gov.uk/id/ukpga/2003/42/section/9")
    assert (section, RDF.type, PKG.Section) in fixture_graph
    from ontology import ELI

    assert fixture_graph.value(section, ELI.is_part_of) == URIRef(
        "http://www.legislation.gov.uk/id/ukpga/2003/42"
    )
    assert fixture_graph.value(URIRef(f"{BASE}/instrument/test-bill"), PKG.enactedAs) == (
        URIRef("http://www.legislation.gov.uk/id/ukpga/2003/42")
    )


def test_the_base_iri_is_configurable(corpus, union_of):
    dataset = load_sources(corpus, "https://kg.example.org/data/")
    assert (URIRef("https://kg.example.org/data/body/dept"), RDF.type, PKG.Body) in union_of(
        dataset
    )


def test_no_blank_nodes(fixture_dataset):
    from kg.validation import blank_nodes

    assert blank_nodes(fixture_dataset) == 0


def errors_for(corpus: Path) -> list:
    with pytest.raises(SourceErrors) as caught:
        load_sources(corpus)
    return caught.value.errors


def test_unknown_reference_names_file_line_and_field(corpus):
    path = corpus / "main-report.yaml"
    path.write_text(path.read_text().replace("body: dept", "body: dpt"))
    [error] = errors_for(corpus)
    assert error.file == path and error.line == 41
    assert error.field == "report.recommendations[0].responsibilities[0].body"
    assert "unknown body 'dpt'" in error.message


def test_unknown_source_in_a_citation(corpus):
    path = corpus / "follow-up.yaml"
    path.write_text(path.read_text().replace("cite: [press]", "cite: [gazette]"))
    [error] = errors_for(corpus)
    assert error.field == "status_events[0].cite[0].source" and error.line == 12


def test_duplicate_keys_across_files(corpus):
    (corpus / "zz-more.yaml").write_text(
        "bodies:\n  - key: dept\n    name: Other\n    kind: agency\n    cite: [press]\n"
    )
    [error] = errors_for(corpus)
    assert error.file.name == "zz-more.yaml" and error.line == 2
    assert "body 'dept' is already declared at registers.yaml:" in error.message


def test_errors_from_several_files_are_all_reported(corpus):
    (corpus / "sources.yaml").write_text("sources:\n  - key: x\n")
    (corpus / "follow-up.yaml").write_text("responses: [\n")
    errors = errors_for(corpus)
    assert {e.file.name for e in errors} == {"sources.yaml", "follow-up.yaml"}


def test_an_empty_or_missing_directory_is_an_error(tmp_path):
    with pytest.raises(SourceErrors, match=r"no \.yaml source files"):
        load_sources(tmp_path)
    with pytest.raises(SourceErrors, match="no such sources directory"):
        load_sources(tmp_path / "absent")


def test_we_mint_no_iris_in_legislation_gov_uk_namespace(fixture_graph):
    """Citation nodes of statutes live under our base; only declared instruments use theirs."""
    from ontology import PKG as P

    external = {t for triple in fixture_graph for t in triple
                if str(t).startswith("http://www.legislation.gov.uk/")}  # fmt: skip
    effects = set(fixture_graph.subjects(RDF.type, P.Effect))
    ends = {end for p in (P.affected, P.affecting) for end in fixture_graph.objects(None, p)}
    # Declared instruments, effects (legislation.gov.uk's /id/effect/ IRIs) and an effect's ends,
    # which may lie outside the corpus; nothing else of theirs, and nothing we made up.
    assert (
        effects
        and external
        == (set(fixture_graph.subjects(RDF.type, P.Instrument)) | effects | ends) & external
    )
    assert all(str(t).startswith("http://www.legislation.gov.uk/id/") for t in external)
    [citation] = fixture_graph.objects(URIRef("http://www.legislation.gov.uk/id/ukpga/2003/42"),
                                       P.citation)  # fmt: skip
    assert str(citation) == f"{BASE}/legislation/ukpga/2003/42/citation/1"
