"""Recurrence: calls that earlier reports made and later reports had to make again.

`pkg:echoes` is the ground truth: a curator's cited statement that one recommendation repeats an
earlier one. An *issue* is the latest call and everything it echoes, transitively, back to the
earliest ancestor; it is outstanding while the latest call is not delivered, for as many years
as have passed since the earliest report made it.

Issues are chains, not connected components of the echoes graph: one recommendation may echo
two different calls (Casey 2025/6 echoes both IICSA's core data set and Telford's multi-agency
information sharing), which would weld ethnicity data and information sharing into one
component. Each issue keeps its component number as `group`, so overlapping issues can still
be shown together.

Themes add context, never facts: findings and recommendations of other reports, issued before
the chain's earliest call, on every theme of the latest call are listed as `precursors` (for
taxi licensing, Jay 2014 and Casey 2015 raised it years before Telford 2022 recommended
anything). They are also candidates for `echoes` links a curator may have missed.

Round trips: two SELECTs (one without precursors).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import networkx as nx

from ontology.vocabulary import KIND, STATUS

from ..store import Store
from ._facts import RecommendationFacts, natural_key, recommendation_facts

#: Latest statuses that close an issue.
DELIVERED = frozenset({STATUS.DELIVERED.notation, STATUS.IN_FORCE.notation})


@dataclass(frozen=True)
class ChainLink:
    recommendation: str
    report: str  # report key
    issued: dt.date | None  # the report's issue date
    number: int
    label: str
    confirmed: bool  # the recommendation's own flag
    status: str | None  # its latest delivery status, if any

    @property
    def key(self) -> str:
        return f"{self.report}/{self.number}"

    def as_row(self) -> dict:
        return {
            "recommendation": self.recommendation,
            "key": self.key,
            "report": self.report,
            "issued": _iso(self.issued),
            "number": self.number,
            "label": self.label,
            "confirmed": self.confirmed,
            "status": self.status,
        }


@dataclass(frozen=True)
class Precursor:
    """A finding or recommendation outside the chain, earlier than it, on all its latest themes."""

    entity: str
    kind: str  # Finding | Recommendation
    report: str
    issued: dt.date | None
    label: str

    def as_row(self) -> dict:
        return {
            "entity": self.entity,
            "kind": self.kind,
            "report": self.report,
            "issued": _iso(self.issued),
            "label": self.label,
        }


@dataclass(frozen=True)
class RecurringIssue:
    recommendation: str  # the latest call: echoes something, echoed by nothing
    label: str
    chain: tuple[ChainLink, ...]  # oldest first; the latest call is last
    echoes: tuple[tuple[str, str, bool], ...]  # (later, earlier, link confirmed) in the chain
    reports: int  # distinct reports that made the call
    earliest_report: str
    earliest_issued: dt.date | None
    latest_status: str | None
    outstanding: bool  # the latest call's latest status is not DELIVERED or IN_FORCE
    years_outstanding: float | None  # earliest issue date to `as_of`, when outstanding
    group: int  # the connected component of the echoes graph (1 = earliest)
    themes: tuple[str, ...]  # theme names of the latest call
    precursors: tuple[Precursor, ...]

    @property
    def confirmed(self) -> bool:
        """Every call and every echoes link in the chain is confirmed."""
        return all(c.confirmed for c in self.chain) and all(e[2] for e in self.echoes)

    def as_row(self) -> dict:
        return {
            "recommendation": self.recommendation,
            "label": self.label,
            "chain": " -> ".join(f"{c.key} ({_iso(c.issued)})" for c in self.chain),
            "reports": self.reports,
            "earliest_report": self.earliest_report,
            "earliest_issued": _iso(self.earliest_issued),
            "latest_status": self.latest_status,
            "outstanding": self.outstanding,
            "years_outstanding": self.years_outstanding,
            "group": self.group,
            "confirmed": self.confirmed,
            "themes": "; ".join(self.themes),
            "precursors": "; ".join(
                f"{p.report} ({_iso(p.issued)}): {p.label}" for p in self.precursors
            ),
        }


def recurrence(
    store: Store, as_of: dt.date | None = None, precursors: bool = True
) -> list[RecurringIssue]:
    """Every recurring issue, longest-standing first. `as_of` defaults to today."""
    as_of = as_of or dt.date.today()
    recs = recommendation_facts(store)
    graph = nx.DiGraph()
    for rec in recs.values():
        for earlier, confirmed in rec.echoes.items():
            if earlier in recs:
                graph.add_edge(rec.iri, earlier, confirmed=confirmed)
    groups = _groups(graph, recs)
    earlier_work = _earlier_work(store, recs) if precursors else []
    issues = [
        _issue(head, graph, recs, groups[head], earlier_work, as_of) for head in _heads(graph, recs)
    ]
    return sorted(
        issues, key=lambda i: (i.earliest_issued or dt.date.min, natural_key(i.recommendation))
    )


def _heads(graph: nx.DiGraph, recs: dict[str, RecommendationFacts]) -> list[str]:
    """The latest calls: echoed by nothing. A component that is only a cycle (a curation
    error) still yields one issue, headed by its latest member, rather than vanishing."""
    heads = []
    for component in nx.weakly_connected_components(graph):
        found = [n for n in component if graph.in_degree(n) == 0]
        heads += found or [max(component, key=lambda n: (_when(recs[n]), n))]
    return heads


def _issue(
    head: str,
    graph: nx.DiGraph,
    recs: dict[str, RecommendationFacts],
    group: int,
    earlier_work: list,
    as_of: dt.date,
) -> RecurringIssue:
    members = sorted((recs[n] for n in {head, *nx.descendants(graph, head)}), key=_when)
    first, latest = members[0], recs[head]
    status = latest.latest_status.value if latest.latest_status else None
    outstanding = status not in DELIVERED
    years = None
    if outstanding and first.issued:
        years = round((as_of - first.issued).days / 365.25, 1)
    links = graph.subgraph(r.iri for r in members).edges(data="confirmed")
    return RecurringIssue(
        recommendation=head,
        label=latest.label,
        chain=tuple(_link(r) for r in members),
        echoes=tuple(sorted(links)),
        reports=len({r.report for r in members}),
        earliest_report=first.report_key,
        earliest_issued=first.issued,
        latest_status=status,
        outstanding=outstanding,
        years_outstanding=years,
        group=group,
        themes=tuple(sorted(latest.themes.values())),
        precursors=_precursors(earlier_work, set(latest.themes), first.issued, members),
    )


def _when(rec: RecommendationFacts) -> tuple:
    return (rec.issued or dt.date.min, rec.report_key, rec.number)


def _link(rec: RecommendationFacts) -> ChainLink:
    status = rec.latest_status.value if rec.latest_status else None
    return ChainLink(
        rec.iri, rec.report_key, rec.issued, rec.number, rec.label, rec.confirmed, status
    )


def _groups(graph: nx.DiGraph, recs: dict[str, RecommendationFacts]) -> dict[str, int]:
    """Number the weakly connected components, the one with the earliest call first."""

    def when(n: str) -> tuple:
        return (_when(recs[n]), n)

    components = sorted(
        (sorted(c, key=when) for c in nx.weakly_connected_components(graph)),
        key=lambda c: when(c[0]),
    )
    return {n: i for i, c in enumerate(components, start=1) for n in c}


def _earlier_work(store: Store, recs: dict[str, RecommendationFacts]) -> list[tuple]:
    """(Precursor, theme IRIs) for every finding and recommendation that has themes."""
    work: dict[str, tuple[Precursor, set[str]]] = {}
    for row in store.select("""
        SELECT DISTINCT ?f ?label ?key ?issued ?theme WHERE {
          ?f a pkg:Finding ; pkg:report ?r ; pkg:theme ?theme . ?r pkg:key ?key .
          OPTIONAL { ?r dcterms:issued ?issued } OPTIONAL { ?f rdfs:label ?label } }"""):
        iri = row["f"].value
        if iri not in work:
            issued = dt.date.fromisoformat(row["issued"].value) if "issued" in row else None
            label = row["label"].value if "label" in row else iri
            work[iri] = (Precursor(iri, KIND.Finding.name, row["key"].value, issued, label), set())
        work[iri][1].add(row["theme"].value)
    for rec in recs.values():
        precursor = Precursor(
            rec.iri, KIND.Recommendation.name, rec.report_key, rec.issued, rec.label
        )
        work[rec.iri] = (precursor, set(rec.themes))
    return list(work.values())


def _precursors(
    work, themes: set[str], earliest: dt.date | None, members: list[RecommendationFacts]
) -> tuple[Precursor, ...]:
    if not themes or earliest is None:
        return ()
    reports = {r.report_key for r in members}
    found = [
        p
        for p, its_themes in work
        if p.issued and p.issued < earliest and p.report not in reports and themes <= its_themes
    ]
    return tuple(sorted(found, key=lambda p: (p.issued, p.report, natural_key(p.entity))))


def _iso(date: dt.date | None) -> str | None:
    return date.isoformat() if date else None
