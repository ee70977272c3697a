"""Round 14 of the linker: recommendations cited by number go to the report the text means.
Each text is written for this test (none is a gold set's); each names a general cause of a
recommendation (or report) once linked to the wrong report."""

from __future__ import annotations

B = "https://policy-kg.example"


def mentions(linker, text, kind=None):
    return [(m.text, m.id.removeprefix(f"{B}/")) for m in linker.link(text).mentions
            if kind is None or m.kind == kind]  # fmt: skip


def test_what_a_bare_number_is_said_to_ask_picks_its_report(linker):
    # the inspectorate's recommendation is nearest, but what "Recommendation 4" asks for here
    # is what the audit's fourth asks, not the inspectorate's
    text = (
        "In 2023 HMICFRS published its inspection of the police response. Baroness Casey's "
        "audit followed in 2025. Chief constables were told to act on HMICFRS's fourth "
        "recommendation. We accepted Recommendation 4, and every force must now collect "
        "ethnicity and nationality data for each suspect."
    )
    found = mentions(linker, text, "Recommendation")
    assert found == [
        ("fourth recommendation", "report/hmicfrs-2023/recommendation/4"),
        ("Recommendation 4", "report/casey-2025/recommendation/4"),
    ]


def test_a_recommendation_that_repeats_its_fourth_repeats_another_reports(linker):
    text = (
        "IICSA's networks report was published in 2022. Casey's fourth recommendation, on "
        "ethnicity and nationality data, repeats its fourth."
    )
    found = dict((t, i) for t, i in mentions(linker, text, "Recommendation"))
    assert found["its fourth"] == "report/iicsa-networks-2022/recommendation/4"
    assert found["fourth recommendation"] == "report/casey-2025/recommendation/4"


def test_a_texts_own_numbered_recommendations_are_not_a_cited_reports(linker):
    text = (
        "Chapter 4: Recommendations\n\n"
        "4.1 Baroness Casey's audit was published in June 2025. The audit's fourth "
        "recommendation asked for mandatory ethnicity data. We agree with it.\n\n"
        "Recommendation 1: The Home Office should publish ethnicity data every year.\n\n"
        "Recommendation 2: Every police force should adopt the national recording standard.\n\n"
        "4.2 Our Recommendation 2 builds on Recommendation 4 of the national audit. "
        "Recommendation 1 above would make the data public, and Recommendation 2 would make it "
        "consistent. The audit's Recommendation 3 asked for a review of convictions."
    )
    found = mentions(linker, text, "Recommendation")
    assert found == [
        ("fourth recommendation", "report/casey-2025/recommendation/4"),
        ("Recommendation 4", "report/casey-2025/recommendation/4"),
        ("Recommendation 3", "report/casey-2025/recommendation/3"),
    ]


def test_a_bodys_paper_is_the_one_it_wrote(linker):
    # the Home Office published the audit, but its paper of December 2020 is its own
    for text in (
        "The Home Office's paper of December 2020 set out what was known.",
        "The Home Office's December 2020 paper set out what was known.",
    ):
        reports = mentions(linker, text, "Report")
        assert [i for _, i in reports] == ["report/home-office-2020"], text


def test_a_date_that_names_a_paper_does_not_support_what_it_concluded(linker):
    [claim] = linker.link(
        "The Home Office's paper of December 2020 concluded that most offenders were under 30."
    ).claims
    assert claim.verdict.value != "supported"
