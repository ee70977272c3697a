"""The UK Parliament Bills API's JSON -> a bill instrument with its passage through Parliament.

The documents, as the API's OpenAPI description (bills-api.parliament.uk/swagger/v1/swagger.json)
defines them:

- `GET /api/v1/Bills/{billId}`: a `Bill`: billId, shortTitle, originatingHouse, currentHouse,
  billWithdrawn (date-time or null), isDefeated, introducedSessionId, includedSessionIds, isAct,
  currentStage (a `StageSummary`), sponsors (each a member and/or an organisation: for a
  government bill, the department);
- `GET /api/v1/Bills/{billId}/Stages`: a `StageSummarySearchResult`: items (each a
  `StageSummary`: id, stageId, sessionId, description, abbreviation, house, stageSittings with
  their dates, sortOrder), totalResults, itemsPerPage;
- `GET /api/v1/Bills/{billId}/Publications` (read only for a bill that became an Act): a
  `BillPublicationList`, whose publications' links include the Act on legislation.gov.uk.

The API does not say whether a bill lapsed (fell at the end of a session without being carried
over): that date is given by whoever imports it (`--lapsed`). A bill is carried over when the
API lists it in more than one session or records a carry-over motion among its stages.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from ontology.vocabulary import BILL_STAGE, HOUSE, INSTRUMENT_KIND, Concept

from .legislation import id_iri
from .writer import Cite, Instrument, Passage, Stage

__all__ = [
    "BILLS_PAGE",
    "BillsError",
    "ImportedBill",
    "parse_bill",
    "parse_json",
    "parse_stages",
    "stage_kind",
]

BILLS_PAGE = "https://bills.parliament.uk/bills/"
_LEGISLATION_LINK = re.compile(r"^https?://www\.legislation\.gov\.uk/[a-z]+/\d{4}/\d+(/|$)")


class BillsError(Exception):
    """A reply that is not the JSON the API describes; str() is one line."""


def parse_json(data: bytes, name: str) -> Any:
    """The JSON value in `data`; malformed or cut-off JSON is a BillsError naming file:line."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise BillsError(f"{name}: not UTF-8 text (byte {exc.start})") from exc
    if not text.strip():
        raise BillsError(f"{name}: empty document")
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        cut = exc.pos >= len(text.rstrip())
        what = "the document ends early (cut off?)" if cut else "malformed JSON"
        raise BillsError(f"{name}:{exc.lineno}: {what}: {exc.msg} at column {exc.colno}") from exc


@cache
def _stage_words() -> dict[str, Concept]:
    """The API's stage descriptions (lower case) -> our bill stages."""
    s = BILL_STAGE
    return {
        "1st reading": s.FIRST_READING,
        "2nd reading": s.SECOND_READING,
        "2nd reading committee": s.SECOND_READING,
        "committee stage": s.COMMITTEE_STAGE,
        "committee of the whole house": s.COMMITTEE_STAGE,
        "grand committee": s.COMMITTEE_STAGE,
        "public bill committee": s.COMMITTEE_STAGE,
        "select committee stage": s.COMMITTEE_STAGE,
        "legislative grand committee": s.COMMITTEE_STAGE,
        "report stage": s.REPORT_STAGE,
        "3rd reading": s.THIRD_READING,
        "consideration of lords amendments": s.CONSIDERATION_OF_AMENDMENTS,
        "consideration of commons amendments": s.CONSIDERATION_OF_AMENDMENTS,
        "consideration of lords message": s.CONSIDERATION_OF_AMENDMENTS,
        "consideration of commons message": s.CONSIDERATION_OF_AMENDMENTS,
        "consequential consideration": s.CONSIDERATION_OF_AMENDMENTS,
        "ping pong": s.CONSIDERATION_OF_AMENDMENTS,
        "royal assent": s.ROYAL_ASSENT,
    }


def stage_kind(description: str) -> Concept:
    """Our bill stage for the API's description of one ("other" for motions, resolutions)."""
    return _stage_words().get(" ".join(description.lower().split()), BILL_STAGE.OTHER_STAGE)


def _house(value: Any) -> str | None:
    """commons or lords from the API's House ("Commons", "Lords"; not "All"/"Unassigned")."""
    concept = HOUSE.by_token(value.strip().lower()) if isinstance(value, str) else None
    return concept.token if concept else None


def _date(value: Any) -> dt.date | None:
    if not isinstance(value, str) or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _int(value: Any) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def _record(value: Any, name: str, what: str, required: str) -> dict:
    if not isinstance(value, dict) or required not in value:
        raise BillsError(f"{name}: not a Bills API {what} (no {required!r} field)")
    return value


def parse_stages(document: Any, name: str) -> tuple[list[dict], int | None]:
    """The items of one page of `/Stages`, and the totalResults it reports."""
    page = _record(document, name, "stage list", "items")
    items = page["items"]
    if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
        raise BillsError(f"{name}: the stage list's items are not a list of stages")
    return items, _int(page.get("totalResults"))


