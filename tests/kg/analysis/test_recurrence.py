"""Recurrence: chains of echoes back to the earliest call, on a tiny corpus and the bundled one."""

from __future__ import annotations

import datetime as dt
import json

from kg.analysis import ChainLink, Precursor, RecurringIssue, recurrence

EARLIEST = """
report:
  key: before-2008
  document: doc
  title: Findings only
  issued: 2008-05-01
  cite: [doc]
  findings:
    - {key: data-was-poor, title: Data were poor, summary: Poor., themes: [data], cite: [doc]}
    - {key: taxis-unsafe, title: Taxis were unsafe, summary: Unsafe., themes: [taxis], cite: [doc]}
"""
FIRST = """
report:
  key: first-2010
  document: doc
  title: First
  issued: 2010-01-01
  cite: [doc]
  recommendations:
    - {number: 1, title: Collect data, summary: Collect., themes: [data], cite: [doc]}
"""
SECOND = """
report:
  key: second-2015
  document: doc
  title: Second
  issued: 2015-01-01
  cite: [doc]
  recommendations:
    - {number: 1, title: Collect data again, summary: Again., themes: [data],
       echoes: [first-2010/1], cite: [doc]}
    - {number: 2, title: License taxis, summary: License., themes: [taxis], cite: [doc]}
"""
THIRD = """
report:
  key: third-2020
  document: doc
  title: Third
  issued: 2020-01-01
  cite: [doc]
  recommendations:
    - number: 1
      title: Collect data, third time
      summary: Once more.
      themes: [data]
      echoes:
        - second-2015/1
        - {ref: first-2010/1, cite: [news]}
      cite: [doc]
    - {number: 2, title: License taxis again, summary: Again., themes: [taxis],
       echoes: [second-2015/2], cite: [doc]}
status_events:
  - {recommendation: third-2020/1, status: in_progress, date: 2020-06-01, cite: [doc]}
  - {recommendation: third-2020/2, status: delivered, date: 2021-01-01, cite: [doc]}
"""


def test_chains_run_back_to_the_earliest_call(tiny, iri):
    store = tiny(earliest=EARLIEST, first=FIRST, second=SECOND, third=THIRD)
    found = recurrence(store, as_of=dt.date(2025, 1, 1))
    first, second, third = (
        iri(f"report/{k}/recommendation/") for k in ("first-2010", "second-2015", "third-2020")
    )
    d = dt.date
    assert found == [
        RecurringIssue(
            recommendation=third + "1",
            label="Recommendation 1: Collect data, third time",
            chain=(
                ChainLink(
                    first + "1",
                    "first-2010",
                    d(2010, 1, 1),
                    1,
                    "Recommendation 1: Collect data",
                    True,
                    None,
                ),
                ChainLink(
                    second + "1",
                    "second-2015",
                    d(2015, 1, 1),
                    1,
                    "Recommendation 1: Collect data again",
                    True,
                    None,
                ),
                ChainLink(
                    third + "1",
                    "third-2020",
                    d(2020, 1, 1),
                    1,
                    "Recommendation 1: Collect data, third time",
                    True,
                    "IN_PROGRESS",
                ),
            ),
            echoes=(
                (second + "1", first + "1", True),  # a bare link shares its recommendation's flag
                (third + "1", first + "1", False),  # cited to the news only
                (third + "1", second + "1", True),
            ),
            reports=3,
            earliest_report="first-2010",
            earliest_issued=d(2010, 1, 1),
            latest_status="IN_PROGRESS",
            outstanding=True,
            years_outstanding=15.0,
            group=1,
            themes=("Data",),
            precursors=(
                Precursor(
                    iri("report/before-2008/finding/data-was-poor"),
                    "Finding",
                    "before-2008",
                    d(2008, 5, 1),
                    "Data were poor",
                ),
            ),
        ),
        RecurringIssue(
            recommendation=third + "2",
            label="Recommendation 2: License taxis again",
            chain=(
                ChainLink(
                    second + "2",
                    "second-2015",
                    d(2015, 1, 1),
                    2,
                    "Recommendation 2: License taxis",
                    True,
                    None,
                ),
                ChainLink(
                    third + "2",
                    "third-2020",
                    d(2020, 1, 1),
                    2,
                    "Recommendation 2: License taxis again",
                    True,
                    "DELIVERED",
                ),
            ),
            echoes=((third + "2", second + "2", True),),
            reports=2,
            earliest_report="second-2015",
            earliest_issued=d(2015, 1, 1),
            latest_status="DELIVERED",
            outstanding=False,
            years_outstanding=None,
            group=2,
            themes=("Taxis",),
            precursors=(
                Precursor(
                    iri("report/before-2008/finding/taxis-unsafe"),
                    "Finding",
                    "before-2008",
                    d(2008, 5, 1),
                    "Taxis were unsafe",
                ),
            ),
        ),
    ]
    assert not found[0].confirmed and found[1].confirmed
    assert store.round_trips == 2


