"""Recurrence: calls that earlier reports made and later reports had to make again, and failures
that earlier reports found and later reports found again.

`pkg:echoes` is the ground truth: a curator's cited statement that one recommendation repeats an
earlier one, or that one finding found the same failure as an earlier report's finding (echoes
always join two entities of one kind). Both kinds of chain are read the same way:

- an *issue* (`RecurringIssue`) is the latest call and everything it echoes, transitively, back
  to the earliest ancestor; it is outstanding while the latest call is not delivered, for as
  many years as have passed since the earliest report made it;
- a *problem* (`RecurringProblem`) is the latest finding and every earlier finding it echoes,
  transitively, back to the earliest report that found the failure, with the years since then
  and the recommendations that address any finding of the chain. An issue lists the recurring
  problems that its calls address (`problems`): the call was made again, and the failure behind
  it was found again.

Chains, not connected components of the echoes graph: one recommendation may echo two
different calls (Casey 2025/6 echoes both IICSA's core data set and Telford's multi-agency
information sharing), which would weld ethnicity data and information sharing into one
component. Each chain keeps its component number as `group`, so overlapping chains can still
be shown together (recommendations and findings are numbered separately).

Themes add context, never facts: findings and recommendations of other reports, issued before
the chain's earliest call, on every theme of the latest call are listed as an issue's
`precursors` (for taxi licensing, Jay 2014 and Casey 2015 raised it years before Telford 2022
recommended anything). They are also candidates for `echoes` links a curator may have missed.

Round trips: `recurrence` two SELECTs (recommendations, findings), `recurring_problems` one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ontology.vocabulary import KIND, STATUS

from ..store import Store
from ._facts import (
    FindingFacts,
    RecommendationFacts,
    finding_facts,
    natural_key,
    recommendation_facts,
)

if TYPE_CHECKING:  # networkx is imported when an analysis first runs, not at start-up
    import networkx as nx

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
class ProblemLink:
    """A finding in a chain of findings of the same failure."""

    finding: str
    report: str  # report key
    issued: dt.date | None  # the report's issue date
    key: str  # the finding's key, unique within its report
    label: str
    confirmed: bool  # the finding's own flag

    @property
    def ref(self) -> str:
        """`REPORT-KEY/FINDING-KEY`, as curators write it."""
        return f"{self.report}/{self.key}"

    def as_row(self) -> dict:
        return {
            "finding": self.finding,
            "ref": self.ref,
            "report": self.report,
            "issued": _iso(self.issued),
            "key": self.key,
            "label": self.label,
            "confirmed": self.confirmed,
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
class RecurringProblem:
    """A failure found again: the latest finding and every earlier finding it echoes."""

    finding: str  # the latest finding: echoes something, echoed by nothing
    label: str
    chain: tuple[ProblemLink, ...]  # oldest first; the latest finding is last
    echoes: tuple[tuple[str, str, bool], ...]  # (later, earlier, link confirmed) in the chain
    reports: int  # distinct reports that found it
    earliest_report: str
    earliest_issued: dt.date | None
    years_since: float | None  # earliest issue date to `as_of`
    group: int  # the connected component of the findings' echoes graph (1 = earliest)
    themes: tuple[str, ...]  # theme names of the latest finding
    addressed_by: tuple[str, ...]  # recommendations addressing any finding of the chain

    kind = KIND.Finding.name

    @property
    def confirmed(self) -> bool:
        """Every finding and every echoes link in the chain is confirmed."""
        return all(f.confirmed for f in self.chain) and all(e[2] for e in self.echoes)

    def as_row(self) -> dict:
        return {
            "kind": self.kind,
            "finding": self.finding,
            "label": self.label,
            "chain": " -> ".join(f"{f.ref} ({_iso(f.issued)})" for f in self.chain),
            "reports": self.reports,
            "earliest_report": self.earliest_report,
            "earliest_issued": _iso(self.earliest_issued),
            "years_since": self.years_since,
            "group": self.group,
            "confirmed": self.confirmed,
            "themes": "; ".join(self.themes),
            "addressed_by": "; ".join(_recommendation_key(r) for r in self.addressed_by),
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
    #: the recurring problems that a call of the chain addresses (one of their findings)
    problems: tuple[RecurringProblem, ...] = ()

    kind = KIND.Recommendation.name

    @property
    def confirmed(self) -> bool:
        """Every call and every echoes link in the chain is confirmed."""
        return all(c.confirmed for c in self.chain) and all(e[2] for e in self.echoes)

    def as_row(self) -> dict:
        return {
            "kind": self.kind,
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
            "problems": "; ".join(
                f"{p.chain[-1].ref} (first found {p.earliest_report}, {_iso(p.earliest_issued)})"
                for p in self.problems
            ),
        }


#: The columns of issues and problems in one table (`kg analyse recurrence`), in order: an
#: issue's row and a problem's row each fill the columns of their kind and leave the others out.
RECURRENCE_COLUMNS = (
    "kind", "recommendation", "finding", "label", "chain", "reports", "earliest_report",
    "earliest_issued", "latest_status", "outstanding", "years_outstanding", "years_since",
    "group", "confirmed", "themes", "precursors", "problems", "addressed_by",
)  # fmt: skip


def recurrence(
    store: Store, as_of: dt.date | None = None, precursors: bool = True
) -> list[RecurringIssue]:
    """Every recurring issue, longest-standing first, with the recurring problems its calls
    address. `as_of` defaults to today."""
    as_of = as_of or dt.date.today()
    recs = recommendation_facts(store)
    findings = finding_facts(store)
    graph = _echoes_graph(recs)
    groups = _groups(graph, recs, _when)
    earlier_work = _earlier_work(findings, recs) if precursors else []
    problems = _problems(findings, as_of)
    issues = [
        _issue(head, graph, recs, groups[head], earlier_work, problems, as_of)
        for head in _heads(graph, recs, _when)
    ]
    return sorted(
        issues, key=lambda i: (i.earliest_issued or dt.date.min, natural_key(i.recommendation))
    )


def recurring_problems(store: Store, as_of: dt.date | None = None) -> list[RecurringProblem]:
    """Every recurring problem (failures found again), longest-known first. `as_of` (default
    today) is the day years since the earliest finding are counted to."""
    return _problems(finding_facts(store), as_of or dt.date.today())


# ------------------------------------------------------------------ chains of either kind
# `facts`: IRI -> RecommendationFacts or FindingFacts; `when`: their order in time (_when,
# _found_when), the earliest first.


def _echoes_graph(facts: dict) -> nx.DiGraph:
    """later -> earlier, for every echoes link between two entities of `facts`."""
    import networkx as nx

    graph = nx.DiGraph()
    for entity in facts.values():
        for earlier, confirmed in entity.echoes.items():
            if earlier in facts:
                graph.add_edge(entity.iri, earlier, confirmed=confirmed)
    return graph


def _heads(graph: nx.DiGraph, facts: dict, when: Callable[..., tuple]) -> list[str]:
    """The latest of each chain: echoed by nothing. A component that is only a cycle (a
    curation error) still yields one chain, headed by its latest member, rather than vanishing."""
    import networkx as nx

    heads = []
    for component in nx.weakly_connected_components(graph):
        found = [n for n in component if graph.in_degree(n) == 0]
        heads += found or [max(component, key=lambda n: (when(facts[n]), n))]
    return heads


def _groups(graph: nx.DiGraph, facts: dict, when: Callable[..., tuple]) -> dict[str, int]:
    """Number the weakly connected components, the one with the earliest member first."""
    import networkx as nx

    def order(n: str) -> tuple:
        return (when(facts[n]), n)

    components = sorted(
        (sorted(c, key=order) for c in nx.weakly_connected_components(graph)),
        key=lambda c: order(c[0]),
    )
    return {n: i for i, c in enumerate(components, start=1) for n in c}


def _members(graph: nx.DiGraph, head: str, facts: dict, when: Callable[..., tuple]) -> list:
    """The chain headed by `head`: it and everything it echoes, transitively, oldest first."""
    import networkx as nx

    return sorted((facts[n] for n in {head, *nx.descendants(graph, head)}), key=when)


def _years(since: dt.date | None, as_of: dt.date) -> float | None:
    return round((as_of - since).days / 365.25, 1) if since else None


# ------------------------------------------------------------------ recommendations: issues


def _issue(
    head: str,
    graph: nx.DiGraph,
    recs: dict[str, RecommendationFacts],
    group: int,
    earlier_work: list,
    problems: list[RecurringProblem],
    as_of: dt.date,
) -> RecurringIssue:
    members = _members(graph, head, recs, _when)
    first, latest = members[0], recs[head]
    status = latest.latest_status.value if latest.latest_status else None
    outstanding = status not in DELIVERED
    calls = {r.iri for r in members}
    links = graph.subgraph(calls).edges(data="confirmed")
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
        years_outstanding=_years(first.issued, as_of) if outstanding else None,
        group=group,
        themes=tuple(sorted(latest.themes.values())),
        precursors=_precursors(earlier_work, set(latest.themes), first.issued, members),
        problems=tuple(p for p in problems if calls.intersection(p.addressed_by)),
    )


def _when(rec: RecommendationFacts) -> tuple:
    return (rec.issued or dt.date.min, rec.report_key, rec.number)


def _link(rec: RecommendationFacts) -> ChainLink:
    status = rec.latest_status.value if rec.latest_status else None
    return ChainLink(
        rec.iri, rec.report_key, rec.issued, rec.number, rec.label, rec.confirmed, status
    )


def _recommendation_key(iri: str) -> str:
    """`REPORT-KEY/NUMBER` of a recommendation IRI (`<base>/report/KEY/recommendation/N`)."""
    _rest, report, _kind, number = iri.rsplit("/", 3)
    return f"{report}/{number}"


# ------------------------------------------------------------------ findings: problems


def _problems(findings: dict[str, FindingFacts], as_of: dt.date) -> list[RecurringProblem]:
    graph = _echoes_graph(findings)
    groups = _groups(graph, findings, _found_when)
    problems = [_problem(head, graph, findings, groups[head], as_of)
                for head in _heads(graph, findings, _found_when)]  # fmt: skip
    return sorted(
        problems, key=lambda p: (p.earliest_issued or dt.date.min, natural_key(p.finding))
    )


def _problem(
    head: str, graph: nx.DiGraph, findings: dict[str, FindingFacts], group: int, as_of: dt.date
) -> RecurringProblem:
    members = _members(graph, head, findings, _found_when)
    first, latest = members[0], findings[head]
    links = graph.subgraph(f.iri for f in members).edges(data="confirmed")
    addressed = {rec for f in members for rec in f.addressed_by}
    return RecurringProblem(
        finding=head,
        label=latest.label,
        chain=tuple(
            ProblemLink(f.iri, f.report_key, f.issued, f.key, f.label, f.confirmed) for f in members
        ),
        echoes=tuple(sorted(links)),
        reports=len({f.report for f in members}),
        earliest_report=first.report_key,
        earliest_issued=first.issued,
        years_since=_years(first.issued, as_of),
        group=group,
        themes=tuple(sorted(latest.themes.values())),
        addressed_by=tuple(sorted(addressed, key=natural_key)),
    )


def _found_when(finding: FindingFacts) -> tuple:
    return (finding.issued or dt.date.min, finding.report_key, finding.key)


# ------------------------------------------------------------------ precursors


def _earlier_work(
    findings: dict[str, FindingFacts], recs: dict[str, RecommendationFacts]
) -> list[tuple]:
    """(Precursor, theme IRIs) for every finding and recommendation that has themes."""
    work: list[tuple[Precursor, set[str]]] = [
        (Precursor(f.iri, KIND.Finding.name, f.report_key, f.issued, f.label), set(f.themes))
        for f in findings.values()
        if f.themes
    ]
    for rec in recs.values():
        precursor = Precursor(
            rec.iri, KIND.Recommendation.name, rec.report_key, rec.issued, rec.label
        )
        work.append((precursor, set(rec.themes)))
    return work


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
