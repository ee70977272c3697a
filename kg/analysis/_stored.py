"""Analyses kept with their build: computed once per build, then read by every server process.

A whole-corpus analysis costs seconds at 10^6 quads (gaps, recurrence, body load, clusters,
overdue targets), and each of `kg serve --workers N`'s processes, and each restart, would pay
it again. So `kg build` computes them after writing the build, and a server that finds one
missing computes it once and keeps it for the others.

They are kept beside the build file, in `<build>.analyses/<build id>/<name>.pickle`: the build
id (kg.build.build_id_of) is in the path, so results of another build are never read. Pickle,
because the results are frozen dataclasses whose types the code already declares; the files are
as trusted as the build beside them (the same directory, written by the same `kg build`). Each is
written atomically, so two processes computing the same analysis at once both leave a whole file.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..projection import Projection
    from ..store import Store

#: A pickle of another version of the results' classes may not load: the version is in the path.
FORMAT = "1"


def _gaps(store: Store, projection: Callable[[], Projection], as_of: dt.date | None):
    from . import gaps

    return gaps(store)


def _recurrence(store, projection, as_of):
    from . import recurrence

    return recurrence(store, as_of, precursors=False)


def _recurring_problems(store, projection, as_of):
    from . import recurring_problems

    return recurring_problems(store, as_of)


def _load(store, projection, as_of):
    from . import load

    return load(store, projection())


def _clusters(store, projection, as_of):
    from . import clusters

    return clusters(store, projection())


def _overdue(store, projection, as_of):
    from . import overdue

    return overdue(store, as_of)


#: name -> (how to compute it from a store, a lazy projection and a day; whether it takes the
#: day). The one list of the analyses a build keeps: the GraphQL resolvers and `kg build` read
#: it, so both compute the same thing under the same name.
ANALYSES: dict[str, tuple[Callable[..., Any], bool]] = {
    "gaps": (_gaps, False),
    "recurrence": (_recurrence, True),
    "recurring-problems": (_recurring_problems, True),
    "load": (_load, False),
    "clusters": (_clusters, False),
    "overdue": (_overdue, True),
}


def analysis_key(name: str, as_of: dt.date | None = None) -> str:
    """The stored name of an analysis: with its day when it takes one."""
    if name not in ANALYSES:
        raise KeyError(f"no analysis named {name!r}: one of {', '.join(ANALYSES)}")
    dated = ANALYSES[name][1]
    if dated and as_of is None:
        raise ValueError(f"the analysis {name!r} needs a day (as_of)")
    return f"{name}@{as_of.isoformat()}" if dated else name


def compute_analysis(name: str, store: Store, projection: Callable[[], Projection],
            as_of: dt.date | None = None):  # fmt: skip
    """Run one analysis of ANALYSES."""
    analysis_key(name, as_of)  # refuses an unknown name or a missing day
    return ANALYSES[name][0](store, projection, as_of)


class StoredAnalyses:
    """The analyses of one build, in a directory beside its build file."""

    def __init__(self, directory: Path, build_id: str):
        self.root = directory
        self.directory = directory / f"{build_id}.v{FORMAT}"

    @classmethod
    def beside(cls, build_file: Path, build_id: str) -> StoredAnalyses:
        return cls(build_file.parent / f"{build_file.name}.analyses", build_id)

    def _path(self, key: str) -> Path:
        return self.directory / f"{key}.pickle"

    def get(self, key: str):
        """The stored result, or None when it was never stored or cannot be read (it is then
        computed again: a damaged file costs time, never a wrong answer)."""
        try:
            with open(self._path(key), "rb") as handle:
                return pickle.load(handle)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
            return None

    def put(self, key: str, value) -> None:
        """Keep a result; a directory that cannot be written is not an error (the result is
        then kept in memory only, by the caller)."""
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            fd, temporary = tempfile.mkstemp(dir=self.directory, prefix=f".{key}.")
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temporary, self._path(key))
        except OSError:
            return

    def prune(self) -> None:
        """Remove what earlier builds kept: only this build's analyses are ever read."""
        if not self.root.is_dir():
            return
        for old in self.root.iterdir():
            if old != self.directory and old.is_dir():
                shutil.rmtree(old, ignore_errors=True)


def store_all(store: Store, build_file: Path, build_id: str, as_of: dt.date,
              progress: Callable[[str], None] | None = None) -> StoredAnalyses:  # fmt: skip
    """Compute every analysis of ANALYSES for a written build (the dated ones as of `as_of`)
    and keep them beside it; remove what earlier builds kept."""
    from ..projection import build_projection

    stored = StoredAnalyses.beside(build_file, build_id)
    made: list[Projection] = []

    def projection() -> Projection:
        if not made:
            made.append(build_projection(store))
        return made[0]

    for name, (_, dated) in ANALYSES.items():
        if progress:
            progress(f"analysing: {name}")
        day = as_of if dated else None
        stored.put(analysis_key(name, day), compute_analysis(name, store, projection, day))
    stored.prune()
    return stored
