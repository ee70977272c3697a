"""Errors in curated source files: each names the file, the line and the field."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class SourceError:
    """One problem in a source file, located precisely enough to fix without searching."""

    file: Path
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else str(self.file)
        field = f" {self.field}:" if self.field else ""
        return f"{where}:{field} {self.message}"


class SourceErrors(Exception):
    """Raised when one or more source files are invalid; carries every error found."""

    def __init__(self, errors: list[SourceError]):
        self.errors = sorted(errors)
        super().__init__("\n".join(str(e) for e in self.errors))
