"""Batched descriptions of graph nodes, so a request costs round trips by depth, not by results.

Loading a node fetches its outgoing triples and its incoming links on the predicates the API
walks backwards. Every IRI a loaded node points at, or is pointed at by, becomes *pending*; the
first time any uncached node is asked for, all pending nodes are loaded together. A GraphQL
request therefore loads one level of the graph per round trip, whatever the number of results.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

import pyoxigraph as ox

from ontology import ELI, ORG, PKG

from .store import Store

#: Predicates the API follows from object to subject (a body's responsibilities, a section's Act).
INCOMING = (
    PKG.report, PKG.addresses, PKG.echoes, PKG.body, PKG.instrument, PKG.implicates,
    PKG.proposedBy, PKG.responsibility, PKG.instrumentLink, PKG.theme, PKG.enactedAs,
    ELI.is_part_of, ORG.subOrganizationOf,
)  # fmt: skip
#: IRIs per VALUES block; beyond this a level takes several round trips.
BATCH = 2000


class Description:
    """What the store says about one node."""

    __slots__ = ("incoming", "iri", "outgoing")

    def __init__(self, iri: str):
        self.iri = iri
        self.outgoing: dict[str, list[ox.NamedNode | ox.Literal]] = defaultdict(list)
        self.incoming: dict[str, list[str]] = defaultdict(list)

    def values(self, predicate) -> list[ox.NamedNode | ox.Literal]:
        return self.outgoing.get(str(predicate), [])

    def value(self, predicate):
        values = self.outgoing.get(str(predicate))
        return values[0] if values else None

    def text(self, predicate) -> str | None:
        term = self.value(predicate)
        return term.value if term is not None else None

    def iris(self, predicate) -> list[str]:
        return [t.value for t in self.values(predicate) if isinstance(t, ox.NamedNode)]

    def sources(self, predicate) -> list[str]:
        """Subjects that point at this node with `predicate` (one of INCOMING)."""
        return self.incoming.get(str(predicate), [])

    @property
    def types(self) -> set[str]:
        return {t.value for t in self.values("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")}

    @property
    def exists(self) -> bool:
        return bool(self.outgoing)


class Describer:
    """A per-request cache of node descriptions over a store."""

    def __init__(self, store: Store):
        self.store = store
        self.cache: dict[str, Description] = {}
        self.pending: set[str] = set()

    def prefetch(self, iris: Iterable[str]) -> None:
        self.pending.update(i for i in iris if i not in self.cache)

    def get(self, iri: str) -> Description:
        if iri not in self.cache:
            self.pending.add(iri)
            self._load_pending()
        return self.cache[iri]

    def get_many(self, iris: Iterable[str]) -> list[Description]:
        iris = list(iris)
        self.prefetch(iris)
        return [self.get(i) for i in iris]

    def _load_pending(self) -> None:
        batch, self.pending = sorted(self.pending), set()
        for start in range(0, len(batch), BATCH):
            self._load(batch[start : start + BATCH])

    def _load(self, iris: list[str]) -> None:
        for iri in iris:
            self.cache[iri] = Description(iri)
        values = " ".join(f"<{i}>" for i in iris)
        incoming = " ".join(f"<{p}>" for p in INCOMING)
        rows = self.store.select(f"""
            SELECT ?s ?p ?o ?in WHERE {{
              VALUES ?s {{ {values} }}
              {{ ?s ?p ?o }} UNION {{ VALUES ?p {{ {incoming} }} ?in ?p ?s }}
            }}""")
        seen: set[tuple] = set()
        for row in rows:
            subject, predicate = row["s"].value, row["p"].value
            description = self.cache[subject]
            if "in" in row:
                source = row["in"].value
                key = ("in", subject, predicate, source)
                if key not in seen:
                    seen.add(key)
                    description.incoming[predicate].append(source)
                    self._note(source)
            else:
                term = row["o"]
                key = ("out", subject, predicate, term)
                if key not in seen:  # the same triple may sit in several named graphs
                    seen.add(key)
                    description.outgoing[predicate].append(term)
                    if isinstance(term, ox.NamedNode):
                        self._note(term.value)

    def _note(self, iri: str) -> None:
        if iri not in self.cache:
            self.pending.add(iri)
