"""Every controlled value and every kind of entity, read once from the ontology (policy.ttl).

This is their one home: the source format, the triples, the GraphQL enums, the views, the pages
and the analyses import them from here, and a test fails when one is spelt as a literal elsewhere.

- A controlled value is a SKOS concept in a scheme: `STATUS.IN_PROGRESS.iri` is its IRI,
  `.notation` its GraphQL enum name (`IN_PROGRESS`), `.token` how source files spell it
  (`in_progress`), `.label` its words for people ("in progress"), `.order` its place in the
  scheme. Delivery statuses are in the order delivery normally runs (see `pkg:order`).
- An instrument kind is a subclass of `pkg:Instrument` with a notation (`INSTRUMENT_KIND.ACT`);
  `.types` are the classes an instrument of that kind is typed with (ours and ELI's).
- An entity kind is a class marked with `pkg:kindOrder` (`KIND.Recommendation`): the kinds the
  API, the network views and the entity pages show.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Generic, TypeVar

from rdflib import URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from . import PKG, ontology_graph

T = TypeVar("T")

__all__ = [
    "AUTHORITY",
    "BILL_STAGE",
    "HOUSE",
    "INSTRUMENT_KIND",
    "IN_FORCE_STATE",
    "KIND",
    "LEGAL_STAGE",
    "RELATION",
    "ROLE",
    "STANCE",
    "STATUS",
    "Concept",
    "Kind",
    "Kinds",
    "Scheme",
]


@dataclass(frozen=True)
class Concept:
    """One controlled value."""

    iri: str
    notation: str  # the GraphQL enum name, e.g. IN_PROGRESS
    label: str  # for people, e.g. "in progress"
    order: int  # place in its scheme, from 1
    types: tuple[str, ...] = ()  # instrument kinds only: the classes to type an instrument with

    @property
    def token(self) -> str:
        """How source files spell it: the notation in lower case (in_progress)."""
        return self.notation.lower()

    @property
    def local(self) -> str:
        """The IRI's local name (InProgress)."""
        return self.iri.rsplit("#", 1)[-1]


class _Ordered(Generic[T]):
    """Members in their order, each named by an attribute (`STATUS.IN_PROGRESS`,
    `KIND.Recommendation`) and found by IRI."""

    def __init__(self, name: str, members: list[T], attribute: Callable[[T], str]):
        self.name = name
        self.members = tuple(sorted(members, key=lambda m: m.order))
        self._by_attribute = {attribute(m): m for m in self.members}
        self._by_iri = {m.iri: m for m in self.members}

    def __getattr__(self, name: str) -> T:
        if name.startswith("_"):
            raise AttributeError(name)
        try:
            return self.__dict__["_by_attribute"][name]
        except KeyError:
            raise AttributeError(f"{self.name} has no value {name}") from None

    def __iter__(self) -> Iterator[T]:
        return iter(self.members)

    def __len__(self) -> int:
        return len(self.members)

    def __contains__(self, member: object) -> bool:
        return member in self.members

    def by_iri(self, iri: str) -> T | None:
        return self._by_iri.get(iri)

    @property
    def iris(self) -> tuple[str, ...]:
        return tuple(m.iri for m in self.members)

    def __repr__(self) -> str:
        return f"<{self.name}: {', '.join(self._by_attribute)}>"


class Scheme(_Ordered[Concept]):
    """The concepts of one scheme, in order; `SCHEME.NOTATION` names one."""

    def __init__(self, name: str, concepts: list[Concept]):
        super().__init__(name, concepts, lambda c: c.notation)
        self._by_token = {c.token: c for c in self.members}

    def by_notation(self, notation: str) -> Concept | None:
        return self._by_attribute.get(notation)

    def by_token(self, token: str) -> Concept | None:
        return self._by_token.get(token)

    @property
    def notations(self) -> tuple[str, ...]:
        return tuple(c.notation for c in self.members)

    @property
    def tokens(self) -> tuple[str, ...]:
        return tuple(c.token for c in self.members)


@dataclass(frozen=True)
class Kind:
    """A kind of entity people browse."""

    name: str  # the class's local name and the GraphQL type's name, e.g. Recommendation
    iri: str
    label: str
    order: int


class Kinds(_Ordered[Kind]):
    """The entity kinds, in order; `KIND.Recommendation` names one."""

    def __init__(self, kinds: list[Kind]):
        super().__init__("entity kinds", kinds, lambda k: k.name)

    def by_name(self, name: str) -> Kind | None:
        return self._by_attribute.get(name)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(k.name for k in self.members)


def _int(graph, subject, predicate) -> int:
    value = graph.value(subject, predicate)
    if value is None:
        raise ValueError(f"policy.ttl: {subject} has no {predicate}")
    return int(value)


def _scheme(name: str) -> Scheme:
    graph = ontology_graph()
    scheme = PKG[name]
    concepts = [
        Concept(
            str(concept),
            str(graph.value(concept, SKOS.notation)),
            str(graph.value(concept, SKOS.prefLabel)),
            _int(graph, concept, PKG.order),
        )
        for concept in graph.subjects(SKOS.inScheme, scheme)
    ]
    if not concepts:
        raise ValueError(f"policy.ttl has no concepts in {scheme}")
    return Scheme(name.removesuffix("Scheme"), concepts)


def _instrument_kinds() -> Scheme:
    graph = ontology_graph()
    kinds = []
    for cls in graph.subjects(RDFS.subClassOf, PKG.Instrument):
        notation = graph.value(cls, SKOS.notation)
        if notation is None:
            continue
        others = sorted(
            str(parent)
            for parent in graph.objects(cls, RDFS.subClassOf)
            if isinstance(parent, URIRef) and parent != PKG.Instrument
        )
        label = str(graph.value(cls, RDFS.label)).lower()
        order = _int(graph, cls, PKG.order)
        kinds.append(Concept(str(cls), str(notation), label, order, (str(cls), *others)))
    return Scheme("InstrumentKind", kinds)


def _entity_kinds() -> Kinds:
    graph = ontology_graph()
    return Kinds(
        [
            Kind(cls.rsplit("#", 1)[-1], str(cls), str(graph.value(cls, RDFS.label)), int(order))
            for cls, order in graph.subject_objects(PKG.kindOrder)
            if (cls, RDF.type, OWL.Class) in graph
        ]
    )


AUTHORITY = _scheme("AuthorityScheme")
ROLE = _scheme("ResponsibilityRoleScheme")
RELATION = _scheme("InstrumentRelationScheme")
STANCE = _scheme("ResponseStanceScheme")
STATUS = _scheme("DeliveryStatusScheme")
BILL_STAGE = _scheme("BillStageScheme")
HOUSE = _scheme("HouseScheme")
LEGAL_STAGE = _scheme("LegalStageScheme")
IN_FORCE_STATE = _scheme("InForceStateScheme")
INSTRUMENT_KIND = _instrument_kinds()
KIND = _entity_kinds()
