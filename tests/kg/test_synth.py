"""`kg synth`: a deterministic synthetic corpus that `kg build` accepts, at about the size asked."""

import datetime as dt
from pathlib import Path

import pytest
import yaml

from ingest.schema import KEY_PATTERN, LEGISLATION_IRI, RECOMMENDATION_REF
from kg.synth import CHUNK, MARK, MIN_TRIPLES, _chunks, dump, write_corpus

TARGET = 3_000
TOLERANCE = 0.2


@pytest.fixture(scope="module")
def synth(tmp_path_factory):
    """A small synthetic corpus (seed 1), its summary and the progress messages."""
    out = tmp_path_factory.mktemp("synth") / "sources"
    messages: list[str] = []
    summary = write_corpus(out, TARGET, seed=1, progress=messages.append)
    return out, summary, messages


def file_bytes(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(directory.glob("*.yaml"))}


def documents(directory: Path) -> dict[str, dict]:
    return {p.name: yaml.safe_load(p.read_text()) for p in sorted(directory.glob("*.yaml"))}


def section(docs: dict[str, dict], name: str) -> list:
    return [record for doc in docs.values() for record in doc.get(name, [])]


def instruments(records):
    for record in records:
        yield record
        yield from instruments(record.get("parts", []))


def test_a_small_corpus_builds_with_about_the_target_number_of_quads(kg, synth, tmp_path):
    sources, summary, _ = synth
    out = tmp_path / "kg.nq"
    # The build checks the format, that every reference across files resolves, and the shapes.
    result = kg("build", "--sources", str(sources), "--out", str(out))
    assert result.returncode == 0, result.stderr
    quads = len(out.read_text().splitlines())
    assert f"{quads} quads" in result.stdout
    assert abs(quads - TARGET) <= TOLERANCE * TARGET, quads
    # The generator's own count mirrors ingest/triples.py; keep the two in step.
    assert abs(quads - summary.quads) <= 0.05 * quads, (quads, summary.quads)
    for cls in ("Act", "Section", "Bill", "Clause", "Guidance", "StatutoryInstrument"):
        assert f"  {cls} " in result.stdout
    for cls in ("Finding", "Figure", "Recommendation", "Responsibility", "InstrumentLink"):
        assert f"  {cls} " in result.stdout
    for cls in ("NoInstrumentStatement", "Response", "StatusEvent", "ProposedChange"):
        assert f"  {cls} " in result.stdout


def test_the_same_seed_gives_the_same_bytes_and_another_seed_does_not(synth, tmp_path):
    sources, _, _ = synth
    again = tmp_path / "again"
    write_corpus(again, TARGET, seed=1)
    assert file_bytes(again) == file_bytes(sources)
    other = tmp_path / "other"
    write_corpus(other, TARGET, seed=2)
    assert file_bytes(other) != file_bytes(sources)


def test_larger_targets_scale_the_corpus_and_stay_near_the_target(synth, tmp_path):
    _, small, _ = synth
    large = write_corpus(tmp_path / "large", 30_000, seed=1)
    assert abs(large.quads - 30_000) <= TOLERANCE * 30_000
    for name in ("sources", "bodies", "instruments", "reports", "recommendations"):
        assert large.counts[name] > small.counts[name], name
    assert large.files > small.files


def test_the_corpus_uses_every_part_of_the_format(synth):
    docs = documents(synth[0])
    for name, doc in docs.items():
        assert doc["description"].startswith("Synthetic"), name
    sources = section(docs, "sources")
    assert {s["authority"] for s in sources} == {"primary", "secondary"}
    assert any(b.get("parent") for b in section(docs, "bodies"))
    declared = list(instruments(section(docs, "instruments")))
    assert {i["kind"] for i in declared} == {
        "act",
        "section",
        "statutory_instrument",
        "bill",
        "clause",
        "guidance",
    }
    assert any("enacted_as" in i for i in declared)
    assert any("part_of" in i for i in declared)

    reports = [doc["report"] for doc in docs.values() if "report" in doc]
    assert len(reports) >= 2
    findings = [f for r in reports for f in r["findings"]]
    recommendations = [rec for r in reports for rec in r["recommendations"]]
    assert any("figures" in f for f in findings)
    assert any("implicates" in f for f in findings)
    assert all(f["themes"] for f in findings)
    assert {d["role"] for rec in recommendations for d in rec["responsibilities"]} == {
        "lead",
        "partner",
        "consulted",
    }
    assert any("instruments" in rec for rec in recommendations)
    assert any("no_instrument" in rec for rec in recommendations)
    assert any(
        isinstance(c, dict) and "locator" in c for rec in recommendations for c in rec["cite"]
    )
    # Echoes point at earlier reports.
    for report in reports:
        for rec in report["recommendations"]:
            for echo in rec.get("echoes", []):
                ref = echo["ref"] if isinstance(echo, dict) else echo
                assert RECOMMENDATION_REF.match(ref)
                assert ref.split("/")[0] < report["key"]
    assert any("echoes" in rec for rec in recommendations)
    assert section(docs, "responses")
    assert section(docs, "status_events")
    assert section(docs, "proposals")
    text = "".join(p.read_text() for p in synth[0].glob("*.yaml"))
    assert "unconfirmed:" in text
    assert "- ref:" in text  # a link with evidence of its own


