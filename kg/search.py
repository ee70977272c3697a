"""The search index: a ranked full-text index (SQLite FTS5, BM25) of the entities people search
for, kept beside a build (`<build>.search.sqlite`): `kg build` writes it from what `facts_of`
kept of each source's graph (`write_index_from_facts`), without reading the build file again.

    path = write_index(Path("build/kg.nq"))          # from a written build (when missing)
    index = SearchIndex.open(path)
    found = index.query("taxi", kinds=["Recommendation"], first=10)
    found.total, [(hit.iri, hit.score, hit.snippet) for hit in found.hits]

One row per searchable entity (the entity kinds of ontology.vocabulary.KIND) with its IRI, kind,
report (a finding's or recommendation's, a report's own), whether it is confirmed, and its texts
in weighted columns, so that a hit in a label or a name ranks above one in a summary. The index
records the build id it was made from; `ensure_index` makes it again when it is missing or was
made from another build. A store with no build file at hand is indexed from the store itself
(`index_from_store`): the same rows, so the same ranking, on every store.

User text never reaches FTS5's query syntax: each word becomes a quoted phrase, and the words
must all occur (in any column). Words are stemmed (`porter`) and folded (`unicode61
remove_diacritics 2`), so "taxi" finds "taxis" and "Pecs" finds "Pécs".
"""

from __future__ import annotations

import hashlib
import logging
import os
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from ontology import PKG
from ontology.vocabulary import KIND

from .atomic import remove_stale_temporaries
from .rules import confirmed as confirmed_rule

log = logging.getLogger("kg.search")

#: Bumped when the index's layout or contents change: an index of another version is remade.
VERSION = "1"
#: The searched texts: (column, predicate, BM25 weight). A label or a name counts ten times a
#: summary, so that a label hit ranks above a summary-only hit, as the search always has.
COLUMNS = (
    ("label", str(RDFS.label), 10.0),
    ("title", str(DCTERMS.title), 5.0),
    ("summary", str(PKG.summary), 1.0),
    ("abbreviation", str(PKG.abbreviation), 10.0),
    ("definition", str(SKOS.definition), 1.0),
)
TOKENIZER = "porter unicode61 remove_diacritics 2"
#: At most this many words in one query (each is a phrase FTS5 looks up).
MAX_WORDS = 32
#: Words of context in a snippet, and the marks put around each matched word while making one
#: (control characters no source text holds; they never reach the caller).
SNIPPET_WORDS = 16
_OPEN, _CLOSE, _ELLIPSIS = "\x02", "\x03", "…"

_TYPE = str(RDF.type)
_CONFIRMED = str(PKG.confirmed)
_REPORT = str(PKG.report)
_TEXT = {predicate: i for i, (_, predicate, _) in enumerate(COLUMNS)}
_KINDS = {kind.iri: kind for kind in KIND}
_WANTED = {_TYPE, _CONFIRMED, _REPORT, *_TEXT}
_WORD = re.compile(r"\w", re.UNICODE)
#: A term that at least this many entities hold has its entities ranked in the index.
FREQUENT = 1000
#: A table in which to tokenize a word as the index does (and its terms, in order).
_PROBE = f"""
    CREATE VIRTUAL TABLE temp.probe USING fts5(word, tokenize = '{TOKENIZER}');
    CREATE VIRTUAL TABLE temp.probe_terms USING fts5vocab(temp, probe, 'instance');
"""
_BM25 = "bm25(text, " + ", ".join(f"{weight:g}" for _, _, weight in COLUMNS) + ")"


class SearchError(ValueError):
    """A search the index cannot run as asked (no words, too many): the message says why."""


@dataclass(frozen=True)
class Hit:
    iri: str
    kind: str  # an entity kind's name (ontology.vocabulary.KIND)
    score: float  # BM25, higher is better
    snippet: str  # the best-matching text, shortened around the matches
    highlights: tuple[tuple[int, int], ...]  # [start, end) of each matched word in `snippet`


@dataclass(frozen=True)
class Results:
    hits: list[Hit]
    total: int | None  # how many entities match in all (None when not asked for)


@dataclass
class _Entity:
    kinds: set[str] = field(default_factory=set)
    texts: list[set[str]] = field(default_factory=lambda: [set() for _ in COLUMNS])
    report: set[str] = field(default_factory=set)
    confirmed: set[str] = field(default_factory=set)


def default_path(build_file: Path) -> Path:
    """Where a build's index lives: beside it, `<build>.search.sqlite`."""
    return build_file.with_name(build_file.name + ".search.sqlite")


