"""legislation.gov.uk CLML and changes feeds -> records (fixtures in tests/fixtures/legislation)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ingest.importers.legislation import (
    LegislationError,
    LegislationId,
    id_iri,
    merge_effects,
    parse_clml,
    parse_effects_feed,
)
from ingest.importers.safexml import XmlError, parse_xml

FIXTURES = Path(__file__).parents[2] / "fixtures" / "legislation"
ACT = "http://www.legislation.gov.uk/id/ukpga/2026/98"
WANTED = LegislationId.parse("ukpga/2026/98")


def clml(name: str = "ukpga-2026-98-data.xml", data: bytes | None = None):
    data = data if data is not None else (FIXTURES / name).read_bytes()
    return parse_clml(parse_xml(data, name), name, WANTED, "src")


def walk(instrument):
    yield instrument
    for part in instrument.parts:
        yield from walk(part)


def by_id(act):
    return {i.id: i for i in walk(act)}


def test_the_act_and_its_metadata():
    doc = clml()
    act = doc.act
    assert (act.id, act.kind, act.title, act.citation) == (
        ACT, "act", "Safeguarding Records Act 2026", "2026 c. 98",
    )  # fmt: skip
    assert act.enactment_date == dt.date(2026, 3, 12)
    # hasVersion links that are dates; "enacted", "current" and "prospective" are not
    assert act.versions == [dt.date(2026, 3, 12), dt.date(2026, 5, 1)]
    assert act.extent == "E+W"
    assert doc.valid == dt.date(2026, 5, 1) and doc.status == "revised"
    assert doc.self_url == "http://www.legislation.gov.uk/ukpga/2026/98/data.xml"


def test_the_structure_parts_chapters_cross_headings_sections_schedules_paragraphs():
    act = clml().act
    tree = [(p.kind, p.citation, [(c.kind, c.citation) for c in p.parts]) for p in act.parts]
    assert tree == [
        ("part", "Pt. 1", [("chapter", "Pt. 1 Ch. 1"), ("chapter", "Pt. 1 Ch. 2")]),
        ("part", "Pt. 2", [("section", "s. 4"), ("section", "s. 5")]),
        ("schedule", "Sch. 1", [("part", "Sch. 1 Pt. 1")]),
        ("schedule", "Sch. 2", [("paragraph", "Sch. 2 para. 1"), ("paragraph", "Sch. 2 para. 3")]),
    ]
    items = by_id(act)
    heading = items[f"{ACT}/part/1/chapter/1/crossheading/the-consistent-identifier"]
    assert (heading.kind, heading.title, heading.citation) == (
        "cross_heading", "The consistent identifier", None,
    )  # fmt: skip
    assert [s.citation for s in heading.parts] == ["s. 1", "s. 2", "s. 2A"]
    # subsections (P2 with their own IdURI) and quoted text in amendments are not divisions
    assert f"{ACT}/section/1/1" not in items
    assert f"{ACT}/section/4/2" not in items


def test_provision_titles_extent_prospective_and_start_dates():
    items = by_id(clml().act)
    s1, s2, s2a = (items[f"{ACT}/section/{n}"] for n in ("1", "2", "2A"))
    assert (s1.title, s1.extent, s1.prospective) == (
        "Duty to record a consistent identifier", "E", False,
    )  # fmt: skip
    assert (s2.title, s2.prospective) == ("Sharing of records between relevant bodies", True)
    assert s2.cite[0].url == "http://www.legislation.gov.uk/ukpga/2026/98/section/2/prospective"
    assert (s2a.citation, s2a.title, s2a.in_force_from) == (
        "s. 2A", "Guidance about identifiers", dt.date(2026, 5, 1),
    )  # fmt: skip
    para = items[f"{ACT}/schedule/1/paragraph/1"]
    assert (para.title, para.citation) == ("Information databases", "Sch. 1 para. 1")
    untitled = items[f"{ACT}/schedule/1/paragraph/2"]
    assert (untitled.title, untitled.in_force_from) == ("Sch. 1 para. 2", dt.date(2026, 5, 1))
    assert items[f"{ACT}/schedule/1"].title == "Consequential amendments"
    assert items[f"{ACT}/schedule/1"].cite[0].locator == "schedule-1"


def test_unapplied_effects_inside_the_xml():
    effects = {e.affected: e for e in clml().effects}
    # The effect is recorded against the Act and names one provision, s. 2: it is s. 2's, so
    # that the in-force rule does not commence the whole Act with it.
    commencement = effects[f"{ACT}/section/2"]
    assert commencement.type == "coming into force"
    assert commencement.id.endswith("/id/effect/key-0a1b2c3d4e5f60718293a4b5c6d7e8f9")
    assert [(d.date, d.qualification) for d in commencement.in_force_dates] == [
        (dt.date(2026, 9, 1), "for specified purposes"),
        (dt.date(2027, 1, 4), "wholly in force"),
    ]
    assert commencement.commencement_authority == ["s. 4(2)"]
    assert (commencement.applied, commencement.requires_applied) == (False, True)
    assert commencement.affecting == "http://www.legislation.gov.uk/id/uksi/2026/700"
    # the older form: no EffectId, no titles; still an effect, with a stable key of its own
    repeal = effects[f"{ACT}/section/3/2"]
    assert repeal.id.startswith("effect-") and repeal.id == clml().effects[1].id
    assert [(d.date, d.prospective) for d in repeal.in_force_dates] == [(None, True)]
    assert repeal.note == "repeal not yet in force"


def test_a_changes_feed_default_and_prefixed_atom():
    page1 = FIXTURES / "changes-affected-ukpga-2026-98.feed"
    feed = parse_effects_feed(parse_xml(page1.read_bytes(), "p1"), "p1", "feed")
    assert feed.next_url.endswith("/data.feed?page=2")
    assert [e.type for e in feed.effects] == ["coming into force", "inserted"]
    assert feed.effects[1].applied is True
    page2 = FIXTURES / "changes-affected-ukpga-2026-98-page-2.feed"
    feed2 = parse_effects_feed(parse_xml(page2.read_bytes(), "p2"), "p2", "feed2")
    (effect,) = feed2.effects
    assert feed2.next_url is None
    # AffectedURI given as a document URI, EffectId without URI
    assert effect.affected == ACT
    assert (
        effect.id == "http://www.legislation.gov.uk/id/effect/key-77aa66bb55cc44dd33ee22ff11009988"
    )
    assert (effect.applied, effect.requires_applied) == (False, False)
    assert effect.affected_provisions == "Sch. 2 para. 3"


def test_an_effect_listed_twice_is_one_record_citing_both():
    feed = parse_effects_feed(
        parse_xml((FIXTURES / "changes-affected-ukpga-2026-98.feed").read_bytes(), "f"), "f", "feed"
    )
    merged = merge_effects([clml().effects, feed.effects])
    assert len(merged) == 3
    both = next(e for e in merged if e.type == "coming into force")
    assert [c.source for c in both.cite] == ["src", "feed"]
    assert [e.id for e in merged] == sorted(e.id for e in merged)


def test_prefixed_clml_namespace_reads_the_same():
    text = (FIXTURES / "ukpga-2026-98-data.xml").read_text()
    prefixed = text.replace(
        'xmlns="http://www.legislation.gov.uk/namespaces/legislation"',
        'xmlns:leg="http://www.legislation.gov.uk/namespaces/legislation"',
    )
    prefixed = _prefix_elements(prefixed)
    assert "<leg:Part" in prefixed and "<Part" not in prefixed
    assert _shape(clml(data=prefixed.encode())) == _shape(clml())


def _prefix_elements(text: str) -> str:
    import re

    return re.sub(r"<(/?)(?![a-zA-Z]+:)([A-Z][A-Za-z0-9]*)", r"<\1leg:\2", text)


def _shape(doc):
    return [(i.id, i.kind, i.title, i.citation, i.extent, i.prospective) for i in walk(doc.act)]


def test_optional_elements_missing():
    minimal = b"""<?xml version="1.0"?>
