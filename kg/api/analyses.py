"""GraphQL fields for the analyses (kg.analysis): gaps, recurrence (repeated calls and recurring
problems), body load, clusters, overdue targets.

Each result links back to the graph's own types (a gap's entity, a chain's recommendations, a
body's load), so a client can ask for citations and anything else from there.
"""

from __future__ import annotations

import datetime as dt

import graphene

from .types import Body, DeliveryStatus, Entity, Finding, Recommendation, Report, Target, Theme


def _node(info, iri: str | None):
    return info.context.describer.get(iri) if iri else None


def _first(found: list, first: int | None) -> list:
    return found if first is None else found[: max(first, 0)]


def _nodes(info, iris):
    return info.context.describer.get_many(iris)


class Gap(graphene.ObjectType):
    kind = graphene.String(required=True, description="one of the gap kinds, e.g. "
                           "recommendation-without-status")  # fmt: skip
    entity = graphene.Field(Entity, required=True)
    label = graphene.String(required=True)
    reason = graphene.String(required=True)

    def resolve_entity(gap, info):
        return _node(info, gap.iri)


class ChainLink(graphene.ObjectType):
    recommendation = graphene.Field(Recommendation, required=True)
    report = graphene.Field(Report, required=True)
    issued = graphene.Date()
    number = graphene.Int(required=True)
    confirmed = graphene.Boolean(required=True)
    status = graphene.String(description="its latest delivery status, if any")

    def resolve_recommendation(link, info):
        return _node(info, link.recommendation)

    def resolve_report(link, info):
        return _node(info, info.context.iri(link.report, "report"))


class ProblemLink(graphene.ObjectType):
    """A finding in a chain of findings of the same failure."""

    finding = graphene.Field(Finding, required=True)
    report = graphene.Field(Report, required=True)
    issued = graphene.Date()
    key = graphene.String(required=True, description="the finding's key, unique in its report")
    confirmed = graphene.Boolean(required=True, description="the finding's own flag")

    def resolve_finding(link, info):
        return _node(info, link.finding)

    def resolve_report(link, info):
        return _node(info, info.context.iri(link.report, "report"))


class RecurringProblem(graphene.ObjectType):
    """A failure found again across reports: the latest finding and every earlier finding it
    echoes, back to the earliest report that found it."""

    finding = graphene.Field(Finding, required=True, description="the latest finding")
    chain = graphene.List(graphene.NonNull(ProblemLink), required=True, description="oldest first")
    reports = graphene.Int(required=True, description="distinct reports that found it")
    earliest_report = graphene.Field(Report, required=True)
    earliest_issued = graphene.Date()
    years_since = graphene.Float(description="years from the earliest report to asOf")
    themes = graphene.List(graphene.NonNull(graphene.String), required=True)
    addressed_by = graphene.List(
        graphene.NonNull(Recommendation), required=True,
        description="recommendations that address any finding of the chain",
    )  # fmt: skip
    confirmed = graphene.Boolean(
        required=True, description="every finding and every echoes link of the chain is confirmed"
    )

    def resolve_finding(problem, info):
        return _node(info, problem.finding)

    def resolve_earliest_report(problem, info):
        return _node(info, info.context.iri(problem.earliest_report, "report"))

    def resolve_addressed_by(problem, info):
        return _nodes(info, problem.addressed_by)


def _problem_entities(context, problems) -> list[str]:
    """Every entity a recurring problem may name, to read in one round trip."""
    return (
        [p.finding for p in problems]
        + [link.finding for p in problems for link in p.chain]
        + [rec for p in problems for rec in p.addressed_by]
        + [context.iri(key, "report") for p in problems
           for key in [p.earliest_report, *(link.report for link in p.chain)]]
    )  # fmt: skip


class RecurringIssue(graphene.ObjectType):
    """A call repeated across reports: the latest recommendation and everything it echoes."""

    recommendation = graphene.Field(Recommendation, required=True, description="the latest call")
    chain = graphene.List(graphene.NonNull(ChainLink), required=True, description="oldest first")
    reports = graphene.Int(required=True, description="distinct reports that made the call")
    earliest_report = graphene.Field(Report, required=True)
    earliest_issued = graphene.Date()
    latest_status = graphene.String()
    outstanding = graphene.Boolean(required=True)
    years_outstanding = graphene.Float()
    themes = graphene.List(graphene.NonNull(graphene.String), required=True)
    problems = graphene.List(
        graphene.NonNull(RecurringProblem), required=True,
        description="the recurring problems (failures found again) that a call of the chain "
        "addresses",
    )  # fmt: skip

    def resolve_recommendation(issue, info):
        return _node(info, issue.recommendation)

    def resolve_earliest_report(issue, info):
        return _node(info, info.context.iri(issue.earliest_report, "report"))


class BodyLoad(graphene.ObjectType):
    body = graphene.Field(Body, required=True)
    lead = graphene.Int(required=True)
    partner = graphene.Int(required=True)
    consulted = graphene.Int(required=True)
    total = graphene.Int(required=True)
    centrality = graphene.Float(required=True, description="share of finding-to-statute "
                                "shortest paths that run through the body (0 to 1)")  # fmt: skip
    centrality_estimated = graphene.Boolean(
        required=True,
        description="true when the graph was too large for the exact centrality: it is then "
        "estimated from a fixed sample of path ends",
    )

    def resolve_body(load, info):
        return _node(info, load.body)


