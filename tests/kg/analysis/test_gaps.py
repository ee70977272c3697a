"""Gaps: each kind on a tiny corpus, the progress rule's edges, and the bundled corpus exactly."""

from __future__ import annotations

import datetime as dt

from kg.analysis import GAP_KINDS, Gap, gaps, progressed
from kg.analysis._facts import Fact, RecommendationFacts

GAP_REPORT = """
report:
  key: gap-2024
  document: doc
  title: A report with gaps
  issued: 2024-01-01
  cite: [doc]
  findings:
    - {key: addressed, title: Addressed finding, summary: Acted on., cite: [doc]}
    - {key: orphan, title: Orphan finding, summary: Nobody acts on it., cite: [doc]}
  recommendations:
    - number: 1
      title: Fully covered
      summary: Has everything.
      addresses: [addressed]
      responsibilities: [{body: home, role: lead}]
      instruments:
        - {instrument: "http://www.legislation.gov.uk/id/ukpga/2003/42/section/9", relation: amends}
      cite: [doc]
    - number: 2
      title: No lead
      summary: Only a partner.
      responsibilities: [{body: police, role: partner}]
      no_instrument: {reason: Operational.}
      cite: [doc]
    - number: 3
      title: Nothing at all
      summary: Known from the press only.
      responsibilities: [{body: council, role: lead}]
      cite: [news]
    - number: 4
      title: Stalled
      summary: Started, then stalled.
      responsibilities: [{body: board, role: lead}]
      no_instrument: {reason: Operational.}
      cite: [doc]
"""
GAP_FOLLOW_UP = """
responses:
  - {recommendation: gap-2024/1, stance: accepted, issued: 2024-02-01, summary: Yes., cite: [doc]}
status_events:
  - {recommendation: gap-2024/1, status: in_progress, date: 2024-03-01, cite: [doc]}
  - {recommendation: gap-2024/2, status: not_started, date: 2024-02-01, cite: [doc]}
  - {recommendation: gap-2024/4, status: in_progress, date: 2024-02-01, cite: [doc]}
  - {recommendation: gap-2024/4, status: stalled, date: 2024-06-01, cite: [doc]}
"""


def test_every_kind_of_gap_on_a_tiny_corpus(tiny, iri):
    store = tiny(report=GAP_REPORT, follow_up=GAP_FOLLOW_UP)
    rec = "report/gap-2024/recommendation/"
    assert gaps(store) == [
        Gap(
            "recommendation-without-lead",
            iri(rec + "2"),
            "Recommendation 2: No lead",
            "no lead body; responsibilities: Police (partner)",
        ),
        Gap(
            "recommendation-without-instrument",
            iri(rec + "3"),
            "Recommendation 3: Nothing at all",
            "no instrument link and no no-instrument statement",
        ),
        Gap(
            "recommendation-without-status",
            iri(rec + "3"),
            "Recommendation 3: Nothing at all",
            "no dated status event",
        ),
        Gap(
            "recommendation-unconfirmed",
            iri(rec + "3"),
            "Recommendation 3: Nothing at all",
            "all 2 of its own facts are unconfirmed",
        ),
        Gap(
            "finding-unaddressed",
            iri("report/gap-2024/finding/orphan"),
            "Orphan finding",
            "no recommendation addresses it (gap-2024)",
        ),
        Gap(
            "bill-not-enacted",
            iri("instrument/stuck-bill"),
            "Stuck Bill",
            "no enactedAs: not recorded as enacted",
        ),
        Gap(
            "body-without-progress",
            iri("body/board"),
            "Board",
            "responsible for 1 recommendation(s), none with reported progress: gap-2024/4",
        ),
        Gap(
            "body-without-progress",
            iri("body/council"),
            "Council",
            "responsible for 1 recommendation(s), none with reported progress: gap-2024/3",
        ),
        Gap(
            "body-without-progress",
            iri("body/police"),
            "Police",
            "responsible for 1 recommendation(s), none with reported progress: gap-2024/2",
        ),
    ]
    assert store.round_trips == 2


def test_gap_rows_are_flat(tiny):
    store = tiny(report=GAP_REPORT, follow_up=GAP_FOLLOW_UP)
    for gap in gaps(store):
        assert gap.as_row() == {
            "kind": gap.kind,
            "iri": gap.iri,
            "label": gap.label,
            "reason": gap.reason,
        }
        assert gap.kind in GAP_KINDS


def _rec(events, response=None, issued=dt.date(2024, 1, 1)) -> RecommendationFacts:
    rec = RecommendationFacts("r", issued=issued)
    rec.status_events = [Fact(f"e{i}", True, d, s) for i, (d, s) in enumerate(events)]
    rec.response = Fact("resp", True, date=response) if response else None
    return rec


def test_progress_needs_an_event_after_the_response_or_else_after_the_report():
    d = dt.date
    assert not progressed(_rec([]))
    # the event on the response date only restates the response
    assert not progressed(_rec([(d(2024, 2, 1), "IN_PROGRESS")], response=d(2024, 2, 1)))
    assert progressed(_rec([(d(2024, 2, 1), "IN_PROGRESS")], response=d(2024, 1, 15)))
    # no response: the report's issue date is the baseline
    assert progressed(_rec([(d(2024, 2, 1), "IN_PROGRESS")]))
    assert not progressed(_rec([(d(2024, 1, 1), "IN_PROGRESS")]))


