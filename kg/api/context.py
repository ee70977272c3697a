"""What every resolver of one request can reach: the store, a batched describer, the build."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ingest.schema import KEY_PATTERN, RECOMMENDATION_REF

from ..describe import Describer
from ..projection import Projection, build_projection
from ..store import Store

if TYPE_CHECKING:
    from ..analysis import StoredAnalyses

_UNSAFE = re.compile(r'[\s<>"{}|^`\\]')


class UserError(Exception):
    """A mistake in the request (bad id, bad cursor, page too large): its message is shown."""


@dataclass
class Build:
    """What is fixed for a loaded build: its store, base IRI and identity (for cursors)."""

    store: Store
    base: str
    build_id: str
    projection: Projection | None = None  # built on first use, then kept
    memos: dict = field(default_factory=dict)
    #: The build file, when it is at hand (the search index is made from it, or else from
    #: the store: kg.api.search; the analyses are kept beside it).
    build_path: Path | None = None
    #: Where the build's analyses are kept (kg.analysis.StoredAnalyses): by default beside
    #: the build file, when there is one; without either, they are kept in memory only.
    stored: StoredAnalyses | None = None

    def memo(self, key, compute):
        """A result that depends only on the build (an analysis): computed once, then kept."""
        if key not in self.memos:
            self.memos[key] = compute()
        return self.memos[key]

    def analysis(self, name: str, as_of: dt.date | None = None):
        """A whole-corpus analysis (kg.analysis._stored.ANALYSES): from memory, else from what
        the build kept beside it, else computed, then kept in both for every later request and
        every other process serving this build."""
        from ..analysis import StoredAnalyses, analysis_key, compute_analysis  # lazily

        key = analysis_key(name, as_of)
        if self.stored is None and self.build_path is not None:
            self.stored = StoredAnalyses.beside(self.build_path, self.build_id)
        stored = self.stored

        def stored_or_computed():
            found = stored.get(key) if stored else None
            if found is None:
                found = compute_analysis(name, self.store, self.graph_projection, as_of)
                if stored:
                    stored.put(key, found)
            return found

        return self.memo(("analysis", key), stored_or_computed)

    def graph_projection(self) -> Projection:
        """The build's networkx projection (traces, views, analyses share it)."""
        if self.projection is None:
            self.projection = build_projection(self.store)
        return self.projection


@dataclass
class RequestContext:
    build: Build
    describer: Describer = field(init=False)
    max_page_size: int = 100

    def __post_init__(self) -> None:
        self.describer = Describer(self.build.store)

    @property
    def base(self) -> str:
        return self.build.base

    def iri(self, ident: str, kind: str) -> str:
        """An entity's IRI from its IRI or short key (`casey-2025`, `home-office`)."""
        ident = ident.strip()
        if ident.startswith(("http://", "https://")):
            if _UNSAFE.search(ident):
                raise UserError(f"{ident!r} is not a valid IRI")
            return ident
        if kind == "node":
            raise UserError(f"{ident!r} is not an IRI: give the entity's full IRI")
        if kind == "recommendation":  # "casey-2025/1"
            if not RECOMMENDATION_REF.match(ident):
                raise UserError(f"{ident!r} is not a recommendation key such as 'casey-2025/1'")
            report, number = ident.split("/")
            return f"{self.base}/report/{report}/recommendation/{number}"
        if not KEY_PATTERN.match(ident):
            raise UserError(f"{ident!r} is neither an IRI nor a {kind} key")
        return f"{self.base}/{kind}/{ident}"
