"""The tracker, the home page (`/`): one report's recommendations in a table, with their lead
body, the government's stance, the latest reported status, the last event and the days since,
and how many earlier recommendations each repeats; a summary of the statuses; CSV and JSON of
the rows shown (`/tracker.csv`, `/tracker.json`).

- `?report=KEY` (default: the newest report that has recommendations) and `?asOf=YYYY-MM-DD`
  (default: today) choose the rows; `?status=`, `?stance=` (a value's name, or `none`),
  `?body=` (a lead body's key, or `none`) and `?q=` (text) filter them; `?sort=` (a column)
  and `?dir=asc|desc` order them.
- The rows are GraphQL's answer (the schema executed in-process, `TRACKER_QUERY`), so they are
  what `report(id:) { recommendations { ... } }` and `recommendationCounts` give a client.
- The page sorts and filters in the browser (kg/web/static/tracker.js, served by `/static/`)
  and keeps the URL and the download links in step; the server applies the same sort and
  filters (`view`) to the page it sends and to the downloads, so a shared URL shows the same
  rows and a download holds exactly the rows shown. The script and this module read the same
  `data-` attributes' values, which this module writes.
- Legal status is GraphQL's `legalStatus` (kg.rules.legal): how far the law has carried the
  recommendation on the day, from the cited legislative record (bill, stages, Act,
  commencement), distinct from the reported status; it sorts in delivery order (LEGAL_STAGE).
  A recommendation that asks no change to the law has none, and the column says so.
"""

from __future__ import annotations

import csv
import datetime as dt
import html
import io
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from string import Template
from urllib.parse import urlencode

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from ontology.vocabulary import KIND, LEGAL_STAGE, STANCE, STATUS, Concept

from ..api.context import Build, RequestContext
from ..api.counts import NONE, NONE_LABELS
from ..api.execution import execute_request
from ..api.schema import schema
from ..rules import status as status_rule
from ..store import StoreUnavailable
from .errors import BadRequest, NotFound
from .pages import entity_url

STATIC = Path(__file__).parent / "static"
STATIC_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
SCRIPT = "/static/tracker.js"

#: The reports, and how many recommendations each makes (for the choice of report).
REPORTS_QUERY = """query TrackerReports {
  reports { id key title issued }
  recommendationCounts(by: REPORT) { key count }
}"""
#: One report's rows and its counts by status, as of a day.
TRACKER_QUERY = """query Tracker($report: ID!, $asOf: Date!) {
  report(id: $report) {
    id key title issued
    recommendations {
      id number title
      responsibilities(role: LEAD) { body { id key name } }
      response { stance issued }
      status(asOf: $asOf) { status date }
      legalStatus(asOf: $asOf) { stage date }
      echoes { id }
    }
  }
  recommendationCounts(by: STATUS, report: $report, asOf: $asOf) { key label count }
}"""

#: Each status's colour: white text on it has a contrast of at least 4.5:1 (WCAG AA, checked
#: by tests/kg/web/test_tracker.py), so it also stands out from the white page (at least 3:1).
#: The status's name is always written beside or on its colour: colour is never alone.
STATUS_COLOURS: dict[Concept, str] = {
    STATUS.NOT_STARTED: "#8a4b00",
    STATUS.IN_PROGRESS: "#1a5fb4",
    STATUS.LEGISLATING: "#6a3d9a",
    STATUS.STALLED: "#b3261e",
    STATUS.ENACTED: "#00695c",
    STATUS.IN_FORCE: "#2e7d32",
    STATUS.DELIVERED: "#14532d",
}
NONE_COLOUR = "#5f6368"  # no status reported
#: The page's other colours (text on background, links, focus ring), checked likewise.
PAGE_COLOURS = {"text": "#1a1a1a", "background": "#ffffff", "muted": "#4d4d4d",
                "link": "#0b57d0", "header": "#eef1f5", "focus": "#b3261e"}  # fmt: skip


@dataclass(frozen=True)
class Column:
    name: str  # in ?sort= and the script's data-column
    heading: str
    kind: str | None  # how it sorts: "num", "text", or None (not sortable)