<Legislation xmlns="http://www.legislation.gov.uk/namespaces/legislation"
    xmlns:ukm="http://www.legislation.gov.uk/namespaces/metadata"
    xmlns:dc="http://purl.org/dc/elements/1.1/">
  <ukm:Metadata><dc:title>Tiny Act 2026</dc:title></ukm:Metadata>
  <Primary><Body>
    <P1 IdURI="http://www.legislation.gov.uk/id/ukpga/2026/98/section/1"><Pnumber>1</Pnumber></P1>
  </Body></Primary>
</Legislation>"""
    doc = clml(data=minimal)
    assert doc.act.title == "Tiny Act 2026"
    assert doc.act.kind == "statutory_instrument"  # no ukm:PrimaryMetadata: not said to be an Act
    assert doc.act.enactment_date is None and doc.act.versions == []
    (section,) = doc.act.parts
    assert (section.title, section.citation, section.extent) == ("s. 1", "s. 1", None)
    assert doc.effects == [] and doc.valid is None


def test_a_document_for_another_item_or_not_clml_is_refused():
    other = (
        (FIXTURES / "ukpga-2026-98-data.xml")
        .read_bytes()
        .replace(
            b'IdURI="http://www.legislation.gov.uk/id/ukpga/2026/98"',
            b'IdURI="http://www.legislation.gov.uk/id/ukpga/2020/2"',
            1,
        )
    )
    with pytest.raises(LegislationError, match=r"this document is .*/ukpga/2020/2, not"):
        clml(data=other)
    with pytest.raises(LegislationError, match=r"not a legislation\.gov\.uk CLML document"):
        clml(data=b"<html/>")


def test_unsafe_or_broken_xml_is_an_error_with_file_and_line():
    with pytest.raises(XmlError, match=r"^bad.xml:3: malformed XML"):
        parse_xml(b"<a>\n<b>\n</a>", "bad.xml")
    bomb = (
        b'<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;">]>\n<x>&b;</x>'
    )
    with pytest.raises(XmlError, match="refused"):
        parse_xml(bomb, "bomb.xml")


@pytest.mark.parametrize(
    ("text", "item", "fragment"),
    [
        ("ukpga/2003/42", "ukpga/2003/42", ""),
        ("ukpga/2003/42/section/9", "ukpga/2003/42", "section/9"),
        (
            "https://www.legislation.gov.uk/ukpga/2026/21/section/66B",
            "ukpga/2026/21",
            "section/66B",
        ),
        ("http://www.legislation.gov.uk/id/ukpga/Eliz2/7-8/57", "ukpga/Eliz2/7-8/57", ""),
    ],
)
def test_legislation_ids(text, item, fragment):
    wanted = LegislationId.parse(text)
    assert (wanted.item, wanted.fragment) == (item, fragment)


def test_a_bad_id_says_what_is_expected():
    with pytest.raises(ValueError, match="expected TYPE/YEAR/NUMBER"):
        LegislationId.parse("sexual offences act")


def test_id_iris():
    assert id_iri("https://www.legislation.gov.uk/ukpga/2026/98/enacted") == ACT
    assert id_iri("http://www.legislation.gov.uk/ukpga/2026/98/section/2/2026-05-01") == (
        f"{ACT}/section/2"
    )
    assert id_iri("https://example.org/ukpga/2026/98") is None