def _stage(item: dict, source: str) -> Stage | None:
    sittings = item.get("stageSittings") or []
    dates = sorted(
        day
        for sitting in sittings
        if isinstance(sitting, dict) and (day := _date(sitting.get("date")))
    )
    description = item.get("description")
    if not dates or not isinstance(description, str) or not description.strip():
        return None  # a stage not yet sat (no date) says nothing about the bill's passage yet
    stage_id = _int(item.get("id"))
    return Stage(
        stage=stage_kind(description).token,
        date=dates[0],
        id=stage_id if stage_id and stage_id > 0 else None,
        description=" ".join(description.split()),
        house=_house(item.get("house")),
        cite=[Cite(source, f"bill stage {stage_id}" if stage_id else None)],
    )


def _act(publications: Any) -> str | None:
    """The /id/ IRI of the Act a bill became, from the links of its publications."""
    if not isinstance(publications, dict):
        return None
    found = set()
    for publication in publications.get("publications") or []:
        if not isinstance(publication, dict):
            continue
        for link in publication.get("links") or []:
            url = link.get("url") if isinstance(link, dict) else None
            if isinstance(url, str) and _LEGISLATION_LINK.match(url):
                iri = id_iri(url)
                if iri:
                    found.add("/".join(iri.split("/")[:7]))  # the item, not a provision
    return sorted(found)[0] if len(found) == 1 else None


@dataclass
class ImportedBill:
    title: str
    instrument: Instrument
    last_update: dt.date | None
    is_act: bool


def parse_bill(
    bill: Any,
    stage_pages: list[tuple[str, list[dict]]],
    *,
    name: str,
    bill_source: str,
    publications: Any = None,
    publications_source: str | None = None,
    lapsed: dt.date | None = None,
) -> ImportedBill:
    """A bill instrument from the API's bill record, its stages (pages of items, each with the
    key of the source it came from) and, for an Act, its publications."""
    record = _record(bill, name, "bill record", "billId")
    bill_id = _int(record.get("billId"))
    title = record.get("shortTitle")
    if not bill_id or not isinstance(title, str) or not title.strip():
        raise BillsError(f"{name}: the bill record has no billId or shortTitle")
    introduced = _int(record.get("introducedSessionId"))
    sessions = [introduced] if introduced else []
    sessions += [s for s in record.get("includedSessionIds") or [] if _int(s) and s not in sessions]
    parsed = [
        stage for source, items in stage_pages for item in items if (stage := _stage(item, source))
    ]
    parsed.sort(key=lambda s: (s.date, s.id or 0))
    carry_over = any(
        " ".join(str(item.get("description", "")).lower().split()) == "carry-over motion"
        for _source, items in stage_pages
        for item in items
    )
    current = record.get("currentStage") if isinstance(record.get("currentStage"), dict) else {}
    current_words = (
        current.get("description") if isinstance(current.get("description"), str) else None
    )
    current_house = current.get("house") if isinstance(current.get("house"), str) else None
    department = next(
        (
            sponsor["organisation"]["name"].strip()
            for sponsor in record.get("sponsors") or []
            if isinstance(sponsor, dict)
            and isinstance(sponsor.get("organisation"), dict)
            and isinstance(sponsor["organisation"].get("name"), str)
            and sponsor["organisation"]["name"].strip()
        ),
        None,
    )
    is_act = record.get("isAct") is True
    enacted_as = _act(publications) if is_act else None
    status = None
    if current_words:
        where = f" ({current_house})" if current_house and _house(current_house) else ""
        status = f"current stage: {' '.join(current_words.split())}{where}"
    cite = [Cite(bill_source, f"bill {bill_id}")]
    if enacted_as and publications_source:
        cite.append(Cite(publications_source, "publications: link to legislation.gov.uk"))
    instrument = Instrument(
        id=f"bill-{bill_id}",
        kind=INSTRUMENT_KIND.BILL.token,
        title=" ".join(title.split()),
        status=status,
        url=f"{BILLS_PAGE}{bill_id}",
        enacted_as=enacted_as,
        passage=Passage(
            parliament_id=bill_id,
            sessions=[str(s) for s in sessions],
            originating_house=_house(record.get("originatingHouse")),
            current_stage=" ".join(current_words.split()) if current_words else None,
            lapsed=lapsed,
            carried_over=len(sessions) > 1 or carry_over,
            withdrawn=_date(record.get("billWithdrawn")),
            defeated=record.get("isDefeated") is True,
            department=department,
            stages=parsed,
        ),
        cite=cite,
    )
    return ImportedBill(
        title=instrument.title,
        instrument=instrument,
        last_update=_date(record.get("lastUpdate")),
        is_act=is_act,
    )
