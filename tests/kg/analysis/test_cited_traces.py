"""Traces with citations: every hop carries its evidence, fetched in one round trip."""

from __future__ import annotations

import json

from kg.analysis import CitationRef, CitedPath, CitedStep, trace_with_citations
from kg.projection import build_projection

ACT = "http://www.legislation.gov.uk/id/ukpga/2003/42"
S9 = f"{ACT}/section/9"
TRACE_REPORT = f"""
report:
  key: trace-2024
  document: doc
  title: A report to trace
  issued: 2024-01-01
  cite: [doc]
  findings:
    - {{key: f1, title: A finding, summary: Found., cite: [doc]}}
  recommendations:
    - number: 1
      title: Change section 9
      summary: Amend it.
      addresses: [f1]
      instruments:
        - instrument: {S9}
          relation: amends
          cite: [{{source: news, locator: para 3}}]
      cite: [{{source: doc, locator: Recommendation 1}}]
"""


def _built(tiny):
    store = tiny(report=TRACE_REPORT)
    projection = build_projection(store)
    store.round_trips = 0
    return store, projection


def test_each_step_carries_its_citations(tiny, iri):
    store, projection = _built(tiny)
    rec = iri("report/trace-2024/recommendation/1")
    paths = trace_with_citations(store, projection, iri("report/trace-2024/finding/f1"), ACT)
    doc, news = iri("source/doc"), iri("source/news")
    assert paths == [
        CitedPath(
            (
                CitedStep(
                    iri("report/trace-2024/finding/f1"),
                    "A finding",
                    rec,
                    "Recommendation 1: Change section 9",
                    "addresses",
                    True,
                    rec,
                    (
                        CitationRef(
                            f"{rec}/citation/1",
                            doc,
                            "The report itself",
                            "PRIMARY",
                            "Recommendation 1",
                            "https://example.org/doc",
                        ),
                    ),
                ),
                CitedStep(
                    rec,
                    "Recommendation 1: Change section 9",
                    S9,
                    "Section 9",
                    "amends",
                    False,
                    f"{rec}/instrument/1",
                    (
                        CitationRef(
                            f"{rec}/instrument/1/citation/1",
                            news,
                            "A news story",
                            "SECONDARY",
                            "para 3",
                            "https://example.org/news",
                        ),
                    ),
                ),
                CitedStep(
                    S9,
                    "Section 9",
                    ACT,
                    "Test Act 2003",
                    "isPartOf",
                    False,
                    S9,
                    (
                        CitationRef(
                            iri(
                                S9.replace("http://www.legislation.gov.uk/id/", "legislation/")
                                + "/citation/1"
                            ),
                            doc,
                            "The report itself",
                            "PRIMARY",
                            "s. 9",
                            "https://example.org/doc/s9",
                        ),
                    ),
                ),
            )
        )
    ]
    assert paths[0].fully_cited
    assert store.round_trips == 1


def test_path_rows_are_flat(tiny, iri):
    store, projection = _built(tiny)
    [path] = trace_with_citations(store, projection, iri("report/trace-2024/finding/f1"), ACT)
    row = path.as_row()
    assert json.loads(json.dumps(row)) == row
    assert row["path"] == (
        "A finding <-addresses- Recommendation 1: Change section 9 -amends-> Section 9 "
        "-isPartOf-> Test Act 2003"
    )
    assert (row["hops"], row["fully_cited"]) == (3, True)
    step = path.steps[1].as_row()
    assert step["citations"] == "A news story, para 3 <https://example.org/news>"
    assert (step["citation_count"], step["primary"]) == (1, False)


def test_to_every_legal_instrument_in_reach(tiny, iri):
    store, projection = _built(tiny)
    paths = trace_with_citations(store, projection, iri("report/trace-2024/recommendation/1"))
    assert [(p.steps[-1].target, len(p.steps)) for p in paths] == [
        (S9, 1),
        (ACT, 2),
        (iri("instrument/done-bill"), 3),  # enacted as the Act
    ]
    assert all(p.fully_cited for p in paths)
    assert store.round_trips == 1


def test_no_path_costs_no_round_trip(tiny, iri):
    store, projection = _built(tiny)
    assert trace_with_citations(store, projection, iri("body/board"), ACT) == []
    assert store.round_trips == 0


# ---------------------------------------------------------------- the bundled corpus

SOA_2003 = "http://www.legislation.gov.uk/id/ukpga/2003/42"


def test_casey_1_reaches_the_sexual_offences_act_with_a_citation_on_every_hop(bundled, iri):
    store, projection = bundled
    start = iri("report/casey-2025/recommendation/1")
    paths = trace_with_citations(store, projection, start, SOA_2003, max_hops=4, limit=5)
    assert len(paths) == 5
    assert store.round_trips == 1
    for path in paths:
        assert path.steps[0].source == start and path.steps[-1].target == SOA_2003
        assert all(step.citations for step in path.steps), path.as_row()
    # the shortest: the recommendation amends the Act (the press says so)
    [step] = paths[0].steps
    assert (step.predicate, step.target_label) == ("amends", "Sexual Offences Act 2003")
    assert [c.authority for c in step.citations] == ["SECONDARY"]


def test_every_trace_from_every_recommendation_is_cited(bundled):
    store, projection = bundled
    recommendations = [n for n in projection.graph if projection.kind(n) == "Recommendation"]
    for rec in recommendations:
        for path in trace_with_citations(store, projection, rec, None, max_hops=4, limit=5):
            assert path.fully_cited, path.as_row()
    assert store.round_trips <= len(recommendations)
