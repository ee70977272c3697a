"""Recommendations counted by a dimension (`recommendationCounts`), and the filters it shares
with `recommendations`: one list of arguments and one mapping onto kg.api.lists, so a count and
the list it counts cannot disagree.

A count is taken over the filtered list: the list's query (kg.api.lists.recommendations) gives
the recommendations, and the facts of the dimension are read for all of them at once through
the request's describer (a round trip per step, whatever the number of recommendations), then
counted here with the same code as the fields that show them: the latest status is
`types.status_history` (kg.rules.status), as `Recommendation.status` answers.
"""

from __future__ import annotations

from dataclasses import dataclass

import graphene

from ontology.vocabulary import ROLE, STANCE, STATUS

from . import lists
from .context import RequestContext
from .types import (
    CONFIRMED_ARG,
    PKG,
    RDFS,
    DeliveryStatus,
    ResponseStance,
    ResponsibilityRole,
    _one,
    _out,
    status_history,
)

#: The key of the group of recommendations with no value in a dimension (no status, no
#: response, no lead body, no theme).
NONE = "none"
#: What each dimension's group without a value is called.
NONE_LABELS = {
    "STATUS": "no status reported",
    "STANCE": "no government response",
    "BODY": "no lead body",
    "THEME": "no theme",
    "REPORT": "no report",
}


class CountDimension(graphene.Enum):
    """What recommendations are counted by."""

    STATUS = "STATUS"
    STANCE = "STANCE"
    BODY = "BODY"
    THEME = "THEME"
    REPORT = "REPORT"

    @property
    def description(self):
        return {
            "STATUS": "the latest reported status (kg.rules.status; asOf and recordedBy apply)",
            "STANCE": "the government response's stance",
            "BODY": "the lead body (a recommendation with two leads counts under both)",
            "THEME": "the themes (a recommendation with two themes counts under both)",
            "REPORT": "the report that makes the recommendation",
        }[self.name]


class RecommendationCount(graphene.ObjectType):
    """How many of the filtered recommendations have one value of a dimension."""

    key = graphene.String(
        required=True,
        description="the value: a DeliveryStatus or ResponseStance name, or a body's, theme's "
        f'or report\'s key; "{NONE}" for the recommendations with no value',
    )
    label = graphene.String(required=True, description="the value in words")
    id = graphene.ID(description="the body's, theme's or report's IRI (null otherwise)")
    count = graphene.Int(required=True)


@dataclass(frozen=True)
class Count:
    key: str
    label: str
    id: str | None
    count: int


def recommendation_filters() -> dict:
    """The filter arguments of `recommendations` and `recommendationCounts` (fresh each call)."""
    return {
        "report": graphene.ID(),
        "body": graphene.ID(),
        "role": graphene.Argument(
            ResponsibilityRole,
            description="with `body`: only where the body holds this role (alone: any body)",
        ),
        "instrument": graphene.ID(description="an instrument's IRI; its parts count too"),
        "theme": graphene.ID(),
        "status": graphene.Argument(DeliveryStatus, description="the latest status"),
        "status_not_in": graphene.List(
            graphene.NonNull(DeliveryStatus),
            description="the latest status is none of these (recommendations with no status "
            "count as not in any)",
        ),
        "stance": graphene.Argument(ResponseStance, description="the government's stance"),
        "echoing": graphene.Boolean(description="true: only those repeating an earlier report's"),
        "text": graphene.String(),
        "confirmed": CONFIRMED_ARG,
        "as_of": graphene.Date(description="`status` and `statusNotIn` answer for this day"),
        "recorded_by": graphene.Date(
            description="`status` and `statusNotIn` answer with what had been recorded by this day"
        ),
    }


