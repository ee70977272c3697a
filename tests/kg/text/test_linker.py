"""The linker over the bundled corpus: mentions with scores, and claims with verdicts, on
examples written for these tests."""

from __future__ import annotations

import re
import time

import pytest

from kg.text import TextInputError
from kg.text.claims import Verdict
from kg.text.extract import Limits
from kg.text.mentions import THRESHOLD

B = "https://policy-kg.example"
CASEY = f"{B}/report/casey-2025"
SOA = "http://www.legislation.gov.uk/id/ukpga/2003/42"


def found(linker, text):
    return [(m.text, m.id) for m in linker.link(text).mentions]


def verdict(linker, text):
    [claim] = linker.link(text).claims
    return claim


def last(linker, text):
    """The last claim of `text` (the one a test is about, after sentences that set context)."""
    return linker.link(text).claims[-1]


def test_bodies_by_name_and_abbreviation_never_a_common_word(linker):
    got = found(linker, "The CPS, the NCA and the Home Office met the police and the cps.")
    assert got == [("CPS", f"{B}/body/crown-prosecution-service"),
                   ("NCA", f"{B}/body/national-crime-agency"),
                   ("Home Office", f"{B}/body/home-office")]  # fmt: skip


def test_statutes_by_title_initials_citation_and_context(linker):
    text = (
        "The Sexual Offences Act 2003 (2003 c. 42) is the law. Under s. 9 SOA 2003, and "
        "section 13 of the 2003 Act, see also Sexual Offences Act 2003, s 5. The Children "
        "Act 1989 is not in the graph."
    )
    got = found(linker, text)
    assert ("Sexual Offences Act 2003", SOA) in got
    assert ("2003 c. 42", SOA) in got
    assert ("s. 9", f"{SOA}/section/9") in got and ("SOA 2003", SOA) in got
    assert ("section 13", f"{SOA}/section/13") in got and ("the 2003 Act", SOA) in got
    assert ("s 5", f"{SOA}/section/5") in got
    assert not any("Children" in t for t, _ in got)  # another Act of the same short name


def test_a_section_the_act_does_not_have_is_not_linked(linker):
    got = found(linker, "Section 999 of the Sexual Offences Act 2003 does not exist.")
    assert got == [("Sexual Offences Act 2003", SOA)]


def test_reports_by_author_kind_year_and_title(linker):
    got = dict(found(linker, "Baroness Casey's audit echoed the 2014 Jay report, the Jay report "
                             "and IICSA's final report; the national audit too."))  # fmt: skip
    assert got["Baroness Casey's audit"] == CASEY
    assert got["2014 Jay report"] == f"{B}/report/jay-2014"
    assert got["Jay report"] == f"{B}/report/jay-2014"
    assert got["IICSA's final report"] == f"{B}/report/iicsa-final-2022"
    assert got["national audit"] == CASEY


def test_recommendations_by_number_resolved_to_the_report_in_context(linker):
    text = (
        "IICSA's final report made recommendation 13. Baroness Casey's audit made "
        "recommendations 1 and 2, and its fourth recommendation. Recommendation 99 is none."
    )
    got = found(linker, text)
    assert ("recommendation 13", "https://policy-kg.example/report/iicsa-final-2022/"
            "recommendation/13") in got  # fmt: skip
    assert ("recommendations 1", f"{CASEY}/recommendation/1") in got
    assert ("2", f"{CASEY}/recommendation/2") in got
    assert ("fourth recommendation", f"{CASEY}/recommendation/4") in got
    assert not any("99" in t for t, _ in got)


def test_a_texts_own_numbered_recommendations_are_not_the_graphs(linker):
    got = found(linker, "Recommendation 1: The council should review its taxi policy.")
    assert got == []


def test_recommendations_without_any_report_are_not_forced(linker):
    assert found(linker, "Recommendation 4 of the club rules was dropped.") == []


def test_figures_link_findings_only_with_the_right_unit(linker):
    got = dict(
        found(
            linker,
            "The audit found ethnicity missing for two-thirds of perpetrators "
            "and about 700 offences in 2023, but 700 miles is no finding.",
        )
    )
    assert got["two-thirds"].endswith("/finding/ethnicity-not-recorded-two-thirds")
    assert got["700 offences"].endswith("/finding/national-figure-700-offences")
    assert "700 miles" not in got and "700" not in got


