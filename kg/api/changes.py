"""GraphQL `changes(since:)`: what the build records as new after a date (kg.diff), per entity.

A fact's date is its `pkg:recorded` (the earliest issue date among the sources it cites); facts
without one are not listed. The facts are found once per build and kept (kg.diff.recorded_facts).
"""

from __future__ import annotations

import graphene

from ontology.vocabulary import KIND

from .context import UserError
from .types import Citation, Entity

DEFAULT_FIRST = 20


class RecordedFact(graphene.ObjectType):
    """One fact an entity gained, with the date a source first recorded it."""

    field = graphene.String(
        description="the entity's field the fact is (statusEvent, responsibility, echoes, "
        "target ...; a fact of a fact: target[KEY DUE].met); null: the entity itself"
    )
    value = graphene.String(required=True, description="the fact in words, e.g. "
                            "IN_PROGRESS 2026-05-30")  # fmt: skip
    recorded = graphene.Date(required=True)
    citations = graphene.List(graphene.NonNull(Citation), required=True)

    def resolve_citations(fact, info):
        return info.context.describer.get_many(fact.citations)


class EntityChanges(graphene.ObjectType):
    """An entity and its facts recorded after the date asked for, newest first."""

    entity = graphene.Field(Entity, required=True)
    kind = graphene.String(required=True, description="the entity's kind, e.g. Recommendation")
    label = graphene.String(required=True)
    latest = graphene.Date(required=True, description="when its newest fact was recorded")
    facts = graphene.List(graphene.NonNull(RecordedFact), required=True)

    def resolve_entity(group, info):
        return info.context.describer.get(group.entity)

    def resolve_kind(group, info):
        return group.kind.name


class ChangesQuery:
    """The root field `changes` (mixed into Query)."""

    changes = graphene.List(
        graphene.NonNull(EntityChanges), required=True,
        since=graphene.Date(required=True, description="facts recorded after this day"),
        report=graphene.ID(description="only this report's entities (IRI or key): the report, "
                           "its findings and recommendations, and their proposals"),
        first=graphene.Int(description=f"at most this many entities (default {DEFAULT_FIRST})"),
        description="Facts recorded after `since` (pkg:recorded: the earliest issue date among "
        "the sources a fact cites; facts without one are not listed), per entity, the entity "
        "with the newest fact first.",
    )  # fmt: skip

    def resolve_changes(root, info, since, report=None, first=None):
        from .. import diff  # with the build's modules: loaded on first use, not at start

        ctx = info.context
        first = DEFAULT_FIRST if first is None else first
        if not 0 <= first <= ctx.max_page_size:
            raise UserError(f"first: must be between 0 and {ctx.max_page_size}, got {first}")
        report_iri = ctx.iri(report, "report") if report else None
        if report_iri and KIND.Report.iri not in ctx.describer.get(report_iri).types:
            raise UserError(f"report: no report {report!r} in the build")
        build = ctx.build
        facts = build.memo(
            "recorded-facts",
            lambda: diff.recorded_facts(diff.Snapshot.from_store(build.store)),
        )
        found = diff.recorded_since(facts, since, report_iri)[:first]
        # every entity and citation the answer may show, in one round trip
        ctx.describer.get_many(
            [group.entity for group in found]
            + [c for group in found for fact in group.facts for c in fact.citations]
        )
        return found
