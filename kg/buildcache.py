"""What a build keeps between runs, beside its output: one N-Quads chunk per source file, the
checked documents, and the record of the last build that passed validation.

The cache of `build/kg.nq` is the directory `build/.kg.nq.cache/`:

    manifest.json   which chunk each source file has, what it depends on, and which chunks made
                    the last good build (`stored`)
    chunks/*.nq     a source file's named graph as sorted N-Quads lines (and one for the ontology)
    chunks/*.facts  beside each chunk, what the search index reads of its graph (kg.search.facts_of,
                    marshalled): the index is made from these, not from the build file
    parsed/*.pickle a source file's checked document, by the digest of the file's bytes (reading
                    and checking YAML is most of an incremental build's time otherwise)
    lock            held while a build uses the cache

A chunk is reused only when its source file's bytes, the bytes of every file whose declarations
its triples read (ingest.loader.ReadsIndex), the base IRI and the code (ingest, ontology and
this build's modules, pyoxigraph's and rdflib's versions) are all as they were; and only when
the chunk's own bytes still have the SHA-256 recorded for them (a truncated or corrupt chunk is
written again, never used). A build validates its chunks in a memory store (bulk-loaded from
them), only the graphs changed since the last good build, whose chunks are kept until a build
replaces it: what a changed graph said before is read from its old chunk. Without that record
(or with an old chunk gone), every graph is validated.

Deleting the directory is always safe: the next build writes everything again.
"""

from __future__ import annotations

import contextlib
import ctypes
import fcntl
import hashlib
import json
import marshal
import os
import pickle
import shutil
import signal
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

import pyoxigraph as ox
import rdflib
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from ontology import PKG, RDF

from .atomic import atomic_replace
from .terms import ox_term

#: Bump when the layout of the cache changes.
FORMAT = 2
_OURS = str(PKG)
_TYPE = RDF.type


def cache_dir(out: Path) -> Path:
    """Where the cache of the build `out` lives: a hidden sibling directory."""
    return out.with_name(f".{out.name}.cache")


@cache
def code_version() -> str:
    """A digest of everything a chunk's bytes depend on besides the sources and the base IRI."""
    root = Path(__file__).resolve().parents[1]
    ours = [root / "kg" / "build.py", Path(__file__).resolve()]
    files = sorted([*root.glob("ingest/*.py"), *root.glob("ontology/*.py"),
                    *root.glob("ontology/*.ttl"), *ours])  # fmt: skip
    digest = hashlib.sha256(f"{FORMAT} {ox.__version__} {rdflib.__version__}".encode())
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def die_with_parent() -> None:
    """In a forked worker of a build: be killed when the build's process dies (killed -9, its
    workers would otherwise run on, and write, after it). Linux's prctl; elsewhere nothing."""
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    if os.getppid() == 1:  # the parent died before that took effect
        os._exit(1)


def file_digest(path: Path) -> str:
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


# -- chunks ------------------------------------------------------------------------------


@dataclass
class Chunk:
    """One named graph's sorted N-Quads lines in the cache, and what was counted writing them."""

    name: str  # file name under chunks/
    sha256: str
    size: int
    quads: int
    blanks: int = 0  # triples with a blank node (a build must have none)
    classes: dict[str, int] = field(default_factory=dict)  # pkg: class -> rdf:type triples
    own: str = ""  # the key of the file's own bytes (with the base and the code version)
    deps: dict[str, str] = field(default_factory=dict)  # file read -> its bytes' digest
    facts_sha256: str = ""  # of the chunk's .facts file (what the search index reads)

    @classmethod
    def from_json(cls, data: dict) -> Chunk:
        return cls(**data)


class Terms:
    """rdflib terms as N-Quads text, written by pyoxigraph (so the bytes are the ones
    pyoxigraph's serialiser gives, and an IRI it refuses is refused) and remembered: a corpus
    repeats its predicates, classes and objects many times. Looked up by plain strings (an
    rdflib term's own hash and equality are Python code). Bounded, so a large build does not
    keep every IRI."""

    LIMIT = 200_000

    def __init__(self) -> None:
        self._iris: dict[str, str] = {}
        self._literals: dict[tuple, str] = {}
        self._datatypes: dict[str, ox.NamedNode] = {}

    def text(self, term) -> str:
        kind = type(term)
        if kind is URIRef:
            key = str.__str__(term)  # a plain str, hashed and compared in C
            found = self._iris.get(key)
            if found is None:
                if len(self._iris) >= self.LIMIT:
                    self._iris.clear()
                found = self._iris[key] = str(ox.NamedNode(key))
            return found
        if kind is Literal and term._language is None:
            datatype = term._datatype
            key = (str.__str__(term), str.__str__(datatype) if datatype is not None else None)
            found = self._literals.get(key)
            if found is None:
                if len(self._literals) >= self.LIMIT:
                    self._literals.clear()
                literal = ox.Literal(key[0], datatype=self._datatype(key[1]))
                found = self._literals[key] = str(literal)
            return found
        return str(ox_term(term))

    def _datatype(self, iri: str | None) -> ox.NamedNode:
        found = self._datatypes.get(iri)
        if found is None:
            found = self._datatypes[iri] = ox.NamedNode(iri if iri is not None else XSD.string)
        return found


