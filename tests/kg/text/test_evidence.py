"""Evidence retrieval (kg.text.evidence): a fact found among all the facts by weighted word
overlap, then verified on its words, dates, numbers, negation and what it is of."""

from __future__ import annotations

import pytest

from kg.text.evidence import Evidence, _agree, _references
from kg.text.facts import COMMON, NUMBERS, Fact, Facts, slots_of
from kg.text.mentions import content_words

from .test_linker import B, verdict

AUDIT = f"{B}/report/audit"
REC = f"{AUDIT}/recommendation"


def _fact(node: str, text: str, *about: str) -> Fact:
    fact = Fact(node, set(about) | {node}, [text])
    fact.words = content_words(text) - COMMON - NUMBERS
    fact.slots = slots_of(text)
    return fact


FACTS = [
    _fact(f"{REC}/2/status/1", "(2025-12-09) in progress The Home Secretary appointed Baroness "
          "Anne Longfield as chair of the national inquiry into grooming gangs, with a budget "
          "of up to £65 million.", f"{REC}/2", AUDIT),
    _fact(f"{REC}/3", "The government should direct the Information Commissioner's Office to "
          "issue a code of practice on access to records.", AUDIT),
    _fact(f"{REC}/4/status/1", "(2025-07-31) in progress The Home Secretary wrote to all chief "
          "constables that ethnicity data on suspects be collected in every case.", f"{REC}/4",
          AUDIT),
    _fact(f"{AUDIT}/finding/drift", "Improvements promised after earlier reviews were allowed "
          "to drift or were never acted on.", AUDIT),
    _fact(f"{B}/instrument/clause-43", "in the Bill in Commons committee: clause 43 makes "
          "grooming a statutory aggravating factor in sentencing."),
    _fact(f"{B}/body/council", "a unitary council that licenses taxis and private hire "
          "vehicles in its district."),
]  # fmt: skip


@pytest.fixture(scope="module")
def evidence() -> Evidence:
    parts = frozenset({f"{REC}/2", f"{REC}/3", f"{REC}/4", f"{AUDIT}/finding/drift"})
    return Evidence(Facts(FACTS), parts, asks=frozenset({f"{REC}/3"}))


def find(evidence, claim, names=(), tied=(), leaves=()):
    return evidence.find(claim, list(names), frozenset(tied), frozenset(leaves))


def test_a_paraphrase_of_a_status_note_is_found_and_supports(evidence):
    found = find(evidence, "Baroness Anne Longfield was made chair of the national grooming "
                 "gangs inquiry in December 2025, with up to £65 million.")  # fmt: skip
    assert found is not None
    assert found.fact.node == f"{REC}/2/status/1"
    assert found.claim_cover >= 0.7 and "other words" in found.reason


def test_the_same_paraphrase_with_another_date_or_sum_is_not_supported(evidence):
    # never contradicted here either: a paraphrase is no proof the same event is meant
    assert find(evidence, "Baroness Anne Longfield was made chair of the national grooming "
                "gangs inquiry in March 2024.") is None  # fmt: skip
    assert find(evidence, "Baroness Anne Longfield was made chair of the national grooming "
                "gangs inquiry, with up to £50 million.") is None  # fmt: skip


def test_a_claim_naming_nothing_is_found_by_its_words(evidence):
    found = find(evidence, "It found that improvements promised after earlier reviews had "
                 "been allowed to drift.")  # fmt: skip
    assert found is not None and found.fact.node == f"{AUDIT}/finding/drift"


def test_an_unrelated_claim_stays_not_found(evidence):
    assert find(evidence, "The weather in Leeds was unusually warm all summer long.") is None
    assert find(evidence, "The Home Secretary wrote to the chief executive of the council.") \
        is None  # fmt: skip


def test_negation_on_one_side_only_is_no_support(evidence):
    assert find(evidence, "Baroness Anne Longfield was not appointed chair of the national "
                "inquiry into grooming gangs.") is None  # fmt: skip
    assert find(evidence, "Improvements promised after earlier reviews were acted on.") is None


def test_what_was_asked_supports_a_request_never_its_delivery(evidence):
    asked = find(evidence, "The inquiry asked that the Information Commissioner's Office issue "
                 "a code of practice on access to records.")  # fmt: skip
    assert asked is not None and asked.fact.node == f"{REC}/3"
    assert find(evidence, "The Information Commissioner's Office has issued a code of practice "
                "on access to records, as the inquiry asked.") is None  # fmt: skip


def test_a_fact_of_a_sibling_recommendation_is_not_about_the_one_named(evidence):
    claim = (
        "Recommendation 5: the Home Secretary wrote to all chief constables that data on "
        "suspects' ethnicity be collected in every case."
    )
    named = [(0, 16, f"{REC}/5")]
    assert find(evidence, claim, named, {f"{REC}/5", AUDIT}, {f"{REC}/5"}) is None
    named = [(0, 16, f"{REC}/4")]
    found = find(evidence, claim.replace("5", "4", 1), named, {f"{REC}/4", AUDIT}, {f"{REC}/4"})
    assert found is not None and found.tied


def test_a_provision_cited_by_number_must_be_the_facts(evidence):
    assert find(evidence, "Clause 43 makes grooming a statutory aggravating factor in "
                "sentencing.") is not None  # fmt: skip
    assert find(evidence, "Section 57 makes grooming a statutory aggravating factor in "
                "sentencing.") is None  # fmt: skip
    assert _references("s. 4 and clause 43") == {("s", "4"), ("c", "43")}


def test_dates_agree_on_the_parts_the_claim_gives():
    assert _agree((None, 12, 2025, False), (9, 12, 2025))
    assert _agree((None, None, 2025, True), (9, 12, 2025))
    assert not _agree((5, 12, 2025, False), (9, 12, 2025))
    assert not _agree((None, 3, 2025, False), (9, 12, 2025))


# ------------------------------------------------------------------ through the linker


def test_the_linker_supports_a_finding_said_in_other_words(linker):
    claim = verdict(linker, "The Jay report found that some victims in Rotherham were arrested "
                    "while their abusers went free.")  # fmt: skip
    assert claim.verdict.value == "supported"
    assert "other words" in claim.reason


def test_a_date_attached_to_a_report_is_its_issue_date(linker):
    wrong = verdict(linker, "The Jay report of March 2013 found that victims were blamed.")
    assert wrong.verdict.value == "contradicted"
    assert "2014-08-26" in wrong.reason
    right = verdict(linker, "The Jay report of August 2014 found that victims were blamed.")
    assert right.verdict.value != "contradicted"


def test_a_future_date_is_still_a_date_the_fact_must_hold(evidence):
    assert find(evidence, "Baroness Anne Longfield was made chair of the national grooming "
                "gangs inquiry in December 2030.") is None  # fmt: skip