def filtered_recommendations(ctx: RequestContext, *, report=None, body=None, role=None,
                             instrument=None, theme=None, status=None, status_not_in=None,
                             stance=None, echoing=None, text=None, confirmed=None,
                             as_of=None, recorded_by=None) -> list[str]:  # fmt: skip
    """The IRIs of the recommendations the filters (GraphQL's arguments) keep, in list order."""

    def iri(ident, kind):
        return ctx.iri(ident, kind) if ident else None

    return lists.recommendations(
        ctx.build.store,
        report=iri(report, "report"),
        body=iri(body, "body"),
        role_iri=ROLE.by_notation(role.value).iri if role is not None else None,
        instrument=iri(instrument, "instrument"),
        theme=iri(theme, "theme"),
        status_iri=STATUS.by_notation(status.value).iri if status is not None else None,
        status_not_in=[STATUS.by_notation(s.value).iri for s in status_not_in or ()],
        stance_iri=STANCE.by_notation(stance.value).iri if stance is not None else None,
        echoing=echoing,
        text=text,
        confirmed=confirmed,
        as_of=as_of,
        recorded_by=recorded_by,
    )


def _entity(d) -> tuple[str, str, str]:
    return d.text(PKG.key) or d.iri, d.text(RDFS.label) or d.iri, d.iri


def _values(info, by: str, d, as_of, recorded_by) -> set[tuple[str, str, str | None]]:
    """The (key, label, id) of each value recommendation `d` has in dimension `by`."""
    if by == "STATUS":
        history = status_history(info, d, as_of, recorded_by)
        concept = STATUS.by_iri(history[-1].text(PKG.status)) if history else None
        return {(concept.notation, concept.label, None)} if concept else set()
    if by == "STANCE":
        response = _one(info, d, PKG.response)
        concept = STANCE.by_iri(response.text(PKG.stance)) if response else None
        return {(concept.notation, concept.label, None)} if concept else set()
    if by == "BODY":
        held = [r for r in _out(info, d, PKG.responsibility) if r.text(PKG.role) == ROLE.LEAD.iri]
        return {_entity(body) for r in held for body in _out(info, r, PKG.body)}
    if by == "THEME":
        return {_entity(theme) for theme in _out(info, d, PKG.theme)}
    return {_entity(report) for report in _out(info, d, PKG.report)}


def count(info, by: str, iris: list[str], as_of=None, recorded_by=None) -> list[Count]:
    """The recommendations `iris` counted by `by`: a row per value with a count above 0, in the
    scheme's order (STATUS, STANCE) or by count, then label (entities); the row of those with
    no value last."""
    recommendations = info.context.describer.get_many(iris)
    tally: dict[tuple, int] = {}
    without = 0
    for d in recommendations:
        found = _values(info, by, d, as_of, recorded_by)
        without += not found
        for value in found:
            tally[value] = tally.get(value, 0) + 1
    if by in ("STATUS", "STANCE"):
        scheme = STATUS if by == "STATUS" else STANCE
        order = {c.notation: c.order for c in scheme}
        ranked = sorted(tally.items(), key=lambda item: order[item[0][0]])
    else:
        ranked = sorted(tally.items(), key=lambda item: (-item[1], item[0][1], item[0][0]))
    rows = [Count(key, label, iri, n) for (key, label, iri), n in ranked]
    if without:
        rows.append(Count(NONE, NONE_LABELS[by], None, without))
    return rows


class CountsQuery(graphene.ObjectType):
    recommendation_counts = graphene.List(
        graphene.NonNull(RecommendationCount),
        required=True,
        by=graphene.Argument(CountDimension, required=True),
        description="The recommendations `recommendations` gives for the same filters, counted "
        "by `by`: one row per value with a count above 0 (a status or stance in the scheme's "
        f'order, else by count), then "{NONE}" for those with no value. A single-valued '
        "dimension's counts add up to the list's length.",
        **recommendation_filters(),
    )

    def resolve_recommendation_counts(root, info, by, **filters):
        iris = filtered_recommendations(info.context, **filters)
        name = by.name if hasattr(by, "name") else str(by)
        return count(info, name, iris, filters.get("as_of"), filters.get("recorded_by"))
