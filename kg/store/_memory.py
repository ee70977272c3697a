"""The embedded store: Oxigraph in this process. The default backend (`memory`) loads the build
file into memory; the on-disk backend (_disk) opens the same class over an on-disk store.

Its index lookups answer a per-predicate question without a query to parse and plan, and its
query engine evaluates LATERAL: it declares both capabilities.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..sparql.results import Result
from ._errors import NoBuild, QueryRefused
from ._protocol import SPARQL_PREFIXES, Capabilities, Fact, Row, Term

if TYPE_CHECKING:
    from ._spec import StoreSpec


class EmbeddedStore:
    """An Oxigraph store in this process (in memory, or on disk read-only)."""

    capabilities = Capabilities(lookups=True, lateral=True)

    def __init__(self, store: ox.Store):
        self._store = store
        self.round_trips = 0

    @classmethod
    def from_build(cls, path: Path) -> EmbeddedStore:
        if not path.is_file():
            raise NoBuild(f"no build at {path}: run `kg build` first (or pass --build PATH)")
        store = ox.Store()
        store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
        return cls(store)

    def close(self) -> None:
        """Nothing to let go of: the store is freed with the process's memory."""

    def select(self, query: str) -> list[Row]:
        self.round_trips += 1
        solutions = self._store.query(SPARQL_PREFIXES + query, use_default_graph_as_union=True)
        names = [v.value for v in solutions.variables]
        rows = []
        for solution in solutions:
            row = {}
            for name in names:
                term = solution[name]
                if term is not None:
                    row[name] = term
            rows.append(row)
        return rows

    def describe(self, iris: list[str], incoming: tuple[str, ...]) -> list[Fact]:
        """Native index lookups rather than the same question in SPARQL. Tuples, not rows, and
        one scan of a node's incoming triples rather than one lookup per wanted predicate."""
        self.round_trips += 1
        wanted = _named_nodes(incoming)
        quads = self._store.quads_for_pattern
        facts: list[Fact] = []
        add = facts.append
        for iri in iris:
            node = ox.NamedNode(iri)
            for quad in quads(node, None, None, None):
                add((iri, quad.predicate.value, quad.object, False))
            for quad in quads(None, None, node, None):
                if quad.predicate in wanted:
                    add((iri, quad.predicate.value, quad.subject, True))
        return facts

    # Per-node, per-predicate lookups (capabilities.lookups): the describer reads a node's
    # predicates one at a time, for a whole batch, so that a query decodes only the triples it
    # reads.

    def values_of(self, nodes: list[ox.NamedNode], predicate: str) -> list[list[Term]]:
        """In one round trip, each node's objects on `predicate`, in the order of `nodes`."""
        self.round_trips += 1
        quads, named = self._store.quads_for_pattern, ox.NamedNode(predicate)
        return [_once([q.object for q in quads(node, named, None)]) for node in nodes]

    def sources_of(
        self, nodes: list[ox.NamedNode], predicate: str, terms: dict[str, ox.NamedNode]
    ) -> list[list[str]]:
        """In one round trip, the IRIs of the subjects pointing at each node with `predicate`,
        in the order of `nodes`; each subject's term is kept in `terms` by its IRI."""
        self.round_trips += 1
        quads, named = self._store.quads_for_pattern, ox.NamedNode(predicate)
        found = []
        for node in nodes:
            values = []
            for quad in quads(None, named, node):
                subject = quad.subject
                iri = subject.value
                values.append(iri)
                terms[iri] = subject
            found.append(_once(values))
        return found

    def run_query(self, query: str, *, default_graphs: list[str], named_graphs: list[str],
                  cap: int) -> Result:  # fmt: skip
        options: dict = {"use_default_graph_as_union": not default_graphs}
        if default_graphs:
            options["default_graph"] = [ox.NamedNode(g) for g in default_graphs]
        if named_graphs:
            options["named_graphs"] = [ox.NamedNode(g) for g in named_graphs]
        self.round_trips += 1
        try:
            answer = self._store.query(query, **options)
        except SyntaxError as exc:
            raise QueryRefused(f"the query is not valid SPARQL: {exc}") from None
        except (ValueError, OSError) as exc:
            raise QueryRefused(f"the query cannot be run: {exc}") from None
        # pyoxigraph results must be dropped on the thread that made them (the endpoint runs
        # queries in a worker thread): never let them escape inside a traceback.
        refusal = None
        try:
            return _materialise(answer, cap)
        except QueryRefused as exc:
            refusal = str(exc)
        finally:
            del answer
        raise QueryRefused(refusal)


def _once(values: list) -> list:
    """Each value once: the same triple may sit in several named graphs."""
    return values if len(values) < 2 else list(dict.fromkeys(values))


@functools.lru_cache(maxsize=8)
def _named_nodes(iris: tuple[str, ...]) -> frozenset[ox.NamedNode]:
    return frozenset(ox.NamedNode(i) for i in iris)


def _materialise(answer, cap: int) -> Result:
    if isinstance(answer, ox.QueryBoolean):
        return Result("ask", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = [v.value for v in answer.variables]
        rows = []
        for solution in answer:
            if len(rows) == cap:
                raise QueryRefused(_too_many(cap, "rows"))
            rows.append({v: solution[v] for v in variables if solution[v] is not None})
        return Result("select", variables=variables, rows=rows)
    triples = []
    for triple in answer:
        if len(triples) == cap:
            raise QueryRefused(_too_many(cap, "triples"))
        triples.append(triple)
    return Result("graph", triples=triples)


def _too_many(cap: int, what: str) -> str:
    return (
        f"the result has more than {cap} {what}, the cap of this endpoint: "
        "narrow the query or page through it with LIMIT and OFFSET"
    )


def open_build(path: Path) -> EmbeddedStore:
    """Open a build file on the embedded default store."""
    return EmbeddedStore.from_build(path)


# -- the `memory` scheme (see _spec) ---------------------------------------------------------


def parse(rest: str) -> dict[str, str] | None:
    return None if rest else {}


def load_spec(spec: StoreSpec, build_file: Path, build_id: str,
              progress: Callable[[str], None] | None = None) -> str:  # fmt: skip
    return "memory: the build file is loaded when served"


def open_spec(spec: StoreSpec, build_file: Path) -> tuple[EmbeddedStore, None]:
    return open_build(build_file), None


def marker(spec: StoreSpec, build_file: Path) -> Path:
    return build_file  # `kg build` replaces it by an atomic rename
