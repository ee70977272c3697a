"""The tracker (kg.web.tracker) and recommendationCounts over HTTP: the counts are the lengths of
the filtered lists, the rows are GraphQL's answer, the downloads are the rows shown, and the
page's colours meet WCAG AA."""

from __future__ import annotations

import csv
import io
import itertools
import re
from html.parser import HTMLParser

import httpx
import pytest

from kg.web import create_app
from kg.web.settings import ServeSettings
from kg.web.tracker import NONE_COLOUR, PAGE_COLOURS, STATUS_COLOURS
from ontology.vocabulary import LEGAL_STAGE, STANCE, STATUS

DIMENSIONS = ("STATUS", "STANCE", "BODY", "THEME", "REPORT")
DAY = "2026-01-01"
LIST = """query { recommendations(first: 100%s) { totalCount
  edges { node { id number report { key } response { stance }
    responsibilities(role: LEAD) { body { key } } themes { key } } } } }"""
COUNTS = """query { recommendationCounts(by: %s%s) { key label id count } }"""
ROWS = """query($report: ID!, $asOf: Date!) { report(id: $report) { issued recommendations {
  id number title responsibilities(role: LEAD) { body { key name } } response { stance issued }
  status(asOf: $asOf) { status date } echoes { id } } } }"""


@pytest.fixture(scope="module")
def bundled(bundled_build, live_server):
    app = create_app(bundled_build, settings=ServeSettings(rate_limits=False))
    with live_server(app) as server, httpx.Client(base_url=server.url, timeout=60) as client:
        yield client


@pytest.fixture(scope="module")
def small(fixture_build, live_server):
    app = create_app(fixture_build, settings=ServeSettings(rate_limits=False))
    with live_server(app) as server, httpx.Client(base_url=server.url, timeout=60) as client:
        yield client


def graphql(client, query: str, variables: dict | None = None) -> dict:
    response = client.post("/graphql", json={"query": query, "variables": variables or {}})
    answer = response.json()
    assert "errors" not in answer, answer
    return answer["data"]


def arguments(filters: dict) -> str:
    """GraphQL arguments from a dict, each after a comma (enum values bare, others quoted)."""
    parts = []
    for name, value in filters.items():
        if isinstance(value, list):
            parts.append(f"{name}: [{', '.join(value)}]")
        elif isinstance(value, bool):
            parts.append(f"{name}: {str(value).lower()}")
        elif name in ("status", "stance", "role"):
            parts.append(f"{name}: {value}")
        else:
            parts.append(f'{name}: "{value}"')
    return "".join(f", {part}" for part in parts)


def listed(client, filters: dict) -> list[dict]:
    data = graphql(client, LIST % arguments(filters))["recommendations"]
    assert data["totalCount"] == len(data["edges"])  # one page holds them all
    return [edge["node"] for edge in data["edges"]]


def values(by: str, node: dict) -> set[str]:
    """A recommendation's values in a dimension other than STATUS, from GraphQL's own fields
    ({"none"} for none)."""
    found = {
        "STANCE": {node["response"]["stance"]} if node["response"] else set(),
        "BODY": {r["body"]["key"] for r in node["responsibilities"]},
        "THEME": {t["key"] for t in node["themes"]},
        "REPORT": {node["report"]["key"]},
    }[by]
    return found or {"none"}


# ------------------------------------------------------------------------------ counts


@pytest.mark.parametrize(
    "filters",
    [{}, {"report": "casey-2025"}, {"report": "casey-2025", "asOf": "2025-10-01"},
     {"confirmed": True}, {"theme": "legal-reform"}, {"echoing": True},
     {"body": "home-office"}, {"statusNotIn": ["IN_PROGRESS"]}, {"text": "data"}],
    ids=lambda f: ",".join(f) or "unfiltered",
)  # fmt: skip
def test_counts_are_the_lengths_of_the_filtered_lists(bundled, filters):
    everything = listed(bundled, filters)
    for by in DIMENSIONS:
        counts = graphql(bundled, COUNTS % (by, arguments(filters)))
        rows = counts["recommendationCounts"]
        assert rows, by
        assert all(row["count"] > 0 for row in rows)
        assert len({row["key"] for row in rows}) == len(rows)
        for row in rows:
            if by != "STATUS":  # counted here from the list's own fields
                assert row["count"] == sum(row["key"] in values(by, n) for n in everything)
            argument = {"STATUS": "status", "STANCE": "stance", "BODY": "body", "THEME": "theme",
                        "REPORT": "report"}[by]  # fmt: skip
            if row["key"] == "none":
                if by != "STATUS":
                    continue
                narrowed = {"statusNotIn": list(STATUS.notations)}  # no status: not in any
            elif argument in filters:
                continue  # the list filter would replace the filter asked
            else:
                narrowed = {argument: row["key"], **({"role": "LEAD"} if by == "BODY" else {})}
            assert row["count"] == len(listed(bundled, {**filters, **narrowed})), (by, row)
        if by in ("STATUS", "STANCE", "REPORT"):  # one value each: the counts add up
            assert sum(row["count"] for row in rows) == len(everything), by


