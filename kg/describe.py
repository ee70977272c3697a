"""Batched descriptions of graph nodes, so a request costs round trips by depth, not by results.

Nodes loaded together form a *batch*. When a resolver follows a predicate from one node
(`related`, `referrers`), the describer follows it from every node of that node's batch at once,
so the siblings a GraphQL list resolves one after the other find their neighbours already loaded:
a bounded number of round trips per level of the query, whatever the number of results.

Two ways to fill a batch, chosen by the store's capabilities:
- *by predicate* (stores whose index lookups are cheap, `capabilities.lookups`: the embedded
  ones): a batch starts empty and the first read of a predicate from any node fetches that
  predicate for the whole batch. A query decodes only the triples it reads: most nodes carry
  many more (a recommendation has about twenty predicates; an operation reads three or four).
- *whole* (stores without lookups, such as remote ones, where each round trip is an HTTP
  request; and entity pages, which show everything): one round trip per batch fetches every
  outgoing triple and the incoming links on the predicates the API walks backwards (INCOMING).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pyoxigraph as ox

from ontology import ELI, ORG, PKG

from .store import Lookups, Store

#: Predicates the API follows from object to subject (a body's responsibilities, a section's Act).
INCOMING = (
    PKG.report, PKG.addresses, PKG.echoes, PKG.body, PKG.instrument, PKG.implicates,
    PKG.proposedBy, PKG.responsibility, PKG.instrumentLink, PKG.theme, PKG.enactedAs,
    ELI.is_part_of, ORG.subOrganizationOf,
)  # fmt: skip
INCOMING_IRIS = tuple(str(p) for p in INCOMING)
_WALKED_BACKWARDS = frozenset(INCOMING_IRIS)
#: IRIs per VALUES block; beyond this a level takes several round trips.
BATCH = 2000
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


class Batch:
    """Nodes loaded together. With `lookups` (a store answering per-predicate lookups), each
    predicate is fetched for every member the first time any member's value is read.

    A batch holds its members' fact tables (the very dicts their Descriptions read), never the
    Descriptions: a Description points at its batch, so a batch pointing back would make every
    request leave a reference cycle of all it loaded, which only the garbage collector frees,
    in a collection that some later request pays for."""

    __slots__ = ("fetched", "incoming", "lookups", "nodes", "outgoing", "terms")

    def __init__(self, lookups: Lookups | None, terms: dict[str, ox.NamedNode]):
        self.lookups = lookups
        self.terms = terms  # the describer's: IRI -> its term, as a lookup returned it
        self.outgoing: dict[str, dict[str, list]] = {}  # member IRI -> its Description.outgoing
        self.incoming: dict[str, dict[str, list]] = {}  # member IRI -> its Description.incoming
        self.fetched: set[tuple[bool, str]] = set()  # (incoming?, predicate)
        self.nodes: list[ox.NamedNode] | None = None  # the members as terms, made at first fetch

    def fetch(self, predicate: str, incoming: bool) -> None:
        self.fetched.add((incoming, predicate))
        nodes = self.nodes
        if nodes is None:  # reuse the terms lookups returned: making one parses its IRI
            known = self.terms
            nodes = self.nodes = [known.get(iri) or ox.NamedNode(iri) for iri in self.outgoing]
        # the lookups answer in the order of `nodes`, which is the order of the tables
        if incoming:
            found = self.lookups.sources_of(nodes, predicate, self.terms)
            tables = self.incoming.values()
        else:
            found = self.lookups.values_of(nodes, predicate)
            tables = self.outgoing.values()
        for table, values in zip(tables, found, strict=True):
            if values:
                table[predicate] = values


class Description:
    """What the store says about one node. Read it through its methods: `outgoing` and
    `incoming` hold only what has been fetched so far (everything, in a whole batch)."""

    __slots__ = ("batch", "incoming", "iri", "outgoing")

    def __init__(self, iri: str, batch: Batch):
        self.iri = iri
        self.batch = batch
        self.outgoing: dict[str, list[ox.NamedNode | ox.Literal]] = {}
        self.incoming: dict[str, list[str]] = {}
        batch.outgoing[iri] = self.outgoing
        batch.incoming[iri] = self.incoming

    # The readers look the predicate up first and fall back to _read only when it is not there
    # yet: a query reads each of a node's predicates once per field, thousands of times a request.

    def values(self, predicate) -> list[ox.NamedNode | ox.Literal]:
        found = self.outgoing.get(predicate)
        return found if found is not None else self._read(self.outgoing, str(predicate), False)

    def value(self, predicate):
        found = self.outgoing.get(predicate)
        if found is None:
            found = self._read(self.outgoing, str(predicate), False)
        return found[0] if found else None

    def text(self, predicate) -> str | None:
        found = self.outgoing.get(predicate)
        if found is None:
            found = self._read(self.outgoing, str(predicate), False)
        return found[0].value if found else None

    def iris(self, predicate) -> list[str]:
        return [t.value for t in self.values(predicate) if isinstance(t, ox.NamedNode)]

    def sources(self, predicate) -> list[str]:
        """Subjects that point at this node with `predicate` (for whole batches, only the
        INCOMING predicates are known)."""
        found = self.incoming.get(predicate)
        return found if found is not None else self._read(self.incoming, str(predicate), True)

    def _read(self, facts: dict, key: str, incoming: bool) -> list:
        """`facts[key]`, fetched for the whole batch the first time any member reads it."""
        found = facts.get(key)
        batch = self.batch
        if found is None and batch.lookups is not None and (incoming, key) not in batch.fetched:
            batch.fetch(key, incoming)
            found = facts.get(key)
        return found or []

    @property
    def types(self) -> set[str]:
        return {t.value for t in self.values(RDF_TYPE)}

    @property
    def exists(self) -> bool:
        """Whether the node is the subject of any triple. Known for whole descriptions only
        (entity pages); the API asks for a type instead (kg.api.types.is_entity)."""
        if self.batch.lookups is not None:
            raise TypeError("exists needs a whole description: Describer(store, whole=True)")
        return bool(self.outgoing)


class Describer:
    """A per-request cache of node descriptions over a store. `whole=True` loads every node
    whole (for pages that show all of a node's facts)."""

    def __init__(self, store: Store, whole: bool = False):
        self.store = store
        self.lookups = store if store.capabilities.lookups and not whole else None
        self.cache: dict[str, Description] = {}
        self.terms: dict[str, ox.NamedNode] = {}  # terms lookups returned, for batches to reuse
        self.followed: set[tuple[int, bool, str]] = set()  # (batch, incoming?, predicate)
        self.computed: dict[tuple[int, str], dict] = {}  # (batch, question) -> IRI -> answer

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
        self._follow(node, False, str(predicate))
        return [self.cache[i] for i in node.iris(predicate)]

    def referrers(self, node: Description, predicate) -> list[Description]:
        """The nodes pointing at `node` with `predicate` (one of INCOMING), batch-wise."""
        self._follow(node, True, str(predicate))
        return [self.cache[i] for i in node.sources(predicate)]

    def per_batch(self, node: Description, question: str,
                  answer: Callable[[list[str]], dict[str, list[str]]]) -> list[str]:  # fmt: skip
        """For a question the store answers better than lookups (a walk of several steps):
        `answer(iris)` asked once for all of `node`'s batch, so that siblings cost one round
        trip between them; `question` names it and its arguments. `node`'s answer, or []."""
        key = (id(node.batch), question)
        found = self.computed.get(key)
        if found is None:
            found = self.computed[key] = answer(list(node.batch.outgoing))
        return found.get(node.iri, [])

    def _follow(self, node: Description, incoming: bool, predicate: str) -> None:
        batch = node.batch
        key = (id(batch), incoming, predicate)
        if key in self.followed:
            return
        self.followed.add(key)
        if incoming and predicate not in _WALKED_BACKWARDS:
            # Whole batches (remote stores, entity pages) hold only these incoming links: a
            # walk on any other would find nothing there, silently. Fail on every store instead.
            raise LookupError(f"{predicate} is walked backwards: add it to kg.describe.INCOMING")
        # read through `node` first: that fetches the predicate for the whole batch
        if incoming:
            node.sources(predicate)
            wanted = (i for facts in batch.incoming.values() for i in facts.get(predicate, ()))
        else:
            node.values(predicate)
            terms = self.terms
            wanted = []
            for facts in batch.outgoing.values():
                for t in facts.get(predicate, ()):
                    if isinstance(t, ox.NamedNode):
                        iri = t.value
                        wanted.append(iri)
                        terms[iri] = t
        missing = list(dict.fromkeys(i for i in wanted if i not in self.cache))
        if missing:
            self._load(missing)

    def _load(self, iris: list[str]) -> None:
        for start in range(0, len(iris), BATCH):
            self._load_batch(iris[start : start + BATCH])

    def _load_batch(self, iris: list[str]) -> None:
        batch = Batch(self.lookups, self.terms)
        cache = self.cache
        for iri in iris:
            cache[iri] = Description(iri, batch)
        if self.lookups is not None:
            return  # filled predicate by predicate, as they are read
        # once each: the same triple may sit in several named graphs
        for subject, predicate, term, inward in dict.fromkeys(
            self.store.describe(iris, INCOMING_IRIS)
        ):
            if inward:
                batch.incoming[subject].setdefault(predicate, []).append(term.value)
            else:
                batch.outgoing[subject].setdefault(predicate, []).append(term)
