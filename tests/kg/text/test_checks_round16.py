"""Which verification rule rejects a candidate, and whether it is right (linker round 16): a
count the fact states as a range, a month the fact writes as a number, a provision's number or
a pronoun taken for a count, a recommendation's own long words; a body given a task the record
gives another; a report's own act dated otherwise; a body's possessive inside its report's
mention; "This is how ... Recommendation 3" pointing back at the sentence before."""

from __future__ import annotations

from kg.text.evidence import Evidence, _range_sizes
from kg.text.facts import Facts, slots_of
from kg.text.mentions import _POINTS_BACK

from .test_evidence import _fact
from .test_linker import B, found, verdict

REVIEW = f"{B}/report/review"
REC = f"{REVIEW}/recommendation"


FACTS = [
    _fact(f"{B}/instrument/act-s9", "enacted 2 March 2026; inserts sections 12KA to 12KC into the "
          "Widgets Act 1999 after s. 12K."),
    _fact(f"{REVIEW}/status/1", "(2025-09-14) The harbour review was laid before Parliament by "
          "the Treasury.", REVIEW),
    _fact(f"{REC}/4", "Port authorities and coastguard stations should keep records of every "
          "vessel separately from other records, broken down by the tonnage, flag and cargo of "
          "each vessel and its owner, and publish them each year.", REVIEW),
    _fact(f"{REC}/5", "Lighthouse keepers should be trained in first aid.", REVIEW),
    _fact(f"{B}/other/1", "A ferry operator may hand a crossing to one licensed elsewhere."),
    _fact(f"{B}/other/2", "Wind farms in the estuary now supply power to the harbour towns."),
]  # fmt: skip


def _evidence() -> Evidence:
    return Evidence(Facts(FACTS), frozenset({f"{REC}/4", f"{REC}/5"}),
                    asks=frozenset({f"{REC}/4", f"{REC}/5"}))  # fmt: skip


def find(evidence, claim, names=(), tied=(), leaves=()):
    return evidence.find(claim, list(names), frozenset(tied), frozenset(leaves))


def test_a_range_of_provisions_is_a_count_the_fact_states():
    assert _range_sizes("inserts ss. 12KA to 12KC into") == {3.0}
    assert _range_sizes("new clauses 49 to 57 give") == {9.0}
    assert _range_sizes("sections 12KA to 13KC") == set()
    evidence = _evidence()
    claim = "Section 9 inserts three sections, 12KA to 12KC, into the Widgets Act 1999."
    named = [(0, 9, f"{B}/instrument/act-s9")]
    assert find(evidence, claim, named, {f"{B}/instrument/act-s9"}) is not None
    claim = "Section 9 inserts five sections, 12KA to 12KC, into the Widgets Act 1999."
    assert find(evidence, claim, named, {f"{B}/instrument/act-s9"}) is None


def test_a_provisions_number_or_a_pronoun_is_no_count():
    assert slots_of("inserts ss. 12KA to 12KC, into the Act").counts == ()
    assert slots_of("a booking passed to one licensed in another town").counts == ()
    assert [c[0] for c in slots_of("ethnicity was missing in one area").counts] == [1.0]
    assert [c[0] for c in slots_of("it found the one national figure").counts] == [1.0]


def test_a_claims_month_is_held_by_a_fact_dated_in_it():
    evidence = _evidence()
    claim = "The harbour review was laid before Parliament by the Treasury in September 2025."
    got = find(evidence, claim, tied={REVIEW})
    assert got is not None and got.fact.node == f"{REVIEW}/status/1"
    # another month is no support, and never indexed as a word of the fact
    assert find(evidence, claim.replace("September", "March"), tied={REVIEW}) is None
    assert "septemb" not in evidence.index


def test_a_recommendations_own_long_words_need_not_all_be_said_again():
    evidence = _evidence()
    claim = ("The review asked in its fourth recommendation for port authorities and coastguard "
             "stations to break their records down by tonnage, flag and cargo.")  # fmt: skip
    at = claim.index("fourth recommendation")
    named = [(at, at + len("fourth recommendation"), f"{REC}/4")]
    got = find(evidence, claim, named, {f"{REC}/4", REVIEW}, {f"{REC}/4"})
    assert got is not None and got.fact.node == f"{REC}/4"
    # a sibling's fact is still not about the one named
    named = [(at, at + len("fourth recommendation"), f"{REC}/5")]
    assert find(evidence, claim, named, {f"{REC}/5", REVIEW}, {f"{REC}/5"}) is None


# ------------------------------------------------------------------ through the linker


def test_a_body_asked_a_task_the_record_gives_another_contradicts(linker):
    wrong = verdict(linker, "The second recommendation of IICSA's organised networks report "
                    "asked the College of Policing to improve its toolkit.")  # fmt: skip
    assert wrong.verdict.value == "contradicted"
    assert "Home Office leads" in wrong.reason
    wrong = verdict(linker, "The sixth recommendation of HMICFRS's 2023 inspection falls to the "
                    "Crown Prosecution Service.")  # fmt: skip
    assert wrong.verdict.value == "contradicted"


def test_a_reports_own_act_dated_otherwise_contradicts(linker):
    wrong = verdict(linker, "The Oxfordshire serious case review had set out its lessons in "
                    "2012, finding that agencies failed the girls.")  # fmt: skip
    assert wrong.verdict.value == "contradicted" and "2015-03-03" in wrong.reason
    right = verdict(linker, "The Oxfordshire serious case review had set out its lessons in "
                    "2015, finding that agencies failed the girls.")  # fmt: skip
    assert right.verdict.value != "contradicted"


def test_a_bodys_possessive_is_part_of_its_reports_mention(linker):
    got = found(linker, "IICSA's organised networks report described failures in six areas.")
    assert got == [("IICSA's organised networks report", f"{B}/report/iicsa-networks-2022")]
    # and a recommendation of it is that report's
    got = found(linker, "The second recommendation of IICSA's organised networks report was "
                "about a toolkit.")  # fmt: skip
    assert got[0] == ("second recommendation", f"{B}/report/iicsa-networks-2022/recommendation/2")


def test_a_recommendation_number_after_this_is_chosen_by_the_sentence_before(linker):
    assert _POINTS_BACK.match("This is how they mean to answer it")
    assert not _POINTS_BACK.match("This report asked for it")
    got = found(linker, "The Casey audit's fifth recommendation was on information sharing. "
                "IICSA's first recommendation was on a core data set. Tom Crowther's inquiry "
                "asked for a joint group in its third recommendation. Ministers have tabled a "
                "new clause to disregard convictions and cautions for loitering or soliciting "
                "received by children under 18. This is how they mean to answer "
                "Recommendation 3.")  # fmt: skip
    assert ("Recommendation 3", f"{B}/report/casey-2025/recommendation/3") in got
