"""Imported records -> one YAML source file, the same bytes for the same input, written atomically.

The records are dataclasses whose fields are named and ordered as the source format's
(docs/source-format.md); a field left at None (or an empty list) is not written. The file starts
with a comment saying which `kg import` command generated it. It is written beside its target and
renamed over it, so a failure at any point leaves an earlier file whole.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from typing import Any

import yaml

# ------------------------------------------------------------------ records (the source format)


@dataclass
class Cite:
    source: str
    locator: str | None = None
    url: str | None = None


@dataclass
class Source:
    key: str
    title: str
    publisher: str
    url: str
    authority: str
    retrieved: dt.date
    issued: dt.date | None = None
    note: str | None = None


@dataclass(kw_only=True)
class Stage:
    """One stage of a bill (the source format's bill stage record)."""

    id: int | None = None
    stage: str
    description: str | None = None
    house: str | None = None
    date: dt.date
    cite: list[Cite] = field(default_factory=list)


@dataclass
class Passage:
    """A bill's passage through Parliament (the `passage` record of a bill instrument)."""

    parliament_id: int
    sessions: list[str] = field(default_factory=list)
    originating_house: str | None = None
    current_stage: str | None = None
    lapsed: dt.date | None = None
    carried_over: bool | None = None
    withdrawn: dt.date | None = None
    defeated: bool | None = None
    department: str | None = None
    stages: list[Stage] = field(default_factory=list)


@dataclass
class Instrument:
    id: str
    kind: str
    title: str
    citation: str | None = None
    status: str | None = None
    url: str | None = None
    extent: str | None = None
    prospective: bool | None = None
    in_force_from: dt.date | None = None
    enactment_date: dt.date | None = None
    versions: list[dt.date] = field(default_factory=list)
    enacted_as: str | None = None
    passage: Passage | None = None
    cite: list[Cite] = field(default_factory=list)
    parts: list[Instrument] = field(default_factory=list)


@dataclass
class InForceDate:
    date: dt.date | None = None
    qualification: str | None = None
    prospective: bool | None = None


@dataclass
class Effect:
    id: str
    type: str
    affected: str
    affected_provisions: str | None = None
    affected_title: str | None = None
    affecting: str | None = None
    affecting_provisions: str | None = None
    affecting_title: str | None = None
    in_force_dates: list[InForceDate] = field(default_factory=list)
    commencement_authority: list[str] = field(default_factory=list)
    applied: bool | None = None
    requires_applied: bool | None = None
    note: str | None = None
    cite: list[Cite] = field(default_factory=list)


@dataclass
class ImportedFile:
    """A whole source file: what one `kg import` run writes."""

    description: str
    sources: list[Source] = field(default_factory=list)
    instruments: list[Instrument] = field(default_factory=list)
    effects: list[Effect] = field(default_factory=list)


# ------------------------------------------------------------------ rendering


def _plain(value: Any) -> Any:
    """Dataclasses -> dicts in field order, leaving out None and empty lists."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        out = {}
        for spec in dataclasses.fields(value):
            item = getattr(value, spec.name)
            if item is None or (isinstance(item, list) and not item):
                continue
            out[spec.name] = _plain(item)
        return out
    if isinstance(value, list):
        return [_plain(item) for item in value]
    return value


class _Dumper(yaml.SafeDumper):
    """Block style, lists indented under their key as the curated files are."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        return True  # the same date twice is written twice, never as &anchor / *alias


def render(document: ImportedFile, header: list[str]) -> str:
    """The file's text: the header as comment lines, then the records as YAML."""
    body = yaml.dump(
        _plain(document),
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=100,
    )
    comments = "".join(f"# {line}".rstrip() + "\n" for line in header)
    return comments + body
