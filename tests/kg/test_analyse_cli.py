"""`kg analyse`: each analysis as a table, CSV or JSON, with clear errors."""

import csv
import io
import json
import re
import textwrap

B = "https://policy-kg.example"
REC = f"{B}/report/test-2025/recommendation"
ACT = "http://www.legislation.gov.uk/id/ukpga/2003/42"

#: The columns each table shows (CSV and JSON have every field).
TABLE_HEADERS = {
    "gaps": ["kind", "label", "reason"],
    "recurrence": ["kind", "label", "reports", "earliest_report", "earliest_issued",
                   "latest_status", "years_outstanding", "years_since", "chain"],
    "load": ["label", "lead", "partner", "consulted", "centrality", "centrality_estimated"],
    "clusters": ["number", "size", "members", "themes", "bodies"],
    "trace": ["hops", "path", "fully_cited", "citations"],
    "overdue": ["key", "recommendation_key", "due", "days_late", "revisions", "status",
                "commitment"],
}  # fmt: skip
#: Extra arguments: a fixed date for recurrence (years outstanding depend on it), ends for trace.
EXTRA = {
    "recurrence": ["--as-of", "2026-08-26"],
    "trace": ["--from", f"{REC}/1", "--to", ACT],
    "overdue": ["--as-of", "2025-12-01"],
}


def run(kg, build, analysis, fmt):
    result = kg("analyse", analysis, "--build", str(build), "--format", fmt,
                *EXTRA.get(analysis, []))  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout


def exports(kg, build, analysis) -> list[dict]:
    """Run the three exports of `analysis`; check that they agree and return the JSON rows."""
    rows = json.loads(run(kg, build, analysis, "json"))
    as_csv = list(csv.DictReader(io.StringIO(run(kg, build, analysis, "csv"))))
    # CSV has the same columns in the same order and the same values, written as text (a
    # missing value, JSON's null, as nothing).
    assert [list(r) for r in as_csv] == [list(r) for r in rows]
    assert as_csv == [{k: "" if v is None else str(v) for k, v in r.items()} for r in rows]
    lines = run(kg, build, analysis, "table").splitlines()
    header = TABLE_HEADERS[analysis]
    assert lines[0].split() == header
    assert len(lines) == 2 + len(rows)  # header, rule, one line per row
    for line, row in zip(lines[2:], rows, strict=True):
        assert line.startswith(textwrap.shorten(str(row[header[0]]), 60, placeholder="..."))
    return rows


def test_gaps_exports(kg, fixture_build):
    rows = exports(kg, fixture_build, "gaps")
    # main-report.yaml: test-2025/2 has no responsibilities and no status event, and its only
    # citation is the press (secondary) source, and it is marked unconfirmed; earlier.yaml's
    # recommendation 3 has neither responsibilities nor a status event. test-2025/1 has a lead,
    # a status event (follow-up.yaml) and primary citations; the one finding is addressed by it.
    assert sorted((r["kind"], r["iri"]) for r in rows) == sorted([
        ("recommendation-without-lead", f"{B}/report/earlier-2014/recommendation/3"),
        ("recommendation-without-lead", f"{REC}/2"),
        ("recommendation-without-status", f"{B}/report/earlier-2014/recommendation/3"),
        ("recommendation-without-status", f"{REC}/2"),
        ("recommendation-unconfirmed", f"{REC}/2"),
    ])  # fmt: skip
    labels = {r["iri"]: r["label"] for r in rows}
    assert labels == {
        f"{B}/report/earlier-2014/recommendation/3": "Recommendation 3: Collect data",
        f"{REC}/2": "Recommendation 2: Do research",
    }
    assert all(r["reason"] for r in rows)


def test_recurrence_exports(kg, fixture_build):
    row, problem = exports(kg, fixture_build, "recurrence")
    # test-2025/1 echoes earlier-2014/3 (issued 2014-08-26); 2026-08-26 is 12 years on, and
    # its latest status event (follow-up.yaml) is "legislating".
    assert row["kind"] == "Recommendation" and row["finding"] is None
    assert row["recommendation"] == f"{REC}/1"
    assert row["reports"] == 2
    assert row["earliest_report"] == "earlier-2014"
    assert row["earliest_issued"] == "2014-08-26"
    assert row["latest_status"] == "LEGISLATING"
    assert row["years_outstanding"] == 12.0
    assert row["themes"] == "Data"
    # test-2025/1 addresses the finding no-data, which earlier-2014's data-poor found first.
    assert row["problems"] == "test-2025/no-data (first found earlier-2014, 2014-08-26)"
    # Then the recurring problem itself: the finding no-data echoes earlier-2014/data-poor;
    # each of the two is addressed by its report's recommendation.
    assert problem["kind"] == "Finding" and problem["recommendation"] is None
    assert problem["finding"] == f"{B}/report/test-2025/finding/no-data"
    assert problem["chain"] == (
        "earlier-2014/data-poor (2014-08-26) -> test-2025/no-data (2025-06-16)"
    )
    assert problem["reports"] == 2 and problem["earliest_report"] == "earlier-2014"
    assert problem["years_since"] == 12.0
    assert problem["addressed_by"] == "earlier-2014/3; test-2025/1"
    assert problem["latest_status"] is None and problem["confirmed"] is True


