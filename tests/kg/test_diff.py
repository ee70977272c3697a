"""`kg diff OLD NEW` (build files and git revisions) and GraphQL `changes(since:)` (kg/diff.py)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

B = "https://policy-kg.example"
REC1 = f"{B}/report/test-2025/recommendation/1"
REC2 = f"{B}/report/test-2025/recommendation/2"
NEWS = {"source": "A news summary", "locator": None, "url": "https://example.org/news"}


def edit(folder: Path, name: str, old: str, new: str) -> None:
    path = folder / name
    text = path.read_text()
    assert text.count(old) == 1, (name, old)
    path.write_text(text.replace(old, new))


def build(kg, sources: Path, out: Path, *options: str) -> Path:
    result = kg("build", "-q", "--sources", str(sources), "--out", str(out), *options)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture
def two_builds(kg, corpus, tmp_path) -> tuple[Path, Path]:
    """The fixture corpus, and a copy with exactly four edits: a status event added, a
    recommendation's title changed, a body removed (with its references), a finding added."""
    old = build(kg, corpus, tmp_path / "old.nq")
    new_sources = tmp_path / "new-sources"
    shutil.copytree(corpus, new_sources)
    edit(new_sources, "follow-up.yaml", "status_events:\n", """status_events:
  - recommendation: test-2025/1
    status: in_progress
    date: 2026-05-30
    cite:
      - source: press
        locator: para 3
""")  # fmt: skip
    edit(new_sources, "main-report.yaml", "      title: Do research\n",
         "      title: Do more research\n")  # fmt: skip
    edit(new_sources, "registers.yaml", """  - key: agency
    name: Test Agency
    kind: agency
    parent: dept
    cite:
      - source: press
        locator: para 2
""", "")  # fmt: skip
    edit(new_sources, "main-report.yaml", "        - ref: agency\n          cite: [press]\n", "")
    agency = "        - body: agency\n          role: consulted\n          cite: [press]\n"
    edit(new_sources, "main-report.yaml", agency, "")
    edit(new_sources, "main-report.yaml", "  recommendations:\n", """    - key: late
      title: Data late
      summary: Data arrived late.
      cite:
        - source: report-doc
          locator: para 5.1
  recommendations:
""")  # fmt: skip
    return old, build(kg, new_sources, tmp_path / "new.nq")


def test_diff_lists_exactly_the_edits_as_json(kg, two_builds):
    old, new = two_builds
    result = kg("diff", str(old), str(new), "--format", "json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "old": {"given": str(old), "type": "build file"},
        "new": {"given": str(new), "type": "build file"},
        "added": [
            {"id": f"{B}/report/test-2025/finding/late", "kind": "Finding", "label": "Data late",
             "citations": [{"source": "Test report", "locator": "para 5.1",
                            "url": "https://example.org/report"}]},
        ],
        "removed": [
            {"id": f"{B}/body/agency", "kind": "Body", "label": "Test Agency",
             "citations": [NEWS | {"locator": "para 2"}]},
        ],
        "changed": [
            # the removed body's references: its finding's link and its responsibility
            {"id": f"{B}/report/test-2025/finding/no-data", "kind": "Finding",
             "label": "Data missing",
             "fields": [{"field": "implicates", "old": ["Test Agency"], "new": [],
                         "citations": [NEWS]}]},
            {"id": REC1, "kind": "Recommendation", "label": "Recommendation 1: Change the law",
             "fields": [
                 {"field": "responsibility", "old": ["Test Agency CONSULTED"], "new": [],
                  "citations": [NEWS]},
                 {"field": "statusEvent", "old": [], "new": ["IN_PROGRESS 2026-05-30"],
                  "citations": [NEWS | {"locator": "para 3"}]},
             ]},
            {"id": REC2, "kind": "Recommendation", "label": "Recommendation 2: Do more research",
             "fields": [{"field": "title", "old": ["Do research"], "new": ["Do more research"],
                         "citations": [NEWS]}]},
        ],
    }  # fmt: skip


