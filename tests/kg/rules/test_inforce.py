"""kg.rules.inforce in Python: whether a provision is in force on a day, over hand-built facts."""

import datetime as dt

import pytest

from kg.rules.inforce import (
    ENACTMENT,
    EffectFacts,
    InForceDate,
    ProvisionFacts,
    Provisions,
    is_commencement,
    is_whole,
    state_on,
)
from ontology.vocabulary import IN_FORCE_STATE

ACT = "http://www.legislation.gov.uk/id/ukpga/2003/42"
PART = f"{ACT}/part/5"
S9 = f"{PART}/section/9"
S10 = f"{PART}/section/10"
SI = "http://www.legislation.gov.uk/id/uksi/2004/874"
ENACTED = dt.date(2003, 11, 20)
COMMENCED = dt.date(2004, 5, 1)


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def tree(**overrides: ProvisionFacts) -> dict[str, ProvisionFacts]:
    """An Act (enacted 2003-11-20) with Part 5 holding sections 9 and 10."""
    found = {
        ACT: ProvisionFacts(ACT, enacted=ENACTED),
        PART: ProvisionFacts(PART, part_of=ACT),
        S9: ProvisionFacts(S9, part_of=PART),
        S10: ProvisionFacts(S10, part_of=PART),
    }
    return {**found, **overrides}


def commencement(iri, affected, *dates, type_="coming into force"):
    """An effect commencing `affected`; `dates` are (day, qualification) pairs."""
    return EffectFacts(iri, type_, affected, SI,
                       tuple(InForceDate(day(d), q) for d, q in dates))  # fmt: skip


def test_a_whole_commencement_starts_on_its_day():
    facts = Provisions(tree(), [commencement("e/1", S9, ("2004-05-01", "wholly in force"))])
    before = state_on(S9, facts, day("2004-04-30"))
    assert before.state is IN_FORCE_STATE.NOT_IN_FORCE
    assert before.date == ENACTED  # enacted (the Act's day), not yet commenced
    # the enactment, and the commencement that has not yet come (pending)
    assert [(e.node, e.what, e.date) for e in before.evidence] == [
        (ACT, ENACTMENT, ENACTED), ("e/1", "coming into force (not yet)", None)
    ]  # fmt: skip
    on = state_on(S9, facts, COMMENCED)
    assert (on.state, on.date, on.as_of) == (IN_FORCE_STATE.IN_FORCE, COMMENCED, COMMENCED)
    assert on.qualification == "wholly in force"
    assert [e.node for e in on.evidence] == ["e/1"]
    later = state_on(S9, facts, day("2020-01-01"))
    assert (later.state, later.date) == (IN_FORCE_STATE.IN_FORCE, COMMENCED)


def test_several_in_force_dates_on_one_effect_go_partly_then_wholly():
    effect = commencement("e/1", S9, ("2004-01-01", "for specified purposes"),
                          ("2005-01-01", "so far as not already in force"))  # fmt: skip
    facts = Provisions(tree(), [effect])
    assert state_on(S9, facts, day("2003-12-31")).state is IN_FORCE_STATE.NOT_IN_FORCE
    partly = state_on(S9, facts, day("2004-06-01"))
    assert partly.state is IN_FORCE_STATE.PARTLY_IN_FORCE
    assert (partly.date, partly.qualification) == (day("2004-01-01"), "for specified purposes")
    whole = state_on(S9, facts, day("2005-01-01"))
    assert whole.state is IN_FORCE_STATE.IN_FORCE
    assert (whole.date, whole.qualification) == (day("2005-01-01"),
                                                 "so far as not already in force")  # fmt: skip


def test_commencing_a_part_commences_its_sections_not_its_act():
    facts = Provisions(tree(), [commencement("e/part", PART, ("2004-05-01", None))])
    for section in (S9, S10):
        found = state_on(section, facts, COMMENCED)
        assert (found.state, found.date) == (IN_FORCE_STATE.IN_FORCE, COMMENCED)
        assert [e.node for e in found.evidence] == ["e/part"]
    assert state_on(S9, facts, day("2004-04-30")).state is IN_FORCE_STATE.NOT_IN_FORCE
    act = state_on(ACT, facts, COMMENCED)
    assert (act.state, act.date) == (IN_FORCE_STATE.PARTLY_IN_FORCE, COMMENCED)


def test_commencing_one_section_makes_its_act_and_part_partly_in_force():
    facts = Provisions(tree(), [commencement("e/9", S9, ("2004-05-01", "wholly in force"))])
    for whole in (ACT, PART):
        found = state_on(whole, facts, COMMENCED)
        assert found.state is IN_FORCE_STATE.PARTLY_IN_FORCE, whole
        assert found.date == COMMENCED and [e.node for e in found.evidence] == ["e/9"]
        assert state_on(whole, facts, day("2004-04-30")).state is IN_FORCE_STATE.NOT_IN_FORCE
    # ... and a sibling is untouched
    assert state_on(S10, facts, COMMENCED).state is IN_FORCE_STATE.NOT_IN_FORCE