def test_themes_by_name_and_half_names(linker):
    got = dict(found(linker, "Work on taxi licensing and on information sharing continues."))
    assert got == {"taxi licensing": f"{B}/theme/taxi-licensing",
                   "information sharing": f"{B}/theme/information-sharing"}  # fmt: skip


def test_scores_are_in_range_and_above_the_threshold(linker):
    for m in linker.link("The CPS and the Casey audit's recommendation 4, s. 9 SOA 2003.").mentions:
        assert THRESHOLD <= m.score <= 1


@pytest.mark.parametrize(
    ("text", "expected", "reason"),
    [
        (
            "The government accepted recommendation 4 of the Casey audit.",
            Verdict.SUPPORTED,
            "accepted",
        ),
        (
            "The government rejected recommendation 1 of the Casey audit.",
            Verdict.CONTRADICTED,
            "not rejected",
        ),
        ("The Casey audit made ten recommendations.", Verdict.CONTRADICTED, "recommendation 12"),
        ("The Casey audit made 12 recommendations.", Verdict.SUPPORTED, "1 to 12"),
        ("The Casey audit was published on 16 June 2025.", Verdict.SUPPORTED, "issued"),
        ("The Casey audit was published on 16 June 2024.", Verdict.CONTRADICTED, "2025-06-16"),
        (
            "The Casey audit found ethnicity was not recorded for two-thirds of perpetrators.",
            Verdict.SUPPORTED,
            "two-thirds",
        ),
        (
            "The Casey audit found ethnicity was not recorded for half of perpetrators.",
            Verdict.CONTRADICTED,
            "67 percent",
        ),
        ("The Casey audit found that taxi drivers were all saints.", Verdict.NOT_FOUND, ""),
        ("Recommendation 9 of the Casey audit has not started.", Verdict.SUPPORTED, "not started"),
        (
            "Recommendation 9 of the Casey audit has been fully implemented.",
            Verdict.CONTRADICTED,
            "not started",
        ),
        ("The Sexual Offences Act 2003 is in force.", Verdict.SUPPORTED, "in force"),
        ("The weather in Leeds was fine on Tuesday last week.", Verdict.NOT_FOUND, "names nothing"),
    ],
)
def test_verdicts(linker, text, expected, reason):
    claim = verdict(linker, text)
    assert claim.verdict is expected, claim.reason
    assert reason in claim.reason


def test_a_supported_claim_shows_the_facts_citation(linker):
    claim = verdict(linker, "The government accepted recommendation 4 of the Casey audit.")
    [link] = [link for link in claim.links if link.id == f"{CASEY}/recommendation/4"]
    assert link.evidence and all(e.source_title for e in link.evidence)


def test_questions_and_headings_are_not_claims(linker):
    result = linker.link("Progress on the audit\n\nDid the government accept recommendation 4?")
    assert result.claims == []


def test_the_json_is_the_contracts_shape(linker):
    data = linker.link("The government accepted recommendation 4 of the Casey audit.").to_json()
    assert set(data) == {"mentions", "claims"}
    assert set(data["mentions"][0]) == {"text", "start", "end", "id", "kind", "label", "score"}
    claim = data["claims"][0]
    assert set(claim) == {"text", "start", "end", "verdict", "links", "reason"}
    assert set(claim["links"][0]) == {"id", "kind", "label", "score", "evidence"}
    evidence = next(link["evidence"] for link in claim["links"] if link["evidence"])
    assert set(evidence[0]) == {"source", "title", "locator", "url", "authority"}
    assert claim["verdict"] in {v.value for v in Verdict}


def test_offsets_point_into_the_text(linker):
    text = "Ünïcode first. The CPS and the NCA accepted it in s. 9 SOA 2003."
    result = linker.link(text)
    for item in [*result.mentions, *result.claims]:
        assert text[item.start : item.end] == item.text


def test_link_is_bounded(linker):
    with pytest.raises(TextInputError, match="more than 10 characters"):
        linker.link("x" * 11, limits=Limits(max_chars=10))
    text = "The Home Office accepted recommendation 4 of the Casey audit in June 2025. " * 700
    began = time.perf_counter()
    result = linker.link(text)
    assert time.perf_counter() - began < 20  # generous: the benchmark measures it properly
    assert len(result.claims) == 700


# ----------------------------------------------------------------------------- issue 18, held out
# General causes the held-out gold set showed (each case here is written for the test).

IICSA = f"{B}/report/iicsa-final-2022"


