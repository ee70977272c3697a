"""Fixtures for the analyses: tiny corpora built by the real build, and the bundled corpus."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from ingest import DEFAULT_BASE
from kg.build import build
from kg.projection import build_projection
from kg.store import open_build

#: Sources, themes, bodies and instruments every tiny corpus shares.
REGISTERS = """
sources:
  - key: doc
    title: The report itself
    url: https://example.org/doc
    authority: primary
  - key: news
    title: A news story
    url: https://example.org/news
    authority: secondary
themes:
  - {key: data, name: Data, cite: [doc]}
  - {key: taxis, name: Taxis, cite: [doc]}
  - {key: law, name: Law, cite: [doc]}
bodies:
  - {key: home, name: Home Department, kind: ministerial department, cite: [doc]}
  - {key: police, name: Police, kind: police force, cite: [doc]}
  - {key: council, name: Council, kind: local authority, cite: [doc]}
  - {key: board, name: Board, kind: board, cite: [doc]}
instruments:
  - id: http://www.legislation.gov.uk/id/ukpga/2003/42
    kind: act
    title: Test Act 2003
    cite: [doc]
    parts:
      - id: http://www.legislation.gov.uk/id/ukpga/2003/42/section/9
        kind: section
        title: Section 9
        cite:
          - {source: doc, locator: s. 9, url: https://example.org/doc/s9}
  - id: done-bill
    kind: bill
    title: Done Bill
    enacted_as: http://www.legislation.gov.uk/id/ukpga/2003/42
    cite: [doc]
  - id: stuck-bill
    kind: bill
    title: Stuck Bill
    cite: [news]
"""

B = DEFAULT_BASE


def iri(path: str) -> str:
    """`report/x/recommendation/1` -> the full IRI under the default base."""
    return f"{B}/{path}"


@pytest.fixture(name="iri")
def iri_fixture():
    return iri


@pytest.fixture
def tiny(tmp_path: Path):
    """`tiny(name=yaml, ...)` builds REGISTERS plus the given files; returns the store."""

    def make(**files: str):
        sources = tmp_path / "sources"
        sources.mkdir()
        (sources / "registers.yaml").write_text(REGISTERS)
        for name, text in files.items():
            (sources / f"{name}.yaml").write_text(textwrap.dedent(text))
        out = tmp_path / "kg.nq"
        build(sources, out, DEFAULT_BASE)
        return open_build(out)

    return make


@pytest.fixture
def bundled(bundled_build):
    """A fresh store over the bundled corpus (round trips start at 0) and its projection."""
    store = open_build(bundled_build)
    projection = build_projection(store)
    store.round_trips = 0
    return store, projection
