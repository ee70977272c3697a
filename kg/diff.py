"""What changed: between two builds (`kg diff OLD NEW`), and within one build by the date each
fact was recorded (GraphQL `changes(since:)`).

A build is read as a `Snapshot`: the triples of its source graphs, without the build's own
metadata (the ontology graph, the description of each named graph). Our own IRIs are compared
relative to each build's base, so two builds of the same sources are equal whatever their base
and graph names.

Every node of a snapshot is one of:
- an *entity*: typed with an entity kind (ontology.vocabulary.KIND);
- a *fact* of an entity (a status event, response, responsibility, instrument link, figure,
  no-instrument statement, target ...): the node that one entity or fact alone points at; failing
  that, the node under the entity's IRI, or else the one entity it points at;
- a *reified link* (rdf:Statement): the evidence of its subject's link, merged into that link;
- a *reference* (a source, a citation, a concept scheme): shown where it is used, never compared.

An entity's *record* is its fields: predicate -> values, each value with its citations. A fact's
value is its summary (a status event: `IN_PROGRESS 2026-05-30`) and holds the fact's own record.
Two records are compared field by field and values by identity (a literal by its value, a node by
its base-relative IRI, a citation by its source, locator and URL), never by the words shown: a
renamed body is one change, of the body, not one of everything that names it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
import tarfile
import tempfile
from collections import defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import pyoxigraph as ox

from ontology import DCTERMS, PKG, RDF, RDFS, SKOS
from ontology.vocabulary import (
    AUTHORITY,
    INSTRUMENT_KIND,
    KIND,
    RELATION,
    ROLE,
    STANCE,
    STATUS,
    Kind,
)

from .build import ONTOLOGY_GRAPH, base_of
from .store import Store, open_build

Progress = Callable[[str], None]

TYPE, LABEL, CITATION, RECORDED = map(str, (RDF.type, RDFS.label, PKG.citation, PKG.recorded))
SUBJECT, PREDICATE, OBJECT, STATEMENT = map(str, (RDF.subject, RDF.predicate, RDF.object,
                                                  RDF.Statement))  # fmt: skip
OURS, ONTOLOGY, SOURCE_FILE = str(PKG), str(ONTOLOGY_GRAPH), str(PKG.sourceFile)
#: Where a repository keeps its sources: what `kg diff` builds a git revision from.
SOURCES_IN_REPO = "ingest/sources"

#: Nodes that facts point at without owning them: shown where they are used, never compared.
REFERENCES = frozenset(map(str, (PKG.Source, PKG.Citation, SKOS.ConceptScheme)))
#: Not data: the display label every writer derives from a title or name (shown as the label).
DERIVED = frozenset({LABEL})
#: A reified link's parts, which the link itself says.
STATEMENT_PARTS = frozenset({TYPE, SUBJECT, PREDICATE, OBJECT})
#: The properties that say which fact a fact node is, by its class (any other: its label).
SUMMARY = {
    str(cls): tuple(map(str, predicates))
    for cls, predicates in (
        (PKG.StatusEvent, (PKG.status, PKG.date)),
        (PKG.Response, (PKG.stance, DCTERMS.issued)),
        (PKG.Responsibility, (PKG.body, PKG.role)),
        (PKG.InstrumentLink, (PKG.relation, PKG.instrument)),
        (PKG.Figure, (PKG.value, PKG.unit)),
        (PKG.Target, (PKG.key, PKG.due)),
    )
}
#: A controlled value's or instrument class's IRI -> its notation (IN_PROGRESS, ACT).
NOTATIONS = {c.iri: c.notation for scheme in (AUTHORITY, ROLE, RELATION, STANCE, STATUS,
                                              INSTRUMENT_KIND) for c in scheme}  # fmt: skip
#: What names a node, in order of preference.
NAMES = tuple(map(str, (RDFS.label, DCTERMS.title, SKOS.prefLabel)))


class DiffInputError(Exception):
    """OLD or NEW is neither a build file nor a git revision (the message says which)."""


class RevisionDoesNotBuild(Exception):
    """A revision's sources fail the current code's checks; `errors` lists them."""

    def __init__(self, message: str, errors: list):
        super().__init__(message)
        self.errors = errors


# ------------------------------------------------------------------------------ snapshots


class Lit(NamedTuple):
    """A literal, comparable across builds."""

    value: str
    datatype: str
    language: str | None


Term = str | Lit  # an IRI, or a literal


def _term(term) -> Term:
    if isinstance(term, ox.Literal):
        return Lit(term.value, term.datatype.value, term.language)
    if isinstance(term, ox.BlankNode):  # never in a build, but never mistaken for an IRI
        return f"_:{term.value}"
    return term.value


@dataclass
class Snapshot:
    """One build's data: subject -> predicate -> objects, over the union of its source graphs."""

    base: str
    triples: dict[str, dict[str, set[Term]]]

    @classmethod
    def from_store(cls, store: Store) -> Snapshot:
        # One query over the union (a remote store keeps a build in a single graph): the
        # ontology's subjects are all in its namespace; each named graph describes itself.
        rows = store.select("SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
        graphs = {row["s"].value for row in rows if row["p"].value == SOURCE_FILE}
        triples: dict[str, dict[str, set[Term]]] = defaultdict(lambda: defaultdict(set))
        for row in rows:
            subject = row["s"].value
            if subject in graphs or subject == ONTOLOGY or subject.startswith(OURS):
                continue
            triples[subject][row["p"].value].add(_term(row["o"]))
        return cls(base_of(store), {s: dict(p) for s, p in triples.items()})

    @classmethod
    def from_file(cls, path: Path) -> Snapshot:
        store = open_build(path)
        try:
            return cls.from_store(store)
        finally:
            store.close()

    def key(self, iri: str) -> str:
        """An IRI as two builds can compare it: ours relative to the base, others as they are."""
        if iri.startswith(self.base + "/") and not iri.startswith(OURS):
            return iri[len(self.base) :]
        return iri


class Cite(NamedTuple):
    """A citation as shown: the source's title, the place in it, the link."""

    source: str
    locator: str | None
    url: str | None

    def __str__(self) -> str:
        return ", ".join(part for part in self if part)

    def as_json(self) -> dict:
        return {"source": self.source, "locator": self.locator, "url": self.url}


@dataclass(frozen=True)
class Value:
    """One value of a field: the words shown, its citations and, for a fact, its own record."""

    text: str
    citations: tuple[Cite, ...]
    record: dict | None = None


#: A node's fields: predicate IRI -> value identity -> Value.
Record = dict[str, dict[Hashable, Value]]


def short(predicate: str) -> str:
    """A predicate's (or class's) local name: title, statusEvent, subOrganizationOf."""
    return re.split(r"[#/]", predicate.rstrip("#/"))[-1]


def _natural(iri: str) -> list:
    """IRIs in human order: .../citation/2 before .../citation/10."""
    return [(0, int(part), "") if part.isdigit() else (1, 0, part)
            for part in re.split(r"(\d+)", iri)]  # fmt: skip


class Reading:
    """A snapshot read as entities, the facts each one owns, and their records."""

    def __init__(self, snapshot: Snapshot):
        self.snapshot = snapshot
        triples = self.triples = snapshot.triples
        self.types = {s: preds.get(TYPE, set()) for s, preds in triples.items()}
        self.kinds: dict[str, Kind] = {}
        for s, types in self.types.items():
            kind = next((k for k in KIND if k.iri in types), None)  # KIND is in order
            if kind is not None:
                self.kinds[s] = kind
        self.statements: dict[tuple[str, str, Term], str] = {}
        for s, types in self.types.items():
            if STATEMENT in types:
                preds = triples[s]
                for subj in preds.get(SUBJECT, ()):
                    for pred in preds.get(PREDICATE, ()):
                        for obj in preds.get(OBJECT, ()):
                            self.statements[(subj, pred, obj)] = s
        reified = set(self.statements.values())
        # fact -> (the node it belongs to, the predicate, or class, it appears under)
        self.parent: dict[str, tuple[str, str]] = {}
        self.unlinked: dict[str, list[tuple[str, str]]] = defaultdict(list)
        referrers: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for s, preds in triples.items():
            if s in reified:
                continue
            for p, objs in preds.items():
                if p in (TYPE, CITATION):
                    continue
                for o in objs:
                    if isinstance(o, str) and o in triples:
                        referrers[o].add((s, p))
        for node, types in self.types.items():
            if node in self.kinds or node in reified or types & REFERENCES:
                continue
            found = referrers.get(node)
            if found:
                # the one entity pointing at it (a target another target revises is still its
                # recommendation's), else the one node; pointed at by two: a reference
                by_entities = [r for r in found if r[0] in self.kinds]
                if len(by_entities) == 1 or (not by_entities and len(found) == 1):
                    self.parent[node] = (by_entities or list(found))[0]
                continue
            owner = self._owner_by_iri(node) or self._owner_pointed_at(node)
            if owner:
                where = min(types) if types else "fact"
                self.parent[node] = (owner, where)
                self.unlinked[owner].append((where, node))
        self._cites: dict[str, tuple[Hashable, Cite]] = {}

    def _owner_by_iri(self, node: str) -> str | None:
        parts = node.split("/")
        for end in range(len(parts) - 1, 2, -1):
            prefix = "/".join(parts[:end])
            if prefix in self.kinds:
                return prefix
        return None

    def _owner_pointed_at(self, node: str) -> str | None:
        pointed = sorted(
            (p, o)
            for p, objs in self.triples[node].items()
            for o in objs
            if isinstance(o, str) and o in self.kinds
        )
        return pointed[0][1] if pointed else None

    # -- who owns what ------------------------------------------------------------------

    def owner(self, node: str) -> str | None:
        """The entity a node belongs to (itself for an entity; a link's: its subject's)."""
        for _ in range(16):  # facts of facts are rare; a cycle is not followed for ever
            if node in self.kinds:
                return node
            if STATEMENT in self.types.get(node, ()):
                subjects = self.triples[node].get(SUBJECT, ())
                node = min(subjects) if subjects else None
            else:
                node = self.parent.get(node, (None, None))[0]
            if node is None:
                return None
        return None

    def path(self, node: str) -> str:
        """A fact's field as a path from its entity: statusEvent, figure[66.7 percent].note."""
        parent, where = self.parent[node]
        if parent in self.kinds:
            return short(where)
        return f"{self.path(parent)}[{self.summary(parent)}].{short(where)}"

    def reports(self, entity: str) -> set[str]:
        """The reports an entity belongs to: a report itself, its findings and recommendations,
        and the proposals those recommendations make."""
        if self.kinds.get(entity) is KIND.Report:
            return {entity}
        preds = self.triples.get(entity, {})
        found = {r for r in preds.get(str(PKG.report), ()) if isinstance(r, str)}
        for rec in preds.get(str(PKG.proposedBy), ()):
            found |= {r for r in self.triples.get(rec, {}).get(str(PKG.report), ())}
        return found

    # -- words ------------------------------------------------------------------------------

    def name(self, node: str) -> str | None:
        preds = self.triples.get(node, {})
        for predicate in NAMES:
            values = preds.get(predicate)
            if values:
                return min(v.value for v in values if isinstance(v, Lit))
        return None

    def label(self, node: str) -> str:
        return self.name(node) or node

    def show(self, term: Term, predicate: str | None = None) -> str:
        """A value in words: a literal's text, a controlled value's notation, a fact's summary,
        a node's name."""
        if isinstance(term, Lit):
            return term.value
        if term in NOTATIONS:
            return NOTATIONS[term]
        if predicate == TYPE:
            return short(term)
        if term in self.parent:
            return self.summary(term)
        return self.label(term)

    def summary(self, fact: str) -> str:
        preds = self.triples.get(fact, {})
        wanted = next((SUMMARY[t] for t in sorted(self.types.get(fact, ())) if t in SUMMARY), None)
        if wanted is None:
            return self.label(fact)
        return " ".join(sorted(self.show(v, p) for v in preds.get(p, ()))[0]
                        for p in wanted if preds.get(p))  # fmt: skip

    def identity(self, term: Term) -> Hashable:
        return term if isinstance(term, Lit) else self.snapshot.key(term)

    # -- citations and records ------------------------------------------------------------

    def cite(self, citation: str) -> tuple[Hashable, Cite]:
        """A citation node's identity (source, locator, link) and its words."""
        if citation not in self._cites:
            preds = self.triples.get(citation, {})

            def one(node, predicate):
                values = self.triples.get(node, {}).get(predicate, ())
                return min((v.value for v in values if isinstance(v, Lit)), default=None)

            source = min((s for s in preds.get(str(PKG.source), ()) if isinstance(s, str)),
                         default="")  # fmt: skip
            locator, url = one(citation, str(PKG.locator)), one(citation, str(PKG.url))
            identity = ("citation", self.snapshot.key(source), locator, url)
            words = Cite(one(source, str(DCTERMS.title)) or self.label(source), locator,
                         url or one(source, str(PKG.url)))  # fmt: skip
            self._cites[citation] = (identity, words)
        return self._cites[citation]

    def citation_nodes(self, node: str) -> list[str]:
        found = self.triples.get(node, {}).get(CITATION, ())
        return sorted((c for c in found if isinstance(c, str)), key=_natural)

    def citations(self, node: str) -> tuple[Cite, ...]:
        return tuple(self.cite(c)[1] for c in self.citation_nodes(node))

    def record(self, node: str, skip: frozenset = frozenset(), seen: frozenset = frozenset()
               ) -> Record:  # fmt: skip
        seen = seen | {node}
        fields: Record = defaultdict(dict)
        own = self.citations(node)
        for p, objs in self.triples.get(node, {}).items():
            if p in DERIVED or p in skip:
                continue
            for o in objs:
                if p == CITATION and isinstance(o, str):
                    identity, words = self.cite(o)
                    fields[p][identity] = Value(str(words), (words,))
                elif isinstance(o, str) and self.parent.get(o) == (node, p) and o not in seen:
                    fields[p][self.identity(o)] = self._fact(o, own, seen)
                else:
                    link = self.statements.get((node, p, o))
                    if link is None:
                        fields[p][self.identity(o)] = Value(self.show(o, p), own)
                    else:
                        fields[p][self.identity(o)] = Value(
                            self.show(o, p), self.citations(link) or own,
                            self.record(link, STATEMENT_PARTS, seen),
                        )  # fmt: skip
        for where, fact in self.unlinked.get(node, ()):
            if fact not in seen:
                fields[where][self.identity(fact)] = self._fact(fact, own, seen)
        return dict(fields)

    def _fact(self, fact: str, inherited: tuple[Cite, ...], seen: frozenset) -> Value:
        return Value(self.summary(fact), self.citations(fact) or inherited,
                     self.record(fact, seen=seen))  # fmt: skip

    def entities(self) -> dict[str, str]:
        """Each entity's identity -> its IRI."""
        return {self.snapshot.key(iri): iri for iri in self.kinds}


# ------------------------------------------------------------------------------ kg diff


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: tuple[str, ...]
    new: tuple[str, ...]
    citations: tuple[Cite, ...]

    def as_json(self) -> dict:
        return {"field": self.field, "old": list(self.old), "new": list(self.new),
                "citations": [c.as_json() for c in self.citations]}  # fmt: skip

    def lines(self) -> list[str]:
        """`field: old -> new`, `field: + new` or `field: - old` (several: one a line)."""
        if self.old and self.new and len(self.old) == len(self.new) == 1:
            changes = [f"{self.old[0]} -> {self.new[0]}"]
        else:
            changes = [f"- {v}" for v in self.old] + [f"+ {v}" for v in self.new]
        if len(changes) == 1:
            return [f"{self.field}: {changes[0]}"]
        return [f"{self.field}:", *(f"  {change}" for change in changes)]


@dataclass(frozen=True)
class EntityChange:
    """An entity added or removed (with its citations), or changed (with its fields)."""

    id: str
    kind: Kind
    label: str
    citations: tuple[Cite, ...] = ()
    fields: tuple[FieldChange, ...] = ()

    def as_json(self, with_fields: bool) -> dict:
        found = {"id": self.id, "kind": self.kind.name, "label": self.label}
        if with_fields:
            found["fields"] = [f.as_json() for f in self.fields]
        else:
            found["citations"] = [c.as_json() for c in self.citations]
        return found

    def order(self):
        return (self.kind.order, _natural(self.id))


@dataclass(frozen=True)
class Side:
    """What OLD or NEW was: a build file, or a git revision built with the current code."""

    given: str
    commit: str | None = None

    @property
    def what(self) -> str:
        return "git revision" if self.commit else "build file"

    def as_json(self) -> dict:
        found = {"given": self.given, "type": self.what}
        if self.commit:
            found["commit"] = self.commit
        return found

    def text(self) -> str:
        if self.commit:
            return (f"{self.given} (git revision {self.commit[:12]}, its {SOURCES_IN_REPO} "
                    "built with the current code)")  # fmt: skip
        return f"{self.given} (build file)"


@dataclass
class Diff:
    added: list[EntityChange] = field(default_factory=list)
    removed: list[EntityChange] = field(default_factory=list)
    changed: list[EntityChange] = field(default_factory=list)
    old: Side | None = None
    new: Side | None = None

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)

    def as_json(self) -> dict:
        found = {}
        if self.old and self.new:
            found = {"old": self.old.as_json(), "new": self.new.as_json()}
        return found | {
            "added": [e.as_json(False) for e in self.added],
            "removed": [e.as_json(False) for e in self.removed],
            "changed": [e.as_json(True) for e in self.changed],
        }

    def text(self) -> str:
        lines = []
        if self.old and self.new:
            lines += [f"old: {self.old.text()}", f"new: {self.new.text()}"]
        if self.empty:
            return "\n".join([*lines, "no changes"]) + "\n"
        lines.append(f"{len(self.added)} added, {len(self.removed)} removed, "
                     f"{len(self.changed)} changed")  # fmt: skip
        for title, mark, entities in (("added", "+", self.added),
                                      ("removed", "-", self.removed)):  # fmt: skip
            if entities:
                lines.append(f"{title}:")
            for e in entities:
                lines.append(f"  {mark} {e.kind.name} {e.label!r} <{e.id}>")
                if e.citations:
                    lines.append(f"      cited: {'; '.join(map(str, e.citations))}")
        if self.changed:
            lines.append("changed:")
        for e in self.changed:
            lines.append(f"  ~ {e.kind.name} {e.label!r} <{e.id}>")
            for f in e.fields:
                lines += [f"      {line}" for line in f.lines()]
                if f.citations:
                    lines.append(f"        cited: {'; '.join(map(str, f.citations))}")
        return "\n".join(lines) + "\n"