def claim_of(linker, text, needle):
    """The claim of `text` that holds `needle`."""
    return next(c for c in linker.link(text).claims if needle in c.text)


def test_a_list_of_ordinals_shares_the_report_named_before(linker):
    text = ("IICSA's final report made twenty recommendations. The minister named the twelfth "
            "and twentieth recommendations.")  # fmt: skip
    got = found(linker, text)
    assert ("twelfth", f"{IICSA}/recommendation/12") in got
    assert ("twentieth recommendations", f"{IICSA}/recommendation/20") in got


def test_a_paragraph_number_after_a_heading_is_no_recommendation(linker):
    text = "Chapter 2: our recommendations\n\n6 The Casey audit asked for better data."
    assert all(kind != "Recommendation" for _, kind in
               [(m.text, m.kind) for m in linker.link(text).mentions])  # fmt: skip


def test_the_year_act_is_the_act_a_bill_named_before_became(linker):
    text = ("The English Devolution and Community Empowerment Bill passed. The 2026 Act lets "
            "the Secretary of State set national standards.")  # fmt: skip
    assert ("The 2026 Act", "http://www.legislation.gov.uk/id/ukpga/2026/23") in found(linker, text)


def test_reports_by_words_of_their_title_and_a_place_in_it(linker):
    got = dict(found(linker, "The inquiry's organised networks report came first. Professor "
                             "Alexis Jay's Rotherham report came earlier."))  # fmt: skip
    assert got["organised networks report"] == f"{B}/report/iicsa-networks-2022"
    assert got["Professor Alexis Jay's Rotherham report"] == f"{B}/report/jay-2014"


def test_a_recommendation_by_what_its_report_asked(linker):
    got = found(linker, "The council will adopt the Telford inquiry's recommendation on "
                        "safeguarding training for drivers licensed elsewhere.")  # fmt: skip
    assert any(iri == f"{B}/report/telford-2022/recommendation/2" for _, iri in got)


def test_a_name_runs_across_no_colon_it_does_not_spell(linker):
    assert found(linker, "Child Sexual Abuse: Inquiry Recommendations") == []


@pytest.mark.parametrize(
    ("text", "expected", "reason"),
    [
        # in force on passing (legislation.yaml gives s. 78 its in_force_from)
        ("Section 78 of the Children's Wellbeing and Schools Act 2026 is in force.",
         Verdict.SUPPORTED, "in force on 2026-11-30"),
        # a section is the subject, not the Act its phrase names
        ("Section 16LA of the Children Act 2004 is in force.", Verdict.CONTRADICTED,
         "not shown to be in force"),
        # "every one of its recommendations" is a quantifier, not a count of one
        ("The government accepted every one of the Casey audit's recommendations on 16 June "
         "2025.", Verdict.SUPPORTED, "accepted"),
        # the date of an acceptance is the response's date
        ("The government accepted IICSA's fifteenth recommendation in March 2025.",
         Verdict.CONTRADICTED, "2025-02-05"),
        ("The government accepted IICSA's thirteenth recommendation in January 2025.",
         Verdict.SUPPORTED, "2025-01-06"),
        # a recommendation by its title, and how many have a stance
        ("The government accepted IICSA's recommendation for a national redress scheme.",
         Verdict.CONTRADICTED, "rejected"),
        ("Of IICSA's twenty recommendations, the government has accepted nineteen in full.",
         Verdict.CONTRADICTED, "3 of the 20"),
        # a commencement a reported status records, with its date
        ("Recommendation 15 of IICSA's final report came into force on 29 June 2026.",
         Verdict.SUPPORTED, "in force"),
        ("Recommendation 13 of IICSA's final report is in force.", Verdict.CONTRADICTED,
         "enacted"),
        # makers: a report's publisher, an instrument's issuer, said either way
        ("The Jay report was published by the Home Office.", Verdict.CONTRADICTED,
         "Rotherham Metropolitan Borough Council"),
        ("Working Together to Safeguard Children 2023 was issued by the Home Office.",
         Verdict.CONTRADICTED, "Department for Education"),
        ("The Department for Transport issued the Statutory Taxi and Private Hire Vehicle "
         "Standards.", Verdict.SUPPORTED, "Department for Transport"),
        # a bill's stages, by House and date
        ("The Children's Wellbeing and Schools Bill had its third reading in the Lords on 9 "
         "March 2026.", Verdict.CONTRADICTED, "2026-02-09"),
        # roles: a partner is not the lead; "not X" denies X
        ("The Ministry of Justice, not the Home Office, leads on recommendation 1 of the Casey "
         "audit.", Verdict.CONTRADICTED, "lead"),
        ("The Home Office leads on recommendation 1 of the Casey audit, with the Ministry of "
         "Justice as its partner.", Verdict.SUPPORTED, "partner"),
        # what is still to come is not checked against what holds now
        ("The Home Office says the disregard in the Crime and Policing Act 2026 will be "
         "commenced in January 2027.", Verdict.NOT_FOUND, ""),
        # a recommendation picked out by its content, for a claim about something else
        ("The research into what drives group-based offending, the Casey audit's tenth "
         "recommendation, will be published next spring.", Verdict.NOT_FOUND, ""),
        # what the graph backs is no warrant for a number beside it that nothing checks
        ("The Home Office, which employs 35,000 people, leads on recommendation 1 of the Casey "
         "audit.", Verdict.NOT_FOUND, "35,000 people"),
        # "£30 million" is a sum, not a count of 30 (of years, or anything a finding counts)
        ("The Children's Wellbeing and Schools Act 2026 will save councils £30 million a year.",
         Verdict.NOT_FOUND, ""),
    ],
)  # fmt: skip
def test_verdicts_on_the_held_out_causes(linker, text, expected, reason):
    claim = verdict(linker, text)
    assert claim.verdict is expected, claim.reason
    assert reason in claim.reason


