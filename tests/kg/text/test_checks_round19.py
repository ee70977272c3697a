"""Linker round 19: claims about typed values (a recommendation's status, a response's stance,
a report's issue date) that the linker left not found, and recommendations cited by number in
words or in ranges. Each text is written for this test (none is a gold set's).

- Every way of saying a delivery status, in any tense: "was met", "is now complete", "has since
  been written into law", "is being delivered", "completed the review", "remains incomplete".
- A date after the status of another kind of event (a publication) is a fact the status leaves
  open: the claim is not supported by the status alone.
- Stances: "did agree to", "decided ... to <act>", "dropped"; "all twelve of its
  recommendations"; a recommendation named by what it asked ("the report called for X, and the
  Government accepted it").
- "It was published in ...", "That report came out in ...": the one document the text just named.
- "Recommendation Seven", "Recommendations one to three", "Recommendations 6 through 8".
"""

from __future__ import annotations

from kg.text.claims import Verdict

from .test_linker import last
from .test_recommendation_numbers import mentions

AUDIT = "Baroness Casey's audit made twelve recommendations. "


def test_every_tense_of_a_done_status_is_compared_with_the_latest(linker):
    for said in (
        "Its ninth recommendation, on reviewing child protection data, was met last year.",
        "Its ninth recommendation, on reviewing child protection data, is now complete.",
        "Its ninth recommendation, on reviewing child protection data, was described to "
        "Parliament in March as complete.",
        "The Department for Education completed the review of child protection data that the "
        "audit's ninth recommendation asked for.",
    ):
        claim = last(linker, AUDIT + said)
        assert claim.verdict is Verdict.CONTRADICTED, (said, claim.reason)
        assert "not started" in claim.reason


def test_written_into_law_is_enacted(linker):
    claim = last(linker, AUDIT + "Recommendation 4, on ethnicity data, has since been written "
                                 "into law.")  # fmt: skip
    assert claim.verdict is Verdict.CONTRADICTED, claim.reason


def test_being_delivered_and_incomplete_say_work_under_way(linker):
    claim = last(linker, AUDIT + "Recommendation 8 is being delivered by the NCA.")
    assert claim.verdict is Verdict.SUPPORTED, claim.reason
    claim = last(linker, "HMICFRS judged in its progress report that its fourth recommendation "
                         "was still incomplete.")  # fmt: skip
    assert claim.verdict is Verdict.SUPPORTED, claim.reason


def test_a_publication_dated_after_the_status_is_left_open(linker):
    claim = last(linker, AUDIT + "Recommendation 8 is being delivered through a plan that the "
                                 "College of Policing published in May 2026.")  # fmt: skip
    assert claim.verdict is Verdict.NOT_FOUND, claim.reason


def test_more_ways_of_saying_a_stance(linker):
    iicsa = "IICSA's final report made twenty recommendations. "
    claim = last(linker, iicsa + "The government did agree in 2025 to make the changes its "
                                 "eighteenth recommendation proposed.")  # fmt: skip
    assert claim.verdict is Verdict.CONTRADICTED, claim.reason
    claim = last(linker, iicsa + "The redress scheme of recommendation 19 was dropped.")
    assert claim.verdict is Verdict.SUPPORTED, claim.reason
    claim = last(linker, AUDIT + "Ministers accepted all twelve of its recommendations.")
    assert claim.verdict is Verdict.SUPPORTED, claim.reason


def test_a_stance_on_a_recommendation_named_by_what_it_asked(linker):
    claim = last(linker, "IICSA's organised networks report called for a mandatory aggravating "
                         "factor where a child is exploited by two or more people, and the "
                         "Government accepted it.")  # fmt: skip
    assert claim.verdict is Verdict.CONTRADICTED, claim.reason
    assert "rejected" in claim.reason


def test_it_was_published_dates_the_one_report_just_named(linker):
    text = "Professor Jay's report on Rotherham was a landmark. It was published in {}."
    assert last(linker, text.format("March 2014")).verdict is Verdict.CONTRADICTED
    assert last(linker, text.format("August 2014")).verdict is Verdict.SUPPORTED
    claim = last(linker, "IICSA's organised networks report was damning. That report came out "
                         "in February 2022.")  # fmt: skip
    assert claim.verdict is Verdict.SUPPORTED, claim.reason
    # an Act is no report: nothing said
    claim = last(linker, "The Sexual Offences Act 2003 was a landmark. It was published in 2014.")
    assert claim.verdict is Verdict.NOT_FOUND


def test_recommendations_cited_in_words_and_ranges(linker):
    rec = "report/casey-2025/recommendation/"
    got = mentions(linker, AUDIT + "Recommendation Seven asks for better systems.",
                   "Recommendation")  # fmt: skip
    assert got == [("Recommendation Seven", f"{rec}7")]
    got = mentions(linker, AUDIT + "Recommendations one to three deal with the law.",
                   "Recommendation")  # fmt: skip
    assert [i for _, i in got] == [f"{rec}1", f"{rec}2", f"{rec}3"]
    got = mentions(linker, AUDIT + "Recommendations 6 through 8 deal with data.", "Recommendation")
    assert [i for _, i in got] == [f"{rec}6", f"{rec}7", f"{rec}8"]
    # a number word that counts something is no citation
    got = mentions(linker, AUDIT + "Recommendation four and one other were accepted.",
                   "Recommendation")  # fmt: skip
    assert [i for _, i in got] == [f"{rec}4"]