COLUMNS = (
    Column("number", "No.", "num"),
    Column("title", KIND.Recommendation.label, "text"),
    Column("body", "Lead body", "text"),
    Column("stance", "Government stance", "num"),
    Column("status", "Latest reported status", "num"),
    Column("legal", "Legal status", "num"),
    Column("last", "Last event", "text"),
    Column("days", "Days since", "num"),
    Column("echoes", "Echoes", "num"),
)
SORTABLE = {c.name: c for c in COLUMNS if c.kind}
#: Columns of numbers (right-aligned); "stance", "status" and "legal" sort by their value's
#: order but show words.
NUMERIC = {"number", "days", "echoes"}
#: Headers described by a note below the table (the note's id).
NOTES = {"legal": "legal-note"}
DEFAULT_SORT = ("number", "asc")
BAR_HEIGHT = 44  # the summary bar's, in pixels
#: The downloads' columns: the table's, as shown ("" where the page shows "—"), and the IRI.
CSV_HEADER = ["number", "title", "lead_body", "stance", "status", "legal_status",
              "legal_status_date", "last_event", "days_since", "echoes", "id"]  # fmt: skip
#: What the legal status column says of a recommendation that asks no change to the law, and
#: why (its cell's title, and the note below the table).
NO_LEGAL_CHANGE = "no change to the law"
NO_LEGAL_CHANGE_WHY = ("It asks no change to the law (no link to legislation it amends or "
                       "creates), so it has no legal status.")  # fmt: skip
STATUS_KEYS = (*STATUS.notations, NONE)
STANCE_KEYS = (*STANCE.notations, NONE)


@dataclass(frozen=True)
class Row:
    id: str
    url: str
    number: int
    title: str
    bodies: tuple[tuple[str, str, str], ...]  # (key, name, IRI) of each lead body
    stance: Concept | None
    status: Concept | None
    status_date: str | None
    legal: Concept | None  # a LEGAL_STAGE; None: it asks no change to the law
    legal_date: str | None  # the day the stage was reached, when known
    last: str | None  # ISO date of the last event known on the day
    days: int | None  # days from it to the day
    echoes: int

    @property
    def body_text(self) -> str:
        return "; ".join(name for _key, name, _iri in self.bodies)

    @property
    def stance_key(self) -> str:
        return self.stance.notation if self.stance else NONE

    @property
    def stance_label(self) -> str:
        return self.stance.label if self.stance else NONE_LABELS["STANCE"]

    @property
    def status_key(self) -> str:
        return self.status.notation if self.status else NONE

    @property
    def status_label(self) -> str:
        return self.status.label if self.status else NONE_LABELS["STATUS"]

    @property
    def legal_key(self) -> str:
        return self.legal.notation if self.legal else NONE

    @property
    def legal_label(self) -> str:
        return self.legal.label if self.legal else NO_LEGAL_CHANGE

    @property
    def body_keys(self) -> tuple[str, ...]:
        return tuple(key for key, _name, _iri in self.bodies) or (NONE,)

    def cells(self) -> list[str]:
        """The row as shown, column by column ("" for nothing: the page shows "—")."""
        return [str(self.number), self.title, self.body_text, self.stance_label,
                self.status_label, self.legal_label, self.legal_date or "", self.last or "",
                "" if self.days is None else str(self.days), str(self.echoes)]  # fmt: skip

    def text(self) -> str:
        """What the free-text filter searches: the row's words, in lower case."""
        words = [str(self.number), self.title, self.body_text, self.stance_label,
                 self.status_label, self.legal_label]  # fmt: skip
        return " ".join(words).lower()

    def sort_value(self, column: str) -> int | str | None:
        """The row's value in a sortable column (None: nothing, which sorts last)."""
        return {
            "number": self.number,
            "title": self.title.lower(),
            "body": self.body_text.lower() or None,
            "stance": self.stance.order if self.stance else None,
            "status": self.status.order if self.status else None,
            "legal": self.legal.order if self.legal else None,
            "last": self.last,
            "days": self.days,
            "echoes": self.echoes,
        }[column]


@dataclass(frozen=True)
class Filters:
    status: str = ""  # a DeliveryStatus name or "none"; "" for any
    stance: str = ""
    body: str = ""  # a body's key or "none"
    q: str = ""

    def keeps(self, row: Row) -> bool:
        """The filters' one definition on the server; tracker.js's `matches` mirrors it."""
        needle = self.q.strip().lower()
        return ((not self.status or row.status_key == self.status)
                and (not self.stance or row.stance_key == self.stance)
                and (not self.body or self.body in row.body_keys)
                and (not needle or needle in row.text()))  # fmt: skip


