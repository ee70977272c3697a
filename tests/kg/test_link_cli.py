"""`kg link FILE|-`: JSON in the contract's shape, HTML, text; exit 2 naming the file on bad
input."""

import json


def test_link_json_from_a_file(kg, bundled_build, tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("The government accepted recommendation 4 of the Casey audit.\n")
    result = kg("link", str(path), "--build", str(bundled_build))
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"mentions", "claims"}
    assert [m["text"] for m in data["mentions"]] == ["recommendation 4", "Casey audit"]
    assert data["claims"][0]["verdict"] == "supported"


def test_link_html_and_text_formats(kg, bundled_build, tmp_path):
    path = tmp_path / "page.html"
    path.write_text("<html><body><p>The <b>CPS</b> &amp; the NCA.</p></body></html>")
    html = kg("link", str(path), "--build", str(bundled_build), "--format", "html")
    assert html.returncode == 0, html.stderr
    assert 'class="kg-mention kg-kind-Body"' in html.stdout and "&amp;" in html.stdout
    text = kg("link", str(path), "--build", str(bundled_build), "--format", "text")
    assert "Crown Prosecution Service" in text.stdout


def test_bad_input_exits_2_with_one_line_naming_the_file(kg, bundled_build, tmp_path):
    cases = {
        "empty.txt": b"",
        "latin.txt": "caf\xe9".encode("latin-1"),
        "junk.pdf": b"%PDF-1.4\n" + bytes(range(256)) * 8,
        "binary.txt": b"\x00\x01\x02" * 100,
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        result = kg("link", str(path), "--build", str(bundled_build))
        assert result.returncode == 2, (name, result.stderr)
        [line] = result.stderr.splitlines()
        assert line.startswith(f"kg link: {path}: "), line
    missing = kg("link", str(tmp_path / "nope.txt"), "--build", str(bundled_build))
    assert missing.returncode == 2 and "nope.txt: cannot read the file" in missing.stderr


def test_link_reads_standard_input(bundled_build):
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "kg", "link", "-", "--build",
                             str(bundled_build), "--format", "json"],
                            input=b"The NCA leads the national operation.", capture_output=True,
                            timeout=120)  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["mentions"][0]["text"] == "NCA"
