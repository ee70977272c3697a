"""The incremental build: a chunk per source file, reused only while everything it depends on is
unchanged; the output always equals a build from scratch; a failure changes nothing."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest

from ingest import DEFAULT_BASE, SourceErrors
from kg.build import BuildFailed, build, build_id_of, validate
from kg.buildcache import cache_dir


def lines(progress: list[str], start: str) -> list[str]:
    return [line for line in progress if line.startswith(start)]


def run(corpus: Path, out: Path, **kw) -> tuple[list[str], object]:
    said: list[str] = []
    summary = build(corpus, out, DEFAULT_BASE, said.append, **kw)
    return said, summary


def scratch(corpus: Path, tmp_path: Path) -> bytes:
    """A build of `corpus` from nothing, in a directory of its own."""
    fresh = tmp_path / f"fresh-{len(list(tmp_path.glob('fresh-*')))}" / "kg.nq"
    build(corpus, fresh, DEFAULT_BASE)
    return fresh.read_bytes()


def changed(said: list[str]) -> str:
    (line,) = [line for line in said if "source files changed" in line]
    return line


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1))


def test_a_rebuild_with_nothing_changed_uses_the_cache_and_gives_the_same_bytes(corpus, tmp_path):
    out = tmp_path / "build" / "kg.nq"
    said, first = run(corpus, out)
    assert changed(said).startswith("5 of 5 source files changed")
    before = out.read_bytes()
    said, second = run(corpus, out)
    assert changed(said).startswith("0 of 5 source files changed")
    assert "nothing changed since the last good build: nothing to validate" in said
    assert out.read_bytes() == before
    assert second.lines() == first.lines()


def test_editing_one_file_rewrites_only_it_and_equals_a_full_build(corpus, tmp_path):
    out = tmp_path / "build" / "kg.nq"
    run(corpus, out)
    edit(corpus / "follow-up.yaml", "    stance: accepted\n", "    stance: rejected\n")
    said, _ = run(corpus, out)
    assert changed(said).startswith("1 of 5 source files changed")
    assert lines(said, "validating against the SHACL shapes: 1 changed graph(s)")
    assert out.read_bytes() == scratch(corpus, tmp_path)
    assert b": rejected" in out.read_bytes()  # the response's label


def test_editing_what_other_files_read_rewrites_them(corpus, tmp_path):
    """A body's name is written into the responsibilities of the files that name the body."""
    out = tmp_path / "build" / "kg.nq"
    run(corpus, out)
    edit(corpus / "registers.yaml", "name: Department of Tests\n", "name: Renamed Dept\n")
    said, _ = run(corpus, out)
    count = int(changed(said).split(" ", 1)[0])
    assert count >= 2, said  # the bodies' file and at least one file whose triples read it
    assert out.read_bytes() == scratch(corpus, tmp_path)
    assert b'"Renamed Dept: ' in out.read_bytes()  # a responsibility's label: "<body>: <role>"


def test_a_broken_edit_fails_leaves_the_build_and_the_next_good_build_is_right(corpus, tmp_path):
    out = tmp_path / "build" / "kg.nq"
    run(corpus, out)
    previous, previous_id = out.read_bytes(), (tmp_path / "build" / "kg.nq.id").read_bytes()
    path = corpus / "follow-up.yaml"
    good = path.read_text()
    # a file error: file, line and field
    edit(path, "    date: 2025-11-04\n", "    date: early November\n")
    with pytest.raises(SourceErrors) as caught:
        run(corpus, out)
    assert "follow-up.yaml:10: status_events[0].date: expected a date written YYYY-MM-DD" in str(
        caught.value.errors[0]
    )
    assert out.read_bytes() == previous
    # a shape violation, found by the incremental validation of that one file's graph
    path.write_text(good)
    (corpus / "zz-bad.yaml").write_text(
        "instruments:\n  - id: loose-section\n    kind: section\n    title: Loose\n"
        "    cite: [statute-page]\n"
    )
    with pytest.raises(BuildFailed) as failed:
        run(corpus, out)
    text = "\n".join(map(str, failed.value.violations))
    assert "https://policy-kg.example/instrument/loose-section" in text
    assert "[SectionShape]" in text
    assert out.read_bytes() == previous
    assert (tmp_path / "build" / "kg.nq.id").read_bytes() == previous_id
    # fixed: the store was put back, so only the fix is validated, and the result is right
    (corpus / "zz-bad.yaml").unlink()
    said, _ = run(corpus, out)
    assert out.read_bytes() == previous
    edit(path, "    stance: accepted\n", "    stance: noted\n")
    said, _ = run(corpus, out)
    assert changed(said).startswith("1 of 5 source files changed")
    assert out.read_bytes() == scratch(corpus, tmp_path)