def test_a_prospective_provision_of_an_enacted_act_is_not_in_force():
    facts = Provisions(tree(**{S9: ProvisionFacts(S9, part_of=PART, prospective=True)}), [])
    found = state_on(S9, facts, day("2026-01-01"))
    assert found.state is IN_FORCE_STATE.NOT_IN_FORCE
    assert found.date == ENACTED
    assert [(e.node, e.date) for e in found.evidence] == [(ACT, ENACTED), (S9, None)]
    assert found.evidence[0].what == ENACTMENT
    # prospective with no enactment known: still not in force, with no day
    alone = Provisions({S9: ProvisionFacts(S9, prospective=True)}, [])
    found = state_on(S9, alone, day("2026-01-01"))
    assert (found.state, found.date) == (IN_FORCE_STATE.NOT_IN_FORCE, None)


def test_a_prospective_in_force_date_does_not_commence():
    effect = EffectFacts("e/1", "coming into force", S9, SI, (InForceDate(None, None, True),))
    facts = Provisions(tree(), [effect])
    found = state_on(S9, facts, day("2030-01-01"))
    assert found.state is IN_FORCE_STATE.NOT_IN_FORCE
    assert any(e.node == "e/1" for e in found.evidence)


def test_before_enactment_it_is_not_enacted():
    facts = Provisions(tree(), [commencement("e/9", S9, ("2004-05-01", None))])
    found = state_on(S9, facts, day("2003-11-19"))
    assert found.state is IN_FORCE_STATE.NOT_ENACTED
    assert found.date is None
    assert [(e.node, e.what, e.date) for e in found.evidence] == [(ACT, ENACTMENT, ENACTED)]
    assert state_on(S9, facts, ENACTED).state is IN_FORCE_STATE.NOT_IN_FORCE


def test_a_repeal_in_force_ends_it():
    repeal = EffectFacts("e/rep", "repealed", S9, "http://www.legislation.gov.uk/id/ukpga/2020/1",
                         (InForceDate(day("2021-01-01"), None),))  # fmt: skip
    facts = Provisions(tree(), [commencement("e/9", S9, ("2004-05-01", None)), repeal])
    assert state_on(S9, facts, day("2020-12-31")).state is IN_FORCE_STATE.IN_FORCE
    found = state_on(S9, facts, day("2021-01-01"))
    assert (found.state, found.date) == (IN_FORCE_STATE.REPEALED, day("2021-01-01"))
    assert [e.node for e in found.evidence] == ["e/rep"]
    # repealing the Part ends its sections too; "words repealed" does not end the section
    part = EffectFacts("e/rp", "Repealed", PART, None, (InForceDate(day("2022-01-01")),))
    words = EffectFacts("e/w", "words repealed", S10, None, (InForceDate(day("2019-01-01")),))
    facts = Provisions(tree(), [commencement("e/10", S10, ("2004-05-01", None)), part, words])
    assert state_on(S10, facts, day("2021-06-01")).state is IN_FORCE_STATE.IN_FORCE
    assert state_on(S10, facts, day("2022-01-01")).state is IN_FORCE_STATE.REPEALED


def test_an_inserting_effect_commences_the_provision_it_creates():
    inserted = f"{ACT}/section/9A"
    effect = EffectFacts("e/ins", "inserted", inserted, "http://www.legislation.gov.uk/id/ukpga/2026/21",
                         (InForceDate(day("2026-06-01"), None),))  # fmt: skip
    facts = Provisions(tree(**{inserted: ProvisionFacts(inserted, part_of=ACT)}), [effect])
    assert state_on(inserted, facts, day("2026-05-31")).state is IN_FORCE_STATE.NOT_IN_FORCE
    found = state_on(inserted, facts, day("2026-06-01"))
    assert (found.state, found.date) == (IN_FORCE_STATE.IN_FORCE, day("2026-06-01"))


def test_in_force_from_in_the_provisions_own_text():
    s9 = ProvisionFacts(S9, part_of=PART, in_force_from=day("2004-05-01"))
    facts = Provisions(tree(**{S9: s9}), [])
    assert state_on(S9, facts, day("2004-04-30")).state is IN_FORCE_STATE.NOT_IN_FORCE
    found = state_on(S9, facts, COMMENCED)
    assert (found.state, found.date) == (IN_FORCE_STATE.IN_FORCE, COMMENCED)
    assert [(e.node, e.date) for e in found.evidence] == [(S9, COMMENCED)]
    # ... unless the same version marks it prospective
    both = ProvisionFacts(S9, part_of=PART, in_force_from=COMMENCED, prospective=True)
    assert state_on(S9, Provisions(tree(**{S9: both}), []), COMMENCED).state is (
        IN_FORCE_STATE.NOT_IN_FORCE
    )