@dataclass
class Tracker:
    """What the page shows: the reports to choose from, the chosen one, its rows as of `day`."""

    reports: list[dict]  # {id, key, title, issued, count}, newest first
    report: dict
    day: str
    asked_day: str | None  # ?asOf= as given (None: today)
    rows: list[Row]
    counts: list[dict]  # {key, label, count} by status
    filters: Filters = field(default_factory=Filters)
    sort: tuple[str, str] = DEFAULT_SORT

    def shown(self) -> list[Row]:
        return view(self.rows, self.filters, self.sort)


def order(rows: list[Row], sort: tuple[str, str]) -> list[Row]:
    """Rows by a column, ascending or descending; rows with nothing in it last either way, and
    ties by number (tracker.js's `compare` mirrors it)."""
    column, direction = sort
    by_number = sorted(rows, key=lambda r: r.number)
    present = [r for r in by_number if r.sort_value(column) is not None]
    missing = [r for r in by_number if r.sort_value(column) is None]
    # Python's sort is stable in reverse too: equal values stay in number order
    present.sort(key=lambda r: r.sort_value(column), reverse=direction == "desc")
    return present + missing


def view(rows: list[Row], filters: Filters, sort: tuple[str, str]) -> list[Row]:
    """The rows shown: those the filters keep, in the order asked."""
    return [r for r in order(rows, sort) if filters.keeps(r)]


def run_graphql(build: Build, query: str, variables: dict) -> dict:
    """GraphQL's answer to one of our pages' queries, the schema executed in-process (the
    tracker's rows, the entity pages' legal sections); BadRequest for an error it reports."""
    result = execute_request(schema.graphql_schema, _document(query), RequestContext(build),
                             variables, None)  # fmt: skip
    for error in result.errors or ():
        if isinstance(error.original_error, StoreUnavailable):
            raise error.original_error  # a 503 (kg/web/errors.py), not the page's fault
    if result.errors:
        raise BadRequest("; ".join(e.message for e in result.errors))
    return result.data


@cache
def _document(query: str):
    from graphql import parse, validate

    document = parse(query)
    errors = validate(schema.graphql_schema, document)
    if errors:  # a mistake in this module's queries
        raise RuntimeError(f"page query is invalid: {errors}")
    return document


def _days(last: str | None, day: str) -> int | None:
    if last is None:
        return None
    return (dt.date.fromisoformat(day) - dt.date.fromisoformat(last)).days


def row_of(base: str, rec: dict, report_issued: str, day: str) -> Row:
    """A row from GraphQL's answer for one recommendation. Its last event is the latest of its
    status events, the government's response and the report's publication, on or before `day`
    (the events kg.web.feeds lists for it)."""
    status = STATUS.by_notation(rec["status"]["status"]) if rec["status"] else None
    response = rec["response"]
    dates = [report_issued, rec["status"]["date"] if rec["status"] else None,
             response["issued"] if response else None]  # fmt: skip
    known = [d for d in dates if d and d <= day]
    last = max(known) if known else None
    bodies = tuple((r["body"]["key"], r["body"]["name"], r["body"]["id"])
                   for r in rec["responsibilities"])  # fmt: skip
    legal = rec["legalStatus"]
    return Row(
        id=rec["id"],
        url=entity_url(base, rec["id"]),
        number=rec["number"],
        title=rec["title"],
        bodies=tuple(dict.fromkeys(bodies)),
        stance=STANCE.by_notation(response["stance"]) if response else None,
        status=status,
        status_date=rec["status"]["date"] if rec["status"] else None,
        legal=LEGAL_STAGE.by_notation(legal["stage"]) if legal else None,
        legal_date=legal["date"] if legal else None,
        last=last,
        days=_days(last, day),
        echoes=len(rec["echoes"]),
    )


def _choice(request: Request, name: str, allowed: tuple[str, ...]) -> str:
    value = request.query_params.get(name, "")
    if value and value not in allowed:
        raise BadRequest(f"{name} must be one of {', '.join(allowed)}; got {value!r}")
    return value


def asked(request: Request) -> tuple[Filters, tuple[str, str]]:
    """The filters and the sort a request asks for; BadRequest for a value none can be."""
    filters = Filters(
        status=_choice(request, "status", STATUS_KEYS),
        stance=_choice(request, "stance", STANCE_KEYS),
        body=request.query_params.get("body", "").strip(),
        q=request.query_params.get("q", ""),
    )
    sort = _choice(request, "sort", tuple(SORTABLE)) or DEFAULT_SORT[0]
    direction = _choice(request, "dir", ("asc", "desc")) or DEFAULT_SORT[1]
    return filters, (sort, direction)


