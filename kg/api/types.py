"""GraphQL object types of the core contract (shared DESIGN notes), resolved from Descriptions.

Every resolver receives the parent's `Description` (kg.describe) and asks the request's
describer for related nodes, which loads them a whole level at a time.
"""

from __future__ import annotations

import datetime as dt
import operator
import re

import graphene

import ontology
from ontology import Terms
from ontology.vocabulary import AUTHORITY, INSTRUMENT_KIND, KIND, RELATION, ROLE, STANCE, STATUS

from ..describe import RDF_TYPE, Description
from ..rules import confirmed as confirmed_rule
from ..rules import status as status_rule
from . import lists

# Plain-string terms: resolvers look predicates up thousands of times per request.
DCTERMS, ELI, ORG, PKG, RDFS, SKOS = (
    Terms(ns)
    for ns in (ontology.DCTERMS, ontology.ELI, ontology.ORG, ontology.PKG, ontology.RDFS,
               ontology.SKOS)
)  # fmt: skip


def _ctx(info):
    return info.context


def _out(info, parent: Description, predicate) -> list[Description]:
    return _ctx(info).describer.related(parent, predicate)


def _in(info, parent: Description, predicate) -> list[Description]:
    return _ctx(info).describer.referrers(parent, predicate)


def _one(info, parent: Description, predicate) -> Description | None:
    found = _out(info, parent, predicate)
    return found[0] if found else None


def _date(term) -> dt.date | None:
    return dt.date.fromisoformat(term.value) if term is not None else None


def _is_confirmed(d: Description) -> bool:
    return confirmed_rule.holds(d.text(PKG.confirmed))


def _keep(items: list[Description], confirmed: bool | None) -> list[Description]:
    """Apply the `confirmed` argument every list of facts takes."""
    if confirmed is None:
        return items
    return [d for d in items if _is_confirmed(d) == confirmed]


