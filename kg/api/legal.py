"""GraphQL for the law's own evidence: bills and their stages, effects and commencement,
whether a provision is in force on a day, and a recommendation's legal status with its chain.

The rules live in kg.rules.legal and kg.rules.inforce; the facts they read are read once per
build (kg.analysis legal facts, kept in `Build.memo`). Each link of a chain names the node whose
citations back it, and is resolved here to those citations.
"""

from __future__ import annotations

import datetime as dt

import graphene

from ontology.vocabulary import BILL_STAGE, HOUSE, IN_FORCE_STATE, LEGAL_STAGE

from ..analysis import legal_facts
from ..describe import Description
from ..rules import inforce as inforce_rule
from ..rules import legal as legal_rule
from .types import (
    PKG,
    Citation,
    Entity,
    EntityType,
    Node,
    _citations,
    _date,
    _enum,
    _is_confirmed,
    date_of,
    literal,
)

InForceState = _enum(IN_FORCE_STATE, "Whether a provision is in force on a day")
LegalStage = _enum(
    LEGAL_STAGE, "How far the law has carried a recommendation, in order (furthest last)"
)
BillStageKind = graphene.Enum(
    "BillStageKind", [(c.notation, c.notation) for c in BILL_STAGE], description="A bill's stage"
)
House = _enum(HOUSE, "A House of Parliament")

AS_OF = graphene.Date(description="answer for this day (default: today)")


def facts(info) -> legal_rule.LegalFacts:
    build = info.context.build
    return build.memo("legal-facts", lambda: legal_facts(build.store))


def _today(as_of) -> dt.date:
    return as_of or dt.date.today()


def _get(info, iri: str | None) -> Description | None:
    if iri is None:
        return None
    found = info.context.describer.get(iri)
    return found if found.types else None  # not in the corpus (an effect's far end)


def _flag(d: Description, predicate) -> bool | None:
    text = d.text(predicate)
    return None if text is None else text in ("true", "1")


class BillStage(EntityType):
    """A stage of a bill in one House, dated by its first sitting."""

    class Meta:
        interfaces = (Node, Entity)

    stage = graphene.Field(BillStageKind, required=True)
    description = literal(PKG.stageDescription, description="Parliament's words for it")
    house = graphene.Field(House)
    date = date_of(PKG.date, required=True)

    def resolve_stage(d, info):
        return BILL_STAGE.by_iri(d.text(PKG.stageKind)).notation

    def resolve_house(d, info):
        house = HOUSE.by_iri(d.text(PKG.house) or "")
        return house.notation if house else None


class Bill(graphene.ObjectType):
    """A bill's passage through Parliament (an instrument of kind BILL)."""

    parliament_id = graphene.Int(description="the UK Parliament Bills API's billId")
    sessions = graphene.List(graphene.NonNull(graphene.String), required=True)
    originating_house = graphene.Field(House)
    current_stage = literal(PKG.currentStage)
    lapsed = date_of(PKG.lapsed, description="the session end at which it fell")
    withdrawn = date_of(PKG.withdrawn)
    carried_over = graphene.Boolean()
    defeated = graphene.Boolean()
    department = literal(PKG.department, description="the sponsoring department")
    stages = graphene.List(graphene.NonNull(BillStage), required=True)

    def resolve_parliament_id(d, info):
        text = d.text(PKG.parliamentId)
        return int(text) if text else None

    def resolve_sessions(d, info):
        return _texts(d, PKG.session)

    def resolve_originating_house(d, info):
        house = HOUSE.by_iri(d.text(PKG.originatingHouse) or "")
        return house.notation if house else None

    def resolve_carried_over(d, info):
        return _flag(d, PKG.carriedOver)

    def resolve_defeated(d, info):
        return _flag(d, PKG.defeated)

    def resolve_stages(d, info):
        found = info.context.describer.related(d, PKG.billStage)
        return sorted(found, key=lambda s: (s.text(PKG.date), s.iri))


def _texts(d: Description, predicate) -> list[str]:
    return sorted(term.value for term in d.values(predicate))


class InForceDate(graphene.ObjectType):
    date = graphene.Date(description="none when prospective")
    qualification = graphene.String(description="'wholly in force', 'for specified purposes'")
    prospective = graphene.Boolean(required=True)


class Effect(EntityType):
    """A change recorded by legislation.gov.uk: one provision inserting, substituting, repealing
    or bringing into force another. Commencement is the type 'coming into force'."""

    class Meta:
        interfaces = (Node, Entity)

    type = literal(PKG.effectType, required=True, description="legislation.gov.uk's words")
    commencement = graphene.Boolean(required=True, description="a 'coming into force' effect")
    affected = graphene.Field(lambda: _types().Instrument, description="when in the corpus")
    affected_id = graphene.ID(required=True, description="the affected item's IRI")
    affected_provisions = literal(PKG.affectedProvisions)
    affected_title = literal(PKG.affectedTitle)
    affecting = graphene.Field(lambda: _types().Instrument, description="when in the corpus")
    affecting_id = graphene.ID()
    affecting_provisions = literal(PKG.affectingProvisions)
    affecting_title = literal(PKG.affectingTitle)
    in_force_dates = graphene.List(graphene.NonNull(InForceDate), required=True)
    commencement_authority = graphene.List(graphene.NonNull(graphene.String), required=True)
    applied = graphene.Boolean()
    requires_applied = graphene.Boolean()
    outstanding = graphene.Boolean(
        required=True,
        as_of=AS_OF,
        description="required, not applied, and in force on or before the day",
    )
    note = literal(PKG.note)

    def resolve_commencement(d, info):
        return inforce_rule.is_commencement(d.text(PKG.effectType) or "")

    def resolve_affected(d, info):
        return _get(info, d.text(PKG.affected))

    def resolve_affected_id(d, info):
        return d.text(PKG.affected)

    def resolve_affecting(d, info):
        return _get(info, d.text(PKG.affecting))

    def resolve_affecting_id(d, info):
        return d.text(PKG.affecting)

    def resolve_in_force_dates(d, info):
        effect = _effect(info, d.iri)
        return list(effect.in_force) if effect else []

    def resolve_commencement_authority(d, info):
        return _texts(d, PKG.commencementAuthority)

    def resolve_applied(d, info):
        return _flag(d, PKG.applied)

    def resolve_requires_applied(d, info):
        return _flag(d, PKG.requiresApplied)

    def resolve_outstanding(d, info, as_of=None):
        effect = _effect(info, d.iri)
        return bool(effect and effect.outstanding(_today(as_of)))


