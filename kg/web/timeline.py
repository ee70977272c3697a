"""A report's timeline, with its route: every recommendation of the report on one time axis,
one lane each, its dated status events as marks (`/timeline?report=casey-2025`, `?asOf=` and
`?recordedBy=` as on the entity pages; `/timeline` alone lists the reports).

Drawn on the server as SVG (no script): a lane is labelled "Rec N: short title" and links to
the recommendation's page; a mark's shape and colour say its status, and its title says it in
words (a legend and a table say it too: colour is never alone). A mark links to the event's
source (its first citation's URL, else the recommendation's page). A lane that has not moved
for a year (no status event in the last `STALE_DAYS` days of the axis, and not done) has the
tail after its last event shaded, with "no event since DATE"; a line above the chart names
them. The axis runs from the report's issue date to today, or to `?asOf=`.

The x positions are percentages of the drawing's width and the sizes are pixels, so the same
drawing fits a phone and a desktop: marks and text keep their size, the axis stretches.

The lanes' events are read through the Describer (a few round trips, whatever the number of
recommendations) and ordered by the shared rule (kg.rules.status), so a lane's marks are the
recommendation's `statusHistory` in GraphQL. Entity pages draw one lane with `chart`.
"""

from __future__ import annotations

import datetime as dt
import html
from dataclasses import dataclass
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from ontology import DCTERMS, PKG, RDFS
from ontology.vocabulary import KIND, STATUS, Concept

from ..api.context import Build, RequestContext, UserError
from ..describe import Describer, Description
from ..rules import status as status_rule
from .errors import BadRequest, NotFound
from .pages import STYLE_BLOCK, asked_dates, entity_url, sources_of, status_events, when_said

PATH = "/timeline"
#: A lane whose last event is at least this many days before the axis's end has not moved.
STALE_DAYS = 365
#: The longest title in a lane's label, on a wide screen and on a phone, before it is cut (at a
#: word) with an ellipsis; the label's title and the table hold the rest.
LONG_TITLE, SHORT_TITLE = 90, 36


# ------------------------------------------------------------------------------ status marks


@dataclass(frozen=True)
class Look:
    """How a status's mark is drawn: a path around (0, 0) and a fill (all strokes are dark,
    so every shape stands out from white whatever its fill)."""

    shape: str
    path: str
    fill: str


def _star(outer: float = 8.5, inner: float = 3.6) -> str:
    import math

    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = math.pi / 5 * i - math.pi / 2
        points.append(f"{radius * math.cos(angle):.2f},{radius * math.sin(angle):.2f}")
    return "M" + " L".join(points) + "Z"


_CIRCLE = "M7,0A7,7 0 1,1 -7,0A7,7 0 1,1 7,0Z"
#: Each delivery status's mark (Okabe-Ito colours, as the network views use): a different shape
#: for each, so that the marks read in grey and for colour-blind readers.
LOOKS: dict[Concept, Look] = {
    STATUS.NOT_STARTED: Look("open circle", _CIRCLE, "#FFFFFF"),
    STATUS.IN_PROGRESS: Look("diamond", "M0,-8.5L8.5,0L0,8.5L-8.5,0Z", "#56B4E9"),
    STATUS.LEGISLATING: Look("triangle", "M0,-8.5L8,6.5L-8,6.5Z", "#E69F00"),
    STATUS.STALLED: Look("square", "M-6.5,-6.5H6.5V6.5H-6.5Z", "#D55E00"),
    STATUS.ENACTED: Look("hexagon", "M-8,0L-4,-7L4,-7L8,0L4,7L-4,7Z", "#009E73"),
    STATUS.IN_FORCE: Look("star", _star(), "#0072B2"),
    STATUS.DELIVERED: Look("filled circle", _CIRCLE, "#000000"),
}
UNKNOWN = Look("small circle", "M4,0A4,4 0 1,1 -4,0A4,4 0 1,1 4,0Z", "#BBBBBB")
STROKE = "#1A1A1A"


def _mark_id(status: Concept | None) -> str:
    return "kg-mark-" + (status.token.replace("_", "-") if status else "unknown")


def look_of(status: Concept | None) -> Look:
    return LOOKS.get(status, UNKNOWN) if status else UNKNOWN


def status_words(status: Concept | None) -> str:
    return status.label if status else "unknown status"