def test_counts_keys_and_order_come_from_the_vocabulary(bundled):
    rows = graphql(bundled, COUNTS % ("STATUS", ', report: "casey-2025", asOf: "2026-11-30"'))
    keys = [row["key"] for row in rows["recommendationCounts"]]
    assert keys == [c.notation for c in STATUS if c.notation in keys]
    labels = {row["key"]: row["label"] for row in rows["recommendationCounts"]}
    assert labels == {c.notation: c.label for c in STATUS if c.notation in keys}
    stances = graphql(bundled, COUNTS % ("STANCE", ""))["recommendationCounts"]
    assert [r["key"] for r in stances] == [*[c.notation for c in STANCE
                                            if c.notation in {r["key"] for r in stances}],
                                          "none"]  # fmt: skip
    bodies = graphql(bundled, COUNTS % ("BODY", ""))["recommendationCounts"]
    assert bodies[0]["id"] == "https://policy-kg.example/body/home-office"
    assert [r["count"] for r in bodies] == sorted((r["count"] for r in bodies), reverse=True)


# ------------------------------------------------------------------------------ rows


def expected_rows(client, report: str, day: str) -> list[dict]:
    """The tracker's rows worked out here from GraphQL's answer."""
    data = graphql(client, ROWS, {"report": report, "asOf": day})["report"]
    rows = []
    for rec in data["recommendations"]:
        status, response = rec["status"], rec["response"]
        dates = [data["issued"], status and status["date"], response and response["issued"]]
        last = max(d for d in dates if d and d <= day)
        rows.append({
            "id": rec["id"],
            "number": rec["number"],
            "title": rec["title"],
            "leadBodies": [r["body"]["key"] for r in rec["responsibilities"]],
            "stance": response["stance"] if response else "none",
            "status": status["status"] if status else "none",
            "statusDate": status["date"] if status else None,
            "lastEvent": last,
            "echoes": len(rec["echoes"]),
        })  # fmt: skip
    return rows


def simplified(rows: list[dict]) -> list[dict]:
    return [{"id": r["id"], "number": r["number"], "title": r["title"],
             "leadBodies": [b["key"] for b in r["leadBodies"]], "stance": r["stance"]["key"],
             "status": r["status"]["key"], "statusDate": r["status"]["date"],
             "lastEvent": r["lastEvent"], "echoes": r["echoes"]} for r in rows]  # fmt: skip


@pytest.mark.parametrize("day", ["2025-10-01", DAY, "2026-11-30"])
def test_the_rows_are_graphqls_answer(bundled, day):
    answer = bundled.get("/tracker.json", params={"report": "casey-2025", "asOf": day}).json()
    assert answer["asOf"] == day and answer["total"] == 12
    assert simplified(answer["rows"]) == expected_rows(bundled, "casey-2025", day)
    legal = graphql(bundled, LEGAL, {"asOf": day})["report"]["recommendations"]
    assert [r["legalStatus"] for r in answer["rows"]] == [expected_legal(r["legalStatus"])
                                                          for r in legal]  # fmt: skip
    for row in answer["rows"]:
        assert row["url"] == row["id"].removeprefix("https://policy-kg.example")
        days = (_date(day) - _date(row["lastEvent"])).days
        assert row["daysSince"] == days


LEGAL = """query($asOf: Date!) { report(id: "casey-2025") { recommendations {
  legalStatus(asOf: $asOf) { stage date } } } }"""


def expected_legal(found: dict | None) -> dict:
    """The tracker's legal status for GraphQL's legalStatus."""
    if found is None:
        return {"key": "none", "label": "no change to the law", "date": None}
    stage = LEGAL_STAGE.by_notation(found["stage"])
    return {"key": stage.notation, "label": stage.label, "date": found["date"]}


