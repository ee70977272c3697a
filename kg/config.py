"""Defaults and their environment overrides, in one place."""

from __future__ import annotations

import os
from pathlib import Path

import ingest

#: The curated corpus that ships with the package.
BUNDLED_SOURCES = Path(ingest.__file__).parent / "sources"


def default_sources() -> Path:
    return Path(os.environ.get("KG_SOURCES", BUNDLED_SOURCES))


def default_build() -> Path:
    """Where `kg build` writes and every other command reads the built dataset."""
    return Path(os.environ.get("KG_BUILD", "build/kg.nq"))


def default_base() -> str:
    """Base of our entities' IRIs (the vocabulary's namespace is fixed)."""
    return os.environ.get("KG_BASE", ingest.DEFAULT_BASE)
