"""Analyses of the graph (issue 7), as plain functions returning plain dataclasses.

Each result has `as_row()`: a flat dict of JSON-serialisable values, for CSV and JSON exports
and for GraphQL types. Each function costs a fixed number of SELECTs, whatever the size of the
graph; those that take a projection build one when given None. As in httpx, this namespace is
the API and the modules behind it (one per analysis) are private, so no function shadows the
module it lives in.

- _traces:     trace_with_citations(store, projection, start, end, max_hops, limit) -> [CitedPath]
- _gaps:       gaps(store) -> [Gap]
- _recurrence: recurrence(store, as_of) -> [RecurringIssue] (repeated calls, with the recurring
               problems they address); recurring_problems(store, as_of) -> [RecurringProblem]
               (failures found again: chains of findings)
- _load:       load(store, projection) -> [BodyLoad]
- _clusters:   clusters(store, projection) -> [Cluster]
- _overdue:    overdue(store, as_of) -> [OverdueTarget]; overdue_on(targets, statuses, as_of),
               the rule in Python over facts already read
- _legal:      legal_facts(store) -> LegalFacts, what kg.rules.legal and kg.rules.inforce read
- _claims:     claims(store, as_of) -> [Claim], where reported status and legal evidence disagree
- _stored:     the analyses a build keeps beside it (ANALYSES, by name), computed once per build:
               store_all(store, build_file, build_id, as_of) after `kg build`; StoredAnalyses,
               read by each server process (kg.api.context.Build.analysis)
"""

from ._claims import Claim, claims
from ._clusters import Cluster, Shared, clusters
from ._gaps import GAP_KINDS, Gap, gaps, progressed
from ._legal import legal_facts
from ._load import BodyLoad, load
from ._overdue import OverdueTarget, StatusFact, TargetFacts, overdue, overdue_on
from ._recurrence import (
    RECURRENCE_COLUMNS,
    ChainLink,
    Precursor,
    ProblemLink,
    RecurringIssue,
    RecurringProblem,
    recurrence,
    recurring_problems,
)
from ._stored import ANALYSES, StoredAnalyses, analysis_key, compute_analysis, store_all
from ._traces import CitationRef, CitedPath, CitedStep, citations_of, trace_with_citations

__all__ = [
    "ANALYSES",
    "GAP_KINDS",
    "RECURRENCE_COLUMNS",
    "BodyLoad",
    "ChainLink",
    "CitationRef",
    "CitedPath",
    "CitedStep",
    "Claim",
    "Cluster",
    "Gap",
    "OverdueTarget",
    "Precursor",
    "ProblemLink",
    "RecurringIssue",
    "RecurringProblem",
    "Shared",
    "StatusFact",
    "StoredAnalyses",
    "TargetFacts",
    "analysis_key",
    "citations_of",
    "claims",
    "clusters",
    "compute_analysis",
    "gaps",
    "legal_facts",
    "load",
    "overdue",
    "overdue_on",
    "progressed",
    "recurrence",
    "recurring_problems",
    "store_all",
    "trace_with_citations",
]
