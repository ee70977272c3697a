"""Source files in, an rdflib Dataset out: one named graph per file. Pure: no store, no server."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from rdflib import Dataset, Literal

from ontology import PKG, prefixes

from .errors import SourceError, SourceErrors
from .index import Index, build_index
from .iris import DEFAULT_BASE, Minter
from .schema import check_file
from .triples import TripleWriter
from .yamlnodes import Located, read_yaml

Progress = Callable[[str], None]


#: Where `kg import` writes, under a sources directory: generated files, never edited by hand,
#: read with the curated ones and checked the same way.
IMPORTED = "imported"


def _yaml_in(directory: Path) -> list[Path]:
    return sorted(p for p in directory.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def source_files(directory: Path) -> list[Path]:
    """The YAML source files of a corpus directory (curated, then imported), in a stable order."""
    if not directory.is_dir():
        raise SourceErrors([SourceError(directory, 0, "", "no such sources directory")])
    files = _yaml_in(directory)
    if (directory / IMPORTED).is_dir():
        files += _yaml_in(directory / IMPORTED)
    if not files:
        raise SourceErrors([SourceError(directory, 0, "", "no .yaml source files here")])
    stems: dict[str, Path] = {}
    clashes = []
    for path in files:  # each file is a named graph named by its stem
        if path.stem in stems:
            clashes.append(
                SourceError(path, 0, "", f"same name as {stems[path.stem]}: rename one of them")
            )
        stems.setdefault(path.stem, path)
    if clashes:
        raise SourceErrors(clashes)
    return files


def check_sources(
    directory: Path,
    progress: Progress | None = None,
    known: Callable[[Path], Located | None] | None = None,
):
    """Read and check every source file; return (checked files, index) or raise SourceErrors.

    `known(path)` may give a file's checked document as a previous run found it (a cache keyed
    by the file's bytes): it is used instead of reading the file again. The cross-file checks
    (the index) always run over every file."""
    errors: list[SourceError] = []
    checked: list[tuple[Path, Located]] = []
    files = source_files(directory)
    for number, path in enumerate(files, start=1):
        if progress:
            progress(f"[{number}/{len(files)}] reading {path.name}")
        document = known(path) if known else None
        if document is not None:
            checked.append((path, document))
            continue
        document, read_errors = read_yaml(path)
        errors.extend(read_errors)
        if document is None:
            continue
        cleaned, format_errors = check_file(document, path)
        errors.extend(format_errors)
        if cleaned is not None and not format_errors:
            checked.append((path, cleaned))
    if errors:  # references are only worth checking once every file reads cleanly
        raise SourceErrors(errors)
    index = build_index(checked)
    if index.errors:
        raise SourceErrors(index.errors)
    return checked, index


class _Reads:
    """One table of an Index that notes which files the records read from it came from."""

    __slots__ = ("_files", "_table")

    def __init__(self, table: dict, files: set[Path]):
        self._table, self._files = table, files

    def __getitem__(self, key):
        declaration = self._table[key]
        self._files.add(declaration.file)
        return declaration

    def __contains__(self, key) -> bool:
        return key in self._table


class ReadsIndex:
    """An Index seen through a TripleWriter: `files` collects every file whose declarations
    the writer read (a source's title and authority, a body's name, an instrument's title).
    One file's triples depend on its own bytes and on those files' bytes, nothing else."""

    def __init__(self, index: Index):
        self._index = index
        self.files: set[Path] = set()

    def __getattr__(self, name: str):
        value = getattr(self._index, name)
        return _Reads(value, self.files) if isinstance(value, dict) else value


def write_graph(path: Path, document: Located, index: Index | ReadsIndex, minter: Minter, sink):
    """One checked file's triples (its named graph's) into `sink`, anything with `add(triple)`."""
    graph_iri = minter.graph(path.stem)
    sink.add((graph_iri, PKG.sourceFile, Literal(path.name)))
    TripleWriter(sink, index, minter).write(document)


def load_sources(
    directory: Path, base: str = DEFAULT_BASE, progress: Progress | None = None
) -> Dataset:
    """Load a corpus directory into a Dataset with one named graph per source file.

    Raises SourceErrors listing every problem found (file, line, field, what was expected).
    """
    checked, index = check_sources(directory, progress)
    minter = Minter(base)
    dataset = Dataset()
    for prefix, namespace in prefixes().items():
        dataset.bind(prefix, namespace)
    for path, document in checked:
        write_graph(path, document, index, minter, dataset.graph(minter.graph(path.stem)))
    return dataset