# -- making the index ---------------------------------------------------------------------


class _HashingReader:
    """A binary file read through once, hashed on the way: the build id (kg.build.build_id_of,
    the start of the file's SHA-256) comes out of the pass that reads the quads."""

    def __init__(self, handle):
        self._handle = handle
        self.digest = hashlib.sha256()

    def read(self, size: int = -1) -> bytes:
        chunk = self._handle.read(size)
        self.digest.update(chunk)
        return chunk


def _collect(triples: Iterable[tuple[str, str, object]]) -> dict[str, _Entity]:
    """Each subject's kinds, texts, report and confirmed values, from (subject, predicate,
    object term) triples; the object's `.value` is its IRI or lexical form."""
    return _collect_values((s, p, term.value) for s, p, term in triples)


def _collect_values(
    facts: Iterable[tuple[str, str, str]], entities: dict[str, _Entity] | None = None
) -> dict[str, _Entity]:
    """`_collect` of (subject, predicate, object's IRI or lexical form), added to `entities`."""
    entities = {} if entities is None else entities
    for subject, predicate, value in facts:
        entity = entities.get(subject)
        if entity is None:
            entity = entities[subject] = _Entity()
        if predicate == _TYPE:
            if value in _KINDS:
                entity.kinds.add(value)
        elif predicate == _REPORT:
            entity.report.add(value)
        elif predicate == _CONFIRMED:
            entity.confirmed.add(value)
        else:
            entity.texts[_TEXT[predicate]].add(value)
    return entities


def _rows(entities: dict[str, _Entity]) -> Iterator[tuple]:
    """(iri, kind, report, confirmed, *texts) per searchable entity, in IRI order. Several
    values of one text are joined in sorted order, so that every source gives the same row."""
    for iri in sorted(entities):
        entity = entities[iri]
        if not entity.kinds or not any(entity.texts):
            continue
        kind = min((_KINDS[k] for k in entity.kinds), key=lambda k: k.order)
        report = iri if kind is KIND.Report else min(entity.report, default=None)
        if entity.confirmed:
            confirmed = int(any(confirmed_rule.holds(v) for v in entity.confirmed))
        else:
            confirmed = None
        texts = ["\n".join(sorted(values)) for values in entity.texts]
        yield (iri, kind.name, report, confirmed, *texts)


def _fill(db: sqlite3.Connection, rows: Iterable[tuple], build_id: str) -> int:
    """Create the index's tables in the empty database `db` and fill them; the number of
    entities indexed."""
    columns = ", ".join(name for name, _, _ in COLUMNS)
    db.executescript(f"""
        PRAGMA journal_mode = OFF;
        PRAGMA synchronous = OFF;
        CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
        CREATE TABLE entity (id INTEGER PRIMARY KEY, iri TEXT NOT NULL UNIQUE,
                             kind TEXT NOT NULL, report TEXT, confirmed INTEGER);
        CREATE VIRTUAL TABLE text USING fts5({columns}, tokenize = '{TOKENIZER}');
    """)
    count = 0
    with db:
        for count, (iri, kind, report, confirmed, *texts) in enumerate(rows, start=1):
            db.execute("INSERT INTO entity VALUES (?, ?, ?, ?, ?)",
                       (count, iri, kind, report, confirmed))  # fmt: skip
            db.execute(f"INSERT INTO text (rowid, {columns}) VALUES (?, ?, ?, ?, ?, ?)",
                       (count, *texts))  # fmt: skip
        db.execute("INSERT INTO text (text) VALUES ('optimize')")
        _rank_frequent(db)
        db.executemany("INSERT INTO meta VALUES (?, ?)",
                       [("version", VERSION), ("build_id", build_id),
                        ("entities", str(count))])  # fmt: skip
    return count