def _date(text):
    import datetime as dt

    return dt.date.fromisoformat(text)


def test_the_home_page_shows_the_newest_report_with_recommendations(bundled, small):
    page = bundled.get("/")
    assert page.status_code == 200
    assert "<title>Tracker: National Audit on Group-based Child Sexual" in page.text
    assert bundled.get("/tracker.json").json()["report"]["key"] == "casey-2025"
    # today, unless asked
    import datetime as dt

    assert bundled.get("/tracker.json").json()["asOf"] == dt.date.today().isoformat()
    assert small.get("/tracker.json").json()["report"]["key"] == "test-2025"
    # every report can be chosen, newest first
    options = re.findall(r'<option value="([^"]+)"(?: selected)?>[^<]*recommendation',
                         page.text)  # fmt: skip
    reports = graphql(bundled, "{ reports { key issued } }")["reports"]
    assert options == [r["key"] for r in sorted(reports, key=lambda r: r["issued"],
                                                 reverse=True)]  # fmt: skip


def test_missing_values_are_said(small):
    """test-2025/2 has no status, no response and no lead body."""
    answer = small.get("/tracker.json", params={"asOf": DAY}).json()
    second = answer["rows"][1]
    assert second["status"] == {"key": "none", "label": "no status reported", "date": None}
    assert second["stance"] == {"key": "none", "label": "no government response"}
    assert second["leadBodies"] == []
    text = small.get("/tracker.csv", params={"asOf": DAY}).text
    assert list(csv.reader(io.StringIO(text)))[2][:7] == [
        "2", "Do research", "", "no government response", "no status reported",
        "no change to the law", ""]  # fmt: skip
    table = visible_rows(small.get("/", params={"asOf": DAY}).text)
    assert table[1][:6] == ["2", "Do research", "—", "no government response",
                            "no status reported", "no change to the law"]  # fmt: skip
    assert second["legalStatus"] == {"key": "none", "label": "no change to the law",
                                     "date": None}  # fmt: skip


# ------------------------------------------------------------------------------ the downloads


class Table(HTMLParser):
    """The tracker table's rows as shown: their cells' text, hidden rows left out."""

    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self.headers: list[dict] = []
        self._in_table = self._in_body = self._keep = False
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "table" and attributes.get("id") == "tracker":
            self._in_table = True
        elif self._in_table and tag == "th":
            self.headers.append(attributes)
        elif self._in_table and tag == "tbody":
            self._in_body = True
        elif self._in_body and tag == "tr":
            self._keep = "hidden" not in attributes
            self.rows.append([])
        elif self._in_body and tag == "td":
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self.rows[-1].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "tr" and self._in_body and not self._keep:
            self.rows.pop()
        elif tag == "tbody":
            self._in_body = False
        elif tag == "table":
            self._in_table = False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def parsed(page: str) -> Table:
    table = Table()
    table.feed(page)
    return table


def visible_rows(page: str) -> list[list[str]]:
    return parsed(page).rows


VIEWS = [
    {"status": "IN_PROGRESS"},
    {"status": "IN_PROGRESS", "sort": "days", "dir": "desc"},
    {"body": "department-for-education", "sort": "last", "dir": "asc"},
    {"q": "police", "sort": "title", "dir": "desc"},
    {"stance": "ACCEPTED", "sort": "echoes", "dir": "desc"},
    {"status": "none"},
    {},
]


@pytest.mark.parametrize("view", VIEWS, ids=lambda v: ",".join(f"{k}={x}" for k, x in v.items()))
def test_the_downloads_are_the_rows_shown(bundled, view):
    params = {"report": "casey-2025", "asOf": DAY, **view}
    page = bundled.get("/", params=params).text
    shown = visible_rows(page)
    data = list(csv.reader(io.StringIO(bundled.get("/tracker.csv", params=params).text)))
    assert data[0] == ["number", "title", "lead_body", "stance", "status", "legal_status",
                       "legal_status_date", "last_event", "days_since", "echoes", "id"]  # fmt: skip
    # same rows, same order, same values ("—" on the page is empty in the file; the legal
    # status and its date share a cell)
    assert [as_shown(row) for row in data[1:]] == [[c.replace("—", "") for c in r] for r in shown]
    answer = bundled.get("/tracker.json", params=params).json()
    assert [r["id"] for r in answer["rows"]] == [row[10] for row in data[1:]]
    assert f"Showing {len(shown)} of 12 recommendations." in page
    # the page's download links carry the same view
    csv_link = html_unescape(re.search(r'id="download-csv"[^>]*href="([^"]+)"', page)[1])
    assert bundled.get(csv_link).text == bundled.get("/tracker.csv", params=params).text