def _cited(values: Iterable[Value]) -> tuple[Cite, ...]:
    return tuple(dict.fromkeys(c for v in values for c in v.citations))


def compare(old: Record, new: Record, prefix: str = "") -> list[FieldChange]:
    """Field-level changes from one record to another: values gone and come, then the changes
    inside facts present in both."""
    changes = []
    for predicate in sorted(old.keys() | new.keys(), key=lambda p: (short(p), p)):
        before, after = old.get(predicate, {}), new.get(predicate, {})
        name = prefix + short(predicate)
        gone = sorted((v for k, v in before.items() if k not in after), key=lambda v: v.text)
        came = sorted((v for k, v in after.items() if k not in before), key=lambda v: v.text)
        if gone or came:
            old_texts, new_texts = tuple(v.text for v in gone), tuple(v.text for v in came)
            changes.append(FieldChange(name, old_texts, new_texts, _cited(came or gone)))
        for identity in sorted(before.keys() & after.keys(), key=lambda k: after[k].text):
            was, now = before[identity], after[identity]
            if was.record is not None and now.record is not None:
                changes += compare(was.record, now.record, f"{name}[{now.text}].")
    return changes


def diff(old: Snapshot, new: Snapshot) -> Diff:
    """The entities added, removed and changed from `old` to `new`."""
    was, now = Reading(old), Reading(new)
    before, after = was.entities(), now.entities()
    result = Diff()
    for identity in after.keys() - before.keys():
        iri = after[identity]
        result.added.append(EntityChange(iri, now.kinds[iri], now.label(iri), now.citations(iri)))
    for identity in before.keys() - after.keys():
        iri = before[identity]
        result.removed.append(EntityChange(iri, was.kinds[iri], was.label(iri),
                                           was.citations(iri)))  # fmt: skip
    for identity in before.keys() & after.keys():
        iri = after[identity]
        fields = compare(was.record(before[identity]), now.record(iri))
        if fields:
            result.changed.append(EntityChange(iri, now.kinds[iri], now.label(iri),
                                               fields=tuple(fields)))  # fmt: skip
    for entities in (result.added, result.removed, result.changed):
        entities.sort(key=EntityChange.order)
    return result


