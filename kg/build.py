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
import heapq
import itertools
import json
import os
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import Dataset, Literal, URIRef
from rdflib.namespace import XSD

from ingest import Minter, check_sources, load_sources, source_files
from ingest.index import Index
from ingest.loader import ReadsIndex, Sink, write_graph
from ingest.yamlnodes import Located
from ontology import PKG, RDF, ontology_graph

from . import validation
from .atomic import atomic_replace
from .buildcache import (
    BuildCache,
    ChainedReader,
    Chunk,
    Terms,
    cache_dir,
    chunk_lines,
    code_version,
    file_digest,
)
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


def build(
    sources: Path, out: Path, base: str, progress: Progress | None = None, *, full: bool = False
) -> BuildSummary:
    """Check the sources, write each changed file's chunk, validate, then replace `out` with the
    merge of the chunks (and write its id beside it). `full`: use nothing from the cache."""
    with _without_cycle_collection(), BuildCache(cache_dir(out)) as cache:
        chunks = _validated_chunks(sources, base, cache, progress, full=full)
        started = time.perf_counter()
        if progress:
            progress(f"writing {out}")
        build_id = _merge([cache.path(chunk) for chunk in chunks.values()], out, cache.dir)
        _write_id(out, build_id)
        if progress:
            progress(f"wrote {out} in {time.perf_counter() - started:.1f}s")
        cache.collect_garbage(chunks.values(), cache.digests)
    summary = _summary(chunks)
    summary.out = out
    return summary


def validate(
    sources: Path,
    base: str,
    progress: Progress | None = None,
    *,
    out: Path | None = None,
    full: bool = False,
) -> BuildSummary:
    """The build's checks, writing no build: with the cache of the build `out` when there is
    one (it is left as a build would leave it), else with a temporary one."""
    with contextlib.ExitStack() as stack:
        if out is not None and cache_dir(out).is_dir():
            directory = cache_dir(out)
        else:
            directory = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="kg-")))
        with _without_cycle_collection(), BuildCache(directory) as cache:
            chunks = _validated_chunks(sources, base, cache, progress, full=full)
    return _summary(chunks)


def _validated_chunks(
    sources: Path, base: str, cache: BuildCache, progress: Progress | None, *, full: bool
) -> dict[str, Chunk]:
    """Every graph's chunk (source files' and the ontology's), in the store, validated; or raise
    SourceErrors or BuildFailed, leaving the cache's record of the last good build as it was."""
    started = time.perf_counter()
    files = source_files(sources)
    by_path = {path: file_digest(path) for path in files}
    known = set()

    def cached(path: Path) -> Located | None:
        document = None if full else cache.parsed(by_path[path])
        if document is not None:
            known.add(path)
        return document

    checked, index = check_sources(sources, progress, cached)
    for path, document in checked:
        if path not in known:
            cache.remember(by_path[path], document)
    n_files = len(checked)
    rel = {path: path.relative_to(sources).as_posix() for path, _doc in checked}
    digests = {rel[path]: by_path[path] for path, _doc in checked}
    if progress:
        progress(f"read and checked {n_files} source files in {time.perf_counter() - started:.1f}s")
    if full or cache.base != base:
        cache.chunks, cache.stored = {}, None
    cache.base = base
    version = code_version()

    started = time.perf_counter()
    chunks: dict[str, Chunk] = {}
    pending: list[tuple[Path, Located, str]] = []
    for path, doc in checked:
        name = rel[path]
        own = _digest(version, base, name, digests[name])
        old = cache.chunks.get(name)
        if old and old.own == own and _deps_unchanged(old, digests) and cache.intact(old):
            chunks[name] = old
        else:
            pending.append((path, doc, own))
    del checked  # the documents of reused chunks are not needed any more
    own = _digest(version)
    old = cache.chunks.get(_ONTOLOGY)
    ontology_changed = not (old and old.own == own and cache.intact(old))
    if progress:
        progress(f"{len(pending)} of {n_files} source files changed (or their dependencies); "
                 f"{n_files - len(pending)} from the cache")  # fmt: skip
    # Only what a TripleWriter reads from other files is kept: the reports' records can go
    # as soon as their chunk is written.
    reads_from = Index(sources=index.sources, bodies=index.bodies, instruments=index.instruments)
    del index
    minter, terms = Minter(base), Terms()
    pending.reverse()
    while pending:
        path, doc, own_key = pending.pop()
        reads, sink = ReadsIndex(reads_from), Sink()
        write_graph(path, doc, reads, minter, sink)
        del doc
        deps = {rel[f]: digests[rel[f]] for f in reads.files if f != path}
        lines, counts = chunk_lines(sink.triples, minter.graph(path.stem), terms)
        chunks[rel[path]] = cache.write(lines, counts, own_key, deps)
    if ontology_changed:
        lines, counts = chunk_lines(ontology_graph(), str(ONTOLOGY_GRAPH), terms)
        chunks[_ONTOLOGY] = cache.write(lines, counts, own, {})
    else:
        chunks[_ONTOLOGY] = old
    if progress:
        progress(f"wrote the changed chunks in {time.perf_counter() - started:.1f}s")
    cache.chunks = dict(chunks)
    cache.digests = set(digests.values())
    graphs = {_graph_of(name, minter): chunk for name, chunk in chunks.items()}
    _update_store_and_validate(cache, graphs, progress, full=full)
    return chunks


