"""Atomic replacement: a failed or killed write never leaves a half-written target."""

import signal
import subprocess
import sys
import textwrap

import pytest

from kg.atomic import atomic_replace, remove_stale_temporaries


def test_replaces_the_target(tmp_path):
    target = tmp_path / "out" / "kg.nq"
    with atomic_replace(target) as handle:
        handle.write(b"new")
    assert target.read_bytes() == b"new"
    assert list(target.parent.iterdir()) == [target]


def test_an_error_midway_leaves_the_target_untouched(tmp_path):
    target = tmp_path / "kg.nq"
    target.write_bytes(b"previous build")
    with pytest.raises(RuntimeError), atomic_replace(target) as handle:
        handle.write(b"half of the new")
        raise RuntimeError("disk full")
    assert target.read_bytes() == b"previous build"
    assert list(tmp_path.iterdir()) == [target]


def test_a_process_killed_midway_leaves_the_target_untouched(tmp_path):
    target = tmp_path / "kg.nq"
    target.write_bytes(b"previous build")
    script = textwrap.dedent(f"""
        import os, signal
        from pathlib import Path
        from kg.atomic import atomic_replace
        with atomic_replace(Path({str(target)!r})) as handle:
            handle.write(b"half of the new")
            handle.flush()
            os.kill(os.getpid(), signal.SIGKILL)
    """)
    result = subprocess.run([sys.executable, "-c", script], check=False)
    assert result.returncode == -signal.SIGKILL
    assert target.read_bytes() == b"previous build"
    [stale] = [p for p in tmp_path.iterdir() if p != target]
    assert stale.name.startswith(".kg.nq.tmp-")
    # the next writer cleans up after the dead one
    assert remove_stale_temporaries(target) == [stale]
    assert list(tmp_path.iterdir()) == [target]