#: The shapes and the shading, defined once per page; marks and icons refer to them. (An SVG
#: of its own, out of sight: its size is zero and it is hidden from assistive technology.)
DEFS = (
    '<svg class="defs" aria-hidden="true" focusable="false" width="0" height="0"><defs>'
    + "".join(f'<path id="{_mark_id(s)}" d="{look.path}"/>' for s, look in LOOKS.items())
    + f'<path id="{_mark_id(None)}" d="{UNKNOWN.path}"/>'
    + "</defs></svg>"
)


def icon(status: Concept | None) -> str:
    """A status's mark at text size, for legends, lists and tables (the words go beside it)."""
    look = look_of(status)
    return ('<svg class="icon" viewBox="-10 -10 20 20" aria-hidden="true" focusable="false">'
            f'<use href="#{_mark_id(status)}" fill="{look.fill}" stroke="{STROKE}" '
            'stroke-width="1.5"/></svg>')  # fmt: skip


def badge(status: Concept | None) -> str:
    """A status as its mark and its words."""
    return f'<span class="status">{icon(status)}{html.escape(status_words(status))}</span>'


#: The shading of a lane that has not moved for a year (its fill and border).
STALE_FILL, STALE_BORDER = "#FDEBD3", "#A65200"


def legend(shading: bool = True) -> str:
    """What each status's mark looks like (and, with `shading`, what the shading means)."""
    items = [f"<li>{badge(s)} <small>({html.escape(LOOKS[s].shape)})</small></li>" for s in STATUS]
    if shading:
        items.append('<li><svg class="icon swatch" viewBox="0 0 28 16" aria-hidden="true" '
                     f'focusable="false"><rect x="1" y="2" width="26" height="12" rx="2" '
                     f'fill="{STALE_FILL}" stroke="{STALE_BORDER}" stroke-dasharray="4 3"/>'
                     "</svg>no status event for a year or more</li>")  # fmt: skip
    return f'<ul class="legend" aria-label="What the marks mean">{"".join(items)}</ul>'


# ------------------------------------------------------------------------------ the lanes


@dataclass(frozen=True)
class Mark:
    """One dated status event of a lane."""

    iri: str
    date: str
    status: Concept | None
    href: str  # the event's first citation's URL, else the recommendation's page
    source: str | None  # the title of that citation's source
    authority: str | None  # and its authority's words
    note: str | None


@dataclass(frozen=True)
class Lane:
    """One recommendation and its status events, earliest first (the last is its latest)."""

    iri: str
    number: int
    title: str
    page: str  # the recommendation's page
    marks: tuple[Mark, ...]

    def label(self, limit: int = LONG_TITLE) -> str:
        """The label "Rec N: short title", cut to `limit` characters."""
        return f"Rec {self.number}: {short(self.title, limit)}"

    @property
    def latest(self) -> Mark | None:
        return self.marks[-1] if self.marks else None


