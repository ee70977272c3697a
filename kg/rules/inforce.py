"""Whether a provision is in force on a day: one rule, over facts already read.

The evidence is what legislation.gov.uk records (and a curator may copy from an Act's
commencement section): effects whose in-force dates bring a provision into force or take it out,
and the dates in the provision's own text.
- A *commencement* is an effect of type "coming into force" on the provision or on anything it
  is part of (commencing Part 5 commences its sections); an effect that inserts or substitutes
  the provision itself counts too, from its in-force date.
- Its qualification says how much: none, "wholly in force" or "so far as not already in force"
  make it whole; anything else ("for specified purposes", "for E.") makes it partial.
- A repeal (an effect whose type says repealed or omitted) in force on the day ends it.
- The provision's own `pkg:inForceFrom` (CLML RestrictStartDate) counts as whole from that day,
  unless the same version marks it prospective.
- A commencement of a part of it (one section of a Part, of an Act) makes it partly in force,
  and so does one recorded against it that lists particular provisions (legislation.gov.uk
  records some effects against the Act, naming the provisions in words).

On a day D, the first that holds is the answer: repealed; in force (a whole commencement on or
before D); partly in force (a partial one, or one of a part); not yet enacted (enacted after D);
not in force (enacted on or before D with no commencement by D, or prospective); else no
information. The date given is the day the answer began: the earliest whole commencement, the
earliest partial one, the repeal, or the enactment.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from ontology.vocabulary import IN_FORCE_STATE, INSTRUMENT_KIND, Concept

#: legislation.gov.uk's words for the kinds of effect the rule reads (lower case, as they write).
COMMENCEMENT = "coming into force"
#: Effect types that create the affected provision, so their in-force date is its commencement.
CREATING = ("inserted", "added", "substituted")
#: Effect types that end it.
ENDING = ("repeal", "omitted", "revoked")
#: Words in a legislation.gov.uk IRI's path that mark a provision rather than a whole item.
PROVISION_WORDS = frozenset(
    {k.token for k in (INSTRUMENT_KIND.SECTION, INSTRUMENT_KIND.PART, INSTRUMENT_KIND.CHAPTER,
                       INSTRUMENT_KIND.SCHEDULE, INSTRUMENT_KIND.PARAGRAPH)}
    | {"crossheading", "regulation", "article", "rule"}
)  # fmt: skip
#: What the evidence of an enactment date says (an Evidence's `what`).
ENACTMENT = "Royal Assent (enactment date)"
#: Qualifications that leave nothing out.
WHOLE = ("wholly in force", "so far as not already in force", "in so far as not already in force")


def is_commencement(effect_type: str) -> bool:
    return effect_type.strip().lower() == COMMENCEMENT


def is_whole(qualification: str | None) -> bool:
    text = (qualification or "").strip().lower()
    return not text or any(text.startswith(words) for words in WHOLE)


@dataclass(frozen=True)
class InForceDate:
    """One in-force date of an effect: a day (None when prospective) and its qualification."""

    date: dt.date | None
    qualification: str | None = None
    prospective: bool = False


@dataclass(frozen=True)
class EffectFacts:
    iri: str
    type: str
    affected: str
    affecting: str | None = None
    in_force: tuple[InForceDate, ...] = ()
    applied: bool | None = None
    requires_applied: bool | None = None
    provisions: str | None = None  # the affected provisions in words, when the service lists them

    @property
    def names_part(self) -> bool:
        """An effect recorded against a whole item (an Act) that lists particular provisions
        touches those provisions only, not everything in the item."""
        path = self.affected.split("/id/", 1)[-1].split("/")
        return bool(self.provisions) and not (set(path) & PROVISION_WORDS) and len(path) <= 4

    def outstanding(self, today: dt.date) -> bool:
        """legislation.gov.uk's rule: required, not applied, and in force on or before today."""
        due = any(d.date is not None and d.date <= today for d in self.in_force)
        return bool(self.requires_applied) and self.applied is False and due


@dataclass(frozen=True)
class ProvisionFacts:
    iri: str
    part_of: str | None = None
    enacted: dt.date | None = None
    in_force_from: dt.date | None = None
    prospective: bool = False


@dataclass(frozen=True)
class Evidence:
    """One fact the answer rests on: the node whose citations support it (an effect, or the
    provision itself), what it says, and its day."""

    node: str
    what: str
    date: dt.date | None
    qualification: str | None = None


@dataclass(frozen=True)
class InForce:
    state: Concept  # an IN_FORCE_STATE
    as_of: dt.date
    date: dt.date | None  # the day the state began, when known
    qualification: str | None
    evidence: tuple[Evidence, ...] = field(default=())