def _natural(d: Description):
    """IRIs in human order: .../citation/2 before .../citation/10."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", d.iri)]


def _by_label(items: list[Description]) -> list[Description]:
    return sorted(items, key=lambda d: (d.text(RDFS.label) or "", d.iri))


def literal(predicate: str, **options) -> graphene.String:
    """A text field read straight from one predicate of the node."""
    return graphene.String(resolver=lambda d, info: d.text(predicate), **options)


def date_of(predicate: str, **options) -> graphene.Date:
    """A date field read straight from one predicate of the node."""
    return graphene.Date(resolver=lambda d, info: _date(d.value(predicate)), **options)


CONFIRMED_ARG = graphene.Boolean(
    description="true: only facts a primary source confirms; false: only unconfirmed ones"
)
AS_OF_ARG = graphene.Date(
    description="answer for this day: leave out events dated after it (default: today)"
)
RECORDED_BY_ARG = graphene.Date(
    description="answer with what sources had published by this day: leave out facts recorded "
    "after it (an event with no recorded date counts as recorded on its own date)"
)

# ------------------------------------------------------------------------------ enums


def _enum(scheme, description: str) -> type[graphene.Enum]:
    """A GraphQL enum of a scheme's values (their notations), in the scheme's order."""
    return graphene.Enum(scheme.name, [(c.notation, c.notation) for c in scheme],
                         description=description)  # fmt: skip


Authority = _enum(AUTHORITY, "How authoritative a source is")
ResponsibilityRole = _enum(ROLE, "A body's role in delivering a recommendation")
InstrumentRelation = _enum(RELATION, "How a recommendation touches an instrument")
ResponseStance = _enum(STANCE, "The government's stance on a recommendation")
DeliveryStatus = _enum(STATUS, "Delivery status, in the order delivery normally runs")
InstrumentKind = _enum(INSTRUMENT_KIND, "The kind of a legal or policy instrument")

#: SKOS concept IRI -> its notation (the enum value), for every controlled value.
CONCEPTS = {c.iri: c.notation for scheme in (AUTHORITY, ROLE, RELATION, STANCE, STATUS)
            for c in scheme}  # fmt: skip
#: Instrument class IRI -> its kind's notation.
INSTRUMENT_KINDS = {kind.iri: kind.notation for kind in INSTRUMENT_KIND}


def _concept(d: Description, predicate) -> str | None:
    term = d.value(predicate)
    return CONCEPTS.get(term.value) if term is not None else None


# ------------------------------------------------------------------------------ provenance


class Source(graphene.ObjectType):
    """A published document cited as evidence."""

    id = graphene.ID(required=True)
    key = literal(PKG.key, required=True)
    title = literal(DCTERMS.title, required=True)
    publisher = literal(PKG.publisher)
    issued = date_of(DCTERMS.issued)
    url = literal(PKG.url)
    authority = graphene.Field(Authority, required=True)
    note = literal(PKG.note)

    def resolve_id(d, info):
        return d.iri

    def resolve_authority(d, info):
        return _concept(d, PKG.authority)


class Citation(graphene.ObjectType):
    """Where a fact comes from: the source, the place in it, and a link."""

    source = graphene.Field(Source, required=True)
    locator = literal(PKG.locator)
    url = graphene.String(description="the deep link if given, else the source's URL")

    def resolve_source(d, info):
        return _one(info, d, PKG.source)

    def resolve_url(d, info):
        return d.text(PKG.url) or _one(info, d, PKG.source).text(PKG.url)


def _citations(d: Description, info) -> list[Description]:
    return sorted(_out(info, d, PKG.citation), key=_natural)


class Cited:
    """Fields shared by everything that carries evidence."""

    citations = graphene.List(graphene.NonNull(Citation), required=True)
    confirmed = graphene.Boolean(
        required=True, description="a primary source supports it and no curator doubts it"
    )
    unconfirmed_note = literal(PKG.unconfirmedNote, description="why it is not confirmed")

    def resolve_citations(d, info):
        return _citations(d, info)

    def resolve_confirmed(d, info):
        return _is_confirmed(d)


# ------------------------------------------------------------------------------ interfaces


class Node(graphene.Interface):
    id = graphene.ID(required=True, description="the entity's IRI")

    @classmethod
    def resolve_type(cls, d, info):
        return type_of(d)


class Entity(graphene.Interface):
    """Anything the graph describes, with its evidence."""

    # Fields only: the concrete types (EntityType) resolve them.
    class Meta:
        interfaces = (Node,)

    id = graphene.ID(required=True)
    label = graphene.String(required=True)
    citations = graphene.List(graphene.NonNull(Citation), required=True)
    confirmed = graphene.Boolean(required=True)
    unconfirmed_note = graphene.String()

    @classmethod
    def resolve_type(cls, d, info):
        return type_of(d)


class EntityType(Cited, graphene.ObjectType):
    """Base of the concrete entity types: Node & Entity, with the shared resolvers."""

    class Meta:
        abstract = True

    def resolve_id(d, info):
        return d.iri

    def resolve_label(d, info):
        return d.text(RDFS.label) or d.iri


# ------------------------------------------------------------------------------ entities


class Theme(EntityType):
    class Meta:
        interfaces = (Node, Entity)

    key = literal(PKG.key, required=True)
    name = literal(SKOS.prefLabel, required=True)
    definition = literal(SKOS.definition)


def _themes(d, info):
    return _by_label(_out(info, d, PKG.theme))


class Figure(graphene.ObjectType):
    value = graphene.Float(required=True)
    unit = literal(PKG.unit, required=True)
    description = literal(DCTERMS.description, required=True)

    def resolve_value(d, info):
        return float(d.text(PKG.value))


class Report(EntityType):
    class Meta:
        interfaces = (Node, Entity)

    key = literal(PKG.key, required=True)
    title = literal(DCTERMS.title, required=True)
    author = literal(PKG.author)
    publisher = literal(PKG.publisher)
    issued = date_of(DCTERMS.issued, required=True)
    url = literal(PKG.url)
    scope = literal(PKG.scope)
    method = literal(PKG.method)
    document = graphene.Field(Source, required=True)
    findings = graphene.List(
        graphene.NonNull(lambda: Finding), required=True, confirmed=CONFIRMED_ARG
    )
    recommendations = graphene.List(
        graphene.NonNull(lambda: Recommendation), required=True, confirmed=CONFIRMED_ARG
    )

    def resolve_document(d, info):
        return _one(info, d, PKG.document)

    def resolve_findings(d, info, confirmed=None):
        items = [x for x in _in(info, d, PKG.report) if KIND.Finding.iri in x.types]
        return _keep(sorted(items, key=lambda x: x.text(PKG.key)), confirmed)

    def resolve_recommendations(d, info, confirmed=None):
        items = [x for x in _in(info, d, PKG.report) if KIND.Recommendation.iri in x.types]
        return _keep(sorted(items, key=lambda x: int(x.text(PKG.number))), confirmed)


class Finding(EntityType):
    class Meta:
        interfaces = (Node, Entity)

    report = graphene.Field(Report, required=True)
    key = literal(PKG.key, required=True)
    title = literal(DCTERMS.title, required=True)
    summary = literal(PKG.summary, required=True)
    figures = graphene.List(graphene.NonNull(Figure), required=True)
    implicates = graphene.List(graphene.NonNull(lambda: Body), required=True)
    addressed_by = graphene.List(
        graphene.NonNull(lambda: Recommendation), required=True, confirmed=CONFIRMED_ARG
    )
    themes = graphene.List(graphene.NonNull(Theme), required=True)
    echoes = graphene.List(
        graphene.NonNull(lambda: Finding), required=True, confirmed=CONFIRMED_ARG,
        description="findings of earlier reports that found the same failure",
    )  # fmt: skip
    echoed_by = graphene.List(
        graphene.NonNull(lambda: Finding), required=True, confirmed=CONFIRMED_ARG,
        description="findings of later reports that found the same failure again",
    )  # fmt: skip

    def resolve_report(d, info):
        return _one(info, d, PKG.report)

    def resolve_echoes(d, info, confirmed=None):
        return _keep(sorted(_out(info, d, PKG.echoes), key=_natural), confirmed)

    def resolve_echoed_by(d, info, confirmed=None):
        return _keep(sorted(_in(info, d, PKG.echoes), key=_natural), confirmed)

    def resolve_figures(d, info):
        return sorted(_out(info, d, PKG.figure), key=_natural)

    def resolve_implicates(d, info):
        return _by_label(_out(info, d, PKG.implicates))

    def resolve_addressed_by(d, info, confirmed=None):
        return _keep(_sorted_recommendations(_in(info, d, PKG.addresses)), confirmed)

    def resolve_themes(d, info):
        return _themes(d, info)


def _recommendation_order(x: Description) -> tuple[str, int]:
    report = x.value(PKG.report)  # a recommendation's one report (shapes.ttl)
    return (report.value if report is not None else "", int(x.text(PKG.number) or 0))


def _sorted_recommendations(items: list[Description]) -> list[Description]:
    return sorted(items, key=_recommendation_order)


class Responsibility(Cited, graphene.ObjectType):
    body = graphene.Field(lambda: Body, required=True)
    role = graphene.Field(ResponsibilityRole, required=True)

    def resolve_body(d, info):
        return _one(info, d, PKG.body)

    def resolve_role(d, info):
        return _concept(d, PKG.role)


class InstrumentLink(Cited, graphene.ObjectType):
    instrument = graphene.Field(lambda: Instrument, required=True)
    holder = graphene.Field(
        lambda: Entity, description="the recommendation or proposal that makes this link"
    )
    relation = graphene.Field(InstrumentRelation, required=True)
    note = literal(PKG.note)

    def resolve_instrument(d, info):
        return _one(info, d, PKG.instrument)

    def resolve_holder(d, info):
        holders = _in(info, d, PKG.instrumentLink)
        return holders[0] if holders else None

    def resolve_relation(d, info):
        return _concept(d, PKG.relation)


class Response(Cited, graphene.ObjectType):
    stance = graphene.Field(ResponseStance, required=True)
    summary = literal(PKG.summary, required=True)
    issued = date_of(DCTERMS.issued)

    def resolve_stance(d, info):
        return _concept(d, PKG.stance)


class StatusEvent(Cited, graphene.ObjectType):
    status = graphene.Field(DeliveryStatus, required=True)
    date = date_of(PKG.date, required=True, description="when it took effect")
    recorded = date_of(
        PKG.recorded,
        description="when a source first recorded it: the earliest issue date of the sources "
        "it cites (none if none of them has one)",
    )
    note = literal(PKG.note)

    def resolve_status(d, info):
        return _concept(d, PKG.status)


class NoInstrument(Cited, graphene.ObjectType):
    """A cited statement that no legal instrument carries a recommendation."""

    reason = literal(PKG.note, required=True)


class TargetMet(Cited, graphene.ObjectType):
    """The cited fact that a target was met."""

    date = date_of(PKG.date, required=True, description="the day it was met")
    note = literal(PKG.note)


class Target(Cited, graphene.ObjectType):
    """A dated commitment towards a recommendation (kg.analysis: overdue targets)."""

    id = graphene.ID(required=True)
    key = literal(PKG.key, required=True)
    commitment = literal(PKG.commitment, required=True, description="what is to be done")
    due = date_of(PKG.due, required=True)
    note = literal(PKG.note, description="how the due date was derived, and the like")
    recorded = date_of(PKG.recorded, description="when a source first recorded it: the earliest "
                       "issue date of the sources it cites")  # fmt: skip
    revises = graphene.Field(lambda: Target, description="the earlier target it replaces")
    met = graphene.Field(TargetMet, description="when it was met, if a source says so")

    def resolve_id(d, info):
        return d.iri

    def resolve_revises(d, info):
        return _one(info, d, PKG.revises)

    def resolve_met(d, info):
        return _one(info, d, PKG.met)


# A status event's parts, as kg.rules.status asks them: made once, not per recommendation
# (methodcaller and attrgetter cost less per event than a lambda).
_event_date = operator.methodcaller("text", PKG.date)
_event_iri = operator.attrgetter("iri")
_event_recorded = operator.methodcaller("text", PKG.recorded)


def _event_status(e: Description):
    return STATUS.by_iri(e.text(PKG.status))


def status_history(info, d: Description, as_of=None, recorded_by=None) -> list[Description]:
    return status_rule.in_order(
        _out(info, d, PKG.statusEvent),
        date=_event_date,
        status=_event_status,
        iri=_event_iri,
        as_of=as_of,
        recorded_by=recorded_by,
        recorded=_event_recorded,
    )


class Recommendation(EntityType):
    class Meta:
        interfaces = (Node, Entity)

    report = graphene.Field(Report, required=True)
    number = graphene.Int(required=True)
    title = literal(DCTERMS.title, required=True)
    summary = literal(PKG.summary, required=True)
    addresses = graphene.List(graphene.NonNull(Finding), required=True, confirmed=CONFIRMED_ARG)
    responsibilities = graphene.List(
        graphene.NonNull(Responsibility),
        required=True,
        confirmed=CONFIRMED_ARG,
        role=graphene.Argument(ResponsibilityRole),
    )
    instruments = graphene.List(
        graphene.NonNull(InstrumentLink), required=True, confirmed=CONFIRMED_ARG
    )
    no_instrument = graphene.Field(NoInstrument)
    response = graphene.Field(Response)
    status = graphene.Field(
        StatusEvent,
        description="the latest status event (of those known asOf / recordedBy, if given)",
        as_of=AS_OF_ARG,
        recorded_by=RECORDED_BY_ARG,
    )
    status_history = graphene.List(
        graphene.NonNull(StatusEvent),
        required=True,
        since=graphene.Date(description="only events on or after this date"),
        as_of=AS_OF_ARG,
        recorded_by=RECORDED_BY_ARG,
    )
    echoes = graphene.List(
        graphene.NonNull(lambda: Recommendation), required=True, confirmed=CONFIRMED_ARG
    )
    echoed_by = graphene.List(
        graphene.NonNull(lambda: Recommendation), required=True, confirmed=CONFIRMED_ARG
    )
    themes = graphene.List(graphene.NonNull(Theme), required=True)
    proposals = graphene.List(graphene.NonNull(lambda: Proposal), required=True)
    targets = graphene.List(graphene.NonNull(Target), required=True, confirmed=CONFIRMED_ARG,
                            description="dated commitments, by due date")  # fmt: skip
    legal_status = graphene.Field(
        lambda: _legal().LegalStatus,
        as_of=graphene.Date(description="answer for this day (default: today)"),
        description="how far the law has carried it, derived from the cited chain "
        "(bill, stages, Act, commencement); distinct from the reported `status`; null when it "
        "asks no change to the law",
    )

    def resolve_legal_status(d, info, as_of=None):
        return _legal().legal_status(d, info, as_of)

    def resolve_report(d, info):
        return _one(info, d, PKG.report)

    def resolve_number(d, info):
        return int(d.text(PKG.number))

    def resolve_addresses(d, info, confirmed=None):
        return _keep(sorted(_out(info, d, PKG.addresses), key=_natural), confirmed)

    def resolve_responsibilities(d, info, confirmed=None, role=None):
        items = _keep(_out(info, d, PKG.responsibility), confirmed)
        if role is not None:
            items = [r for r in items if _concept(r, PKG.role) == role.value]
        return sorted(items, key=lambda r: (ROLE.by_iri(r.value(PKG.role).value).order,
                                            _natural(r)))  # fmt: skip

    def resolve_instruments(d, info, confirmed=None):
        return _keep(sorted(_out(info, d, PKG.instrumentLink), key=_natural), confirmed)

    def resolve_no_instrument(d, info):
        return _one(info, d, PKG.noInstrument)

    def resolve_response(d, info):
        return _one(info, d, PKG.response)

    def resolve_status(d, info, as_of=None, recorded_by=None):
        if as_of is None and recorded_by is None:  # the latest of all: no need to sort them
            return status_rule.latest(_out(info, d, PKG.statusEvent), date=_event_date,
                                      status=_event_status, iri=_event_iri)  # fmt: skip
        history = status_history(info, d, as_of, recorded_by)
        return history[-1] if history else None

    def resolve_status_history(d, info, since=None, as_of=None, recorded_by=None):
        history = status_history(info, d, as_of, recorded_by)
        if since is not None:
            history = [e for e in history if e.text(PKG.date) >= since.isoformat()]
        return history

    def resolve_echoes(d, info, confirmed=None):
        return _keep(_sorted_recommendations(_out(info, d, PKG.echoes)), confirmed)

    def resolve_echoed_by(d, info, confirmed=None):
        return _keep(_sorted_recommendations(_in(info, d, PKG.echoes)), confirmed)

    def resolve_themes(d, info):
        return _themes(d, info)

    def resolve_proposals(d, info):
        return _by_label(_in(info, d, PKG.proposedBy))

    def resolve_targets(d, info, confirmed=None):
        found = sorted(_out(info, d, PKG.target), key=lambda t: (t.text(PKG.due) or "", t.iri))
        return _keep(found, confirmed)


class Body(EntityType):
    class Meta:
        interfaces = (Node, Entity)

    key = literal(PKG.key, required=True)
    name = literal(RDFS.label, required=True)
    abbreviation = literal(PKG.abbreviation)
    kind = literal(PKG.bodyKind, required=True)
    url = literal(PKG.url)
    parent = graphene.Field(lambda: Body)
    children = graphene.List(graphene.NonNull(lambda: Body), required=True)
    responsibilities = graphene.List(
        graphene.NonNull(Recommendation),
        required=True,
        role=graphene.Argument(ResponsibilityRole),
        confirmed=CONFIRMED_ARG,
        as_of=graphene.Date(description="only recommendations of reports issued on or before it"),
        recorded_by=graphene.Date(
            description="only responsibilities recorded on or before it (one with no recorded "
            "date counts as recorded when its report was issued)"
        ),
        description="recommendations this body is responsible for (any role unless `role`)",
    )
    implicated_in = graphene.List(graphene.NonNull(Finding), required=True)

    def resolve_parent(d, info):
        return _one(info, d, ORG.subOrganizationOf)

    def resolve_children(d, info):
        return _by_label(_in(info, d, ORG.subOrganizationOf))

    def resolve_responsibilities(d, info, role=None, confirmed=None, as_of=None,
                                 recorded_by=None):  # fmt: skip
        describer = _ctx(info).describer
        role_iri = ROLE.by_notation(role.value).iri if role is not None else None
        if describer.prefetches:  # a walk, fetched by plan with the body (kg.describe)
            return _sorted_recommendations(
                _held_by_walk(info, d, role_iri, confirmed, as_of, recorded_by)
            )
        found = describer.per_batch(
            d,
            f"held_by {role_iri} {confirmed} {as_of} {recorded_by}",
            lambda bodies: lists.held_by(
                describer.store,
                bodies,
                role_iri=role_iri,
                confirmed=confirmed,
                as_of=as_of,
                recorded_by=recorded_by,
            ),
        )
        return _sorted_recommendations(describer.get_many(found))

    def resolve_implicated_in(d, info):
        return sorted(_in(info, d, PKG.implicates), key=_natural)


def _held_by_walk(info, body: Description, role_iri: str | None, confirmed: bool | None,
                  as_of, recorded_by) -> list[Description]:  # fmt: skip
    """kg.api.lists.held_by for one body, as a walk: body <- responsibilities <- holders."""
    as_of = status_rule.day(as_of) if as_of is not None else None
    recorded_by = status_rule.day(recorded_by) if recorded_by is not None else None
    held: dict[str, Description] = {}
    for duty in _in(info, body, PKG.body):
        if role_iri is not None and not duty.has(PKG.role, role_iri):
            continue
        if confirmed is not None and _is_confirmed(duty) != confirmed:
            continue
        for holder in _in(info, duty, PKG.responsibility):
            if holder.iri in held or not holder.has(RDF_TYPE, KIND.Recommendation.iri):
                continue
            if as_of is not None or recorded_by is not None:
                issued = [i for r in _out(info, holder, PKG.report)
                          if (i := r.text(DCTERMS.issued)) is not None]  # fmt: skip
                recorded = duty.text(PKG.recorded)
                if not any(
                    (as_of is None or i <= as_of)
                    and (recorded_by is None or (recorded or i) <= recorded_by)
                    for i in issued
                ):
                    continue
            held[holder.iri] = holder
    return list(held.values())


class Instrument(EntityType):
    class Meta:
        interfaces = (Node, Entity)

    title = literal(DCTERMS.title, required=True)
    kind = graphene.Field(InstrumentKind, required=True)
    citation = literal(
        PKG.legalCitation, description="as lawyers cite it, e.g. '2003 c. 42', 's. 9'"
    )
    url = literal(PKG.url)
    part_of = graphene.Field(lambda: Instrument)
    parts = graphene.List(graphene.NonNull(lambda: Instrument), required=True)
    enacted_as = graphene.Field(lambda: Instrument)
    enacted_from = graphene.List(
        graphene.NonNull(lambda: Instrument), required=True, description="bills that became it"
    )
    status = literal(PKG.legalStatus, description="legal status in words, as a curator wrote it")
    extent = literal(PKG.extent, description="where it extends: 'E+W'")
    prospective = graphene.Boolean(description="the cited version marks it prospective")
    in_force_from = date_of(PKG.inForceFrom, description="the cited version applies from")
    enacted = date_of(PKG.enacted, description="an Act's Royal Assent; an SI's made date")
    tabled = date_of(PKG.tabled, description="a clause: the day it was tabled or added")
    versions = graphene.List(
        graphene.NonNull(graphene.Date),
        required=True,
        description="dates of the versions legislation.gov.uk holds",
    )
    in_force = graphene.Field(
        lambda: _legal().InForce,
        as_of=graphene.Date(description="answer for this day (default: today)"),
        description="whether it is in force on the day, with the evidence (Acts, provisions, "
        "statutory instruments; null for bills, clauses and guidance)",
    )
    effects = graphene.List(
        graphene.NonNull(lambda: _legal().Effect),
        required=True,
        description="effects on it and those it makes (amendments, commencements)",
    )
    bill = graphene.Field(lambda: _legal().Bill, description="a bill's passage through Parliament")
    recommendations = graphene.List(
        graphene.NonNull(Recommendation),
        required=True,
        include_parts=graphene.Boolean(
            default_value=True, description="also recommendations touching its sections"
        ),
        confirmed=CONFIRMED_ARG,
    )
    links = graphene.List(
        graphene.NonNull(InstrumentLink),
        required=True,
        description="how recommendations touch this instrument itself",
    )

    def resolve_kind(d, info):
        return next((INSTRUMENT_KINDS[t] for t in d.types if t in INSTRUMENT_KINDS), None)

    def resolve_part_of(d, info):
        return _one(info, d, ELI.is_part_of)

    def resolve_parts(d, info):
        return sorted(_in(info, d, ELI.is_part_of), key=_legal_order)

    def resolve_enacted_as(d, info):
        return _one(info, d, PKG.enactedAs)

    def resolve_enacted_from(d, info):
        return _by_label(_in(info, d, PKG.enactedAs))

    def resolve_links(d, info):
        return sorted(_in(info, d, PKG.instrument), key=_natural)

    def resolve_prospective(d, info):
        text = d.text(PKG.prospective)
        return None if text is None else text in ("true", "1")

    def resolve_versions(d, info):
        return _legal().versions_of(d)

    def resolve_in_force(d, info, as_of=None):
        if not d.types & LAW:
            return None
        return _legal().in_force(d, info, as_of)

    def resolve_effects(d, info):
        return _legal().effects_of(d, info)

    def resolve_bill(d, info):
        return d if INSTRUMENT_KIND.BILL.iri in d.types else None

    def resolve_recommendations(d, info, include_parts=True, confirmed=None):
        instruments, frontier = [d], [d]
        while include_parts and frontier:  # one round trip per level of parts
            frontier = [part for x in frontier for part in _in(info, x, ELI.is_part_of)]
            instruments += frontier
        links = [link for x in instruments for link in _in(info, x, PKG.instrument)]
        holders = [h for link in links for h in _in(info, link, PKG.instrumentLink)]
        unique = {h.iri: h for h in holders if KIND.Recommendation.iri in h.types}
        return _keep(_sorted_recommendations(list(unique.values())), confirmed)


#: Instrument classes that are law once made: everything but bills, clauses and guidance.
LAW = frozenset(k.iri for k in INSTRUMENT_KIND) - {
    INSTRUMENT_KIND.BILL.iri,
    INSTRUMENT_KIND.CLAUSE.iri,
    INSTRUMENT_KIND.GUIDANCE.iri,
}


def _legal():
    """kg.api.legal, imported late: its types build on this module's."""
    from . import legal

    return legal


