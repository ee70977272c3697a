"""legislation.gov.uk's own data -> records: an item's structure, versions and effects.

Two documents are read, both described in legislation.gov.uk's developer documentation
(github.com/legislation/data-documentation, formats/xml.md and formats/atom.md) and the CLML
schema (github.com/legislation/clml-schema):

- the item's CLML XML (`/{type}/{year}/{number}/data.xml`): `ukm:Metadata` (dc:title,
  dct:valid, the `hasVersion` links, ukm:EnactmentDate or ukm:Made, ukm:UnappliedEffects) and
  the body, whose Parts, Chapters, cross-headings (Pblock), sections (P1 in a P1group) and
  schedules with their paragraphs each carry an `IdURI`, and may carry `RestrictExtent`,
  `RestrictStartDate` and `Status="Prospective"`;
- the Atom feeds of changes (`/changes/affected/...` and `/changes/affecting/.../data.feed`), one
  `ukm:Effect` per entry, with the same attributes and children as an `ukm:UnappliedEffect`.

Elements are matched by namespace and local name, so a default namespace and a prefixed one
read the same. What a division is comes from its `IdURI` (`.../part/1/chapter/2`,
`.../section/66B`, `.../schedule/2/paragraph/3`), which is also where its citation comes from.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache

from ontology.vocabulary import INSTRUMENT_KIND, Concept

from ..schema import EFFECT_IRI, KEY_PATTERN, LEGISLATION_IRI
from .writer import Cite, Effect, InForceDate, Instrument

__all__ = [
    "ID_BASE",
    "Clml",
    "EffectsFeed",
    "LegislationError",
    "LegislationId",
    "id_iri",
    "merge_effects",
    "parse_clml",
    "parse_effect",
    "parse_effects_feed",
]

ID_BASE = "http://www.legislation.gov.uk/id/"
EFFECT_BASE = "http://www.legislation.gov.uk/id/effect/"

# Elements by Clark name ({namespace}local name): the namespace is what identifies them, and a
# bare local name (Part, Schedule ...) would read as one of our controlled values.
METADATA = "{http://www.legislation.gov.uk/namespaces/metadata}Metadata"
PRIMARY_METADATA = "{http://www.legislation.gov.uk/namespaces/metadata}PrimaryMetadata"
SECONDARY_METADATA = "{http://www.legislation.gov.uk/namespaces/metadata}SecondaryMetadata"
YEAR = "{http://www.legislation.gov.uk/namespaces/metadata}Year"
NUMBER = "{http://www.legislation.gov.uk/namespaces/metadata}Number"
ENACTMENT_DATE = "{http://www.legislation.gov.uk/namespaces/metadata}EnactmentDate"
MADE = "{http://www.legislation.gov.uk/namespaces/metadata}Made"
DOCUMENT_STATUS = "{http://www.legislation.gov.uk/namespaces/metadata}DocumentStatus"
UNAPPLIED_EFFECT = "{http://www.legislation.gov.uk/namespaces/metadata}UnappliedEffect"
EFFECT = "{http://www.legislation.gov.uk/namespaces/metadata}Effect"
AFFECTED_TITLE = "{http://www.legislation.gov.uk/namespaces/metadata}AffectedTitle"
AFFECTING_TITLE = "{http://www.legislation.gov.uk/namespaces/metadata}AffectingTitle"
AFFECTED_PROVISIONS = "{http://www.legislation.gov.uk/namespaces/metadata}AffectedProvisions"
AFFECTING_PROVISIONS = "{http://www.legislation.gov.uk/namespaces/metadata}AffectingProvisions"
COMMENCEMENT_AUTHORITY = "{http://www.legislation.gov.uk/namespaces/metadata}CommencementAuthority"
IN_FORCE_DATES = "{http://www.legislation.gov.uk/namespaces/metadata}InForceDates"
IN_FORCE = "{http://www.legislation.gov.uk/namespaces/metadata}InForce"
TITLE_DC = "{http://purl.org/dc/elements/1.1/}title"
MODIFIED_DC = "{http://purl.org/dc/elements/1.1/}modified"
VALID_DCT = "{http://purl.org/dc/terms/}valid"
LINK_ATOM = "{http://www.w3.org/2005/Atom}link"
ENTRY_ATOM = "{http://www.w3.org/2005/Atom}entry"
CONTENT_ATOM = "{http://www.w3.org/2005/Atom}content"
UPDATED_ATOM = "{http://www.w3.org/2005/Atom}updated"
FEED_ATOM = "{http://www.w3.org/2005/Atom}feed"
TITLE = "{http://www.legislation.gov.uk/namespaces/legislation}Title"
TITLE_BLOCK = "{http://www.legislation.gov.uk/namespaces/legislation}TitleBlock"
P1GROUP = "{http://www.legislation.gov.uk/namespaces/legislation}P1group"
LEGISLATION = "{http://www.legislation.gov.uk/namespaces/legislation}Legislation"
COMMENTARIES = "{http://www.legislation.gov.uk/namespaces/legislation}Commentaries"
BLOCK_AMENDMENT = "{http://www.legislation.gov.uk/namespaces/legislation}BlockAmendment"
CONTENTS = "{http://www.legislation.gov.uk/namespaces/legislation}Contents"
HAS_VERSION = "http://purl.org/dc/terms/hasVersion"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_ID = re.compile(
    r"^(?P<type>[a-z]+)/(?P<year>[A-Za-z0-9]+(?:/[0-9-]+)?)/(?P<number>[0-9]+)"
    r"(?P<rest>(?:/[A-Za-z0-9-]+)*)$"
)
_VERSION_SUFFIX = re.compile(r"/(enacted|made|created|adopted|prospective|\d{4}-\d{2}-\d{2})$")
_LEGISLATION_URI = re.compile(r"^https?://www\.legislation\.gov\.uk/(?:id/)?(?P<path>[^?#]+)")

# The long type names of ukm:DocumentMainType / the effects' *Class attributes -> URI types.
CLASS_TYPES = {
    "UnitedKingdomPublicGeneralAct": "ukpga",
    "UnitedKingdomLocalAct": "ukla",
    "UnitedKingdomStatutoryInstrument": "uksi",
    "ScottishAct": "asp",
    "ScottishStatutoryInstrument": "ssi",
    "WelshParliamentAct": "asc",
    "WelshNationalAssemblyAct": "anaw",
    "WelshAssemblyMeasure": "mwa",
    "WelshStatutoryInstrument": "wsi",
    "NorthernIrelandAct": "nia",
    "NorthernIrelandStatutoryRule": "nisr",
    "NorthernIrelandOrderInCouncil": "nisi",
    "UnitedKingdomChurchMeasure": "ukcm",
}

# How lawyers cite an item, by URI type ({y} year, {n} number).
ITEM_CITATIONS = {
    "ukpga": "{y} c. {n}",
    "ukla": "{y} c. {n}",
    "uksi": "S.I. {y}/{n}",
    "asp": "{y} asp {n}",
    "ssi": "S.S.I. {y}/{n}",
    "anaw": "{y} anaw {n}",
    "asc": "{y} asc {n}",
    "nia": "{y} c. {n} (N.I.)",
    "nisr": "S.R. {y}/{n}",
}


class LegislationError(Exception):
    """A document that parses as XML but is not what was asked for; str() is one line."""


@dataclass(frozen=True)
class LegislationId:
    """`ukpga/2026/21`, or one provision of it: `ukpga/2026/21/section/4`."""

    type: str
    year: str
    number: str
    fragment: str = ""  # "section/4", or "" for the whole item

    @classmethod
    def parse(cls, text: str) -> LegislationId:
        text = text.strip().strip("/")
        text = _LEGISLATION_URI.sub(lambda m: m.group("path"), text).strip("/")
        match = _ID.match(text)
        if not match:
            raise ValueError(
                f"not a legislation id: {text!r} (expected TYPE/YEAR/NUMBER[/PROVISION], "
                "e.g. ukpga/2003/42 or ukpga/2003/42/section/9)"
            )
        return cls(match["type"], match["year"], match["number"], match["rest"].strip("/"))

    @property
    def item(self) -> str:
        return f"{self.type}/{self.year}/{self.number}"

    @property
    def path(self) -> str:
        return f"{self.item}/{self.fragment}" if self.fragment else self.item

    @property
    def item_iri(self) -> str:
        return ID_BASE + self.item

    @property
    def slug(self) -> str:
        """The item as a key: `ukpga-2026-21` (file names and source keys)."""
        return re.sub(r"[^a-z0-9]+", "-", self.item.lower()).strip("-")

    @property
    def fragment_slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "-", self.fragment.lower()).strip("-")


# ------------------------------------------------------------------ helpers


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _is(element: ET.Element, clark: str) -> bool:
    """True when `element` is `clark`, or the same local name in no namespace."""
    tag = element.tag
    if not isinstance(tag, str):
        return False
    return tag == clark or (not tag.startswith("{") and tag == _local(clark))


def _children(element: ET.Element, clark: str) -> Iterator[ET.Element]:
    return (child for child in element if _is(child, clark))


def _child(element: ET.Element | None, clark: str) -> ET.Element | None:
    if element is None:
        return None
    return next(_children(element, clark), None)


def _descendants(element: ET.Element, clark: str) -> Iterator[ET.Element]:
    return (node for node in element.iter() if _is(node, clark))


def _text(element: ET.Element | None) -> str | None:
    if element is None:
        return None
    text = " ".join("".join(element.itertext()).split())
    return text or None


def _date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError:
        return None


def _true(value: str | None) -> bool | None:
    return None if value is None else value.strip().lower() == "true"


def id_iri(uri: str | None) -> str | None:
    """A legislation.gov.uk URI as its /id/ identifier (document URIs lose their version)."""
    if not uri:
        return None
    match = _LEGISLATION_URI.match(uri.strip())
    if not match:
        return None
    path = match.group("path").strip("/")
    path = re.sub(r"/data\.[a-z]+$", "", path)
    path = _VERSION_SUFFIX.sub("", path)
    iri = ID_BASE + path
    return iri if LEGISLATION_IRI.match(iri) else None


@cache
def _segment_kinds() -> dict[str, Concept]:
    """IdURI segment name -> instrument kind. legislation.gov.uk names its divisions in URIs
    as our kinds' tokens, except the cross-heading ("crossheading")."""
    kinds = INSTRUMENT_KIND
    named = {
        kind.token: kind
        for kind in (kinds.PART, kinds.CHAPTER, kinds.SECTION, kinds.SCHEDULE, kinds.PARAGRAPH)
    }
    named["crossheading"] = kinds.CROSS_HEADING
    return named