def test_diff_lists_exactly_the_edits_as_text(kg, two_builds):
    old, new = two_builds
    result = kg("diff", str(old), str(new))
    assert result.returncode == 0, result.stderr
    expected = f"""old: {old} (build file)
new: {new} (build file)
1 added, 1 removed, 3 changed
added:
  + Finding 'Data late' <{B}/report/test-2025/finding/late>
      cited: Test report, para 5.1, https://example.org/report
removed:
  - Body 'Test Agency' <{B}/body/agency>
      cited: A news summary, para 2, https://example.org/news
changed:
  ~ Finding 'Data missing' <{B}/report/test-2025/finding/no-data>
      implicates: - Test Agency
        cited: A news summary, https://example.org/news
  ~ Recommendation 'Recommendation 1: Change the law' <{REC1}>
      responsibility: - Test Agency CONSULTED
        cited: A news summary, https://example.org/news
      statusEvent: + IN_PROGRESS 2026-05-30
        cited: A news summary, para 3, https://example.org/news
  ~ Recommendation 'Recommendation 2: Do more research' <{REC2}>
      title: Do research -> Do more research
        cited: A news summary, https://example.org/news
"""
    assert result.stdout == expected


def test_changes_inside_a_fact_name_the_fact(kg, corpus, tmp_path):
    old = build(kg, corpus, tmp_path / "old.nq")
    edit(corpus, "follow-up.yaml", "note: Amendments tabled.", "note: Amendments withdrawn.")
    edit(corpus, "main-report.yaml", "          role: consulted", "          role: partner")
    result = kg("diff", str(old), str(build(kg, corpus, tmp_path / "new.nq")), "--format", "json")
    assert result.returncode == 0, result.stderr
    (changed,) = json.loads(result.stdout)["changed"]
    assert changed["id"] == REC1
    assert [(f["field"], f["old"], f["new"]) for f in changed["fields"]] == [
        ("responsibility[Test Agency PARTNER].role", ["CONSULTED"], ["PARTNER"]),
        ("statusEvent[LEGISLATING 2025-11-04].note", ["Amendments tabled."],
         ["Amendments withdrawn."]),
    ]  # fmt: skip


def test_the_same_data_under_another_base_is_no_change(kg, corpus, tmp_path):
    one = build(kg, corpus, tmp_path / "one.nq")
    other = build(kg, corpus, tmp_path / "other.nq", "--base", "https://other.example/kg")
    result = kg("diff", str(one), str(other))
    assert result.returncode == 0, result.stderr
    assert result.stdout.endswith("\nno changes\n")
    assert json.loads(kg("diff", str(one), str(one), "--format", "json").stdout) == {
        "old": {"given": str(one), "type": "build file"},
        "new": {"given": str(one), "type": "build file"},
        "added": [], "removed": [], "changed": [],
    }  # fmt: skip


# ------------------------------------------------------------------------------ git revisions

#: A small corpus whose sources have issue dates (so its facts have recorded dates).
SMALL = {
    "sources.yaml": """sources:
  - key: report
    title: The report
    issued: 2025-01-10
    url: https://example.org/report
    authority: primary
  - key: update
    title: An update
    issued: 2025-09-01
    url: https://example.org/update
    authority: primary
  - key: later
    title: A later update
    issued: 2025-10-15
    url: https://example.org/later
    authority: primary
  - key: blog
    title: A blog
    authority: secondary
""",
    "registers.yaml": """bodies:
  - key: dept
    name: The Department
    kind: ministerial department
    cite: [report]
""",
    "report.yaml": """report:
  key: r-2025
  document: report
  title: The report
  issued: 2025-01-10
  cite: [report]
  recommendations:
    - number: 1
      title: Do it
      summary: Do it soon.
      responsibilities:
        - body: dept
          role: lead
      no_instrument:
        reason: No law needed.
      cite:
        - source: report
          locator: rec 1
""",
    "follow-up.yaml": """responses:
  - recommendation: r-2025/1
    stance: accepted
    summary: We will.
    issued: 2025-09-01
    cite: [update]
status_events:
  - recommendation: r-2025/1
    status: in_progress
    date: 2025-08-20
    cite:
      - source: update
        locator: para 2
""",
}
RR1 = f"{B}/report/r-2025/recommendation/1"
DEPT = f"{B}/body/dept"


def write_small(sources: Path) -> Path:
    sources.mkdir(parents=True, exist_ok=True)
    for name, text in SMALL.items():
        (sources / name).write_text(text)
    return sources