def test_keys_are_valid_and_statutes_have_legislation_gov_uk_identifiers(synth):
    docs = documents(synth[0])
    keys = [s["key"] for s in section(docs, "sources")]
    keys += [r["key"] for r in section(docs, "themes") + section(docs, "bodies")]
    keys += [doc["report"]["key"] for doc in docs.values() if "report" in doc]
    keys += [p["key"] for p in section(docs, "proposals")]
    assert all(KEY_PATTERN.match(key) for key in keys)
    assert len(keys) == len(set(keys))
    declared = list(instruments(section(docs, "instruments")))
    statutes = [i for i in declared if i["kind"] in ("act", "section", "statutory_instrument")]
    assert statutes
    for statute in statutes:
        assert LEGISLATION_IRI.match(statute["id"]), statute["id"]
        # Chapter numbers from 901: no real public general Act is identified.
        assert int(statute["id"].split("/")[6]) >= 901
    for other in declared:
        if other not in statutes:
            assert KEY_PATTERN.match(other["id"])
    links = [
        link["instrument"]
        for doc in docs.values()
        if "report" in doc
        for rec in doc["report"]["recommendations"]
        for link in rec.get("instruments", [])
    ]
    assert any(link.startswith("http://www.legislation.gov.uk/id/ukpga/") for link in links)
    assert set(links) <= {i["id"] for i in declared}


def test_files_are_marked_synthetic_and_progress_is_reported(synth):
    sources, summary, messages = synth
    names = sorted(p.name for p in sources.glob("*.yaml"))
    assert len(names) == summary.files
    assert all(p.read_text().startswith(MARK) for p in sources.glob("*.yaml"))
    assert any(name.startswith("r-") for name in names)
    for stem in ("bibliography", "themes", "bodies", "instruments", "responses", "status"):
        assert f"{stem}-001.yaml" in names
    assert any("bibliography-001.yaml" in m for m in messages)
    assert f"{summary.quads} quads" in messages[-1]


def test_a_rerun_replaces_its_own_files_and_never_anyone_elses(tmp_path):
    out = tmp_path / "out"
    write_corpus(out, 5_000, seed=3)
    before = set(file_bytes(out))
    write_corpus(out, MIN_TRIPLES, seed=3)  # fewer files: the stale ones are gone
    assert set(file_bytes(out)) < before
    curated = tmp_path / "curated"
    curated.mkdir()
    (curated / "bodies.yaml").write_text("bodies: []\n")
    with pytest.raises(FileExistsError, match=r"bodies\.yaml"):
        write_corpus(curated, MIN_TRIPLES)
    assert (curated / "bodies.yaml").read_text() == "bodies: []\n"
    with pytest.raises(ValueError, match="at least"):
        write_corpus(tmp_path / "tiny", MIN_TRIPLES - 1)


def test_strings_are_quoted_so_yaml_reads_back_exactly_what_was_written():
    awkward = [
        "it's: # not a comment",
        "- a dash",
        "yes",
        "null",
        "2025-01-01",
        "@at",
        "[x], {y}",
        "100",
        "*star &amp !tag |pipe >fold %pct `tick",
    ]
    document = {
        "description": "x",
        "records": [
            {"key": "a", "values": awkward, "nested": {"when": dt.date(2025, 6, 16), "n": 3}},
            {"mixed": ["bare", {"ref": "linked", "cite": ["s"]}], "value": 12.5},
        ],
    }
    text = dump(document, "# header\n")
    assert text.startswith("# header\n")
    assert yaml.safe_load(text) == document


def test_registers_are_split_into_chunks_counting_nested_parts():
    records = [{"id": str(i), "parts": [{"id": f"{i}-p"}] * 3} for i in range(10)]
    chunks = _chunks(records, size=8)
    assert [len(c) for c in chunks] == [2, 2, 2, 2, 2]
    assert [r for c in chunks for r in c] == records
    assert len(_chunks([{"key": str(i)} for i in range(CHUNK + 1)])) == 2
