"""`pkg:recorded`: when a source first recorded a fact, the earliest issue date among the
sources it cites (its own citations or those it shares with its parent); none when no cited
source has an issue date. SHACL allows at most one, an xsd:date."""

from __future__ import annotations

import datetime as dt
import textwrap

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from ingest import DEFAULT_BASE, load_sources
from kg.validation import validate_graph
from ontology import PKG

B = DEFAULT_BASE
REC = URIRef(f"{B}/report/dated-2026/recommendation/1")

CORPUS = """
sources:
  - {key: report-doc, title: The report, issued: 2026-02-01, authority: primary}
  - {key: early, title: An earlier note, issued: 2026-01-15, authority: secondary}
  - {key: late, title: A later letter, issued: 2026-05-20, authority: primary}
  - {key: undated, title: No issue date, authority: secondary}
bodies:
  - {key: dept, name: A department, kind: department, cite: [undated]}
  - {key: other, name: Another, kind: agency, cite: [early]}
report:
  key: dated-2026
  title: Dated
  issued: 2026-02-01
  document: report-doc
  cite: [report-doc]
  recommendations:
    - number: 1
      title: First
      summary: Recorded with the report.
      no_instrument: {reason: none needed}
      responsibilities:
        - {body: dept, role: lead}
        - {body: other, role: partner, cite: [late, early]}
      cite: [report-doc]
status_events:
  - {recommendation: dated-2026/1, status: in_progress, date: 2026-03-01, cite: [late, undated]}
  - {recommendation: dated-2026/1, status: legislating, date: 2026-04-01, cite: [undated]}
"""


def load(tmp_path):
    """The corpus as one graph, and each subject's recorded dates."""
    (tmp_path / "dated.yaml").write_text(textwrap.dedent(CORPUS))
    graph = Graph()
    for s, p, o, _g in load_sources(tmp_path, B).quads((None, None, None, None)):
        graph.add((s, p, o))
    recorded: dict = {}
    for s, o in graph.subject_objects(PKG.recorded):
        recorded.setdefault(s, []).append(o)
    return graph, recorded


def test_the_earliest_issue_date_of_the_cited_sources(tmp_path):
    _graph, recorded = load(tmp_path)

    def day(subject):
        values = recorded.get(URIRef(subject), [])
        assert len(values) <= 1, values
        return values[0].toPython() if values else None

    assert day(f"{B}/report/dated-2026") == dt.date(2026, 2, 1)
    assert day(REC) == dt.date(2026, 2, 1)
    # shares the recommendation's citations, so its date
    assert day(f"{REC}/responsibility/dept") == dt.date(2026, 2, 1)
    # its own citations: the earlier of the two, whatever their order
    assert day(f"{REC}/responsibility/other") == dt.date(2026, 1, 15)
    assert day(f"{REC}/no-instrument") == dt.date(2026, 2, 1)
    # an undated source does not count; with no dated source at all there is no date
    assert day(f"{REC}/status/2026-03-01-in-progress") == dt.date(2026, 5, 20)
    assert day(f"{REC}/status/2026-04-01-legislating") is None
    assert day(f"{B}/body/dept") is None
    assert day(f"{B}/body/other") == dt.date(2026, 1, 15)
    for values in recorded.values():
        assert values[0].datatype == XSD.date


def test_the_shape_allows_one_recorded_date(tmp_path):
    graph, _recorded = load(tmp_path)
    assert validate_graph(graph) == []
    graph.add((REC, PKG.recorded, Literal(dt.date(2026, 3, 3))))
    assert ("CitedShape", str(REC)) in {(v.shape, v.focus) for v in validate_graph(graph)}
    graph.remove((REC, PKG.recorded, None))
    graph.add((REC, PKG.recorded, Literal("1 February 2026")))
    assert ("CitedShape", str(REC)) in {(v.shape, v.focus) for v in validate_graph(graph)}
