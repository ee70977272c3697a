"""`kg analyse`: each analysis as a table, CSV or JSON, with clear errors."""

import csv
import io
import json

import pytest

B = "https://policy-kg.example"


@pytest.mark.parametrize("analysis", ["gaps", "recurrence", "load", "clusters"])
def test_each_analysis_in_each_format(kg, fixture_build, analysis):
    table = kg("analyse", analysis, "--build", str(fixture_build))
    assert table.returncode == 0, table.stderr
    rows = json.loads(kg("analyse", analysis, "--build", str(fixture_build), "--format",
                         "json").stdout)  # fmt: skip
    as_csv = kg("analyse", analysis, "--build", str(fixture_build), "--format", "csv").stdout
    parsed = list(csv.DictReader(io.StringIO(as_csv)))
    assert len(parsed) == len(rows)
    if rows:
        assert set(parsed[0]) == set(rows[0])


def test_recurrence_on_the_fixture(kg, fixture_build):
    rows = json.loads(kg("analyse", "recurrence", "--build", str(fixture_build), "--format",
                         "json", "--as-of", "2026-08-26").stdout)  # fmt: skip
    [issue] = rows
    assert issue["earliest_report"] == "earlier-2014"
    assert issue["years_outstanding"] == 12.0


def test_trace_needs_from_and_known_entities(kg, fixture_build):
    assert kg("analyse", "trace", "--build", str(fixture_build)).returncode == 2
    bad = kg("analyse", "trace", "--build", str(fixture_build), "--from", f"{B}/nothing")
    assert bad.returncode == 2 and "no entity" in bad.stderr
    good = kg("analyse", "trace", "--build", str(fixture_build), "--format", "json",
              "--from", f"{B}/report/test-2025/recommendation/1",
              "--to", "http://www.legislation.gov.uk/id/ukpga/2003/42")  # fmt: skip
    paths = json.loads(good.stdout)
    assert paths and all(p["fully_cited"] for p in paths)


def test_bad_as_of(kg, fixture_build):
    result = kg("analyse", "recurrence", "--build", str(fixture_build), "--as-of", "soon")
    assert result.returncode == 2 and "--as-of must be a date" in result.stderr