@cache
def _abbreviations() -> dict[str, str]:
    kinds = INSTRUMENT_KIND
    return {
        kinds.PART.token: "Pt.",
        kinds.CHAPTER.token: "Ch.",
        kinds.SECTION.token: "s.",
        kinds.SCHEDULE.token: "Sch.",
        kinds.PARAGRAPH.token: "para.",
    }


def _division(item_iri: str, uri: str | None) -> tuple[Concept, str | None] | None:
    """(kind, citation) of a division of the item from its IdURI, or None if it is not one
    (the item itself, its body, a subsection, another item's provision)."""
    if not uri or not uri.startswith(item_iri + "/") or not LEGISLATION_IRI.match(uri):
        return None
    segments = uri[len(item_iri) + 1 :].split("/")
    kinds = _segment_kinds()
    # A schedule's number may be left out when an item has only one ("/schedule").
    if segments[-1] in kinds and kinds[segments[-1]] is INSTRUMENT_KIND.SCHEDULE:
        segments.append("")
    if len(segments) % 2:
        return None
    pairs = list(zip(segments[::2], segments[1::2], strict=True))
    if any(name not in kinds for name, _ in pairs):
        return None
    kind = kinds[pairs[-1][0]]
    words = [
        f"{_abbreviations()[name]} {number}".strip()
        for name, number in pairs
        if name in _abbreviations()
    ]
    if kind is INSTRUMENT_KIND.SECTION:
        words = words[-1:]  # a section is cited on its own, whatever Part it sits in
    elif kind is INSTRUMENT_KIND.CROSS_HEADING:
        words = []
    return kind, " ".join(words) or None