def test_a_truncated_or_corrupt_chunk_is_written_again(corpus, tmp_path):
    out = tmp_path / "build" / "kg.nq"
    run(corpus, out)
    before = out.read_bytes()
    chunks = sorted((cache_dir(out) / "chunks").glob("*.nq"), key=lambda p: p.stat().st_size)
    biggest, other = chunks[-1], chunks[-2]
    biggest.write_bytes(biggest.read_bytes()[: biggest.stat().st_size // 2])  # truncated
    data = bytearray(other.read_bytes())
    data[10] = ord("X") if data[10] != ord("X") else ord("Y")  # same size, other bytes
    other.write_bytes(bytes(data))
    said, _ = run(corpus, out)
    assert int(changed(said).split(" ", 1)[0]) >= 1
    assert out.read_bytes() == before


def test_a_corrupt_manifest_or_store_mark_means_a_full_reload(corpus, tmp_path):
    out = tmp_path / "build" / "kg.nq"
    run(corpus, out)
    before = out.read_bytes()
    manifest = cache_dir(out) / "manifest.json"
    manifest.write_text(manifest.read_text()[:100])  # truncated: read as no cache at all
    said, _ = run(corpus, out)
    assert changed(said).startswith("5 of 5")
    assert lines(said, "validating against the SHACL shapes: every graph")
    assert out.read_bytes() == before
    data = json.loads(manifest.read_text())
    data["stored"] = None  # as an interrupted build leaves it: the store is reloaded
    manifest.write_text(json.dumps(data))
    said, _ = run(corpus, out)
    assert lines(said, "loading 6 graphs into the build's store")
    assert out.read_bytes() == before


def test_full_uses_nothing_from_the_cache(corpus, tmp_path):
    out = tmp_path / "build" / "kg.nq"
    run(corpus, out)
    said, _ = run(corpus, out, full=True)
    assert changed(said).startswith("5 of 5")
    assert out.read_bytes() == scratch(corpus, tmp_path)


def test_a_deleted_source_is_removed(corpus, tmp_path):
    out = tmp_path / "build" / "kg.nq"
    (corpus / "extra.yaml").write_text(
        "themes:\n  - key: spare-theme\n    name: Spare\n    cite: [statute-page]\n"
    )
    run(corpus, out)
    assert b"spare-theme" in out.read_bytes()
    (corpus / "extra.yaml").unlink()
    _said, summary = run(corpus, out)
    assert b"spare-theme" not in out.read_bytes()
    assert out.read_bytes() == scratch(corpus, tmp_path)
    assert summary.graphs == 6


def test_the_build_id_is_read_from_beside_the_build_while_it_matches(corpus, tmp_path):
    out = tmp_path / "build" / "kg.nq"
    run(corpus, out)
    record = json.loads((tmp_path / "build" / "kg.nq.id").read_text())
    assert record["id"] == hashlib.sha256(out.read_bytes()).hexdigest()[:16]
    (tmp_path / "build" / "kg.nq.id").write_text(json.dumps({**record, "id": "recorded"}))
    assert build_id_of(out) == "recorded"  # size and mtime match: the file is not read
    copy = tmp_path / "copy.nq"
    shutil.copyfile(out, copy)
    (tmp_path / "copy.nq.id").write_text(json.dumps({**record, "id": "stale", "mtime_ns": 1}))
    assert build_id_of(copy) == record["id"]  # it does not match: hashed


def test_validate_writes_no_build(corpus, tmp_path):
    out = tmp_path / "build" / "kg.nq"
    summary = validate(corpus, DEFAULT_BASE, out=out)
    assert summary.graphs == 6
    assert not out.exists()
    assert not cache_dir(out).exists()  # no cache yet: a temporary one was used
    run(corpus, out)
    previous = out.read_bytes()
    edit(corpus / "follow-up.yaml", "    stance: accepted\n", "    stance: rejected\n")
    said: list[str] = []
    validate(corpus, DEFAULT_BASE, said.append, out=out)
    assert changed(said).startswith("1 of 5")  # the build's cache was used
    assert out.read_bytes() == previous
