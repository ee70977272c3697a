"""The source-file format, declared as data, and the checks that enforce it.

Each kind below knows how to check one YAML value and say, in plain words, what it expected.
`FILE` is the whole format; docs/source-format.md documents it for curators (a test keeps the
two in step). Checks here are per file; references between files are resolved in `index`.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from ontology.vocabulary import (
    AUTHORITY,
    BILL_STAGE,
    HOUSE,
    INSTRUMENT_KIND,
    RELATION,
    ROLE,
    STANCE,
    STATUS,
)

from .errors import SourceError
from .yamlnodes import Located, LocatedList

KEY_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")
RECOMMENDATION_REF = re.compile(r"^[a-z0-9][a-z0-9-]*/[1-9][0-9]*$")
FINDING_REF = re.compile(r"^[a-z0-9][a-z0-9-]*/[a-z0-9][a-z0-9-]*$")
LEGISLATION_IRI = re.compile(
    r"^http://www\.legislation\.gov\.uk/id/"
    r"(ukpga|uksi|ukla|ukcm|asp|ssi|anaw|asc|mwa|wsi|nia|nisr|nisi|apni)/[A-Za-z0-9]+/[A-Za-z0-9/-]+$"
)
EFFECT_IRI = re.compile(r"^http://www\.legislation\.gov\.uk/id/effect/[A-Za-z0-9._-]+$")


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"true/false ({value})"
    if isinstance(value, dict):
        return "a record"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dt.date):
        return f"a date ({value.isoformat()})"
    if isinstance(value, int | float):
        return f"a number ({value})"
    text = str(value)
    return f"text {text[:40]!r}" + ("..." if len(text) > 40 else "")


@dataclass
class Context:
    """Where a value sits, for error messages."""

    file: Path
    errors: list[SourceError]

    def fail(self, line: int, where: str, message: str) -> None:
        self.errors.append(SourceError(self.file, line, where, message))


class Kind:
    """A type of value in a source file. `check` returns the cleaned value or None on error."""

    expected = "a value"

    def check(self, value: Any, ctx: Context, line: int, where: str) -> Any:  # pragma: no cover
        raise NotImplementedError


class Text(Kind):
    expected = "text"

    def check(self, value, ctx, line, where):
        if isinstance(value, str) and value.strip():
            return " ".join(value.split()) if "\n" in value else value.strip()
        ctx.fail(line, where, f"expected {self.expected}, got {_describe(value)}")
        return None


class Matching(Text):
    """Text that must match one of `patterns` (keys, references, identifier IRIs)."""

    patterns: tuple[re.Pattern, ...] = ()

    def check(self, value, ctx, line, where):
        if isinstance(value, str) and any(p.match(value) for p in self.patterns):
            return value
        ctx.fail(line, where, f"expected {self.expected}, got {_describe(value)}")
        return None


@dataclass
class Key(Matching):
    """A short key: lower-case letters, digits and hyphens (used in IRIs)."""

    refers_to: str = ""
    expected = "a key (lower-case letters, digits and hyphens, e.g. 'home-office')"
    patterns = (KEY_PATTERN,)


class RecommendationRef(Matching):
    expected = "a recommendation reference 'REPORT-KEY/NUMBER' (e.g. 'casey-2025/1')"
    patterns = (RECOMMENDATION_REF,)


class FindingRef(Matching):
    """A finding of any report: its report's key and its own key (unique within the report)."""

    expected = (
        "a finding reference 'REPORT-KEY/FINDING-KEY' (e.g. 'jay-2014/ethnic-dimension-downplayed')"
    )
    patterns = (FINDING_REF,)


class InstrumentId(Matching):
    expected = (
        "a legislation.gov.uk identifier IRI (http://www.legislation.gov.uk/id/...) "
        "or, for bills, clauses and guidance, a key"
    )
    patterns = (LEGISLATION_IRI, KEY_PATTERN)


class LegislationIri(Matching):
    """A legislation.gov.uk identifier IRI, declared in the corpus or not (an effect's ends)."""

    expected = "a legislation.gov.uk identifier IRI (http://www.legislation.gov.uk/id/...)"
    patterns = (LEGISLATION_IRI,)


class EffectId(Matching):
    expected = (
        "a legislation.gov.uk effect IRI (http://www.legislation.gov.uk/id/effect/...) "
        "or, for an effect with no such id, a key"
    )
    patterns = (EFFECT_IRI, KEY_PATTERN)