def test_load_exports(kg, fixture_build):
    rows = exports(kg, fixture_build, "load")
    # main-report.yaml: test-2025/1 is led by dept and consults agency; no other recommendation
    # has a responsibility (the proposal's lead is not a recommendation's). A corpus this
    # small is computed exactly, never estimated.
    counts = {r["body"]: (r["lead"], r["partner"], r["consulted"], r["total"]) for r in rows}
    assert counts == {f"{B}/body/dept": (1, 0, 0, 1), f"{B}/body/agency": (0, 0, 1, 1)}
    assert {r["label"] for r in rows} == {"Department of Tests", "Test Agency"}
    assert not any(r["centrality_estimated"] for r in rows)


def test_clusters_on_the_fixture_are_empty(kg, fixture_build):
    # Only test-2025/1 has a theme or a body, and a cluster needs two recommendations sharing
    # them: the honest answer is no cluster, in each format exactly so.
    assert run(kg, fixture_build, "clusters", "json") == "[]\n"
    assert run(kg, fixture_build, "clusters", "csv") == "\n"
    assert run(kg, fixture_build, "clusters", "table") == "(nothing)\n"


def test_clusters_exports_on_the_bundled_corpus(kg, bundled_build):
    rows = exports(kg, bundled_build, "clusters")
    assert len(rows) >= 2
    assert [r["number"] for r in rows] == list(range(1, len(rows) + 1))
    assert [r["size"] for r in rows] == sorted((r["size"] for r in rows), reverse=True)
    seen = set()
    for row in rows:
        iris = row["iris"].split("; ")
        keys = row["members"].split("; ")
        assert row["size"] == len(iris) == len(keys) == len(row["labels"].split("; ")) >= 2
        # Each member is a recommendation, its key REPORT/NUMBER read from its IRI.
        for iri, key in zip(iris, keys, strict=True):
            report, number = key.split("/")
            assert iri == f"{B}/report/{report}/recommendation/{number}"
        assert seen.isdisjoint(iris)  # a recommendation is in one cluster at most
        seen.update(iris)
        # What holds a cluster together: a theme or body that at least two members share.
        assert row["themes"] or row["bodies"]
        for shared in filter(None, (row["themes"] + "; " + row["bodies"]).split("; ")):
            held, size = shared.rsplit("(", 1)[1].rstrip(")").split("/")
            assert 2 <= int(held) <= int(size) == row["size"]


def test_trace_exports(kg, fixture_build):
    rows = exports(kg, fixture_build, "trace")
    assert all(r["start"] == f"{REC}/1" and r["end"] == ACT and r["fully_cited"] for r in rows)
    # The entities on each path (the predicates between them left out). From the YAML:
    # test-2025/1 amends section 9, part of the Act; it is implemented by the Test Bill,
    # enacted as the Act; the proposal Test reform, proposed by it, amends section 9; and
    # Test reform is led by dept, as test-2025/1 is; the bill's Clause 1 was enacted as section 9.
    # Each path has one citation per hop.
    steps = [(r["hops"], re.split(r" (?:-\S+->|<-\S+-) ", r["path"])) for r in rows]
    rec, section, act = "Recommendation 1: Change the law", "A section", "Test Act 2003"
    assert steps == [
        (2, [rec, section, act]),
        (2, [rec, "Test Bill", act]),
        (3, [rec, "Test reform", section, act]),
        (4, [rec, section, "Clause 1", "Test Bill", act]),
        (4, [rec, "Department of Tests", "Test reform", section, act]),
    ]
    assert [len(r["citations"].split(" | ")) for r in rows] == [r["hops"] for r in rows]


def test_recurrence_on_the_fixture(kg, fixture_build):
    rows = json.loads(kg("analyse", "recurrence", "--build", str(fixture_build), "--format",
                         "json", "--as-of", "2026-08-26").stdout)  # fmt: skip
    [issue] = [r for r in rows if r["kind"] == "Recommendation"]
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


def test_overdue_exports(kg, fixture_build):
    """follow-up.yaml: on 1 December 2025 the revised date of test-2025/1's target (30 November)
    has passed, and the target was met only on 5 December."""
    result = kg("analyse", "overdue", "--build", str(fixture_build), "--format", "json",
                "--as-of", "2025-12-01")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout == textwrap.dedent(f"""\
        [
          {{
            "target": "{REC}/1/target/test-clauses-laid-later",
            "key": "test-clauses-laid-later",
            "recommendation": "{REC}/1",
            "recommendation_key": "test-2025/1",
            "commitment": "Lay the amending clauses before Parliament, later than first said.",
            "due": "2025-11-30",
            "as_of": "2025-12-01",
            "days_late": 1,
            "revisions": "2025-10-31",
            "status": "LEGISLATING",
            "confirmed": false
          }}
        ]
        """)
    assert exports(kg, fixture_build, "overdue") == json.loads(result.stdout)
    met = kg("analyse", "overdue", "--build", str(fixture_build), "--as-of", "2025-12-05")
    assert (met.returncode, met.stdout) == (0, "(nothing)\n")
    bad = kg("analyse", "overdue", "--build", str(fixture_build), "--as-of", "1 Dec")
    assert bad.returncode == 2 and "--as-of must be a date" in bad.stderr
