"""Targets in source files: format errors and broken revisions name file, line and field; the
fixture's targets become cited RDF."""

from pathlib import Path

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from ingest import DEFAULT_BASE, SourceErrors, load_sources
from ingest.schema import check_file
from ingest.yamlnodes import read_yaml
from ontology import PKG, RDF, RDFS

REC1 = URIRef(f"{DEFAULT_BASE}/report/test-2025/recommendation/1")
FIRST = URIRef(f"{REC1}/target/test-clauses-laid")
LATER = URIRef(f"{REC1}/target/test-clauses-laid-later")

GOOD = """targets:
  - key: t
    recommendation: test-2025/1
    commitment: Lay the clauses.
    due: 2025-10-31
    cite: [report-doc]
"""


def format_errors(tmp_path: Path, text: str):
    path = tmp_path / "targets.yaml"
    path.write_text(text, encoding="utf-8")
    document, errors = read_yaml(path)
    assert errors == []
    return check_file(document, path)[1]


def test_a_good_target_passes(tmp_path):
    assert format_errors(tmp_path, GOOD) == []
    assert format_errors(tmp_path, GOOD + "    met: 2025-10-01\n") == []
    met = "    met:\n      date: 2025-10-01\n      note: Laid.\n      cite: [press]\n"
    assert format_errors(tmp_path, GOOD + met) == []


@pytest.mark.parametrize(
    ("change", "field", "line", "message"),
    [
        (("due: 2025-10-31", "due: end of October"), "targets[0].due", 5,
         "expected a date written YYYY-MM-DD, got text 'end of October'"),
        (("    commitment: Lay the clauses.\n", ""), "targets[0].commitment", 2,
         "missing required field 'commitment' (text) in this target record"),
        (("recommendation: test-2025/1", "recommendation: test-2025"), "targets[0].recommendation",
         3, "expected a recommendation reference 'REPORT-KEY/NUMBER'"),
        (("key: t", "key: T 1"), "targets[0].key", 2, "expected a key"),
        (("    cite: [report-doc]\n", "    revises: Earlier One\n    cite: [report-doc]\n"),
         "targets[0].revises", 6, "expected a key"),
        (("    cite: [report-doc]\n", "    met: soon\n    cite: [report-doc]\n"),
         "targets[0].met", 6, "expected a date written YYYY-MM-DD, got text 'soon'"),
        (("    cite: [report-doc]\n", "    met: {note: Laid.}\n    cite: [report-doc]\n"),
         "targets[0].met.date", 6, "missing required field 'date'"),
        (("    cite: [report-doc]\n", "    deadline: 2025-01-01\n    cite: [report-doc]\n"),
         "targets[0].deadline", 6, "unknown field in a target record; allowed: cite, commitment, "
         "due, key, met, note, recommendation, revises, unconfirmed"),
        (("    cite: [report-doc]\n", ""), "targets[0].cite", 2, "missing required field 'cite'"),
    ],
)  # fmt: skip
def test_a_bad_target_names_file_line_and_field(tmp_path, change, field, line, message):
    [error] = format_errors(tmp_path, GOOD.replace(*change))
    assert (error.file.name, error.line, error.field) == ("targets.yaml", line, field)
    assert message in error.message
    assert str(error).startswith(f"{tmp_path / 'targets.yaml'}:{line}: {field}: ")


def reference_errors(corpus: Path, text: str) -> list:
    (corpus / "targets.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(SourceErrors) as caught:
        load_sources(corpus)
    return caught.value.errors


def target(key: str, rec: str = "test-2025/1", revises: str | None = None) -> str:
    extra = f"    revises: {revises}\n" if revises else ""
    return (f"  - key: {key}\n    recommendation: {rec}\n    commitment: C.\n"
            f"    due: 2026-01-01\n{extra}    cite: [report-doc]\n")  # fmt: skip


def test_an_unknown_revises_names_file_line_and_field(corpus):
    [error] = reference_errors(corpus, "targets:\n" + target("a", revises="nope"))
    assert (error.file.name, error.line, error.field) == ("targets.yaml", 6, "targets[0].revises")
    assert error.message == "unknown target 'nope': declare it in a `targets:` list first"


def test_unknown_recommendation_and_source(corpus):
    text = "targets:\n" + target("a", rec="test-2025/9").replace("[report-doc]", "[gazette]")
    errors = reference_errors(corpus, text)
    assert [(e.line, e.field, e.message) for e in errors] == [
        (3, "targets[0].recommendation", "unknown recommendation 'test-2025/9': declare it in a "
         "`report.recommendations:` list first"),
        (6, "targets[0].cite[0].source",
         "unknown source 'gazette': declare it in a `sources:` list first"),
    ]  # fmt: skip


def test_a_revision_of_another_recommendations_target(corpus):
    text = "targets:\n" + target("a", rec="test-2025/2") + target("b", revises="a")
    [error] = reference_errors(corpus, text)
    assert (error.line, error.field) == (11, "targets[1].revises")
    assert error.message == (
        "target 'a' (targets.yaml:2) is a target of test-2025/2, not of test-2025/1"
    )


def test_a_target_revised_twice_or_round_a_loop(corpus):
    text = "targets:\n" + target("a") + target("b", revises="a") + target("c", revises="a")
    [error] = reference_errors(corpus, text)
    assert (error.line, error.field) == (17, "targets[2].revises")
    assert error.message == "target 'a' is already revised by target 'b' (targets.yaml:7)"
    errors = reference_errors(corpus, "targets:\n" + target("a", revises="b")
                              + target("b", revises="a") + target("c", revises="c"))  # fmt: skip
    assert [(e.field, e.message) for e in errors] == [
        ("targets[0].revises", "target 'a' revises itself (through 'b')"),
        ("targets[1].revises", "target 'b' revises itself (through 'a')"),
        ("targets[2].revises", "target 'c' revises itself"),
    ]


def test_targets_become_cited_rdf(fixture_graph):
    g = fixture_graph
    assert set(g.objects(REC1, PKG.target)) == {FIRST, LATER}
    assert (LATER, RDF.type, PKG.Target) in g
    assert g.value(LATER, PKG.due) == Literal("2025-11-30", datatype=XSD.date)
    assert g.value(LATER, PKG.revises) == FIRST
    note = 'The press gave the new date as "by the end of November".'
    assert str(g.value(LATER, PKG.note)) == note
    label = "test-2025/1: target test-clauses-laid-later, due 2025-11-30"
    assert str(g.value(LATER, RDFS.label)) == label
    # The first cites the report (primary): confirmed. The later one cites the press only.
    assert g.value(FIRST, PKG.confirmed).toPython() is True
    assert g.value(LATER, PKG.confirmed).toPython() is False
    [first_citation] = g.objects(FIRST, PKG.citation)
    assert str(g.value(first_citation, PKG.locator)) == "Recommendation 1, response"
    # `met` is its own node with its own citation.
    met = g.value(LATER, PKG.met)
    assert met == URIRef(f"{LATER}/met") and (met, RDF.type, PKG.TargetMet) in g
    assert g.value(met, PKG.date) == Literal("2025-12-05", datatype=XSD.date)
    assert set(g.objects(met, PKG.citation)) == {URIRef(f"{met}/citation/1")}
    assert str(g.value(URIRef(f"{met}/citation/1"), PKG.locator)) == "para 1"
