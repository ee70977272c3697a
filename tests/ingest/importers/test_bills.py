"""UK Parliament Bills API JSON -> a bill instrument (the fixtures in tests/fixtures/bills)."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from ingest.importers.bills import BillsError, parse_bill, parse_json, parse_stages, stage_kind

FIXTURES = Path(__file__).parents[2] / "fixtures" / "bills"


def load(name: str):
    return parse_json((FIXTURES / name).read_bytes(), name)


def stages(*names: str):
    return [(f"stages-{n}", parse_stages(load(name), name)[0]) for n, name in enumerate(names, 1)]


def test_a_bill_that_became_an_act():
    bill = parse_bill(
        load("bill-3901.json"),
        stages("bill-3901-stages.json"),
        name="bill-3901.json",
        bill_source="bill",
        publications=load("bill-3901-publications.json"),
        publications_source="pubs",
    )
    instrument = bill.instrument
    assert (instrument.id, instrument.kind, instrument.title) == (
        "bill-3901", "bill", "Safeguarding Records Bill",
    )  # fmt: skip
    assert instrument.enacted_as == "http://www.legislation.gov.uk/id/ukpga/2026/98"
    assert [c.source for c in instrument.cite] == ["bill", "pubs"]
    passage = instrument.passage
    assert passage.parliament_id == 3901 and passage.sessions == ["39"]
    assert (passage.originating_house, passage.current_stage) == ("commons", "Royal Assent")
    assert (passage.carried_over, passage.defeated, passage.withdrawn, passage.lapsed) == (
        False, False, None, None,
    )  # fmt: skip
    assert passage.department == "Department for Education"
    assert [(s.stage, s.house, s.date.isoformat()) for s in passage.stages] == [
        ("first_reading", "commons", "2025-06-04"),
        ("second_reading", "commons", "2025-06-23"),
        ("other_stage", "commons", "2025-06-23"),  # a programme motion
        ("committee_stage", "commons", "2025-07-08"),  # first of its sittings
        ("report_stage", "commons", "2025-09-09"),
        ("third_reading", "commons", "2025-09-09"),
        ("first_reading", "lords", "2025-09-10"),
        ("second_reading", "lords", "2025-10-14"),
        ("committee_stage", "lords", "2025-11-18"),
        ("report_stage", "lords", "2026-01-20"),
        ("third_reading", "lords", "2026-02-10"),
        ("consideration_of_amendments", "commons", "2026-03-03"),
        ("royal_assent", None, "2026-03-12"),  # house "Unassigned"
    ]  # the stage with no sitting yet is left out
    assert passage.stages[0].id == 20400 and passage.stages[0].description == "1st reading"
    assert passage.stages[0].cite[0].source == "stages-1"


def test_a_bill_that_lapsed_with_stages_over_two_pages():
    bill = parse_bill(
        load("bill-3512.json"),
        stages("bill-3512-stages-1.json", "bill-3512-stages-2.json"),
        name="bill-3512.json",
        bill_source="bill",
        lapsed=dt.date(2024, 5, 30),
    )
    passage = bill.instrument.passage
    assert bill.instrument.enacted_as is None and not bill.is_act
    assert passage.lapsed == dt.date(2024, 5, 30) and passage.carried_over is False
    assert passage.department == "Home Office"
    assert bill.instrument.status == "current stage: Report stage (Commons)"
    assert [(s.stage, s.cite[0].source) for s in passage.stages] == [
        ("first_reading", "stages-1"),
        ("second_reading", "stages-1"),
        ("committee_stage", "stages-2"),
        ("report_stage", "stages-2"),
    ]


def test_carried_over_and_withdrawn_and_defeated():
    record = load("bill-3512.json")
    record.update(includedSessionIds=[39, 38], billWithdrawn="2025-01-10T00:00:00", isDefeated=True)
    passage = parse_bill(record, [], name="x", bill_source="bill").instrument.passage
    assert passage.sessions == ["38", "39"]  # introduced first
    assert passage.carried_over is True
    assert passage.withdrawn == dt.date(2025, 1, 10) and passage.defeated is True
    motion = [("s", [{"id": 1, "description": "Carry-over motion", "house": "Commons",
                      "stageSittings": [{"date": "2024-04-01T00:00:00"}]}])]  # fmt: skip
    record = load("bill-3512.json")
    carried = parse_bill(record, motion, name="x", bill_source="bill").instrument.passage
    assert carried.carried_over is True
    assert carried.stages[0].stage == "other_stage"


@pytest.mark.parametrize(
    ("words", "token"),
    [
        ("1st reading", "first_reading"),
        ("2nd Reading", "second_reading"),
        ("Committee of the whole House", "committee_stage"),
        ("Report stage", "report_stage"),
        ("3rd reading", "third_reading"),
        ("Consideration of Commons amendments", "consideration_of_amendments"),
        ("Royal Assent", "royal_assent"),
        ("Money resolution", "other_stage"),
    ],
)
def test_stage_words(words, token):
    assert stage_kind(words).token == token


def test_malformed_cut_off_or_wrong_json_is_one_line_with_file_and_line():
    with pytest.raises(BillsError, match=r"^b.json:2: malformed JSON"):
        parse_json(b'{"billId": 1,\n "x": ]}', "b.json")
    whole = (FIXTURES / "bill-3901.json").read_bytes()
    with pytest.raises(BillsError, match=r"^b.json:\d+: the document ends early \(cut off\?\)"):
        parse_json(whole[: len(whole) // 2], "b.json")
    with pytest.raises(BillsError, match="not a Bills API bill record"):
        parse_bill({"title": "x"}, [], name="b.json", bill_source="bill")
    with pytest.raises(BillsError, match="not a Bills API stage list"):
        parse_stages([], "s.json")


def test_fixtures_are_plain_json_without_notes():
    for path in FIXTURES.glob("*.json"):
        document = json.loads(path.read_text())
        assert "_fixture_note" not in json.dumps(document)
