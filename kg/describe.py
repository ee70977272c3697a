"""Batched descriptions of graph nodes, so a request costs round trips by depth, not by results.

Loading a node fetches its outgoing triples and its incoming links on the predicates the API
walks backwards. Nodes loaded in one round trip form a *batch*. When a resolver follows a
predicate from one node (`related`, `referrers`), the describer follows it from every node of
that node's batch at once, so the siblings a GraphQL list resolves one after the other find
their neighbours already loaded: one round trip per level of the query, whatever the number of
results, and nothing loaded that the query did not ask for.
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
INCOMING_IRIS = tuple(str(p) for p in INCOMING)
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
        self.batch_of: dict[str, list[Description]] = {}
        self.followed: set[tuple[int, str, str]] = set()  # (batch, direction, predicate)

    def get(self, iri: str) -> Description:
        if iri not in self.cache:
            self._load([iri])
        return self.cache[iri]

    def get_many(self, iris: Iterable[str]) -> list[Description]:
        iris = list(dict.fromkeys(iris))
        missing = [i for i in iris if i not in self.cache]
        if missing:
            self._load(missing)
        return [self.cache[i] for i in iris]

    def related(self, node: Description, predicate) -> list[Description]:
        """The nodes `node` points at with `predicate` (loaded for its whole batch at once)."""
        self._follow(node, "out", str(predicate))
        return [self.cache[i] for i in node.iris(predicate)]

    def referrers(self, node: Description, predicate) -> list[Description]:
        """The nodes pointing at `node` with `predicate` (one of INCOMING), batch-wise."""
        self._follow(node, "in", str(predicate))
        return [self.cache[i] for i in node.sources(predicate)]

    def _follow(self, node: Description, direction: str, predicate: str) -> None:
        batch = self.batch_of.get(node.iri, [node])
        key = (id(batch), direction, predicate)
        if key in self.followed:
            return
        self.followed.add(key)
        if direction == "out":
            wanted = (i for d in batch for i in d.iris(predicate))
        else:
            wanted = (i for d in batch for i in d.sources(predicate))
        missing = list(dict.fromkeys(i for i in wanted if i not in self.cache))
        if missing:
            self._load(missing)

    def _load(self, iris: list[str]) -> None:
        for start in range(0, len(iris), BATCH):
            self._load_batch(iris[start : start + BATCH])

    def _load_batch(self, iris: list[str]) -> None:
        batch = [Description(iri) for iri in iris]
        for description in batch:
            self.cache[description.iri] = description
            self.batch_of[description.iri] = batch
        cache = self.cache
        facts = self.store.describe(iris, INCOMING_IRIS)
        # once each: the same triple may sit in several named graphs
        for subject, predicate, term, inward in dict.fromkeys(facts):
            if inward:
                cache[subject].incoming[predicate].append(term.value)
            else:
                cache[subject].outgoing[predicate].append(term)
