"""Opening a build for reading. The embedded default is an in-memory Oxigraph store.

(The store seam with on-disk and remote SPARQL backends is tracked in its own issue; every
reader already goes through `open_build`, so backends plug in here.)
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox


class NoBuild(Exception):
    """There is no build to read."""


def open_build(path: Path) -> ox.Store:
    if not path.is_file():
        raise NoBuild(f"no build at {path}: run `kg build` first (or pass --build PATH)")
    store = ox.Store()
    store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS)
    return store