_ONTOLOGY = "(ontology)"


def _graph_of(name: str, minter: Minter) -> str:
    return str(ONTOLOGY_GRAPH) if name == _ONTOLOGY else str(minter.graph(Path(name).stem))


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _deps_unchanged(chunk: Chunk, digests: dict[str, str]) -> bool:
    return all(digests.get(name) == digest for name, digest in chunk.deps.items())


def _update_store_and_validate(
    cache: BuildCache, graphs: dict[str, Chunk], progress: Progress | None, *, full: bool
) -> None:
    """Bring the store of the last good build to `graphs` and validate what changed (with the
    cross-file checks over the whole store). On failure the store is put back as it was, or
    left marked stale for the next build to reload; the cache's chunks are kept either way."""
    before = cache.stored
    target = {graph: chunk.sha256 for graph, chunk in graphs.items()}
    if before is None:
        changed, removed = set(target), set()
    else:
        changed = {graph for graph, sha in target.items() if before.get(graph) != sha}
        removed = set(before) - set(target)
    if not changed and not removed:
        if progress:
            progress("nothing changed since the last good build: nothing to validate")
        cache.save()
        return
    cache.stored = None  # stale while it changes
    cache.save()
    started = time.perf_counter()
    previous: set = set()
    with cache.open_store(empty=before is None) as store:
        try:
            if before is None:
                if progress:
                    progress(f"loading {len(graphs)} graphs into the build's store")
                paths = [cache.path(chunk) for chunk in graphs.values()]
                store.bulk_load(ChainedReader(paths), format=ox.RdfFormat.N_QUADS)
            else:
                if progress:
                    progress(f"replacing {len(changed)} graphs in the build's store"
                             + (f", removing {len(removed)}" if removed else ""))  # fmt: skip
                for graph in changed | removed:  # what they said before, for the checks
                    node = ox.NamedNode(graph)
                    previous.update(
                        q.subject for q in store.quads_for_pattern(None, None, None, node)
                    )
                    store.remove_graph(node)
                for graph in changed:
                    store.load(path=str(cache.path(graphs[graph])), format=ox.RdfFormat.N_QUADS)
            if progress:
                progress(f"store ready in {time.perf_counter() - started:.1f}s")
            whole = before is None or full or str(ONTOLOGY_GRAPH) in changed
            violations = _check_store(store, None if whole else changed, previous, graphs, progress)
            if violations:
                cache.stored = _put_back(store, cache, before, changed | removed)
        except BaseException:
            cache.stored = _put_back(store, cache, before, changed | removed)
            cache.save()
            raise
        del store  # the store closes when its last reference goes: before anything is raised
    if violations:
        cache.save()
        raise BuildFailed(violations)
    cache.stored = target
    cache.save()


