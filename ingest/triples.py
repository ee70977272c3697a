"""Checked source records -> RDF triples in the file's own named graph.

Provenance rule: every entity and every qualified link (responsibility, instrument link,
response, status event) gets `pkg:citation` nodes; a plain link (addresses, implicates,
echoes, theme) that carries its own `cite` is also reified as an rdf:Statement with those
citations. A record without its own `cite` shares its parent's citations (and doubts).
`pkg:confirmed` is true when a primary source is cited and nobody marked the fact unconfirmed.
`pkg:recorded` (the fact's recorded date, beside its effective date: a status event's `pkg:date`,
a response's or report's `dcterms:issued`) is the earliest `issued` date among the sources it
cites, its own or inherited; a fact none of whose cited sources has an issue date has none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import XSD

from ontology import DCTERMS, ELI, ORG, PKG, RDF, RDFS, SKOS
from ontology.vocabulary import (
    AUTHORITY,
    BILL_STAGE,
    HOUSE,
    INSTRUMENT_KIND,
    RELATION,
    ROLE,
    STANCE,
    STATUS,
)

from .index import Index, walk_instruments
from .iris import Minter
from .yamlnodes import Located


def _concepts(scheme) -> dict[str, URIRef]:
    """A scheme's values as source files spell them -> their concepts' IRIs."""
    return {concept.token: URIRef(concept.iri) for concept in scheme}


AUTHORITIES = _concepts(AUTHORITY)
ROLES = _concepts(ROLE)
RELATIONS = _concepts(RELATION)
STANCES = _concepts(STANCE)
STATUSES = _concepts(STATUS)
BILL_STAGES = _concepts(BILL_STAGE)
HOUSES = _concepts(HOUSE)
#: An instrument kind as source files spell it -> the classes its instruments are typed with.
INSTRUMENT_CLASSES = {kind.token: tuple(map(URIRef, kind.types)) for kind in INSTRUMENT_KIND}


@dataclass(frozen=True)
class Evidence:
    """The citations that support a fact, and whether a curator doubts it."""

    citations: tuple[URIRef, ...]
    primary: bool
    doubt: str | None
    #: When a source first recorded the fact: the earliest `issued` date among the cited
    #: sources (None when none of them has one). Written as `pkg:recorded`.
    recorded: dt.date | None = None

    @property
    def confirmed(self) -> bool:
        return self.primary and self.doubt is None


class _Made:
    """A namespace whose terms are made once: rdflib's make a new URIRef at each attribute
    read, and a source file reads them thousands of times. The same terms, equal to rdflib's."""

    def __init__(self, namespace) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> URIRef:
        if name.startswith("__"):
            raise AttributeError(name)
        term = getattr(self._namespace, name)
        setattr(self, name, term)  # next time a plain attribute
        return term


DCTERMS, ELI, ORG, PKG, RDF, RDFS, SKOS = map(_Made, (DCTERMS, ELI, ORG, PKG, RDF, RDFS, SKOS))

_STRING = URIRef(str(XSD.string))
_DATE = URIRef(str(XSD.date))
_BOOLEANS = {True: Literal(True), False: Literal(False)}
_DATES: dict[dt.date, Literal] = {}


def _made(lexical: str, datatype: URIRef, value: object, ill_typed: bool | None) -> Literal:
    """The Literal that rdflib's constructor makes for a value whose lexical form, value and
    well-typedness are known, without its parsing and normalising (a build makes millions).
    tests/ingest/test_triples_terms.py holds every use to rdflib's own constructor."""
    literal = str.__new__(Literal, lexical)
    literal._language = None
    literal._datatype = datatype
    literal._value = value
    literal._ill_typed = ill_typed
    return literal


def _text(value: str) -> Literal:
    """Literal(value, datatype=XSD.string)."""
    if type(value) is not str:
        return Literal(value, datatype=XSD.string)
    return _made(value, _STRING, value, False)


def _date(value) -> Literal:
    """Literal(value, datatype=XSD.date) for a date (made once per day)."""
    if type(value) is not dt.date:
        return Literal(value, datatype=XSD.date)
    found = _DATES.get(value)
    if found is None:
        if len(_DATES) > 100_000:
            _DATES.clear()
        found = _DATES[value] = _made(value.isoformat(), _DATE, value, None)
    return found


