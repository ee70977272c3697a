"""The root Query and the executable schema (graphql/schema.graphql is printed from this)."""

from __future__ import annotations

import graphene
from graphene import relay

from ontology import PKG
from ontology.vocabulary import INSTRUMENT_KIND, KIND, Kind

from ..trace import trace as find_paths
from . import lists
from .analyses import AnalysisQuery
from .changes import ChangesQuery
from .context import UserError
from .counts import CountsQuery, filtered_recommendations, recommendation_filters
from .link import LinkQuery
from .pagination import page
from .search import SearchQuery
from .types import (
    CONFIRMED_ARG,
    Body,
    Citation,
    Entity,
    Finding,
    Instrument,
    InstrumentKind,
    Node,
    Proposal,
    Recommendation,
    Report,
    _natural,
    is_entity,
)

MAX_HOPS = 6
MAX_PATHS = 20


def _connection(node_type):
    class Meta:
        node = node_type

    return type(
        f"{node_type._meta.name}Connection",
        (relay.Connection,),
        {"Meta": Meta, "total_count": graphene.Int(required=True)},
    )


RecommendationConnection = _connection(Recommendation)
FindingConnection = _connection(Finding)
BodyConnection = _connection(Body)
InstrumentConnection = _connection(Instrument)


class PathStep(graphene.ObjectType):
    from_ = graphene.Field(Entity, required=True, name="from")
    predicate = graphene.String(required=True)
    to = graphene.Field(Entity, required=True)
    inverse = graphene.Boolean(
        required=True, description="true when the stored fact points from `to` to `from`"
    )
    citations = graphene.List(graphene.NonNull(Citation), required=True)

    def resolve_from_(step, info):
        return info.context.describer.get(step.source)

    def resolve_to(step, info):
        return info.context.describer.get(step.target)

    def resolve_predicate(step, info):
        return step.predicate

    def resolve_inverse(step, info):
        return step.inverse

    def resolve_citations(step, info):
        describer = info.context.describer
        return sorted(describer.related(describer.get(step.evidence), PKG.citation), key=_natural)


class Path(graphene.ObjectType):
    steps = graphene.List(graphene.NonNull(PathStep), required=True)

    def resolve_steps(path, info):
        return path


def _entity(info, iri: str, kind: Kind | None = None):
    """The entity at `iri`, or None when there is none (of that kind)."""
    d = info.context.describer.get(iri)
    if not is_entity(d):
        return None
    if kind and kind.iri not in d.types:
        return None
    return d


def _optional_iri(ctx, ident, kind):
    return ctx.iri(ident, kind) if ident else None