# ------------------------------------------------------------------------------ OLD and NEW


def _git(repo: Path, *args: str, binary: bool = False) -> subprocess.CompletedProcess:
    return subprocess.run(["git", "-C", str(repo), *args], capture_output=True,
                          text=not binary, timeout=120)  # fmt: skip


def repository(repo: Path | None) -> Path | None:
    """The top of the git repository at `repo` (default: the current directory's), or None."""
    found = _git(repo or Path.cwd(), "rev-parse", "--show-toplevel")
    return Path(found.stdout.strip()) if found.returncode == 0 else None


def _revision(given: str, repo: Path | None) -> tuple[Path, str]:
    """(the repository, the commit) that `given` names, or DiffInputError."""
    if given.endswith((".nq", ".nquads")):
        raise DiffInputError(f"no build file at {given}")
    top = repository(repo)
    where = repo or Path.cwd()
    if top is None:
        raise DiffInputError(f"{given!r} is not a build file, and {where} is not in a git "
                             "repository to read it as a revision from (see --repo)")  # fmt: skip
    found = None
    if not given.startswith("-"):
        found = _git(top, "rev-parse", "--verify", "--quiet", f"{given}^{{commit}}")
    if found is None or found.returncode != 0:
        raise DiffInputError(f"{given!r} is neither a build file nor a revision of the git "
                             f"repository at {top}")  # fmt: skip
    return top, found.stdout.strip()