def test_figures_of_different_measures_never_conflict(linker):
    claim = verdict(linker, "The Casey audit found ethnicity unrecorded in around two-thirds of "
                            "cases, and in Greater Manchester 52 per cent of suspects in "
                            "multi-victim, multi-offender cases were Asian.")  # fmt: skip
    assert claim.verdict is Verdict.SUPPORTED, claim.reason


def test_the_words_of_a_fact_support_only_when_its_numbers_and_dates_are_the_claims(linker):
    text = ("Recommendation 2 of the Casey audit asked for a national police operation. "
            "Operation Beaconport, under the direction of the National Crime Agency, has so far "
            "identified 1,273 cases, and 216 of them are being expedited. It has also identified "
            "1,500 cases in Wales. The operation reviews decisions taken between 1 January 2015 "
            "and 31 March 2025.")  # fmt: skip
    assert claim_of(linker, text, "so far identified").verdict is Verdict.SUPPORTED
    assert claim_of(linker, text, "1,500 cases").verdict is not Verdict.SUPPORTED
    wrong_start = claim_of(linker, text, "1 January 2015")
    assert wrong_start.verdict is Verdict.CONTRADICTED, wrong_start.reason
    assert "1 January 2010" in wrong_start.reason


def test_a_date_is_compared_only_with_a_date_of_the_same_event(linker):
    text = ("Recommendation 2 of the Casey audit asked for a national inquiry. The inquiry's "
            "final terms of reference were published at the end of March 2026.")  # fmt: skip
    assert claim_of(linker, text, "final terms").verdict is Verdict.NOT_FOUND


def test_the_sentence_before_names_what_that_recommendation_is(linker):
    text = ("Children's services should check plans, drawing on Casey's ninth recommendation. "
            "The Department for Education leads on that recommendation, with Ofsted as a "
            "partner.")  # fmt: skip
    assert claim_of(linker, text, "leads on that").verdict is Verdict.SUPPORTED


def test_reasons_quote_whole_words(linker):
    text = (
        "Recommendation 2 of the Casey audit asked for a national inquiry. Three panel "
        "members will sit alongside the inquiry's chair, appointed on 9 December 2025."
    )
    for claim in linker.link(text).claims:
        for quoted in re.findall(r'"([^"]*)"', claim.reason):
            assert not quoted.endswith(" ...") or quoted[:-4][-1:].isalnum()
        assert not re.search(r"\b(?:forc|cas|recommend)\b", claim.reason)


# ------------------------------------------------------- round 3: general causes, own examples


def test_a_publisher_in_a_relative_clause_is_checked(linker):
    claim = verdict(linker, "The Oxfordshire serious case review, which the Home Office "
                            "published in March 2015, was widely read.")  # fmt: skip
    assert claim.verdict is Verdict.CONTRADICTED
    assert "Oxfordshire Safeguarding Children Board" in claim.reason


