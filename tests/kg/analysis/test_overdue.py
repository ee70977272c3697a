"""Overdue targets: each clause of the rule on a tiny corpus, exactly, and its edges in Python."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.analysis import OverdueTarget, StatusFact, TargetFacts, overdue, overdue_on
from ontology.vocabulary import STATUS

D = dt.date(2025, 9, 1)

REPORT = """
sources:
  - {key: feb-letter, title: A letter of February, issued: 2025-02-20, authority: primary}
  - {key: oct-letter, title: A letter of October, issued: 2025-10-15, authority: primary}
report:
  key: due-2024
  document: doc
  title: A report with deadlines
  issued: 2024-06-01
  cite: [doc]
  recommendations:
    - {number: 1, title: Past and future, summary: Two deadlines., cite: [doc]}
    - {number: 2, title: Met, summary: Met on time and late., cite: [doc]}
    - {number: 3, title: Revised in time, summary: Slipped before D., cite: [doc]}
    - {number: 4, title: Revised too late, summary: Slipped after D., cite: [doc]}
    - {number: 5, title: Revised undated, summary: Slipped at some time., cite: [doc]}
    - {number: 6, title: Done, summary: Enacted in May., cite: [doc]}
"""
TARGETS = """
status_events:
  - {recommendation: due-2024/1, status: in_progress, date: 2025-01-10, cite: [doc]}
  - {recommendation: due-2024/6, status: in_progress, date: 2025-01-10, cite: [doc]}
  - {recommendation: due-2024/6, status: enacted, date: 2025-05-01, cite: [doc]}
targets:
  - {key: past, recommendation: due-2024/1, commitment: Do it by March., due: 2025-03-31,
     cite: [doc]}
  - {key: future, recommendation: due-2024/1, commitment: Do more by December., due: 2025-12-31,
     cite: [doc]}
  - {key: today, recommendation: due-2024/1, commitment: Due on the day itself., due: 2025-09-01,
     cite: [doc]}
  - {key: met, recommendation: due-2024/2, commitment: Met in time., due: 2025-01-31,
     met: 2025-02-15, cite: [doc]}
  - key: met-late
    recommendation: due-2024/2
    commitment: Met, but after D.
    due: 2025-04-30
    met: {date: 2025-10-01, cite: [news]}
    cite: [doc]
  - {key: slip, recommendation: due-2024/3, commitment: First date., due: 2025-02-28,
     cite: [doc]}
  - {key: slip-2, recommendation: due-2024/3, commitment: Second date., due: 2025-06-30,
     revises: slip, cite: [feb-letter]}
  - {key: late-slip, recommendation: due-2024/4, commitment: First date., due: 2025-05-31,
     cite: [doc]}
  - {key: late-slip-2, recommendation: due-2024/4, commitment: Second date., due: 2026-01-31,
     revises: late-slip, cite: [oct-letter]}
  - {key: undated, recommendation: due-2024/5, commitment: First date., due: 2025-04-30,
     cite: [doc]}
  - {key: undated-2, recommendation: due-2024/5, commitment: Second date., due: 2025-07-31,
     revises: undated, cite: [news]}
  - {key: undated-3, recommendation: due-2024/5, commitment: Third date., due: 2025-08-15,
     revises: undated-2, cite: [news]}
  - {key: done, recommendation: due-2024/6, commitment: Enact it by March., due: 2025-03-31,
     cite: [doc]}
