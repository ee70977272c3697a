"""A recommendation's legal status: the furthest point its evidence chain reaches on a day.

It is derived, never entered, and kept apart from the reported status (what the government
says, `kg.rules.status`); where the two disagree, `kg analyse claims` says so.

The chain: recommendation -> (its proposed changes) -> the instruments they link to -> a bill
or clause that carries the change -> its stages in Parliament -> the Act (a clause's section)
-> commencement -> in force. Which links count:
- A *carrier* is a bill or clause linked by the recommendation or one of its proposals (any
  relation), or an Act, provision or statutory instrument they are `implemented_by` or that
  they `create`. An `amends` link to an existing Act or section names the law to be changed,
  not what changes it.
- With no carrier, a recommendation that links to legislation with `amends` or `creates` is at
  NO_BILL (dated by its latest no-bill statement, if any); one that asks no change to the law
  (no such link: guidance, operations, no instrument) has no legal status (None).

Each carrier reaches a stage on the day D (stages dated after D do not count; a clause's stages
start on the day it was tabled):
- a stage in Parliament: BILL_INTRODUCED; a third reading in one House: PASSED_ONE_HOUSE; in
  both, or one House's third reading then consideration of amendments: PASSED_BOTH_HOUSES; the
  Royal Assent stage, or an enactment date of the Act it became: ROYAL_ASSENT;
- a bill that lapsed (or was withdrawn) before reaching Royal Assent: BILL_LAPSED;
- after Royal Assent, the provisions that carry it (a clause's section; for a bill, the
  recommendation's links into the Act it became, else the Act): IN_FORCE when all are in force
  on D (kg.rules.inforce), PARTLY_IN_FORCE when some are or partly, else ROYAL_ASSENT. A clause
  whose section is unknown stops at ROYAL_ASSENT; a whole Act standing in for unnamed provisions
  counts only when wholly in force (its partial commencement may not touch the change).
The legal status is the furthest stage any carrier reaches (LEGAL_STAGE order), with its day;
every link of every carrier's chain is returned, each naming the node whose citations back it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from ontology.vocabulary import (
    BILL_STAGE,
    IN_FORCE_STATE,
    INSTRUMENT_KIND,
    LEGAL_STAGE,
    RELATION,
    Concept,
)

from . import inforce

#: What each step of a chain says, in words (GraphQL's LegalLink.step).
PROPOSES = "proposes"
NO_BILL_STATEMENT = "no bill"
CLAUSE_OF = "clause of"
TABLED = "tabled"
STAGE = "stage"
LAPSED = "lapsed"
ENACTED_AS = "enacted as"
COMMENCED = "commenced"
NOT_COMMENCED = "not in force"

#: Kinds that move through Parliament, and the kinds of enacted law.
PARLIAMENTARY = frozenset({INSTRUMENT_KIND.BILL, INSTRUMENT_KIND.CLAUSE})
NOT_LAW = frozenset({INSTRUMENT_KIND.GUIDANCE})
#: Relations that name the instrument as what makes the change.
CARRYING = frozenset({RELATION.IMPLEMENTED_BY, RELATION.CREATES})
#: A provision in these states has begun to have effect.
STARTED = frozenset({IN_FORCE_STATE.IN_FORCE, IN_FORCE_STATE.PARTLY_IN_FORCE})
#: Relations that say the law must change.
CHANGING = frozenset({RELATION.AMENDS, RELATION.CREATES})


@dataclass(frozen=True)
class StageFacts:
    node: str
    stage: Concept  # a BILL_STAGE
    date: dt.date
    house: Concept | None = None


@dataclass(frozen=True)
class BillFacts:
    iri: str
    stages: tuple[StageFacts, ...] = ()
    originating_house: Concept | None = None
    lapsed: dt.date | None = None
    withdrawn: dt.date | None = None


@dataclass(frozen=True)
class InstrumentFacts:
    iri: str
    kind: Concept | None  # an INSTRUMENT_KIND
    label: str = ""
    part_of: str | None = None
    enacted_as: str | None = None
    tabled: dt.date | None = None


@dataclass(frozen=True)
class LinkFacts:
    """A recommendation's or proposal's link to an instrument (its node carries citations)."""

    node: str
    holder: str
    instrument: str
    relation: Concept  # a RELATION


@dataclass(frozen=True)
class NoBillFacts:
    node: str
    holder: str  # the proposal
    date: dt.date


@dataclass
class LegalFacts:
    """Everything the rule reads, for a whole corpus."""

    instruments: dict[str, InstrumentFacts]
    bills: dict[str, BillFacts]
    provisions: inforce.Provisions
    links: dict[str, list[LinkFacts]]  # holder IRI -> its links
    proposals: dict[str, list[str]]  # recommendation IRI -> its proposals' IRIs
    no_bill: dict[str, list[NoBillFacts]]  # proposal IRI -> statements


@dataclass(frozen=True)
class Link:
    """One cited link of a chain: `evidence` is the node whose citations back it."""

    step: str
    subject: str
    object: str | None
    date: dt.date | None
    evidence: str
    note: str | None = None


@dataclass(frozen=True)
class LegalStatus:
    stage: Concept  # a LEGAL_STAGE
    date: dt.date | None
    as_of: dt.date
    links: tuple[Link, ...] = field(default=())
    carriers: tuple[str, ...] = ()


def _bill_stage(
    bill: BillFacts, since: dt.date | None, as_of: dt.date
) -> tuple[Concept, dt.date, list[StageFacts]] | None:
    """The furthest parliamentary stage a bill (or a clause tabled on `since`) reached by
    `as_of`, its day and the stages that count; None before any stage."""
    counted = (s for s in bill.stages if s.date <= as_of and (since is None or s.date >= since))
    stages = sorted(counted, key=lambda s: (s.date, s.stage.order))
    if not stages:
        return None
    reached, when = LEGAL_STAGE.BILL_INTRODUCED, stages[0].date
    houses: set[Concept | None] = set()  # the Houses whose third reading it has passed
    agreed = False  # a House has considered the other's amendments after a third reading
    for s in stages:
        if s.stage is BILL_STAGE.ROYAL_ASSENT:
            return LEGAL_STAGE.ROYAL_ASSENT, s.date, stages
        if s.stage is BILL_STAGE.THIRD_READING:
            houses.add(s.house)
        agreed = agreed or (s.stage is BILL_STAGE.CONSIDERATION_OF_AMENDMENTS and bool(houses))
        both = len(houses) >= 2 or (houses and agreed)
        if both and reached.order < LEGAL_STAGE.PASSED_BOTH_HOUSES.order:
            reached, when = LEGAL_STAGE.PASSED_BOTH_HOUSES, s.date
        elif houses and reached.order < LEGAL_STAGE.PASSED_ONE_HOUSE.order:
            reached, when = LEGAL_STAGE.PASSED_ONE_HOUSE, s.date
    return reached, when, stages


def _in_force(provisions: list[str], facts: LegalFacts, as_of: dt.date, *, whole_act=False):
    """How far the provisions that carry a change are in force. For a whole Act standing in
    for provisions nobody has named (`whole_act`), only the whole Act in force counts: a
    commencement of some of its provisions says nothing of the ones that carry the change."""
    states = [(iri, inforce.state_on(iri, facts.provisions, as_of)) for iri in provisions]
    if whole_act:
        states = [(iri, s) for iri, s in states if s.state is IN_FORCE_STATE.IN_FORCE] or [
            (iri, inforce.InForce(IN_FORCE_STATE.NOT_IN_FORCE, as_of, None, None))
            for iri, _ in states
        ]
    whole = [s for _, s in states if s.state is IN_FORCE_STATE.IN_FORCE]
    some = [s for _, s in states if s.state in STARTED]
    if whole and len(whole) == len(states):
        stage, date = LEGAL_STAGE.IN_FORCE, max(s.date for s in whole if s.date)
    elif some:
        stage, date = LEGAL_STAGE.PARTLY_IN_FORCE, min(s.date for s in some if s.date)
    else:
        stage, date = None, None
    links = []
    for iri, state in states:
        for found in state.evidence:
            step = COMMENCED if state.state in STARTED else NOT_COMMENCED
            if found.node == iri and found.what == inforce.ENACTMENT:
                continue  # the enactment is the previous link
            note = state.state.label + (f" ({found.qualification})" if found.qualification else "")
            links.append(
                Link(
                    step,
                    iri,
                    found.node if found.node != iri else None,
                    found.date,
                    found.node,
                    note,
                )
            )
    return stage, date, links


def _within(iri: str, root: str, facts: LegalFacts) -> bool:
    return root in facts.provisions.ancestors(iri)


def _enacted(act: str, facts: LegalFacts, as_of: dt.date) -> dt.date | None:
    found = facts.provisions.enacted(act)
    return found[0] if found and found[0] <= as_of else None


def carrier_status(
    carrier: str, holder_links: list[LinkFacts], facts: LegalFacts, as_of: dt.date
) -> tuple[Concept, dt.date | None, list[Link]]:
    """How far one carrier got by `as_of`, and its chain's links after the holder's link."""
    inst = facts.instruments[carrier]
    links: list[Link] = []
    bill_iri, since = carrier, None
    if inst.kind is INSTRUMENT_KIND.CLAUSE and inst.part_of:
        bill_iri, since = inst.part_of, inst.tabled
        if inst.tabled is None or inst.tabled <= as_of:  # not yet part of the bill before then
            links.append(Link(CLAUSE_OF, carrier, bill_iri, inst.tabled, carrier))
    stage, date = None, None
    enacted_into: list[str] = []
    whole_act = False
    if inst.kind in PARLIAMENTARY:
        bill = facts.bills.get(bill_iri, BillFacts(bill_iri))
        if since is not None and since <= as_of:
            stage, date = LEGAL_STAGE.BILL_INTRODUCED, since
            links.append(Link(TABLED, carrier, bill_iri, since, carrier))
        reached = _bill_stage(bill, since, as_of)
        if reached is not None:
            if stage is None or reached[0].order > stage.order:
                stage, date = reached[0], reached[1]
            links += [Link(STAGE, bill_iri, s.node, s.date, s.node) for s in reached[2]]
        act = facts.instruments[bill_iri].enacted_as if bill_iri in facts.instruments else None
        act_day = _enacted(act, facts, as_of) if act else None
        if act and (act_day or stage is LEGAL_STAGE.ROYAL_ASSENT):
            if stage is not LEGAL_STAGE.ROYAL_ASSENT:
                stage, date = LEGAL_STAGE.ROYAL_ASSENT, act_day
            links.append(Link(ENACTED_AS, bill_iri, act, act_day or date, bill_iri))
            if inst.kind is INSTRUMENT_KIND.CLAUSE:
                if inst.enacted_as:  # else its section is unknown: no further evidence
                    links.append(Link(ENACTED_AS, carrier, inst.enacted_as, None, carrier))
                    enacted_into = [inst.enacted_as]
            else:
                inside = [
                    link.instrument
                    for link in holder_links
                    if link.instrument != act and _within(link.instrument, act, facts)
                ]
                enacted_into = sorted(set(inside)) or [act]
                whole_act = not inside
        fell = bill.lapsed or bill.withdrawn
        if stage is not LEGAL_STAGE.ROYAL_ASSENT and fell is not None and fell <= as_of:
            stage, date = LEGAL_STAGE.BILL_LAPSED, fell
            links.append(Link(LAPSED, bill_iri, None, fell, bill_iri))
    else:  # an Act, provision or SI that makes the change itself
        day = _enacted(carrier, facts, as_of)
        inserting = [
            e.affecting
            for e in facts.provisions.by_affected.get(carrier, [])
            if e.affecting and e.type.strip().lower().startswith(inforce.CREATING)
        ]
        if inserting:  # a provision inserted into an older Act exists from its inserter's Act
            days = [_enacted(by, facts, as_of) for by in inserting]
            day = min((d for d in days if d is not None), default=None)
        if day is not None:
            stage, date, enacted_into = LEGAL_STAGE.ROYAL_ASSENT, day, [carrier]
            whole_act = inst.kind is INSTRUMENT_KIND.ACT
    if stage is LEGAL_STAGE.ROYAL_ASSENT and enacted_into:
        reached, day, more = _in_force(enacted_into, facts, as_of, whole_act=whole_act)
        links += more
        if reached is not None:
            stage, date = reached, day
    return stage, date, links


def legal_status(recommendation: str, facts: LegalFacts, as_of: dt.date) -> LegalStatus | None:
    """The recommendation's legal status on `as_of` (see the module's docstring)."""
    holders = [recommendation, *facts.proposals.get(recommendation, [])]
    links: list[Link] = [Link(PROPOSES, recommendation, p, None, p) for p in holders[1:]]
    held = [link for h in holders for link in facts.links.get(h, [])]
    carriers, asks_change = [], False
    for link in held:
        known = facts.instruments.get(link.instrument)
        kind = known.kind if known else None
        if kind in NOT_LAW:
            continue
        if kind in PARLIAMENTARY or link.relation in CARRYING:
            carriers.append(link)
        asks_change = asks_change or link.relation in CHANGING or kind in PARLIAMENTARY
    if not carriers and not asks_change:
        return None
    for link in held:
        if link.relation in CHANGING or link in carriers:
            links.append(Link(link.relation.label, link.holder, link.instrument, None, link.node))
    # A bill's chain reads the recommendation's links into the Act it became together (IN_FORCE
    # only when all are): such a provision is not also a carrier on its own, or the furthest
    # stage would be that of its one provision in force.
    acts = {facts.instruments[c.instrument].enacted_as for c in carriers
            if facts.instruments[c.instrument].kind is INSTRUMENT_KIND.BILL} - {None}  # fmt: skip
    best, best_date, done = LEGAL_STAGE.NO_BILL, None, set()
    for link in carriers:
        if link.instrument in done:
            continue
        done.add(link.instrument)
        kind = facts.instruments[link.instrument].kind
        if kind not in PARLIAMENTARY and any(
            link.instrument != act and _within(link.instrument, act, facts) for act in acts
        ):
            continue
        stage, date, more = carrier_status(link.instrument, held, facts, as_of)
        links += more
        # Of carriers at the same stage, the first to get there dates it.
        sooner = stage is best and date is not None and (best_date is None or date < best_date)
        if stage is not None and (stage.order > best.order or sooner):
            best, best_date = stage, date
    if best is LEGAL_STAGE.NO_BILL:
        said = [s for p in holders[1:] for s in facts.no_bill.get(p, []) if s.date <= as_of]
        for s in sorted(said, key=lambda s: s.date):
            links.append(Link(NO_BILL_STATEMENT, s.holder, None, s.date, s.node))
            best_date = s.date
    unique = tuple(dict.fromkeys(links))
    return LegalStatus(best, best_date, as_of, unique, tuple(sorted(done)))