_TYPE_TEXT = f"<{_TYPE}>"
_OURS_TEXT = f"<{_OURS}"


class ChunkSink:
    """Where a TripleWriter puts one file's triples in a build: each as the N-Quads line of
    the chunk of graph `graph` (a triple written twice is kept once, as in an rdflib graph),
    counted as a summary needs, and kept (`triples`) for the search index's facts."""

    __slots__ = ("_lines", "_tail", "_text", "blanks", "classes", "triples")

    def __init__(self, graph: str, terms: Terms) -> None:
        self._text = terms.text
        self._tail = f" {terms.text(rdflib.URIRef(graph))} .\n"
        self._lines: set[str] = set()
        self.triples: list[tuple] = []
        self.classes: Counter = Counter()
        self.blanks = 0

    def add(self, triple: tuple) -> None:
        s, p, o = triple
        text = self._text
        subject, predicate, value = text(s), text(p), text(o)
        line = f"{subject} {predicate} {value}{self._tail}"
        if line in self._lines:
            return
        self._lines.add(line)
        self.triples.append(triple)
        if predicate == _TYPE_TEXT and value.startswith(_OURS_TEXT):
            self.classes[value[len(_OURS_TEXT) : -1]] += 1
        if subject[0] == "_" or value[0] == "_":  # a blank node's text is _:id
            self.blanks += 1

    def lines(self) -> tuple[list[str], dict]:
        """The sorted lines (code point order, which is also the order of their UTF-8 bytes)
        and the counts."""
        return sorted(self._lines), {"classes": dict(self.classes), "blanks": self.blanks}


def chunk_lines(triples: Iterable[tuple], graph: str, terms: Terms) -> tuple[list[str], dict]:
    """One graph's triples as sorted N-Quads lines, with the counts a summary needs."""
    sink = ChunkSink(graph, terms)
    for triple in triples:
        sink.add(triple)
    return sink.lines()


# -- the cache -----------------------------------------------------------------------------