def test_progress_is_judged_by_the_latest_status():
    d = dt.date
    later = [(d(2024, 2, 1), "IN_PROGRESS"), (d(2024, 3, 1), "NOT_STARTED")]
    assert not progressed(_rec(later))
    stalled = [(d(2024, 2, 1), "LEGISLATING"), (d(2024, 3, 1), "STALLED")]
    assert not progressed(_rec(stalled))
    # delivered by the time of the response still counts
    done = [(d(2024, 2, 1), "DELIVERED")]
    assert progressed(_rec(done, response=d(2024, 2, 1)))


# ---------------------------------------------------------------- the bundled corpus


#: Read off ingest/sources: every recommendation has a lead body and an instrument link or a
#: no-instrument statement; these have no status event; these rest on no primary source at
#: all; these findings no recommendation addresses (Jay 2014, Casey 2015, the Home Office paper
#: of 2020 and the Oxfordshire review are modelled by findings only); two bills are not
#: enacted; three bodies hold only recommendations with no reported progress.
EXPECTED = {
    "recommendation-without-status": [
        "report/hmicfrs-2023/recommendation/2",
        "report/hmicfrs-2023/recommendation/5",
        "report/hmicfrs-2023/recommendation/6",
        "report/iicsa-networks-2022/recommendation/1",
        "report/iicsa-networks-2022/recommendation/2",
        "report/iicsa-networks-2022/recommendation/4",
        "report/telford-2022/recommendation/1",
        "report/telford-2022/recommendation/2",
        "report/telford-2022/recommendation/3",
        "report/telford-2022/recommendation/4",
    ],
    "recommendation-unconfirmed": [
        "report/hmicfrs-2023/recommendation/3",
        "report/hmicfrs-2023/recommendation/4",
        "report/hmicfrs-2023/recommendation/5",
        "report/hmicfrs-2023/recommendation/6",
        "report/iicsa-final-2022/recommendation/4",
        "report/iicsa-final-2022/recommendation/6",
        "report/iicsa-final-2022/recommendation/8",
        "report/iicsa-final-2022/recommendation/9",
        "report/iicsa-final-2022/recommendation/10",
        "report/iicsa-final-2022/recommendation/11",
        "report/iicsa-final-2022/recommendation/12",
        "report/iicsa-final-2022/recommendation/14",
        "report/iicsa-final-2022/recommendation/15",
        "report/iicsa-final-2022/recommendation/17",
        "report/iicsa-final-2022/recommendation/19",
        "report/iicsa-final-2022/recommendation/20",
        "report/iicsa-networks-2022/recommendation/4",
        "report/telford-2022/recommendation/1",
        "report/telford-2022/recommendation/2",
        "report/telford-2022/recommendation/3",
        "report/telford-2022/recommendation/4",
    ],
    "finding-unaddressed": [
        "report/casey-2015/finding/council-in-denial",
        "report/casey-2015/finding/fit-and-proper-steps-ineffective",
        "report/casey-2015/finding/licensing-failures-contributed-to-cse",
        "report/casey-2015/finding/misplaced-political-correctness",
        "report/casey-2015/finding/regulate-taxis-to-protect-children",
        "report/casey-2025/finding/non-uk-nationals-in-live-operations",
        "report/home-office-2020/finding/commitment-to-improve-data",
        "report/home-office-2020/finding/ethnicity-data-too-poor",
        "report/iicsa-networks-2022/finding/cautions-given-to-children",
        "report/iicsa-networks-2022/finding/information-sharing-inconsistent",
        "report/iicsa-networks-2022/finding/scale-unknown",
        "report/iicsa-networks-2022/finding/victims-treated-as-offenders",
        "report/jay-2014/finding/agencies-did-not-share-information",
        "report/jay-2014/finding/at-least-1400-children",
        "report/jay-2014/finding/earlier-reports-ignored",
        "report/jay-2014/finding/ethnic-dimension-downplayed",
        "report/jay-2014/finding/police-gave-cse-no-priority",
        "report/jay-2014/finding/taxi-drivers-common-thread",
        "report/jay-2014/finding/true-scale-unknown",
        "report/jay-2014/finding/victims-blamed-and-arrested",
        "report/oxfordshire-scr-2015/finding/ability-to-refuse-eroded",
        "report/oxfordshire-scr-2015/finding/law-on-consent-misunderstood",
        "report/oxfordshire-scr-2015/finding/scale-373-children",
        "report/telford-2022/finding/more-than-1000-children",
        "report/telford-2022/finding/taxis-used-to-exploit-children",
    ],
    # The Criminal Justice Bill lapsed at the 2024 prorogation: never enacted, rightly a gap.
    "bill-not-enacted": [
        "instrument/criminal-justice-bill-2023-24",
        "instrument/taxi-and-phv-reform-bill",
    ],
    "body-without-progress": [
        "body/information-commissioners-office",
        "body/ofsted",
        "body/telford-wrekin-council",
    ],
}


def test_the_bundled_corpus_has_exactly_the_expected_gaps(bundled, iri):
    store, _projection = bundled
    found = gaps(store)
    expected = [(kind, iri(path)) for kind, paths in EXPECTED.items() for path in paths]
    assert [(g.kind, g.iri) for g in found] == expected
    assert store.round_trips == 2
    by_iri = {(g.kind, g.iri): g for g in found}
    assert by_iri["body-without-progress", iri("body/ofsted")].reason == (
        "responsible for 1 recommendation(s), none with reported progress: casey-2025/9"
    )
