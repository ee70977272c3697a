"""Linker round 20: supports that rested on a fact saying something else, and structured facts
the checks left unread. Each text is written for this test (none is a gold set's).

- A long fact (a report's description) holds a claim's words only when a few of its sentences
  together hold them, not scattered over what it says of many things.
- A span of years ("between 2005 and 2014") is compared with the fact's own ("1999-2014").
- "has since been delivered": a claim that something was done; what was asked never backs it.
- "no regulations ... were found": what a record's writer did not find, not that it did not
  happen.
- A date inside what a report found ("found that warnings given in 2002 ...") is not the
  report's date.
- "was given to the Department for Transport": whose the recommendation is.
- "gave the Home Office until 31 March 2026": a deadline, compared with the target's.
- "agreed new clause 49 at report stage on 9 December": a day with no year, compared with the
  same event of the clause the claim names.
- "published for the Home Office": whom the report's publisher made it for.
- "Its second asked ... Its third asked ...": an ordinal after one taken for a recommendation.
"""

from __future__ import annotations

from kg.text.claims import Verdict
from kg.text.evidence import Evidence
from kg.text.facts import Facts, periods

from .test_evidence import AUDIT, FACTS, REC, _fact, find
from .test_linker import last
from .test_recommendation_numbers import mentions


def test_spans_of_years_are_read_and_days_are_not():
    assert periods("victims between 2004 and 2014") == {(2004, 2014)}
    assert periods("373 victims, 1999-2014; and from 1997 to 2013") == {(1999, 2014), (1997, 2013)}
    assert periods("a survey in 2025-26") == {(2025, 2026)}
    assert periods("(2025-06-16) published") == frozenset()


LONG = _fact(
    f"{AUDIT}/description",
    (
        "A rapid review of how well the drivers of exploitation are understood by councils. "
        "Its terms asked for a picture of current offending. "
        "It also looked at partner agencies and their records. "
        "The team met survivors, police and councils. "
        "It read published research and case reviews. "
        "Local police data were examined for three force areas. "
        "The only national figure came from one police dataset."
    ),
    AUDIT,
)


def test_words_scattered_over_a_long_fact_are_no_support():
    evidence = Evidence(Facts([LONG, *FACTS]))
    # every word is in the fact, but in sentences far apart
    assert (
        find(
            evidence,
            "The drivers of exploitation are understood by councils, and "
            "published research gave the only national figure.",
            tied=[AUDIT],
        )
        is None
    )
    found = find(evidence, "Police data were examined for three force areas, and the only "
                 "national figure came from a police dataset.", tied=[AUDIT])  # fmt: skip
    assert found is not None and not found.contradicts


COUNTED = _fact(
    f"{AUDIT}/finding/scale",
    "Agencies identified 412 children who were victims "
    "of exploitation between 1998 and 2012. 412 victims, 1998-2012",
    AUDIT,
)


def test_the_same_count_over_another_span_of_years_contradicts():
    evidence = Evidence(Facts([COUNTED, *FACTS]), frozenset({f"{AUDIT}/finding/scale"}))
    found = find(evidence, "Agencies identified 412 children who were victims of exploitation "
                 "between 2003 and 2012.", tied=[AUDIT])  # fmt: skip
    assert found is not None and found.contradicts, found
    found = find(evidence, "Agencies identified 412 children who were victims of exploitation "
                 "between 1998 and 2012.", tied=[AUDIT])  # fmt: skip
    assert found is not None and not found.contradicts


def test_what_was_asked_never_backs_a_claim_that_it_has_since_been_done(linker):
    claim = last(linker, "The second recommendation of IICSA's report on organised networks, to "
                         "enhance the Child Exploitation Disruption Toolkit so that it says "
                         "which sources of data agencies should use, has since been "
                         "delivered.")  # fmt: skip
    assert claim.verdict is not Verdict.SUPPORTED, claim.reason


UNSEEN = _fact(
    f"{REC}/6/status/1",
    "(2026-05-30) enacted The section was not yet in force, "
    "and no regulations naming the identifier were found.",
    f"{REC}/6",
    AUDIT,
)


def test_what_a_record_did_not_find_is_no_proof_it_did_not_happen():
    evidence = Evidence(Facts([UNSEEN, *FACTS]), frozenset({f"{REC}/6"}))
    assert find(evidence, "No regulations naming the identifier have yet been made.",
                tied=[AUDIT]) is None  # fmt: skip
    # said as the record says it, it is what the record says
    assert find(evidence, "No regulations naming the identifier were found.",
                tied=[AUDIT]) is not None  # fmt: skip


def test_a_count_over_another_span_of_years_contradicts_a_finding(linker):
    claim = last(linker, "Oxfordshire's serious case review identified 373 children as victims "
                         "or likely victims in the years between 2005 and 2014.")  # fmt: skip
    assert claim.verdict is Verdict.CONTRADICTED, claim.reason
    assert "1999-2014" in claim.reason


def test_a_date_of_what_a_report_found_is_not_its_date(linker):
    claim = last(linker, "The Jay report found that warnings given to the council in 2002 had "
                         "been ignored.")  # fmt: skip
    assert claim.verdict is not Verdict.CONTRADICTED, claim.reason


def test_given_to_a_body_is_whose_the_recommendation_is(linker):
    claim = last(linker, "The audit's ninth recommendation, on child protection data, was given "
                         "to the Department for Transport.")  # fmt: skip
    assert claim.verdict is Verdict.CONTRADICTED, claim.reason


def test_gave_until_a_date_is_a_deadline(linker):
    said = ("HMICFRS's sixth recommendation gave the Home Office until 31 March {} to bring in a "
            "new annual data requirement.")  # fmt: skip
    claim = last(linker, said.format(2026))
    assert claim.verdict is Verdict.SUPPORTED, claim.reason
    claim = last(linker, said.format(2028))
    assert claim.verdict is Verdict.CONTRADICTED, claim.reason


def test_a_clauses_stage_on_a_day_with_no_year(linker):
    claim = last(linker, "MPs agreed new clause 49 at report stage on 9 December.")
    assert claim.verdict is Verdict.CONTRADICTED, claim.reason
    assert "25 November 2025" in claim.reason


def test_published_for_a_body(linker):
    said = "Louise Casey's 2015 inspection of Rotherham council was published for the {}."
    claim = last(linker, said.format("Department for Communities and Local Government"))
    assert claim.verdict is Verdict.SUPPORTED, claim.reason
    claim = last(linker, said.format("Home Office"))
    assert claim.verdict is Verdict.CONTRADICTED, claim.reason


def test_an_ordinal_after_one_taken_for_a_recommendation(linker):
    found = mentions(linker, "HMICFRS made nine recommendations in 2023. Its second asked every "
                             "force for a problem profile. Its third asked the National Crime "
                             "Agency for an assessment. The fifth asked the Home Office to stop "
                             "a data return.")  # fmt: skip
    assert {(t, i) for t, i in found if "recommendation" in i} >= {
        ("Its second", "report/hmicfrs-2023/recommendation/2"),
        ("Its third", "report/hmicfrs-2023/recommendation/3"),
        ("The fifth", "report/hmicfrs-2023/recommendation/5"),
    }
