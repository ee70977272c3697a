"""What the linker knows of the graph, read once: every entity a text may name, and the facts a
claim about them may be checked against.

Entities (one SELECT): reports (key, title, author, publisher, issue date, their
recommendations by number), recommendations (number, title, summary), bodies (name,
abbreviation, parent), themes, findings with their figures, and instruments (their kind, title,
citation and the Act a section is part of). Facts come from the existing reads, never
re-derived: `kg.analysis.recommendation_facts` (status events in kg.rules.status order,
responsibilities, instrument links), `kg.analysis.legal_facts` with `kg.rules.legal` (a
recommendation's legal status) and `kg.rules.inforce` (a provision in force on a day), and
`kg.analysis.citations_of` (the citations of every node a verdict may rest on). Response stances
and `echoes` between recommendations or findings are read with the entities, and the facts in
words (notes, summaries, recorded statuses) by kg.text.facts.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ontology.vocabulary import INSTRUMENT_KIND, KIND, STANCE, Concept

from ..analysis import CitationRef, citations_of, legal_facts
from ..analysis._facts import RecommendationFacts, recommendation_facts
from ..rules import inforce
from ..rules import legal as legal_rule
from ..store import Store


@dataclass
class Entity:
    iri: str
    kind: str  # KIND's name, or an instrument's kind (Act, Section, Bill, Clause, ...)
    label: str
    key: str = ""


@dataclass
class Report(Entity):
    title: str = ""
    author: str = ""
    publisher: str = ""
    issued: dt.date | None = None
    recommendations: dict[int, str] = field(default_factory=dict)  # number -> IRI
    findings: list[str] = field(default_factory=list)


@dataclass
class Recommendation(Entity):
    report: str = ""
    number: int = 0
    title: str = ""
    summary: str = ""


@dataclass
class Body(Entity):
    name: str = ""
    abbreviation: str = ""
    parent: str | None = None


@dataclass
class Figure:
    finding: str
    value: float
    unit: str
    description: str


@dataclass
class Finding(Entity):
    report: str = ""
    title: str = ""
    summary: str = ""
    figures: list[Figure] = field(default_factory=list)


@dataclass
class Instrument(Entity):
    instrument_kind: Concept | None = None
    title: str = ""
    citation: str = ""  # as lawyers cite it: "2003 c. 42", "s. 9"
    part_of: str | None = None
    number: str = ""  # a provision's number, from its IRI: "9", "16LA", "II"
    year: int | None = None
    division: str = ""  # what the number numbers, from its IRI: section, part, schedule ...
    status_text: str = ""  # pkg:legalStatus, the curator's words ("in force", ...)

    @property
    def act(self) -> bool:
        return self.instrument_kind is INSTRUMENT_KIND.ACT


@dataclass
class Theme(Entity):
    definition: str = ""


@dataclass(frozen=True)
class Stance:
    stance: Concept  # a STANCE
    node: str  # the response (its citations back the stance)
    issued: dt.date | None


QUERY = """
SELECT ?x ?what ?a ?b ?c ?d WHERE {
  { ?x a pkg:Report ; pkg:key ?a . BIND("report" AS ?what)
    OPTIONAL { ?x dcterms:title ?b } OPTIONAL { ?x dcterms:issued ?c }
    OPTIONAL { ?x pkg:author ?d } }
  UNION { ?x a pkg:Report ; pkg:publisher ?a . BIND("publisher" AS ?what) }
  UNION { ?x a pkg:Recommendation ; pkg:report ?a ; pkg:number ?b . BIND("recommendation" AS ?what)
    OPTIONAL { ?x dcterms:title ?c } OPTIONAL { ?x pkg:summary ?d } }
  UNION { ?x a pkg:Finding ; pkg:report ?a . BIND("finding" AS ?what)
    OPTIONAL { ?x dcterms:title ?b } OPTIONAL { ?x pkg:summary ?c } OPTIONAL { ?x pkg:key ?d } }
  UNION { ?x pkg:figure ?f . ?f pkg:value ?a ; pkg:unit ?b . BIND("figure" AS ?what)
    OPTIONAL { ?f dcterms:description ?c } }
  UNION { ?x a pkg:Body ; rdfs:label ?a . BIND("body" AS ?what)
    OPTIONAL { ?x pkg:abbreviation ?b } OPTIONAL { ?x pkg:key ?c }
    OPTIONAL { ?x org:subOrganizationOf ?d } }
  UNION { ?x a pkg:Theme ; rdfs:label ?a . BIND("theme" AS ?what)
    OPTIONAL { ?x pkg:key ?b } OPTIONAL { ?x skos:definition ?c } }
  UNION { ?x a pkg:Instrument ; pkg:legalCitation ?a . BIND("citation" AS ?what) }
  UNION { ?x a pkg:Instrument ; pkg:legalStatus ?a . BIND("legal-status" AS ?what) }
  UNION { ?x pkg:response ?b . ?b pkg:stance ?a . BIND("stance" AS ?what)
    OPTIONAL { ?b dcterms:issued ?c } }
  UNION { ?x pkg:echoes ?a . BIND("echoes" AS ?what) }
}"""

#: Kind names, as the contract's `kind` gives them (never spelt: ontology/vocabulary.py).
ACT, SECTION, BILL, CLAUSE, GUIDANCE, STATUTORY_INSTRUMENT = (
    k.local for k in (INSTRUMENT_KIND.ACT, INSTRUMENT_KIND.SECTION, INSTRUMENT_KIND.BILL,
                      INSTRUMENT_KIND.CLAUSE, INSTRUMENT_KIND.GUIDANCE,
                      INSTRUMENT_KIND.STATUTORY_INSTRUMENT)
)  # fmt: skip
REPORT, FINDING, RECOMMENDATION, BODY, THEME = (
    KIND.Report.name, KIND.Finding.name, KIND.Recommendation.name, KIND.Body.name,
    KIND.Theme.name,
)  # fmt: skip

_YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
_NUMBER_IN_IRI = re.compile(r"/(section|part|chapter|schedule|paragraph|regulation|article)/"
                            r"([0-9A-Za-z]+)$")  # fmt: skip


def _date(term) -> dt.date | None:
    try:
        return dt.date.fromisoformat(term.value[:10]) if term is not None else None
    except ValueError:
        return None


class Catalogue:
    """The graph's entities and facts, as plain Python, for one linker."""

    def __init__(self, as_of: dt.date):
        self.as_of = as_of
        self.entities: dict[str, Entity] = {}
        self.reports: dict[str, Report] = {}
        self.recommendations: dict[str, Recommendation] = {}
        self.findings: dict[str, Finding] = {}
        self.bodies: dict[str, Body] = {}
        self.instruments: dict[str, Instrument] = {}
        self.themes: dict[str, Theme] = {}
        self.stances: dict[str, Stance] = {}  # recommendation IRI -> its response's stance
        #: recommendation or finding IRI -> those it echoes or is echoed by (either way)
        self.echoes: dict[str, set[str]] = {}
        self.facts: dict[str, RecommendationFacts] = {}
        self.legal: legal_rule.LegalFacts | None = None
        self.citations: dict[str, tuple[CitationRef, ...]] = {}
        self.texts = None  # kg.text.facts.Facts, once read
        self._legal_status: dict[str, legal_rule.LegalStatus | None] = {}
        self._in_force: dict[str, inforce.InForce] = {}

    # -------------------------------------------------------------- reading

    @classmethod
    def from_store(cls, store: Store, as_of: dt.date | None = None) -> Catalogue:
        """Four SELECTs: the entities, the recommendations' facts, the legal evidence and the
        citations."""
        self = cls(as_of or dt.date.today())
        pending_figures: list[tuple[str, Figure]] = []
        texts: dict[str, str] = {}  # an instrument's legal citation
        statuses: dict[str, str] = {}  # an instrument's legal status in the curator's words
        for row in store.select(QUERY):
            x, what = row["x"].value, row["what"].value
            a = row["a"].value
            b = row["b"].value if "b" in row else ""
            c = row["c"].value if "c" in row else ""
            d = row["d"].value if "d" in row else ""
            if what == "report":
                report = self.reports.setdefault(x, Report(x, KIND.Report.name, x))
                report.key, report.label, report.title = a, b or a, b
                report.issued, report.author = _date(row.get("c")), d
            elif what == "publisher":
                self.reports.setdefault(x, Report(x, KIND.Report.name, x)).publisher = a
            elif what == "recommendation":
                rec = Recommendation(x, KIND.Recommendation.name, "", "", a, int(b), c, d)
                rec.label = f"Recommendation {rec.number}: {c}" if c else f"Recommendation {b}"
                self.recommendations[x] = rec
            elif what == "finding":
                self.findings[x] = Finding(x, KIND.Finding.name, b or x, d, a, b, c)
            elif what == "figure":
                try:
                    value = float(a)
                except ValueError:
                    continue
                pending_figures.append((x, Figure(x, value, b, c)))
            elif what == "body":
                body = Body(x, KIND.Body.name, a, c, a, b, d or None)
                self.bodies[x] = body
            elif what == "theme":
                self.themes[x] = Theme(x, KIND.Theme.name, a, b, c)
            elif what == "citation":
                texts[x] = a
            elif what == "legal-status":
                statuses[x] = a
            elif what == "echoes":
                self.echoes.setdefault(x, set()).add(a)
                self.echoes.setdefault(a, set()).add(x)
            elif what == "stance":
                stance = STANCE.by_iri(a)
                if stance is not None:
                    self.stances[x] = Stance(stance, b, _date(row.get("c")))
        for finding, figure in pending_figures:
            if finding in self.findings:
                self.findings[finding].figures.append(figure)
        for rec in self.recommendations.values():
            report = self.reports.get(rec.report)
            if report is not None:
                report.recommendations[rec.number] = rec.iri
        for finding in self.findings.values():
            if finding.report in self.reports:
                self.reports[finding.report].findings.append(finding.iri)
        self.facts = recommendation_facts(store)
        self.legal = legal_facts(store)
        for iri, inst in self.legal.instruments.items():
            if inst.kind is None:
                continue
            year = _YEAR.search(inst.label)
            number = _NUMBER_IN_IRI.search(iri)
            self.instruments[iri] = Instrument(
                iri, inst.kind.local, inst.label, "", inst.kind, inst.label, texts.get(iri, ""),
                inst.part_of, number.group(2) if number else "",
                int(year.group(1)) if year else None, number.group(1) if number else "",
                statuses.get(iri, ""),
            )  # fmt: skip
        for table in (self.reports, self.recommendations, self.findings, self.bodies,
                      self.instruments, self.themes):  # fmt: skip
            self.entities.update(table)
        from .facts import Facts  # it uses the mention module's words, which uses this one

        parents = {i.iri: i.part_of for i in self.instruments.values() if i.part_of}
        self.texts = Facts.from_store(store, set(self.entities), parents)
        nodes = set(self.entities) | {s.node for s in self.stances.values()}
        nodes |= {fact.node for fact in self.texts.facts}
        for facts in self.facts.values():
            nodes |= {node for node, _ in facts.own_facts()}
        self.citations = citations_of(store, nodes)
        return self

    # -------------------------------------------------------------- derived, on demand

    def legal_status(self, recommendation: str) -> legal_rule.LegalStatus | None:
        """kg.rules.legal's answer for the recommendation on `as_of` (cached)."""
        if recommendation not in self._legal_status:
            self._legal_status[recommendation] = (
                legal_rule.legal_status(recommendation, self.legal, self.as_of)
                if self.legal is not None
                else None
            )
        return self._legal_status[recommendation]

    def in_force(self, instrument: str) -> inforce.InForce:
        """kg.rules.inforce's answer for the provision on `as_of` (cached)."""
        if instrument not in self._in_force:
            self._in_force[instrument] = inforce.state_on(
                instrument, self.legal.provisions, self.as_of
            )
        return self._in_force[instrument]

    def enacted(self, instrument: str) -> dt.date | None:
        found = self.legal.provisions.enacted(instrument) if self.legal else None
        return found[0] if found else None

    def latest_status(self, recommendation: str):
        """The latest reported status event on `as_of` (kg.rules.status order), or None."""
        facts = self.facts.get(recommendation)
        if facts is None:
            return None
        known = [e for e in facts.status_events if e.date is None or e.date <= self.as_of]
        return known[-1] if known else None

    def cite(self, node: str) -> tuple[CitationRef, ...]:
        return self.citations.get(node, ())

    def act_of(self, instrument: str) -> Instrument | None:
        """The Act an instrument is part of (itself, for an Act)."""
        seen = set()
        step = self.instruments.get(instrument)
        while step is not None and step.iri not in seen:
            if step.act:
                return step
            seen.add(step.iri)
            step = self.instruments.get(step.part_of) if step.part_of else None
        return None
