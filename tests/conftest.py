"""Shared fixtures: the small test corpus, a built copy of it, and a way to run the CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from ingest import DEFAULT_BASE, load_sources
from kg.config import BUNDLED_SOURCES

FIXTURE_CORPUS = Path(__file__).parent / "fixtures" / "corpus"
REPO = Path(__file__).parent.parent


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A private, editable copy of the fixture corpus."""
    target = tmp_path / "sources"
    shutil.copytree(FIXTURE_CORPUS, target)
    return target


@pytest.fixture(scope="session")
def fixture_dataset():
    return load_sources(FIXTURE_CORPUS, DEFAULT_BASE)


def union_of(dataset) -> Graph:
    """All named graphs as one Graph (rdflib's Dataset read API warns of deprecations)."""
    union = Graph()
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


@pytest.fixture(name="union_of")
def union_of_fixture():
    return union_of


@pytest.fixture(scope="session")
def fixture_graph(fixture_dataset) -> Graph:
    return union_of(fixture_dataset)


def run_kg(*args: str, cwd: Path | None = None, env: dict | None = None):
    """Run the real `kg` command line in a subprocess (exit codes, stdout, stderr)."""
    return subprocess.run(
        [sys.executable, "-m", "kg", *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(name="kg", scope="session")
def kg_fixture():
    """`kg(*args)` runs the command line in a subprocess and returns the CompletedProcess."""
    return run_kg


@pytest.fixture(scope="session")
def bundled_build(tmp_path_factory) -> Path:
    """The bundled corpus (ingest/sources), built once by the real `kg build`."""
    out = tmp_path_factory.mktemp("bundled") / "kg.nq"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "kg",
            "build",
            "-q",
            "--sources",
            str(BUNDLED_SOURCES),
            "--out",
            str(out),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="session")
def fixture_build(tmp_path_factory) -> Path:
    """The fixture corpus built once per session (by the real `kg build`)."""
    out = tmp_path_factory.mktemp("fixture-build") / "kg.nq"
    result = run_kg("build", "-q", "--sources", str(FIXTURE_CORPUS), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


class LiveServer:
    """A real uvicorn server on a free loopback port, in a background thread.

    The server binds port 0 itself (the system picks a free port) and the port it got is read
    back once it has started: no window in which another process could take it."""

    def __init__(self, app):
        import threading

        import uvicorn

        self.port: int | None = None
        self.url: str | None = None
        # proxy_headers=False, as `kg serve` runs: X-Forwarded-For is the app's to judge.
        config = uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning",
                                proxy_headers=False)  # fmt: skip
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self):
        import time

        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        self.port = self.server.servers[0].sockets[0].getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        return self

    def __exit__(self, *exc):
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="session")
def fixture_server(fixture_build):
    """The API over the fixture corpus, served over real HTTP (without rate limits: the tests
    sharing it send far more requests than a client may; tests/kg/web/test_ratelimit.py has
    its own servers)."""
    from kg.web import create_app
    from kg.web.settings import ServeSettings

    with LiveServer(create_app(fixture_build, settings=ServeSettings(rate_limits=False))) as server:
        yield server


@pytest.fixture(name="live_server", scope="session")
def live_server_fixture():
    """`live_server(app)` -> a context manager serving `app` on a free port."""
    return LiveServer


@pytest.fixture(scope="session")
def fixture_http(fixture_server):
    """An HTTP client for the API over the fixture corpus (base URL set)."""
    import httpx

    with httpx.Client(base_url=fixture_server.url, timeout=30) as client:
        yield client
