"""Round 15 of the linker: recommendations cited in more of the ways prose cites them (lists,
ranges, number words, "R4", a number in brackets, "whose", bare ordinals in a list), a report
spoken of by its kind of document alone as context, and reports named by a key word, place or
year with a kind of document. Each text is written for this test (none is a gold set's)."""

from __future__ import annotations

B = "https://policy-kg.example"
AUDIT = "Baroness Casey's audit made twelve recommendations. "


def mentions(linker, text, kind=None):
    return [(m.text, m.id.removeprefix(f"{B}/")) for m in linker.link(text).mentions
            if kind is None or m.kind == kind]  # fmt: skip


def recs(linker, text):
    return [i.removeprefix("report/") for _, i in mentions(linker, text, "Recommendation")]


def test_lists_of_numbers_each_cite_one(linker):
    assert recs(linker, AUDIT + "Recommendations 2, 5 and 7 concern data.") == [
        "casey-2025/recommendation/2", "casey-2025/recommendation/5",
        "casey-2025/recommendation/7",
    ]  # fmt: skip
    assert recs(linker, AUDIT + "Recommendations 3, 4, and 5 were accepted.") == [
        "casey-2025/recommendation/3", "casey-2025/recommendation/4",
        "casey-2025/recommendation/5",
    ]  # fmt: skip


def test_a_range_cites_the_number_between_too(linker):
    found = mentions(linker, AUDIT + "Nothing has been done on recommendations 9 to 11.")
    assert [(t, i) for t, i in found if "recommendation/" in i] == [
        ("recommendations 9", "report/casey-2025/recommendation/9"),
        ("to", "report/casey-2025/recommendation/10"),
        ("11", "report/casey-2025/recommendation/11"),
    ]


def test_short_forms_number_words_and_brackets(linker):
    assert recs(linker, AUDIT + "R4 asked for ethnicity data.") == ["casey-2025/recommendation/4"]
    assert recs(linker, AUDIT + "Recommendation four asked for data.") == [
        "casey-2025/recommendation/4"
    ]
    assert recs(linker, AUDIT + "The data recommendation (4) was accepted.") == [
        "casey-2025/recommendation/4"
    ]
    # a number word that counts something is no recommendation's number
    assert recs(linker, AUDIT + "Ministers accepted the recommendation two years ago.") == []


def test_a_texts_own_labels_are_not_citations(linker):
    text = (
        "Baroness Casey's audit was published in June 2025.\n\n"
        "R1 The Home Office should publish ethnicity data every year.\n\n"
        "R2 Every force should adopt one recording standard.\n"
    )
    assert recs(linker, text) == []


def test_whose_points_at_the_report_just_named(linker):
    text = (
        "The new factor is narrower than the one sought by IICSA's networks report, whose "
        "first recommendation would have changed the Sentencing Act 2020."
    )
    assert recs(linker, text) == ["iicsa-networks-2022/recommendation/1"]


def test_bare_ordinals_in_a_list_and_before_a_verb(linker):
    text = (
        "IICSA's final report made 20 recommendations. The third, fourth and fifth were accepted."
    )
    assert recs(linker, text) == [
        "iicsa-final-2022/recommendation/3", "iicsa-final-2022/recommendation/4",
        "iicsa-final-2022/recommendation/5",
    ]  # fmt: skip
    text = "IICSA's final report made 20 recommendations. Its eleventh was accepted."
    assert recs(linker, text) == ["iicsa-final-2022/recommendation/11"]
    # a day of a month is no recommendation
    text = "The audit made twelve recommendations. We met on 11 June and again on the twelfth."
    assert recs(linker, text) == []


def test_a_report_spoken_of_by_its_kind_alone_is_context(linker):
    # IICSA and its first recommendation are nearer, but "the audit" speaks of the one audit
    text = (
        "We accepted recommendation 4 of Baroness Casey's audit on the day it was published.\n\n"
        "IICSA made a single core data set its first recommendation, and the Government "
        "rejected it.\n\n"
        "On child protection data, the audit was stark. Ofsted has already reported on the "
        "first round of inspections under recommendation 9."
    )
    assert recs(linker, text)[-1] == "casey-2025/recommendation/9"


def test_a_kind_last_used_of_something_else_is_no_context(linker):
    # "the inquiry" here is the (unknown) Vale inquiry, not one in the graph
    text = (
        "The Vale inquiry reported last week. The inquiry was stark. Recommendation 9 asks "
        "for more."
    )
    finder = linker.finder
    finder.find(text)
    assert finder._kinds_spoken_of(text, _spans(finder, text)) == []


def _spans(finder, text):
    from kg.text.mentions import Spans

    return Spans(finder.find(text))


def test_reports_named_by_key_word_place_or_year_with_a_kind(linker):
    text = (
        "The networks report said so. The 2015 inspection found denial. The 2025 audit "
        "followed. The inquiry's final report made 20 recommendations. The Rotherham inquiry "
        "came first. In the second recommendation of its networks report, IICSA asked more."
    )
    assert mentions(linker, text, "Report") == [
        ("networks report", "report/iicsa-networks-2022"),
        ("2015 inspection", "report/casey-2015"),
        ("2025 audit", "report/casey-2025"),
        ("inquiry's final report", "report/iicsa-final-2022"),
        ("Rotherham inquiry", "report/jay-2014"),
        ("networks report", "report/iicsa-networks-2022"),
    ]


def test_a_kind_with_nothing_that_tells_reports_apart_names_none(linker):
    text = (
        "The final report is due. The 2022 report was long. The local audit found little. "
        "The 2019 inquiry was another. The audit was stark."
    )
    assert mentions(linker, text, "Report") == []


def test_a_year_after_own_still_dates_the_paper(linker):
    text = "The Home Office's own 2020 paper concluded otherwise."
    assert mentions(linker, text, "Report") == [
        ("Home Office's own 2020 paper", "report/home-office-2020")
    ]