def tracker(build: Build, request: Request) -> Tracker:
    """The tracker for a request: its report (or the default), day, filters and sort."""
    filters, sort = asked(request)
    asked_day = request.query_params.get("asOf") or None
    try:
        day = status_rule.day(asked_day) if asked_day else dt.date.today().isoformat()
    except ValueError:
        raise BadRequest(f"asOf must be a date written YYYY-MM-DD, got {asked_day!r}") from None
    listed = run_graphql(build, REPORTS_QUERY, {})
    counts = {c["key"]: c["count"] for c in listed["recommendationCounts"]}
    reports = sorted(({**r, "count": counts.get(r["key"], 0)} for r in listed["reports"]),
                     key=lambda r: (r["issued"], r["key"]), reverse=True)  # fmt: skip
    wanted = request.query_params.get("report", "").strip()
    if wanted:
        chosen = next((r for r in reports if wanted in (r["key"], r["id"])), None)
        if chosen is None:
            raise NotFound(f"no report {wanted!r}; the reports are: "
                           + ", ".join(r["key"] for r in reports))  # fmt: skip
    else:
        chosen = next((r for r in reports if r["count"]), reports[0] if reports else None)
        if chosen is None:
            raise NotFound("the graph holds no report")
    data = run_graphql(build, TRACKER_QUERY, {"report": chosen["id"], "asOf": day})
    report = data["report"]
    rows = [row_of(build.base, rec, report["issued"], day) for rec in report["recommendations"]]
    return Tracker(reports=reports, report=report, day=day, asked_day=asked_day, rows=rows,
                   counts=data["recommendationCounts"], filters=filters,
                   sort=sort)  # fmt: skip


# ------------------------------------------------------------------------------ the page


def _status_class(key: str) -> str:
    return f"s-{key}"


def _palette_css() -> str:
    rules = [f".s-{c.notation} {{ background: {colour}; fill: {colour}; }}"
             for c, colour in STATUS_COLOURS.items()]  # fmt: skip
    rules.append(f".s-{NONE} {{ background: {NONE_COLOUR}; fill: {NONE_COLOUR}; }}")
    return "\n ".join(rules)


CSS = Template("""
 :root { color: $text; background: $background; }
 body { font: 16px/1.5 system-ui, sans-serif; margin: 0; }
 main, header { max-width: 80rem; margin: 0 auto; padding: 0 1rem; }
 header nav { display: flex; flex-wrap: wrap; gap: .25rem 1.25rem; padding: .75rem 0;
   border-bottom: 1px solid #ccc; }
 a { color: $link; }
 a:focus-visible, button:focus-visible, select:focus-visible, input:focus-visible,
 .scroll:focus-visible { outline: 3px solid $focus; outline-offset: 2px; }
 .skip { position: absolute; left: -999px; }
 .skip:focus { left: 1rem; top: .5rem; background: $background; padding: .25rem .5rem; }
 h1 { font-size: 1.6rem; margin: 1rem 0 .5rem; }
 h2 { font-size: 1.2rem; margin: 1.25rem 0 .5rem; }
 .muted, .note { color: $muted; }
 form { display: flex; flex-wrap: wrap; gap: .5rem 1rem; align-items: end; margin: .5rem 0; }
 form label { display: flex; flex-direction: column; font-size: .9rem; font-weight: 600;
   max-width: 100%; }
 select, input, button { font: inherit; max-width: 100%; }
 select, input { padding: .25rem; border: 1px solid #666; border-radius: 3px;
   background: $background; color: $text; }
 form button { padding: .3rem .9rem; border: 1px solid $link; border-radius: 3px;
   background: $link; color: #fff; cursor: pointer; }
 .report-choice select { width: 40rem; }
 .summary { display: flex; flex-direction: column; gap: .75rem; max-width: 48rem; }
 .summary svg { display: block; width: 100%; }
 .summary svg text { fill: #fff; font: bold 15px system-ui, sans-serif; }
 .summary rect { stroke: #fff; stroke-width: 2; }
 table { border-collapse: collapse; }
 caption { text-align: left; font-weight: 600; padding: .25rem 0; }
 th, td { padding: .35rem .5rem; text-align: left; vertical-align: top;
   border-bottom: 1px solid #ccc; }
 thead th { background: $header; font-size: .9rem; vertical-align: bottom; }
 td.num, th.num { text-align: right; }
 td.date { white-space: nowrap; }
 .legal-date { display: block; font-size: .85rem; color: $muted; white-space: nowrap; }
 .counts { align-self: flex-start; }
 .counts td:last-child { text-align: right; }
 .scroll { overflow-x: auto; max-width: 100%; border: 1px solid #ccc; }
 #tracker { width: 100%; min-width: 62rem; }
 #tracker td:nth-child(2) { min-width: 16rem; }
 th button { font: inherit; font-weight: 600; color: $link; background: none; border: 0;
   padding: 0; cursor: pointer; text-decoration: underline; text-align: left; }
 th button::after { content: "\\A0\\2195" / ""; color: $muted; }
 th[aria-sort=ascending] button::after { content: "\\A0\\25B2" / ""; color: inherit; }
 th[aria-sort=descending] button::after { content: "\\A0\\25BC" / ""; color: inherit; }
 .badge { display: inline-block; color: #fff; border-radius: .3rem; padding: 0 .45rem;
   font-size: .9rem; white-space: nowrap; }
 .swatch { display: inline-block; width: .9rem; height: .9rem; border-radius: 2px;
   vertical-align: -.1rem; margin-right: .35rem; }
 tr[hidden] { display: none; }
 .scroll-hint { display: none; }
 .downloads a { margin-right: .75rem; }
 @media (max-width: 40rem) {
   form { flex-direction: column; align-items: stretch; }
   .report-choice select { width: 100%; }
   h1 { font-size: 1.35rem; }
   .scroll-hint { display: block; }
 }
""").substitute(PAGE_COLOURS)

