"""Round 13 of the linker: a "supported" verdict is backed by a fact that says the same thing.
Each example is written for this test (none is a gold set's text); each names a general cause
of an unsupported claim once marked supported."""

from __future__ import annotations

from kg.text.claims import Verdict, _other_figure
from kg.text.facts import SENTENCE_END, slots_of
from kg.text.sentences import split

B = "https://policy-kg.example"


def verdict(linker, text):
    [claim] = linker.link(text).claims
    return claim.verdict


def test_a_list_of_years_is_each_a_year():
    slots = slots_of("Reports in 2001, 2005 and 2009 were ignored.")
    assert [d[2] for d in slots.dates] == [2001, 2005, 2009]
    assert slots_of("It ran from 1997 to 2013.").dates == ((None, None, 1997, True),)


def test_the_end_of_a_year_is_its_last_month():
    slots = slots_of("The requirement is due by the end of 2027.")
    assert slots.dates == ((None, 12, 2027, False),) and slots.deadlines == (True,)


def test_a_facts_own_date_is_not_the_date_of_a_clause_dated_otherwise():
    fact = slots_of("(2024-03-04) tabled 4 March 2024; agreed by the Lords on 9 April 2024")
    assert fact.events[0] == frozenset({"table"})  # not the agreement of 9 April


def test_a_bills_report_stage_is_no_event_of_reporting():
    assert slots_of("It was agreed at Report stage on 9 April 2024.").events == (
        frozenset({"agree"}),
    )


def test_a_facts_sentences_do_not_end_at_an_abbreviation_before_a_number():
    text = "No regulations under s. 16LC, or under ss. 9 to 12, were made. Then it lapsed."
    assert SENTENCE_END.split(text) == [
        "No regulations under s. 16LC, or under ss. 9 to 12, were made.",
        "Then it lapsed.",
    ]


def test_a_provisions_letter_is_no_initial():
    text = "It binds the partners named in section 16E. Since May every child has one. A. Jay."
    assert [text[a:b] for a, b in split(text)] == [
        "It binds the partners named in section 16E.",
        "Since May every child has one.",
        "A. Jay.",
    ]


class _Figure:
    def __init__(self, value, description):
        self.value, self.unit, self.description = value, "percent", description


class _Finding:
    title = "Suspects by ethnicity"
    figures = (_Figure(61.0, "red share of suspects in street cases"),
               _Figure(27.0, "blue share of suspects in street cases"),
               _Figure(40.0, "blue share of all suspects"))  # fmt: skip


def test_a_figure_said_of_what_another_figure_describes_is_contradicted():
    sentence = "In street cases, 61 per cent of suspects were blue."
    at = sentence.index("61")
    found = _other_figure(sentence, at, at + len("61 per cent"), _Finding())
    assert found is not None and found[0] is Verdict.CONTRADICTED and "27" in found[1]
    sentence = "In street cases, 61 per cent of suspects were red, and 27 per cent blue."
    assert _other_figure(sentence, at, at + len("61 per cent"), _Finding()) is None


def test_a_figure_of_another_description_is_not_supported(linker):
    claim = "In Greater Manchester, 52 per cent of suspects in multi-offender cases were white."
    assert verdict(linker, claim) is Verdict.CONTRADICTED


def test_a_rival_day_of_agreement_is_not_taken_for_the_day_it_was_tabled(linker):
    claim = "Government new clause 49 was agreed by the Commons on 18 November 2025."
    assert verdict(linker, claim) is not Verdict.SUPPORTED


def test_the_end_of_a_year_is_not_an_earlier_deadline(linker):
    claim = (
        "HMICFRS's sixth recommendation, a new annual data requirement, was due by the end of 2026."
    )
    assert verdict(linker, claim) is not Verdict.SUPPORTED


def test_a_recommendation_addressed_to_a_body_that_does_not_lead_it(linker):
    claim = "Casey's sixth recommendation was addressed to the Ministry of Justice."
    assert verdict(linker, claim) is Verdict.CONTRADICTED


def test_a_provision_the_record_does_not_cite_is_not_supported(linker):
    claim = ("The grooming aggravating factor, clause 43 in Commons committee, became section 99 "
             "of the Act.")  # fmt: skip
    assert verdict(linker, claim) is not Verdict.SUPPORTED


def test_one_year_of_a_list_the_record_does_not_hold_is_not_supported(linker):
    claim = (
        "The Jay report said that reports in 2002, 2005 and 2006 about the problem were ignored."
    )
    assert verdict(linker, claim) is not Verdict.SUPPORTED


def test_what_was_promised_said_to_be_done_needs_a_record_of_it_done(linker):
    claim = ("The DBS now lets overseas employers check barred list information, as the "
             "government promised in April 2025.")  # fmt: skip
    assert verdict(linker, claim) is not Verdict.SUPPORTED


def test_an_ordinal_after_a_bodys_possessive_is_its_reports_recommendation(linker):
    text = (
        "Casey's seventh recommendation, on police information systems, repeats HMICFRS's fourth."
    )
    got = [(m.text, m.id) for m in linker.link(text).mentions]
    assert ("fourth", f"{B}/report/hmicfrs-2023/recommendation/4") in got
    assert ("HMICFRS's", f"{B}/body/hmicfrs") in got