def _put_back(store: ox.Store, cache: BuildCache, before, touched: set[str]):
    """Undo a failed build's changes to the store; what the store then holds (None: stale)."""
    if before is None:
        return None
    try:
        for graph in touched:
            store.remove_graph(ox.NamedNode(graph))
        for graph in touched & set(before):
            path = cache.chunks_dir / f"{before[graph][:32]}.nq"
            if file_digest(path) != before[graph]:
                return None
            store.load(path=str(path), format=ox.RdfFormat.N_QUADS)
    except Exception:  # whatever went wrong, the store is then not known good
        return None
    return before


def _check_store(store, graphs, previous, chunks: dict[str, Chunk], progress) -> list[Violation]:
    """The blank nodes and the shape violations of the store (of the focus nodes of `graphs`
    and of `previous`, what they held before; of every graph's when None)."""
    started = time.perf_counter()
    if progress:
        what = "every graph" if graphs is None else f"{len(graphs)} changed graph(s)"
        progress(f"validating against the SHACL shapes: {what} and the cross-file checks")
    previous = [node.value for node in previous if isinstance(node, ox.NamedNode)]
    violations = list(validation.check_store(store, graphs, previous=previous))
    for graph, chunk in sorted(chunks.items()):
        if chunk.blanks:
            violations.append(Violation(graph, "", "no blank nodes",
                                        f"{chunk.blanks} triples use blank nodes"))  # fmt: skip
    if progress and not violations:
        progress(f"validated in {time.perf_counter() - started:.1f}s")
    return violations


#: At most this many chunk files are open at once while merging (the rest merge in rounds).
MERGE_FAN_IN = 2000


def _merge(paths: list[Path], out: Path, work: Path) -> str:
    """Write the merge of sorted chunk files to `out` atomically; return its build id."""
    with contextlib.ExitStack() as stack:
        rounds = 0
        while len(paths) > MERGE_FAN_IN:  # merge groups into runs, then the runs
            runs = []
            for start in range(0, len(paths), MERGE_FAN_IN):
                rounds += 1
                run = work / f".merge-{os.getpid()}-{rounds}.nq"
                stack.callback(run.unlink, missing_ok=True)
                with open(run, "wb") as handle:
                    _merge_into(paths[start : start + MERGE_FAN_IN], handle)
                runs.append(run)
            paths = runs
        with atomic_replace(out) as handle:
            return _merge_into(paths, handle)[:16]


def _merge_into(paths: list[Path], handle) -> str:
    digest = hashlib.sha256()
    with contextlib.ExitStack() as stack:
        files = [stack.enter_context(open(path, "rb")) for path in paths]
        merged = heapq.merge(*files)
        while block := b"".join(itertools.islice(merged, 1 << 16)):
            handle.write(block)
            digest.update(block)
    return digest.hexdigest()


def _summary(chunks: dict[str, Chunk]) -> BuildSummary:
    summary = BuildSummary(sources=len(chunks) - 1, graphs=len(chunks))
    for name, chunk in chunks.items():
        summary.quads += chunk.quads
        if name != _ONTOLOGY:
            summary.entities.update(chunk.classes)
    return summary


def _id_file(path: Path) -> Path:
    return path.with_name(f"{path.name}.id")


def _write_id(out: Path, build_id: str) -> None:
    """`<out>.id`: the build's id with the size and mtime of the file it was computed from."""
    stat = out.stat()
    record = {"id": build_id, "size": stat.st_size, "mtime_ns": stat.st_mtime_ns}
    with atomic_replace(_id_file(out)) as handle:
        handle.write(json.dumps(record).encode())


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
    cursor from another build is refused rather than read wrongly. Read from `<path>.id` when
    that records the file's present size and mtime (a build writes it), else computed."""
    with contextlib.suppress(OSError, ValueError, KeyError, TypeError):
        record = json.loads(_id_file(path).read_text())
        stat = path.stat()
        if (record["size"], record["mtime_ns"]) == (stat.st_size, stat.st_mtime_ns):
            return str(record["id"])
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()[:16]
