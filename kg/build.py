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
import multiprocessing
import os
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib import Dataset, URIRef

from ingest import Minter, SourceErrors, check_sources, load_sources, source_files
from ingest.index import Index
from ingest.loader import ReadsIndex, write_graph
from ingest.schema import check_file
from ingest.yamlnodes import Located, read_yaml
from ontology import PKG, ontology_graph

from . import search, validation
from .atomic import atomic_replace
from .buildcache import (
    BuildCache,
    ChainedReader,
    Chunk,
    ChunkSink,
    Terms,
    cache_dir,
    chunk_lines,
    code_version,
    die_with_parent,
    file_digest,
)
from .search import facts_of
from .terms import ox_term
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
    index: str | None = None  # what became of the search index

    def lines(self) -> list[str]:
        head = f"{self.sources} source files -> {self.graphs} named graphs, {self.quads} quads"
        rows = [head] + [f"  {cls:<22} {n:>6}" for cls, n in sorted(self.entities.items())]
        if self.out:
            rows.append(f"written to {self.out}")
        if self.index:
            rows.append(self.index)
        return rows


# -- the whole dataset at once: the reference ---------------------------------------------------
# `build` streams (below). These three do the same in one rdflib Dataset, as the build once did:
# no command uses them; the tests hold the streamed build to them (the same bytes, the same
# violations), and they are the short way to the dataset of a small corpus in a test.


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


def serialise(dataset: Dataset) -> bytes:
    """N-Quads (pyoxigraph writes them), lines sorted, so the same sources give the same bytes."""
    quads = (
        ox.Quad(ox_term(s), ox_term(p), ox_term(o), ox.NamedNode(g))
        for s, p, o, g in dataset.quads((None, None, None, None))
    )
    text = ox.serialize(quads, format=ox.RdfFormat.N_QUADS).decode("utf-8")
    lines = sorted(line for line in text.splitlines() if line.strip())
    return ("\n".join(lines) + "\n").encode("utf-8")


# -- the build -------------------------------------------------------------------------------


def build(
    sources: Path, out: Path, base: str, progress: Progress | None = None, *, full: bool = False
) -> BuildSummary:
    """Check the sources, write each changed file's chunk, validate, then replace `out` with the
    merge of the chunks (and write its id and search index beside it). `full`: use nothing
    from the cache. The merge and the index are written by a forked process while this one
    validates, and put in place only once validation has passed."""
    with _without_cycle_collection(), BuildCache(cache_dir(out)) as cache:
        writer = _Writer(cache, out)
        try:
            chunks = _validated_chunks(sources, base, cache, progress, full=full,
                                       on_chunks=writer.start)  # fmt: skip
            index = writer.finish(chunks, progress)
        finally:
            writer.abandon()
        cache.collect_garbage(chunks.values(), cache.digests)
    summary = _summary(chunks)
    summary.out = out
    summary.index = index
    return summary