class Boolean(Kind):
    expected = "true or false"

    def check(self, value, ctx, line, where):
        if isinstance(value, bool):
            return value
        ctx.fail(line, where, f"expected {self.expected}, got {_describe(value)}")
        return None


class Url(Text):
    expected = "a web address starting with http:// or https://"

    def check(self, value, ctx, line, where):
        if isinstance(value, str) and re.match(r"^https?://\S+$", value.strip()):
            return value.strip()
        ctx.fail(line, where, f"expected {self.expected}, got {_describe(value)}")
        return None


@dataclass
class Integer(Kind):
    minimum: int | None = None
    expected = "a whole number"

    def check(self, value, ctx, line, where):
        if isinstance(value, int) and not isinstance(value, bool):
            if self.minimum is not None and value < self.minimum:
                ctx.fail(
                    line, where, f"expected a whole number of at least {self.minimum}, got {value}"
                )
                return None
            return value
        ctx.fail(line, where, f"expected {self.expected}, got {_describe(value)}")
        return None


class Number(Kind):
    expected = "a number"

    def check(self, value, ctx, line, where):
        if isinstance(value, int | float) and not isinstance(value, bool):
            try:
                return Decimal(str(value))
            except InvalidOperation:  # pragma: no cover - yaml floats are finite or inf/nan
                pass
        ctx.fail(line, where, f"expected {self.expected}, got {_describe(value)}")
        return None


class Date(Kind):
    expected = "a date written YYYY-MM-DD"

    def check(self, value, ctx, line, where):
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value.strip())
            except ValueError:
                pass
        ctx.fail(line, where, f"expected {self.expected}, got {_describe(value)}")
        return None


@dataclass
class Choice(Kind):
    values: tuple[str, ...]

    @property
    def expected(self) -> str:  # type: ignore[override]
        return "one of " + ", ".join(self.values)

    def check(self, value, ctx, line, where):
        if isinstance(value, str) and value in self.values:
            return value
        ctx.fail(line, where, f"expected {self.expected}, got {_describe(value)}")
        return None


@dataclass
class ListOf(Kind):
    item: Kind
    min_items: int = 0

    @property
    def expected(self) -> str:  # type: ignore[override]
        if isinstance(self.item, Record):
            return f"a list of {self.item.name} records"
        return f"a list of {self.item.expected}"

    def check(self, value, ctx, line, where):
        if not isinstance(value, LocatedList):
            ctx.fail(line, where, f"expected {self.expected}, got {_describe(value)}")
            return None
        if len(value) < self.min_items:
            ctx.fail(line, where, f"expected at least {self.min_items} item(s), got {len(value)}")
        cleaned = LocatedList(
            self.item.check(item, ctx, item_line, f"{where}[{index}]")
            for index, (item, item_line) in enumerate(zip(value, value.lines, strict=True))
        )
        cleaned.line, cleaned.lines = value.line, value.lines
        return cleaned


@dataclass
class Field:
    name: str
    kind: Kind
    required: bool = False
    doc: str = ""


