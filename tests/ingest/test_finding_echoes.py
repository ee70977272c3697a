"""A finding's `echoes`: earlier reports' findings of the same failure. The format (a bare
`REPORT-KEY/FINDING-KEY` or a cited link), the references (declared, earlier, never itself),
each error with its file, line and field, and the triples (a cited link reified)."""

from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef

from ingest import DEFAULT_BASE, SourceErrors, load_sources
from kg.validation import validate_graph
from ontology import PKG, RDF

B = DEFAULT_BASE
NO_DATA = URIRef(f"{B}/report/test-2025/finding/no-data")
DATA_POOR = URIRef(f"{B}/report/earlier-2014/finding/data-poor")


def later(echoes: str, issued: str = "2026-01-01", key: str = "later-2026") -> str:
    """A report with one finding, `again`, whose echoes list is `echoes` (YAML, indented)."""
    return f"""report:
  key: {key}
  document: report-doc
  title: A later report
  issued: {issued}
  cite: [report-doc]
  findings:
    - key: again
      title: Found again
      summary: Data still missing.
      echoes:
{echoes}      cite: [report-doc]
"""


def load(corpus: Path, text: str):
    (corpus / "later.yaml").write_text(text, encoding="utf-8")
    return load_sources(corpus)


def errors(corpus: Path, text: str) -> list:
    with pytest.raises(SourceErrors) as caught:
        load(corpus, text)
    return caught.value.errors


def union(dataset):
    return {(s, p, o) for s, p, o, _g in dataset.quads((None, None, None, None))}


def test_bare_and_cited_echoes_become_links(corpus):
    echoes = (
        "        - test-2025/no-data\n"
        "        - ref: earlier-2014/data-poor\n"
        "          cite:\n"
        "            - {source: press, locator: a news story}\n"
    )
    triples = union(load(corpus, later(echoes)))
    again = URIRef(f"{B}/report/later-2026/finding/again")
    assert (again, PKG.echoes, NO_DATA) in triples
    assert (again, PKG.echoes, DATA_POOR) in triples
    # The bare link shares the finding's citations: no statement of its own. The cited one is
    # an rdf:Statement with its citation, unconfirmed (the press is a secondary source).
    statements = {s for s, p, o in triples if (p, o) == (RDF.subject, again)}
    assert statements == {URIRef(f"{again}/link/echoes/2")}
    [statement] = statements
    assert (statement, RDF.object, DATA_POOR) in triples
    assert (statement, PKG.citation, URIRef(f"{statement}/citation/1")) in triples
    assert (statement, PKG.confirmed, Literal(False)) in triples


def test_the_fixture_finding_echoes_an_earlier_finding(fixture_graph):
    assert set(fixture_graph.objects(NO_DATA, PKG.echoes)) == {DATA_POOR}


@pytest.mark.parametrize(
    ("echoes", "line", "field", "message"),
    [
        ("        - earlier-2014\n", 12, "report.findings[0].echoes[0]",
         "expected a finding reference 'REPORT-KEY/FINDING-KEY' "
         "(e.g. 'jay-2014/ethnic-dimension-downplayed'), got text 'earlier-2014'"),
        ("        - {ref: Earlier-2014/Data-Poor, cite: [press]}\n", 12,
         "report.findings[0].echoes[0].ref", "expected a finding reference"),
        ("        - {cite: [press]}\n", 12, "report.findings[0].echoes[0].ref",
         "missing required field 'ref'"),
        ("        - {ref: earlier-2014/data-poor, cited: [press]}\n", 12,
         "report.findings[0].echoes[0].cited",
         "unknown field in a echoed finding record; allowed: cite, ref, unconfirmed"),
    ],
)  # fmt: skip
def test_a_malformed_echo_names_file_line_and_field(corpus, echoes, line, field, message):
    [error] = errors(corpus, later(echoes))
    assert (error.file.name, error.line, error.field) == ("later.yaml", line, field)
    assert message in error.message


@pytest.mark.parametrize(
    ("echoes", "issued", "message"),
    [
        ("        - earlier-2041/data-poor\n", "2026-01-01",
         "unknown finding 'earlier-2041/data-poor': no report 'earlier-2041' is declared "
         "(a finding reference is 'REPORT-KEY/FINDING-KEY')"),
        ("        - earlier-2014/data-rich\n", "2026-01-01",
         "unknown finding 'earlier-2014/data-rich': report 'earlier-2014' (earlier.yaml:2) "
         "declares no finding 'data-rich'"),
        ("        - later-2026/again\n", "2026-01-01",
         "finding 'later-2026/again' echoes itself: an echo points back to an earlier "
         "report's finding"),
        # a finding of a later report: an echo points back in time
        ("        - test-2025/no-data\n", "2020-01-01",
         "finding 'test-2025/no-data' is of a report issued 2025-06-16, not before this "
         "finding's report 'later-2026' (2020-01-01): an echo points back to an earlier "
         "report's finding"),
        # nor sideways: a report of the same day
        ("        - test-2025/no-data\n", "2025-06-16",
         "finding 'test-2025/no-data' is of a report issued 2025-06-16, not before"),
    ],
)  # fmt: skip
def test_an_echo_must_name_an_earlier_declared_finding(corpus, echoes, issued, message):
    [error] = errors(corpus, later(echoes, issued))
    assert (error.file.name, error.line, error.field) == (
        "later.yaml", 12, "report.findings[0].echoes[0]"
    )  # fmt: skip
    assert message in error.message


def test_an_echo_within_its_own_report_is_refused(corpus):
    """Two findings of one report are found at once: neither echoes the other."""
    text = later("        - earlier-2014/data-poor\n") + (
        "    - key: beside\n      title: Beside it\n      summary: S.\n"
        "      echoes: [later-2026/again]\n      cite: [report-doc]\n"
    )
    [error] = errors(corpus, text)
    assert (error.file.name, error.line, error.field) == (
        "later.yaml", 17, "report.findings[1].echoes[0]"
    )  # fmt: skip
    assert error.message.startswith(
        "finding 'later-2026/again' is of a report issued 2026-01-01, not before this finding's "
        "report 'later-2026' (2026-01-01)"
    )


def test_an_echo_link_cites_declared_sources(corpus):
    echoes = "        - {ref: earlier-2014/data-poor, cite: [gazette]}\n"
    [error] = errors(corpus, later(echoes))
    assert (error.line, error.field) == (12, "report.findings[0].echoes[0].cite[0].source")
    assert error.message == "unknown source 'gazette': declare it in a `sources:` list first"


def test_shapes_keep_echoes_within_one_kind(fixture_graph):
    """SHACL checks the ends' kinds for graphs that did not come through ingest: a finding
    echoes findings, a recommendation recommendations. (That an echo points back in time is
    ingest's check, above.)"""

    def violations(*triples) -> set[tuple[str, str]]:
        graph = Graph()
        for triple in fixture_graph:
            graph.add(triple)
        for triple in triples:
            graph.add(triple)
        return {(v.shape, v.focus) for v in validate_graph(graph)}

    assert violations() == set()
    rec = URIRef(f"{B}/report/earlier-2014/recommendation/3")
    assert ("FindingShape", str(NO_DATA)) in violations((NO_DATA, PKG.echoes, rec))
    rec1 = URIRef(f"{B}/report/test-2025/recommendation/1")
    assert ("RecommendationShape", str(rec1)) in violations((rec1, PKG.echoes, DATA_POOR))