def _effect(info, iri: str) -> inforce_rule.EffectFacts | None:
    return facts(info).provisions.by_iri.get(iri)


class NoBillStatement(EntityType):
    """A cited statement that, on its date, no bill or clause carries a proposed change."""

    class Meta:
        interfaces = (Node, Entity)

    date = date_of(PKG.date, required=True)
    note = literal(PKG.note)


class Evidence(graphene.ObjectType):
    """One fact an in-force answer rests on, with the entity whose citations back it."""

    what = graphene.String(required=True)
    date = graphene.Date()
    qualification = graphene.String()
    entity = graphene.Field(Entity, required=True)
    citations = graphene.List(graphene.NonNull(Citation), required=True)

    def resolve_entity(e, info):
        return info.context.describer.get(e.node)

    def resolve_citations(e, info):
        return _citations(info.context.describer.get(e.node), info)


class InForce(graphene.ObjectType):
    """Whether a provision is in force on a day (kg.rules.inforce), with its evidence."""

    state = graphene.Field(InForceState, required=True)
    as_of = graphene.Date(required=True)
    since = graphene.Date(description="the day the state began, when known")
    qualification = graphene.String()
    evidence = graphene.List(graphene.NonNull(Evidence), required=True)

    def resolve_state(found, info):
        return found.state.notation

    def resolve_since(found, info):
        return found.date


def in_force(d: Description, info, as_of=None):
    """The in-force answer for an instrument that is law (an Act, a provision, an SI)."""
    return inforce_rule.state_on(d.iri, facts(info).provisions, _today(as_of))


def effects_of(d: Description, info) -> list[Description]:
    """Effects on the instrument and those it makes, by IRI."""
    provisions = facts(info).provisions
    found = provisions.by_affected.get(d.iri, []) + provisions.by_affecting.get(d.iri, [])
    return info.context.describer.get_many(sorted({e.iri for e in found}))


def versions_of(d: Description) -> list[dt.date]:
    return sorted(_date(term) for term in d.values(PKG.version))


class LegalLink(graphene.ObjectType):
    """One link of a recommendation's legal chain, with the citations that back it."""

    step = graphene.String(
        required=True,
        description="proposes, amends / creates / implemented by, clause of, tabled, stage, "
        "lapsed, enacted as, commenced, not in force, no bill",
    )
    from_ = graphene.Field(Entity, required=True, name="from")
    to = graphene.Field(Entity)
    date = graphene.Date()
    note = graphene.String()
    citations = graphene.List(graphene.NonNull(Citation), required=True)
    confirmed = graphene.Boolean(
        required=True, description="the backing fact is confirmed by a primary source"
    )

    def resolve_from_(link, info):
        return info.context.describer.get(link.subject)

    def resolve_to(link, info):
        return _get(info, link.object)

    def resolve_citations(link, info):
        return _citations(info.context.describer.get(link.evidence), info)

    def resolve_confirmed(link, info):
        return _is_confirmed(info.context.describer.get(link.evidence))


class LegalStatus(graphene.ObjectType):
    """How far the law has carried a recommendation on a day (kg.rules.legal): derived from the
    chain of cited evidence, and distinct from the government-reported `status`."""

    stage = graphene.Field(LegalStage, required=True)
    date = graphene.Date(description="the day the stage was reached, when known")
    as_of = graphene.Date(required=True)
    chain = graphene.List(graphene.NonNull(LegalLink), required=True)
    carriers = graphene.List(
        graphene.NonNull(lambda: _types().Instrument),
        required=True,
        description="the bills, clauses or provisions that carry the change",
    )
    confirmed = graphene.Boolean(
        required=True, description="every link of the chain is confirmed by a primary source"
    )

    def resolve_stage(status, info):
        return status.stage.notation

    def resolve_chain(status, info):
        info.context.describer.get_many(link.evidence for link in status.links)
        return list(status.links)

    def resolve_carriers(status, info):
        return info.context.describer.get_many(status.carriers)

    def resolve_confirmed(status, info):
        nodes = info.context.describer.get_many(link.evidence for link in status.links)
        return all(_is_confirmed(n) for n in nodes)


def legal_status(d: Description, info, as_of=None):
    return legal_rule.legal_status(d.iri, facts(info), _today(as_of))


def _types():
    from . import types

    return types


#: Classes of this module's entities, for Node and Entity results (kg.api.types.TYPES).
TYPES = {str(PKG.BillStage): BillStage, str(PKG.Effect): Effect,
         str(PKG.NoBillStatement): NoBillStatement}  # fmt: skip
