"""A recommendation's latest status: one rule, as a Python sort key and as SPARQL.

The latest status event is the one with the latest date. Two events of the same date are
ordered by their status's place in delivery order (the ontology's `pkg:order` on the delivery
statuses: the status further along wins), and two events of the same date and status by their
IRIs (the greater wins), so that every reader picks the same event.

GraphQL's `status` field and `recommendations(status:, statusNotIn:)`, the network view's
`?status=`, the entity pages and the analyses all use it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from ontology.vocabulary import STATUS, Concept

T = TypeVar("T")

#: Delivery statuses that never count as progress, and those that count even alone.
NO_PROGRESS = frozenset({STATUS.NOT_STARTED, STATUS.STALLED})
DONE = frozenset({STATUS.ENACTED, STATUS.IN_FORCE, STATUS.DELIVERED})


def sort_key(date, status: Concept | None, event_iri: str) -> tuple:
    """Events sorted by this key run from the earliest to the latest; the last is the latest.
    `date` is anything that orders like a date (a date, or its ISO text); an event without a
    known status sorts first among its date's."""
    return (date, status.order if status else 0, event_iri)


def in_order(events: list[T], date: Callable[[T], Any], status: Callable[[T], Concept | None],
             iri: Callable[[T], str]) -> list[T]:  # fmt: skip
    """`events` from the earliest to the latest by sort_key; the last is the latest. `status`
    is asked only of events that share a date with another (reading it costs a lookup)."""
    ordered = sorted(events, key=lambda e: (date(e), iri(e)))
    if len({date(e) for e in ordered}) == len(ordered):  # no two on one date
        return ordered
    return sorted(ordered, key=lambda e: sort_key(date(e), status(e), iri(e)))


def _rank(status: str) -> str:
    """An expression for the place in delivery order of the status `status` (0 if unknown): a
    chain of IFs rather than a VALUES join, so the engine orders events without a join."""
    expression = "0"
    for concept in STATUS:
        expression = f"IF({status} = <{concept.iri}>, {concept.order}, {expression})"
    return expression


def latest_in(status_iris: list[str], *, negate: bool, lateral: bool, node: str = "?s") -> str:
    """A SPARQL pattern: the latest status of the recommendation `node` is one of
    `status_iris` (with `negate`: it has no status, or one not among them).

    With `lateral` (engines with Oxigraph's LATERAL), the latest event is found once per
    recommendation; the standard SPARQL 1.1 form says "no later event exists", which some
    engines evaluate over every event in the store."""
    values = ", ".join(f"<{iri}>" for iri in status_iris)
    if lateral:
        latest = f"""LATERAL {{ OPTIONAL {{ SELECT {node} ?latest WHERE {{
            {node} pkg:statusEvent ?e . ?e pkg:status ?latest ; pkg:date ?d .
            BIND({_rank("?latest")} AS ?rank) }}
            ORDER BY DESC(?d) DESC(?rank) DESC(STR(?e)) LIMIT 1 }} }}"""
        test = (
            f"!BOUND(?latest) || ?latest NOT IN ({values})" if negate else f"?latest IN ({values})"
        )
        return f"{latest} FILTER({test})"
    latest = f"""
        {node} pkg:statusEvent ?e . ?e pkg:status ?status ; pkg:date ?d .
        FILTER NOT EXISTS {{ {node} pkg:statusEvent ?later . ?later pkg:date ?ld ; pkg:status ?ls
                            FILTER(?ld > ?d || (?ld = ?d && ({_rank("?ls")} > {_rank("?status")}
                                   || (?ls = ?status && STR(?later) > STR(?e))))) }}
        FILTER(?status IN ({values}))"""
    return f"FILTER NOT EXISTS {{ {latest} }}" if negate else latest