class Cluster(graphene.ObjectType):
    number = graphene.Int(required=True)
    members = graphene.List(graphene.NonNull(Recommendation), required=True)
    themes = graphene.List(graphene.NonNull(Theme), required=True)
    bodies = graphene.List(graphene.NonNull(Body), required=True)

    def resolve_members(cluster, info):
        return _nodes(info, cluster.members)

    def resolve_themes(cluster, info):
        return _nodes(info, [shared.iri for shared in cluster.themes])

    def resolve_bodies(cluster, info):
        return _nodes(info, [shared.iri for shared in cluster.bodies])


class OverdueTarget(graphene.ObjectType):
    """A target whose due date passed before `asOf` with no sign it was kept (kg.analysis:
    not met by then, not revised by a target set by then, its recommendation not done)."""

    target = graphene.Field(Target, required=True)
    recommendation = graphene.Field(Recommendation, required=True)
    commitment = graphene.String(required=True)
    due = graphene.Date(required=True)
    as_of = graphene.Date(required=True)
    days_late = graphene.Int(required=True, description="days from the due date to asOf")
    revisions = graphene.List(
        graphene.NonNull(graphene.Date), required=True,
        description="the due dates of the targets it replaces, oldest first",
    )  # fmt: skip
    status = graphene.Field(DeliveryStatus, description="the recommendation's latest status on "
                            "asOf, if any")  # fmt: skip
    confirmed = graphene.Boolean(required=True, description="the target's own flag")

    def resolve_target(row, info):
        return _node(info, row.target)

    def resolve_recommendation(row, info):
        return _node(info, row.recommendation)


class AnalysisQuery:
    """Root fields for the analyses (mixed into Query)."""

    gaps = graphene.List(
        graphene.NonNull(Gap), required=True,
        kind=graphene.String(description="only gaps of this kind"),
        first=graphene.Int(description="at most this many (all by default)"),
    )  # fmt: skip
    recurrence = graphene.List(
        graphene.NonNull(RecurringIssue), required=True,
        as_of=graphene.Date(description="count years outstanding to this date (default today)"),
        first=graphene.Int(description="at most this many, oldest first (default all)"),
    )  # fmt: skip
    recurring_problems = graphene.List(
        graphene.NonNull(RecurringProblem), required=True,
        description="failures that later reports found again (findings that echo earlier "
        "findings), each back to the earliest report that found it",
        as_of=graphene.Date(description="count years since to this date (default today)"),
        first=graphene.Int(description="at most this many, longest known first (default all)"),
    )  # fmt: skip
    body_load = graphene.List(graphene.NonNull(BodyLoad), required=True, first=graphene.Int())
    clusters = graphene.List(graphene.NonNull(Cluster), required=True)
    overdue = graphene.List(
        graphene.NonNull(OverdueTarget), required=True,
        as_of=graphene.Date(description="the day to judge targets on (default today)"),
        first=graphene.Int(description="at most this many, longest overdue first (default all)"),
    )  # fmt: skip

    def resolve_gaps(root, info, kind=None, first=None):
        found = info.context.build.analysis("gaps")
        found = _first([g for g in found if kind is None or g.kind == kind], first)
        info.context.describer.get_many(g.iri for g in found)  # one round trip for all
        return found

    def resolve_recurrence(root, info, as_of=None, first=None):
        issues = info.context.build.analysis("recurrence", as_of or dt.date.today())
        issues = _first(issues, first)
        context = info.context
        context.describer.get_many(  # every entity the answer may name, in one round trip
            [i.recommendation for i in issues]
            + [link.recommendation for i in issues for link in i.chain]
            + [context.iri(key, "report") for i in issues
               for key in [i.earliest_report, *(link.report for link in i.chain)]]
            + _problem_entities(context, [p for i in issues for p in i.problems])
        )  # fmt: skip
        return issues

    def resolve_recurring_problems(root, info, as_of=None, first=None):
        problems = info.context.build.analysis("recurring-problems", as_of or dt.date.today())
        problems = _first(problems, first)
        context = info.context
        context.describer.get_many(_problem_entities(context, problems))  # one round trip
        return problems

    def resolve_body_load(root, info, first=None):
        found = info.context.build.analysis("load")
        found = _first(found, first)
        info.context.describer.get_many(load.body for load in found)
        return found

    def resolve_clusters(root, info):
        found = info.context.build.analysis("clusters")
        info.context.describer.get_many(
            [m for c in found for m in c.members]
            + [x.iri for c in found for x in (*c.themes, *c.bodies)]
        )
        return found

    def resolve_overdue(root, info, as_of=None, first=None):
        found = info.context.build.analysis("overdue", as_of or dt.date.today())
        found = _first(found, first)
        info.context.describer.get_many(  # every entity the answer names, in one round trip
            [row.target for row in found] + [row.recommendation for row in found]
        )
        return found