def _boolean(value: bool) -> Literal:
    """Literal(value) for a bool."""
    return _BOOLEANS[value] if type(value) is bool else Literal(value)


class TripleWriter:
    """Writes one source file's records into one named graph."""

    def __init__(self, graph: Graph, index: Index, minter: Minter):
        self.g = graph
        self.index = index
        self.iri = minter

    # -- provenance -----------------------------------------------------------------

    def evidence(self, subject: URIRef, record: Located, inherited: Evidence | None) -> Evidence:
        """Write the record's own citations (or reuse the parent's) and its confirmed flag."""
        cites = record.get("cite")
        if cites:
            nodes = []
            primary = False
            issued = []
            for number, cite in enumerate(cites, start=1):
                node = self.iri.citation(subject, number)
                source = self.index.sources[cite["source"]].record
                self.g.add((node, RDF.type, PKG.Citation))
                self.g.add((node, PKG.source, self.iri.source(cite["source"])))
                if "locator" in cite:
                    self.g.add((node, PKG.locator, _text(cite["locator"])))
                if "url" in cite:
                    self.g.add((node, PKG.url, Literal(cite["url"], datatype=XSD.anyURI)))
                primary = primary or source["authority"] == AUTHORITY.PRIMARY.token
                if source.get("issued") is not None:
                    issued.append(source["issued"])
                nodes.append(node)
            recorded = min(issued, default=None)
            evidence = Evidence(tuple(nodes), primary, record.get("unconfirmed"), recorded)
        else:
            assert inherited is not None, "records without `cite` always have a parent"
            doubt = record.get("unconfirmed") or inherited.doubt
            evidence = Evidence(inherited.citations, inherited.primary, doubt, inherited.recorded)
        for node in evidence.citations:
            self.g.add((subject, PKG.citation, node))
        if evidence.recorded is not None:
            self.g.add((subject, PKG.recorded, _date(evidence.recorded)))
        self.g.add((subject, PKG.confirmed, _boolean(evidence.confirmed)))
        if evidence.doubt:
            self.g.add((subject, PKG.unconfirmedNote, _text(evidence.doubt)))
        elif not evidence.primary:
            self.g.add((subject, PKG.unconfirmedNote, _text("supported by secondary sources only")))
        return evidence

    def link(
        self,
        subject: URIRef,
        predicate: URIRef,
        obj: URIRef,
        record: Located,
        position: int,
        parent: Evidence,
    ) -> None:
        """A plain link; reified as an rdf:Statement when it carries its own evidence."""
        self.g.add((subject, predicate, obj))
        if "cite" in record or "unconfirmed" in record:
            local = predicate.split("#")[-1]
            statement = self.iri.child(subject, "link", local, position)
            self.g.add((statement, RDF.type, RDF.Statement))
            self.g.add((statement, RDF.subject, subject))
            self.g.add((statement, RDF.predicate, predicate))
            self.g.add((statement, RDF.object, obj))
            self.g.add((statement, RDFS.label, _text(f"{local} link")))
            self.evidence(statement, record, parent)

    def literal(self, subject: URIRef, predicate: URIRef, record: Located, name: str) -> None:
        if name in record:
            value = record[name]
            if name in ("url",):
                self.g.add((subject, predicate, Literal(value, datatype=XSD.anyURI)))
            elif hasattr(value, "isoformat"):
                self.g.add((subject, predicate, _date(value)))
            else:
                self.g.add((subject, predicate, _text(value)))

    # -- sections -------------------------------------------------------------------

    def write(self, doc: Located) -> None:
        for record in doc.get("sources", []):
            self.source(record)
        for record in doc.get("themes", []):
            self.theme(record)
        for record in doc.get("bodies", []):
            self.body(record)
        for record, parent, _where in walk_instruments(doc.get("instruments")):
            self.instrument(record, parent)
        if "report" in doc:
            self.report(doc["report"])
        for record in doc.get("responses", []):
            self.response(record)
        for record in doc.get("status_events", []):
            self.status_event(record)
        for record in doc.get("proposals", []):
            self.proposal(record)
        for record in doc.get("targets", []):
            self.target(record)
        for record in doc.get("effects", []):
            self.effect(record)

    def source(self, r: Located) -> None:
        s = self.iri.source(r["key"])
        self.g.add((s, RDF.type, PKG.Source))
        self.g.add((s, PKG.key, _text(r["key"])))
        self.g.add((s, DCTERMS.title, _text(r["title"])))
        self.g.add((s, RDFS.label, _text(r["title"])))
        self.g.add((s, PKG.authority, AUTHORITIES[r["authority"]]))
        self.literal(s, PKG.publisher, r, "publisher")
        self.literal(s, DCTERMS.issued, r, "issued")
        self.literal(s, PKG.url, r, "url")
        self.literal(s, PKG.note, r, "note")
        self.literal(s, PKG.retrieved, r, "retrieved")

    def theme(self, r: Located) -> None:
        s = self.iri.theme(r["key"])
        self.g.add((s, RDF.type, PKG.Theme))
        self.g.add((s, RDF.type, SKOS.Concept))
        self.g.add((s, PKG.key, _text(r["key"])))
        self.g.add((s, SKOS.prefLabel, _text(r["name"])))
        self.g.add((s, RDFS.label, _text(r["name"])))
        self.g.add((s, SKOS.inScheme, self.iri.theme_scheme()))
        self.literal(s, SKOS.definition, r, "definition")
        self.g.add((self.iri.theme_scheme(), RDF.type, SKOS.ConceptScheme))
        self.g.add((self.iri.theme_scheme(), SKOS.prefLabel, _text("Themes")))
        self.evidence(s, r, None)

    def body(self, r: Located) -> None:
        s = self.iri.body(r["key"])
        self.g.add((s, RDF.type, PKG.Body))
        self.g.add((s, RDF.type, ORG.Organization))
        self.g.add((s, PKG.key, _text(r["key"])))
        self.g.add((s, RDFS.label, _text(r["name"])))
        self.g.add((s, SKOS.prefLabel, _text(r["name"])))
        self.g.add((s, PKG.bodyKind, _text(r["kind"])))
        self.literal(s, PKG.abbreviation, r, "abbreviation")
        self.literal(s, PKG.url, r, "url")
        if "parent" in r:
            self.g.add((s, ORG.subOrganizationOf, self.iri.body(r["parent"])))
        self.evidence(s, r, None)

    def instrument(self, r: Located, parent: str | None) -> None:
        s = self.iri.instrument(r["id"])
        for cls in INSTRUMENT_CLASSES[r["kind"]]:
            self.g.add((s, RDF.type, cls))
        self.g.add((s, RDF.type, PKG.Instrument))
        self.g.add((s, DCTERMS.title, _text(r["title"])))
        self.g.add((s, RDFS.label, _text(r["title"])))
        self.literal(s, PKG.legalCitation, r, "citation")
        self.literal(s, PKG.legalStatus, r, "status")
        self.literal(s, PKG.url, r, "url")
        part_of = r.get("part_of", parent)
        if part_of:
            self.g.add((s, ELI.is_part_of, self.iri.instrument(part_of)))
        if "enacted_as" in r:
            self.g.add((s, PKG.enactedAs, self.iri.instrument(r["enacted_as"])))
        self.literal(s, PKG.extent, r, "extent")
        self.flag(s, PKG.prospective, r, "prospective")
        self.literal(s, PKG.inForceFrom, r, "in_force_from")
        self.literal(s, PKG.enacted, r, "enactment_date")
        self.literal(s, PKG.tabled, r, "tabled")
        for day in r.get("versions", []):
            self.g.add((s, PKG.version, _date(day)))
        evidence = self.evidence(s, r, None)
        if "passage" in r:
            self.bill(s, r["passage"], evidence)

    def flag(self, subject: URIRef, predicate: URIRef, record: Located, name: str) -> None:
        if name in record:
            self.g.add((subject, predicate, _boolean(bool(record[name]))))

    def bill(self, s: URIRef, r: Located, evidence: Evidence) -> None:
        """A bill's passage: its sessions, houses and dated stages (from the Bills API or a
        curator), each stage a node under the bill with the bill's citations unless its own."""
        if "parliament_id" in r:
            self.g.add((s, PKG.parliamentId, Literal(r["parliament_id"])))
        for session in r.get("sessions", []):
            self.g.add((s, PKG.session, _text(session)))
        if "originating_house" in r:
            self.g.add((s, PKG.originatingHouse, HOUSES[r["originating_house"]]))
        self.literal(s, PKG.currentStage, r, "current_stage")
        self.literal(s, PKG.lapsed, r, "lapsed")
        self.literal(s, PKG.withdrawn, r, "withdrawn")
        self.literal(s, PKG.department, r, "department")
        self.flag(s, PKG.carriedOver, r, "carried_over")
        self.flag(s, PKG.defeated, r, "defeated")
        for number, stage in enumerate(r.get("stages", []), start=1):
            node = self.iri.child(s, "stage", stage.get("id", number))
            kind = BILL_STAGE.by_token(stage["stage"])
            words = stage.get("description", kind.label)
            house = HOUSE.by_token(stage["house"]) if "house" in stage else None
            label = f"{words}, {house.label}" if house else words
            self.g.add((s, PKG.billStage, node))
            self.g.add((node, RDF.type, PKG.BillStage))
            self.g.add((node, PKG.stageKind, BILL_STAGES[stage["stage"]]))
            self.g.add((node, PKG.date, _date(stage["date"])))
            self.g.add((node, RDFS.label, _text(f"{label} ({stage['date'].isoformat()})")))
            self.literal(node, PKG.stageDescription, stage, "description")
            if house:
                self.g.add((node, PKG.house, HOUSES[stage["house"]]))
            if "id" in stage:
                self.g.add((node, PKG.parliamentId, Literal(stage["id"])))
            self.evidence(node, stage, evidence)

    def effect(self, r: Located) -> None:
        """An effect recorded by legislation.gov.uk's editors (or a curator reading the text):
        its ends are legislation IRIs, in the corpus or not; each in-force date is a node."""
        s = self.iri.effect(r["id"])
        self.g.add((s, RDF.type, PKG.Effect))
        self.g.add((s, PKG.effectType, _text(r["type"])))
        self.g.add((s, PKG.affected, URIRef(r["affected"])))
        if "affecting" in r:
            self.g.add((s, PKG.affecting, URIRef(r["affecting"])))
        for name, predicate in (
            ("affected_provisions", PKG.affectedProvisions),
            ("affected_title", PKG.affectedTitle),
            ("affecting_provisions", PKG.affectingProvisions),
            ("affecting_title", PKG.affectingTitle),
            ("note", PKG.note),
        ):
            self.literal(s, predicate, r, name)
        for authority in r.get("commencement_authority", []):
            self.g.add((s, PKG.commencementAuthority, _text(authority)))
        self.flag(s, PKG.applied, r, "applied")
        self.flag(s, PKG.requiresApplied, r, "requires_applied")
        affected = r.get("affected_provisions") or r.get("affected_title") or r["affected"]
        self.g.add((s, RDFS.label, _text(f"{r['type']}: {affected}")))
        for number, when in enumerate(r.get("in_force_dates", []), start=1):
            node = self.iri.part_of(s, "in-force", number)
            self.g.add((s, PKG.inForce, node))
            self.g.add((node, RDF.type, PKG.InForceDate))
            self.literal(node, PKG.date, when, "date")
            self.literal(node, PKG.qualification, when, "qualification")
            self.flag(node, PKG.prospective, when, "prospective")
        self.evidence(s, r, None)

    def report(self, r: Located) -> None:
        key = r["key"]
        s = self.iri.report(key)
        self.g.add((s, RDF.type, PKG.Report))
        self.g.add((s, PKG.key, _text(key)))
        self.g.add((s, DCTERMS.title, _text(r["title"])))
        self.g.add((s, RDFS.label, _text(r["title"])))
        self.g.add((s, PKG.document, self.iri.source(r["document"])))
        for name, predicate in (
            ("author", PKG.author),
            ("publisher", PKG.publisher),
            ("issued", DCTERMS.issued),
            ("url", PKG.url),
            ("scope", PKG.scope),
            ("method", PKG.method),
        ):
            self.literal(s, predicate, r, name)
        report_evidence = self.evidence(s, r, None)
        for finding in r.get("findings", []):
            self.finding(key, s, finding, report_evidence)
        for rec in r.get("recommendations", []):
            self.recommendation(key, s, rec, report_evidence)

    def finding(self, report: str, report_iri: URIRef, r: Located, parent: Evidence) -> None:
        s = self.iri.finding(report, r["key"])
        self.g.add((s, RDF.type, PKG.Finding))
        self.g.add((s, PKG.report, report_iri))
        self.g.add((s, PKG.key, _text(r["key"])))
        self.g.add((s, RDFS.label, _text(r["title"])))
        self.g.add((s, DCTERMS.title, _text(r["title"])))
        self.g.add((s, PKG.summary, _text(r["summary"])))
        evidence = self.evidence(s, r, parent)
        for number, fig in enumerate(r.get("figures", []), start=1):
            node = self.iri.child(s, "figure", number)
            self.g.add((s, PKG.figure, node))
            self.g.add((node, RDF.type, PKG.Figure))
            self.g.add((node, PKG.value, Literal(fig["value"], datatype=XSD.decimal)))
            self.g.add((node, PKG.unit, _text(fig["unit"])))
            self.g.add((node, DCTERMS.description, _text(fig["description"])))
        for i, link in enumerate(r.get("implicates", []), start=1):
            self.link(s, PKG.implicates, self.iri.body(link["ref"]), link, i, evidence)
        for i, link in enumerate(r.get("themes", []), start=1):
            self.link(s, PKG.theme, self.iri.theme(link["ref"]), link, i, evidence)
        for i, link in enumerate(r.get("echoes", []), start=1):
            self.link(s, PKG.echoes, self.iri.finding_ref(link["ref"]), link, i, evidence)

    def recommendation(self, report: str, report_iri: URIRef, r: Located, parent: Evidence) -> None:
        number = r["number"]
        s = self.iri.recommendation(report, number)
        self.g.add((s, RDF.type, PKG.Recommendation))
        self.g.add((s, PKG.report, report_iri))
        self.g.add((s, PKG.number, Literal(number)))
        self.g.add((s, DCTERMS.title, _text(r["title"])))
        self.g.add((s, RDFS.label, _text(f"Recommendation {number}: {r['title']}")))
        self.g.add((s, PKG.summary, _text(r["summary"])))
        evidence = self.evidence(s, r, parent)
        for i, link in enumerate(r.get("addresses", []), start=1):
            self.link(s, PKG.addresses, self.iri.finding(report, link["ref"]), link, i, evidence)
        for i, link in enumerate(r.get("echoes", []), start=1):
            self.link(s, PKG.echoes, self.iri.recommendation_ref(link["ref"]), link, i, evidence)
        for i, link in enumerate(r.get("themes", []), start=1):
            self.link(s, PKG.theme, self.iri.theme(link["ref"]), link, i, evidence)
        self.duties(s, r.get("responsibilities", []), r.get("instruments", []), evidence)
        if "no_instrument" in r:
            node = self.iri.child(s, "no-instrument")
            self.g.add((s, PKG.noInstrument, node))
            self.g.add((node, RDF.type, PKG.NoInstrumentStatement))
            self.g.add(
                (node, RDFS.label, _text(f"No legal instrument for recommendation {number}"))
            )
            self.g.add((node, PKG.note, _text(r["no_instrument"]["reason"])))
            self.evidence(node, r["no_instrument"], evidence)

    def duties(self, s: URIRef, responsibilities, links, evidence: Evidence) -> None:
        """Responsibilities and instrument links of a recommendation or a proposal."""
        for resp in responsibilities:
            node = self.iri.child(s, "responsibility", resp["body"])
            body_name = self.index.bodies[resp["body"]].record["name"]
            self.g.add((s, PKG.responsibility, node))
            self.g.add((node, RDF.type, PKG.Responsibility))
            self.g.add((node, PKG.body, self.iri.body(resp["body"])))
            self.g.add((node, PKG.role, ROLES[resp["role"]]))
            self.g.add((node, RDFS.label, _text(f"{body_name}: {resp['role']}")))
            self.evidence(node, resp, evidence)
        for i, link in enumerate(links, start=1):
            node = self.iri.child(s, "instrument", i)
            title = self.index.instruments[link["instrument"]].record["title"]
            self.g.add((s, PKG.instrumentLink, node))
            self.g.add((node, RDF.type, PKG.InstrumentLink))
            self.g.add((node, PKG.instrument, self.iri.instrument(link["instrument"])))
            self.g.add((node, PKG.relation, RELATIONS[link["relation"]]))
            self.g.add((node, RDFS.label, _text(f"{link['relation'].replace('_', ' ')} {title}")))
            self.literal(node, PKG.note, link, "note")
            self.evidence(node, link, evidence)

    def proposal(self, r: Located) -> None:
        s = self.iri.proposal(r["key"])
        self.g.add((s, RDF.type, PKG.ProposedChange))
        self.g.add((s, PKG.key, _text(r["key"])))
        self.g.add((s, DCTERMS.title, _text(r["title"])))
        self.g.add((s, RDFS.label, _text(r["title"])))
        self.g.add((s, PKG.summary, _text(r["summary"])))
        self.g.add((s, PKG.proposedBy, self.iri.recommendation_ref(r["proposed_by"])))
        self.literal(s, PKG.safeguards, r, "safeguards")
        self.literal(s, PKG.legalStatus, r, "status")
        evidence = self.evidence(s, r, None)
        self.duties(s, r.get("responsibilities", []), r.get("changes", []), evidence)
        if "no_bill_statement" in r:
            statement = r["no_bill_statement"]
            node = self.iri.child(s, "no-bill")
            day = statement["date"]
            self.g.add((s, PKG.noBill, node))
            self.g.add((node, RDF.type, PKG.NoBillStatement))
            self.g.add((node, PKG.date, _date(day)))
            self.g.add((node, RDFS.label, _text(f"No bill for {r['title']} ({day.isoformat()})")))
            self.literal(node, PKG.note, statement, "note")
            self.evidence(node, statement, evidence)

    def response(self, r: Located) -> None:
        rec = self.iri.recommendation_ref(r["recommendation"])
        s = self.iri.child(rec, "response")
        self.g.add((rec, PKG.response, s))
        self.g.add((s, RDF.type, PKG.Response))
        self.g.add((s, PKG.stance, STANCES[r["stance"]]))
        self.g.add((s, PKG.summary, _text(r["summary"])))
        self.g.add(
            (
                s,
                RDFS.label,
                _text(f"Response to {r['recommendation']}: {r['stance'].replace('_', ' ')}"),
            )
        )
        self.literal(s, DCTERMS.issued, r, "issued")
        self.evidence(s, r, None)

    def status_event(self, r: Located) -> None:
        rec = self.iri.recommendation_ref(r["recommendation"])
        day = r["date"].isoformat()
        s = self.iri.child(rec, "status", f"{day}-{r['status'].replace('_', '-')}")
        self.g.add((rec, PKG.statusEvent, s))
        self.g.add((s, RDF.type, PKG.StatusEvent))
        self.g.add((s, PKG.status, STATUSES[r["status"]]))
        self.g.add((s, PKG.date, _date(r["date"])))
        self.g.add(
            (
                s,
                RDFS.label,
                _text(f"{r['recommendation']}: {r['status'].replace('_', ' ')} on {day}"),
            )
        )
        self.literal(s, PKG.note, r, "note")
        self.evidence(s, r, None)

    def target(self, r: Located) -> None:
        """A dated commitment, under its recommendation; `revises` names a target of the same
        recommendation (checked by the index)."""
        rec = self.iri.recommendation_ref(r["recommendation"])
        s = self.iri.child(rec, "target", r["key"])
        due = r["due"].isoformat()
        self.g.add((rec, PKG.target, s))
        self.g.add((s, RDF.type, PKG.Target))
        self.g.add((s, PKG.key, _text(r["key"])))
        self.g.add((s, PKG.commitment, _text(r["commitment"])))
        self.g.add((s, PKG.due, _date(r["due"])))
        self.g.add((s, RDFS.label, _text(f"{r['recommendation']}: target {r['key']}, due {due}")))
        self.literal(s, PKG.note, r, "note")
        if "revises" in r:
            self.g.add((s, PKG.revises, self.iri.child(rec, "target", r["revises"])))
        evidence = self.evidence(s, r, None)
        if "met" in r:
            met = r["met"]
            node = self.iri.child(s, "met")
            self.g.add((s, PKG.met, node))
            self.g.add((node, RDF.type, PKG.TargetMet))
            self.g.add((node, PKG.date, _date(met["date"])))
            self.g.add((node, RDFS.label, _text(f"Target {r['key']} met on {met['date']}")))
            self.literal(node, PKG.note, met, "note")
            self.evidence(node, met, evidence)