PAGE = (
    """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tracker: {report_title} - policy-kg</title>
<link rel="icon" href="data:,">
<style>"""
    + CSS.replace("{", "{{").replace("}", "}}")
    + " "
    + _palette_css().replace("{", "{{").replace("}", "}}")
    + """
</style>
<script src="{script}" defer></script>
</head>
<body>
<a class="skip" href="#tracker-region">Skip to the table</a>
<header><nav aria-label="Site"><a href="/" aria-current="page">Tracker</a>
<a href="/viz">Network overview</a><a href="/graphiql">GraphiQL</a>
<a href="/link">Link a text</a></nav></header>
<main>
<h1>Recommendations tracker</h1>
<form class="report-choice" method="get" action="/">
 <label for="report">Report <select id="report" name="report">{report_options}</select></label>
 <label for="as-of">Status as of <input type="date" id="as-of" name="asOf" value="{as_of}">
 </label>
 <button type="submit">Show</button>
</form>
<h2 id="report-heading"><a href="{report_url}">{report_title}</a></h2>
<p class="muted">Issued {report_issued} · {total} recommendations · latest reported status as of
 {day}{today} · <a href="{report_timeline}">Timeline</a> ·
 <a href="{report_feed}">Atom feed of its events</a></p>

<section aria-labelledby="summary-heading">
<h3 id="summary-heading">Latest reported status of its {total} recommendations</h3>
<div class="summary">
{svg}
{counts_table}
</div>
</section>

<h3 id="filters-heading">Filter and sort</h3>
<form id="filters" class="filters" method="get" action="/" aria-labelledby="filters-heading">
 <input type="hidden" name="report" value="{report_key}">
 <input type="hidden" name="asOf" value="{as_of}">
 <input type="hidden" name="sort" value="{sort}">
 <input type="hidden" name="dir" value="{dir}">
 <label for="f-status">Latest status <select id="f-status" name="status">{status_options}
 </select></label>
 <label for="f-stance">Government stance <select id="f-stance" name="stance">{stance_options}
 </select></label>
 <label for="f-body">Lead body <select id="f-body" name="body">{body_options}</select></label>
 <label for="f-q">Text <input type="search" id="f-q" name="q" value="{q}"></label>
 <button type="submit">Filter</button>
 <a id="clear" href="{clear_url}">Clear the filters</a>
</form>
<p id="shown" role="status">{shown_text}</p>
<p class="downloads">Download the rows shown:
 <a id="download-csv" data-download="/tracker.csv" href="{csv_url}">CSV</a>
 <a id="download-json" data-download="/tracker.json" href="{json_url}">JSON</a></p>
<p class="scroll-hint muted">The table scrolls sideways.</p>
<div class="scroll" id="tracker-region" tabindex="0" role="region"
 aria-labelledby="tracker-caption">
<table id="tracker" data-sort="{sort}" data-dir="{dir}" data-total="{total}">
<caption id="tracker-caption">Recommendations as of {day}</caption>
<thead><tr>{headers}</tr></thead>
<tbody>
{rows}
</tbody>
</table>
</div>
<h3>About the columns</h3>
<ul class="note">
<li><strong>Latest reported status</strong>: the latest status event on or before the day (the
 later date; on one date, the status further along in delivery).</li>
<li id="legal-note"><strong>Legal status</strong>: how far the law has carried it on the day
 (no bill, bill lapsed, introduced, passed one House, both Houses, Royal Assent, partly in force,
 in force), with the day that stage was reached; derived from the cited legislative record
 (bills, their stages, Acts, commencement), not from what is reported, so it may differ from the
 latest reported status. <em>No change to the law</em>: it asks none (no link to legislation it
 amends or creates). Each recommendation's page shows the chain and its sources.</li>
<li><strong>Last event</strong>: the latest of the recommendation's status events, the
 government's response and the report's publication, on or before the day;
 <strong>Days since</strong>: from it to the day.</li>
<li><strong>Echoes</strong>: how many earlier inquiries' recommendations it repeats.</li>
</ul>
</main>
</body></html>
"""
)


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _options(choices: list[tuple[str, str]], chosen: str) -> str:
    return "".join(
        f'<option value="{_e(v)}"{" selected" if v == chosen else ""}>{_e(label)}</option>'
        for v, label in choices
    )


