"""Readable, stable IRIs for our own entities, all under one configurable base."""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import URIRef

from .schema import EFFECT_IRI, LEGISLATION_IRI

DEFAULT_BASE = "https://policy-kg.example"


@dataclass(frozen=True)
class Minter:
    """Makes IRIs such as <base>/report/casey-2025/recommendation/1."""

    base: str = DEFAULT_BASE

    def __post_init__(self) -> None:
        object.__setattr__(self, "base", self.base.rstrip("/"))

    def _iri(self, *parts: object) -> URIRef:
        return URIRef("/".join([self.base, *(str(p) for p in parts)]))

    def graph(self, name: str) -> URIRef:
        return self._iri("graph", name)

    def source(self, key: str) -> URIRef:
        return self._iri("source", key)

    def theme(self, key: str) -> URIRef:
        return self._iri("theme", key)

    def theme_scheme(self) -> URIRef:
        return self._iri("theme")

    def body(self, key: str) -> URIRef:
        return self._iri("body", key)

    def report(self, key: str) -> URIRef:
        return self._iri("report", key)

    def finding(self, report: str, key: str) -> URIRef:
        return self._iri("report", report, "finding", key)

    def recommendation(self, report: str, number: int) -> URIRef:
        return self._iri("report", report, "recommendation", number)

    def proposal(self, key: str) -> URIRef:
        return self._iri("proposal", key)

    def recommendation_ref(self, ref: str) -> URIRef:
        report, number = ref.split("/")
        return self.recommendation(report, int(number))

    def finding_ref(self, ref: str) -> URIRef:
        """A finding of any report, as curators write it: `REPORT-KEY/FINDING-KEY`."""
        report, key = ref.split("/", 1)
        return self.finding(report, key)

    def instrument(self, ident: str) -> URIRef:
        """legislation.gov.uk IRIs are kept as they are; other instruments get one of ours."""
        if LEGISLATION_IRI.match(ident):
            return URIRef(ident)
        return self._iri("instrument", ident)

    def effect(self, ident: str) -> URIRef:
        """legislation.gov.uk effect IRIs are kept; a curated effect with a key gets one of ours."""
        if EFFECT_IRI.match(ident):
            return URIRef(ident)
        return self._iri("effect", ident)

    def citation(self, subject: URIRef, number: int) -> URIRef:
        return self.part_of(subject, "citation", number)

    def part_of(self, subject: URIRef, *parts: object) -> URIRef:
        """A node that exists only as part of `subject` (a citation, an in-force date), always
        under our base: never mint IRIs in legislation.gov.uk's namespace for nodes of ours."""
        text = str(subject)
        if text.startswith(self.base + "/"):
            return self.child(subject, *parts)
        if LEGISLATION_IRI.match(text) or EFFECT_IRI.match(text):
            path = text.split("/id/", 1)[1]
            return self._iri("legislation", path, *parts)
        raise ValueError(f"no IRIs for parts of {text}")  # pragma: no cover - nothing else

    @staticmethod
    def child(parent: URIRef, *parts: object) -> URIRef:
        """A node that only exists as part of another (citation, figure, response ...)."""
        return URIRef("/".join([str(parent), *(str(p) for p in parts)]))