class _Writer:
    """The build file and its search index, written from the chunks by a forked process (by
    this one when that fails), to temporaries that `finish` renames into place."""

    def __init__(self, cache: BuildCache, out: Path):
        self.cache, self.out = cache, out
        self.process = self.pipe = None
        self.temps: list[Path] = []

    def start(self, chunks: dict[str, Chunk]) -> None:
        self._remove_temporaries()
        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        try:
            process = context.Process(target=self._run, args=(chunks, send), daemon=True)
            process.start()
        except OSError:
            receive.close()
            return  # `finish` writes them in this process
        finally:
            send.close()
        self.process, self.pipe = process, receive
        self.temps = self._temps(process.pid)

    def _remove_temporaries(self) -> None:
        """Those of earlier builds that were killed (the cache's lock is held: no build that
        is running wrote them; a killed build's writer may be a zombie a while, which
        kg.atomic takes as alive)."""
        for target in (self.out, search.default_path(self.out)):
            for pattern in (f".{target.name}.tmp-*", f"..{target.name}.tmp-*"):
                for temp in target.parent.glob(pattern):
                    temp.unlink(missing_ok=True)
        for run in self.cache.dir.glob(".merge-*.nq"):
            run.unlink(missing_ok=True)

    def _temps(self, pid: int) -> list[Path]:
        """Where process `pid` writes the build file and the index (kg.atomic's naming, so
        that those of a killed build are removed by the next)."""
        index = search.default_path(self.out)
        return [self.out.with_name(f".{self.out.name}.tmp-{pid}"),
                index.with_name(f".{index.name}.tmp-{pid}")]  # fmt: skip

    def _run(self, chunks: dict[str, Chunk], send) -> None:
        die_with_parent()
        gc.freeze()
        gc.enable()
        try:
            send.send(("ok", *self._write(chunks, *self._temps(os.getpid()))))
        except BaseException as exc:  # said to the parent, which then writes them itself
            send.send(("failed", f"{type(exc).__name__}: {exc}"))
        finally:
            send.close()
            os._exit(0)

    def _write(self, chunks: dict[str, Chunk], build_temp: Path, index_temp: Path) -> tuple:
        """Write the merge to `build_temp` and the index to `index_temp` (unless the index in
        place is already of this build): (build id, the index's line, whether it was written,
        the seconds of each)."""
        started = time.perf_counter()
        paths = [self.cache.path(chunk) for chunk in chunks.values()]
        build_id = _merge(paths, build_temp, self.cache.dir)
        merged = time.perf_counter() - started
        line, written = _write_search_index(
            self.cache, chunks, build_temp, build_id, search.default_path(self.out), index_temp
        )
        return build_id, line, written, merged, time.perf_counter() - started - merged

    def finish(self, chunks: dict[str, Chunk], progress: Progress | None) -> str:
        """Wait for the writer, then put the build file, its id and the index in place; the
        line that says what became of the index."""
        result = None
        if self.process is not None:
            if progress and self.process.is_alive():
                progress(f"writing {self.out}")
            with contextlib.suppress(EOFError, OSError):
                result = self.pipe.recv()
            self.process.join()
        if result is None or result[0] != "ok":
            if progress:
                why = f" ({result[1]})" if result else ""
                progress(f"writing {self.out} here: the writer process failed{why}")
            self.temps = self._temps(os.getpid())
            result = ("ok", *self._write(chunks, *self.temps))
        _, build_id, line, written, merged, indexed = result
        build_temp, index_temp = self.temps
        _sync(build_temp)
        os.replace(build_temp, self.out)
        _sync(self.out.parent)
        _write_id(self.out, build_id)
        if progress:
            progress(f"wrote {self.out} in {merged:.1f}s")
        if written:
            try:
                os.replace(index_temp, search.default_path(self.out))
            except OSError as exc:  # the build is in place: say why the index is not
                return _index_not_written(exc)
            if progress:
                progress(f"wrote the search index ({line.split()[2]} entities) in {indexed:.1f}s")
        return line

    def abandon(self) -> None:
        """Stop the writer if it still runs (validation failed) and remove its temporaries."""
        if self.process is not None and self.process.is_alive():
            self.process.kill()
            self.process.join()
        if self.process is not None or self.temps:
            self._remove_temporaries()
        if self.pipe is not None:
            self.pipe.close()


def _sync(path: Path) -> None:
    """Flush a file's (or a directory's) contents to disk."""
    handle = os.open(path, os.O_RDONLY)
    try:
        os.fsync(handle)
    finally:
        os.close(handle)


def _write_search_index(
    cache: BuildCache, chunks: dict[str, Chunk], build_file: Path, build_id: str,
    target: Path, temp: Path,
) -> tuple[str, bool]:  # fmt: skip
    """Write the search index (kg.search) of the build file `build_file` to `temp` from the
    facts kept beside the chunks, unless the index at `target` is already of this build: (a
    line for the summary, whether `temp` was written). An index that cannot be written is
    said, not raised: the build stands (the index in place, of another build, is then made
    again by the server when it first searches: kg.search.ensure_index)."""
    said = "search index: {} entities at " + str(target)
    with contextlib.suppress(Exception):
        index = search.SearchIndex.open(target)
        try:
            if index.build_id == build_id and index.version == search.VERSION:
                return said.format(index.entities), False  # nothing changed since it was made
        finally:
            index.close()
    try:
        try:
            facts = [cache.facts(chunk) for chunk in chunks.values()]
        except ValueError:  # a damaged facts file: read the build file instead
            index = search.SearchIndex.open(search.write_index(build_file, temp))
            count = index.entities
            index.close()
        else:
            count = search.write_index_from_facts(temp, facts, build_id)
    except Exception as exc:  # the build is good: say why the index is not
        temp.unlink(missing_ok=True)
        return _index_not_written(exc), False
    return said.format(count), True


