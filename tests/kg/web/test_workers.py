"""`kg serve --workers N` (kg/web/workers.py): real processes over one build, over real HTTP."""

from __future__ import annotations

import gc
import os
import re
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from kg.web import workers


class Served:
    """`kg serve --workers N` in a subprocess, its stderr in a file."""

    def __init__(self, tmp_path: Path, *options: str):
        self.log = tmp_path / "stderr.log"
        with open(self.log, "w") as stderr:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "kg", "serve", "--port", "0", "--rate-limits", "false",
                 *options],
                stdout=subprocess.DEVNULL, stderr=stderr, env={**os.environ},
            )  # fmt: skip
        self.url = ""

    def started(self, timeout: float = 120) -> str:
        deadline = time.monotonic() + timeout
        while not (found := re.search(r" on (http://127\.0\.0\.1:\d+)/ ", self.log.read_text())):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.process.kill()
                raise RuntimeError(f"kg serve did not start: {self.log.read_text()}")
            time.sleep(0.05)
        self.url = found.group(1)
        return self.url

    def workers(self, at_least: int, timeout: float = 60) -> set[int]:
        """The worker pids seen answering /healthz, asking from 8 clients at once until
        `at_least` different ones have answered."""
        seen: set[int] = set()
        deadline = time.monotonic() + timeout

        def ask(_):
            with httpx.Client(timeout=30) as client:  # a new connection each time
                response = client.get(f"{self.url}/healthz")
            assert response.status_code == 200, response.text
            return response.json()["worker"]

        with ThreadPoolExecutor(8) as pool:
            while len(seen) < at_least:
                assert time.monotonic() < deadline, f"only workers {seen} answered"
                seen.update(pool.map(ask, range(32)))
        return seen

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        return self.process.wait(timeout=60)


def gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_two_workers_answer_and_a_shutdown_stops_both(fixture_build, tmp_path):
    served = Served(tmp_path, "--build", str(fixture_build), "--workers", "2")
    try:
        served.started()
        assert "2 workers" in served.log.read_text()
        workers = served.workers(at_least=2)
        assert len(workers) == 2 and served.process.pid not in workers
        body = {"query": '{ report(id: "test-2025") { title } }'}
        answer = httpx.post(f"{served.url}/graphql", json=body, timeout=30)
        assert answer.json() == {"data": {"report": {"title": "Test report"}}}
    finally:
        code = served.stop()
    assert code == 0, served.log.read_text()
    deadline = time.monotonic() + 10
    while not all(gone(pid) for pid in workers):
        assert time.monotonic() < deadline, "a worker outlived the server"
        time.sleep(0.05)


def test_a_worker_that_dies_is_reported_and_replaced(fixture_build, tmp_path):
    served = Served(tmp_path, "--build", str(fixture_build), "--workers", "2")
    try:
        served.started()
        first = served.workers(at_least=2)
        victim = min(first)
        os.kill(victim, signal.SIGKILL)
        deadline = time.monotonic() + 60
        while "starting another" not in served.log.read_text():
            assert time.monotonic() < deadline, served.log.read_text()
            time.sleep(0.05)
        line = next(ln for ln in served.log.read_text().splitlines() if "starting another" in ln)
        assert f"(pid {victim}) was killed by signal {int(signal.SIGKILL)}" in line
        after = served.workers(at_least=2)
        assert victim not in after and len(after - first) == 1
    finally:
        assert served.stop() == 0, served.log.read_text()


def test_workers_that_cannot_open_the_build_stop_the_server_with_its_error(tmp_path):
    served = Served(tmp_path, "--store", f"disk:{tmp_path / 'empty'}", "--workers", "2")
    code = served.process.wait(timeout=120)
    assert code == 2, served.log.read_text()
    assert f"kg serve: no build in {tmp_path / 'empty'}" in served.log.read_text()
    assert "Traceback" not in served.log.read_text()


@pytest.mark.parametrize("value", ["0", "-1", "two"])
def test_workers_must_be_a_positive_number(kg, fixture_build, value):
    result = kg("serve", "--build", str(fixture_build), "--workers", value)
    assert result.returncode == 2
    assert "kg serve: option --workers:" in result.stderr


def test_once_started_the_young_generation_is_collected_less_often():
    """After the start, what it made is frozen out of the collector's sight and the youngest
    generation waits for YOUNG_COLLECTION new objects, not Python's 700 (kg.web.workers)."""
    threshold = gc.get_threshold()
    try:
        gc.disable()
        workers._frozen()
        assert gc.isenabled()
        assert gc.get_threshold() == (workers.YOUNG_COLLECTION, *threshold[1:])
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)