def _build_revision(top: Path, commit: str, given: str, base: str,
                    progress: Progress | None) -> Snapshot:  # fmt: skip
    """Build a revision's sources, taken with `git archive` (the working tree is untouched),
    into a temporary build, and read it."""
    from ingest import SourceErrors

    from .build import BuildFailed, build

    archive = _git(top, "archive", "--format=tar", commit, SOURCES_IN_REPO, binary=True)
    if archive.returncode != 0:
        raise DiffInputError(f"revision {given} ({commit[:12]}) has no {SOURCES_IN_REPO} in "
                             f"{top}")  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="kg-diff-") as work:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            tar.extractall(work, filter="data")
        sources, out = Path(work) / SOURCES_IN_REPO, Path(work) / "kg.nq"
        if progress:
            progress(f"building {given} ({commit[:12]}): its {SOURCES_IN_REPO}")
        try:
            build(sources, out, base)
        except SourceErrors as exc:
            raise RevisionDoesNotBuild(
                f"the sources of {given} ({commit[:12]}) are invalid for the current code",
                exc.errors,
            ) from None
        except BuildFailed as exc:
            raise RevisionDoesNotBuild(
                f"the sources of {given} ({commit[:12]}) violate the current shapes",
                exc.violations,
            ) from None
        return Snapshot.from_file(out)


