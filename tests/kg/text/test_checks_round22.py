"""Linker round 22: verdicts of the wrong sign. A support rests on a fact of the same subject
that holds every detail the claim states; a contradiction on a fact of the same subject and the
same property with another value. Each text is written for this test (none is a gold set's).

- "for England" against a record of "England and Wales": a part of where it applies, no rival
  (unless the claim says "only").
- A claim naming a recommendation beside its report: a fact of another recommendation of that
  report is not about it.
- "completed its passage": only the status of what the claim speaks of is a rival.
- "did not come into force on D": another date in the record is what the claim says too.
- "after its December 2024 deadline": a date followed by "deadline" is a deadline.
- "Eighteen months later": a length of time that says when is no figure the claim states.
- "published in December 2023, gave ... until the end of 2024": an event's date is the first
  date after it.
- "published in June 2025 by X": who published it is checked with a date between.
- "section 96 of the Act came into force": a part of an Act partly in force is no rival.
"""

from __future__ import annotations

from kg.text.claims import Verdict

from .test_linker import last


def test_a_part_of_where_the_record_says_it_applies_is_no_rival(linker):
    claim = last(linker, "Ministers have said they will set up a Child Protection Authority for "
                         "England, as IICSA's second recommendation asked.")  # fmt: skip
    assert claim.verdict is not Verdict.CONTRADICTED
    assert "England and Wales" not in claim.reason


def test_a_fact_of_a_sibling_recommendation_backs_nothing(linker):
    claim = last(linker, "Ministers tabled the clause on 4 November, in reply to the eleventh "
                         "recommendation of the Casey audit.")  # fmt: skip
    assert claim.verdict is not Verdict.SUPPORTED


def test_a_bill_completing_its_passage_is_no_rival_of_a_recommendations_status(linker):
    claim = last(linker, "The Children's Wellbeing and Schools Bill completed its passage "
                         "through the Lords with Third Reading in February.")  # fmt: skip
    assert claim.verdict is not Verdict.CONTRADICTED


def test_a_denied_date_has_no_rival(linker):
    claim = last(linker, "Section 4 of the Children's Wellbeing and Schools Act 2026 did not "
                         "come into force on 3 June 2026, whatever some wrote.")  # fmt: skip
    assert claim.verdict is not Verdict.CONTRADICTED


def test_a_date_before_deadline_is_a_deadline(linker):
    claim = last(linker, "In its progress report of October 2025 the inspectorate judged the "
                         "fourth recommendation of HMICFRS, on police record systems, "
                         "incomplete after its December 2024 deadline.")  # fmt: skip
    assert claim.verdict is not Verdict.CONTRADICTED
    assert "not December 2024" not in claim.reason


def test_a_length_of_time_saying_when_is_no_figure(linker):
    claim = last(linker, "Two years later the audit found that the only national figure, from "
                         "the Complex and Organised Child Abuse Dataset, was roughly 700 "
                         "offences in 2023.")  # fmt: skip
    assert claim.verdict is not Verdict.CONTRADICTED


def test_an_events_date_is_the_first_after_it(linker):
    claim = last(linker, "The HMICFRS 2023 inspection, published in December 2023, gave each "
                         "force until the end of 2024 to draw up a problem profile.")  # fmt: skip
    assert claim.verdict is not Verdict.CONTRADICTED


def test_the_publisher_is_checked_with_a_date_between(linker):
    claim = last(linker, "The National Audit on Group-based Child Sexual Exploitation and Abuse "
                         "was published in June 2025 by the Department for Education.")  # fmt: skip
    assert claim.verdict is Verdict.CONTRADICTED


def test_a_part_of_an_act_partly_in_force_is_no_rival(linker):
    claim = last(linker, "Section 96 of the Crime and Policing Act 2026, on limitation periods, "
                         "came into force on 29 June 2026.")  # fmt: skip
    assert claim.verdict is not Verdict.CONTRADICTED
    # the whole Act said to be in force is still its rival
    whole = last(linker, "The Crime and Policing Act 2026 is now fully in force.")
    assert whole.verdict is Verdict.CONTRADICTED