def _rank_frequent(db: sqlite3.Connection) -> None:
    """Rank, once, the entities holding each term that at least FREQUENT of them hold. A
    one-word search for such a term (every entity of a synthetic corpus holds "synthetic")
    then reads its first page in order instead of scoring every match: BM25 of one term orders
    entities the same way whatever else is asked, and the scores stored are FTS5's own."""
    db.executescript(f"""
        CREATE TABLE frequent (term TEXT PRIMARY KEY, docs INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE ranked (term TEXT NOT NULL, position INTEGER NOT NULL,
                             id INTEGER NOT NULL, score REAL NOT NULL,
                             PRIMARY KEY (term, position)) WITHOUT ROWID;
        CREATE VIRTUAL TABLE temp.vocabulary USING fts5vocab(main, text, 'row');
        {_PROBE}
    """)
    frequent = db.execute("SELECT term, doc FROM vocabulary WHERE doc >= ? ORDER BY term",
                          (FREQUENT,)).fetchall()  # fmt: skip
    for term, docs in frequent:
        # The stored term is a stem; asked for as a word, it must stem to itself.
        if _tokens(db, term) != [term]:
            continue
        db.execute("INSERT INTO frequent VALUES (?, ?)", (term, docs))
        db.execute(f"""INSERT INTO ranked SELECT :term, row_number() OVER (ORDER BY rank, id),
            id, -rank FROM (SELECT rowid AS id, {_BM25} AS rank FROM text WHERE text MATCH :match)
            """, {"term": term, "match": f'"{term}"'})  # fmt: skip
    db.executescript("DROP TABLE temp.vocabulary; DROP TABLE temp.probe_terms;"
                     " DROP TABLE temp.probe;")  # fmt: skip


def _tokens(db: sqlite3.Connection, text: str) -> list[str]:
    """The index's terms for `text` (its tokenizer's), through the connection's probe table."""
    db.execute("DELETE FROM temp.probe")
    db.execute("INSERT INTO temp.probe VALUES (?)", (text,))
    return [row[0] for row in db.execute("SELECT term FROM temp.probe_terms ORDER BY offset")]


def _write(target: Path, rows: Iterable[tuple], build_id: str) -> int:
    """Write the index database at `target` (a new file); the number of entities indexed."""
    db = sqlite3.connect(target)
    try:
        count = _fill(db, rows, build_id)
        db.execute("VACUUM")
    finally:
        db.close()
    return count