def git(repo: Path, *args: str) -> str:
    found = subprocess.run(
        ["git", "-C", str(repo), "-c", "user.name=t", "-c", "user.email=t@t",
         "-c", "commit.gpgsign=false", *args],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return found.stdout.strip()


@pytest.fixture
def repo(tmp_path) -> Path:
    """A git repository with three commits: no sources; the small corpus in ingest/sources;
    one status event more."""
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q")
    (repo / "README").write_text("a corpus\n")
    git(repo, "add", "README")
    git(repo, "commit", "-q", "-m", "empty")
    write_small(repo / "ingest" / "sources")
    git(repo, "add", "ingest")
    git(repo, "commit", "-q", "-m", "sources")
    with open(repo / "ingest" / "sources" / "follow-up.yaml", "a") as handle:
        handle.write("  - recommendation: r-2025/1\n    status: stalled\n    date: 2025-12-01\n"
                     "    cite: [blog]\n")  # fmt: skip
    git(repo, "commit", "-q", "-am", "stalled")
    return repo


def test_diff_between_two_git_revisions(kg, repo):
    # an uncommitted edit in the working tree: it must be neither read nor touched
    follow_up = repo / "ingest" / "sources" / "follow-up.yaml"
    follow_up.write_text(follow_up.read_text() + "# work in progress\n")
    status = git(repo, "status", "--porcelain")
    result = kg("diff", "HEAD~1", "HEAD", "--repo", str(repo), "--format", "json", "-q")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == {
        "old": {"given": "HEAD~1", "type": "git revision",
                "commit": git(repo, "rev-parse", "HEAD~1")},
        "new": {"given": "HEAD", "type": "git revision", "commit": git(repo, "rev-parse", "HEAD")},
        "added": [],
        "removed": [],
        "changed": [
            {"id": RR1, "kind": "Recommendation", "label": "Recommendation 1: Do it",
             "fields": [{"field": "statusEvent", "old": [], "new": ["STALLED 2025-12-01"],
                         "citations": [{"source": "A blog", "locator": None, "url": None}]}]},
        ],
    }  # fmt: skip
    assert git(repo, "status", "--porcelain") == status
    assert follow_up.read_text().endswith("# work in progress\n")


def test_a_revision_against_a_build_file_from_the_repository_here(kg, repo, tmp_path):
    """Without --repo, revisions are read from the current directory's repository."""
    current = build(kg, repo / "ingest" / "sources", tmp_path / "current.nq")
    result = kg("diff", "HEAD", str(current), "-q", cwd=repo / "ingest")
    assert result.returncode == 0, result.stderr
    head = git(repo, "rev-parse", "HEAD")
    assert result.stdout == (
        f"old: HEAD (git revision {head[:12]}, its ingest/sources built with the current code)\n"
        f"new: {current} (build file)\nno changes\n"
    )


@pytest.mark.parametrize(
    ("old", "message"),
    [
        ("no-such-revision", "kg diff: 'no-such-revision' is neither a build file nor a revision "
                             "of the git repository at {repo}"),
        ("missing/kg.nq", "kg diff: no build file at missing/kg.nq"),
        ("HEAD~2", "kg diff: revision HEAD~2 ({commit}) has no ingest/sources in {repo}"),
    ],
)  # fmt: skip
def test_unknown_revisions_and_missing_files_are_one_line_errors(kg, repo, old, message):
    result = kg("diff", old, "HEAD", "--repo", str(repo), "-q")
    assert result.returncode == 2
    assert result.stdout == ""
    commit = git(repo, "rev-parse", "HEAD~2")[:12]
    assert result.stderr == message.format(repo=repo.resolve(), commit=commit) + "\n"


def test_outside_a_repository_a_revision_is_refused(kg, tmp_path):
    result = kg("diff", "HEAD", "HEAD", "--repo", str(tmp_path), "-q")
    assert result.returncode == 2
    assert result.stderr.startswith("kg diff: 'HEAD' is not a build file, and ")
    assert result.stderr.count("\n") == 1


# ------------------------------------------------------------------------------ changes(since:)


@pytest.fixture
def small_build(kg, tmp_path):
    sources = write_small(tmp_path / "small")
    with open(sources / "registers.yaml", "a") as handle:
        handle.write("  - key: regulator\n    name: The Regulator\n    kind: regulator\n"
                     "    cite:\n      - source: later\n        locator: p. 1\n")  # fmt: skip
    with open(sources / "follow-up.yaml", "a") as handle:  # no issue date: never listed
        handle.write("  - recommendation: r-2025/1\n    status: stalled\n    date: 2025-12-01\n"
                     "    cite: [blog]\n")  # fmt: skip
    return build(kg, sources, tmp_path / "small.nq")


def ask(build_file: Path, query: str):
    from kg.api.context import Build, RequestContext
    from kg.api.schema import schema
    from kg.build import base_of
    from kg.store import open_build

    store = open_build(build_file)
    context = RequestContext(Build(store=store, base=base_of(store), build_id="test"))
    result = schema.execute(query, context_value=context)
    return result


CHANGES = """{ changes(since: "%s"%s) { entity { id } kind label latest
    facts { field value recorded citations { locator url source { title } } } } }"""


def test_changes_since_a_date_per_entity_newest_first(small_build):
    result = ask(small_build, CHANGES % ("2025-06-01", ""))
    assert result.errors is None, result.errors
    update = {"title": "An update"}
    assert result.data["changes"] == [
        {"entity": {"id": f"{B}/body/regulator"}, "kind": "Body", "label": "The Regulator",
         "latest": "2025-10-15",
         "facts": [{"field": None, "value": "The Regulator", "recorded": "2025-10-15",
                    "citations": [{"locator": "p. 1", "url": "https://example.org/later",
                                   "source": {"title": "A later update"}}]}]},
        {"entity": {"id": RR1}, "kind": "Recommendation", "label": "Recommendation 1: Do it",
         "latest": "2025-09-01",
         "facts": [
             {"field": "response", "value": "ACCEPTED 2025-09-01", "recorded": "2025-09-01",
              "citations": [{"locator": None, "url": "https://example.org/update",
                             "source": update}]},
             {"field": "statusEvent", "value": "IN_PROGRESS 2025-08-20",
              "recorded": "2025-09-01",
              "citations": [{"locator": "para 2", "url": "https://example.org/update",
                             "source": update}]},
         ]},
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ('since: "2025-09-01"', [f"{B}/body/regulator"]),  # after the day, not on it
        ('since: "2025-01-09"', [f"{B}/body/regulator", RR1, f"{B}/report/r-2025", DEPT]),
        ('since: "2025-06-01", report: "r-2025"', [RR1]),
        ('since: "2025-01-09", first: 2', [f"{B}/body/regulator", RR1]),
        ('since: "2026-01-01"', []),
    ],
)
def test_changes_filters(small_build, arguments, expected):
    result = ask(small_build, f"{{ changes({arguments}) {{ entity {{ id }} }} }}")
    assert result.errors is None, result.errors
    assert [c["entity"]["id"] for c in result.data["changes"]] == expected