def query_string(t: Tracker, filters: Filters | None = None, sort=None) -> str:
    """The URL query of a view: the report, the asked day, the filters and a sort that is not
    the default (tracker.js writes the same)."""
    filters = t.filters if filters is None else filters
    sort = t.sort if sort is None else sort
    params = [("report", t.report["key"])]
    if t.asked_day:
        params.append(("asOf", t.day))
    for name in ("status", "stance", "body", "q"):
        if getattr(filters, name):
            params.append((name, getattr(filters, name)))
    if sort != DEFAULT_SORT:
        params += [("sort", sort[0]), ("dir", sort[1])]
    return urlencode(params)


def _svg(t: Tracker) -> str:
    """The counts by status as one stacked bar, each part in its status's colour with its count
    written on it (where it fits); the table beside it says the same in words. Positions are
    percentages, so the bar takes the width it is given and its text keeps its size."""
    total = sum(c["count"] for c in t.counts)
    words = ", ".join(f"{c['count']} {c['label']}" for c in t.counts) or "no recommendations"
    parts, x = [], 0.0
    for c in t.counts:
        share = 100 * c["count"] / total if total else 0
        label = f"{c['count']} {c['label']}"
        parts.append(f'<rect class="{_status_class(c["key"])}" x="{x:.2f}%" y="0" '
                     f'width="{share:.2f}%" height="{BAR_HEIGHT}"><title>{_e(label)}</title>'
                     "</rect>")  # fmt: skip
        if share >= 5:
            parts.append(f'<text x="{x + share / 2:.2f}%" y="{BAR_HEIGHT // 2 + 5}" '
                         f'text-anchor="middle">{c["count"]}</text>')  # fmt: skip
        x += share
    return (f'<svg id="summary-bar" role="img" aria-label="{_e(words)}" width="100%" '
            f'height="{BAR_HEIGHT}">' + "".join(parts) + "</svg>")  # fmt: skip


def _counts_table(t: Tracker) -> str:
    rows = []
    for c in t.counts:
        href = "?" + query_string(t, Filters(status=c["key"]))
        rows.append(
            f'<tr><td><span class="swatch {_status_class(c["key"])}"></span>'
            f'<a href="{_e(href)}" data-filter-status="{_e(c["key"])}">{_e(c["label"])}</a></td>'
            f"<td>{c['count']}</td></tr>"
        )
    total = sum(c["count"] for c in t.counts)
    return ('<table class="counts" id="status-counts"><caption>Recommendations by latest '
            'reported status</caption><thead><tr><th scope="col">Status</th>'
            '<th scope="col" class="num">Recommendations</th></tr></thead><tbody>'
            + "".join(rows) + f'</tbody><tfoot><tr><th scope="row">All</th><td>{total}</td>'
            "</tr></tfoot></table>")  # fmt: skip


