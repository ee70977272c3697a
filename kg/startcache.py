"""What `kg serve` would otherwise work out again at every start from code and files alone
(the hashes of our pages' inline blocks, the named operations checked against the schema),
kept by a hash of everything it was worked out from, so that a start pays for it once.

A value is a JSON file `<cache dir>/<name>-<key>.json`, `key` a hash of the inputs: a change
to any input is another key, so a kept value is never stale, only unused (files of the same
name with another key are removed when a new one is written). The cache directory is
`$KG_CACHE_DIR`, else `$XDG_CACHE_HOME/policy-kg`, else `~/.cache/policy-kg`; `KG_CACHE_DIR=`
(empty) turns the cache off. Reading or writing it never fails a start: a cache that cannot be
read is computed again, one that cannot be written is not kept.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from .atomic import atomic_replace


def cache_dir() -> Path | None:
    """Where values are kept; None when the cache is off (KG_CACHE_DIR set to "")."""
    chosen = os.environ.get("KG_CACHE_DIR")
    if chosen is not None:
        return Path(chosen) if chosen else None
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "policy-kg"


def digest(parts: Iterable[str | bytes]) -> str:
    """A short hash of the parts, in order (each part delimited, so that ("ab", "c") and
    ("a", "bc") differ)."""
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()[:24]


def files_digest(paths: Iterable[Path]) -> str:
    """A hash of the files' names and contents (a missing file counts as absent)."""

    def parts():
        for path in sorted(paths):
            yield str(path)
            try:
                yield path.read_bytes()
            except OSError:
                yield b"\0absent"

    return digest(parts())


def cached(name: str, key: str, compute: Callable[[], Any]) -> Any:
    """The value kept for (name, key), else `compute()` (JSON-serialisable), kept."""
    directory = cache_dir()
    if directory is None:
        return compute()
    path = directory / f"{name}-{key}.json"
    with contextlib.suppress(OSError, ValueError):
        return json.loads(path.read_text(encoding="utf-8"))
    value = compute()
    with contextlib.suppress(OSError):
        with atomic_replace(path) as handle:
            handle.write(json.dumps(value).encode("utf-8"))
        for other in directory.glob(f"{name}-{'?' * len(key)}.json"):  # for older inputs
            if other != path:
                other.unlink(missing_ok=True)
    return value