def test_changes_lists_facts_of_the_entity_recorded_with_it(small_build):
    result = ask(small_build, CHANGES % ("2025-01-09", ', report: "r-2025"'))
    by_entity = {c["entity"]["id"]: [(f["field"], f["value"], f["recorded"]) for f in c["facts"]]
                 for c in result.data["changes"]}  # fmt: skip
    assert by_entity[RR1] == [
        ("response", "ACCEPTED 2025-09-01", "2025-09-01"),
        ("statusEvent", "IN_PROGRESS 2025-08-20", "2025-09-01"),
        (None, "Recommendation 1: Do it", "2025-01-10"),
        ("noInstrument", "No legal instrument for recommendation 1", "2025-01-10"),
        ("responsibility", "The Department LEAD", "2025-01-10"),
    ]


def test_changes_refuses_a_page_too_large_and_an_unknown_report(small_build):
    result = ask(small_build, '{ changes(since: "2025-01-01", first: 101) { kind } }')
    assert "first: must be between 0 and 100" in result.errors[0].message
    result = ask(small_build, '{ changes(since: "2025-01-01", report: "nope") { kind } }')
    assert "report: no report 'nope'" in result.errors[0].message


def test_a_file_that_is_not_a_build_is_a_one_line_error(kg, tmp_path):
    bad = tmp_path / "bad.nq"
    bad.write_text("garbage <\n")
    result = kg("diff", str(bad), str(bad))
    assert result.returncode == 2
    assert result.stderr.startswith(f"kg diff: {bad} is not a build file of `kg build`: ")
    assert result.stderr.count("\n") == 1