"""


@pytest.fixture
def store(tiny):
    return tiny(report=REPORT, targets=TARGETS)


def rows(found: list[OverdueTarget]) -> list[tuple]:
    return [(o.key, o.recommendation_key, o.due.isoformat(), o.days_late,
             [d.isoformat() for d in o.revisions], o.status) for o in found]  # fmt: skip


def test_overdue_on_a_tiny_corpus_exactly(store, iri):
    found = overdue(store, D)
    assert rows(found) == [
        # 1: due 31 March, nothing met or revised, in progress: 154 days late on 1 September.
        #    `future` is not due yet and `today` is due on D itself, so neither is late.
        ("past", "due-2024/1", "2025-03-31", 154, [], "IN_PROGRESS"),
        # 2: `met` was met before D; `met-late` was met only after D, so on D it is late.
        ("met-late", "due-2024/2", "2025-04-30", 124, [], None),
        # 4: `late-slip-2` cites only a letter issued on 15 October, after D: on D the first
        #    date still stands, and is late.
        ("late-slip", "due-2024/4", "2025-05-31", 93, [], None),
        # 3: `slip-2` was set on 20 February (its letter's issue date): it replaces `slip`,
        #    and is itself late, with the date it replaced.
        ("slip-2", "due-2024/3", "2025-06-30", 63, ["2025-02-28"], None),
        # 5: the revisions cite an undated source, so they count as set whatever the day: only
        #    the last of the chain is judged, with both earlier dates, oldest first.
        ("undated-3", "due-2024/5", "2025-08-15", 17, ["2025-04-30", "2025-07-31"], None),
        # 6: `done` is late, but the recommendation was enacted on 1 May: not overdue.
    ]
    [past] = found[:1]
    assert past.target == iri("report/due-2024/recommendation/1/target/past")
    assert past.recommendation == iri("report/due-2024/recommendation/1")
    assert past.as_of == D and past.confirmed is True
    assert store.round_trips == 1  # one SELECT, whatever the size of the graph


def test_a_status_counts_as_it_stood_on_the_day(store):
    """Before the enactment on 1 May, `done` (due 31 March) was overdue; after it, it is not."""
    on_30_april = {o.key: o for o in overdue(store, dt.date(2025, 4, 30))}
    assert on_30_april["done"].days_late == 30
    assert on_30_april["done"].status == STATUS.IN_PROGRESS.notation
    assert "done" not in {o.key for o in overdue(store, dt.date(2025, 5, 1))}


def test_a_revision_counts_from_the_day_it_was_set(store):
    """`late-slip-2` was set on 15 October: from then on `late-slip` is replaced."""
    keys = {o.key for o in overdue(store, dt.date(2025, 10, 15))}
    assert "late-slip" not in keys and "late-slip-2" not in keys  # not due until 2026
    on_14_october = {o.key for o in overdue(store, dt.date(2025, 10, 14))}
    assert "late-slip" in on_14_october
    later = {o.key: o for o in overdue(store, dt.date(2026, 2, 1))}
    assert later["late-slip-2"].revisions == (dt.date(2025, 5, 31),)
    assert later["late-slip-2"].days_late == 1


def test_rows_are_flat(store):
    [row] = [o.as_row() for o in overdue(store, D) if o.key == "slip-2"]
    assert row == {
        "target": "https://policy-kg.example/report/due-2024/recommendation/3/target/slip-2",
        "key": "slip-2",
        "recommendation": "https://policy-kg.example/report/due-2024/recommendation/3",
        "recommendation_key": "due-2024/3",
        "commitment": "Second date.",
        "due": "2025-06-30",
        "as_of": "2025-09-01",
        "days_late": 63,
        "revisions": "2025-02-28",
        "status": None,
        "confirmed": True,
    }


def facts(key: str, due: str, **more) -> TargetFacts:
    return TargetFacts(key, key, "rec", "r/1", "C.", dt.date.fromisoformat(due), **more)


def test_the_rule_in_python():
    """The edges, on facts alone: due on D is not late, met on D is met, a revision set on D
    counts, and a done status on D counts."""
    day = dt.date(2025, 6, 1)
    assert overdue_on([facts("a", "2025-06-01")], {}, day) == []
    assert overdue_on([facts("a", "2025-05-01", met=day)], {}, day) == []
    revised = [facts("a", "2025-05-01"), facts("b", "2025-07-01", revises="a", recorded=day)]
    assert overdue_on(revised, {}, day) == []
    done = {"rec": [StatusFact("e", day, STATUS.DELIVERED)]}
    assert overdue_on([facts("a", "2025-05-01")], done, day) == []
    stalled = {"rec": [StatusFact("e", day, STATUS.STALLED)]}
    [late] = overdue_on([facts("a", "2025-05-01")], stalled, day)
    assert (late.days_late, late.status, late.revisions) == (31, STATUS.STALLED.notation, ())


def test_the_bundled_corpus(bundled):
    """Every target the corpus carries is due on a known date; on 30 November 2026 none is known
    to be met, none is revised, and none of their recommendations is done."""
    store, _projection = bundled
    found = overdue(store, dt.date(2026, 11, 30))
    assert [(o.key, o.days_late) for o in found] == [
        ("hmicfrs-2023-problem-profiles", 699),
        ("hmicfrs-2023-record-systems", 699),
        ("hmicfrs-2023-stop-adr149", 609),
        ("hmicfrs-2023-nca-assessment", 549),
        ("inquiry-final-terms", 244),
        ("hmicfrs-2023-new-data-requirement", 244),
    ]
    # The three-year limit of the inquiry is not yet due.
    assert "inquiry-three-years" not in {o.key for o in found}
    assert store.round_trips == 1