@dataclass
class Provisions:
    """The provisions and effects of a corpus, indexed for the rule."""

    provisions: dict[str, ProvisionFacts]
    effects: list[EffectFacts]

    def __post_init__(self) -> None:
        self.by_iri = {effect.iri: effect for effect in self.effects}
        self.by_affected: dict[str, list[EffectFacts]] = {}
        self.by_affecting: dict[str, list[EffectFacts]] = {}
        for effect in self.effects:
            self.by_affected.setdefault(effect.affected, []).append(effect)
            if effect.affecting:
                self.by_affecting.setdefault(effect.affecting, []).append(effect)
        self.children: dict[str, list[str]] = {}
        for p in self.provisions.values():
            if p.part_of:
                self.children.setdefault(p.part_of, []).append(p.iri)

    def ancestors(self, iri: str) -> list[str]:
        """The provision and what it is part of, nearest first (loops cut)."""
        found, step = [], iri
        while step is not None and step not in found:
            found.append(step)
            step = self.provisions[step].part_of if step in self.provisions else None
        return found

    def descendants(self, iri: str) -> list[str]:
        found, todo = [], list(self.children.get(iri, []))
        while todo:
            step = todo.pop()
            if step not in found:
                found.append(step)
                todo.extend(self.children.get(step, []))
        return found

    def enacted(self, iri: str) -> tuple[dt.date, str] | None:
        """The nearest enactment date up the tree, with the node that carries it."""
        for step in self.ancestors(iri):
            provision = self.provisions.get(step)
            if provision is not None and provision.enacted is not None:
                return provision.enacted, step
        return None


def _dated(
    effects: Iterable[EffectFacts], as_of: dt.date
) -> Iterable[tuple[EffectFacts, InForceDate]]:
    for effect in effects:
        for when in effect.in_force:
            if when.date is not None and when.date <= as_of:
                yield effect, when


def state_on(iri: str, facts: Provisions, as_of: dt.date) -> InForce:
    """Whether the provision `iri` is in force on `as_of` (see the module's docstring)."""
    own = facts.provisions.get(iri)
    up = facts.ancestors(iri)
    # An effect on something this is part of commences it only if it commences all of that.
    commencing = [
        e
        for step in up
        for e in facts.by_affected.get(step, [])
        if is_commencement(e.type) and (step == iri or not e.names_part)
    ]
    creating = [
        e for e in facts.by_affected.get(iri, []) if e.type.strip().lower().startswith(CREATING)
    ]
    # "repealed in part" leaves the rest standing; only a repeal of the whole ends it.
    ending = [
        e
        for step in up
        for e in facts.by_affected.get(step, [])
        if e.type.strip().lower().startswith(ENDING) and "in part" not in e.type.lower()
    ]

    repeals = sorted(_dated(ending, as_of), key=lambda pair: pair[1].date)
    if repeals:
        effect, when = repeals[0]
        found = Evidence(effect.iri, effect.type, when.date, when.qualification)
        return InForce(IN_FORCE_STATE.REPEALED, as_of, when.date, when.qualification, (found,))

    whole, partial = [], []
    for effect, when in _dated(commencing + creating, as_of):
        found = Evidence(effect.iri, effect.type, when.date, when.qualification)
        entire = is_whole(when.qualification) and not (effect.affected == iri and effect.names_part)
        (whole if entire else partial).append(found)
    start = own.in_force_from if own is not None and not own.prospective else None
    if start is not None and start <= as_of:
        whole.append(Evidence(iri, "in force from (the provision's text)", start))
    for below in facts.descendants(iri):  # a commenced part makes the whole partly in force
        for effect, when in _dated(
            [e for e in facts.by_affected.get(below, []) if is_commencement(e.type)], as_of
        ):
            # its qualification is the part's ("wholly in force"), not this provision's
            words = f"a part of it ({when.qualification})" if when.qualification else "a part of it"
            partial.append(Evidence(effect.iri, effect.type, when.date, words))

    def earliest(found: list[Evidence]) -> list[Evidence]:
        return sorted(found, key=lambda e: (e.date, e.node))

    if whole:
        first = earliest(whole)
        return InForce(
            IN_FORCE_STATE.IN_FORCE, as_of, first[0].date, first[0].qualification, tuple(first)
        )
    if partial:
        first = earliest(partial)
        return InForce(
            IN_FORCE_STATE.PARTLY_IN_FORCE,
            as_of,
            first[0].date,
            first[0].qualification,
            tuple(first),
        )
    enacted = facts.enacted(iri)
    if enacted is not None and enacted[0] > as_of:
        return InForce(
            IN_FORCE_STATE.NOT_ENACTED,
            as_of,
            None,
            None,
            (Evidence(enacted[1], ENACTMENT, enacted[0]),),
        )
    if enacted is not None or (own is not None and own.prospective):
        evidence = []
        if enacted is not None:
            evidence.append(Evidence(enacted[1], ENACTMENT, enacted[0]))
        if own is not None and own.prospective:
            evidence.append(Evidence(iri, "prospective (the provision's text)", None))
        pending = [
            e for e in commencing if any(d.date is None or d.date > as_of for d in e.in_force)
        ]
        evidence += [Evidence(e.iri, e.type + " (not yet)", None) for e in pending]
        return InForce(
            IN_FORCE_STATE.NOT_IN_FORCE,
            as_of,
            enacted[0] if enacted else None,
            None,
            tuple(evidence),
        )
    return InForce(IN_FORCE_STATE.NO_INFORMATION, as_of, None, None, ())
