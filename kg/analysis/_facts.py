"""Every recommendation (and every finding) with its own facts, fetched in one round trip.

Gaps, recurrence and clusters all look at the same handful of facts per recommendation (its
report and number, responsibilities, instrument links, response, status events, echoes,
themes). One UNION query brings them all, one row per fact, so an analysis costs one round trip
for every recommendation in the graph instead of one per recommendation.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import pyoxigraph as ox

from ontology.vocabulary import ROLE, STATUS

from ..rules import confirmed as confirmed_rule
from ..rules import status as status_rule
from ..store import Store


@dataclass(frozen=True)
class Responsibility:
    node: str
    body: str
    body_label: str
    role: str  # a ResponsibilityRole token: lead, partner or consulted
    confirmed: bool


@dataclass(frozen=True)
class Fact:
    """A node that states something about the recommendation (link, response, event)."""

    node: str
    confirmed: bool
    date: dt.date | None = None
    value: str | None = None  # the instrument, the status notation, ...


@dataclass
class RecommendationFacts:
    iri: str
    label: str = ""
    report: str = ""
    report_key: str = ""
    issued: dt.date | None = None
    number: int = 0
    confirmed: bool = False
    themes: dict[str, str] = field(default_factory=dict)  # theme IRI -> name
    responsibilities: list[Responsibility] = field(default_factory=list)
    instruments: list[Fact] = field(default_factory=list)
    no_instrument: list[Fact] = field(default_factory=list)
    response: Fact | None = None
    status_events: list[Fact] = field(default_factory=list)  # in kg.rules.status order
    echoes: dict[str, bool] = field(default_factory=dict)  # earlier recommendation -> confirmed

    @property
    def key(self) -> str:
        """`REPORT-KEY/NUMBER`, as curators write it."""
        return f"{self.report_key}/{self.number}"

    @property
    def latest_status(self) -> Fact | None:
        return self.status_events[-1] if self.status_events else None

    def own_facts(self) -> list[tuple[str, bool]]:
        """(node, confirmed) for the recommendation and every fact stated about it alone."""
        facts = [(self.iri, self.confirmed)]
        facts += [(r.node, r.confirmed) for r in self.responsibilities]
        facts += [(f.node, f.confirmed) for f in self.instruments + self.no_instrument]
        facts += [(self.response.node, self.response.confirmed)] if self.response else []
        facts += [(f.node, f.confirmed) for f in self.status_events]
        return facts


def natural_key(iri: str) -> tuple:
    """Sort `.../recommendation/2` before `.../recommendation/10`."""
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"(\d+)", iri))


C = "OPTIONAL { ?node pkg:confirmed ?confirmed }"
QUERY = f"""
SELECT DISTINCT ?rec ?what ?node ?value ?name ?how ?date ?confirmed WHERE {{
  ?rec a pkg:Recommendation .
  {{ ?rec pkg:confirmed ?confirmed ; pkg:number ?value . BIND("self" AS ?what)
    OPTIONAL {{ ?rec rdfs:label ?name }} }}
  UNION {{ ?rec pkg:report ?node . ?node pkg:key ?value . BIND("report" AS ?what)
    OPTIONAL {{ ?node dcterms:issued ?date }} }}
  UNION {{ ?rec pkg:theme ?value . BIND("theme" AS ?what) OPTIONAL {{ ?value rdfs:label ?name }} }}
  UNION {{ ?rec pkg:responsibility ?node . ?node pkg:body ?value ; pkg:role ?how .
    BIND("responsibility" AS ?what) OPTIONAL {{ ?value rdfs:label ?name }} {C} }}
  UNION {{ ?rec pkg:instrumentLink ?node . ?node pkg:instrument ?value .
    BIND("instrument" AS ?what) {C} }}
  UNION {{ ?rec pkg:noInstrument ?node . BIND("no-instrument" AS ?what) {C} }}
  UNION {{ ?rec pkg:response ?node . BIND("response" AS ?what)
    OPTIONAL {{ ?node dcterms:issued ?date }} {C} }}
  UNION {{ ?rec pkg:statusEvent ?node . ?node pkg:status ?value . BIND("status" AS ?what)
    OPTIONAL {{ ?node pkg:date ?date }} {C} }}
  UNION {{ ?rec pkg:echoes ?value . BIND("echoes" AS ?what)
    OPTIONAL {{ ?node rdf:subject ?rec ; rdf:predicate pkg:echoes ; rdf:object ?value . {C} }} }}
}}"""


def _date(term: ox.Literal | None) -> dt.date | None:
    return dt.date.fromisoformat(term.value) if term is not None else None


def recommendation_facts(store: Store) -> dict[str, RecommendationFacts]:
    """Every recommendation by IRI (one SELECT)."""
    recs: dict[str, RecommendationFacts] = {}
    link_confirmed: dict[tuple[str, str], bool | None] = {}
    for row in store.select(QUERY):
        iri = row["rec"].value
        rec = recs.setdefault(iri, RecommendationFacts(iri))
        what = row["what"].value
        node = row["node"].value if "node" in row else ""
        value = row["value"].value if "value" in row else ""
        confirmed = confirmed_rule.holds(row["confirmed"].value) if "confirmed" in row else None
        date = _date(row.get("date"))
        if what == "self":
            rec.number, rec.confirmed = int(value), bool(confirmed)
            rec.label = row["name"].value if "name" in row else iri
        elif what == "report":
            rec.report, rec.report_key, rec.issued = node, value, date
        elif what == "theme":
            rec.themes[value] = row["name"].value if "name" in row else value
        elif what == "responsibility":
            name = row["name"].value if "name" in row else value
            role = ROLE.by_iri(row["how"].value).token
            rec.responsibilities.append(Responsibility(node, value, name, role, bool(confirmed)))
        elif what == "instrument":
            rec.instruments.append(Fact(node, bool(confirmed), value=value))
        elif what == "no-instrument":
            rec.no_instrument.append(Fact(node, bool(confirmed)))
        elif what == "response":
            rec.response = Fact(node, bool(confirmed), date=date)
        elif what == "status":
            status = STATUS.by_iri(value)
            rec.status_events.append(Fact(node, bool(confirmed), date, status and status.notation))
        elif what == "echoes":
            link_confirmed[iri, value] = confirmed
    for rec in recs.values():
        rec.responsibilities.sort(key=lambda r: (r.role, r.body))
        rec.instruments.sort(key=lambda f: f.node)
        rec.status_events = status_rule.in_order(
            rec.status_events,
            date=lambda f: f.date or dt.date.min,
            status=lambda f: STATUS.by_notation(f.value),
            iri=lambda f: f.node,
        )
    for (iri, target), confirmed in sorted(link_confirmed.items()):
        # A bare link shares its recommendation's citations and doubts.
        recs[iri].echoes[target] = recs[iri].confirmed if confirmed is None else confirmed
    return recs


# ------------------------------------------------------------------ findings


@dataclass
class FindingFacts:
    iri: str
    label: str = ""
    report: str = ""
    report_key: str = ""
    issued: dt.date | None = None
    key: str = ""
    confirmed: bool = False
    themes: dict[str, str] = field(default_factory=dict)  # theme IRI -> name
    echoes: dict[str, bool] = field(default_factory=dict)  # earlier finding -> link confirmed
    addressed_by: set[str] = field(default_factory=set)  # recommendations addressing it


FINDINGS = """
SELECT DISTINCT ?f ?what ?value ?name ?node ?date ?confirmed WHERE {
  ?f a pkg:Finding .
  { ?f pkg:report ?node ; pkg:key ?value . ?node pkg:key ?name . BIND("self" AS ?what)
    OPTIONAL { ?node dcterms:issued ?date } OPTIONAL { ?f pkg:confirmed ?confirmed } }
  UNION { ?f rdfs:label ?value . BIND("label" AS ?what) }
  UNION { ?f pkg:theme ?value . BIND("theme" AS ?what) OPTIONAL { ?value rdfs:label ?name } }
  UNION { ?f pkg:echoes ?value . BIND("echoes" AS ?what)
    OPTIONAL { ?node rdf:subject ?f ; rdf:predicate pkg:echoes ; rdf:object ?value .
               OPTIONAL { ?node pkg:confirmed ?confirmed } } }
  UNION { ?value pkg:addresses ?f . BIND("addressed" AS ?what) }
}"""


def finding_facts(store: Store) -> dict[str, FindingFacts]:
    """Every finding by IRI, with its report, themes, echoes and who addresses it (one SELECT)."""
    found: dict[str, FindingFacts] = {}
    link_confirmed: dict[tuple[str, str], bool | None] = {}
    for row in store.select(FINDINGS):
        iri, what, value = row["f"].value, row["what"].value, row["value"].value
        finding = found.setdefault(iri, FindingFacts(iri))
        confirmed = confirmed_rule.holds(row["confirmed"].value) if "confirmed" in row else None
        if what == "self":
            finding.key, finding.report = value, row["node"].value
            finding.report_key = row["name"].value
            finding.issued = dt.date.fromisoformat(row["date"].value) if "date" in row else None
            finding.confirmed = bool(confirmed)
        elif what == "label":
            finding.label = value
        elif what == "theme":
            finding.themes[value] = row["name"].value if "name" in row else value
        elif what == "echoes":
            link_confirmed[iri, value] = confirmed
        elif what == "addressed":
            finding.addressed_by.add(value)
    for finding in found.values():
        finding.label = finding.label or finding.iri
    for (iri, target), confirmed in sorted(link_confirmed.items()):
        # A bare link shares its finding's citations and doubts.
        found[iri].echoes[target] = found[iri].confirmed if confirmed is None else confirmed
    return found
