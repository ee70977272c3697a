"""Recurrence: chains of echoes back to the earliest call (recommendations) or the earliest
report that found a failure (findings), on tiny corpora and the bundled one."""

from __future__ import annotations

import datetime as dt
import json

from kg.analysis import (
    RECURRENCE_COLUMNS,
    ChainLink,
    Precursor,
    ProblemLink,
    RecurringIssue,
    RecurringProblem,
    recurrence,
    recurring_problems,
)

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


def test_without_precursors_still_two_round_trips(tiny):
    # recommendations, and findings (for the recurring problems the calls address)
    store = tiny(earliest=EARLIEST, first=FIRST, second=SECOND, third=THIRD)
    found = recurrence(store, as_of=dt.date(2025, 1, 1), precursors=False)
    assert [i.precursors for i in found] == [(), ()]
    assert [i.problems for i in found] == [(), ()]  # no finding echoes another here
    assert store.round_trips == 2
    assert recurring_problems(store, as_of=dt.date(2025, 1, 1)) == []
    assert store.round_trips == 3  # the problems alone: one


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
    # Jay (2014), Casey (2015) and the Home Office paper (2020) raised it before any
    # recommendation did.
    assert {p.report for p in issue.precursors} == {"jay-2014", "casey-2015", "home-office-2020"}


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


# ---------------------------------------------------------------- recurring problems (findings)

JAY = """
report:
  key: jay-2014
  document: doc
  title: Jay
  issued: 2014-08-26
  cite: [doc]
  findings:
    - {key: ethnicity-downplayed, title: Ethnicity downplayed, summary: A., themes: [data],
       cite: [doc]}
    - {key: taxis-common-thread, title: Taxis a common thread, summary: B., cite: [doc]}
"""
OXFORD = """
report:
  key: oxford-2015
  document: doc
  title: Oxford
  issued: 2015-03-03
  cite: [doc]
  findings:
    - {key: refusal-eroded, title: Ability to refuse eroded, summary: C., cite: [doc]}
"""
MIDDLE = """
report:
  key: middle-2020
  document: doc
  title: Middle
  issued: 2020-01-01
  cite: [doc]
  findings:
    - {key: ethnicity-again, title: Ethnicity avoided again, summary: D.,
       echoes: [jay-2014/ethnicity-downplayed], cite: [doc]}
  recommendations:
    - {number: 1, title: Record ethnicity, summary: Record it., addresses: [ethnicity-again],
       cite: [doc]}
"""
LATEST = """
report:
  key: latest-2025
  document: doc
  title: Latest
  issued: 2025-06-16
  cite: [doc]
  findings:
    - key: ethnicity-avoided
      title: Ethnicity still avoided
      summary: E.
      themes: [data]
      echoes:
        - middle-2020/ethnicity-again
        - {ref: jay-2014/ethnicity-downplayed, cite: [news]}
      cite: [doc]
    - {key: consent-misread, title: Consent misread, summary: F.,
       echoes: [oxford-2015/refusal-eroded], cite: [doc]}
    - {key: unrelated, title: Something new, summary: G., cite: [doc]}
  recommendations:
    - {number: 1, title: Record ethnicity at last, summary: At last.,
       addresses: [ethnicity-avoided], echoes: [middle-2020/1], cite: [doc]}
"""


