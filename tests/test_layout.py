"""Design rules that are easy to break without noticing (docs/architecture.md says why)."""

import re
import subprocess
import tomllib
from pathlib import Path

REPO = Path(__file__).parents[1]


def test_graphql_folder_holds_no_python_package():
    # A package named `graphql` would shadow graphql-core, which graphene imports.
    assert not (REPO / "graphql" / "__init__.py").exists()
    assert not list((REPO / "graphql").rglob("*.py"))


def test_graphene_and_graphql_core_are_pinned_together():
    deps = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["dependencies"]
    assert any(re.fullmatch(r"graphene>=3\.4,<4", d) for d in deps)
    assert any(re.fullmatch(r"graphql-core>=3\.2,<3\.3", d) for d in deps)


def test_no_cdn_in_shipped_code():
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=REPO, capture_output=True, text=True, check=True
    ).stdout.split()
    pattern = re.compile(r"unpkg\.com|cdn\.jsdelivr|cdnjs\.cloudflare|esm\.sh")
    offenders = [
        name
        for name in tracked
        if not name.startswith("tests/")
        and not name.endswith(".md")
        and (REPO / name).is_file()
        and pattern.search((REPO / name).read_text(errors="ignore"))
    ]
    assert offenders == []


def test_ingest_and_viz_do_not_import_kg():
    """ingest and viz stay pure libraries; kg composes them (no import cycles)."""
    for package in ("ingest", "viz", "ontology"):
        for path in (REPO / package).rglob("*.py"):
            text = path.read_text()
            assert not re.search(r"^\s*(from|import) kg\b", text, re.M), path