class BuildCache:
    """The cache directory of one build output. Use as a context manager: it holds a lock."""

    def __init__(self, directory: Path):
        self.dir = directory
        self.chunks_dir = directory / "chunks"
        self.parsed_dir = directory / "parsed"  # checked documents (pickles), by file digest
        self.manifest_path = directory / "manifest.json"
        self.store_dir = directory / "store"  # format 1's on-disk store: removed when seen
        self.chunks: dict[str, Chunk] = {}  # source (relative path) -> its latest chunk
        #: graph IRI -> the sha256 of its chunk in the last build that passed validation;
        #: None: there is none (every graph is validated)
        self.stored: dict[str, str] | None = None
        self.base: str | None = None
        self.digests: set[str] = set()  # the digests of the source files of this build
        self._lock = None

    def __enter__(self) -> BuildCache:
        self.chunks_dir.mkdir(parents=True, exist_ok=True)
        self.parsed_dir.mkdir(exist_ok=True)
        self._lock = open(self.dir / "lock", "w")  # held until __exit__
        fcntl.flock(self._lock, fcntl.LOCK_EX)
        if self.store_dir.exists():
            shutil.rmtree(self.store_dir, ignore_errors=True)
        self._read_manifest()
        return self

    def __exit__(self, *exc) -> None:
        if self._lock is not None:
            self._lock.close()  # releases the lock
            self._lock = None

    def _read_manifest(self) -> None:
        try:
            data = json.loads(self.manifest_path.read_text())
            if data.get("format") != FORMAT or data.get("version") != code_version():
                raise ValueError("another version")
            self.base = data["base"]
            self.chunks = {k: Chunk.from_json(v) for k, v in data["chunks"].items()}
            self.stored = data["stored"]
        except (OSError, ValueError, KeyError, TypeError):
            self.chunks, self.stored, self.base = {}, None, None

    def save(self) -> None:
        data = {
            "format": FORMAT,
            "version": code_version(),
            "base": self.base,
            "chunks": {k: asdict(v) for k, v in sorted(self.chunks.items())},
            "stored": self.stored,
        }
        with atomic_replace(self.manifest_path) as handle:
            handle.write(json.dumps(data, indent=0, sort_keys=True).encode())

    def path(self, chunk: Chunk) -> Path:
        return self.chunks_dir / chunk.name

    def facts_path(self, chunk: Chunk) -> Path:
        return self.chunks_dir / f"{Path(chunk.name).stem}.facts"

    def intact(self, chunk: Chunk) -> bool:
        """Whether the chunk's file and its facts are there with exactly the bytes recorded."""
        path = self.path(chunk)
        try:
            if path.stat().st_size != chunk.size:
                return False
            if file_digest(self.facts_path(chunk)) != chunk.facts_sha256:
                return False
            return file_digest(path) == chunk.sha256
        except OSError:
            return False

    def write(
        self, lines: list[str], counts: dict, own: str, deps: dict[str, str], facts: list[tuple]
    ) -> Chunk:
        """Write a chunk and its facts (each atomically, by rename) and return its record."""
        payload = "".join(lines).encode("utf-8")
        sha = hashlib.sha256(payload).hexdigest()
        facts_payload = marshal.dumps(sorted(facts))
        chunk = Chunk(name=f"{sha[:32]}.nq", sha256=sha, size=len(payload), quads=len(lines),
                      own=own, deps=deps,
                      facts_sha256=hashlib.sha256(facts_payload).hexdigest(), **counts)  # fmt: skip
        target = self.path(chunk)
        if not (target.exists() and self.intact(chunk)):
            for path, data in ((self.facts_path(chunk), facts_payload), (target, payload)):
                temp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
                temp.write_bytes(data)
                os.replace(temp, path)
        return chunk

    def facts(self, chunk: Chunk) -> list[tuple[str, str, str]]:
        """The facts kept beside a chunk; ValueError when they are not as recorded."""
        try:
            data = self.facts_path(chunk).read_bytes()
        except OSError as exc:
            raise ValueError(f"{self.facts_path(chunk)}: {exc.strerror}") from exc
        if hashlib.sha256(data).hexdigest() != chunk.facts_sha256:
            raise ValueError(f"{self.facts_path(chunk)}: not the bytes recorded for it")
        return marshal.loads(data)

    def collect_garbage(self, keep: Iterable[Chunk], digests: Iterable[str]) -> None:
        """Remove the chunks and checked documents nothing refers to (and temporaries of dead
        builds): those of other versions of the files."""
        wanted = set()
        for chunk in keep:
            wanted.update((chunk.name, self.facts_path(chunk).name))
        for path in self.chunks_dir.iterdir():
            if path.name not in wanted:
                path.unlink(missing_ok=True)
        wanted = {self._parsed_path(digest).name for digest in digests}
        for path in self.parsed_dir.iterdir():
            if path.name not in wanted:
                path.unlink(missing_ok=True)

    # -- checked documents, by their file's bytes ------------------------------------------

    def _parsed_path(self, digest: str) -> Path:
        return (
            self.parsed_dir
            / f"{hashlib.sha256((code_version() + digest).encode()).hexdigest()[:32]}.pickle"
        )

    def has_parsed(self, digest: str) -> bool:
        return self._parsed_path(digest).is_file()

    def parsed(self, digest: str):
        """The checked document of a file whose bytes have this digest, as a previous build
        found it; None when there is none or it is not intact (a checksum leads the pickle)."""
        try:
            data = self._parsed_path(digest).read_bytes()
            if hashlib.sha256(data[64:]).hexdigest().encode() != data[:64]:
                return None
            return pickle.loads(data[64:])
        except Exception:
            return None

    def remember(self, digest: str, document) -> None:
        payload = pickle.dumps(document, protocol=pickle.HIGHEST_PROTOCOL)
        target = self._parsed_path(digest)
        temp = target.with_name(f".{target.name}.tmp-{os.getpid()}")
        temp.write_bytes(hashlib.sha256(payload).hexdigest().encode() + payload)
        os.replace(temp, target)

    # -- the last good build ---------------------------------------------------------------

    def subjects_of(self, sha256: str) -> set[str] | None:
        """The subjects (IRIs) of the chunk whose bytes have this digest; None when it is gone
        or its bytes are not those."""
        path = self.chunks_dir / f"{sha256[:32]}.nq"
        try:
            if file_digest(path) != sha256:
                return None
            quads = ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS)
            return {q.subject.value for q in quads if isinstance(q.subject, ox.NamedNode)}
        except (OSError, SyntaxError):
            return None


class ChainedReader:
    """Several files read as one stream (a bulk load of many chunks in one call)."""

    def __init__(self, paths: list[Path]):
        self._paths = iter(paths)
        self._current = None

    def read(self, size: int = -1) -> bytes:
        while True:
            if self._current is None:
                path = next(self._paths, None)
                if path is None:
                    return b""
                self._current = open(path, "rb")  # noqa: SIM115 - closed at its end
            data = self._current.read(size if size and size > 0 else 1 << 20)
            if data:
                return data
            self._current.close()
            self._current = None