# ------------------------------------------------------------------ CLML data.xml


@dataclass
class Clml:
    """What one CLML document says."""

    title: str
    act: Instrument
    effects: list[Effect]
    valid: dt.date | None  # dct:valid: the date of the version held
    modified: dt.date | None  # dc:modified
    status: str | None  # ukm:DocumentStatus: revised, final ...
    self_url: str | None  # the document's own data.xml address, from its atom:link rel=self
    skipped: list[str] = field(default_factory=list)  # effects left out, and why


@dataclass
class _Inherited:
    """Attributes and heading a P1 takes from the P1group around it."""

    title: str | None = None
    extent: str | None = None
    start: str | None = None
    status: str | None = None


class _Walker:
    def __init__(self, item_iri: str, source: str):
        self.item_iri = item_iri
        self.source = source
        self.seen: set[str] = set()

    def walk(self, element: ET.Element, into: list[Instrument], inherited: _Inherited) -> None:
        for child in element:
            if not isinstance(child.tag, str) or any(
                _is(child, skip) for skip in (METADATA, COMMENTARIES, BLOCK_AMENDMENT, CONTENTS)
            ):
                continue
            if _is(child, P1GROUP):
                group = _Inherited(
                    _text(_child(child, TITLE)),
                    child.get("RestrictExtent"),
                    child.get("RestrictStartDate"),
                    child.get("Status"),
                )
                self.walk(child, into, group)
                continue
            division = _division(self.item_iri, child.get("IdURI"))
            if division is None or child.get("IdURI") in self.seen:
                self.walk(child, into, _Inherited())
                continue
            kind, citation = division
            node = self.instrument(child, kind, citation, inherited)
            self.seen.add(node.id)
            into.append(node)
            if kind not in (INSTRUMENT_KIND.SECTION, INSTRUMENT_KIND.PARAGRAPH):
                self.walk(child, node.parts, _Inherited())

    def instrument(
        self, element: ET.Element, kind: Concept, citation: str | None, inherited: _Inherited
    ) -> Instrument:
        if kind is INSTRUMENT_KIND.SCHEDULE:
            title = _text(_child(_child(element, TITLE_BLOCK), TITLE))
        elif kind in (INSTRUMENT_KIND.SECTION, INSTRUMENT_KIND.PARAGRAPH):
            title = _text(_child(element, TITLE)) or inherited.title
        else:
            title = _text(_child(element, TITLE))
        status = element.get("Status") or inherited.status
        iri = element.get("IdURI", "")
        return Instrument(
            id=iri,
            kind=kind.token,
            title=title or citation or iri.rsplit("/", 1)[-1],
            citation=citation,
            extent=element.get("RestrictExtent") or inherited.extent,
            prospective=status == "Prospective",
            in_force_from=_date(element.get("RestrictStartDate") or inherited.start),
            cite=[Cite(self.source, element.get("id") or None, element.get("DocumentURI"))],
        )