def read(given: str, repo: Path | None, base: str,
         progress: Progress | None = None) -> tuple[Snapshot, Side]:  # fmt: skip
    """OLD or NEW: a build file if `given` is one, else a git revision of `repo`, built."""
    path = Path(given)
    if path.is_file():
        try:
            return Snapshot.from_file(path), Side(given)
        except (SyntaxError, ValueError, OSError) as exc:
            first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise DiffInputError(f"{given} is not a build file of `kg build`: {first}") from None
    top, commit = _revision(given, repo)
    return _build_revision(top, commit, given, base, progress), Side(given, commit)


def between(old: str, new: str, repo: Path | None, base: str,
            progress: Progress | None = None) -> Diff:  # fmt: skip
    """`kg diff OLD NEW`: each a build file or a git revision."""
    before, old_side = read(old, repo, base, progress)
    after, new_side = read(new, repo, base, progress)
    result = diff(before, after)
    result.old, result.new = old_side, new_side
    return result


# ------------------------------------------------------------------------------ by date


@dataclass(frozen=True)
class RecordedFact:
    """A fact with its recorded date (pkg:recorded), placed in its entity."""

    entity: str
    kind: Kind
    label: str
    reports: frozenset[str]
    field: str | None  # the entity's field it is (statusEvent, echoes ...); None: the entity
    value: str
    recorded: dt.date
    citations: tuple[str, ...]  # its citation nodes' IRIs