def test_a_finding_matched_by_its_words_must_hold_the_claims_number(linker):
    claim = verdict(linker, "The national audit described victims as young as seven.")
    assert claim.verdict is Verdict.CONTRADICTED
    assert "as young as 10" in claim.reason


def test_a_date_after_a_phrase_in_commas_is_the_date_of_the_verb_before_it(linker):
    said = ("The government accepted Casey's second recommendation, a national police "
            "operation with a national inquiry, in June {}.")  # fmt: skip
    assert verdict(linker, said.format(2025)).verdict is Verdict.SUPPORTED
    assert verdict(linker, said.format(2024)).verdict is Verdict.CONTRADICTED


def test_the_part_of_a_provision_a_claim_names_is_the_part_in_force(linker):
    act = "section 4 of the Children's Wellbeing and Schools Act 2026"
    part = verdict(linker, f"The powers in {act} to make regulations came into force on "
                           "Royal Assent.")  # fmt: skip
    assert part.verdict is Verdict.SUPPORTED
    whole = verdict(linker, f"{act[0].upper()}{act[1:]} came into force on Royal Assent.")
    assert whole.verdict is Verdict.CONTRADICTED  # only partly in force


def test_a_bound_of_a_range_is_no_finding(linker):
    assert found(linker, "Police cautioned children aged 10 to 17 for these offences.") == []


def test_a_day_without_a_year_is_a_date_and_a_compound_names_no_count():
    from kg.text.facts import slots_of

    slots = slots_of("The consultation closed on 1 April.")
    assert slots.dates == ((1, 4, 0, False),) and slots.counts == ()
    [count] = slots_of("It took on 1,273 group-based cases.").counts
    assert count[1][0] == "cas"  # the noun counted, after its compound


IICSA = f"{B}/report/iicsa-final-2022"


def test_an_ordinal_is_of_the_report_the_paragraph_is_about_not_of_a_body_named_last(linker):
    # the Home Office published the Casey audit, but the paragraph is about IICSA's report
    text = (
        "IICSA's final report made 20 recommendations. Recommendation 13 became law. The Home "
        "Office said more would follow. The inquiry's third recommendation was rejected. On "
        "the second recommendation, a consultation opened. Recommendation 12 is about online "
        "pre-screening."
    )
    got = found(linker, text)
    assert ("third recommendation", f"{IICSA}/recommendation/3") in got
    assert ("second recommendation", f"{IICSA}/recommendation/2") in got
    assert ("Recommendation 12", f"{IICSA}/recommendation/12") in got
    assert not any(iri.startswith(f"{CASEY}/") for _, iri in got)


def test_a_possessive_pronoun_points_at_what_was_named_last(linker):
    text = (
        "IICSA's first recommendation called for a core data set. In 2023 HMICFRS asked for "
        "problem profiles, its second recommendation."
    )
    got = dict(found(linker, text))
    assert got["second recommendation"] == f"{B}/report/hmicfrs-2023/recommendation/2"


def test_two_reports_in_equal_view_leave_an_ordinal_unlinked(linker):
    text = (
        "IICSA's final report and Baroness Casey's audit differ. The second recommendation is key."
    )
    got = found(linker, text)
    assert not any(t.endswith("second recommendation") for t, _ in got)


def test_a_pronoun_passes_over_a_body_asked_or_publishing_for_the_report_named(linker):
    # the Home Office published the Casey audit, which has a sixth recommendation too; here it
    # is only the one HMICFRS asked, and "Its" is HMICFRS's inspection
    text = (
        "In 2023 HMICFRS, in its fifth recommendation, asked the Home Office to change how it "
        "collects data. Its sixth recommendation set a later deadline."
    )
    got = dict(found(linker, text))
    assert got["sixth recommendation"] == f"{B}/report/hmicfrs-2023/recommendation/6"


def test_a_possessive_held_in_the_report_mention_names_the_report(linker):
    # the ordinal's pattern opens with the "'s" that the report's mention also holds
    text = (
        "HMICFRS's fourth recommendation was about records. The national audit's eighth "
        "recommendation was about investigations. Its seventh asked for better systems."
    )
    got = dict(found(linker, text))
    assert got["eighth recommendation"] == f"{CASEY}/recommendation/8"
    assert got["Its seventh"] == f"{CASEY}/recommendation/7"