def parse_clml(root: ET.Element, name: str, wanted: LegislationId, source: str) -> Clml:
    """The records of a CLML document (`root` from safexml.parse_xml; `name` for errors)."""
    if not _is(root, LEGISLATION):
        raise LegislationError(
            f"{name}: not a legislation.gov.uk CLML document "
            f"(its root is <{_local(str(root.tag))}>, not <Legislation>)"
        )
    metadata = _child(root, METADATA)
    if metadata is None:
        raise LegislationError(f"{name}: the CLML document has no ukm:Metadata")
    kind_metadata = _child(metadata, PRIMARY_METADATA)
    primary = kind_metadata is not None
    if kind_metadata is None:
        kind_metadata = _child(metadata, SECONDARY_METADATA)
    item_iri = wanted.item_iri
    document_item = id_iri(root.get("IdURI") or root.get("DocumentURI"))
    if document_item and not (document_item + "/").startswith(item_iri + "/"):
        raise LegislationError(f"{name}: this document is {document_item}, not {item_iri}")

    title = _text(_child(metadata, TITLE_DC)) or wanted.item
    versions = sorted(
        {
            day
            for link in _children(metadata, LINK_ATOM)
            if link.get("rel") == HAS_VERSION
            and (day := _date((link.get("title") or "").removesuffix(" repealed")))
            and _DATE.match((link.get("title") or "").removesuffix(" repealed"))
        }
    )
    enacted = None
    for clark in (ENACTMENT_DATE, MADE):
        dated = _child(kind_metadata, clark)
        if enacted is None and dated is not None:
            enacted = _date(dated.get("Date"))
    status_element = next(_descendants(metadata, DOCUMENT_STATUS), None)
    self_url = next(
        (link.get("href") for link in _children(metadata, LINK_ATOM) if link.get("rel") == "self"),
        None,
    )
    template = ITEM_CITATIONS.get(wanted.type)
    citation = template.format(y=wanted.year, n=wanted.number) if template else None
    kinds = INSTRUMENT_KIND
    act = Instrument(
        id=item_iri,
        kind=(kinds.ACT if primary else kinds.STATUTORY_INSTRUMENT).token,
        title=title,
        citation=citation,
        url=item_iri.replace("/id/", "/", 1),
        extent=root.get("RestrictExtent") if not wanted.fragment else None,
        enactment_date=enacted,
        versions=versions,
        cite=[Cite(source, "ukm:Metadata")],
    )
    walker = _Walker(item_iri, source)
    walker.walk(root, act.parts, _Inherited())

    effects: list[Effect] = []
    skipped: list[str] = []
    for number, element in enumerate(_descendants(metadata, UNAPPLIED_EFFECT), start=1):
        locator = f"ukm:UnappliedEffects/ukm:UnappliedEffect[{number}]"
        effect, why = parse_effect(element, Cite(source, locator))
        if effect is None:
            skipped.append(f"{locator}: {why}")
        else:
            effects.append(effect)
    return Clml(
        title=title,
        act=act,
        effects=effects,
        valid=_date(_text(_child(metadata, VALID_DCT))),
        modified=_date(_text(_child(metadata, MODIFIED_DC))),
        status=status_element.get("Value") if status_element is not None else None,
        self_url=self_url,
        skipped=skipped,
    )


