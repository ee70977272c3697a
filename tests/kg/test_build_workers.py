"""The build's worker processes (kg.build.workers): the same bytes, index, errors and
violations whether the work is done in one process or dealt out to forked workers."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from ingest import DEFAULT_BASE, SourceErrors
from kg import validation
from kg.build import WORKERS_ENV, BuildFailed, build
from kg.search import default_path

BAD_SECTION = (
    "instruments:\n  - id: loose-section\n    kind: section\n    title: Loose\n"
    "    cite: [statute-page]\n"
)


def built(corpus: Path, out: Path, workers: int, monkeypatch) -> tuple[bytes, bytes]:
    monkeypatch.setenv(WORKERS_ENV, str(workers))
    build(corpus, out, DEFAULT_BASE)
    return out.read_bytes(), default_path(out).read_bytes()


def test_workers_give_the_same_build_and_index(corpus, tmp_path, monkeypatch):
    one = built(corpus, tmp_path / "one" / "kg.nq", 1, monkeypatch)
    three = built(corpus, tmp_path / "three" / "kg.nq", 3, monkeypatch)
    assert three[0] == one[0]
    assert three[1] == one[1]  # the index: the same rows in the same order, the same file


def test_workers_report_the_same_source_errors(corpus, tmp_path, monkeypatch):
    (corpus / "follow-up.yaml").write_text(
        (corpus / "follow-up.yaml").read_text().replace("date: 2025-11-04", "date: soon", 1)
    )
    (corpus / "zz-broken.yaml").write_text("instruments: [\n")
    said = []
    for workers in (1, 2):
        monkeypatch.setenv(WORKERS_ENV, str(workers))
        with pytest.raises(SourceErrors) as caught:
            build(corpus, tmp_path / f"w{workers}" / "kg.nq", DEFAULT_BASE)
        said.append([str(error) for error in caught.value.errors])
    assert said[0] == said[1]
    assert any("follow-up.yaml:" in line and "expected a date" in line for line in said[1])
    assert any("zz-broken.yaml" in line for line in said[1])


def test_workers_find_the_same_violations(corpus, tmp_path, monkeypatch):
    (corpus / "zz-bad.yaml").write_text(BAD_SECTION)
    found = []
    for workers in (1, 2):
        monkeypatch.setenv(WORKERS_ENV, str(workers))
        with pytest.raises(BuildFailed) as failed:
            build(corpus, tmp_path / f"w{workers}" / "kg.nq", DEFAULT_BASE)
        found.append(failed.value.violations)
    assert found[0] == found[1]
    assert any("[SectionShape]" in str(v) for v in found[1])


def test_check_store_in_forked_workers_equals_one_process(fixture_build):
    import pyoxigraph as ox

    store = ox.Store()
    store.bulk_load(path=str(fixture_build), format=ox.RdfFormat.N_QUADS)
    # a node with two violations: a section with no title and a recommendation's bad status
    store.update(
        "INSERT DATA { GRAPH <urn:x:bad> { <urn:x:s> a <https://policy-kg.example/ns#Section> ."
        " <urn:x:r> a <https://policy-kg.example/ns#Recommendation> . } }"
    )
    alone = validation.check_store(store)
    assert alone  # the check can fail
    assert validation.check_store(store, workers=2) == alone


def test_a_writer_process_that_fails_is_replaced_by_the_build_itself(corpus, tmp_path, monkeypatch):
    from kg import build as build_module

    reference = built(corpus, tmp_path / "ref" / "kg.nq", 1, monkeypatch)
    parent, original = os.getpid(), build_module._Writer._write

    def fails_in_the_child(self, chunks, *temps):
        if os.getpid() != parent:
            raise OSError("no space left (a test)")
        return original(self, chunks, *temps)

    monkeypatch.setattr(build_module._Writer, "_write", fails_in_the_child)
    out = tmp_path / "build" / "kg.nq"
    said: list[str] = []
    build(corpus, out, DEFAULT_BASE, said.append)
    failed = "the writer process failed (OSError: no space left (a test))"
    assert f"writing {out} here: {failed}" in said
    assert (out.read_bytes(), default_path(out).read_bytes()) == reference
    assert sorted(p.name for p in out.parent.iterdir()) == sorted(
        [".kg.nq.cache", "kg.nq", "kg.nq.id", "kg.nq.search.sqlite"]
    )


def test_a_failed_validation_leaves_the_build_and_no_temporaries(corpus, tmp_path, monkeypatch):
    out = tmp_path / "build" / "kg.nq"
    previous = built(corpus, out, 2, monkeypatch)
    (corpus / "zz-bad.yaml").write_text(BAD_SECTION)
    with pytest.raises(BuildFailed):
        build(corpus, out, DEFAULT_BASE)
    assert (out.read_bytes(), default_path(out).read_bytes()) == previous
    assert sorted(p.name for p in out.parent.iterdir()) == sorted(
        [".kg.nq.cache", "kg.nq", "kg.nq.id", "kg.nq.search.sqlite"]
    )