def _index_not_written(exc: Exception) -> str:
    return (f"search index NOT written ({type(exc).__name__}: {exc}); the server makes it "
            "when it first searches")  # fmt: skip


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
    sources: Path,
    base: str,
    cache: BuildCache,
    progress: Progress | None,
    *,
    full: bool,
    on_chunks: Callable[[dict[str, Chunk]], None] | None = None,
) -> dict[str, Chunk]:
    """Every graph's chunk (source files' and the ontology's), in the store, validated; or raise
    SourceErrors or BuildFailed, leaving the cache's record of the last good build as it was."""
    started = time.perf_counter()
    files = source_files(sources)
    by_path = {path: file_digest(path) for path in files}
    # The files not checked before are read and checked in worker processes, which keep each
    # checked document in the cache; here they are then read from it (a file with errors is
    # read again by check_sources, which reports them in order).
    _check_in_workers(
        [path for path in files if full or not cache.has_parsed(by_path[path])],
        by_path, cache, progress,
    )  # fmt: skip
    checked, index = check_sources(sources, progress, lambda path: cache.parsed(by_path[path]))
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
    pending: list[tuple[Path, str]] = []
    for path, _doc in checked:
        name = rel[path]
        own = _digest(version, base, name, digests[name])
        old = cache.chunks.get(name)
        if old and old.own == own and _deps_unchanged(old, digests) and cache.intact(old):
            chunks[name] = old
        else:
            pending.append((path, own))
    del checked  # the workers read their documents from the cache
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

    def write_chunk(item: tuple[Path, str]) -> tuple[str, Chunk]:
        path, own_key = item
        doc = cache.parsed(by_path[path])
        if doc is None:  # its checked document went missing since: check it again
            doc, errors = _check_file(path)
            if errors:
                raise SourceErrors(errors)
        reads, sink = ReadsIndex(reads_from), ChunkSink(minter.graph(path.stem), terms)
        write_graph(path, doc, reads, minter, sink)
        del doc
        deps = {rel[f]: digests[rel[f]] for f in reads.files if f != path}
        lines, counts = sink.lines()
        return rel[path], cache.write(lines, counts, own_key, deps, facts_of(sink.triples))

    written = dict(_in_workers(write_chunk, pending, progress, "wrote the chunks of", _file_size))
    for path, _own in pending:  # in the files' order, as the cache records them
        chunks[rel[path]] = written[rel[path]]
    del pending, written
    if ontology_changed:
        vocabulary = ontology_graph()
        lines, counts = chunk_lines(vocabulary, str(ONTOLOGY_GRAPH), terms)
        chunks[_ONTOLOGY] = cache.write(lines, counts, own, {}, facts_of(vocabulary))
    else:
        chunks[_ONTOLOGY] = old
    if progress:
        progress(f"wrote the changed chunks in {time.perf_counter() - started:.1f}s")
    cache.chunks = dict(chunks)
    cache.digests = set(digests.values())
    graphs = {_graph_of(name, minter): chunk for name, chunk in chunks.items()}
    if on_chunks is not None:  # every chunk is written: the build's output can be begun
        on_chunks(chunks)
    _update_store_and_validate(cache, graphs, progress, full=full)
    return chunks


_ONTOLOGY = "(ontology)"

#: Worker processes a build uses (forked): the cores, at most 4; KG_BUILD_WORKERS overrides
#: (1: everything in the build's own process).
WORKERS_ENV = "KG_BUILD_WORKERS"


#: Fewer items than this are not worth forking for (unless KG_BUILD_WORKERS says so).
MIN_PARALLEL = 16


def workers(items: int) -> int:
    """How many worker processes to use for `items` files."""
    with contextlib.suppress(KeyError, ValueError):
        return max(1, int(os.environ[WORKERS_ENV]))
    return max(1, min(4, len(os.sched_getaffinity(0)))) if items >= MIN_PARALLEL else 1


_TASK: Callable | None = None  # what a forked worker runs (inherited, never pickled)


def _run_task(item):
    return _TASK(item)


def _worker_start() -> None:
    """A forked worker dies with the build, collects its own cyclic garbage (the build's
    process runs with the collector off), and leaves what it inherited out of the
    collections (gc.freeze: never walked, so its pages are not copied)."""
    die_with_parent()
    gc.freeze()
    gc.enable()


