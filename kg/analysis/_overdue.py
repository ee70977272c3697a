"""Overdue targets: dated commitments whose day has passed with no sign they were kept.

The rule (its one home; `kg analyse overdue`, GraphQL `overdue` and the tests use it): a target
is *overdue* on a day D when
- it was due before D;
- it was not met on or before D (no `pkg:met` with a date on or before D: a target whose
  outcome is unknown counts as not met, so "overdue" means "not known to be met");
- no target that revises it was set on or before D. A revision is set on its recorded date
  (`pkg:recorded`, the earliest issue date of the sources it cites); a revision with no recorded
  date counts as set whatever D is: the record that revises a target comes after it, and with
  no date that order is all there is to go on;
- its recommendation's latest status on D (kg.rules.status, of the events dated on or before D)
  is not one of kg.rules.status.DONE (enacted, in force, delivered).
It is late by the days from its due date to D. Its revisions are the due dates of the targets it
replaces, following `pkg:revises` back to the first (oldest first).

`overdue_on` is the rule in Python, over facts already read; `overdue` reads the facts (one
SELECT, whatever the size of the graph) and applies it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from ontology.vocabulary import STATUS, Concept

from ..rules import confirmed as confirmed_rule
from ..rules import status as status_rule
from ..store import Store
from ._facts import natural_key


@dataclass(frozen=True)
class StatusFact:
    node: str
    date: dt.date
    status: Concept | None


@dataclass(frozen=True)
class TargetFacts:
    """What the rule needs to know of one target."""

    iri: str
    key: str
    recommendation: str  # its IRI
    recommendation_key: str  # REPORT-KEY/NUMBER
    commitment: str
    due: dt.date
    revises: str | None = None  # the IRI of the earlier target it replaces
    recorded: dt.date | None = None  # when it was set: see the module's docstring
    met: dt.date | None = None
    confirmed: bool = False


@dataclass(frozen=True)
class OverdueTarget:
    target: str
    key: str
    recommendation: str
    recommendation_key: str
    commitment: str
    due: dt.date
    as_of: dt.date
    days_late: int
    revisions: tuple[dt.date, ...]  # due dates of the targets it replaces, oldest first
    status: str | None  # the recommendation's latest status on as_of (its notation), if any
    confirmed: bool  # the target's own flag

    def as_row(self) -> dict:
        return {
            "target": self.target,
            "key": self.key,
            "recommendation": self.recommendation,
            "recommendation_key": self.recommendation_key,
            "commitment": self.commitment,
            "due": self.due.isoformat(),
            "as_of": self.as_of.isoformat(),
            "days_late": self.days_late,
            "revisions": "; ".join(d.isoformat() for d in self.revisions),
            "status": self.status,
            "confirmed": self.confirmed,
        }


def latest_status(events: list[StatusFact], as_of: dt.date) -> Concept | None:
    """The latest status on `as_of` (kg.rules.status), or None when no event is dated by then."""
    known = status_rule.in_order(events, date=lambda e: e.date, status=lambda e: e.status,
                                 iri=lambda e: e.node, as_of=as_of)  # fmt: skip
    return known[-1].status if known else None


def revisions(target: TargetFacts, by_iri: dict[str, TargetFacts]) -> tuple[dt.date, ...]:
    """The due dates of the targets `target` replaces, oldest first."""
    found, seen, step = [], {target.iri}, target.revises
    while step is not None and step in by_iri and step not in seen:
        seen.add(step)
        found.append(by_iri[step].due)
        step = by_iri[step].revises
    return tuple(reversed(found))


def overdue_on(
    targets: Iterable[TargetFacts], statuses: dict[str, list[StatusFact]], as_of: dt.date
) -> list[OverdueTarget]:
    """The targets overdue on `as_of` (see the module's docstring), the longest overdue first,
    then by recommendation and key. `statuses` holds each recommendation's status events."""
    targets = list(targets)
    by_iri = {t.iri: t for t in targets}
    revised = {
        t.revises
        for t in targets
        if t.revises is not None and (t.recorded is None or t.recorded <= as_of)
    }
    found = []
    for t in targets:
        if t.due >= as_of or (t.met is not None and t.met <= as_of) or t.iri in revised:
            continue
        status = latest_status(statuses.get(t.recommendation, []), as_of)
        if status in status_rule.DONE:
            continue
        found.append(
            OverdueTarget(
                t.iri, t.key, t.recommendation, t.recommendation_key, t.commitment, t.due, as_of,
                (as_of - t.due).days, revisions(t, by_iri), status and status.notation,
                t.confirmed,
            )
        )  # fmt: skip
    return sorted(found, key=lambda o: (o.due, natural_key(o.recommendation), o.key))


QUERY = """
SELECT ?what ?rec ?node ?key ?text ?date ?revises ?recorded ?met ?confirmed ?report ?number
WHERE {
  { ?rec pkg:target ?node . BIND("target" AS ?what)
    ?node pkg:key ?key ; pkg:commitment ?text ; pkg:due ?date .
    OPTIONAL { ?node pkg:revises ?revises }
    OPTIONAL { ?node pkg:recorded ?recorded }
    OPTIONAL { ?node pkg:met/pkg:date ?met }
    OPTIONAL { ?node pkg:confirmed ?confirmed }
    OPTIONAL { ?rec pkg:report/pkg:key ?report ; pkg:number ?number } }
  UNION
  { ?rec pkg:statusEvent ?node . ?node pkg:status ?text ; pkg:date ?date .
    FILTER EXISTS { ?rec pkg:target ?any } BIND("status" AS ?what) }
}"""


def _date(row: dict, name: str) -> dt.date | None:
    return dt.date.fromisoformat(row[name].value) if name in row else None


def target_facts(store: Store) -> tuple[list[TargetFacts], dict[str, list[StatusFact]]]:
    """Every target, and the status events of the recommendations that have one (one SELECT)."""
    targets: dict[str, TargetFacts] = {}
    statuses: dict[str, dict[str, StatusFact]] = {}
    for row in store.select(QUERY):
        rec, node, text = row["rec"].value, row["node"].value, row["text"].value
        date = _date(row, "date")
        if row["what"].value == "status":
            statuses.setdefault(rec, {})[node] = StatusFact(node, date, STATUS.by_iri(text))
            continue
        report = row["report"].value if "report" in row else None
        targets[node] = TargetFacts(
            iri=node,
            key=row["key"].value,
            recommendation=rec,
            recommendation_key=f"{report}/{row['number'].value}" if report else rec,
            commitment=text,
            due=date,
            revises=row["revises"].value if "revises" in row else None,
            recorded=_date(row, "recorded"),
            met=_date(row, "met"),
            confirmed="confirmed" in row and confirmed_rule.holds(row["confirmed"].value),
        )
    return list(targets.values()), {rec: list(e.values()) for rec, e in statuses.items()}


def overdue(store: Store, as_of: dt.date | None = None) -> list[OverdueTarget]:
    """The targets overdue on `as_of` (default today): one SELECT."""
    targets, statuses = target_facts(store)
    return overdue_on(targets, statuses, as_of or dt.date.today())
