"""Linker round 17: a "supported" verdict rests on facts that bear on every part of the claim.

A sentence of several parts ("X; Y", "X, and Y", "X and is now Y", "X, which Y") is supported
only when each part that states something a fact could settle (a date, a number, a stance, a
status, an instrument's force, assent or lapse) is borne on by a supporting check or supported
judged alone; a part that states only a view is no claim. A section cited just before its Act
("s. 16LA CA 2004") is what is said to be in force, not the Act; and a fact of another section
of the Act is no fact about the section named.
"""

from __future__ import annotations

from kg.text.claims import Verdict, _checkable, _parts

from .test_linker import verdict


def test_a_sentence_is_cut_into_its_parts():
    text = "The Bill received Royal Assent in May 2026; the duty came into force in June 2026."
    assert [text[a:b] for a, b in _parts(text)] == [
        "The Bill received Royal Assent in May 2026",
        "the duty came into force in June 2026.",
    ]
    text = "The Act, which took effect in 2024, restricts the power to emergencies."
    assert len(_parts(text)) == 1  # a parenthesis, not a part of its own
    text = "The change was added at Report stage and is now law."
    assert [text[a:b] for a, b in _parts(text)][1] == "is now law."


def test_what_a_part_states_that_a_fact_could_settle():
    assert _checkable("the Government accepted it") == "event"
    assert _checkable("which fell when Parliament was dissolved in July 2024") == "event"
    assert _checkable("the first meeting was held on 3 August 2026") == "slot"
    assert _checkable("and I welcome that wholeheartedly") == ""


def test_a_part_no_check_bears_on_leaves_the_sentence_unsupported(linker):
    alone = "The Crime and Policing Act 2026 received Royal Assent on 29 April 2026."
    assert verdict(linker, alone).verdict is Verdict.SUPPORTED
    both = ("The Crime and Policing Act 2026 received Royal Assent on 29 April 2026; the duty "
            "to report came into force with regulations on 3 August 2026.")  # fmt: skip
    assert verdict(linker, both).verdict is not Verdict.SUPPORTED


def test_a_part_that_states_a_view_is_no_claim(linker):
    text = ("The Crime and Policing Act 2026 received Royal Assent on 29 April 2026, and we "
            "welcome the speed with which Parliament acted.")  # fmt: skip
    assert verdict(linker, text).verdict is Verdict.SUPPORTED


def test_a_section_cited_before_its_act_is_what_is_in_force(linker):
    claim = verdict(linker, "We now know that s. 16LA CA 2004 is in force.")
    assert claim.verdict is not Verdict.SUPPORTED
    assert "Children Act 2004: its recorded legal status" not in claim.reason


def test_a_fact_of_another_section_of_the_act_is_not_about_the_one_named(linker):
    # the record dates s. 16LC's listing in May 2026; s. 16LA is not shown to be in force
    text = "That duty, now section 16LA of the Children Act 2004, was commenced in May 2026."
    claim = verdict(linker, text)
    assert claim.verdict is not Verdict.SUPPORTED
    assert "16LC" not in claim.reason