def test_problems_run_back_to_the_earliest_report_that_found_them(tiny, iri):
    store = tiny(jay=JAY, oxford=OXFORD, middle=MIDDLE, latest=LATEST)
    found = recurring_problems(store, as_of=dt.date(2026, 6, 16))
    jay, oxford, middle, latest = (
        iri(f"report/{k}/finding/")
        for k in ("jay-2014", "oxford-2015", "middle-2020", "latest-2025")
    )
    d = dt.date
    assert found == [
        RecurringProblem(
            finding=latest + "ethnicity-avoided",
            label="Ethnicity still avoided",
            chain=(
                ProblemLink(
                    jay + "ethnicity-downplayed",
                    "jay-2014",
                    d(2014, 8, 26),
                    "ethnicity-downplayed",
                    "Ethnicity downplayed",
                    True,
                ),
                ProblemLink(
                    middle + "ethnicity-again",
                    "middle-2020",
                    d(2020, 1, 1),
                    "ethnicity-again",
                    "Ethnicity avoided again",
                    True,
                ),
                ProblemLink(
                    latest + "ethnicity-avoided",
                    "latest-2025",
                    d(2025, 6, 16),
                    "ethnicity-avoided",
                    "Ethnicity still avoided",
                    True,
                ),
            ),
            echoes=(
                (latest + "ethnicity-avoided", jay + "ethnicity-downplayed", False),  # news only
                (latest + "ethnicity-avoided", middle + "ethnicity-again", True),
                (middle + "ethnicity-again", jay + "ethnicity-downplayed", True),  # bare: shared
            ),
            reports=3,
            earliest_report="jay-2014",
            earliest_issued=d(2014, 8, 26),
            # 2014-08-26 to 2026-06-16: 4,312 days, 11.8 years of 365.25 days
            years_since=11.8,
            group=1,
            themes=("Data",),
            addressed_by=(
                iri("report/latest-2025/recommendation/1"),
                iri("report/middle-2020/recommendation/1"),
            ),
        ),
        RecurringProblem(
            finding=latest + "consent-misread",
            label="Consent misread",
            chain=(
                ProblemLink(
                    oxford + "refusal-eroded",
                    "oxford-2015",
                    d(2015, 3, 3),
                    "refusal-eroded",
                    "Ability to refuse eroded",
                    True,
                ),
                ProblemLink(
                    latest + "consent-misread",
                    "latest-2025",
                    d(2025, 6, 16),
                    "consent-misread",
                    "Consent misread",
                    True,
                ),
            ),
            echoes=((latest + "consent-misread", oxford + "refusal-eroded", True),),
            reports=2,
            earliest_report="oxford-2015",
            earliest_issued=d(2015, 3, 3),
            years_since=11.3,
            group=2,
            themes=(),
            addressed_by=(),
        ),
    ]
    assert not found[0].confirmed and found[1].confirmed
    assert store.round_trips == 1


def test_an_issue_lists_the_recurring_problems_its_calls_address(tiny, iri):
    store = tiny(jay=JAY, oxford=OXFORD, middle=MIDDLE, latest=LATEST)
    [issue] = recurrence(store, as_of=dt.date(2026, 6, 16))
    assert [c.key for c in issue.chain] == ["middle-2020/1", "latest-2025/1"]
    [problem] = issue.problems
    assert problem.finding == iri("report/latest-2025/finding/ethnicity-avoided")
    assert problem.earliest_report == "jay-2014" and problem.kind == "Finding"
    assert issue.kind == "Recommendation"
    row = issue.as_row()
    assert row["problems"] == ("latest-2025/ethnicity-avoided (first found jay-2014, 2014-08-26)")
    assert issue.precursors == ()  # the call has no theme
    assert store.round_trips == 2


def test_problem_rows_are_flat_and_share_the_recurrence_columns(tiny):
    store = tiny(jay=JAY, oxford=OXFORD, middle=MIDDLE, latest=LATEST)
    problems = recurring_problems(store, as_of=dt.date(2026, 6, 16))
    rows = [p.as_row() for p in problems]
    assert json.loads(json.dumps(rows)) == rows
    assert rows[0]["chain"] == (
        "jay-2014/ethnicity-downplayed (2014-08-26) -> middle-2020/ethnicity-again (2020-01-01)"
        " -> latest-2025/ethnicity-avoided (2025-06-16)"
    )
    assert rows[0]["addressed_by"] == "latest-2025/1; middle-2020/1"
    assert rows[1]["themes"] == "" and rows[1]["addressed_by"] == ""
    [issue] = recurrence(store, as_of=dt.date(2026, 6, 16))
    for row in [*rows, issue.as_row()]:
        assert set(row) <= set(RECURRENCE_COLUMNS)
    assert [c.as_row()["ref"] for c in problems[1].chain] == [
        "oxford-2015/refusal-eroded", "latest-2025/consent-misread"
    ]  # fmt: skip