def test_the_texts_topic_is_the_report_named_most_and_twice_as_often(linker):
    from kg.text.catalogue import BODY, RECOMMENDATION, REPORT

    finder = linker.finder
    networks = f"{B}/report/iicsa-networks-2022"
    items = [(0, 10, REPORT, [CASEY]), (20, 30, RECOMMENDATION, [CASEY]),
             (40, 50, "name", [CASEY]), (60, 70, REPORT, [networks]),
             (80, 90, BODY, [networks]), (95, 99, BODY, [networks])]  # fmt: skip
    assert finder._text_topic(100, items, 1) == (CASEY, 0.6)  # bodies do not count
    assert finder._text_topic(100, items, 99) is None  # the topic lacks the number
    even = [*items, (70, 75, REPORT, [networks])]
    assert finder._text_topic(100, even, 1) is None  # 3 to 2: no topic


def test_a_number_unlike_the_title_of_a_provision_contradicts(linker):
    claim = verdict(linker, "Section 5 of the Sexual Offences Act 2003 makes penetration of a "
                            "child under 14 rape.")  # fmt: skip
    assert claim.verdict is Verdict.CONTRADICTED, claim.reason


def test_a_passive_agent_is_no_date_word(linker):
    claim = verdict(linker, "IICSA's tenth recommendation was accepted by the government in "
                            "principle in May 2023.")  # fmt: skip
    assert claim.verdict is Verdict.SUPPORTED, claim.reason


def test_a_span_of_days_is_dated_by_its_first():
    from kg.text.facts import slots_of

    assert slots_of("It consulted from 2 to 30 November 2023.").dates[0][:3] == (2, 11, 2023)


def test_an_age_limit_unlike_the_provisions_recorded_one_contradicts(linker):
    text = (
        "Section 9 of the Sexual Offences Act 2003 applies only where the defendant is {} or over."
    )
    wrong = verdict(linker, text.format(21))
    assert wrong.verdict is Verdict.CONTRADICTED and "18 or over" in wrong.reason
    assert verdict(linker, text.format(18)).verdict is not Verdict.CONTRADICTED


def test_it_carries_the_provision_named_before_into_an_age_limit(linker):
    text = ("Section 9 of the Sexual Offences Act 2003 covers sexual activity with a child. "
            "As enacted, it applies where the defendant is 21 or over.")  # fmt: skip
    claims = linker.link(text).claims
    assert claims[-1].verdict is Verdict.CONTRADICTED


def test_completed_said_of_that_review_is_a_claim_that_it_was_done(linker):
    text = ("The Casey audit's ninth recommendation asked for a review. "
            "The Department for Education has completed that review.")  # fmt: skip
    claims = linker.link(text).claims
    assert claims[-1].verdict is Verdict.CONTRADICTED
    assert "latest reported status" in claims[-1].reason


def test_an_inspectorate_finding_a_recommendation_complete_is_its_status(linker):
    text = ("HMICFRS's 2023 inspection asked in its fourth recommendation for record systems "
            "able to identify group-based exploitation. In October 2025 the inspectorate found "
            "that recommendation complete.")  # fmt: skip
    claims = linker.link(text).claims
    assert claims[-1].verdict is Verdict.CONTRADICTED


def test_a_claim_of_another_actor_has_no_rival_date_in_what_came_before(linker):
    text = ("The IICSA report's thirteenth recommendation asked for a mandatory reporting duty. "
            "The Welsh Government announced in September 2026 that it will legislate for its "
            "own reporting duty.")  # fmt: skip
    claims = linker.link(text).claims
    assert claims[-1].verdict is Verdict.NOT_FOUND


@pytest.mark.parametrize(
    ("text", "expected", "reason"),
    [
        # a recommendation named by what its maker asked, not by its number
        ("HMICFRS asked the Home Office to bring in a new annual data requirement by 31 March "
         "2026.", Verdict.SUPPORTED, "31 March 2026"),
        ("HMICFRS asked the Home Office to bring in a new annual data requirement by 31 March "
         "2027.", Verdict.CONTRADICTED, "not 31 March 2027"),
        # two clauses, each of its own recommendation: each backed by its own fact
        ("HMICFRS asked the Home Office to stop collecting the data through custody returns by "
         "March 2025 and to introduce a new annual data requirement by March 2026.",
         Verdict.SUPPORTED, "March 2026"),
        # "done": only a fact that records it done backs that
        ("HMICFRS asked the Home Office to stop collecting the data through custody returns by "
         "March 2025, and that has been done.", Verdict.NOT_FOUND, ""),
        # the year a body asked in is the year of its report; the rest must hold too
        ("In 2023 HMICFRS asked that police record systems be able to identify group-based "
         "exploitation by 31 December 2024.", Verdict.SUPPORTED, "2023-12-08"),
        ("In 2021 HMICFRS asked that police record systems be able to identify group-based "
         "exploitation by 31 December 2024.", Verdict.NOT_FOUND, ""),
    ],
)  # fmt: skip
def test_recommendations_named_by_content_and_claims_of_two_clauses(linker, text, expected,
                                                                    reason):  # fmt: skip
    claim = verdict(linker, text)
    assert claim.verdict is expected, claim.reason
    assert reason in claim.reason