def _header(column: Column, sort: tuple[str, str]) -> str:
    numeric = ' class="num"' if column.kind == "num" and column.name in NUMERIC else ""
    described = f' aria-describedby="{NOTES[column.name]}"' if column.name in NOTES else ""
    if column.kind is None:
        return (f'<th scope="col" data-column="{column.name}"{described}>'
                f"{_e(column.heading)}</th>")  # fmt: skip
    aria = ""
    if column.name == sort[0]:
        aria = f' aria-sort="{"descending" if sort[1] == "desc" else "ascending"}"'
    return (f'<th scope="col"{numeric} data-column="{column.name}" data-type="{column.kind}"'
            f'{aria}{described}><button type="button">{_e(column.heading)}</button>'
            "</th>")  # fmt: skip


def _row_html(row: Row, keep: bool) -> str:
    def sort_attr(column):
        value = row.sort_value(column)
        return "" if value is None else _e(value)

    def shown(text):
        return _e(text) if text else "—"

    cells = [
        f'<td class="num" data-sort="{sort_attr("number")}">{row.number}</td>',
        f'<td data-sort="{sort_attr("title")}"><a href="{_e(row.url)}">{_e(row.title)}</a></td>',
        f'<td data-sort="{sort_attr("body")}">{shown(row.body_text)}</td>',
        f'<td data-sort="{sort_attr("stance")}">{_e(row.stance_label)}</td>',
        f'<td data-sort="{sort_attr("status")}"><span class="badge '
        f'{_status_class(row.status_key)}">{_e(row.status_label)}</span></td>',
        _legal_cell(row, sort_attr("legal")),
        f'<td class="date" data-sort="{sort_attr("last")}">{shown(row.last)}</td>',
        f'<td class="num" data-sort="{sort_attr("days")}">'
        f"{shown('' if row.days is None else row.days)}</td>",
        f'<td class="num" data-sort="{sort_attr("echoes")}">{row.echoes}</td>',
    ]
    return (f'<tr data-number="{row.number}" data-status="{_e(row.status_key)}" '
            f'data-stance="{_e(row.stance_key)}" data-bodies="{_e(" ".join(row.body_keys))}" '
            f'data-text="{_e(row.text())}"{"" if keep else " hidden"}>'
            + "".join(cells) + "</tr>")  # fmt: skip


def _legal_cell(row: Row, sort: str) -> str:
    """The legal status: its stage and the day it was reached, or that it asks no change."""
    if row.legal is None:
        return (f'<td data-sort="{sort}"><span class="muted" title="{_e(NO_LEGAL_CHANGE_WHY)}">'
                f"{_e(NO_LEGAL_CHANGE)}</span></td>")  # fmt: skip
    date = f' <time class="legal-date">{_e(row.legal_date)}</time>' if row.legal_date else ""
    return (f'<td data-sort="{sort}"><span class="legal legal-{_e(row.legal.token)}">'
            f"{_e(row.legal.label)}</span>{date}</td>")  # fmt: skip


def shown_text(shown: int, total: int) -> str:
    """The line saying how many rows are shown (tracker.js writes the same words)."""
    return f"Showing {shown} of {total} recommendations."


