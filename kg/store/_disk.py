"""An on-disk Oxigraph store: for graphs bigger than memory, or to keep a build between runs.

Layout: DIR/<build id>/ holds one loaded build; DIR/current is a symlink to the one readers
open. A load fills a new directory and then swaps the symlink in one rename, so a reader that
opens DIR/current gets the old build or the new one, never half of one; the build before the
previous one is removed.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ._errors import NoBuild
from ._memory import EmbeddedStore

if TYPE_CHECKING:
    from ._spec import StoreSpec

CURRENT = "current"


def load(directory: Path, build_file: Path, build_id: str) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / build_id
    if target.exists():  # a repeated load of the same build, or one that died midway
        shutil.rmtree(target)
    store = ox.Store(str(target))
    store.bulk_load(path=str(build_file), format=ox.RdfFormat.N_QUADS)
    store.flush()
    del store
    link = directory / CURRENT
    previous = link.resolve() if link.is_symlink() else None
    temporary = directory / f".{CURRENT}.{os.getpid()}"
    temporary.unlink(missing_ok=True)
    temporary.symlink_to(build_id)
    os.replace(temporary, link)  # the swap readers see
    for old in directory.iterdir():  # keep the new build and the one just replaced
        if old.is_dir() and not old.is_symlink() and old.name not in (build_id, getattr(
                previous, "name", None)) and not old.name.startswith("."):  # fmt: skip
            shutil.rmtree(old, ignore_errors=True)
    return target


def open_current(directory: Path) -> tuple[EmbeddedStore, str]:
    link = directory / CURRENT
    if not link.exists():
        raise NoBuild(f"no build in {directory}: run `kg build --store disk:{directory}` first")
    target = link.resolve()
    return EmbeddedStore(ox.Store.read_only(str(target))), target.name


# -- the `disk` scheme (see _spec) -----------------------------------------------------------


def parse(rest: str) -> dict[str, str] | None:
    return {"location": rest} if rest else None


def load_spec(spec: StoreSpec, build_file: Path, build_id: str,
              progress: Callable[[str], None] | None = None) -> str:  # fmt: skip
    target = load(Path(spec.location), build_file, build_id)
    return f"loaded into {target} and made current"


def open_spec(spec: StoreSpec, build_file: Path) -> tuple[EmbeddedStore, str]:
    return open_current(Path(spec.location))


def marker(spec: StoreSpec, build_file: Path) -> Path:
    return Path(spec.location) / CURRENT  # a load swaps the symlink
