"""A recommendation's latest status: one rule, as a Python sort key and as SPARQL.

The latest status event is the one with the latest date. Two events of the same date are
ordered by their status's place in delivery order (the ontology's `pkg:order` on the delivery
statuses: the status further along wins), and two events of the same date and status by their
IRIs (the greater wins), so that every reader picks the same event.

GraphQL's `status` field and `recommendations(status:, statusNotIn:)`, the network view's
`?status=`, the entity pages and the analyses all use it.
"""

from __future__ import annotations

from ontology.vocabulary import STATUS, Concept

#: Delivery statuses that never count as progress, and those that count even alone.
NO_PROGRESS = frozenset({STATUS.NOT_STARTED, STATUS.STALLED})
DONE = frozenset({STATUS.ENACTED, STATUS.IN_FORCE, STATUS.DELIVERED})


def sort_key(date, status: Concept | None, event_iri: str) -> tuple:
    """Events sorted by this key run from the earliest to the latest; the last is the latest.
    `date` is anything that orders like a date (a date, or its ISO text); an event without a
    known status sorts first among its date's."""
    return (date, status.order if status else 0, event_iri)


def _ranks(status: str, rank: str) -> str:
    """A VALUES block giving each delivery status its place in delivery order."""
    rows = " ".join(f"(<{c.iri}> {c.order})" for c in STATUS)
    return f"VALUES ({status} {rank}) {{ {rows} }}"


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
            {_ranks("?latest", "?rank")} }}
            ORDER BY DESC(?d) DESC(?rank) DESC(STR(?e)) LIMIT 1 }} }}"""
        test = (
            f"!BOUND(?latest) || ?latest NOT IN ({values})" if negate else f"?latest IN ({values})"
        )
        return f"{latest} FILTER({test})"
    latest = f"""
        {node} pkg:statusEvent ?e . ?e pkg:status ?status ; pkg:date ?d .
        {_ranks("?status", "?rank")}
        FILTER NOT EXISTS {{ {node} pkg:statusEvent ?later .
                            ?later pkg:date ?ld ; pkg:status ?ls . {_ranks("?ls", "?lrank")}
                            FILTER(?ld > ?d || (?ld = ?d && (?lrank > ?rank
                                   || (?lrank = ?rank && STR(?later) > STR(?e))))) }}
        FILTER(?status IN ({values}))"""
    return f"FILTER NOT EXISTS {{ {latest} }}" if negate else latest
