"""Shared fixtures: the small test corpus, a built copy of it, and a way to run the CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph

from ingest import DEFAULT_BASE, load_sources

FIXTURE_CORPUS = Path(__file__).parent / "fixtures" / "corpus"
REPO = Path(__file__).parent.parent


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A private, editable copy of the fixture corpus."""
    target = tmp_path / "sources"
    shutil.copytree(FIXTURE_CORPUS, target)
    return target


@pytest.fixture(scope="session")
def fixture_dataset():
    return load_sources(FIXTURE_CORPUS, DEFAULT_BASE)


def union_of(dataset) -> Graph:
    """All named graphs as one Graph (rdflib's Dataset read API warns of deprecations)."""
    union = Graph()
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


@pytest.fixture(name="union_of")
def union_of_fixture():
    return union_of


@pytest.fixture(scope="session")
def fixture_graph(fixture_dataset) -> Graph:
    return union_of(fixture_dataset)


def run_kg(*args: str, cwd: Path | None = None, env: dict | None = None):
    """Run the real `kg` command line in a subprocess (exit codes, stdout, stderr)."""
    return subprocess.run(
        [sys.executable, "-m", "kg", *args],
        cwd=cwd,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(name="kg")
def kg_fixture():
    """`kg(*args)` runs the command line in a subprocess and returns the CompletedProcess."""
    return run_kg