def recorded_facts(snapshot: Snapshot) -> list[RecordedFact]:
    """Every node carrying pkg:recorded, as a fact of its entity, newest first. Nodes without
    a recorded date, or belonging to no entity, are left out."""
    reading = Reading(snapshot)
    found = []
    for node, preds in reading.triples.items():
        dates = [v.value for v in preds.get(RECORDED, ()) if isinstance(v, Lit)]
        entity = reading.owner(node) if dates else None
        if entity is None:
            continue
        if node == entity:
            where, value = None, reading.label(node)
        elif STATEMENT in reading.types[node]:
            subject = min(preds[SUBJECT])
            predicate, obj = min(preds[PREDICATE]), sorted(preds[OBJECT], key=str)[0]
            where = short(predicate)
            if subject != entity:
                where = f"{reading.path(subject)}[{reading.summary(subject)}].{where}"
            value = reading.show(obj, predicate)
        else:
            where, value = reading.path(node), reading.summary(node)
        reports = frozenset(reading.reports(entity))
        found.append(RecordedFact(
            entity, reading.kinds[entity], reading.label(entity), reports, where, value,
            dt.date.fromisoformat(min(dates)), tuple(reading.citation_nodes(node)),
        ))  # fmt: skip
    found.sort(key=lambda f: (-f.recorded.toordinal(), f.field or "", f.value, f.entity))
    return found


@dataclass(frozen=True)
class EntityFacts:
    """One entity's facts recorded in a period, newest first."""

    entity: str
    kind: Kind
    label: str
    latest: dt.date
    facts: tuple[RecordedFact, ...]


def recorded_since(facts: list[RecordedFact], since: dt.date,
                   report: str | None = None) -> list[EntityFacts]:  # fmt: skip
    """The facts recorded after `since` (of `report`'s entities only, if given), per entity;
    the entity with the latest fact first."""
    grouped: dict[str, list[RecordedFact]] = {}
    for fact in facts:  # newest first already
        if fact.recorded > since and (report is None or report in fact.reports):
            grouped.setdefault(fact.entity, []).append(fact)
    found = [EntityFacts(iri, group[0].kind, group[0].label, group[0].recorded, tuple(group))
             for iri, group in grouped.items()]  # fmt: skip
    found.sort(key=lambda e: (-e.latest.toordinal(), e.kind.order, _natural(e.entity)))
    return found
