"""Writing a file so that a reader sees the old one or the new one, never half of either: the
importers' cache entries and the source files they write both go through `write_atomically`.

(kg/atomic.py does the same for builds; ingest may not import kg, see tests/test_layout.py.)
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def write_atomically(target: Path, data: bytes) -> None:
    """Write beside `target`, then rename over it in one step. The temporary file's name ends
    in .tmp (never taken for a source file) and is removed on any failure, leaving `target` as
    it was."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise
