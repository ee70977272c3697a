"""Body load: responsibility counts and finding-to-statute betweenness."""

from __future__ import annotations

import json

import networkx as nx
import pytest

from kg.analysis import BodyLoad, _load, load
from kg.projection import build_projection

ACT = "http://www.legislation.gov.uk/id/ukpga/2003/42"
# fa is addressed by rec 1, which amends the Act: its shortest paths skip every body.
# fb is addressed only by rec 2 (no instrument): its shortest paths to the Act and its
# section run fb - police - rec 1 - Act, so the police broker half of the four pairs.
LOAD_REPORT = f"""
report:
  key: load-2024
  document: doc
  title: A report to weigh
  issued: 2024-01-01
  cite: [doc]
  findings:
    - {{key: fa, title: Finding A, summary: A., implicates: [home], cite: [doc]}}
    - {{key: fb, title: Finding B, summary: B., implicates: [police], cite: [doc]}}
  recommendations:
    - number: 1
      title: Amend the Act
      summary: Amend.
      addresses: [fa]
      responsibilities: [{{body: home, role: lead}}, {{body: police, role: partner}}]
      instruments: [{{instrument: "{ACT}", relation: amends}}]
      cite: [doc]
    - number: 2
      title: Act on B
      summary: Operational.
      addresses: [fb]
      responsibilities: [{{body: police, role: lead}}, {{body: home, role: consulted}}]
      no_instrument: {{reason: Operational.}}
      cite: [doc]
    - number: 3
      title: Home alone
      summary: Research.
      responsibilities: [{{body: home, role: lead}}]
      no_instrument: {{reason: Research.}}
      cite: [doc]
proposals:
  - key: a-proposal
    title: A proposal
    summary: Its responsibilities restate rec 1's and are not counted.
    proposed_by: load-2024/1
    responsibilities: [{{body: board, role: lead}}]
    cite: [doc]
"""


def test_counts_and_centrality_on_a_tiny_corpus(tiny, iri):
    store = tiny(report=LOAD_REPORT)
    projection = build_projection(store)
    store.round_trips = 0
    assert load(store, projection) == [
        BodyLoad(iri("body/home"), "Home Department", 2, 0, 1, 0.0),
        BodyLoad(iri("body/police"), "Police", 1, 1, 0, 0.5),
        BodyLoad(iri("body/board"), "Board", 0, 0, 0, 0.0),
        BodyLoad(iri("body/council"), "Council", 0, 0, 0, 0.0),
    ]
    assert store.round_trips == 1


def test_load_rows_are_flat(tiny):
    store = tiny(report=LOAD_REPORT)
    row = load(store)[1].as_row()  # builds the projection when given none
    assert json.loads(json.dumps(row)) == row
    assert row == {
        "body": row["body"],
        "label": "Police",
        "lead": 1,
        "partner": 1,
        "consulted": 0,
        "total": 2,
        "centrality": 0.5,
        "centrality_estimated": False,
    }


# ---------------------------------------------------------------- the bundled corpus


def test_the_bundled_corpus_top_five(bundled, iri):
    store, projection = bundled
    found = load(store, projection)
    assert store.round_trips == 1
    top = [(b.body, b.lead, b.partner, b.consulted) for b in found[:5]]
    assert top == [
        (iri("body/home-office"), 21, 5, 0),
        (iri("body/police-forces-england-wales"), 5, 3, 1),
        (iri("body/ministry-of-justice"), 6, 3, 0),
        (iri("body/department-for-education"), 6, 1, 0),
        (iri("body/welsh-government"), 0, 6, 0),
    ]
    central = {b.body: b.centrality for b in found}
    assert central[iri("body/police-forces-england-wales")] == pytest.approx(0.359505)
    assert central[iri("body/local-authorities-england-wales")] == pytest.approx(0.229217)
    assert central[iri("body/home-office")] == pytest.approx(0.205395)
    assert all(0.0 <= c <= 1.0 for c in central.values())
    assert not any(b.centrality_estimated for b in found)


def test_centrality_is_the_same_counted_from_either_end(bundled):
    """There are fewer statutes than findings, so the searches start from the statutes."""
    store, projection = bundled
    statutes = _load.statutes(store)
    found, estimated = _load.finding_to_statute_betweenness(projection, statutes)
    view = nx.Graph(
        (s, o) for s, o, key in projection.graph.edges(keys=True) if key in _load.TRACE_LINKS
    )
    view.add_nodes_from(projection.graph)
    findings = [n for n in view if projection.kind(n) == "Finding"]
    statutes = [t for t in statutes if t in view]
    assert len(statutes) < len(findings)
    from_findings = nx.betweenness_centrality_subset(
        view.to_directed(), findings, statutes, normalized=False
    )
    pairs = sum(nx.has_path(view, f, t) for f in findings for t in statutes)
    assert not estimated
    assert found == pytest.approx({n: v / pairs for n, v in from_findings.items()})


def test_over_budget_the_centrality_is_a_flagged_estimate(bundled, monkeypatch):
    store, projection = bundled
    statutes = _load.statutes(store)
    exact, _ = _load.finding_to_statute_betweenness(projection, statutes)
    monkeypatch.setattr(_load, "CENTRALITY_MIN_SAMPLE", 8)
    estimate, estimated = _load.finding_to_statute_betweenness(projection, statutes, budget=1)
    assert estimated
    assert estimate != exact
    # a sample finds no path that is not there
    assert {n for n, v in estimate.items() if v} <= {n for n, v in exact.items() if v}
    assert all(v >= 0 for v in estimate.values())
    monkeypatch.setattr(_load, "CENTRALITY_BUDGET", 1)
    assert all(b.centrality_estimated for b in load(store, projection))