# ------------------------------------------------------------------ effects


def _provisions(element: ET.Element, attribute: str, clark: str) -> str | None:
    text = element.get(attribute)
    if text:
        return " ".join(text.split())
    holder = _child(element, clark)
    if holder is None:
        return None
    parts = [_text(part) for part in holder]
    return " ".join(p for p in parts if p) or None


def _title(element: ET.Element, clark: str) -> str | None:
    titles = list(_children(element, clark))
    english = [t for t in titles if t.get(XML_LANG) in (None, "en")]
    return _text((english or titles or [None])[0])


def _item_from_class(element: ET.Element, prefix: str) -> str | None:
    kind = CLASS_TYPES.get(element.get(f"{prefix}Class", ""))
    year, number = element.get(f"{prefix}Year"), element.get(f"{prefix}Number")
    if kind and year and number:
        iri = f"{ID_BASE}{kind}/{year}/{number}"
        return iri if LEGISLATION_IRI.match(iri) else None
    return None


def _effect_id(element: ET.Element) -> str:
    uri = (element.get("URI") or "").strip()
    if EFFECT_IRI.match(uri):
        return uri
    effect_id = (element.get("EffectId") or "").strip()
    if effect_id and EFFECT_IRI.match(EFFECT_BASE + effect_id):
        return EFFECT_BASE + effect_id
    # No id of legislation.gov.uk's: a key made from everything the element says.
    described = "|".join(f"{k}={v}" for k, v in sorted(element.attrib.items()))
    described += "|" + ET.tostring(element, encoding="unicode")
    key = "effect-" + hashlib.sha256(described.encode()).hexdigest()[:16]
    assert KEY_PATTERN.match(key)
    return key


