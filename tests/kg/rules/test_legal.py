"""kg.rules.legal in Python: a recommendation's legal status over hand-built facts."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.rules import inforce
from kg.rules.legal import (
    BillFacts,
    InstrumentFacts,
    LegalFacts,
    LinkFacts,
    NoBillFacts,
    StageFacts,
    legal_status,
)
from ontology.vocabulary import BILL_STAGE, HOUSE, INSTRUMENT_KIND, LEGAL_STAGE, RELATION

REC = "rec/1"
PROPOSAL = "proposal/reform"
OLD_ACT = "http://www.legislation.gov.uk/id/ukpga/2003/42"
OLD_S9 = f"{OLD_ACT}/section/9"
BILL = "instrument/bill"
CLAUSE = f"{BILL}/clause/7"
ACT = "http://www.legislation.gov.uk/id/ukpga/2026/20"
S1 = f"{ACT}/section/1"
S2 = f"{ACT}/section/2"
SI = "http://www.legislation.gov.uk/id/uksi/2026/900"
GUIDANCE = "instrument/guidance"
C, L = HOUSE.COMMONS, HOUSE.LORDS


def day(text: str) -> dt.date:
    return dt.date.fromisoformat(text)


def stages(bill: str, *rows: tuple[str, object, object]) -> tuple[StageFacts, ...]:
    """(date, BILL_STAGE, house) rows as StageFacts named <bill>/stage/N."""
    return tuple(StageFacts(f"{bill}/stage/{n}", stage, day(d), house)
                 for n, (d, stage, house) in enumerate(rows, 1))  # fmt: skip


#: A Commons bill all the way through: both third readings, ping-pong, Royal Assent.
PASSAGE = (
    ("2025-01-10", BILL_STAGE.FIRST_READING, C),
    ("2025-02-01", BILL_STAGE.SECOND_READING, C),
    ("2025-03-01", BILL_STAGE.COMMITTEE_STAGE, C),
    ("2025-05-01", BILL_STAGE.REPORT_STAGE, C),
    ("2025-06-01", BILL_STAGE.THIRD_READING, C),
    ("2025-06-02", BILL_STAGE.FIRST_READING, L),
    ("2025-09-01", BILL_STAGE.SECOND_READING, L),
    ("2025-10-15", BILL_STAGE.COMMITTEE_STAGE, L),
    ("2026-01-15", BILL_STAGE.REPORT_STAGE, L),
    ("2026-02-01", BILL_STAGE.THIRD_READING, L),
    ("2026-03-01", BILL_STAGE.CONSIDERATION_OF_AMENDMENTS, C),
    ("2026-04-29", BILL_STAGE.ROYAL_ASSENT, None),
)


def link(holder: str, instrument: str, relation, n: int = 1) -> LinkFacts:
    return LinkFacts(f"{holder}/instrument/{n}", holder, instrument, relation)


def corpus(
    links=(),
    instruments=(),
    bills=(),
    provisions=(),
    effects=(),
    proposals=None,
    no_bill=(),
) -> LegalFacts:
    """LegalFacts from lists; every instrument is also a provision (as the reader makes them)."""
    known = {i.iri: i for i in instruments}
    found = {i.iri: inforce.ProvisionFacts(i.iri, i.part_of) for i in instruments}
    found.update({p.iri: p for p in provisions})
    held: dict[str, list[LinkFacts]] = {}
    for one in links:
        held.setdefault(one.holder, []).append(one)
    said: dict[str, list[NoBillFacts]] = {}
    for s in no_bill:
        said.setdefault(s.holder, []).append(s)
    return LegalFacts(known, {b.iri: b for b in bills}, inforce.Provisions(found, list(effects)),
                      held, proposals or {}, said)  # fmt: skip


def nodes_of(facts: LegalFacts) -> set[str]:
    """Every node whose citations can back a link: instruments, stages, links, effects,
    no-bill statements, proposals."""
    found = set(facts.instruments) | set(facts.provisions.provisions)
    found |= {s.node for b in facts.bills.values() for s in b.stages}
    found |= {one.node for held in facts.links.values() for one in held}
    found |= {e.iri for e in facts.provisions.effects}
    found |= {s.node for said in facts.no_bill.values() for s in said}
    found |= {p for ps in facts.proposals.values() for p in ps}
    return found


def status(facts: LegalFacts, on: str):
    """The legal status on a day, checking that every link names a known evidence node."""
    found = legal_status(REC, facts, day(on))
    if found is not None:
        assert found.as_of == day(on)
        known = nodes_of(facts)
        for one in found.links:
            assert one.evidence in known, one
    return found


def stage_on(facts: LegalFacts, on: str):
    found = status(facts, on)
    return found.stage, found.date


# --- no legal status, and NO_BILL ---------------------------------------------------------


def test_no_link_to_legislation_no_legal_status():
    assert status(corpus(), "2026-01-01") is None
    # guidance, and an Act relied on, ask no change to the law
    guided = corpus([link(REC, GUIDANCE, RELATION.IMPLEMENTED_BY),
                     link(REC, OLD_ACT, RELATION.RELIES_ON, 2)],
                    [InstrumentFacts(GUIDANCE, INSTRUMENT_KIND.GUIDANCE),
                     InstrumentFacts(OLD_ACT, INSTRUMENT_KIND.ACT)])  # fmt: skip
    assert status(guided, "2026-01-01") is None


def no_bill_corpus():
    return corpus(
        [link(PROPOSAL, OLD_S9, RELATION.AMENDS)],
        [InstrumentFacts(OLD_ACT, INSTRUMENT_KIND.ACT),
         InstrumentFacts(OLD_S9, INSTRUMENT_KIND.SECTION, part_of=OLD_ACT)],
        provisions=[inforce.ProvisionFacts(OLD_ACT, enacted=day("2003-11-20"))],
        effects=[inforce.EffectFacts("effect/old", "coming into force", OLD_S9, None,
                                     (inforce.InForceDate(day("2004-05-01")),))],
        proposals={REC: [PROPOSAL]},
        no_bill=[NoBillFacts(f"{PROPOSAL}/no-bill", PROPOSAL, day("2025-11-27")),
                 NoBillFacts(f"{PROPOSAL}/no-bill-2", PROPOSAL, day("2026-02-01"))],
    )  # fmt: skip


def test_amending_an_old_act_with_no_bill_is_no_bill_dated_by_the_statement():
    facts = no_bill_corpus()
    # the old Act being in force says nothing about the change: it is what is to be changed
    before = status(facts, "2025-11-26")
    assert (before.stage, before.date, before.carriers) == (LEGAL_STAGE.NO_BILL, None, ())
    assert [one.step for one in before.links] == ["proposes", "amends"]
    first = status(facts, "2025-11-27")
    assert (first.stage, first.date) == (LEGAL_STAGE.NO_BILL, day("2025-11-27"))
    assert [(one.step, one.evidence, one.date) for one in first.links[2:]] == [
        ("no bill", f"{PROPOSAL}/no-bill", day("2025-11-27"))
    ]
    latest = status(facts, "2026-06-01")
    assert (latest.stage, latest.date) == (LEGAL_STAGE.NO_BILL, day("2026-02-01"))
    assert [one.evidence for one in latest.links if one.step == "no bill"] == [
        f"{PROPOSAL}/no-bill", f"{PROPOSAL}/no-bill-2"
    ]  # fmt: skip
    amends = next(one for one in latest.links if one.step == "amends")
    assert (amends.subject, amends.object, amends.evidence) == (
        PROPOSAL, OLD_S9, f"{PROPOSAL}/instrument/1"
    )  # fmt: skip


# --- a bill through Parliament ------------------------------------------------------------


def bill_corpus(passage=PASSAGE, enacted_as=None, **bill):
    return corpus(
        [link(REC, BILL, RELATION.IMPLEMENTED_BY)],
        [InstrumentFacts(BILL, INSTRUMENT_KIND.BILL, enacted_as=enacted_as)],
        [BillFacts(BILL, stages(BILL, *passage), C, **bill)],
    )


@pytest.mark.parametrize(
    ("on", "stage", "since"),
    [
        ("2025-01-09", LEGAL_STAGE.NO_BILL, None),
        ("2025-01-10", LEGAL_STAGE.BILL_INTRODUCED, "2025-01-10"),
        ("2025-05-31", LEGAL_STAGE.BILL_INTRODUCED, "2025-01-10"),
        ("2025-06-01", LEGAL_STAGE.PASSED_ONE_HOUSE, "2025-06-01"),
        ("2026-01-31", LEGAL_STAGE.PASSED_ONE_HOUSE, "2025-06-01"),
        ("2026-02-01", LEGAL_STAGE.PASSED_BOTH_HOUSES, "2026-02-01"),
        ("2026-04-28", LEGAL_STAGE.PASSED_BOTH_HOUSES, "2026-02-01"),
        ("2026-04-29", LEGAL_STAGE.ROYAL_ASSENT, "2026-04-29"),
        ("2030-01-01", LEGAL_STAGE.ROYAL_ASSENT, "2026-04-29"),
    ],
)
def test_a_bill_walks_through_its_stages(on, stage, since):
    found = status(bill_corpus(), on)
    assert (found.stage, found.date) == (stage, since and day(since))
    assert found.carriers == (BILL,)
    # only stages on or before the day are in the chain
    dated = [one.date for one in found.links if one.step == "stage"]
    assert dated == sorted(dated) and all(d <= day(on) for d in dated)
    assert len(dated) == sum(1 for d, _, _ in PASSAGE if day(d) <= day(on))


def test_one_third_reading_then_consideration_of_amendments_passes_both_houses():
    passage = [row for row in PASSAGE if row[1] is not BILL_STAGE.THIRD_READING or row[2] is C]
    facts = bill_corpus(passage)
    assert stage_on(facts, "2026-02-28") == (LEGAL_STAGE.PASSED_ONE_HOUSE, day("2025-06-01"))
    assert stage_on(facts, "2026-03-01") == (LEGAL_STAGE.PASSED_BOTH_HOUSES, day("2026-03-01"))


def test_consideration_of_amendments_without_a_third_reading_passes_nothing():
    passage = [("2025-01-10", BILL_STAGE.FIRST_READING, C),
               ("2025-03-01", BILL_STAGE.CONSIDERATION_OF_AMENDMENTS, C)]  # fmt: skip
    assert stage_on(bill_corpus(passage), "2025-04-01") == (
        LEGAL_STAGE.BILL_INTRODUCED, day("2025-01-10")
    )  # fmt: skip


def test_a_third_reading_in_the_lords_first_is_one_house():
    passage = [("2025-01-10", BILL_STAGE.FIRST_READING, L),
               ("2025-05-01", BILL_STAGE.THIRD_READING, L),
               ("2025-05-02", BILL_STAGE.FIRST_READING, C)]  # fmt: skip
    assert stage_on(bill_corpus(passage), "2025-06-01") == (
        LEGAL_STAGE.PASSED_ONE_HOUSE, day("2025-05-01")
    )  # fmt: skip


def test_an_enacted_act_means_royal_assent_without_the_stage():
    passage = PASSAGE[:-1]  # no Royal Assent stage recorded
    facts = corpus(
        [link(REC, BILL, RELATION.IMPLEMENTED_BY)],
        [InstrumentFacts(BILL, INSTRUMENT_KIND.BILL, enacted_as=ACT),
         InstrumentFacts(ACT, INSTRUMENT_KIND.ACT)],
        [BillFacts(BILL, stages(BILL, *passage))],
        [inforce.ProvisionFacts(ACT, enacted=day("2026-04-29"))],
    )  # fmt: skip
    assert stage_on(facts, "2026-04-28") == (LEGAL_STAGE.PASSED_BOTH_HOUSES, day("2026-02-01"))
    found = status(facts, "2026-04-29")
    assert (found.stage, found.date) == (LEGAL_STAGE.ROYAL_ASSENT, day("2026-04-29"))
    enacted = [one for one in found.links if one.step == "enacted as"]
    assert [(one.subject, one.object, one.evidence) for one in enacted] == [(BILL, ACT, BILL)]


# --- a clause ------------------------------------------------------------------------------


def clause_corpus(tabled="2025-10-15", effects=(), enacted_as=S1):
    return corpus(
        [link(REC, CLAUSE, RELATION.IMPLEMENTED_BY)],
        [InstrumentFacts(BILL, INSTRUMENT_KIND.BILL, enacted_as=ACT),
         InstrumentFacts(CLAUSE, INSTRUMENT_KIND.CLAUSE, part_of=BILL, enacted_as=enacted_as,
                         tabled=day(tabled)),
         InstrumentFacts(ACT, INSTRUMENT_KIND.ACT),
         InstrumentFacts(S1, INSTRUMENT_KIND.SECTION, part_of=ACT),
         InstrumentFacts(S2, INSTRUMENT_KIND.SECTION, part_of=ACT)],
        [BillFacts(BILL, stages(BILL, *PASSAGE), C)],
        [inforce.ProvisionFacts(ACT, enacted=day("2026-04-29")),
         inforce.ProvisionFacts(S1, part_of=ACT), inforce.ProvisionFacts(S2, part_of=ACT)],
        effects,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("on", "stage", "since"),
    [
        ("2025-06-01", LEGAL_STAGE.NO_BILL, None),  # the bill passed the Commons; no clause yet
        ("2025-10-14", LEGAL_STAGE.NO_BILL, None),
        ("2025-10-15", LEGAL_STAGE.BILL_INTRODUCED, "2025-10-15"),  # not the Commons' stages
        ("2026-01-31", LEGAL_STAGE.BILL_INTRODUCED, "2025-10-15"),
        ("2026-02-01", LEGAL_STAGE.PASSED_ONE_HOUSE, "2026-02-01"),  # the Lords only
        ("2026-03-01", LEGAL_STAGE.PASSED_BOTH_HOUSES, "2026-03-01"),  # Commons agree
        ("2026-04-29", LEGAL_STAGE.ROYAL_ASSENT, "2026-04-29"),
    ],
)
def test_a_clause_tabled_in_the_second_house_starts_there(on, stage, since):
    found = status(clause_corpus(), on)
    assert (found.stage, found.date) == (stage, since and day(since))
    counted = [one.date for one in found.links if one.step == "stage"]
    assert all(d >= day("2025-10-15") for d in counted)  # none of the Commons' first stages
    if found.stage is not LEGAL_STAGE.NO_BILL:
        tabled = [one for one in found.links if one.step == "tabled"]
        assert [(one.subject, one.object, one.date) for one in tabled] == [
            (CLAUSE, BILL, day("2025-10-15"))
        ]


def commencing(affected, on, qualification=None, n=1):
    return inforce.EffectFacts(f"effect/{n}", "coming into force", affected, SI,
                               (inforce.InForceDate(day(on), qualification),))  # fmt: skip


def test_after_royal_assent_a_clause_is_as_far_as_its_section():
    facts = clause_corpus(effects=[commencing(S1, "2026-06-29"), commencing(S2, "2026-05-01", n=2)])
    # Royal Assent, section 1 not yet commenced (section 2, not the clause's, is)
    found = status(facts, "2026-06-28")
    assert (found.stage, found.date) == (LEGAL_STAGE.ROYAL_ASSENT, day("2026-04-29"))
    assert any(one.step == "not in force" and one.subject == S1 for one in found.links)
    enacted = [(one.subject, one.object) for one in found.links if one.step == "enacted as"]
    assert enacted == [(BILL, ACT), (CLAUSE, S1)]
    found = status(facts, "2026-06-29")
    assert (found.stage, found.date) == (LEGAL_STAGE.IN_FORCE, day("2026-06-29"))
    commenced = [one for one in found.links if one.step == "commenced"]
    assert [(one.subject, one.object, one.evidence) for one in commenced] == [
        (S1, "effect/1", "effect/1")
    ]


def test_a_clause_partly_commenced_is_partly_in_force():
    facts = clause_corpus(effects=[commencing(S1, "2026-06-29", "for specified purposes")])
    assert stage_on(facts, "2026-07-01") == (LEGAL_STAGE.PARTLY_IN_FORCE, day("2026-06-29"))


# --- a bill whose Act has two provisions that carry it ----------------------------------------


def two_provisions(relation, effects):
    return corpus(
        [link(REC, BILL, RELATION.IMPLEMENTED_BY), link(REC, S1, relation, 2),
         link(REC, S2, relation, 3)],
        [InstrumentFacts(BILL, INSTRUMENT_KIND.BILL, enacted_as=ACT),
         InstrumentFacts(ACT, INSTRUMENT_KIND.ACT),
         InstrumentFacts(S1, INSTRUMENT_KIND.SECTION, part_of=ACT),
         InstrumentFacts(S2, INSTRUMENT_KIND.SECTION, part_of=ACT)],
        [BillFacts(BILL, stages(BILL, *PASSAGE), C)],
        [inforce.ProvisionFacts(ACT, enacted=day("2026-04-29")),
         inforce.ProvisionFacts(S1, part_of=ACT), inforce.ProvisionFacts(S2, part_of=ACT)],
        effects,
    )  # fmt: skip


@pytest.mark.parametrize("relation", [RELATION.AMENDS, RELATION.IMPLEMENTED_BY, RELATION.CREATES])
def test_one_of_two_provisions_in_force_is_partly_in_force(relation):
    facts = two_provisions(relation, [commencing(S1, "2026-06-29"),
                                      commencing(S2, "2027-01-01", n=2)])  # fmt: skip
    assert stage_on(facts, "2026-06-28") == (LEGAL_STAGE.ROYAL_ASSENT, day("2026-04-29"))
    assert stage_on(facts, "2026-06-29") == (LEGAL_STAGE.PARTLY_IN_FORCE, day("2026-06-29"))
    # both in force: the day the last one began
    assert stage_on(facts, "2027-01-01") == (LEGAL_STAGE.IN_FORCE, day("2027-01-01"))
    found = status(facts, "2027-01-01")
    commenced = {(one.subject, one.evidence) for one in found.links if one.step == "commenced"}
    assert commenced == {(S1, "effect/1"), (S2, "effect/2")}


# --- a lapsed bill, and a later one --------------------------------------------------------

OLD_BILL = "instrument/criminal-justice-bill"
OLD_CLAUSE = f"{OLD_BILL}/clause/duty-to-report"
NEW_BILL = "instrument/crime-and-policing-bill"
NEW_CLAUSE = f"{NEW_BILL}/clause/duty-to-report"
NEW_ACT = "http://www.legislation.gov.uk/id/ukpga/2026/20"
DUTY = f"{NEW_ACT}/section/72"


def mandatory_reporting(lapsed_only=False):
    """IICSA's mandatory reporting: a clause of a bill that fell at the 2024 dissolution, then
    the same duty in a later bill that became an Act."""
    links = [link(REC, OLD_CLAUSE, RELATION.IMPLEMENTED_BY)]
    if not lapsed_only:
        links.append(link(REC, NEW_CLAUSE, RELATION.IMPLEMENTED_BY, 2))
    old = stages(
        OLD_BILL,
        ("2023-11-14", BILL_STAGE.FIRST_READING, C),
        ("2023-11-28", BILL_STAGE.SECOND_READING, C),
        ("2024-04-16", BILL_STAGE.REPORT_STAGE, C),
    )
    new = stages(
        NEW_BILL,
        ("2025-02-25", BILL_STAGE.FIRST_READING, C),
        ("2025-06-18", BILL_STAGE.REPORT_STAGE, C),
        ("2025-06-18", BILL_STAGE.THIRD_READING, C),
        ("2025-10-01", BILL_STAGE.SECOND_READING, L),
        ("2026-03-01", BILL_STAGE.THIRD_READING, L),
        ("2026-04-29", BILL_STAGE.ROYAL_ASSENT, None),
    )
    return corpus(
        links,
        [InstrumentFacts(OLD_BILL, INSTRUMENT_KIND.BILL),
         InstrumentFacts(OLD_CLAUSE, INSTRUMENT_KIND.CLAUSE, part_of=OLD_BILL,
                         tabled=day("2024-04-16")),
         InstrumentFacts(NEW_BILL, INSTRUMENT_KIND.BILL, enacted_as=NEW_ACT),
         InstrumentFacts(NEW_CLAUSE, INSTRUMENT_KIND.CLAUSE, part_of=NEW_BILL, enacted_as=DUTY,
                         tabled=day("2025-06-18")),
         InstrumentFacts(NEW_ACT, INSTRUMENT_KIND.ACT),
         InstrumentFacts(DUTY, INSTRUMENT_KIND.SECTION, part_of=NEW_ACT)],
        [BillFacts(OLD_BILL, old, C, lapsed=day("2024-05-24")), BillFacts(NEW_BILL, new, C)],
        [inforce.ProvisionFacts(NEW_ACT, enacted=day("2026-04-29")),
         inforce.ProvisionFacts(DUTY, part_of=NEW_ACT)],
        [commencing(DUTY, "2026-06-29")],
    )  # fmt: skip


@pytest.mark.parametrize(
    ("on", "stage", "since"),
    [
        ("2024-04-15", LEGAL_STAGE.NO_BILL, None),
        ("2024-04-16", LEGAL_STAGE.BILL_INTRODUCED, "2024-04-16"),
        ("2024-05-24", LEGAL_STAGE.BILL_LAPSED, "2024-05-24"),
        ("2025-06-17", LEGAL_STAGE.BILL_LAPSED, "2024-05-24"),
        ("2025-06-18", LEGAL_STAGE.PASSED_ONE_HOUSE, "2025-06-18"),
        ("2026-03-01", LEGAL_STAGE.PASSED_BOTH_HOUSES, "2026-03-01"),
        ("2026-04-29", LEGAL_STAGE.ROYAL_ASSENT, "2026-04-29"),
        ("2026-06-29", LEGAL_STAGE.IN_FORCE, "2026-06-29"),
    ],
)
def test_a_lapsed_bill_gives_way_to_a_later_one_that_reached_royal_assent(on, stage, since):
    found = status(mandatory_reporting(), on)
    assert (found.stage, found.date) == (stage, since and day(since))
    assert found.carriers == (NEW_CLAUSE, OLD_CLAUSE)
    lapsed = [one for one in found.links if one.step == "lapsed"]
    if day(on) >= day("2024-05-24"):  # the lapse stays in the chain, as evidence
        assert [(one.subject, one.date, one.evidence) for one in lapsed] == [
            (OLD_BILL, day("2024-05-24"), OLD_BILL)
        ]
    else:
        assert lapsed == []


def test_a_lapsed_bill_alone_is_bill_lapsed():
    facts = mandatory_reporting(lapsed_only=True)
    assert stage_on(facts, "2030-01-01") == (LEGAL_STAGE.BILL_LAPSED, day("2024-05-24"))
    withdrawn = corpus(
        [link(REC, BILL, RELATION.IMPLEMENTED_BY)],
        [InstrumentFacts(BILL, INSTRUMENT_KIND.BILL)],
        [BillFacts(BILL, stages(BILL, *PASSAGE[:5]), C, withdrawn=day("2025-07-01"))],
    )  # fmt: skip
    assert stage_on(withdrawn, "2025-06-30") == (LEGAL_STAGE.PASSED_ONE_HOUSE, day("2025-06-01"))
    assert stage_on(withdrawn, "2025-07-01") == (LEGAL_STAGE.BILL_LAPSED, day("2025-07-01"))


def test_a_bill_that_reached_royal_assent_does_not_lapse_after():
    facts = bill_corpus(lapsed=day("2026-05-01"))  # a session end after its Royal Assent
    assert stage_on(facts, "2026-06-01") == (LEGAL_STAGE.ROYAL_ASSENT, day("2026-04-29"))


# --- law that makes the change itself ------------------------------------------------------


def test_a_statutory_instrument_carries_it_from_when_it_is_made():
    facts = corpus(
        [link(PROPOSAL, SI, RELATION.CREATES)],
        [InstrumentFacts(SI, INSTRUMENT_KIND.STATUTORY_INSTRUMENT)],
        provisions=[inforce.ProvisionFacts(SI, enacted=day("2026-03-01"),
                                           in_force_from=day("2026-04-06"))],
        proposals={REC: [PROPOSAL]},
    )  # fmt: skip
    assert stage_on(facts, "2026-02-28") == (LEGAL_STAGE.NO_BILL, None)
    assert stage_on(facts, "2026-03-01") == (LEGAL_STAGE.ROYAL_ASSENT, day("2026-03-01"))
    found = status(facts, "2026-04-06")
    assert (found.stage, found.date) == (LEGAL_STAGE.IN_FORCE, day("2026-04-06"))
    assert found.carriers == (SI,)
    assert [(one.step, one.subject) for one in found.links] == [
        ("proposes", REC), ("creates", PROPOSAL), ("commenced", SI)
    ]  # fmt: skip


def test_an_inserted_provision_exists_from_its_inserters_enactment():
    inserted = f"{OLD_ACT}/section/9A"
    facts = corpus(
        [link(REC, inserted, RELATION.IMPLEMENTED_BY)],
        [InstrumentFacts(OLD_ACT, INSTRUMENT_KIND.ACT),
         InstrumentFacts(inserted, INSTRUMENT_KIND.SECTION, part_of=OLD_ACT),
         InstrumentFacts(ACT, INSTRUMENT_KIND.ACT), InstrumentFacts(S1, INSTRUMENT_KIND.SECTION,
                                                                    part_of=ACT)],
        provisions=[inforce.ProvisionFacts(OLD_ACT, enacted=day("2003-11-20")),
                    inforce.ProvisionFacts(ACT, enacted=day("2026-04-29")),
                    inforce.ProvisionFacts(S1, part_of=ACT)],
        effects=[inforce.EffectFacts("effect/ins", "inserted", inserted, S1,
                                     (inforce.InForceDate(day("2026-09-01")),))],
    )  # fmt: skip
    # not from the old Act's enactment in 2003
    assert stage_on(facts, "2026-04-28") == (LEGAL_STAGE.NO_BILL, None)
    assert stage_on(facts, "2026-04-29") == (LEGAL_STAGE.ROYAL_ASSENT, day("2026-04-29"))
    assert stage_on(facts, "2026-09-01") == (LEGAL_STAGE.IN_FORCE, day("2026-09-01"))


def test_every_link_names_evidence_and_the_chain_has_no_repeats():
    facts = mandatory_reporting()
    found = status(facts, "2026-07-01")
    assert len(found.links) == len(set(found.links))
    steps = {one.step for one in found.links}
    assert {"implemented by", "clause of", "tabled", "stage", "lapsed", "enacted as",
            "commenced"} <= steps  # fmt: skip
    stage_nodes = {s.node for b in facts.bills.values() for s in b.stages}
    for one in found.links:
        if one.step == "stage":
            assert one.evidence in stage_nodes and one.object == one.evidence
        if one.step in ("implemented by", "amends", "creates"):
            assert one.evidence.startswith(f"{one.subject}/instrument/")


def test_a_whole_act_standing_in_counts_only_wholly_in_force():
    # the bill's Act, with no link naming its provisions: one section commenced says nothing
    facts = corpus(
        [link(REC, BILL, RELATION.IMPLEMENTED_BY)],
        [InstrumentFacts(BILL, INSTRUMENT_KIND.BILL, enacted_as=ACT),
         InstrumentFacts(ACT, INSTRUMENT_KIND.ACT),
         InstrumentFacts(S1, INSTRUMENT_KIND.SECTION, part_of=ACT)],
        [BillFacts(BILL, stages(BILL, *PASSAGE), C)],
        [inforce.ProvisionFacts(ACT, enacted=day("2026-04-29"))],
        [commencing(S1, "2026-06-29"), commencing(ACT, "2027-01-01", n=2)],
    )  # fmt: skip
    assert stage_on(facts, "2026-07-01") == (LEGAL_STAGE.ROYAL_ASSENT, day("2026-04-29"))
    assert stage_on(facts, "2027-01-01") == (LEGAL_STAGE.IN_FORCE, day("2027-01-01"))


def test_a_clause_whose_section_is_unknown_stops_at_royal_assent():
    facts = clause_corpus(effects=[commencing(ACT, "2026-06-29")], enacted_as=None)
    assert stage_on(facts, "2027-01-01") == (LEGAL_STAGE.ROYAL_ASSENT, day("2026-04-29"))