def short(title: str, limit: int) -> str:
    """`title` cut at a word to at most `limit` characters, with an ellipsis if cut."""
    if len(title) <= limit:
        return title
    cut = title[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"


def recommendations_of(describer: Describer, report: Description) -> list[Description]:
    """The report's recommendations, by number."""
    found = [r for r in describer.referrers(report, PKG.report)
             if KIND.Recommendation.iri in r.types]  # fmt: skip
    return sorted(found, key=lambda r: int(r.text(PKG.number) or 0))


def lanes(describer: Describer, base: str, recommendations: list[Description], *,
          as_of=None, recorded_by=None) -> list[Lane]:  # fmt: skip
    """A lane per recommendation, with the events known on the day asked (kg.rules.status)."""
    result = []
    for rec in recommendations:
        page = entity_url(base, rec.iri)
        marks = []
        for event in status_events(describer.related(rec, PKG.statusEvent), as_of, recorded_by):
            cited = sources_of(describer, event)
            first = cited[0] if cited else None
            marks.append(Mark(
                iri=event.iri,
                date=event.text(PKG.date) or "",
                status=STATUS.by_iri(event.text(PKG.status) or ""),
                href=(first.url if first and first.url else page),
                source=first.title if first else None,
                authority=first.authority if first else None,
                note=event.text(PKG.note),
            ))  # fmt: skip
        title = rec.text(DCTERMS.title) or rec.text(RDFS.label) or rec.iri
        result.append(Lane(rec.iri, int(rec.text(PKG.number) or 0), title, page, tuple(marks)))
    return result


def stale_since(lane: Lane, start: dt.date, end: dt.date) -> dt.date | None:
    """The day since which the lane has not moved, if that is `STALE_DAYS` or more before
    `end` and the recommendation is not done: its last event's date (the axis's start when it
    has none). None when it has moved within the year, or is done."""
    latest = lane.latest
    if latest is not None and latest.status in status_rule.DONE:
        return None
    since = dt.date.fromisoformat(latest.date) if latest else start
    return since if (end - since).days >= STALE_DAYS else None


# ------------------------------------------------------------------------------ the drawing

_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def ticks(start: dt.date, end: dt.date) -> list[tuple[dt.date, bool]]:
    """Month starts inside the axis, at most about seven, each with whether it is major (a
    January, or any tick when they are a quarter or more apart; a phone hides the minor ones)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    step = next((s for s in (1, 2, 3, 6, 12, 24, 60, 120) if months / s <= 7), 240)
    found = []
    year, month = start.year, start.month
    while True:
        month += 1
        if month > 12:
            year, month = year + 1, 1
        day = dt.date(year, month, 1)
        if day > end:
            return found
        if not (year * 12 + month - 1) % step:
            found.append((day, month == 1 or step >= 3))


def tick_label(day: dt.date, yearly: bool) -> str:
    """A tick's words: "Jan 2026" for a January, "Apr" for the others (the axis's ends say
    their years); "2026" when the ticks are a year or more apart."""
    if yearly:
        return str(day.year)
    month = _MONTHS[day.month - 1]
    return f"{month} {day.year}" if day.month == 1 else month


def chart(lanes_: list[Lane], start: dt.date, end: dt.date, *, labels: bool = True,
          end_words: str = "today", labelled_by: str | None = None) -> str:  # fmt: skip
    """The lanes on one axis from `start` to `end`, as SVG (percentages across, pixels down).
    Without `labels`, no lane label row (a recommendation's own page)."""
    span = max((end - start).days, 1)

    def x(day: dt.date | str) -> str:
        if isinstance(day, str):
            day = dt.date.fromisoformat(day)
        return f"{max(0.0, min(100.0, (day - start).days / span * 100)):.2f}%"

    top, lane_height, bottom = 26, (54 if labels else 34), 24
    height = top + lane_height * len(lanes_) + bottom
    parts = []
    found = ticks(start, end)
    yearly = len(found) > 1 and (found[1][0] - found[0][0]).days > 300
    for day, major in found:
        if not 0.04 <= (day - start).days / span <= 0.96:  # too close to the ends' labels
            continue
        parts.append(f'<line class="grid" x1="{x(day)}" x2="{x(day)}" y1="{top - 6}" '
                     f'y2="{height - bottom + 4}" stroke="#DDDDDD"/>'
                     f'<text class="tick{"" if major else " minor"}" x="{x(day)}" y="16" '
                     f'text-anchor="middle">{tick_label(day, yearly)}</text>')  # fmt: skip
    for i, lane in enumerate(lanes_):
        y = top + i * lane_height
        track = y + (36 if labels else 17)
        row = [f'<g class="lane" data-number="{lane.number}" '
               f'data-recommendation="{html.escape(lane.iri, quote=True)}">']  # fmt: skip
        if labels:
            full = html.escape(f"Recommendation {lane.number}: {lane.title}")
            wide, narrow = html.escape(lane.label()), html.escape(lane.label(SHORT_TITLE))
            row.append(f'<a class="lane-label" href="{html.escape(lane.page, quote=True)}">'
                       f'<title>{full}</title><text class="long" x="0" y="{y + 16}">{wide}'
                       f'</text><text class="short" x="0" y="{y + 16}">{narrow}'
                       "</text></a>")  # fmt: skip
        since = stale_since(lane, start, end)
        line_end = x(since) if since else "100%"
        row.append(f'<line class="track" x1="0%" x2="{line_end}" y1="{track}" y2="{track}" '
                   'stroke="#767676" stroke-width="2"/>')  # fmt: skip
        if since:
            width = f"{100 - float(x(since)[:-1]):.2f}%"
            row.append(
                f'<rect class="stale" x="{x(since)}" y="{track - 11}" width="{width}" '
                f'height="22" rx="3" fill="{STALE_FILL}" stroke="{STALE_BORDER}" '
                'stroke-dasharray="4 3"/>'
                f'<text class="stale-note" x="100%" dx="-8" y="{track + 4}" text-anchor="end">'
                f"no event since {since.isoformat()}</text>"
            )
        for mark in lane.marks:
            look = look_of(mark.status)
            said = f"Rec {lane.number}, {mark.date}: {status_words(mark.status)}"
            said += f". Source: {mark.source}" if mark.source else ". No source link"
            row.append(
                f'<a class="mark" href="{html.escape(mark.href, quote=True)}" '
                f'data-date="{html.escape(mark.date)}" '
                f'data-status="{mark.status.notation if mark.status else ""}">'
                f"<title>{html.escape(said)}</title>"
                f'<use href="#{_mark_id(mark.status)}" x="{x(mark.date)}" y="{track}" '
                f'fill="{look.fill}" stroke="{STROKE}" stroke-width="1.5"/></a>'
            )
        row.append("</g>")
        parts.append("".join(row))
    base_y = height - 6
    parts.append(f'<text class="tick" x="0%" y="{base_y}">{start.isoformat()}</text>'
                 f'<text class="tick" x="100%" y="{base_y}" text-anchor="end">{end.isoformat()} '
                 f"({html.escape(end_words)})</text>")  # fmt: skip
    named = f' aria-labelledby="{labelled_by}"' if labelled_by else ""
    return (f'<div class="chart"><svg class="timeline" role="group"{named} width="100%" '
            f'height="{height}">{"".join(parts)}</svg></div>')  # fmt: skip


def table(lanes_: list[Lane]) -> str:
    """The chart as a table: a row per event (and one per lane without any)."""
    rows = []
    for lane in lanes_:
        rec = (f'<td data-label="Recommendation"><a href="{html.escape(lane.page, quote=True)}">'
               f"Rec {lane.number}</a></td>")  # fmt: skip
        if not lane.marks:
            rows.append(f'<tr>{rec}<td data-label="Date"></td><td data-label="Status">no status '
                        'event</td><td data-label="Source"></td></tr>')  # fmt: skip
        for mark in lane.marks:
            source = (f'<a href="{html.escape(mark.href, quote=True)}" rel="noreferrer">'
                      f"{html.escape(mark.source)}</a>" if mark.source else "")  # fmt: skip
            if mark.authority:
                source += f' <span class="authority {mark.authority}">{mark.authority}</span>'
            rows.append(f'<tr class="event" data-number="{lane.number}">{rec}'
                        f'<td data-label="Date"><time>{html.escape(mark.date)}</time></td>'
                        f'<td data-label="Status">{badge(mark.status)}</td>'
                        f'<td data-label="Source">{source}</td></tr>')  # fmt: skip
    return ('<table class="stack events-table"><thead><tr><th scope="col">Recommendation</th>'
            '<th scope="col">Date</th><th scope="col">Status</th><th scope="col">Source</th>'
            f"</tr></thead><tbody>{''.join(rows)}</tbody></table>")  # fmt: skip


def stale_summary(lanes_: list[Lane], start: dt.date, end: dt.date) -> str:
    """One line naming the lanes that have not moved for a year (shaded in the chart)."""
    stale = [(lane, since) for lane in lanes_ if (since := stale_since(lane, start, end))]
    if not lanes_:
        return '<p id="stale-summary">It makes no recommendation recorded here.</p>'
    if not stale:
        return ('<p id="stale-summary">Every recommendation not yet done has a status event '
                f"in the year before {end.isoformat()}.</p>")  # fmt: skip
    named = ", ".join(f'<a href="{html.escape(lane.page, quote=True)}">Rec {lane.number}</a> '
                      f"(no event since <time>{since.isoformat()}</time>)"
                      for lane, since in stale)  # fmt: skip
    return (f'<p id="stale-summary"><strong>Not moved for a year or more</strong> '
            f"({len(stale)} of {len(lanes_)}, shaded above): {named}.</p>")  # fmt: skip


# ------------------------------------------------------------------------------ the page

PAGE = (
    """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} - policy-kg</title>
<link rel="icon" href="data:,">
"""
    + STYLE_BLOCK
    + """</head>
<body data-report="{report_attr}">
<nav aria-label="Site"><a href="/viz">Network overview</a><a href="/graphiql">GraphiQL</a>
<a href="/link">Link a text</a></nav>
{defs}
<p class="kind">Timeline</p>
<h1>{title}</h1>
{body}
</body></html>
"""
)


def timeline_path(base: str, report_iri: str) -> str:
    """The timeline's URL for a report (by its key when it is ours)."""
    prefix = base + "/report/"
    key = report_iri[len(prefix) :] if report_iri.startswith(prefix) else report_iri
    return f"{PATH}?report={quote(key, safe='')}"


def report_timeline(build: Build, report_iri: str, as_of=None, recorded_by=None) -> str:
    describer = Describer(build.store)
    report = describer.get(report_iri)
    if KIND.Report.iri not in report.types:
        raise NotFound(f"no report {report_iri} in the graph")
    from .feeds import feed_path  # here: kg.web.feeds imports kg.web.pages, as this does

    issued = report.text(DCTERMS.issued)
    end = dt.date.fromisoformat(as_of) if as_of else dt.date.today()
    start = dt.date.fromisoformat(issued) if issued else end
    if as_of and start > end:
        raise BadRequest(f"asOf {as_of} is before the report was issued ({issued})")
    found = lanes(describer, build.base, recommendations_of(describer, report),
                  as_of=as_of, recorded_by=recorded_by)  # fmt: skip
    days = [dt.date.fromisoformat(m.date) for lane in found for m in lane.marks]
    start, end = min([start, *days]), max([end, *days])
    name = report.text(DCTERMS.title) or report.text(RDFS.label) or report_iri
    page = entity_url(build.base, report_iri)
    feed = feed_path(build.base, report.types, report_iri) or ""
    said = when_said(as_of, recorded_by)
    end_words = f"as of {as_of}" if as_of else "today"
    said = html.escape(said and ";" + said)
    body = f"""<p>Its {len(found)} recommendations from the report's issue
(<time>{start.isoformat()}</time>) to <time>{end.isoformat()}</time>
({html.escape(end_words)}){said}. Each mark is a status event and links to its source.
<a id="report-page" href="{html.escape(page, quote=True)}">The report's page</a> ·
<a id="report-feed" href="{html.escape(feed, quote=True)}">Atom feed of its events</a> ·
<a href="#events">The events as a table</a></p>
<h2 id="chart-heading">Status events by recommendation</h2>
{legend()}
{chart(found, start, end, end_words=end_words, labelled_by="chart-heading")}
{stale_summary(found, start, end)}
<h2 id="events">The events as a table</h2>
{table(found)}"""
    return PAGE.format(
        title=html.escape(f"Timeline: {name}"),
        report_attr=html.escape(report_iri, quote=True),
        defs=DEFS,
        body=body,
    )


def report_index(build: Build) -> str:
    """Every report, each with a link to its timeline (for /timeline without ?report=)."""
    from ..api import lists

    describer = Describer(build.store)
    reports = describer.get_many(lists.reports(build.store))
    reports.sort(key=lambda r: (r.text(DCTERMS.issued) or "", r.iri), reverse=True)
    items = "".join(
        f'<li><a href="{html.escape(timeline_path(build.base, r.iri), quote=True)}">'
        f"{html.escape(r.text(DCTERMS.title) or r.iri)}</a> "
        f"({html.escape(r.text(DCTERMS.issued) or 'undated')})</li>"
        for r in reports
    )
    return PAGE.format(title="Timelines of reports", report_attr="", defs="",
                       body=f"<p>Choose a report.</p><ul>{items}</ul>")  # fmt: skip


def routes(build: Build) -> list[Route]:
    """/timeline?report=KEY-or-IRI (with ?asOf=, ?recordedBy=); /timeline lists the reports."""

    def show(request: Request):  # sync: Starlette runs it in a thread
        unknown = sorted(set(request.query_params) - {"report", "asOf", "recordedBy"})
        if unknown:
            raise BadRequest(f"unknown parameter {unknown[0]!r}; a timeline takes report=, "
                             "asOf= and recordedBy=")  # fmt: skip
        as_of, recorded_by = asked_dates(request)
        value = request.query_params.get("report", "").strip()
        if not value:
            return HTMLResponse(report_index(build))
        try:
            iri = RequestContext(build).iri(value, "report")
        except UserError as exc:
            raise BadRequest(str(exc)) from None
        return HTMLResponse(report_timeline(build, iri, as_of, recorded_by))

    return [Route(PATH, show)]
