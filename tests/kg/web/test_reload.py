"""Hot reload (kg/web/reload.py): a real server, a client polling it over HTTP, and a new build
swapped in atomically while it polls."""

from __future__ import annotations

import logging
import os
import shutil
import threading
import time
from pathlib import Path

import httpx
import pytest

from kg.store import StoreSpec, load, marker, open_store
from kg.web import create_app
from kg.web.reload import Reloading, identity
from kg.web.settings import ServeSettings

QUERY = '{ report(id: "test-2025") { title } }'
SETTINGS = ServeSettings(rate_limits=False)
INTERVAL = 0.05  # seconds between the watcher's looks: quick, for the test
FIXTURE_CORPUS = Path(__file__).parents[2] / "fixtures" / "corpus"


@pytest.fixture(scope="module")
def build_b(tmp_path_factory, kg) -> Path:
    """The fixture corpus with the main report's title changed, built by the real `kg build`."""
    sources = tmp_path_factory.mktemp("sources-b") / "sources"
    shutil.copytree(FIXTURE_CORPUS, sources)
    report = sources / "main-report.yaml"
    report.write_text(report.read_text().replace("title: Test report", "title: Test report B"))
    out = tmp_path_factory.mktemp("build-b") / "kg.nq"
    result = kg("build", "-q", "--sources", str(sources), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def reloading(spec: StoreSpec, build_file: Path) -> Reloading:
    """What `kg serve` runs: the build's app, reloaded when the store's marker changes."""

    def open_app():
        store, build_id = open_store(spec, build_file)
        return create_app(build_file if spec.scheme == "memory" else None, store, build_id,
                          SETTINGS)  # fmt: skip

    return Reloading(open_app, marker(spec, build_file), INTERVAL)


def swap_in(source: Path, target: Path) -> None:
    """Put `source` at `target` as `kg build` does: written beside it, renamed over it."""
    temporary = target.with_name(f".{target.name}.new")
    shutil.copyfile(source, temporary)
    os.replace(temporary, target)


class Poller:
    """A client asking QUERY and /healthz over and over, in a thread, recording every answer
    (the report's title and the build id) and every failure."""

    def __init__(self, url: str):
        self.url = url
        self.answers: list[tuple[str, str]] = []
        self.failures: list[str] = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        with httpx.Client(base_url=self.url, timeout=30) as client:
            while not self._stop.is_set():
                try:
                    answer = client.post("/graphql", json={"query": QUERY})
                    health = client.get("/healthz")
                except httpx.HTTPError as exc:
                    self.failures.append(f"{type(exc).__name__}: {exc}")
                    continue
                if answer.status_code != 200 or "errors" in answer.json():
                    self.failures.append(f"/graphql {answer.status_code}: {answer.text[:200]}")
                elif health.status_code != 200:
                    self.failures.append(f"/healthz {health.status_code}: {health.text[:200]}")
                else:
                    title = answer.json()["data"]["report"]["title"]
                    self.answers.append((title, health.json()["build"]))

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join(timeout=30)

    def wait_for(self, condition, what: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not condition(self.answers):
            assert not self.failures, self.failures[:5]
            assert time.monotonic() < deadline, f"no {what} within {timeout} s"
            time.sleep(0.02)


def titles(answers) -> list[str]:
    """The titles in the order answered, each run of equal answers once."""
    runs: list[str] = []
    for title, _build in answers:
        if not runs or runs[-1] != title:
            runs.append(title)
    return runs


def test_a_new_build_swapped_in_while_a_client_polls(fixture_build, build_b, tmp_path,
                                                     live_server):  # fmt: skip
    served = tmp_path / "kg.nq"
    shutil.copyfile(fixture_build, served)
    app = reloading(StoreSpec.parse("memory"), served)
    build_a = app.state.build.build_id
    with live_server(app) as server, Poller(server.url) as poller:
        poller.wait_for(lambda answers: len(answers) >= 20, "answers from build A")
        swap_in(build_b, served)
        poller.wait_for(lambda answers: sum(t == "Test report B" for t, _ in answers) >= 20,
                        "answers from build B")  # fmt: skip
    assert poller.failures == []
    # The answers switch from A's to B's once, and never back.
    assert titles(poller.answers) == ["Test report", "Test report B"]
    builds = [build for _title, build in poller.answers]
    assert builds[0] == build_a and builds[-1] != build_a
    assert [b for i, b in enumerate(builds) if i == 0 or builds[i - 1] != b] == [
        build_a, builds[-1]]  # fmt: skip
    assert app.reloads == 1


def test_a_build_that_cannot_be_served_is_refused_and_the_old_one_kept(
    fixture_build, build_b, tmp_path, live_server, caplog
):
    served = tmp_path / "kg.nq"
    shutil.copyfile(fixture_build, served)
    app = reloading(StoreSpec.parse("memory"), served)
    build_a = app.state.build.build_id
    caplog.set_level(logging.WARNING, logger="kg.serve")
    with live_server(app) as server, Poller(server.url) as poller:
        poller.wait_for(lambda answers: len(answers) >= 5, "answers from build A")
        bad = tmp_path / "bad.nq"
        bad.write_text("this is not N-Quads\n")
        swap_in(bad, served)
        deadline = time.monotonic() + 30
        while "cannot be served" not in caplog.text:
            assert time.monotonic() < deadline, "the bad build was not looked at"
            time.sleep(0.02)
        seen = len(poller.answers)
        poller.wait_for(lambda answers: len(answers) >= seen + 10, "answers after the bad build")
        # Then a good build is swapped in: served, the refusal forgotten.
        swap_in(build_b, served)
        poller.wait_for(lambda answers: answers[-1][0] == "Test report B", "build B")
    assert poller.failures == []
    assert titles(poller.answers) == ["Test report", "Test report B"]
    refusals = [r for r in caplog.records if "cannot be served" in r.getMessage()]
    assert len(refusals) == 1  # said once, not at every look
    message = refusals[0].getMessage()
    assert str(served) in message and f"still serving build {build_a}" in message
    assert "\n" not in message
    assert app.reloads == 1


def test_the_disk_store_reloads_when_a_load_swaps_its_current_build(
    fixture_build, build_b, tmp_path, live_server
):
    spec = StoreSpec.parse(f"disk:{tmp_path / 'store'}")
    load(spec, fixture_build, "build-a")
    app = reloading(spec, fixture_build)
    assert app.state.build.build_id == "build-a"
    with live_server(app) as server, Poller(server.url) as poller:
        poller.wait_for(lambda answers: len(answers) >= 10, "answers from build A")
        load(spec, build_b, "build-b")  # a new directory, then the symlink swapped
        poller.wait_for(lambda answers: answers[-1] == ("Test report B", "build-b"), "build B")
    assert poller.failures == []
    assert titles(poller.answers) == ["Test report", "Test report B"]


def test_a_touched_build_with_the_same_content_is_not_swapped(fixture_build, tmp_path):
    served = tmp_path / "kg.nq"
    shutil.copyfile(fixture_build, served)
    app = reloading(StoreSpec.parse("memory"), served)
    before = app.app
    swap_in(fixture_build, served)  # a new file, the same build
    assert identity(served) != app._seen
    assert app.check() is False
    assert app.app is before and app.reloads == 0
    assert app.check() is False  # looked at once per change


def test_the_old_store_is_closed_once_its_requests_are_done(fixture_build, build_b, tmp_path):
    served = tmp_path / "kg.nq"
    shutil.copyfile(fixture_build, served)
    app = reloading(StoreSpec.parse("memory"), served)
    old = app.app
    closed = []
    old.state.build.store.close = lambda: closed.append("old")
    key = id(old)
    app._running[key] = 1  # a request still running on the old app
    swap_in(build_b, served)
    assert app.check() is True
    assert app.app is not old and closed == []  # in use: kept
    app._running.pop(key)  # the request ends
    app._close_idle()
    assert closed == ["old"]


def test_no_watching_for_a_remote_store_or_an_interval_of_zero(fixture_build):
    def open_app():
        return create_app(fixture_build, settings=SETTINGS)

    assert Reloading(open_app, None).marker is None
    assert Reloading(open_app, fixture_build, interval=0).marker is None