def as_shown(row: list[str]) -> list[str]:
    """A CSV row as the table's nine cells: the legal status and its date share one cell."""
    return [*row[:5], " ".join(v for v in row[5:7] if v), *row[7:10]]


def html_unescape(text):
    import html

    return html.unescape(text)


def test_filtering_by_status_is_graphqls_status_filter(bundled):
    for status in (*STATUS.notations, "none"):
        answer = bundled.get(
            "/tracker.json", params={"report": "casey-2025", "asOf": DAY, "status": status}
        )
        argument = ({"statusNotIn": list(STATUS.notations)} if status == "none"
                    else {"status": status})  # fmt: skip
        nodes = listed(bundled, {"report": "casey-2025", "asOf": DAY, **argument})
        assert [r["number"] for r in answer.json()["rows"]] == [n["number"] for n in nodes]


def test_sorting_puts_missing_values_last_and_ties_by_number(bundled):
    params = {"report": "casey-2025", "asOf": "2025-10-01", "sort": "status", "dir": "desc"}
    rows = bundled.get("/tracker.json", params=params).json()["rows"]
    orders = [STATUS.by_notation(r["status"]["key"]).order for r in rows]
    assert orders == sorted(orders, reverse=True)
    for a, b in itertools.pairwise(rows):
        if a["status"]["key"] == b["status"]["key"]:
            assert a["number"] < b["number"]
    rows = bundled.get("/tracker.json", params={**params, "report": "hmicfrs-2023",
                                                 "sort": "days"}).json()["rows"]  # fmt: skip
    days = [r["daysSince"] for r in rows]
    present = [d for d in days if d is not None]
    assert days == sorted(present, reverse=True) + [None] * (len(days) - len(present))


def test_bad_requests(bundled):
    for params, status, said in [
        ({"status": "DONE"}, 400, "status must be one of NOT_STARTED"),
        ({"stance": "maybe"}, 400, "stance must be one of"),
        ({"sort": "colour"}, 400, "sort must be one of number, title"),
        ({"dir": "up"}, 400, "dir must be one of asc, desc"),
        ({"asOf": "2025-13-01"}, 400, "asOf must be a date written YYYY-MM-DD"),
        ({"report": "no-such-report"}, 404, "no report 'no-such-report'; the reports are:"),
    ]:
        for path in ("/", "/tracker.csv", "/tracker.json"):
            response = bundled.get(path, params=params)
            assert (response.status_code, said in response.text) == (status, True), (path, params)
    assert bundled.get("/static/nothing.js").status_code == 404
    assert bundled.get("/static/..%2Fapp.py").status_code == 404


def test_the_script_is_served_by_the_app(bundled):
    response = bundled.get("/static/tracker.js")
    assert response.status_code == 200
    assert response.headers["content-type"] == "text/javascript; charset=utf-8"
    assert "window.kgTrackerReady = true" in response.text
    page = bundled.get("/").text
    assert '<script src="/static/tracker.js" defer></script>' in page
    assert not re.search(r'(src|href)="(https?:)?//', page)  # nothing from elsewhere


# ------------------------------------------------------------------------------ accessibility


def test_the_table_is_marked_up_for_assistive_technology(bundled):
    page = bundled.get("/", params={"asOf": DAY, "sort": "days", "dir": "desc"}).text
    table = parsed(page)
    assert '<caption id="tracker-caption">' in page
    assert len(table.headers) == 9 and all(h.get("scope") == "col" for h in table.headers)
    sorted_headers = [h for h in table.headers if "aria-sort" in h]
    assert [(h["data-column"], h["aria-sort"]) for h in sorted_headers] == [("days", "descending")]
    # every sortable header is a button, so the keyboard reaches it
    assert page.count('<button type="button">') == 9
    # every control has a label
    for control in re.findall(r'<(?:select|input)[^>]*\bid="([^"]+)"', page):
        assert f'for="{control}"' in page, control
    # the status is always written, never colour alone
    for row in table.rows:
        assert row[4] in {c.label for c in STATUS} | {"no status reported"}
    assert 'role="img" aria-label="' in page  # the bar says its counts in words too
    assert '<table class="counts" id="status-counts"><caption>' in page
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page
    assert re.search(r"<[a-z][^>]*\sstyle\s*=", page) is None


