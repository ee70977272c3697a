"""Choosing a store by one option (`--store`, or the KG_STORE environment variable).

    memory                       the embedded default: the build file loaded into memory
    disk:DIR                     an on-disk Oxigraph store kept in DIR
    sparql:QUERY_URL[;update=UPDATE_URL]
                                 a SPARQL 1.1 endpoint (Oxigraph server, Virtuoso, Fuseki ...);
                                 credentials from KG_SPARQL_USER and KG_SPARQL_PASSWORD

The embedded default is an in-memory Oxigraph store: the fastest to start and to query, with no
server to run (see BENCHMARKS.md).

Each scheme is served by one private backend module, imported only when the scheme is used,
which offers:
    parse(rest) -> dict | None      the StoreSpec fields of `scheme:rest`, None if malformed
    load_spec(spec, build_file, build_id, progress) -> str
                                    put a written build into the store; say what was done
    open_spec(spec, build_file) -> (store, build id or None)
    marker(spec, build_file) -> Path    (optional) the file or symlink a new build replaces
                                    atomically, which a server watches to reload (kg.web.reload)
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from ._errors import BadStoreSpec
from ._protocol import Store

#: scheme -> (its backend's module, how to write it). A new backend is one line here.
BACKENDS = {
    "memory": ("_memory", "memory"),
    "disk": ("_disk", "disk:DIR"),
    "sparql": ("_remote", "sparql:QUERY_URL[;update=URL]"),
}


@dataclass(frozen=True)
class StoreSpec:
    scheme: str
    location: str = ""
    update: str = ""

    @classmethod
    def parse(cls, text: str) -> StoreSpec:
        text = text.strip()
        scheme, _, rest = text.partition(":")
        fields = _backend(scheme).parse(rest) if scheme in BACKENDS else None
        if fields is None:
            usage = [u for _, u in BACKENDS.values()]
            raise BadStoreSpec(
                f"unknown store {text!r}: use {', '.join(usage[:-1])} or {usage[-1]}"
            )
        return cls(scheme, **fields)


def _backend(scheme: str) -> ModuleType:
    return importlib.import_module(f".{BACKENDS[scheme][0]}", __package__)


def default_spec() -> str:
    return os.environ.get("KG_STORE", "memory")


def load(spec: StoreSpec, build_file: Path, build_id: str,
         progress: Callable[[str], None] | None = None) -> str:  # fmt: skip
    """Put a written build into the store (nothing to do for memory); say what was done."""
    return _backend(spec.scheme).load_spec(spec, build_file, build_id, progress)


def open_store(spec: StoreSpec, build_file: Path) -> tuple[Store, str | None]:
    """The store to serve from, and its build id when the store knows it."""
    return _backend(spec.scheme).open_spec(spec, build_file)


def marker(spec: StoreSpec, build_file: Path) -> Path | None:
    """The file (or symlink) that a new build of this store replaces in one atomic step, for a
    server to watch; None when there is none to watch (a remote store)."""
    backend = _backend(spec.scheme)
    return backend.marker(spec, build_file) if hasattr(backend, "marker") else None
