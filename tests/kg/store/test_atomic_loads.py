"""Loading a new build into a store: readers see the old build or the new one, never half;
only the current and the previous builds are kept. Remote: on each real engine (conftest)."""

from __future__ import annotations

import threading

import pyoxigraph as ox
import pytest

from kg.store import _disk as disk
from kg.store import _remote as remote
from kg.store import open_build

COUNT = "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a pkg:Recommendation }"


def count(store) -> int:
    return int(store.select(COUNT)[0]["n"].value)


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory, kg, fixture_build):
    big = tmp_path_factory.mktemp("bundled") / "kg.nq"
    assert kg("build", "-q", "--out", str(big)).returncode == 0
    return (fixture_build, count(open_build(fixture_build))), (big, count(open_build(big)))


def test_remote_readers_never_see_half_a_build(remote_server, two_builds, monkeypatch):
    (small, small_count), (big, big_count) = two_builds
    endpoint = remote.Endpoint(remote_server["query"], remote_server["update"])
    quads = lambda path: ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS)  # noqa: E731
    remote.load_build(endpoint, quads(small), "small")
    monkeypatch.setattr(remote, "POINTER_TTL", 0.0)  # re-read the pointer on every query
    monkeypatch.setattr(remote, "CHUNK", 50)  # many requests: a long window to read in
    reader = remote.RemoteStore(endpoint)
    seen: list[int] = []
    try:
        assert count(reader) == small_count
        loading = threading.Thread(target=remote.load_build, args=(endpoint, quads(big), "big"))
        loading.start()
        while loading.is_alive():
            seen.append(count(reader))
        loading.join()
        seen.append(count(reader))
    finally:
        reader.close()
    assert set(seen) <= {small_count, big_count}, set(seen)
    assert seen[0] == small_count and seen[-1] == big_count
    assert len(seen) > 5  # the reader really read while the load ran


def test_remote_keeps_only_the_current_and_previous_builds(remote_server, two_builds):
    (small, _), (big, big_count) = two_builds
    endpoint = remote.Endpoint(remote_server["query"], remote_server["update"])
    for build_id, path in (("one", small), ("two", big), ("three", big)):
        remote.load_build(endpoint, ox.parse(path=str(path), format=ox.RdfFormat.N_QUADS),
                          build_id)  # fmt: skip
    reader = remote.RemoteStore(endpoint)
    graphs = reader._select_raw("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
    builds = {row["g"].value.rsplit(":", 1)[-1] for row in graphs
              if row["g"].value.startswith(remote.BUILD_GRAPH)}  # fmt: skip
    assert builds == {"two", "three"}
    assert reader.build_id == "" and count(reader) == big_count and reader.build_id == "three"
    reader.close()


def test_remote_store_with_nothing_loaded_says_so(live_server):
    from starlette.applications import Starlette

    with live_server(Starlette()) as server:  # answers 404 to everything
        reader = remote.RemoteStore(remote.Endpoint(f"{server.url}/query", f"{server.url}/update"))
        with pytest.raises(remote.RemoteError, match="answered 404"):
            reader.current_graphs()
        reader.close()


def test_disk_readers_see_whole_builds(tmp_path, two_builds):
    (small, small_count), (big, big_count) = two_builds
    directory = tmp_path / "store"
    disk.load(directory, small, "small")
    before, _ = disk.open_current(directory)
    disk.load(directory, big, "big")
    after, build_id = disk.open_current(directory)
    assert count(before) == small_count  # a reader that opened the old build keeps it whole
    assert count(after) == big_count and build_id == "big"
    disk.load(directory, small, "again")
    assert sorted(p.name for p in directory.iterdir()) == ["again", "big", "current"]