def test_what_had_happened_by_a_month_is_held_by_a_record_dated_then(linker):
    text = ("Operation Beaconport was set up under the NCA. By November 2025 it had received "
            "1,273 cases referred by 23 forces.")  # fmt: skip
    claims = linker.link(text).claims
    assert claims[-1].verdict is Verdict.SUPPORTED, claims[-1].reason
    assert "November 2025" in claims[-1].reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Is she aware that the Casey audit was published in June 2025?", Verdict.SUPPORTED),
        ("And is it not true that the Casey audit was published in May 2024?",
         Verdict.CONTRADICTED),
        ("Mr Smith: Is the Minister aware that the Casey audit was published in May 2024?",
         Verdict.CONTRADICTED),
        ("The Casey audit was published in May 2024, was it not?", Verdict.CONTRADICTED),
    ],
)  # fmt: skip
def test_a_question_that_asserts_is_judged_on_what_it_asserts(linker, text, expected):
    claim = verdict(linker, text)
    assert (claim.verdict, claim.start, claim.end) == (expected, 0, len(text))


def test_a_question_that_asks_is_no_claim(linker):
    assert (
        linker.link("Will the Minister give way? When was the Casey audit published?").claims == []
    )


def test_the_body_that_leads_is_the_one_the_word_is_said_of(linker):
    text = ("Recommendation 5 of the Casey audit, on sharing between safeguarding partners, is one "
            "the {} leads.")  # fmt: skip
    assert verdict(linker, text.format("Department for Education")).verdict is Verdict.SUPPORTED
    assert verdict(linker, text.format("Home Office")).verdict is Verdict.CONTRADICTED


def test_a_recommendation_that_fell_to_a_body_is_its_responsibility(linker):
    said = "Recommendation 11 of the Casey audit fell to the Department for Transport."
    assert verdict(linker, said).verdict is Verdict.SUPPORTED


def test_words_of_a_status_in_a_description_set_off_by_commas_are_no_status(linker):
    said = ("IICSA's thirteenth recommendation, a legal duty on professionals to report abuse, was "
            "accepted by the government in January 2025.")  # fmt: skip
    assert verdict(linker, said).verdict is Verdict.SUPPORTED


def test_what_will_be_completed_claims_nothing_done(linker):
    said = "The Taxi and Private Hire Vehicle Reform Bill will complete its Commons stages soon."
    assert verdict(linker, said).verdict is Verdict.NOT_FOUND


@pytest.mark.parametrize(("figure", "expected"),
                         [("700", Verdict.SUPPORTED), ("1,700", Verdict.CONTRADICTED)])  # fmt: skip
def test_a_figure_an_author_found_is_checked_against_her_report(linker, figure, expected):
    text = (f"The Casey audit looked at data. Baroness Casey found that the only national figure "
            f"was about {figure} recorded offences in 2023.")  # fmt: skip
    assert linker.link(text).claims[-1].verdict is expected


def test_a_date_of_no_named_event_has_no_rival_in_a_date_of_another_event(linker):
    # the record dates the acceptance of the recommendation on the identifier (16 June 2025):
    # no rival to the day regulations were made
    text = ("The Casey audit asked for a consistent identifier. Regulations naming the NHS "
            "number as the identifier were made in September 2026.")  # fmt: skip
    assert linker.link(text).claims[-1].verdict is not Verdict.CONTRADICTED


def test_no_pasted_text_stays_in_memory_after_it_is_linked(linker):
    from kg.text.mentions import _quantities

    linker.link("The audit found about 700 offences recorded in 2023.")
    assert _quantities.cache_info().currsize == 0
