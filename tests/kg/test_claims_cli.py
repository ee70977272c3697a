"""`kg analyse claims`: where the reported status and the legal evidence disagree."""

import json
from pathlib import Path

B = "https://policy-kg.example"
REC1 = f"{B}/report/test-2025/recommendation/1"
COLUMNS = ["recommendation_key", "kind", "reported", "reported_date", "legal", "legal_date",
           "explanation"]  # fmt: skip


def claims(kg, build: Path, fmt: str, as_of: str) -> str:
    result = kg("analyse", "claims", "--build", str(build), "--format", fmt, "--as-of", as_of)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_the_fixture_record_is_behind_the_law(kg, fixture_build):
    # follow-up.yaml reports test-2025/1 "legislating" on 2025-11-04; the bill it is implemented
    # by received Royal Assent in 2003 and its section 9 came into force on 2004-05-01.
    [row] = json.loads(claims(kg, fixture_build, "json", "2026-01-01"))
    assert row["kind"] == "record-behind-law"
    assert (row["recommendation"], row["recommendation_key"]) == (REC1, "test-2025/1")
    assert (row["reported"], row["reported_date"]) == ("LEGISLATING", "2025-11-04")
    assert (row["legal"], row["legal_date"], row["as_of"]) == ("IN_FORCE", "2004-05-01",
                                                               "2026-01-01")  # fmt: skip
    assert "legislating" in row["explanation"] and "in force" in row["explanation"]
    assert row["reported_source"] == "A news summary <https://example.org/news>"
    # the evidence walks the chain, each link with its citation
    evidence = row["evidence"].split(" | ")
    assert any(e.startswith("stage: test-bill -> 2 (2003-11-20) [A news summary") for e in evidence)
    assert any(e.startswith("commenced: 9 -> test-commencement-1 (2004-05-01) [Test Act page")
               for e in evidence)  # fmt: skip
    assert all("uncited" not in e for e in evidence)

    lines = claims(kg, fixture_build, "table", "2026-01-01").splitlines()
    assert lines[0].split() == COLUMNS
    assert set(lines[1]) <= {"-", " "}
    [line] = lines[2:]
    assert line.split()[:6] == ["test-2025/1", "record-behind-law", "LEGISLATING", "2025-11-04",
                                "IN_FORCE", "2004-05-01"]  # fmt: skip


def test_no_claim_before_anything_is_reported(kg, fixture_build):
    assert claims(kg, fixture_build, "json", "2025-11-03") == "[]\n"
    assert claims(kg, fixture_build, "table", "2025-11-03") == "(nothing)\n"


def test_reported_legislating_with_no_bill(kg, corpus, tmp_path):
    # Without its link to the bill, test-2025/1 only amends s. 9: no bill carries it, as the
    # proposal's no-bill statement (2025-11-27) says, while it is reported "legislating".
    report = corpus / "main-report.yaml"
    text = report.read_text()
    bill_link = "        - instrument: test-bill\n          relation: implemented_by\n"
    assert bill_link in text
    report.write_text(text.replace(bill_link, ""))
    out = tmp_path / "kg.nq"
    built = kg("build", "-q", "--sources", str(corpus), "--out", str(out))
    assert built.returncode == 0, built.stderr

    [row] = json.loads(claims(kg, out, "json", "2026-01-01"))
    assert (row["kind"], row["recommendation"]) == ("reported-progress-no-bill", REC1)
    assert (row["reported"], row["legal"], row["legal_date"]) == ("LEGISLATING", "NO_BILL",
                                                                  "2025-11-27")  # fmt: skip
    assert "no bill: test-reform (2025-11-27) [Test report" in row["evidence"]
    # before the statement, still no bill, undated
    [early] = json.loads(claims(kg, out, "json", "2025-11-26"))
    assert (early["kind"], early["legal"], early["legal_date"]) == (
        "reported-progress-no-bill",
        "NO_BILL",
        None,
    )
    lines = claims(kg, out, "table", "2026-01-01").splitlines()
    assert lines[0].split() == COLUMNS
    assert lines[2].split()[:6] == ["test-2025/1", "reported-progress-no-bill", "LEGISLATING",
                                    "2025-11-04", "NO_BILL", "2025-11-27"]  # fmt: skip


def test_a_bad_as_of_is_refused(kg, fixture_build):
    result = kg("analyse", "claims", "--build", str(fixture_build), "--as-of", "soon")
    assert result.returncode == 2
    assert "soon" in result.stderr and result.stdout == ""
