"""What every store offers (`Store`), what some offer beyond it (`Capabilities`, `Lookups`),
and the types that cross the seam.

A store answers SELECT queries over the union of its named graphs and counts its round trips
(one per query), so that tests can check that a GraphQL request costs a number of round trips
that grows with the query's depth, not with the number of results.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol

import pyoxigraph as ox

from ontology import prefixes

from ..sparql.results import Result

Term = ox.NamedNode | ox.Literal | ox.BlankNode
Row = dict[str, Term]
#: One triple of a description: (the described IRI, the predicate's IRI, the other end,
#: incoming?). The other end is the object of an outgoing triple, the subject of an incoming one.
Fact = tuple[str, str, Term, bool]

#: Prefixes every query of ours may use (pyoxigraph predefines none).
SPARQL_PREFIXES = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes().items()) + (
    "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
)


@dataclass(frozen=True)
class Capabilities:
    """What a store offers beyond the protocol. Callers choose how to ask by these, never by
    a store's class, so that a new backend only has to declare what it can do."""

    #: Per-node, per-predicate index lookups (the `Lookups` methods), cheap enough to make one
    #: for each predicate a query reads, rather than loading whole descriptions.
    lookups: bool = False
    #: The engine evaluates Oxigraph's LATERAL (a subquery run once per solution); without
    #: it, queries keep to SPARQL 1.1.
    lateral: bool = False
    #: `construct(query)` and `table(query)` (the `Constructs` protocol): kg.describe then
    #: fills a level of a query, and the levels under it, with one SELECT of just the
    #: predicates they read (for stores without lookups, where every round trip is an HTTP
    #: request).
    construct: bool = False


class Store(Protocol):
    """What every backend offers."""

    round_trips: int
    capabilities: Capabilities

    def select(self, query: str) -> list[Row]:
        """Run a SELECT (our prefixes are added) over the union of all named graphs."""
        ...

    def run_query(self, query: str, *, default_graphs: list[str], named_graphs: list[str],
                  cap: int) -> Result:  # fmt: skip
        """Run a user's SPARQL query as written (for /sparql): at most `cap` results, else
        QueryRefused. Without default graphs, the default graph is the union of all graphs."""
        ...

    def describe(self, iris: list[str], incoming: tuple[str, ...]) -> list[Fact]:
        """In one round trip, the triples about `iris`: all outgoing ones, and the incoming ones
        on the `incoming` predicates (see describe_query). A triple held in several named
        graphs may come more than once."""
        ...

    def close(self) -> None:
        """Let go of what the store holds open (a remote store's connections)."""
        ...


class Lookups(Protocol):
    """What a store with `capabilities.lookups` offers as well. The nodes come as terms, made
    once per batch by the caller rather than once per lookup (making one parses its IRI)."""

    round_trips: int

    def values_of(self, nodes: list[ox.NamedNode], predicate: str) -> list[list[Term]]:
        """In one round trip, each node's objects on `predicate`, in the order of `nodes`."""
        ...

    def sources_of(
        self, nodes: list[ox.NamedNode], predicate: str, terms: dict[str, ox.NamedNode]
    ) -> list[list[str]]:
        """In one round trip, the IRIs of the subjects pointing at each node with `predicate`,
        in the order of `nodes`; each subject's term is kept in `terms` by its IRI."""
        ...


class Constructs(Protocol):
    """What a store with `capabilities.construct` offers as well."""

    round_trips: int
    #: Whether `table` is the cheaper way to fetch many facts: False for an engine that
    #: writes SELECT answers only in verbose formats (Virtuoso: SPARQL JSON, where the same
    #: facts as N-Triples from `construct` cost it a third of the time).
    tables: bool
    #: Whether the engine evaluates LATERAL (Oxigraph's correlated subquery): kg.describe
    #: then fills batches by one nested query (optional: a store without it is read as False).
    nests: bool

    def construct(self, query: str) -> Iterable[ox.Triple]:
        """In one round trip, the triples a CONSTRUCT (our prefixes are added) answers over the
        union of all named graphs; the same triple may come more than once."""
        ...

    def table(self, query: str, plain: tuple[int, ...] = (),
              each: Callable[[list[tuple]], None] | None = None,
              ) -> list[tuple[Term | None, ...]]:  # fmt: skip
        """In one round trip, the rows a SELECT (our prefixes are added) answers over the
        union of all named graphs, each a tuple of terms in the order of its variables (None
        where one is unbound). Cheaper than `construct` for answers of many rows, because
        it carries only the columns asked for (kg.describe writes a short code where the
        CONSTRUCT would repeat a predicate's IRI on every triple). In the columns `plain`,
        an IRI comes as its string; with `each`, the rows go to it some at a time as they
        arrive, and none are returned."""
        ...


def describe_query(iris: list[str], incoming: tuple[str, ...]) -> str:
    """The SPARQL form of Store.describe, for stores that only speak SPARQL. A CONSTRUCT,
    because its N-Triples answer is cheaper for a server to write and for us to read than the
    same question as a SELECT in SPARQL JSON, whose rows are verbose.

    One UNION branch per predicate, each with the predicate written in: with the predicates in
    a VALUES block instead, the Oxigraph server scans every triple on them (60 ms against 3 ms
    for forty nodes at 10^5 quads)."""
    values = " ".join(f"<{i}>" for i in iris)
    branches = ["{ ?s ?p ?o }"] + [f"{{ ?in <{q}> ?s BIND(<{q}> AS ?q) }}" for q in incoming]
    return f"""CONSTRUCT {{ ?s ?p ?o . ?in ?q ?s }} WHERE {{
      VALUES ?s {{ {values} }}
      {" UNION ".join(branches)} }}"""


def describe_facts(triples: Iterable[ox.Triple], iris: list[str],
                   incoming: tuple[str, ...]) -> list[Fact]:  # fmt: skip
    """The facts of describe_query's answer. A triple between two described nodes on an
    incoming predicate is a fact of each."""
    described, inward = set(iris), set(incoming)
    facts: list[Fact] = []
    for triple in triples:
        subject, predicate, term = triple.subject.value, triple.predicate.value, triple.object
        if subject in described:
            facts.append((subject, predicate, term, False))
        if predicate in inward and isinstance(term, ox.NamedNode) and term.value in described:
            facts.append((term.value, predicate, triple.subject, True))
    return facts