def _write_atomically(out: Path, rows: Iterable[tuple], build_id: str) -> int:
    """Write the index beside `out` and rename it over `out`: readers see the old index or the
    new one (an open index keeps reading the file it opened), never half of one."""
    out.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(out)  # left by a process killed mid-write
    temp = out.with_name(f".{out.name}.tmp-{os.getpid()}")  # kg.atomic's naming
    temp.unlink(missing_ok=True)
    try:
        count = _write(temp, rows, build_id)
        with open(temp, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(temp, out)
    finally:
        temp.unlink(missing_ok=True)
    return count


def write_index(build_file: Path, out: Path | None = None,
                progress: Callable[[str], None] | None = None) -> Path:  # fmt: skip
    """Make the search index of the written build at `build_file` (streamed, never loaded
    whole) at `out` (by default beside it); return its path."""
    out = out or default_path(build_file)
    started = time.perf_counter()
    needles = [f"<{p}>".encode() for p in _WANTED]
    with open(build_file, "rb") as handle:
        reader = _HashingReader(handle)
        # Only the lines of the predicates searched reach the parser: a line of N-Quads is one
        # quad, and the predicate's IRI in angle brackets occurs in no other part of a line
        # unless a text quotes it, which the parser then reads and `_collect` ignores.
        kept = b"".join(line for line in _lines(reader) if any(n in line for n in needles))
        quads = ox.parse(kept, format=ox.RdfFormat.N_QUADS)
        entities = _collect(
            (q.subject.value, q.predicate.value, q.object)
            for q in quads
            if q.predicate.value in _WANTED and isinstance(q.subject, ox.NamedNode)
        )
    build_id = reader.digest.hexdigest()[:16]
    count = _write_atomically(out, _rows(entities), build_id)
    if progress:
        progress(f"search index: {count} entities in {time.perf_counter() - started:.1f}s, "
                 f"{out.stat().st_size / 1e6:.1f} MB at {out}")  # fmt: skip
    return out


def facts_of(triples: Iterable[tuple]) -> list[tuple[str, str, str]]:
    """What the index reads of one graph's rdflib triples, as (subject, predicate, object's IRI
    or lexical form): the build keeps it beside each graph's chunk (kg.buildcache), so that the
    index is made from the facts of every graph without reading the build file again."""
    kept = []
    for s, p, o in triples:
        predicate = str(p)
        if predicate not in _WANTED or not isinstance(s, URIRef):
            continue
        value = str(o)
        if predicate != _TYPE or value in _KINDS:  # other classes are not searched
            kept.append((str(s), predicate, value))
    return kept


def write_index_from_facts(out: Path, facts: Iterable[Iterable[tuple[str, str, str]]],
                           build_id: str) -> int:  # fmt: skip
    """Write the index of the build whose id is `build_id` at `out` (atomically) from the facts
    of each of its graphs (`facts_of`): the same rows as `write_index` makes from the build
    file. The number of entities indexed."""
    entities: dict[str, _Entity] = {}
    for graph_facts in facts:
        _collect_values(graph_facts, entities)
    return _write_atomically(out, _rows(entities), build_id)


def _lines(reader: _HashingReader, size: int = 1 << 20) -> Iterator[bytes]:
    rest = b""
    while chunk := reader.read(size):
        lines = (rest + chunk).split(b"\n")
        rest = lines.pop()
        for line in lines:
            yield line + b"\n"
    if rest:
        yield rest + b"\n"


def _store_triples(store) -> Iterator[tuple[str, str, object]]:
    """The triples `_collect` reads, asked of a store: each searchable entity's kind, texts and
    report, and whether it is confirmed as the rule says (kg.rules.confirmed)."""
    kinds = " ".join(f"<{k.iri}>" for k in KIND)
    wanted = " ".join(f"<{p}>" for p in (_REPORT, *_TEXT))
    for row in store.select(f"""SELECT ?s ?type ?p ?o WHERE {{
          VALUES ?type {{ {kinds} }} ?s a ?type .
          OPTIONAL {{ VALUES ?p {{ {wanted} }} ?s ?p ?o }} }}"""):  # fmt: skip
        yield row["s"].value, _TYPE, row["type"]
        if "p" in row and "o" in row:
            yield row["s"].value, row["p"].value, row["o"]
    for confirmed in (True, False):
        value = ox.Literal("true" if confirmed else "false")
        for row in store.select(f"""SELECT DISTINCT ?s WHERE {{ VALUES ?type {{ {kinds} }}
              ?s a ?type . {confirmed_rule.sparql(confirmed)} }}"""):  # fmt: skip
            yield row["s"].value, _CONFIRMED, value


def index_from_store(store, build_id: str, out: Path | None = None) -> SearchIndex:
    """The index made from what a store holds (when no build file is at hand): the same rows
    as `write_index` makes from the build file. In memory unless `out` is given."""
    entities = _collect(_store_triples(store))
    if out is not None:
        _write_atomically(out, _rows(entities), build_id)
        return SearchIndex.open(out)
    db = sqlite3.connect(":memory:", check_same_thread=False)
    _fill(db, _rows(entities), build_id)
    return SearchIndex(db)


def ensure_index(build_file: Path, build_id: str, out: Path | None = None) -> SearchIndex:
    """The index of the build at `build_file` (whose id is `build_id`), made first if it is
    missing, of another version, or was made from another build (one log line says so)."""
    out = out or default_path(build_file)
    if out.is_file():
        try:
            index = SearchIndex.open(out)
        except sqlite3.DatabaseError:
            why = "unreadable"
        else:
            if index.build_id == build_id and index.version == VERSION:
                return index
            index.close()
            why = "made from another build"
    else:
        why = "missing"
    started = time.perf_counter()
    write_index(build_file, out)
    index = SearchIndex.open(out)
    log.info("search index %s was %s: made it (%d entities) in %.2fs", out, why,
             index.entities, time.perf_counter() - started)  # fmt: skip
    if index.build_id != build_id:  # the build file changed while the server was starting
        log.warning("search index %s: the build file is now build %s, not %s", out,
                    index.build_id, build_id)  # fmt: skip
    return index


# -- asking the index ----------------------------------------------------------------------


def match_expression(text: str) -> str:
    """An FTS5 query for user text: every word must occur, each a quoted phrase, so that no
    character of the text is read as FTS5 syntax (`"`, `AND`, `NEAR(`, `*`, `:` ...)."""
    words = [w for w in text.split() if _WORD.search(w)]
    if not words:
        raise SearchError("search: text must hold at least one word (letters or digits)")
    if len(words) > MAX_WORDS:
        raise SearchError(f"search: text has {len(words)} words; at most {MAX_WORDS}")
    return " ".join('"' + w.replace('"', '""') + '"' for w in words)


def _spans(marked: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The snippet without its marks, and where each marked stretch lies in it."""
    plain, spans, start = [], [], 0
    position = 0
    for piece in re.split(f"([{_OPEN}{_CLOSE}])", marked):
        if piece == _OPEN:
            start = position
        elif piece == _CLOSE:
            spans.append((start, position))
        else:
            plain.append(piece)
            position += len(piece)
    return "".join(plain), tuple(spans)


class SearchIndex:
    """An open index, read-only; safe to share between threads (one query at a time)."""

    def __init__(self, db: sqlite3.Connection):
        self._db = db
        self._lock = threading.Lock()
        meta = dict(db.execute("SELECT key, value FROM meta"))
        self.build_id: str = meta.get("build_id", "")
        self.version: str = meta.get("version", "")
        self.entities = int(meta.get("entities", 0))
        self._frequent = dict(db.execute("SELECT term, docs FROM frequent"))
        db.executescript(_PROBE)  # in the connection's own temporary schema

    @classmethod
    def open(cls, path: Path) -> SearchIndex:
        db = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
        try:
            return cls(db)
        except sqlite3.DatabaseError:
            db.close()
            raise

    def close(self) -> None:
        self._db.close()

    def query(self, text: str, *, kinds: Iterable[str] | None = None, report: str | None = None,
              confirmed: bool | None = None, first: int = 20, offset: int = 0,
              count: bool = True, snippets: bool = True) -> Results:  # fmt: skip
        """The best `first` matches after the first `offset`, best first (BM25, then IRI), of
        the given kinds (names of KIND), report (IRI) and confirmed state; with `count`, how
        many match in all."""
        match = match_expression(text)
        where, args = [], {"match": match, "first": first, "offset": offset}
        if kinds is not None:
            names = sorted(set(kinds))
            where.append(f"e.kind IN ({', '.join(f':k{i}' for i in range(len(names)))})")
            args.update({f"k{i}": name for i, name in enumerate(names)})
        if report is not None:
            where.append("e.report = :report")
            args["report"] = report
        if confirmed is not None:
            where.append("e.confirmed = :confirmed")
            args["confirmed"] = int(confirmed)
        filters = "".join(f" AND {w}" for w in where)
        entity = " JOIN entity AS e ON e.id = m.id" if where else ""
        with self._lock:
            # A report's few entities: cheaper to score than to find in a ranked list.
            term = self._frequent_term(text) if report is None else None
            if term is not None:  # ranked in the index: read in order (ids follow IRIs)
                args["term"] = term
                matches = ("(SELECT id, score, position FROM ranked WHERE term = :term)"
                           f" AS m{entity}")  # fmt: skip
                order = f"SELECT m.id, m.score FROM {matches} WHERE 1{filters} ORDER BY m.position"
            else:
                matches = (f"(SELECT rowid AS id, {_BM25} AS rank FROM text"
                           f" WHERE text MATCH :match) AS m{entity}")  # fmt: skip
                if where:  # rank only what the filters keep
                    matches = (f"text JOIN entity AS e ON e.id = text.rowid AND text MATCH"
                               f" :match{filters}")  # fmt: skip
                    order = (f"SELECT e.id, -{_BM25} AS score FROM {matches}"
                             " ORDER BY score DESC, e.id")  # fmt: skip
                else:
                    order = f"SELECT m.id, -m.rank AS score FROM {matches} ORDER BY m.rank, m.id"
            ranked = self._db.execute(f"{order} LIMIT :first OFFSET :offset", args).fetchall()
            total = None
            if count:
                if term is not None and not where:
                    total = self._frequent[term]
                elif term is not None:
                    total = self._db.execute(
                        f"SELECT count(*) FROM {matches} WHERE 1{filters}", args
                    ).fetchone()[0]
                else:
                    total = self._db.execute(
                        "SELECT count(*) FROM text JOIN entity AS e ON e.id = text.rowid"
                        f" WHERE text MATCH :match{filters}",
                        args,
                    ).fetchone()[0]
            ids = ", ".join(str(row[0]) for row in ranked)
            entities = {
                row[0]: row[1:]
                for row in self._db.execute(f"SELECT id, iri, kind FROM entity WHERE id IN ({ids})")
            }
            marked = {}
            if snippets and ranked:
                marked = dict(self._db.execute(
                    f"SELECT rowid, snippet(text, -1, '{_OPEN}', '{_CLOSE}', '{_ELLIPSIS}',"
                    f" {SNIPPET_WORDS}) FROM text WHERE text MATCH :match AND rowid IN ({ids})",
                    {"match": match}))  # fmt: skip
        hits = []
        for id_, score in ranked:
            iri, kind = entities[id_]
            snippet, spans = _spans(marked.get(id_, ""))
            hits.append(Hit(iri, kind, score, snippet, spans))
        return Results(hits, total)

    def _frequent_term(self, text: str) -> str | None:
        """The term of a one-word `text` if the index ranks its entities in advance."""
        if not self._frequent:
            return None
        words = text.split()
        if len(words) != 1:
            return None
        terms = _tokens(self._db, words[0])
        return terms[0] if len(terms) == 1 and terms[0] in self._frequent else None
