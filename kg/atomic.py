"""Replace a file atomically: readers see the old file or the new one, never half of one.

The new content is written beside the target (same directory, so the same filesystem),
flushed to disk, then renamed over it. Any failure or interruption before the rename
leaves the target untouched; a temporary file left by a killed process is removed the next
time (its process no longer exists).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


def _temp_name(target: Path, pid: int) -> Path:
    return target.with_name(f".{target.name}.tmp-{pid}")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # pragma: no cover - someone else's process
        return True
    return True


def remove_stale_temporaries(target: Path) -> list[Path]:
    """Delete temporaries of `target` left by processes that died mid-write."""
    removed = []
    for temp in target.parent.glob(f".{target.name}.tmp-*"):
        pid = temp.name.rsplit("-", 1)[-1]
        if pid.isdigit() and not _alive(int(pid)):
            temp.unlink(missing_ok=True)
            removed.append(temp)
    return removed


@contextlib.contextmanager
def atomic_replace(target: Path) -> Iterator[BinaryIO]:
    """Yield a binary file to write; on clean exit it replaces `target` in one rename."""
    target.parent.mkdir(parents=True, exist_ok=True)
    remove_stale_temporaries(target)
    temp = _temp_name(target, os.getpid())
    try:
        with open(temp, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
        directory = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(directory)  # make the rename itself durable
        finally:
            os.close(directory)
    finally:
        temp.unlink(missing_ok=True)
