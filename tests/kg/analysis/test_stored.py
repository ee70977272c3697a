"""Analyses kept with their build (kg.analysis._stored): computed once, then read back, by name."""

from __future__ import annotations

import datetime as dt
import shutil

import pytest

from kg import analysis
from kg.analysis import _stored
from kg.analysis._stored import ANALYSES, StoredAnalyses, analysis_key, store_all
from kg.api.context import Build
from kg.build import base_of, build_id_of
from kg.projection import build_projection
from kg.store import open_build

DAY = dt.date(2026, 11, 30)


@pytest.fixture(scope="module")
def bundled(bundled_build, tmp_path_factory):
    """A copy of the bundled build in a directory of this module's own, and its store."""
    folder = tmp_path_factory.mktemp("stored")
    path = folder / "kg.nq"
    shutil.copyfile(bundled_build, path)
    return path, open_build(path)


def _build(path, store, stored) -> Build:
    return Build(store=store, base=base_of(store), build_id=build_id_of(path), stored=stored)


def test_every_analysis_is_stored_beside_the_build_and_read_back_equal(bundled):
    path, store = bundled
    stored = store_all(store, path, build_id_of(path), DAY)
    assert stored.directory.parent == path.parent / "kg.nq.analyses"
    kept = sorted(p.name for p in stored.directory.iterdir())
    assert kept == sorted(
        f"{analysis_key(name, DAY if dated else None)}.pickle"
        for name, (_, dated) in ANALYSES.items()
    )
    projection = build_projection(store)
    for name, (_, dated) in ANALYSES.items():
        day = DAY if dated else None
        fresh = _stored.compute_analysis(name, store, lambda: projection, day)
        assert stored.get(analysis_key(name, day)) == fresh, name


def test_a_server_reads_what_the_build_kept_and_computes_nothing(bundled, monkeypatch):
    path, store = bundled
    stored = store_all(store, path, build_id_of(path), DAY)
    expected = stored.get("gaps")
    assert expected  # the bundled corpus has gaps

    def refuse(*args, **kwargs):
        raise AssertionError("computed although the build kept it")

    monkeypatch.setattr(analysis, "compute_analysis", refuse)  # what Build.analysis calls
    build = _build(path, store, StoredAnalyses.beside(path, build_id_of(path)))
    assert build.analysis("gaps") == expected
    assert build.analysis("recurrence", DAY) == stored.get(f"recurrence@{DAY}")


def test_an_analysis_not_kept_is_computed_once_and_kept_for_other_processes(bundled, tmp_path):
    path, store = bundled
    stored = StoredAnalyses(tmp_path / "analyses", "some-build")
    first = _build(path, store, stored).analysis("overdue", dt.date(2031, 1, 1))
    assert stored.get("overdue@2031-01-01") == first
    other_process = _build(path, store, StoredAnalyses(tmp_path / "analyses", "some-build"))
    assert other_process.analysis("overdue", dt.date(2031, 1, 1)) == first


def test_a_damaged_file_is_computed_again_never_read_wrongly(bundled, tmp_path):
    path, store = bundled
    stored = StoredAnalyses(tmp_path / "analyses", "b1")
    stored.directory.mkdir(parents=True)
    (stored.directory / "clusters.pickle").write_bytes(b"\x80\x05not a pickle")
    assert stored.get("clusters") is None
    found = _build(path, store, stored).analysis("clusters")
    assert found == _stored.compute_analysis("clusters", store, lambda: build_projection(store))
    assert stored.get("clusters") == found  # and the damaged file was replaced


def test_another_builds_analyses_are_never_read_and_are_pruned(tmp_path):
    old = StoredAnalyses(tmp_path, "old-build")
    old.put("gaps", ["old answer"])
    new = StoredAnalyses(tmp_path, "new-build")
    assert new.get("gaps") is None
    new.put("gaps", ["new answer"])
    new.prune()
    assert not old.directory.exists()
    assert new.get("gaps") == ["new answer"]


def test_an_unwritable_place_keeps_results_in_memory_only(bundled, tmp_path):
    path, store = bundled
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    stored = StoredAnalyses(blocker, "b1")  # its directory cannot be made
    build = _build(path, store, stored)
    assert build.analysis("gaps") == build.analysis("gaps")
    assert stored.get("gaps") is None


def test_names_and_days_are_checked():
    with pytest.raises(KeyError, match="no analysis named 'gap'"):
        analysis_key("gap")
    with pytest.raises(ValueError, match="needs a day"):
        analysis_key("recurrence")
    assert analysis_key("gaps", DAY) == "gaps"  # a day given to an undated analysis is ignored
