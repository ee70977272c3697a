"""The rule-based sentence splitter: abbreviations of legal and parliamentary prose, quotes,
lists and headings."""

import time

import pytest

from kg.text.sentences import split


def sentences(text):
    return [text[a:b] for a, b in split(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Under s. 9 SOA 2003 it is an offence. The Rt. Hon. member agreed.",
            ["Under s. 9 SOA 2003 it is an offence.", "The Rt. Hon. member agreed."],
        ),
        (  # a section cited by its lower-case abbreviation opens a sentence
            "They charged under s. 9, sexual activity with a child. s. 9 applies to adults.",
            ["They charged under s. 9, sexual activity with a child.", "s. 9 applies to adults."],
        ),
        (
            "See No. 2 and para. 4 of pp. 12-14. Mr. Smith and Dr. Jones spoke.",
            ["See No. 2 and para. 4 of pp. 12-14.", "Mr. Smith and Dr. Jones spoke."],
        ),
        (
            "It covers e.g. taxis, i.e. licensing. The U.K. government agreed.",
            ["It covers e.g. taxis, i.e. licensing.", "The U.K. government agreed."],
        ),
        (
            "The audit was Baroness Casey's. The Home Office accepted it.",
            ["The audit was Baroness Casey's.", "The Home Office accepted it."],
        ),
        (
            'She said "the law must change." Then she left. Did they? Yes!',
            ['She said "the law must change."', "Then she left.", "Did they?", "Yes!"],
        ),
        (
            "The 2003 c. 42 Act applies. It cost £4.5m in 2025. A. Jay wrote it.",
            ["The 2003 c. 42 Act applies.", "It cost £4.5m in 2025.", "A. Jay wrote it."],
        ),
        ("Taxis, buses etc. The end.", ["Taxis, buses etc.", "The end."]),
    ],
)
def test_abbreviations_do_not_end_sentences(text, expected):
    assert sentences(text) == expected


def test_paragraphs_headings_and_list_items_stand_alone():
    text = (
        "Recommendations\nThe government accepted all 12.\n- Recommendation 1: change "
        "the law.\n- Recommendation 2: an inquiry.\n\nA wrapped line\nthat goes on. Next."
    )
    assert sentences(text) == [
        "Recommendations", "The government accepted all 12.", "Recommendation 1: change the law.",
        "Recommendation 2: an inquiry.", "A wrapped line\nthat goes on.", "Next.",
    ]  # fmt: skip


def test_spans_point_into_the_text():
    text = "  First one.  Second one.  "
    assert split(text) == [(2, 12), (14, 25)]
    assert split(text, 14) == [(14, 25)]


def test_splitting_is_linear():
    text = "The s. 9 offence was charged. " * 20_000 + "e.g. " * 20_000
    began = time.perf_counter()
    assert len(split(text)) >= 20_000
    assert time.perf_counter() - began < 5