@dataclass
class Record(Kind):
    name: str
    fields: list[Field] = field(default_factory=list)
    # Also accept a bare value of this kind, standing for {shorthand_field: value}.
    shorthand_field: str | None = None

    @property
    def expected(self) -> str:  # type: ignore[override]
        return f"a {self.name} record"

    def field_named(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def check(self, value, ctx, line, where):
        if self.shorthand_field and not isinstance(value, dict):
            short = self.field_named(self.shorthand_field)
            cleaned_value = short.kind.check(value, ctx, line, where)
            record = Located({self.shorthand_field: cleaned_value})
            record.line, record.lines = line, {self.shorthand_field: line}
            return record
        if not isinstance(value, Located):
            ctx.fail(line, where, f"expected {self.expected}, got {_describe(value)}")
            return None
        known = {f.name for f in self.fields}
        for name in value:
            if name not in known:
                ctx.fail(
                    value.line_of(name),
                    f"{where}.{name}" if where else name,
                    f"unknown field in a {self.name} record; allowed: " + ", ".join(sorted(known)),
                )
        cleaned = Located()
        cleaned.line, cleaned.lines = value.line, dict(value.lines)
        for spec in self.fields:
            path = f"{where}.{spec.name}" if where else spec.name
            if spec.name not in value or value[spec.name] is None:
                if spec.required:
                    ctx.fail(
                        value.line,
                        path,
                        f"missing required field '{spec.name}' ({spec.kind.expected}) "
                        f"in this {self.name} record",
                    )
                continue
            checked = spec.kind.check(value[spec.name], ctx, value.line_of(spec.name), path)
            if checked is not None:
                cleaned[spec.name] = checked
        return cleaned


# ------------------------------------------------------------------ the format

# The controlled values' spellings in source files, from their one home (ontology.vocabulary).
AUTHORITIES = AUTHORITY.tokens
ROLES = ROLE.tokens
RELATIONS = RELATION.tokens
STANCES = STANCE.tokens
STATUSES = STATUS.tokens
INSTRUMENT_KINDS = INSTRUMENT_KIND.tokens

CITATION = Record(
    "citation",
    [
        Field("source", Key(refers_to="source"), True, "key of a source in some `sources:` list"),
        Field("locator", Text(), doc="where in the source: chapter, section, paragraph, page"),
        Field("url", Url(), doc="a deep link, when it differs from the source's URL"),
    ],
    shorthand_field="source",
)


def _cited(*fields: Field, cite_required: bool = True) -> list[Field]:
    """Fields of a record that carries its own evidence."""
    return [
        *fields,
        Field(
            "cite",
            ListOf(CITATION, min_items=1),
            cite_required,
            "the evidence: a list of citations"
            + ("" if cite_required else " (default: the parent record's)"),
        ),
        Field(
            "unconfirmed",
            Text(),
            doc="why no primary source confirms this; marks the fact unconfirmed",
        ),
    ]


def _link(name: str, target: Kind) -> Record:
    """A link to another entity, written as its key or as a record with its own citations."""
    return Record(
        name,
        _cited(Field("ref", target, True, "what the link points at"), cite_required=False),
        shorthand_field="ref",
    )


SOURCE = Record(
    "source",
    [
        Field("key", Key(), True, "unique among all sources"),
        Field("title", Text(), True),
        Field("publisher", Text()),
        Field("issued", Date(), doc="publication date"),
        Field("url", Url()),
        Field(
            "authority",
            Choice(AUTHORITIES),
            True,
            "primary: the report, gov.uk, legislation.gov.uk, Hansard; secondary: everything else",
        ),
        Field("note", Text(), doc="anything a reader of the citation should know"),
        Field("retrieved", Date(), doc="the day an imported document was fetched"),
    ],
)

THEME = Record(
    "theme",
    _cited(
        Field("key", Key(), True),
        Field("name", Text(), True),
        Field("definition", Text()),
    ),
)

BODY = Record(
    "body",
    _cited(
        Field("key", Key(), True, "unique among all bodies"),
        Field("name", Text(), True, "official name"),
        Field("abbreviation", Text()),
        Field("kind", Text(), True, "e.g. ministerial department, police force, inspectorate"),
        Field("parent", Key(refers_to="body"), doc="key of the body it belongs to or answers to"),
        Field("url", Url()),
    ),
)

BILL_STAGE_RECORD = Record(
    "bill stage",
    _cited(
        Field("id", Integer(minimum=1), doc="Parliament's id of the stage (Bills API stageId)"),
        Field("stage", Choice(BILL_STAGE.tokens), True),
        Field("description", Text(), doc="the stage in Parliament's words: '1st reading'"),
        Field("house", Choice(HOUSE.tokens)),
        Field("date", Date(), True, "the stage's first sitting"),
        cite_required=False,
    ),
)

PASSAGE = Record(
    "passage",
    [
        Field("parliament_id", Integer(minimum=1), doc="the Bills API's billId"),
        Field("sessions", ListOf(Text()), doc="the sessions it was before Parliament in"),
        Field("originating_house", Choice(HOUSE.tokens)),
        Field("current_stage", Text(), doc="the Bills API's current stage, in its words"),
        Field("lapsed", Date(), doc="the session end at which it fell, not carried over"),
        Field("carried_over", Boolean()),
        Field("withdrawn", Date()),
        Field("defeated", Boolean()),
        Field("department", Text(), doc="the sponsoring department"),
        Field("stages", ListOf(BILL_STAGE_RECORD)),
    ],
)

INSTRUMENT = Record(
    "instrument",
    _cited(
        Field(
            "id",
            InstrumentId(),
            True,
            "legislation.gov.uk identifier IRI for Acts, their provisions and SIs; a key otherwise",
        ),
        Field("kind", Choice(INSTRUMENT_KINDS), True),
        Field("title", Text(), True),
        Field("citation", Text(), doc="as lawyers cite it: '2003 c. 42', 's. 9'"),
        Field("status", Text(), doc="legal status in words: in force, awaiting Royal Assent ..."),
        Field("url", Url()),
        Field("part_of", InstrumentId(), doc="id of the instrument this is part of"),
        Field(
            "enacted_as",
            InstrumentId(),
            doc="for a bill: id of the Act it became; for a clause: of the section",
        ),
        Field("extent", Text(), doc="where it extends: 'E+W'"),
        Field("prospective", Boolean(), doc="the cited version marks it prospective"),
        Field("in_force_from", Date(), doc="the cited version applies from (RestrictStartDate)"),
        Field("enactment_date", Date(), doc="an Act's Royal Assent; an SI's made date"),
        Field("versions", ListOf(Date()), doc="dates of the versions legislation.gov.uk holds"),
        Field("tabled", Date(), doc="for a clause: the day it was tabled or added"),
        Field("passage", PASSAGE, doc="for a bill: its passage through Parliament"),
    ),
)
# Sections nest under their Act, clauses under their bill.
INSTRUMENT.fields.insert(
    -2, Field("parts", ListOf(INSTRUMENT), doc="instruments that are part of this one")
)

FIGURE = Record(
    "figure",
    [
        Field("value", Number(), True),
        Field("unit", Text(), True, "e.g. percent, offences, children"),
        Field("description", Text(), True, "what the number counts, and when"),
    ],
)

FINDING = Record(
    "finding",
    _cited(
        Field("key", Key(), True, "unique within the report"),
        Field("title", Text(), True, "a short label"),
        Field("summary", Text(), True, "the finding in our own words"),
        Field("figures", ListOf(FIGURE)),
        Field("implicates", ListOf(_link("implicated body", Key(refers_to="body")))),
        Field("themes", ListOf(_link("theme link", Key(refers_to="theme")))),
        Field(
            "echoes",
            ListOf(_link("echoed finding", FindingRef())),
            doc="findings of earlier reports that found the same failure",
        ),
    ),
)

RESPONSIBILITY = Record(
    "responsibility",
    _cited(
        Field("body", Key(refers_to="body"), True),
        Field("role", Choice(ROLES), True),
        cite_required=False,
    ),
)

INSTRUMENT_LINK = Record(
    "instrument link",
    _cited(
        Field("instrument", InstrumentId(), True),
        Field("relation", Choice(RELATIONS), True),
        Field("note", Text()),
        cite_required=False,
    ),
)

NO_INSTRUMENT = Record(
    "no-instrument statement",
    _cited(
        Field("reason", Text(), True, "why no legal instrument carries the recommendation"),
        cite_required=False,
    ),
)

RECOMMENDATION = Record(
    "recommendation",
    _cited(
        Field("number", Integer(minimum=1), True, "as numbered in the report"),
        Field("title", Text(), True, "a short label"),
        Field("summary", Text(), True, "the recommendation in our own words"),
        Field("addresses", ListOf(_link("addressed finding", Key(refers_to="finding")))),
        Field("responsibilities", ListOf(RESPONSIBILITY)),
        Field("instruments", ListOf(INSTRUMENT_LINK)),
        Field(
            "no_instrument",
            NO_INSTRUMENT,
            doc="an explicit, cited statement that no legal instrument carries it",
        ),
        Field(
            "echoes",
            ListOf(_link("echoed recommendation", RecommendationRef())),
            doc="earlier recommendations this one repeats",
        ),
        Field("themes", ListOf(_link("theme link", Key(refers_to="theme")))),
    ),
)

REPORT = Record(
    "report",
    _cited(
        Field("key", Key(), True, "unique among reports, e.g. casey-2025"),
        Field("document", Key(refers_to="source"), True, "key of the source that is this report"),
        Field("title", Text(), True),
        Field("author", Text()),
        Field("publisher", Text()),
        Field("issued", Date(), True),
        Field("url", Url()),
        Field("scope", Text()),
        Field("method", Text()),
        Field("findings", ListOf(FINDING)),
        Field("recommendations", ListOf(RECOMMENDATION)),
    ),
)

RESPONSE = Record(
    "response",
    _cited(
        Field("recommendation", RecommendationRef(), True),
        Field("stance", Choice(STANCES), True),
        Field("summary", Text(), True, "what the government said and committed to, in our words"),
        Field("issued", Date()),
    ),
)

STATUS_EVENT = Record(
    "status event",
    _cited(
        Field("recommendation", RecommendationRef(), True),
        Field("status", Choice(STATUSES), True),
        Field("date", Date(), True),
        Field("note", Text(), doc="what happened"),
    ),
)

NO_BILL = Record(
    "no-bill statement",
    _cited(
        Field("date", Date(), True, "the day the source says no bill carries the change"),
        Field("note", Text(), doc="what was said"),
        cite_required=False,
    ),
)

PROPOSAL = Record(
    "proposal",
    _cited(
        Field("key", Key(), True, "unique among proposals"),
        Field("title", Text(), True),
        Field("summary", Text(), True, "what would change, in our own words"),
        Field("proposed_by", RecommendationRef(), True, "the recommendation that asks for it"),
        Field("changes", ListOf(INSTRUMENT_LINK), doc="the instruments it would amend or create"),
        Field("responsibilities", ListOf(RESPONSIBILITY)),
        Field("safeguards", Text(), doc="protections it must include"),
        Field("status", Text(), doc="where it stands, in words"),
        Field("no_bill_statement", NO_BILL, doc="a cited statement that no bill carries it"),
    ),
)

IN_FORCE_DATE = Record(
    "in-force date",
    [
        Field("date", Date(), doc="the day it comes into force; none when prospective"),
        Field("qualification", Text(), doc="'wholly in force', 'for specified purposes' ..."),
        Field("prospective", Boolean(), doc="to come into force on a day not yet appointed"),
    ],
)

EFFECT = Record(
    "effect",
    _cited(
        Field("id", EffectId(), True, "legislation.gov.uk effect IRI, or a key"),
        Field("type", Text(), True, "legislation.gov.uk's words: 'coming into force', 'inserted'"),
        Field("affected", LegislationIri(), True, "the item or provision changed"),
        Field("affected_provisions", Text()),
        Field("affected_title", Text()),
        Field("affecting", LegislationIri(), doc="the item or provision making the change"),
        Field("affecting_provisions", Text()),
        Field("affecting_title", Text()),
        Field("in_force_dates", ListOf(IN_FORCE_DATE)),
        Field("commencement_authority", ListOf(Text()), doc="the provisions it is made under"),
        Field("applied", Boolean(), doc="applied to the revised text"),
        Field("requires_applied", Boolean(), doc="must be applied to the revised text"),
        Field("note", Text()),
    ),
)

TARGET_MET = Record(
    "met",
    _cited(
        Field("date", Date(), True, "the day the target was met"),
        Field("note", Text(), doc="how it was met"),
        cite_required=False,
    ),
    # `met: 2026-03-20` stands for {date: 2026-03-20}, sharing the target's citations.
    shorthand_field="date",
)

TARGET = Record(
    "target",
    _cited(
        Field("key", Key(), True, "unique among targets"),
        Field("recommendation", RecommendationRef(), True, "the recommendation it serves"),
        Field("commitment", Text(), True, "what is to be done by the due date, in our words"),
        Field("due", Date(), True, "the date a source states, or the one it implies (see note)"),
        Field("revises", Key(refers_to="target"), doc="key of the earlier target it replaces"),
        Field("met", TARGET_MET, doc="the date it was met, with its own `cite` if need be"),
        Field("note", Text(), doc="how the due date was derived, and anything else to know"),
    ),
)

CONTENT_SECTIONS = (
    "sources",
    "themes",
    "bodies",
    "instruments",
    "report",
    "responses",
    "status_events",
    "proposals",
    "targets",
    "effects",
)

FILE = Record(
    "source file",
    [
        Field("description", Text(), doc="what this file holds"),
        Field("sources", ListOf(SOURCE)),
        Field("themes", ListOf(THEME)),
        Field("bodies", ListOf(BODY)),
        Field("instruments", ListOf(INSTRUMENT)),
        Field("report", REPORT),
        Field("responses", ListOf(RESPONSE)),
        Field("status_events", ListOf(STATUS_EVENT)),
        Field("proposals", ListOf(PROPOSAL)),
        Field("targets", ListOf(TARGET)),
        Field("effects", ListOf(EFFECT)),
    ],
)


def check_file(document: Any, path: Path) -> tuple[Located | None, list[SourceError]]:
    """Check one parsed file against the format; return the cleaned record and the errors."""
    ctx = Context(path, [])
    if not isinstance(document, Located):
        ctx.fail(
            1,
            "",
            f"expected a record with sections {', '.join(CONTENT_SECTIONS)}, "
            f"got {_describe(document)}",
        )
        return None, ctx.errors
    cleaned = FILE.check(document, ctx, document.line, "")
    if not any(section in document for section in CONTENT_SECTIONS):
        ctx.fail(
            document.line, "", "the file has none of the sections " + ", ".join(CONTENT_SECTIONS)
        )
    return cleaned, ctx.errors
