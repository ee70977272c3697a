"""The build: load every source, validate the whole dataset, then replace the previous build.

Nothing is written until the dataset has passed every check, and the write is atomic
(kg.atomic), so a failed or interrupted build leaves the previous build byte-for-byte as it was.

A build, once made, is known by its base IRI (`base_of`) and its identity (`build_id_of`), which
the server and the stores read back from it.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import XSD

from ingest import load_sources, source_files
from ontology import PKG, RDF, ontology_graph

from .atomic import atomic_replace
from .validation import Violation, blank_nodes, validate_dataset

if TYPE_CHECKING:
    from .store import Store

Progress = Callable[[str], None]

#: The named graph that carries the vocabulary and its concept schemes in every build.
ONTOLOGY_GRAPH = URIRef(str(PKG).rstrip("#"))


class BuildFailed(Exception):
    """The dataset does not conform to the shapes; nothing was written."""

    def __init__(self, violations: list[Violation]):
        self.violations = violations
        super().__init__(f"{len(violations)} shape violation(s)")


@dataclass
class BuildSummary:
    sources: int = 0
    graphs: int = 0
    quads: int = 0
    entities: Counter = field(default_factory=Counter)
    out: Path | None = None

    def lines(self) -> list[str]:
        head = f"{self.sources} source files -> {self.graphs} named graphs, {self.quads} quads"
        rows = [head] + [f"  {cls:<22} {n:>6}" for cls, n in sorted(self.entities.items())]
        if self.out:
            rows.append(f"written to {self.out}")
        return rows


def assemble(sources: Path, base: str, progress: Progress | None = None) -> Dataset:
    """Load the sources and add the ontology graph: the dataset a build writes."""
    dataset = load_sources(sources, base, progress)
    vocabulary = dataset.graph(ONTOLOGY_GRAPH)
    for triple in ontology_graph():
        vocabulary.add(triple)
    return dataset


def check(dataset: Dataset, progress: Progress | None = None) -> None:
    """Raise BuildFailed unless the dataset has no blank nodes and conforms to the shapes."""
    if progress:
        progress("validating against the SHACL shapes")
    violations = validate_dataset(dataset)
    blanks = blank_nodes(dataset)
    if blanks:
        violations.append(
            Violation("(dataset)", "", "no blank nodes", f"{blanks} triples use blank nodes")
        )
    if violations:
        raise BuildFailed(violations)


def summarise(dataset: Dataset, sources: int) -> BuildSummary:
    summary = BuildSummary(sources=sources)
    ours, graphs = str(PKG), set()
    # One pass: walking an rdflib Dataset is slow on a big build, so every count shares it.
    for _s, p, o, g in dataset.quads((None, None, None, None)):
        summary.quads += 1
        graphs.add(g)
        if p == RDF.type and str(o).startswith(ours) and g != ONTOLOGY_GRAPH:
            summary.entities[str(o)[len(ours) :]] += 1
    summary.graphs = len(graphs)
    return summary


def _ox(term):
    """An rdflib term as a pyoxigraph term (the build has no blank nodes)."""
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        datatype = term.datatype or XSD.string
        return ox.Literal(str(term), datatype=ox.NamedNode(datatype))
    return ox.NamedNode(term)


def serialise(dataset: Dataset) -> bytes:
    """N-Quads (pyoxigraph writes them), lines sorted, so the same sources give the same bytes."""
    quads = (
        ox.Quad(_ox(s), _ox(p), _ox(o), ox.NamedNode(g))
        for s, p, o, g in dataset.quads((None, None, None, None))
    )
    text = ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode("utf-8")
    lines = sorted(line for line in text.splitlines() if line.strip())
    return ("\n".join(lines) + "\n").encode("utf-8")


def build(sources: Path, out: Path, base: str, progress: Progress | None = None) -> BuildSummary:
    with _without_cycle_collection():
        dataset = assemble(sources, base, progress)
        check(dataset, progress)
        if progress:
            progress(f"writing {out}")
        payload = serialise(dataset)
        with atomic_replace(out) as handle:
            handle.write(payload)
        summary = summarise(dataset, sources=len(source_files(sources)))
    summary.out = out
    return summary


@contextlib.contextmanager
def _without_cycle_collection():
    """A build makes millions of objects that live until it ends and form few cycles: the
    cyclic collector's full passes over them grow with the heap and find almost nothing to
    free, so they are a large share of a big build's time and buy no memory back."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def base_of(store: Store) -> str:
    """The base IRI a build was made with: every named graph is <base>/graph/<file>."""
    rows = store.select("SELECT ?g WHERE { ?g pkg:sourceFile ?file } LIMIT 1")
    if not rows:
        raise ValueError("the build has no source graphs; was it made by `kg build`?")
    return rows[0]["g"].value.rsplit("/graph/", 1)[0]


def build_id_of(path: Path) -> str:
    """A build file's identity: the start of its SHA-256. GraphQL cursors carry it, so that a
    cursor from another build is refused rather than read wrongly."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()[:16]
