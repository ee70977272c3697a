from pathlib import Path

from ingest.yamlnodes import Located, read_yaml


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_values_remember_their_lines(tmp_path):
    doc, errors = read_yaml(write(tmp_path, "a: 1\nb:\n  - c: x\n    d: 2025-06-16\n"))
    assert errors == []
    assert isinstance(doc, Located)
    assert doc.line_of("b") == 2
    item = doc["b"][0]
    assert item.line == 3 and item.line_of("d") == 4
    assert str(item["d"]) == "2025-06-16"


def test_syntax_error_names_file_and_line(tmp_path):
    path = write(tmp_path, "a: 1\nb: [unclosed\nc: 3\n")
    doc, errors = read_yaml(path)
    assert doc is None
    [error] = errors
    assert error.file == path and error.line == 3  # where the parser gave up
    assert "YAML syntax error" in error.message


def test_duplicate_field_is_an_error(tmp_path):
    _doc, errors = read_yaml(write(tmp_path, "sources:\n  - key: a\n    key: b\n"))
    [error] = errors
    assert (error.line, error.field) == (3, "sources[0].key")
    assert "twice" in error.message


def test_impossible_date_is_an_error(tmp_path):
    _doc, errors = read_yaml(write(tmp_path, "d: 2025-02-30\n"))
    [error] = errors
    assert error.field == "d" and error.line == 1


def test_empty_and_multi_document_files_are_errors(tmp_path):
    assert read_yaml(write(tmp_path, ""))[1][0].message == "expected exactly one YAML document"
    assert read_yaml(write(tmp_path, "a: 1\n---\nb: 2\n"))[1]


def test_non_utf8_file_is_an_error(tmp_path):
    path = tmp_path / "f.yaml"
    path.write_bytes(b"a: \xff\xfe\n")
    doc, [error] = read_yaml(path)
    assert doc is None and "UTF-8" in error.message
