"""The format's checks: each kind of mistake gives a message with file, line and field."""

from pathlib import Path

import pytest

from ingest.schema import FILE, check_file
from ingest.yamlnodes import read_yaml

GOOD_SOURCE = "sources:\n  - key: s\n    title: T\n    authority: primary\n"


def check(tmp_path: Path, text: str):
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    document, errors = read_yaml(path)
    assert errors == []
    return check_file(document, path)


def test_a_good_file_passes(tmp_path):
    cleaned, errors = check(tmp_path, GOOD_SOURCE)
    assert errors == []
    assert cleaned["sources"][0]["key"] == "s"


def test_missing_required_field(tmp_path):
    _cleaned, [error] = check(tmp_path, "sources:\n  - key: s\n    authority: primary\n")
    assert (error.line, error.field) == (2, "sources[0].title")
    assert "missing required field 'title'" in error.message


@pytest.mark.parametrize(
    ("text", "field", "line", "expected"),
    [
        (
            GOOD_SOURCE.replace("primary", "official"),
            "sources[0].authority",
            4,
            "expected one of primary, secondary, got text 'official'",
        ),
        (
            GOOD_SOURCE + "    issued: June 2025\n",
            "sources[0].issued",
            5,
            "expected a date written YYYY-MM-DD",
        ),
        (GOOD_SOURCE + "    url: www.example.org\n", "sources[0].url", 5, "expected a web address"),
        (GOOD_SOURCE.replace("key: s", "key: Home Office"), "sources[0].key", 2, "expected a key"),
        (
            GOOD_SOURCE.replace("title: T", "title: [a, b]"),
            "sources[0].title",
            3,
            "expected text, got a list",
        ),
        (
            "status_events:\n  - recommendation: casey-2025/one\n    status: enacted\n"
            "    date: 2025-01-01\n    cite: [s]\n",
            "status_events[0].recommendation",
            2,
            "expected a recommendation reference",
        ),
        (
            "report:\n  key: r\n  document: s\n  title: T\n  issued: 2025-01-01\n  cite: [s]\n"
            "  recommendations:\n    - number: first\n      title: T\n      summary: S\n"
            "      cite: [s]\n",
            "report.recommendations[0].number",
            8,
            "expected a whole number, got text 'first'",
        ),
        (
            "report:\n  key: r\n  document: s\n  title: T\n  issued: 2025-01-01\n  cite: [s]\n"
            "  findings:\n    - key: f\n      title: T\n      summary: S\n      cite: [s]\n"
            "      figures:\n        - value: about two-thirds\n          unit: percent\n"
            "          description: d\n",
            "report.findings[0].figures[0].value",
            13,
            "expected a number",
        ),
        ("bodies: home-office\n", "bodies", 1, "expected a list of body records, got text"),
    ],
)
def test_wrong_type_names_line_field_and_expectation(tmp_path, text, field, line, expected):
    _cleaned, errors = check(tmp_path, text)
    assert [(e.field, e.line) for e in errors] == [(field, line)]
    assert expected in errors[0].message


def test_unknown_field_lists_the_allowed_ones(tmp_path):
    _cleaned, [error] = check(tmp_path, GOOD_SOURCE + "    colour: red\n")
    assert (error.line, error.field) == (5, "sources[0].colour")
    allowed = "allowed: authority, issued, key, note, publisher, retrieved, title, url"
    assert allowed in error.message


def test_a_file_with_no_sections_is_an_error(tmp_path):
    _cleaned, [error] = check(tmp_path, "description: nothing else\n")
    assert "none of the sections" in error.message


def test_a_file_that_is_not_a_record_is_an_error(tmp_path):
    _cleaned, [error] = check(tmp_path, "- a\n- b\n")
    assert error.line == 1 and "expected a record" in error.message


def test_every_error_in_a_file_is_reported_at_once(tmp_path):
    text = "sources:\n  - key: s\n  - key: t\n    title: T\n    authority: maybe\n"
    _cleaned, errors = check(tmp_path, text)
    assert [e.field for e in errors] == [
        "sources[0].title",
        "sources[0].authority",
        "sources[1].authority",
    ]


def test_the_format_reference_documents_every_field():
    """docs/source-format.md must mention every field a curator can write."""
    doc = (Path(__file__).parents[2] / "docs" / "source-format.md").read_text()
    seen = set()

    def walk(record):
        if id(record) in seen:
            return
        seen.add(id(record))
        for spec in record.fields:
            assert f"`{spec.name}`" in doc, f"docs/source-format.md does not document {spec.name}"
            kind = spec.kind
            while hasattr(kind, "item"):
                kind = kind.item
            if hasattr(kind, "fields"):
                walk(kind)

    walk(FILE)