def test_without_precursors_one_round_trip(tiny):
    store = tiny(earliest=EARLIEST, first=FIRST, second=SECOND, third=THIRD)
    found = recurrence(store, as_of=dt.date(2025, 1, 1), precursors=False)
    assert [i.precursors for i in found] == [(), ()]
    assert store.round_trips == 1


def test_issue_rows_are_flat(tiny):
    store = tiny(earliest=EARLIEST, first=FIRST, second=SECOND, third=THIRD)
    row = recurrence(store, as_of=dt.date(2025, 1, 1))[0].as_row()
    assert json.loads(json.dumps(row)) == row
    assert row["chain"] == (
        "first-2010/1 (2010-01-01) -> second-2015/1 (2015-01-01) -> third-2020/1 (2020-01-01)"
    )
    assert row["precursors"] == "before-2008 (2008-05-01): Data were poor"
    assert row["years_outstanding"] == 15.0 and row["earliest_issued"] == "2010-01-01"


CYCLE = """
report:
  key: ring-2020
  document: doc
  title: A ring
  issued: 2020-01-01
  cite: [doc]
  recommendations:
    - {number: 1, title: Earlier, summary: A., echoes: [ring-2020/2], cite: [doc]}
    - {number: 2, title: Later, summary: B., echoes: [ring-2020/1], cite: [doc]}
"""


def test_a_cycle_of_echoes_still_makes_one_issue(tiny, iri):
    store = tiny(ring=CYCLE)
    [issue] = recurrence(store, as_of=dt.date(2025, 1, 1), precursors=False)
    assert issue.recommendation == iri("report/ring-2020/recommendation/2")
    assert [c.key for c in issue.chain] == ["ring-2020/1", "ring-2020/2"]


# ---------------------------------------------------------------- the bundled corpus

AS_OF = dt.date(2026, 6, 16)


def _issues(bundled) -> dict[str, RecurringIssue]:
    store, _projection = bundled
    found = recurrence(store, as_of=AS_OF)
    assert store.round_trips == 2
    return {i.chain[-1].key: i for i in found}


def test_the_bundled_corpus_repeats_seven_casey_calls(bundled):
    assert sorted(_issues(bundled)) == [
        "casey-2025/11",
        "casey-2025/4",
        "casey-2025/5",
        "casey-2025/6",
        "casey-2025/7",
        "casey-2025/8",
        "casey-2025/9",
    ]


def test_ethnicity_data_goes_back_to_iicsa_networks_2022(bundled):
    issue = _issues(bundled)["casey-2025/4"]
    assert [c.key for c in issue.chain] == [
        "iicsa-networks-2022/4",
        "iicsa-final-2022/1",
        "hmicfrs-2023/6",
        "casey-2025/4",
    ]
    assert (issue.earliest_report, issue.earliest_issued) == (
        "iicsa-networks-2022",
        dt.date(2022, 2, 1),
    )
    assert issue.reports == 4
    assert (issue.latest_status, issue.outstanding, issue.years_outstanding) == (
        "IN_PROGRESS",
        True,
        4.4,
    )
    # Jay (2014) and the Home Office paper (2020) raised it before any recommendation did.
    assert {p.report for p in issue.precursors} == {"jay-2014", "home-office-2020"}


def test_information_sharing_goes_back_to_iicsa_networks_2022(bundled):
    issue = _issues(bundled)["casey-2025/5"]
    assert [c.key for c in issue.chain] == [
        "iicsa-networks-2022/2",
        "telford-2022/3",
        "hmicfrs-2023/2",
        "casey-2025/5",
    ]
    assert (issue.earliest_report, issue.earliest_issued) == (
        "iicsa-networks-2022",
        dt.date(2022, 2, 1),
    )
    assert issue.reports == 4
    # enacted but not in force: still outstanding
    assert (issue.latest_status, issue.outstanding, issue.years_outstanding) == (
        "ENACTED",
        True,
        4.4,
    )


def test_taxi_licensing_goes_back_to_telford_2022(bundled):
    issue = _issues(bundled)["casey-2025/11"]
    assert [c.key for c in issue.chain] == [
        "telford-2022/1",
        "telford-2022/2",
        "telford-2022/4",
        "casey-2025/11",
    ]
    assert (issue.earliest_report, issue.earliest_issued) == ("telford-2022", dt.date(2022, 7, 12))
    assert issue.reports == 2
    assert (issue.latest_status, issue.outstanding, issue.years_outstanding) == (
        "LEGISLATING",
        True,
        3.9,
    )
    assert {p.report for p in issue.precursors} == {"jay-2014", "casey-2015"}


def test_overlapping_chains_share_a_group(bundled):
    issues = _issues(bundled)
    sharing = ("casey-2025/4", "casey-2025/5", "casey-2025/6", "casey-2025/9")
    data_and_sharing = {issues[k].group for k in sharing}
    assert len(data_and_sharing) == 1
    assert issues["casey-2025/11"].group not in data_and_sharing
