"""The search index made by the build: from the facts kept beside each chunk, the same index as
one made by reading the build file (kg.search.write_index), of the build just written, remade
from what changed after an edit, and never a reason for a written build to fail."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from ingest import DEFAULT_BASE
from kg.build import build, build_id_of
from kg.buildcache import cache_dir
from kg.search import SearchIndex, default_path, write_index

TEXT = "label, title, summary, abbreviation, definition"


def contents(path: Path) -> dict:
    db = sqlite3.connect(path)
    try:
        return {
            "meta": db.execute("SELECT * FROM meta ORDER BY key").fetchall(),
            "entity": db.execute("SELECT * FROM entity ORDER BY id").fetchall(),
            "text": db.execute(f"SELECT rowid, {TEXT} FROM text ORDER BY rowid").fetchall(),
            "ranked": db.execute("SELECT * FROM ranked ORDER BY term, position").fetchall(),
        }
    finally:
        db.close()


def run(corpus: Path, out: Path) -> tuple[list[str], object]:
    said: list[str] = []
    return said, build(corpus, out, DEFAULT_BASE, said.append)


def test_the_build_writes_the_index_of_its_build_file(corpus, tmp_path):
    out = tmp_path / "build" / "kg.nq"
    said, summary = run(corpus, out)
    index = default_path(out)
    assert [line for line in said if line.startswith("wrote the search index (16 entities)")]
    assert f"search index: 16 entities at {index}" in summary.lines()
    assert SearchIndex.open(index).build_id == build_id_of(out)
    assert contents(index) == contents(write_index(out, tmp_path / "from-the-file.sqlite"))


def test_after_an_edit_the_index_is_of_the_new_build(corpus, tmp_path):
    out = tmp_path / "build" / "kg.nq"
    run(corpus, out)
    assert SearchIndex.open(default_path(out)).query("zeppelin").total == 0
    path = corpus / "follow-up.yaml"
    text = path.read_text()
    assert "  title: " in text
    path.write_text(text.replace("  title: ", "  title: Zeppelin ", 1))
    run(corpus, out)
    index = SearchIndex.open(default_path(out))
    assert index.build_id == build_id_of(out)
    assert index.query("zeppelin").total == 1
    assert contents(default_path(out)) == contents(write_index(out, tmp_path / "ref.sqlite"))


def test_an_unchanged_build_keeps_its_index(corpus, tmp_path):
    out = tmp_path / "build" / "kg.nq"
    run(corpus, out)
    made = default_path(out).stat().st_mtime_ns
    said, summary = run(corpus, out)
    assert default_path(out).stat().st_mtime_ns == made
    assert not [line for line in said if line.startswith("wrote the search index")]
    assert f"search index: 16 entities at {default_path(out)}" in summary.lines()


def test_damaged_facts_are_written_again_and_the_index_stays_right(corpus, tmp_path):
    out = tmp_path / "build" / "kg.nq"
    run(corpus, out)
    reference = contents(default_path(out))
    default_path(out).unlink()
    for facts in (cache_dir(out) / "chunks").glob("*.facts"):
        facts.write_bytes(facts.read_bytes()[:-3])  # truncated
    said, _ = run(corpus, out)
    (line,) = [line for line in said if "source files changed" in line]
    assert line.startswith("5 of 5 source files changed")  # none of their chunks was reused
    assert contents(default_path(out)) == reference


def test_an_index_that_cannot_be_written_leaves_the_build_written(corpus, tmp_path):
    out = tmp_path / "build" / "kg.nq"
    default_path(out).mkdir(parents=True)  # a directory where the index should go
    _said, summary = run(corpus, out)
    (line,) = [line for line in summary.lines() if line.startswith("search index")]
    assert line.startswith("search index NOT written (IsADirectoryError")
    assert "the server makes it" in line
    assert out.is_file() and build_id_of(out)
    assert not [p for p in out.parent.iterdir() if ".tmp-" in p.name]  # no temporary left