def _legal_order(d: Description):
    """Sections in numeric order (s. 9 before s. 10), then anything else by IRI."""
    tail = d.iri.rsplit("/", 1)[-1]
    digits = "".join(ch for ch in tail if ch.isdigit())
    return (int(digits) if digits else 10**9, tail)


class Proposal(EntityType):
    """A proposed change to the law (extension of the core contract)."""

    class Meta:
        interfaces = (Node, Entity)

    key = literal(PKG.key, required=True)
    title = literal(DCTERMS.title, required=True)
    summary = literal(PKG.summary, required=True)
    proposed_by = graphene.Field(Recommendation, required=True)
    changes = graphene.List(graphene.NonNull(InstrumentLink), required=True)
    responsibilities = graphene.List(graphene.NonNull(Responsibility), required=True)
    safeguards = literal(PKG.safeguards)
    status = literal(PKG.legalStatus)
    no_bill_statement = graphene.Field(
        lambda: _legal().NoBillStatement,
        description="a cited statement that no bill carries it, on a date",
    )

    def resolve_no_bill_statement(d, info):
        return _one(info, d, PKG.noBill)

    def resolve_proposed_by(d, info):
        return _one(info, d, PKG.proposedBy)

    def resolve_changes(d, info):
        return sorted(_out(info, d, PKG.instrumentLink), key=_natural)

    def resolve_responsibilities(d, info):
        return sorted(_out(info, d, PKG.responsibility), key=_natural)


#: rdf:type IRI -> GraphQL type, for Node and Entity results.
TYPES = {
    KIND.Report.iri: Report, KIND.Finding.iri: Finding, KIND.Recommendation.iri: Recommendation,
    KIND.Body.iri: Body, KIND.Instrument.iri: Instrument, KIND.Theme.iri: Theme,
    KIND.ProposedChange.iri: Proposal,
}  # fmt: skip


def type_of(d: Description):
    for iri in d.types:
        if iri in TYPES:
            return TYPES[iri]
        if iri in _legal().TYPES:
            return _legal().TYPES[iri]
    if d.types & set(INSTRUMENT_KINDS):
        return Instrument
    return None


def is_entity(d: Description) -> bool:
    return type_of(d) is not None  # a typed node exists: no separate look for any triple
