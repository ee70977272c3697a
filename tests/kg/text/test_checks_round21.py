"""Linker round 21: conclusions a finding denies, the stance said of the recommendation, counts
inside what was asked, counts of another thing, and days the graph has not reached. Each text is
written for this test (none is a gold set's).

- "Louise Casey's inspection of Rotherham council": what the report is of is part of its
  mention, no body mention inside it.
- "the 2020 paper concluded that X" where the paper reported X suggested but no conclusion
  drawn: contradicted.
- "accepted 19 of them and rejected only the fifth" / "was accepted in April 2025 and later
  dropped": the stance said nearest the recommendation, else the first said.
- "asked for a report on progress against all twelve recommendations": what was asked, no count
  of the report's recommendations.
- "four force areas" against a fact that asked for "four things" and examined "three force
  areas": the count is of another thing there, and the fact counts the claim's thing otherwise.
- A date after the newest day any fact is dated: no rival, and no support for the rest either.
"""

from __future__ import annotations

from kg.text.claims import Verdict
from kg.text.evidence import Evidence
from kg.text.facts import Facts

from .test_evidence import AUDIT, FACTS, _fact, find
from .test_linker import last


def test_a_body_a_report_is_of_is_part_of_the_reports_mention(linker):
    text = "Louise Casey's inspection of Rotherham council found a culture of denial."
    found = linker.link(text).mentions
    assert [(m.text, m.kind) for m in found] == [
        ("Louise Casey's inspection of Rotherham council", "Report")
    ]
    # no possessive: the body keeps its own mention
    assert any(m.kind == "Body" for m in linker.link("Casey inspected Rotherham council.").mentions)


def test_a_conclusion_the_finding_denies_is_contradicted(linker):
    claim = last(linker, "The Home Office's 2020 paper concluded that Asian and Black offenders "
                         "were over-represented.")  # fmt: skip
    assert claim.verdict is Verdict.CONTRADICTED
    assert "conclude" in claim.reason
    # what the paper did say is no contradiction
    said = last(linker, "The Home Office's 2020 paper suggested that Asian and Black offenders "
                        "were over-represented.")  # fmt: skip
    assert said.verdict is not Verdict.CONTRADICTED


def test_the_stance_said_of_the_recommendation_decides(linker):
    claim = last(linker, "IICSA's nineteenth recommendation, a national redress scheme, was "
                         "accepted in April 2025 and later dropped.")  # fmt: skip
    assert claim.verdict is Verdict.CONTRADICTED
    assert "not accepted" in claim.reason


def test_a_count_inside_what_was_asked_is_no_count_of_the_report(linker):
    claim = last(linker, "Recommendation 12 of the Casey audit asked the government to report "
                         "each year on progress against all twelve recommendations.")  # fmt: skip
    # (what recommendation 12 asked may be held in words; the count check has no say)
    assert "holds recommendations 1 to 12" not in claim.reason


SCOPE = _fact(
    f"{AUDIT}/scope",
    "A review of how councils understand exploitation. Its terms asked for four things. "
    "Local police data were examined for three force areas.",
    AUDIT,
)


def test_a_number_of_another_thing_holds_no_count():
    evidence = Evidence(Facts([SCOPE, *FACTS]))
    found = find(evidence, "The review examined local police data from four force areas.",
                 tied=[AUDIT])  # fmt: skip
    assert found is not None and found.contradicts
    held = find(evidence, "The review examined local police data from three force areas.",
                tied=[AUDIT])  # fmt: skip
    assert held is not None and not held.contradicts


def test_a_day_after_the_graphs_newest_is_neither_rival_nor_supported(linker):
    horizon = linker.catalogue.texts.horizon
    assert horizon is not None and horizon.year == 2026
    claim = last(linker, "A revised Working Together to Safeguard Children 2023 was issued by "
                         "the Department for Education in September 2026.")  # fmt: skip
    assert claim.verdict is Verdict.NOT_FOUND