def test_no_facts_no_information():
    found = state_on(S9, Provisions({}, []), day("2026-01-01"))
    assert (found.state, found.date, found.evidence) == (IN_FORCE_STATE.NO_INFORMATION, None, ())
    # a provision known only by its place in an Act with no dates is no better
    found = state_on(S9, Provisions({S9: ProvisionFacts(S9, part_of=PART)}, []), day("2026-01-01"))
    assert found.state is IN_FORCE_STATE.NO_INFORMATION


def test_an_effect_of_another_kind_does_not_commence():
    amended = EffectFacts("e/sub", "words substituted", S9, None, (InForceDate(COMMENCED),))
    found = state_on(S9, Provisions(tree(), [amended]), day("2026-01-01"))
    assert found.state is IN_FORCE_STATE.NOT_IN_FORCE


@pytest.mark.parametrize(
    ("qualification", "whole"),
    [
        (None, True),
        ("", True),
        ("wholly in force", True),
        ("Wholly in force", True),
        ("so far as not already in force", True),
        ("in so far as not already in force", True),
        ("for specified purposes", False),
        ("for E.", False),
        ("for certain purposes", False),
    ],
)
def test_qualification_words(qualification, whole):
    assert is_whole(qualification) is whole
    facts = Provisions(tree(), [commencement("e/9", S9, ("2004-05-01", qualification))])
    expected = IN_FORCE_STATE.IN_FORCE if whole else IN_FORCE_STATE.PARTLY_IN_FORCE
    found = state_on(S9, facts, COMMENCED)
    assert (found.state, found.qualification) == (expected, qualification)


def test_is_commencement_reads_the_type_loosely():
    assert is_commencement("coming into force")
    assert is_commencement(" Coming into force ")
    assert not is_commencement("inserted")


def test_the_earliest_whole_commencement_dates_the_answer():
    facts = Provisions(tree(), [
        commencement("e/late", S9, ("2006-01-01", "wholly in force")),
        commencement("e/part", PART, ("2005-01-01", None)),
    ])  # fmt: skip
    found = state_on(S9, facts, day("2007-01-01"))
    assert (found.state, found.date) == (IN_FORCE_STATE.IN_FORCE, day("2005-01-01"))
    assert [e.node for e in found.evidence] == ["e/part", "e/late"]


def outstanding_effect(applied, requires, dates):
    return EffectFacts("e/1", "inserted", S9, SI, tuple(InForceDate(d) for d in dates),
                       applied, requires)  # fmt: skip


@pytest.mark.parametrize(
    ("applied", "requires", "dates", "today", "expected"),
    [
        (False, True, [COMMENCED], COMMENCED, True),  # due on the day
        (False, True, [COMMENCED], day("2004-04-30"), False),  # not yet in force
        (True, True, [COMMENCED], day("2026-01-01"), False),  # applied
        (False, False, [COMMENCED], day("2026-01-01"), False),  # not required
        (None, True, [COMMENCED], day("2026-01-01"), False),  # not known to be unapplied
        (False, None, [COMMENCED], day("2026-01-01"), False),
        (False, True, [None], day("2026-01-01"), False),  # prospective
        (False, True, [None, COMMENCED], day("2026-01-01"), True),
    ],
)
def test_outstanding_effects(applied, requires, dates, today, expected):
    assert outstanding_effect(applied, requires, dates).outstanding(today) is expected


def test_a_repeal_in_part_leaves_the_provision_in_force():
    partly = EffectFacts("e/rip", "repealed in part", S9, None, (InForceDate(day("2021-01-01")),))
    facts = Provisions(tree(), [commencement("e/9", S9, ("2004-05-01", None)), partly])
    assert state_on(S9, facts, day("2022-01-01")).state is IN_FORCE_STATE.IN_FORCE


def test_an_effect_against_the_act_naming_provisions_commences_only_part_of_it():
    """legislation.gov.uk records some effects against the whole Act with the provisions in
    words: that commences those provisions, not the Act's every section."""
    when = (InForceDate(COMMENCED, "wholly in force"),)
    named = EffectFacts("e/act", "coming into force", ACT, SI, when, provisions="s. 9")
    facts = Provisions(tree(), [named])
    act = state_on(ACT, facts, day("2005-01-01"))
    assert (act.state, act.date) == (IN_FORCE_STATE.PARTLY_IN_FORCE, COMMENCED)
    assert state_on(S10, facts, day("2005-01-01")).state is IN_FORCE_STATE.NOT_IN_FORCE
    whole = EffectFacts("e/all", "coming into force", ACT, SI, (InForceDate(COMMENCED, None),))
    facts = Provisions(tree(), [whole])
    assert state_on(S10, facts, day("2005-01-01")).state is IN_FORCE_STATE.IN_FORCE
