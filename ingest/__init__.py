"""Curated source files (YAML, one per document) -> RDF. See docs/source-format.md."""

from .errors import SourceError, SourceErrors
from .iris import DEFAULT_BASE, Minter
from .loader import check_sources, load_sources, source_files

__all__ = [
    "DEFAULT_BASE",
    "Minter",
    "SourceError",
    "SourceErrors",
    "check_sources",
    "load_sources",
    "source_files",
]
