"""`kg build`: validated, deterministic, atomic; failures list every error and change nothing."""

import signal
import subprocess
import sys

import pyoxigraph as ox


def build(kg, corpus, out):
    return kg("build", "--sources", str(corpus), "--out", str(out))


def test_build_writes_nquads_and_a_summary(kg, corpus, tmp_path):
    out = tmp_path / "kg.nq"
    result = build(kg, corpus, out)
    assert result.returncode == 0, result.stderr
    assert "5 source files -> 6 named graphs" in result.stdout
    assert "Recommendation              3" in result.stdout
    # progress on stderr, per file and per stage
    assert "[1/5] reading earlier.yaml" in result.stderr
    assert "validating against the SHACL shapes" in result.stderr
    quads = list(ox.parse(path=str(out), format=ox.RdfFormat.N_QUADS))
    assert len(quads) == len(out.read_text().splitlines())


def test_the_same_sources_give_the_same_bytes(kg, corpus, tmp_path):
    first, second = tmp_path / "a.nq", tmp_path / "b.nq"
    assert build(kg, corpus, first).returncode == 0
    assert build(kg, corpus, second).returncode == 0
    assert first.read_bytes() == second.read_bytes()


BAD_INPUTS = {
    "yaml syntax": (
        "follow-up.yaml",
        "    stance: accepted\n",
        "    stance: [accepted\n",
        # the parser's own words differ between libyaml and pure PyYAML; the place does not
        "follow-up.yaml:4: YAML syntax error: ",
    ),
    "missing field": (
        "main-report.yaml",
        "      title: Change the law\n",
        "",
        "main-report.yaml:31: report.recommendations[0].title: missing required field 'title'",
    ),
    "wrong type": (
        "follow-up.yaml",
        "    date: 2025-11-04\n",
        "    date: early November\n",
        "follow-up.yaml:10: status_events[0].date: expected a date written YYYY-MM-DD",
    ),
}


def test_bad_sources_fail_loudly_and_leave_the_previous_build_byte_for_byte(kg, corpus, tmp_path):
    out = tmp_path / "kg.nq"
    assert build(kg, corpus, out).returncode == 0
    previous = out.read_bytes()
    for name, (file, old, new, message) in BAD_INPUTS.items():
        path = corpus / file
        good = path.read_text()
        assert old in good, name
        path.write_text(good.replace(old, new, 1))
        result = build(kg, corpus, out)
        path.write_text(good)
        assert result.returncode == 1, name
        assert message in result.stderr, (name, result.stderr)
        if name == "yaml syntax":
            assert "(while parsing a flow sequence that starts on line 3)" in result.stderr
        assert "the previous build is unchanged" in result.stderr
        assert out.read_bytes() == previous, name
        assert list(tmp_path.glob(".kg.nq.tmp-*")) == [], name


def test_shape_violations_fail_the_build(kg, corpus, tmp_path):
    """A file can pass the format yet break a shape: a section with a non-legislation id."""
    (corpus / "zz-bad.yaml").write_text(
        "instruments:\n  - id: loose-section\n    kind: section\n    title: Loose\n"
        "    cite: [statute-page]\n"
    )
    out = tmp_path / "kg.nq"
    result = build(kg, corpus, out)
    assert result.returncode == 1
    assert "violates the shapes" in result.stderr
    assert "https://policy-kg.example/instrument/loose-section" in result.stderr
    assert "[LegislationIdentifierShape]" in result.stderr
    assert "[SectionShape]" in result.stderr
    assert not out.exists()


def test_a_build_killed_midway_leaves_the_previous_build(corpus, tmp_path):
    """Kill -9 a real `kg build` once it is working; the previous build must survive intact."""
    out = tmp_path / "kg.nq"
    out.write_bytes(b"<urn:previous> <urn:build> <urn:here> .\n")
    previous = out.read_bytes()
    with subprocess.Popen(
        [sys.executable, "-m", "kg", "build", "--sources", str(corpus), "--out", str(out)],
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        for line in process.stderr:  # wait until it is past reading the sources
            if "validating" in line:
                process.send_signal(signal.SIGKILL)
                break
        process.wait(timeout=60)
    assert process.returncode == -signal.SIGKILL
    assert out.read_bytes() == previous
    # and the next build succeeds and replaces it
    result = subprocess.run(
        [sys.executable, "-m", "kg", "build", "-q", "--sources", str(corpus), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    assert out.read_bytes() != previous
    assert list(tmp_path.glob(".kg.nq.tmp-*")) == []