def test_a_finding_chain_reaches_the_earliest_year_through_a_fork(tiny):
    """A finding that echoes two earlier findings, themselves echoing one earliest, makes one
    chain back to that earliest year, with each report counted once."""
    fork = LATEST.replace(
        "        - middle-2020/ethnicity-again\n",
        "        - middle-2020/ethnicity-again\n        - oxford-2015/refusal-eroded\n",
    )
    store = tiny(jay=JAY, oxford=OXFORD, middle=MIDDLE, latest=fork)
    first, second = recurring_problems(store, as_of=dt.date(2026, 6, 16))
    assert [c.ref for c in first.chain] == [
        "jay-2014/ethnicity-downplayed", "oxford-2015/refusal-eroded",
        "middle-2020/ethnicity-again", "latest-2025/ethnicity-avoided",
    ]  # fmt: skip
    assert (first.earliest_issued.year, first.reports) == (2014, 4)
    # The other head shares Oxford's finding: a second chain, in the same group.
    assert [c.ref for c in second.chain] == [
        "oxford-2015/refusal-eroded", "latest-2025/consent-misread"
    ]  # fmt: skip
    assert first.group == second.group == 1


def test_the_audit_finds_again_what_jay_found_in_2014(bundled, iri):
    """casey-2025.yaml: the finding that organisations avoided ethnicity echoes Jay's (2014)
    finding that the ethnic dimension was downplayed, through its echoes links."""
    store, _projection = bundled
    problems = {p.chain[-1].ref: p for p in recurring_problems(store, as_of=AS_OF)}
    assert store.round_trips == 1
    problem = problems["casey-2025/ethnicity-avoided"]
    assert problem.chain[0].ref == "jay-2014/ethnic-dimension-downplayed"
    assert (problem.earliest_report, problem.earliest_issued) == (
        "jay-2014",
        dt.date(2014, 8, 26),
    )
    assert problem.years_since == 11.8  # 4,312 days to 2026-06-16
    assert iri("report/casey-2025/recommendation/4") in problem.addressed_by
    # Every chain runs from an earlier report to a later one.
    for found in problems.values():
        dates = [link.issued for link in found.chain]
        assert dates == sorted(dates) and dates[0] < dates[-1]
    # ... and the repeated call for ethnicity data lists it among the problems it addresses.
    store.round_trips = 0
    issue = _issues(bundled)["casey-2025/4"]
    assert problem in issue.problems


def test_four_failures_of_the_audit_were_found_in_2014(bundled):
    """Issue 19: recurrence reaches 2014 for at least three Casey 2025 findings; the four
    failures the issue names (ethnicity avoided, taxis, victims treated as consenting or as
    offenders, agencies not sharing) each run back to a pre-2016 report."""
    store, _projection = bundled
    problems = {p.chain[-1].ref: p for p in recurring_problems(store, as_of=AS_OF)}
    reaching_2014 = {
        ref
        for ref, p in problems.items()
        if ref.startswith("casey-2025/") and p.earliest_issued.year == 2014
    }
    assert len(reaching_2014) >= 3
    for failure in (
        "casey-2025/ethnicity-avoided",
        "casey-2025/out-of-area-taxis",
        "casey-2025/under-16s-treated-as-consenting",
        "casey-2025/victims-treated-as-adults-and-criminalised",
        "casey-2025/data-not-shared-between-agencies",
    ):
        chain = problems[failure].chain
        assert chain[0].issued < dt.date(2016, 1, 1), failure
