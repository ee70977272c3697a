"""Linker round 18: claims the graph backs but the linker left not found (coverage, not
phrasing).

- A fact in words names bodies in its own words ("NCA"): a claim naming the body ("the
  National Crime Agency") is covered by it as by a fact about the body.
- A fact that holds a claim's content and some of its numbers, with a rival of the same kind
  for the one it does not hold, contradicts it (the same thing with another value).
- `echoes` between recommendations (or findings) backs a claim that one repeats the other.
- A report's issue date is checked when the report is named through the body that made it
  ("HMICFRS, in an inspection published in ...") or dated at the end of its own clause ("the
  Telford inquiry, chaired by ..., reported in ...").
"""

from __future__ import annotations

from kg.text.claims import Verdict

from .test_linker import verdict


def test_a_rival_number_in_the_same_fact_contradicts(linker):
    wrong = ("The National Crime Agency has said that 23 forces referred 1,273 cases to it, 310 "
             "of them involving allegations of rape.")  # fmt: skip
    claim = verdict(linker, wrong)
    assert claim.verdict is Verdict.CONTRADICTED, claim.reason
    right = wrong.replace("310", "236")
    assert verdict(linker, right).verdict is Verdict.SUPPORTED


def test_a_rival_needs_a_number_held_and_one_of_the_same_kind(linker):
    evidence = linker.judge.evidence
    held = "The NCA said 23 forces had referred 1,273 cases, 310 of them about rape allegations."
    found = evidence.find(held, [], frozenset())
    assert found is not None and found.contradicts
    # no number of the claim is held: nothing shows the fact is of the same thing
    none_held = held.replace("23", "31").replace("1,273", "1,500")
    found = evidence.find(none_held, [], frozenset())
    assert found is None or not found.contradicts
    # a share is no rival to a count
    share = held.replace("310 of them", "31 per cent of them")
    found = evidence.find(share, [], frozenset())
    assert found is None or not found.contradicts


def test_echoes_between_recommendations_back_a_claim_of_repeating(linker):
    text = ("The audit's Recommendation 11 echoes the first recommendation of the Telford "
            "inquiry.")  # fmt: skip
    claim = verdict(linker, text)
    assert claim.verdict is Verdict.SUPPORTED, claim.reason
    unlinked = ("The audit's Recommendation 9 echoes the first recommendation of the Telford "
                "inquiry.")  # fmt: skip
    assert verdict(linker, unlinked).verdict is not Verdict.SUPPORTED


def test_a_report_named_through_its_maker_is_dated_by_its_issue(linker):
    text = ("HMICFRS, in an inspection published in May 2019, found that forces did not "
            "understand the scale of group-based exploitation.")  # fmt: skip
    claim = verdict(linker, text)
    assert claim.verdict is Verdict.CONTRADICTED, claim.reason
    assert "issued on 2023-12-08" in claim.reason


def test_a_report_dated_at_its_clause_end(linker):
    late = ("The Telford inquiry, chaired by Tom Crowther QC, reported in May 2024 that "
            "drivers had used taxis to reach children.")  # fmt: skip
    claim = verdict(linker, late)
    assert claim.verdict is Verdict.CONTRADICTED, claim.reason
    assert "issued on 2022-07-12" in claim.reason
    early = "The Jay report had raised the same concern about Rotherham in 2011."
    assert verdict(linker, early).verdict is Verdict.CONTRADICTED
    right = late.replace("May 2024", "July 2022")
    assert verdict(linker, right).verdict is not Verdict.CONTRADICTED