def page_html(t: Tracker, base: str) -> str:
    rows = order(t.rows, t.sort)
    kept = [r for r in rows if t.filters.keeps(r)]
    report_choices = [(r["key"], f"{r['title']} ({r['issued'][:4]}; {r['count']} "
                       f"recommendation{'s' * (r['count'] != 1)})") for r in t.reports]  # fmt: skip
    statuses = [("", "any")] + [(c.notation, c.label) for c in STATUS]
    statuses.append((NONE, NONE_LABELS["STATUS"]))
    stances = [("", "any")] + [(c.notation, c.label) for c in STANCE]
    stances.append((NONE, NONE_LABELS["STANCE"]))
    bodies = {key: name for r in t.rows for key, name, _iri in r.bodies}
    body_choices = [("", "any"), *sorted(bodies.items(), key=lambda kv: kv[1].lower())]
    if any(not r.bodies for r in t.rows):
        body_choices.append((NONE, NONE_LABELS["BODY"]))
    if t.filters.body and t.filters.body not in dict(body_choices):
        body_choices.append((t.filters.body, t.filters.body))  # asked for: shown as chosen
    download = query_string(t)
    key = t.report["key"]
    clear = urlencode([("report", key)] + ([("asOf", t.day)] if t.asked_day else []))
    from .feeds import feed_path  # here: kg.web.feeds imports kg.web.pages
    from .timeline import timeline_path

    return PAGE.format(
        script=SCRIPT,
        report_title=_e(t.report["title"]),
        report_options=_options(report_choices, key),
        as_of=_e(t.day if t.asked_day else ""),
        report_url=_e(entity_url(base, t.report["id"])),
        report_feed=_e(feed_path(base, {KIND.Report.iri}, t.report["id"]) or "/feed.atom"),
        report_timeline=_e(timeline_path(base, t.report["id"])),
        report_issued=_e(t.report["issued"]),
        report_key=_e(key),
        total=len(t.rows),
        day=_e(t.day),
        today="" if t.asked_day else " (today)",
        svg=_svg(t),
        counts_table=_counts_table(t),
        sort=_e(t.sort[0]),
        dir=_e(t.sort[1]),
        status_options=_options(statuses, t.filters.status),
        stance_options=_options(stances, t.filters.stance),
        body_options=_options(body_choices, t.filters.body),
        q=_e(t.filters.q),
        clear_url=_e("/?" + clear),
        shown_text=shown_text(len(kept), len(t.rows)),
        csv_url=_e("/tracker.csv?" + download),
        json_url=_e("/tracker.json?" + download),
        headers="".join(_header(c, t.sort) for c in COLUMNS),
        rows="\n".join(_row_html(r, t.filters.keeps(r)) for r in rows),
    )


def rows_csv(rows: list[Row]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for row in rows:
        writer.writerow([*row.cells(), row.id])
    return out.getvalue()


def rows_json(t: Tracker, rows: list[Row]) -> dict:
    return {
        "report": {k: t.report[k] for k in ("id", "key", "title", "issued")},
        "asOf": t.day,
        "filters": {k: v for k, v in vars(t.filters).items() if v},
        "sort": {"column": t.sort[0], "direction": t.sort[1]},
        "total": len(t.rows),
        "rows": [
            {
                "id": r.id,
                "url": r.url,
                "number": r.number,
                "title": r.title,
                "leadBodies": [{"key": k, "name": n, "id": i} for k, n, i in r.bodies],
                "stance": {"key": r.stance_key, "label": r.stance_label},
                "status": {"key": r.status_key, "label": r.status_label, "date": r.status_date},
                "legalStatus": {"key": r.legal_key, "label": r.legal_label, "date": r.legal_date},
                "lastEvent": r.last,
                "daysSince": r.days,
                "echoes": r.echoes,
            }
            for r in rows
        ],
    }


_STATIC_NAME = re.compile(r"[a-z0-9][a-z0-9-]*\.(js|css)")


async def static_file(request: Request) -> Response:
    """The app's own scripts and styles (kg/web/static/), revalidated on each load (ETag)."""
    name = request.path_params["name"]
    path = STATIC / name
    if not _STATIC_NAME.fullmatch(name) or not path.is_file():
        raise NotFound(f"no static file {name!r}")
    return FileResponse(path, media_type=STATIC_TYPES[path.suffix],
                        headers={"Cache-Control": "no-cache"})  # fmt: skip


def routes(build: Build) -> list[Route]:
    """`/` (the tracker), `/tracker.csv`, `/tracker.json`, and `/static/{name}`."""

    def home(request: Request):  # sync: Starlette runs it in a thread
        return HTMLResponse(page_html(tracker(build, request), build.base))

    def as_csv(request: Request):
        t = tracker(build, request)
        disposition = f'attachment; filename="tracker-{t.report["key"]}.csv"'
        return Response(rows_csv(t.shown()), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": disposition})  # fmt: skip

    def as_json(request: Request):
        t = tracker(build, request)
        disposition = f'inline; filename="tracker-{t.report["key"]}.json"'
        return JSONResponse(rows_json(t, t.shown()),
                            headers={"Content-Disposition": disposition})  # fmt: skip

    return [
        Route("/", home),
        Route("/tracker.csv", as_csv),
        Route("/tracker.json", as_json),
        Route("/static/{name}", static_file),
    ]