def parse_effect(element: ET.Element, cite: Cite) -> tuple[Effect | None, str]:
    """An ukm:Effect or ukm:UnappliedEffect as a record, or (None, why it was left out)."""
    kind = " ".join((element.get("Type") or "").split())
    if not kind:
        return None, "no Type"
    affected = id_iri(element.get("AffectedURI")) or _item_from_class(element, "Affected")
    if affected is None:
        uri = element.get("AffectedURI")
        return None, f"the affected item is not a legislation.gov.uk IRI ({uri!r})"
    # The feed names the item (the Act) and lists the provisions; when it lists one, the effect
    # is that provision's, so the in-force rule applies it there and not to the whole Act.
    named = [
        iri
        for holder in _children(element, AFFECTED_PROVISIONS)
        for part in holder
        if (iri := id_iri(part.get("URI")))
    ]
    if len(named) == 1:
        affected = named[0]
    affecting = id_iri(element.get("AffectingURI")) or _item_from_class(element, "Affecting")
    in_force = [
        InForceDate(
            date=_date(when.get("Date")),
            qualification=" ".join((when.get("Qualification") or "").split()) or None,
            prospective=True if _true(when.get("Prospective")) else None,
        )
        for holder in _children(element, IN_FORCE_DATES)
        for when in _children(holder, IN_FORCE)
    ]
    authority = [
        text
        for holder in _children(element, COMMENCEMENT_AUTHORITY)
        for section in holder
        if (text := _text(section))
    ]
    required = element.get("RequiresApplied")
    return (
        Effect(
            id=_effect_id(element),
            type=kind,
            affected=affected,
            affected_provisions=_provisions(element, "AffectedProvisions", AFFECTED_PROVISIONS)
            or (" ".join(element.get("AffectedProvision", "").split()) or None),
            affected_title=_title(element, AFFECTED_TITLE),
            affecting=affecting,
            affecting_provisions=_provisions(element, "AffectingProvisions", AFFECTING_PROVISIONS),
            affecting_title=_title(element, AFFECTING_TITLE),
            in_force_dates=in_force,
            commencement_authority=authority,
            applied=_true(element.get("Applied")),
            requires_applied=None if required is None else required.strip().lower() != "false",
            note=" ".join((element.get("Notes") or "").split()) or None,
            cite=[cite],
        ),
        "",
    )


@dataclass
class EffectsFeed:
    """One page of an Atom feed of changes."""

    title: str | None
    updated: dt.date | None
    effects: list[Effect]
    next_url: str | None
    self_url: str | None
    skipped: list[str] = field(default_factory=list)


def parse_effects_feed(root: ET.Element, name: str, source: str) -> EffectsFeed:
    """The effects of one page of a changes feed (`root` from safexml.parse_xml)."""
    if not _is(root, FEED_ATOM):
        raise LegislationError(
            f"{name}: not an Atom feed of changes (its root is <{_local(str(root.tag))}>)"
        )
    effects: list[Effect] = []
    skipped: list[str] = []
    for number, entry in enumerate(_children(root, ENTRY_ATOM), start=1):
        element = next(
            (e for content in _children(entry, CONTENT_ATOM) for e in _children(content, EFFECT)),
            None,
        )
        locator = f"entry[{number}]/content/ukm:Effect"
        if element is None:
            skipped.append(f"entry[{number}]: no ukm:Effect")
            continue
        effect, why = parse_effect(element, Cite(source, locator))
        if effect is None:
            skipped.append(f"{locator}: {why}")
        else:
            effects.append(effect)
    links = {link.get("rel"): link.get("href") for link in _children(root, LINK_ATOM)}
    return EffectsFeed(
        title=_text(_child(root, "{http://www.w3.org/2005/Atom}title")),
        updated=_date(_text(_child(root, UPDATED_ATOM))),
        effects=effects,
        next_url=links.get("next"),
        self_url=links.get("self"),
        skipped=skipped,
    )


def merge_effects(groups: list[list[Effect]]) -> list[Effect]:
    """Effects from several documents, one record per effect id, each citing every document
    that lists it (the first one's details kept), sorted by id for a stable file."""
    merged: dict[str, Effect] = {}
    for effects in groups:
        for effect in effects:
            if effect.id in merged:
                known = merged[effect.id]
                known.cite.extend(c for c in effect.cite if c not in known.cite)
            else:
                merged[effect.id] = effect
    return [merged[key] for key in sorted(merged)]
