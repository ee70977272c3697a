"""Claims the legal evidence does not bear out: where a recommendation's reported status (what
the government or a body says, kg.rules.status) and its legal status (what the cited chain of
bill, stages, Act and commencement shows, kg.rules.legal) disagree on a day.

The kinds, each a finding for the user rather than something to smooth over:
- `reported-enacted-not-enacted`: reported enacted, in force or delivered, with no Royal Assent
  in the evidence;
- `reported-in-force-not-in-force`: reported in force or delivered, enacted but not (wholly) in
  force;
- `reported-progress-no-bill`: reported in progress or legislating, and no bill carries it (or
  the only bill lapsed);
- `record-behind-law`: reported not started, in progress, stalled or legislating while the law
  has gone further (Royal Assent or later): the reported record is out of date.
Recommendations that ask no change to the law (no legal status) are never listed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from ontology.vocabulary import LEGAL_STAGE, STATUS

from ..rules import legal as legal_rule
from ..store import Store
from ._facts import natural_key, recommendation_facts
from ._legal import legal_facts
from ._traces import CitationRef, citations_of

REPORTED_DONE = frozenset({STATUS.ENACTED, STATUS.IN_FORCE, STATUS.DELIVERED})
REPORTED_IN_FORCE = frozenset({STATUS.IN_FORCE, STATUS.DELIVERED})
REPORTED_UNDER_WAY = frozenset({STATUS.IN_PROGRESS, STATUS.LEGISLATING})
REPORTED_NOT_DONE = frozenset(
    {STATUS.NOT_STARTED, STATUS.IN_PROGRESS, STATUS.STALLED, STATUS.LEGISLATING}
)
KINDS = (
    "reported-enacted-not-enacted",
    "reported-in-force-not-in-force",
    "reported-progress-no-bill",
    "record-behind-law",
)


@dataclass(frozen=True)
class Claim:
    kind: str
    recommendation: str
    recommendation_key: str
    label: str
    reported: str  # the latest reported status's notation
    reported_date: dt.date | None
    reported_event: str  # its IRI (its citations are the claim's source)
    legal: str  # the legal stage's notation
    legal_date: dt.date | None
    explanation: str
    evidence: tuple[legal_rule.Link, ...]
    as_of: dt.date
    #: The citations of each node the claim rests on: the reported event and each link.
    citations: dict[str, tuple[CitationRef, ...]]

    def as_row(self) -> dict:
        return {
            "kind": self.kind,
            "recommendation": self.recommendation,
            "recommendation_key": self.recommendation_key,
            "reported": self.reported,
            "reported_date": self.reported_date and self.reported_date.isoformat(),
            "legal": self.legal,
            "legal_date": self.legal_date and self.legal_date.isoformat(),
            "explanation": self.explanation,
            "as_of": self.as_of.isoformat(),
            "reported_source": "; ".join(
                c.text() for c in self.citations.get(self.reported_event, ())
            ),
            "evidence": " | ".join(self._link_text(link) for link in self.evidence),
        }

    def _link_text(self, link: legal_rule.Link) -> str:
        ends = link.subject.rsplit("/", 1)[-1] + (
            f" -> {link.object.rsplit('/', 1)[-1]}" if link.object else ""
        )
        when = f" ({link.date.isoformat()})" if link.date else ""
        cited = "; ".join(c.text() for c in self.citations.get(link.evidence, ())) or "uncited"
        return f"{link.step}: {ends}{when} [{cited}]"


def disagreement(reported, legal) -> tuple[str, str] | None:
    """The kind of disagreement between a reported status and a legal stage, with words."""
    stage = legal.order
    if reported in REPORTED_DONE and stage < LEGAL_STAGE.ROYAL_ASSENT.order:
        return KINDS[0], (f"reported {reported.label}, but the evidence shows no Royal Assent "
                          f"(furthest: {legal.label})")  # fmt: skip
    if reported in REPORTED_IN_FORCE and stage < LEGAL_STAGE.IN_FORCE.order:
        return KINDS[1], (f"reported {reported.label}, but the provisions that carry it are "
                          f"{legal.label}")  # fmt: skip
    if reported in REPORTED_UNDER_WAY and legal in (LEGAL_STAGE.NO_BILL, LEGAL_STAGE.BILL_LAPSED):
        return KINDS[2], f"reported {reported.label}, but {legal.label}: no bill carries it"
    if reported in REPORTED_NOT_DONE and stage >= LEGAL_STAGE.ROYAL_ASSENT.order:
        return KINDS[3], (f"reported {reported.label}, but the law has gone further: "
                          f"{legal.label}")  # fmt: skip
    return None


def claims(store: Store, as_of: dt.date | None = None) -> list[Claim]:
    """Every disagreement on `as_of` (default today), by recommendation: two SELECTs."""
    day = as_of or dt.date.today()
    legal = legal_facts(store)
    found = []
    for rec in sorted(recommendation_facts(store).values(), key=lambda r: natural_key(r.iri)):
        known = [e for e in rec.status_events if e.date is not None and e.date <= day]
        if not known:
            continue
        latest = known[-1]
        reported = STATUS.by_notation(latest.value)
        status = legal_rule.legal_status(rec.iri, legal, day)
        if reported is None or status is None:
            continue
        words = disagreement(reported, status.stage)
        if words is None:
            continue
        found.append(
            Claim(words[0], rec.iri, rec.key, rec.label, reported.notation, latest.date,
                  latest.node, status.stage.notation, status.date, words[1], status.links, day,
                  {})
        )  # fmt: skip
    nodes = {c.reported_event for c in found} | {
        link.evidence for c in found for link in c.evidence
    }
    cited = citations_of(store, nodes)
    return [Claim(**{**c.__dict__, "citations": cited}) for c in found]
