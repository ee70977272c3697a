"""Choosing a store by one option (`--store`, or the KG_STORE environment variable).

    memory                       the embedded default: the build file loaded into memory
    disk:DIR                     an on-disk Oxigraph store kept in DIR (see kg.backends.disk)
    sparql:QUERY_URL[;update=UPDATE_URL]
                                 a SPARQL 1.1 endpoint (Oxigraph server, Virtuoso, Fuseki ...);
                                 credentials from KG_SPARQL_USER and KG_SPARQL_PASSWORD

The embedded default is an in-memory Oxigraph store: it loads the bundled corpus in well under a
second and answers joins in milliseconds (see BENCHMARKS.md and the shared stack notes).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from .store import Store, open_build

SCHEMES = ("memory", "disk", "sparql")


class BadStoreSpec(ValueError):
    pass


@dataclass(frozen=True)
class StoreSpec:
    scheme: str
    location: str = ""
    update: str = ""

    @classmethod
    def parse(cls, text: str) -> StoreSpec:
        text = text.strip()
        scheme, _, rest = text.partition(":")
        if scheme == "memory" and not rest:
            return cls("memory")
        if scheme == "disk" and rest:
            return cls("disk", rest)
        if scheme == "sparql" and rest.startswith(("http://", "https://")):
            url, _, options = rest.partition(";")
            update = ""
            for option in filter(None, options.split(";")):
                key, _, value = option.partition("=")
                if key != "update" or not value:
                    raise BadStoreSpec(f"unknown store option {option!r}; use update=URL")
                update = value
            return cls("sparql", url, update or url)
        raise BadStoreSpec(
            f"unknown store {text!r}: use memory, disk:DIR or sparql:QUERY_URL[;update=URL]"
        )

    def endpoint(self):
        from .backends.remote import Endpoint

        return Endpoint(self.location, self.update, os.environ.get("KG_SPARQL_USER"),
                        os.environ.get("KG_SPARQL_PASSWORD"))  # fmt: skip


def default_spec() -> str:
    return os.environ.get("KG_STORE", "memory")


def load(spec: StoreSpec, build_file: Path, build_id: str,
         progress: Callable[[str], None] | None = None) -> str:  # fmt: skip
    """Put a written build into the store (nothing to do for memory); say what was done."""
    if spec.scheme == "memory":
        return "memory: the build file is loaded when served"
    if spec.scheme == "disk":
        from .backends import disk

        target = disk.load(Path(spec.location), build_file, build_id)
        return f"loaded into {target} and made current"
    from .backends import remote

    quads = ox.parse(path=str(build_file), format=ox.RdfFormat.N_QUADS)
    sent = remote.load_build(spec.endpoint(), quads, build_id, progress)
    return f"sent {sent} quads to {spec.update} as build {build_id} and made it current"


def open_store(spec: StoreSpec, build_file: Path) -> tuple[Store, str | None]:
    """The store to serve from, and its build id when the store knows it."""
    if spec.scheme == "memory":
        return open_build(build_file), None
    if spec.scheme == "disk":
        from .backends import disk

        return disk.open_current(Path(spec.location))
    from .backends.remote import RemoteStore

    store = RemoteStore(spec.endpoint())
    store.current_graphs()  # fails clearly now if nothing was loaded
    return store, store.build_id
