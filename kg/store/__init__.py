"""The store seam: everything above it speaks SPARQL and RDF terms to a `Store`, never to a
particular store.

    from kg.store import StoreSpec, open_store
    store, build_id = open_store(StoreSpec.parse("memory"), build_file)
    rows = store.select("SELECT ?r WHERE { ?r a pkg:Recommendation }")

A store states what it offers beyond the protocol in `store.capabilities` (per-predicate index
lookups, Oxigraph's LATERAL); callers ask that, never which class a store is.

This namespace is the whole public interface. Behind it, private modules: `_protocol` (the
protocol, capabilities and the types crossing the seam), `_errors`, `_spec` (the `--store`
option: parsing it, and loading and opening the store it names), and one module per backend:
`_memory` (the build file in an in-memory Oxigraph store, the default), `_disk` (an on-disk
Oxigraph store) and `_remote` (any SPARQL 1.1 server). A new backend is one module offering
`parse`, `load_spec` and `open_spec`, and one line in `_spec.BACKENDS`.
"""

from ._errors import BadStoreSpec, NoBuild, QueryRefused, RemoteError, StoreUnavailable
from ._memory import open_build
from ._protocol import (
    SPARQL_PREFIXES,
    Capabilities,
    Constructs,
    Fact,
    Lookups,
    Row,
    Store,
    Term,
    describe_facts,
    describe_query,
)
from ._spec import StoreSpec, default_spec, load, marker, open_store

__all__ = [
    "SPARQL_PREFIXES",
    "BadStoreSpec",
    "Capabilities",
    "Constructs",
    "Fact",
    "Lookups",
    "NoBuild",
    "QueryRefused",
    "RemoteError",
    "Row",
    "Store",
    "StoreSpec",
    "StoreUnavailable",
    "Term",
    "default_spec",
    "describe_facts",
    "describe_query",
    "load",
    "marker",
    "open_build",
    "open_store",
]