def _in_workers(task: Callable, items: list, progress: Progress | None, what: str,
                size: Callable | None = None):  # fmt: skip
    """`task` over `items` in forked worker processes (in this process when there are too
    few items or one worker), the results in no set order; the biggest items (by `size`)
    first, so that no worker is left with a big one at the end. Each item and result is
    pickled, the task is not. Says how far it is at each tenth."""
    global _TASK
    n, started = workers(len(items)), time.perf_counter()
    step = max(1, len(items) // 10)
    if n < 2 or len(items) < 2:
        results = map(task, items)
        pool = contextlib.nullcontext()
    else:
        _TASK = task
        if size is not None:
            items = sorted(items, key=size, reverse=True)
        pool = multiprocessing.get_context("fork").Pool(min(n, len(items)), _worker_start)
        results = pool.imap_unordered(_run_task, items)
    try:
        with pool:
            for done, result in enumerate(results, start=1):
                if progress and (done % step == 0 or done == len(items)) and len(items) >= 10:
                    progress(f"{what} {done}/{len(items)} files "
                             f"({time.perf_counter() - started:.1f}s)")  # fmt: skip
                yield result
    finally:
        _TASK = None


def _check_file(path: Path) -> tuple[Located | None, list]:
    """One file read and checked: (its checked document, []) or (None, its errors)."""
    document, errors = read_yaml(path)
    if document is None:
        return None, errors
    cleaned, format_errors = check_file(document, path)
    errors = errors + format_errors
    return (cleaned, []) if cleaned is not None and not errors else (None, errors)


def _check_in_workers(
    files: list[Path], by_path: dict[Path, str], cache: BuildCache, progress: Progress | None
) -> None:
    """Read and check `files` in worker processes, keeping each good file's checked document
    in the cache (the errors are found again, in order, by check_sources)."""

    def check(path: Path) -> bool:
        document, errors = _check_file(path)
        if document is not None:
            cache.remember(by_path[path], document)
        return not errors

    for _ok in _in_workers(check, files, progress, "read and checked", _file_size):
        pass


def _file_size(path_first) -> int:
    path = path_first[0] if isinstance(path_first, tuple) else path_first
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _graph_of(name: str, minter: Minter) -> str:
    return str(ONTOLOGY_GRAPH) if name == _ONTOLOGY else str(minter.graph(Path(name).stem))


def _digest(*parts: str) -> str:
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _deps_unchanged(chunk: Chunk, digests: dict[str, str]) -> bool:
    return all(digests.get(name) == digest for name, digest in chunk.deps.items())


def _update_store_and_validate(
    cache: BuildCache, graphs: dict[str, Chunk], progress: Progress | None, *, full: bool
) -> None:
    """Validate `graphs` (graph IRI -> chunk) against the last good build: load them all into
    a memory store (pyoxigraph's bulk loader) and check the graphs that changed since that
    build, with the cross-file checks over the whole store (every graph when there was none,
    with `full`, or when the ontology changed). Only a build that passes becomes the last good
    build; the cache's chunks are kept either way."""
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
    whole = before is None or full or str(ONTOLOGY_GRAPH) in changed
    previous: set[str] = set()
    if not whole:  # what the changed graphs said before, for the checks
        for graph in changed | removed:
            if graph not in before:
                continue
            subjects = cache.subjects_of(before[graph])
            if subjects is None:  # that chunk is gone or damaged: check everything
                whole = True
                break
            previous |= subjects
    started = time.perf_counter()
    if progress:
        progress(f"loading {len(graphs)} graphs into the build's store")
    store = ox.Store()
    paths = [cache.path(chunk) for chunk in graphs.values()]
    store.bulk_load(ChainedReader(paths), format=ox.RdfFormat.N_QUADS)
    if progress:
        progress(f"store ready in {time.perf_counter() - started:.1f}s")
    violations = _check_store(store, None if whole else changed, previous, graphs, progress)
    del store
    if violations:
        cache.save()  # the last good build stays the one it was
        raise BuildFailed(violations)
    cache.stored = target
    cache.save()


def _check_store(store, graphs, previous, chunks: dict[str, Chunk], progress) -> list[Violation]:
    """The blank nodes and the shape violations of the store (of the focus nodes of `graphs`
    and of `previous`, what they held before; of every graph's when None)."""
    started = time.perf_counter()
    if progress:
        what = "every graph" if graphs is None else f"{len(graphs)} changed graph(s)"
        progress(f"validating against the SHACL shapes: {what} and the cross-file checks")
    quads = sum(chunk.quads for chunk in chunks.values())
    cores = workers(MIN_PARALLEL)
    n = cores if graphs is None and quads <= FORKED_VALIDATION_QUADS else 1
    violations = validation.check_store(store, graphs, previous=sorted(previous), workers=n,
                                        threads=cores)  # fmt: skip
    for graph, chunk in sorted(chunks.items()):
        if chunk.blanks:
            violations.append(Violation(graph, "", "no blank nodes",
                                        f"{chunk.blanks} triples use blank nodes"))  # fmt: skip
    if progress and not violations:
        progress(f"validated in {time.perf_counter() - started:.1f}s")
    return violations


#: Up to this many quads, the whole-dataset validation is dealt out to forked workers. None
#: by default: a worker's reads copy much of the memory store's pages (its reference counts),
#: about 300 MiB each at 10^6 quads, which took the build's memory (PSS of its processes) to
#: 1.5 GiB for a gain of a few seconds on two free cores, and none on a busy machine.
FORKED_VALIDATION_QUADS = 0

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
