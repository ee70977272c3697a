"""The `kg` command line: exit codes, export formats, stats, validate."""

import json
import shutil

import pyoxigraph as ox
import pytest


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The fixture corpus, built once for this module."""
    import shutil
    import subprocess
    import sys
    from pathlib import Path

    work = tmp_path_factory.mktemp("built")
    corpus = work / "sources"
    shutil.copytree(Path(__file__).parents[1] / "fixtures" / "corpus", corpus)
    out = work / "kg.nq"
    subprocess.run(
        [sys.executable, "-m", "kg", "build", "-q", "--sources", str(corpus), "--out", str(out)],
        check=True,
        capture_output=True,
    )
    return out


def count_quads(path, fmt):
    return sum(1 for _ in ox.parse(path=str(path), format=fmt))


def test_export_nq_reparses_with_pyoxigraph_to_the_same_number_of_quads(kg, built, tmp_path):
    out = tmp_path / "export.nq"
    result = kg("export", "--build", str(built), "--format", "nq", "--out", str(out))
    assert result.returncode == 0, result.stderr
    expected = count_quads(built, ox.RdfFormat.N_QUADS)
    assert expected > 500
    assert count_quads(out, ox.RdfFormat.N_QUADS) == expected


@pytest.mark.parametrize(
    ("fmt", "parser"), [("trig", ox.RdfFormat.TRIG), ("jsonld", ox.RdfFormat.JSON_LD)]
)
def test_export_keeps_named_graphs(kg, built, tmp_path, fmt, parser):
    out = tmp_path / f"export.{fmt}"
    assert kg("export", "--build", str(built), "--format", fmt, "--out", str(out)).returncode == 0
    quads = list(ox.parse(path=str(out), format=parser))
    assert len(quads) == count_quads(built, ox.RdfFormat.N_QUADS)
    # one graph per file of tests/fixtures/corpus (5) and the ontology's
    assert len({q.graph_name for q in quads}) == 6


def test_export_turtle_is_the_union_of_the_graphs(kg, built):
    result = kg("export", "--build", str(built), "--format", "ttl")
    assert result.returncode == 0
    triples = list(ox.parse(result.stdout.encode(), format=ox.RdfFormat.TURTLE))
    distinct = {
        (q.subject, q.predicate, q.object)
        for q in ox.parse(path=str(built), format=ox.RdfFormat.N_QUADS)
    }
    assert len(triples) == len(distinct)


def test_stats_counts_classes_and_lists_unconfirmed_facts(kg, built):
    result = kg("stats", "--build", str(built), "--format", "json")
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    assert stats["by_class"]["Recommendation"] == 3
    assert stats["by_class"]["Finding"] == 2
    unconfirmed = {item["id"].rsplit("example", 1)[1] for item in stats["unconfirmed"]}
    assert "/report/test-2025/recommendation/2" in unconfirmed
    assert 0 < stats["confirmed"] <= stats["primary"] < stats["facts"]
    markdown = kg("stats", "--build", str(built), "--format", "markdown").stdout
    assert "| Recommendation | 3 |" in markdown
    assert "wording known only from press" in markdown
    assert "backed by at least one primary source:" in markdown


def test_validate_writes_nothing(kg, corpus, tmp_path):
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    result = kg("validate", "--sources", str(corpus), cwd=cwd)
    assert result.returncode == 0
    assert "valid: 5 source files" in result.stdout
    assert list(cwd.iterdir()) == []
    (corpus / "sources.yaml").write_text("sources: nope\n")
    result = kg("validate", "--sources", str(corpus))
    assert result.returncode == 1
    assert "sources.yaml:1: sources: expected a list of source records" in result.stderr


def test_missing_build_and_bad_usage_exit_2(kg, tmp_path):
    for command in ("stats", "export"):
        result = kg(command, "--build", str(tmp_path / "absent.nq"))
        assert result.returncode == 2
        assert "run `kg build` first" in result.stderr
    assert kg("frobnicate").returncode == 2
    assert kg("export", "--format", "xml").returncode == 2


def test_the_bundled_corpus_builds_and_validates(kg, tmp_path):
    out = tmp_path / "kg.nq"
    result = kg("build", "-q", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert kg("validate", "-q").returncode == 0


def test_a_served_store_keeps_its_index_and_analyses_beside_the_build_file_only_if_the_same(
    fixture_build, tmp_path
):
    """kg serve passes the build file to the app (which keeps the search index and analyses
    beside it) only when the file holds the build the store serves."""
    from kg.build import build_id_of
    from kg.cli import _same_build_file
    from kg.store import StoreSpec, load, open_store

    build_file = tmp_path / "kg.nq"
    shutil.copyfile(fixture_build, build_file)
    memory = StoreSpec.parse("memory")
    assert _same_build_file(memory, build_file, None) == build_file
    disk = StoreSpec.parse(f"disk:{tmp_path / 'disk'}")
    load(disk, build_file, build_id_of(build_file))
    store, build_id = open_store(disk, build_file)
    assert _same_build_file(disk, build_file, build_id) == build_file
    other = tmp_path / "other.nq"
    other.write_bytes(build_file.read_bytes())
    with open(other, "ab") as handle:  # another build: one more quad
        handle.write(b'<https://x.example/a> <https://x.example/b> "c" <https://x.example/g> .\n')
    assert _same_build_file(disk, other, build_id) is None
    assert _same_build_file(disk, tmp_path / "missing.nq", build_id) is None
    store.close()
