"""Gaps: what the graph says is missing, so analysts and curators know where to look next.

A gap is either a hole in accountability (no lead body, no legal vehicle, no reported
progress, a finding nobody acts on, a bill never enacted) or a hole in the evidence (every fact
about a recommendation rests on sources no primary source confirms). Each kind is defined in
GAP_KINDS; the definitions are the contract, so change them only with the tests.

Round trips: two SELECTs, whatever the size of the graph.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ontology.vocabulary import ROLE, STATUS

from ..rules import addressed as addressed_rule
from ..rules import status as status_rule
from ..store import Store
from ._facts import RecommendationFacts, natural_key, recommendation_facts

#: Each kind of gap, in the order gaps are listed, with what it means.
GAP_KINDS = {
    "recommendation-without-lead": "no body holds the lead role for the recommendation",
    "recommendation-without-instrument": (
        "the recommendation has no instrument link and no cited no-instrument statement"
    ),
    "recommendation-without-status": "the recommendation has no dated status event",
    "recommendation-unconfirmed": (
        "every own fact of the recommendation (itself, its responsibilities, instrument links, "
        "no-instrument statements, response and status events) has pkg:confirmed false"
    ),
    "finding-unaddressed": "no recommendation addresses the finding",
    "bill-not-enacted": "the bill has no pkg:enactedAs",
    "body-without-progress": "see progressed() and bodies_without_progress()",
}


@dataclass(frozen=True)
class Gap:
    kind: str  # one of GAP_KINDS
    iri: str  # the entity with the gap
    label: str
    reason: str  # in words, with the facts that make it a gap

    def as_row(self) -> dict:
        return {"kind": self.kind, "iri": self.iri, "label": self.label, "reason": self.reason}


def gaps(store: Store) -> list[Gap]:
    """Every gap in the graph, ordered by kind (as in GAP_KINDS), then by IRI."""
    recs = recommendation_facts(store)
    found = [gap for rec in recs.values() for gap in recommendation_gaps(rec)]
    found += _finding_and_bill_gaps(store)
    found += bodies_without_progress(recs.values())
    order = list(GAP_KINDS)
    return sorted(found, key=lambda g: (order.index(g.kind), natural_key(g.iri)))


def recommendation_gaps(rec: RecommendationFacts) -> list[Gap]:
    found = []

    def gap(kind: str, reason: str) -> None:
        found.append(Gap(kind, rec.iri, rec.label, reason))

    if not any(r.role == ROLE.LEAD.token for r in rec.responsibilities):
        roles = ", ".join(f"{r.body_label} ({r.role})" for r in rec.responsibilities)
        gap("recommendation-without-lead", f"no lead body; responsibilities: {roles or 'none'}")
    if not rec.instruments and not rec.no_instrument:
        gap(
            "recommendation-without-instrument", "no instrument link and no no-instrument statement"
        )
    if not any(e.date for e in rec.status_events):
        gap("recommendation-without-status", "no dated status event")
    facts = rec.own_facts()
    if not any(confirmed for _node, confirmed in facts):
        gap("recommendation-unconfirmed", f"all {len(facts)} of its own facts are unconfirmed")
    return found


def progressed(rec: RecommendationFacts) -> bool:
    """Whether the recommendation shows reported progress.

    It does when its latest status (kg.rules.status, of its dated events) is not one of
    NO_PROGRESS (not started, stalled), and either that status is one of DONE (enacted, in
    force, delivered) or some status event is dated after its baseline.
    The baseline is the government response's issue date when the response is dated (the first
    event usually restates the response), otherwise the report's issue date. A recommendation
    with no dated status event shows no progress.
    """
    dated = [e for e in rec.status_events if e.date]
    latest = STATUS.by_notation(dated[-1].value) if dated else None
    if latest is None or latest in status_rule.NO_PROGRESS:
        return False
    if latest in status_rule.DONE:
        return True
    baseline = rec.response.date if rec.response and rec.response.date else rec.issued
    return any(e.date > (baseline or dt.date.min) for e in dated)


def bodies_without_progress(recs) -> list[Gap]:
    """Bodies responsible (in any role) for at least one recommendation, none of which
    progressed() (responsibilities of proposals restate their recommendation's, so only
    recommendations count)."""
    held: dict[str, list[RecommendationFacts]] = {}
    labels: dict[str, str] = {}
    for rec in recs:
        for r in rec.responsibilities:
            held.setdefault(r.body, []).append(rec)
            labels[r.body] = r.body_label
    found = []
    for body, its_recs in sorted(held.items()):
        if any(progressed(rec) for rec in its_recs):
            continue
        keys = sorted({(rec.report_key, rec.number) for rec in its_recs})
        listed = ", ".join(f"{k}/{n}" for k, n in keys)
        reason = (
            f"responsible for {len(keys)} recommendation(s), none with reported progress: {listed}"
        )
        found.append(Gap("body-without-progress", body, labels[body], reason))
    return found


def _finding_and_bill_gaps(store: Store) -> list[Gap]:
    rows = store.select(f"""
        SELECT DISTINCT ?kind ?x ?label ?report WHERE {{
          {{ ?x a pkg:Finding . BIND("finding-unaddressed" AS ?kind)
            {addressed_rule.sparql(False, "?x")}
            OPTIONAL {{ ?x pkg:report/pkg:key ?report }} }}
          UNION {{ ?x a pkg:Bill . BIND("bill-not-enacted" AS ?kind)
            FILTER NOT EXISTS {{ ?x pkg:enactedAs ?act }} }}
          OPTIONAL {{ ?x rdfs:label ?label }}
        }}""")
    found = []
    for row in rows:
        kind, iri = row["kind"].value, row["x"].value
        label = row["label"].value if "label" in row else iri
        if kind == "finding-unaddressed":
            report = row["report"].value if "report" in row else "?"
            found.append(Gap(kind, iri, label, f"no recommendation addresses it ({report})"))
        else:
            found.append(Gap(kind, iri, label, "no enactedAs: not recorded as enacted"))
    return found