def luminance(colour: str) -> float:
    """Relative luminance (WCAG 2.x) of #rrggbb."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_meets_wcag_aa():
    assert contrast("#ffffff", "#000000") == pytest.approx(21)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)
    assert set(STATUS_COLOURS) == set(STATUS)  # every status has its colour
    white, page = "#ffffff", PAGE_COLOURS["background"]
    for status, colour in STATUS_COLOURS.items():
        assert contrast(white, colour) >= 4.5, status  # the badges' text
        assert contrast(colour, page) >= 3, status  # the bar's parts, on the page
    assert contrast(white, NONE_COLOUR) >= 4.5
    assert len(set(STATUS_COLOURS.values()) | {NONE_COLOUR}) == len(STATUS) + 1
    for name in ("text", "muted", "link"):
        assert contrast(PAGE_COLOURS[name], page) >= 4.5, name
        assert contrast(PAGE_COLOURS[name], PAGE_COLOURS["header"]) >= 4.5, name
    assert contrast(white, PAGE_COLOURS["link"]) >= 4.5  # the buttons
    assert contrast(PAGE_COLOURS["focus"], page) >= 3  # the focus ring


def test_what_the_request_says_is_escaped(bundled):
    evil = '"><script>alert(1)</script>'
    page = bundled.get("/", params={"q": evil, "body": evil}).text
    assert "<script>alert(1)" not in page
    assert 'value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"' in page
    assert "Showing 0 of 12 recommendations." in page


# ------------------------------------------------------------------------------ legal status


@pytest.mark.parametrize(("day", "stage", "date"), [
    ("2003-06-01", "BILL_INTRODUCED", "2003-01-10"),
    ("2003-12-01", "ROYAL_ASSENT", "2003-11-20"),
    (DAY, "IN_FORCE", "2004-05-01"),
])  # fmt: skip
def test_the_legal_status_is_graphqls_in_every_form(small, day, stage, date):
    """test-2025/1's bill was introduced, passed and enacted in 2003, and the section that
    carries it came into force on 2004-05-01; test-2025/2 asks no change to the law."""
    stage = LEGAL_STAGE.by_notation(stage)
    params = {"asOf": day}
    rows = small.get("/tracker.json", params=params).json()["rows"]
    assert [r["legalStatus"] for r in rows] == [
        {"key": stage.notation, "label": stage.label, "date": date},
        {"key": "none", "label": "no change to the law", "date": None},
    ]
    data = list(csv.reader(io.StringIO(small.get("/tracker.csv", params=params).text)))
    assert [row[5:7] for row in data[1:]] == [[stage.label, date], ["no change to the law", ""]]
    page = small.get("/", params=params).text
    assert [row[5] for row in visible_rows(page)] == [f"{stage.label} {date}",
                                                      "no change to the law"]  # fmt: skip
    # the cells sort by the stage's order; "no change" has none, and says why
    assert f'<td data-sort="{stage.order}"><span class="legal' in page
    assert '<td data-sort=""><span class="muted" title="It asks no change to the law' in page


def test_the_legal_status_sorts_in_delivery_order_with_none_last(bundled, small):
    for direction in ("asc", "desc"):
        params = {"report": "casey-2025", "asOf": DAY, "sort": "legal", "dir": direction}
        rows = bundled.get("/tracker.json", params=params).json()["rows"]
        orders = [LEGAL_STAGE.by_notation(r["legalStatus"]["key"]).order
                  if r["legalStatus"]["key"] != "none" else None for r in rows]  # fmt: skip
        present = [o for o in orders if o is not None]
        assert orders == sorted(present, reverse=direction == "desc") + [None] * (
            len(orders) - len(present))  # fmt: skip
        for a, b in itertools.pairwise(rows):
            if a["legalStatus"]["key"] == b["legalStatus"]["key"]:
                assert a["number"] < b["number"]
    table = parsed(small.get("/", params={"sort": "legal", "dir": "desc"}).text)
    [legal] = [h for h in table.headers if h["data-column"] == "legal"]
    assert legal["aria-sort"] == "descending" and legal["aria-describedby"] == "legal-note"
    # the text filter finds a legal status's words too
    found = small.get("/tracker.json", params={"q": "in force", "asOf": DAY}).json()["rows"]
    assert [r["number"] for r in found] == [1]
