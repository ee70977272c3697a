"""A recommendation's latest status: one rule, as a Python sort key and as SPARQL.

The latest status event is the one with the latest date. Two events of the same date are
ordered by their status's place in delivery order (the ontology's `pkg:order` on the delivery
statuses: the status further along wins), and two events of the same date and status by their
IRIs (the greater wins), so that every reader picks the same event.

Time as an axis: every event has two dates, when it took effect (`pkg:date`) and when a source
first recorded it (`pkg:recorded`, the earliest issue date of the sources it cites; an event
without one counts as recorded on its own date). Asked `as_of` a day, the rule leaves out the
events dated after it (what held on that day); asked `recorded_by` a day, the events recorded
after it (what had been published by then). Either, both or neither may be given; the latest of
the events left is chosen by the same rule, ties included. With neither, the answer is today's.

GraphQL's `status` field and `recommendations(status:, statusNotIn:)`, the network view's
`?status=`, the entity pages and the analyses all use it.
"""

from __future__ import annotations

import datetime as dt
import re
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


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def day(value) -> str:
    """A day as ISO text, from a date or text written YYYY-MM-DD; ValueError if it is neither
    (or no such day). The text is safe to put in a query."""
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    if not _DAY.fullmatch(text):
        raise ValueError(f"not a date written YYYY-MM-DD: {text!r}")
    return dt.date.fromisoformat(text).isoformat()


def known(date, recorded, *, as_of=None, recorded_by=None) -> bool:
    """Whether an event dated `date` and recorded on `recorded` (None: unknown, which counts as
    recorded on its own date) is in view: dated on or before `as_of` and recorded on or before
    `recorded_by` (either None: no limit). Dates are dates or their ISO text."""
    if as_of is not None and day(date) > day(as_of):
        return False
    if recorded_by is not None:
        return day(recorded if recorded is not None else date) <= day(recorded_by)
    return True


def in_order(events: list[T], date: Callable[[T], Any], status: Callable[[T], Concept | None],
             iri: Callable[[T], str], *, as_of=None, recorded_by=None,
             recorded: Callable[[T], Any] | None = None) -> list[T]:  # fmt: skip
    """`events` from the earliest to the latest by sort_key; the last is the latest. `status`
    is asked only of events that share a date with another (reading it costs a lookup).

    With `as_of` or `recorded_by` (dates or ISO text), only the events `known` then, in the
    same order; `recorded` gives an event's recorded date (None if it has none), and is asked
    only when `recorded_by` is given."""
    if as_of is not None or recorded_by is not None:
        if recorded_by is not None and recorded is None:
            raise TypeError("recorded_by needs `recorded`, the events' recorded dates")
        events = [e for e in events
                  if known(date(e), recorded(e) if recorded_by is not None else None,
                           as_of=as_of, recorded_by=recorded_by)]  # fmt: skip
    ordered = sorted(events, key=lambda e: (date(e), iri(e)))
    if len({date(e) for e in ordered}) == len(ordered):  # no two on one date
        return ordered
    return sorted(ordered, key=lambda e: sort_key(date(e), status(e), iri(e)))


def latest(events: list[T], date: Callable[[T], Any], status: Callable[[T], Concept | None],
           iri: Callable[[T], str]) -> T | None:  # fmt: skip
    """The last of `in_order(events, date, status, iri)` (None if there are none), without
    sorting them all: `status` is asked only of events that share the latest date."""
    if len(events) < 2:
        return events[0] if events else None
    dates = [date(e) for e in events]
    top = max(dates)
    tied = [events[i] for i, d in enumerate(dates) if d == top]  # zip(strict=) costs more
    if len(tied) == 1:
        return tied[0]
    return max(tied, key=lambda e: sort_key(top, status(e), iri(e)))


def _rank(status: str) -> str:
    """An expression for the place in delivery order of the status `status` (0 if unknown): a
    chain of IFs rather than a VALUES join, so the engine orders events without a join."""
    expression = "0"
    for concept in STATUS:
        expression = f"IF({status} = <{concept.iri}>, {concept.order}, {expression})"
    return expression


def known_sparql(event: str, date: str, recorded: str, *, as_of=None, recorded_by=None) -> str:
    """SPARQL for `known`: the event `event` dated `date` is in view (`recorded` names a fresh
    variable for its recorded date). Empty with neither limit."""
    parts = []
    if as_of is not None:
        parts.append(f'FILTER({date} <= "{day(as_of)}"^^xsd:date)')
    if recorded_by is not None:
        # EXISTS rather than OPTIONAL and COALESCE: Virtuoso cannot compile an OPTIONAL in the
        # FILTER NOT EXISTS of the SPARQL 1.1 form
        limit = f'"{day(recorded_by)}"^^xsd:date'
        said = f"EXISTS {{ {event} pkg:recorded {recorded} FILTER({recorded} <= {limit}) }}"
        unsaid = f"!EXISTS {{ {event} pkg:recorded {recorded}_any }} && {date} <= {limit}"
        parts.append(f"FILTER({said} || ({unsaid}))")
    return " ".join(parts)


def latest_in(status_iris: list[str], *, negate: bool, lateral: bool, node: str = "?s",
              as_of=None, recorded_by=None) -> str:  # fmt: skip
    """A SPARQL pattern: the latest status of the recommendation `node` is one of
    `status_iris` (with `negate`: it has no status, or one not among them); with `as_of` or
    `recorded_by`, the latest of the events `known` then.

    With `lateral` (engines with Oxigraph's LATERAL), the latest event is found once per
    recommendation; the standard SPARQL 1.1 form says "no later event exists", which some
    engines evaluate over every event in the store."""
    values = ", ".join(f"<{iri}>" for iri in status_iris)
    when = {"as_of": as_of, "recorded_by": recorded_by}
    if lateral:
        latest = f"""LATERAL {{ OPTIONAL {{ SELECT {node} ?latest WHERE {{
            {node} pkg:statusEvent ?e . ?e pkg:status ?latest ; pkg:date ?d .
            {known_sparql("?e", "?d", "?erec", **when)}
            BIND({_rank("?latest")} AS ?rank) }}
            ORDER BY DESC(?d) DESC(?rank) DESC(STR(?e)) LIMIT 1 }} }}"""
        test = (
            f"!BOUND(?latest) || ?latest NOT IN ({values})" if negate else f"?latest IN ({values})"
        )
        return f"{latest} FILTER({test})"
    latest = f"""
        {node} pkg:statusEvent ?e . ?e pkg:status ?status ; pkg:date ?d .
        {known_sparql("?e", "?d", "?erec", **when)}
        FILTER NOT EXISTS {{ {node} pkg:statusEvent ?later . ?later pkg:date ?ld ; pkg:status ?ls
                            {known_sparql("?later", "?ld", "?lrec", **when)}
                            FILTER(?ld > ?d || (?ld = ?d && ({_rank("?ls")} > {_rank("?status")}
                                   || (?ls = ?status && STR(?later) > STR(?e))))) }}
        FILTER(?status IN ({values}))"""
    if negate:
        return f"FILTER NOT EXISTS {{ {latest} }}"
    # A subquery, not the bare pattern: Virtuoso 7.2 drops every answer when the pattern is
    # joined with a path from the same node (`?s pkg:report ?r . ?r pkg:key ?rk`) while an
    # event without pkg:recorded is in view (tests/kg/store/test_as_of_remote.py).
    return f"{{ SELECT DISTINCT {node} WHERE {{ {latest} }} }}"