class Query(AnalysisQuery, ChangesQuery, CountsQuery, LinkQuery, SearchQuery,
            graphene.ObjectType):  # fmt: skip
    node = graphene.Field(Node, id=graphene.ID(required=True))
    reports = graphene.List(graphene.NonNull(Report), required=True)
    report = graphene.Field(Report, id=graphene.ID(required=True, description="IRI or key"))
    recommendations = graphene.Field(
        RecommendationConnection,
        required=True,
        **recommendation_filters(),  # kg.api.counts: recommendationCounts takes the same
        first=graphene.Int(),
        after=graphene.String(),
    )
    recommendation = graphene.Field(
        Recommendation, id=graphene.ID(), report=graphene.ID(), number=graphene.Int()
    )
    findings = graphene.Field(
        FindingConnection,
        required=True,
        report=graphene.ID(),
        body=graphene.ID(),
        theme=graphene.ID(),
        addressed=graphene.Boolean(description="false: findings no recommendation addresses"),
        text=graphene.String(),
        confirmed=CONFIRMED_ARG,
        first=graphene.Int(),
        after=graphene.String(),
    )
    bodies = graphene.Field(
        BodyConnection,
        required=True,
        kind=graphene.String(),
        text=graphene.String(),
        confirmed=CONFIRMED_ARG,
        first=graphene.Int(),
        after=graphene.String(),
    )
    body = graphene.Field(Body, id=graphene.ID(required=True))
    instruments = graphene.Field(
        InstrumentConnection,
        required=True,
        kind=graphene.Argument(InstrumentKind),
        text=graphene.String(),
        confirmed=CONFIRMED_ARG,
        first=graphene.Int(),
        after=graphene.String(),
    )
    instrument = graphene.Field(Instrument, id=graphene.ID(required=True))
    proposal = graphene.Field(Proposal, id=graphene.ID(required=True))
    trace = graphene.List(
        graphene.NonNull(Path),
        required=True,
        from_=graphene.ID(required=True, name="from"),
        to=graphene.ID(description="omit to trace to every legal instrument in reach"),
        max_hops=graphene.Int(default_value=4, description=f"at most {MAX_HOPS}"),
        first=graphene.Int(default_value=5, description=f"at most {MAX_PATHS} paths"),
        recorded_by=graphene.Date(
            description="only over facts recorded on or before this day (a fact none of whose "
            "sources has an issue date is always followed)"
        ),
    )

    def resolve_node(root, info, id):
        return _entity(info, info.context.iri(id, "node"))

    def resolve_reports(root, info):
        return info.context.describer.get_many(lists.reports(info.context.build.store))

    def resolve_report(root, info, id):
        return _entity(info, info.context.iri(id, "report"), KIND.Report)

    def resolve_recommendations(root, info, first=None, after=None, **filters):
        items = filtered_recommendations(info.context, **filters)
        return page(RecommendationConnection, items, first, after, info.context)

    def resolve_recommendation(root, info, id=None, report=None, number=None):
        ctx = info.context
        if id:
            iri = ctx.iri(id, "recommendation")
        elif report and number is not None:
            iri = f"{ctx.iri(report, 'report')}/recommendation/{number}"
        else:
            raise UserError("recommendation: give `id`, or `report` and `number`")
        return _entity(info, iri, KIND.Recommendation)

    def resolve_findings(root, info, first=None, after=None, **filters):
        ctx = info.context
        items = lists.findings(
            ctx.build.store,
            report=_optional_iri(ctx, filters.get("report"), "report"),
            body=_optional_iri(ctx, filters.get("body"), "body"),
            theme=_optional_iri(ctx, filters.get("theme"), "theme"),
            addressed=filters.get("addressed"),
            text=filters.get("text"),
            confirmed=filters.get("confirmed"),
        )
        return page(FindingConnection, items, first, after, ctx)

    def resolve_bodies(root, info, first=None, after=None, **filters):
        items = lists.bodies(info.context.build.store, **filters)
        return page(BodyConnection, items, first, after, info.context)

    def resolve_body(root, info, id):
        return _entity(info, info.context.iri(id, "body"), KIND.Body)

    def resolve_instruments(root, info, first=None, after=None, kind=None, **filters):
        kind_iri = INSTRUMENT_KIND.by_notation(kind.value).iri if kind is not None else None
        items = lists.instruments(info.context.build.store, kind_iri=kind_iri, **filters)
        return page(InstrumentConnection, items, first, after, info.context)

    def resolve_instrument(root, info, id):
        return _entity(info, info.context.iri(id, "instrument"), KIND.Instrument)

    def resolve_proposal(root, info, id):
        return _entity(info, info.context.iri(id, "proposal"), KIND.ProposedChange)

    def resolve_trace(root, info, from_, to=None, max_hops=4, first=5, recorded_by=None):
        ctx = info.context
        if not 1 <= max_hops <= MAX_HOPS:
            raise UserError(f"maxHops: must be between 1 and {MAX_HOPS}, got {max_hops}")
        if not 1 <= first <= MAX_PATHS:
            raise UserError(f"first: must be between 1 and {MAX_PATHS}, got {first}")
        projection = ctx.build.graph_projection()
        start = ctx.iri(from_, "node")
        end = ctx.iri(to, "node") if to else None
        for iri, name in ((start, "from"), (end, "to")):
            if iri and iri not in projection.graph:
                raise UserError(f"{name}: no entity {iri!r} in the graph")
        paths = find_paths(projection, start, end, max_hops, first, recorded_by=recorded_by)
        # every entity and evidence node on every path, in one round trip
        ctx.describer.get_many(
            i for p in paths for s in p for i in (s.source, s.target, s.evidence)
        )
        return paths


schema = graphene.Schema(query=Query, types=[Proposal])
