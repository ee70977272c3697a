"""The tracker (the home page) in headless Chromium, over the bundled corpus: its rows are
GraphQL's, a header's button sorts them (mouse or keyboard) and says so in aria-sort, the
filters leave GraphQL's rows, the CSV download is the rows shown, and at a phone's width only
the table scrolls; no request leaves the machine, no console error, no CSP violation."""

from __future__ import annotations

import csv
import io
import itertools
from urllib.parse import parse_qs, urlparse

import httpx
import pytest

from kg.web import create_app
from kg.web.settings import ServeSettings
from ontology.vocabulary import LEGAL_STAGE, STANCE, STATUS

DAY = "2026-01-01"
ROWS = """query($status: DeliveryStatus, $asOf: Date) {
  recommendations(report: "casey-2025", status: $status, asOf: $asOf, first: 100) {
    edges { node { number title responsibilities(role: LEAD) { body { name } }
      response { stance } status(asOf: $asOf) { status } } } } }"""


@pytest.fixture(scope="module")
def server(bundled_build, live_server):
    app = create_app(bundled_build, settings=ServeSettings(rate_limits=False))
    with live_server(app) as running:
        yield running


@pytest.fixture
def tracker(offline_page, server):
    """An offline page (only the server may be reached) that records CSP violations, and
    console messages naming the CSP whatever their level."""
    return offline_page(server.url).watch()


def open_tracker(offline, server, query: str = f"?report=casey-2025&asOf={DAY}"):
    offline.page.goto(server.url + "/" + query)
    offline.page.wait_for_function("() => window.kgTrackerReady === true", timeout=30_000)
    return offline.page


def graphql_rows(server, status: str | None = None) -> list[list[str]]:
    """GraphQL's answer as the table's first five columns would show it."""
    variables = {"status": status, "asOf": DAY}
    answer = httpx.post(server.url + "/graphql", json={"query": ROWS, "variables": variables})
    rows = []
    for edge in answer.json()["data"]["recommendations"]["edges"]:
        node = edge["node"]
        stance = STANCE.by_notation(node["response"]["stance"]).label
        rows.append([str(node["number"]), node["title"],
                     "; ".join(r["body"]["name"] for r in node["responsibilities"]),
                     stance, STATUS.by_notation(node["status"]["status"]).label])  # fmt: skip
    return rows


LEGAL = """query($asOf: Date) { recommendations(report: "casey-2025", first: 100) {
    edges { node { legalStatus(asOf: $asOf) { stage date } } } } }"""


def as_shown(row: list[str], between: str) -> list[str]:
    """A CSV row as the table's nine cells: the legal status and its date share one cell."""
    legal = between.join(v for v in row[5:7] if v)
    return [*row[:5], legal, *row[7:10]]


def legal_cells(server) -> list[str]:
    """GraphQL's legal statuses as the table's legal status column would show them."""
    answer = httpx.post(server.url + "/graphql", json={"query": LEGAL, "variables": {"asOf": DAY}})
    cells = []
    for edge in answer.json()["data"]["recommendations"]["edges"]:
        found = edge["node"]["legalStatus"]
        if found is None:
            cells.append("no change to the law")
        else:
            label = LEGAL_STAGE.by_notation(found["stage"]).label
            cells.append(f"{label}\n{found['date']}" if found["date"] else label)
    return cells


def visible_rows(page) -> list[list[str]]:
    return page.evaluate(
        """() => [...document.querySelectorAll('#tracker tbody tr')]
            .filter(r => !r.hidden && r.offsetParent !== null)
            .map(r => [...r.cells].map(c => c.innerText.trim()))"""
    )


def aria_sorts(page) -> dict[str, str]:
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll('#tracker th[aria-sort]')]
            .map(th => [th.dataset.column, th.getAttribute('aria-sort')]))"""
    )


def test_the_rows_are_graphqls(tracker, server):
    page = open_tracker(tracker, server)
    shown = visible_rows(page)
    assert len(shown) == 12
    assert [row[:5] for row in shown] == graphql_rows(server)
    assert page.inner_text("#shown") == "Showing 12 of 12 recommendations."
    assert aria_sorts(page) == {"number": "ascending"}
    # the legal status is GraphQL's legalStatus: its stage and day, or no change to the law
    assert [row[5] for row in shown] == legal_cells(server)
    assert "derived from the cited legislative record" in page.inner_text("#legal-note")
    tracker.assert_clean()


def test_the_legal_status_sorts_in_delivery_order(tracker, server):
    page = open_tracker(tracker, server)
    page.click("th[data-column=legal] button")
    assert aria_sorts(page) == {"legal": "ascending"}
    orders = {s.label: s.order for s in LEGAL_STAGE}

    def order(cell):
        return orders.get(cell.split("\n")[0])

    shown = [order(row[5]) for row in visible_rows(page)]
    present = [o for o in shown if o is not None]
    assert shown == sorted(present) + [None] * (len(shown) - len(present))  # none last
    page.click("th[data-column=legal] button")
    shown = [order(row[5]) for row in visible_rows(page)]
    assert shown == sorted(present, reverse=True) + [None] * (len(shown) - len(present))
    assert parse_qs(urlparse(page.url).query)["sort"] == ["legal"]
    tracker.assert_clean()


def test_clicking_a_header_sorts_and_sets_aria_sort(tracker, server):
    page = open_tracker(tracker, server)
    page.click("th[data-column=days] button")
    days = [int(row[7]) for row in visible_rows(page)]
    assert days == sorted(days)
    assert aria_sorts(page) == {"days": "ascending"}
    page.click("th[data-column=days] button")
    shown = visible_rows(page)
    assert [int(row[7]) for row in shown] == sorted(days, reverse=True)
    assert aria_sorts(page) == {"days": "descending"}
    # equal days stay in number order
    for a, b in itertools.pairwise(shown):
        if a[7] == b[7]:
            assert int(a[0]) < int(b[0])
    # the URL says the view, and the server shows the same rows for it
    query = parse_qs(urlparse(page.url).query)
    assert (query["sort"], query["dir"], query["asOf"]) == (["days"], ["desc"], [DAY])
    page.click("th[data-column=title] button")
    titles = [row[1].lower() for row in visible_rows(page)]
    assert titles == sorted(titles)
    assert aria_sorts(page) == {"title": "ascending"}
    again = open_tracker(tracker, server, "?" + urlparse(page.url).query)
    assert [row[1].lower() for row in visible_rows(again)] == titles
    assert aria_sorts(again) == {"title": "ascending"}
    tracker.assert_clean()


def test_filtering_by_status_leaves_graphqls_rows(tracker, server):
    page = open_tracker(tracker, server)
    for status in ("IN_PROGRESS", "ENACTED", "NOT_STARTED"):  # none enacted on DAY: no rows
        page.select_option("#f-status", status)
        shown = visible_rows(page)
        assert [row[:5] for row in shown] == graphql_rows(server, status), status
        assert page.inner_text("#shown") == f"Showing {len(shown)} of 12 recommendations."
        assert parse_qs(urlparse(page.url).query)["status"] == [status]
    # and with text: the rows whose words hold it
    page.select_option("#f-status", "IN_PROGRESS")
    page.fill("#f-q", "POLICE")
    shown = visible_rows(page)
    assert shown and all("police" in " ".join(row[:5]).lower() for row in shown)
    assert len(shown) < len(graphql_rows(server, "IN_PROGRESS"))
    # a count beside the summary bar filters by its status
    page.fill("#f-q", "")
    page.click("#status-counts a[data-filter-status=LEGISLATING]")
    assert [row[:5] for row in visible_rows(page)] == graphql_rows(server, "LEGISLATING")
    assert page.input_value("#f-status") == "LEGISLATING"
    tracker.assert_clean()


def test_the_csv_download_is_the_visible_rows(tracker, server):
    page = open_tracker(tracker, server)
    page.select_option("#f-stance", "ACCEPTED")
    page.select_option("#f-body", "home-office")
    page.click("th[data-column=last] button")
    page.click("th[data-column=last] button")
    shown = visible_rows(page)
    assert 1 < len(shown) < 12
    with page.expect_download() as download:
        page.click("#download-csv")
    text = download.value.path().read_text(encoding="utf-8")
    assert download.value.suggested_filename == "tracker-casey-2025.csv"
    data = list(csv.reader(io.StringIO(text)))
    assert [as_shown(row, "\n") for row in data[1:]] == [
        [c.replace("—", "") for c in r] for r in shown]  # fmt: skip
    # the JSON link follows the same view
    json_url = page.get_attribute("#download-json", "href")
    answer = httpx.get(server.url + json_url).json()
    assert [str(r["number"]) for r in answer["rows"]] == [row[0] for row in shown]
    tracker.assert_clean()


def test_the_keyboard_reaches_the_sort_buttons_and_enter_sorts(tracker, server):
    page = open_tracker(tracker, server)
    page.locator("body").focus()
    reached = None
    for _ in range(60):
        page.keyboard.press("Tab")
        reached = page.evaluate(
            "() => document.activeElement.closest('th') ? "
            "document.activeElement.closest('th').dataset.column : null"
        )
        if reached:
            break
    assert reached == "number"  # the first sort button
    # focus is visible: an outline drawn around the focused button
    outline = page.evaluate("() => getComputedStyle(document.activeElement).outlineStyle")
    assert outline == "solid"
    for _ in range(7):  # number, title, body, stance, status, legal, last, days
        page.keyboard.press("Tab")
    focused = page.evaluate("() => document.activeElement.closest('th').dataset.column")
    assert focused == "days"
    page.keyboard.press("Enter")
    days = [int(row[7]) for row in visible_rows(page)]
    assert days == sorted(days)
    assert aria_sorts(page) == {"days": "ascending"}
    page.keyboard.press("Enter")
    assert aria_sorts(page) == {"days": "descending"}
    page.keyboard.press("Space")
    assert aria_sorts(page) == {"days": "ascending"}
    # the filters too: a select chosen from the keyboard filters
    page.focus("#f-status")
    page.keyboard.press("ArrowDown")  # any -> the first status
    assert page.input_value("#f-status") == STATUS.NOT_STARTED.notation
    assert {row[4] for row in visible_rows(page)} == {STATUS.NOT_STARTED.label}
    tracker.assert_clean()


def test_wide_and_phone_layouts(tracker, server):
    page = tracker.page
    page.set_viewport_size({"width": 1400, "height": 900})
    open_tracker(tracker, server, "?report=casey-2025")
    assert page.evaluate("document.documentElement.scrollWidth") <= 1400
    region = "document.getElementById('tracker-region')"
    assert page.evaluate(f"{region}.scrollWidth <= {region}.clientWidth + 1")  # no scrolling
    page.screenshot(path="/tmp/tracker-wide.png", full_page=True)
    page.set_viewport_size({"width": 390, "height": 844})
    open_tracker(tracker, server, "?report=casey-2025")
    # the page does not overflow; the table scrolls in its own container, from the keyboard too
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert page.evaluate(f"{region}.scrollWidth > {region}.clientWidth")
    assert page.get_attribute("#tracker-region", "tabindex") == "0"
    assert page.is_visible(".scroll-hint")
    page.screenshot(path="/tmp/tracker-phone.png", full_page=True)
    page.focus("#tracker-region")
    page.keyboard.press("ArrowRight")
    page.wait_for_function(f"() => {region}.scrollLeft > 0", timeout=5_000)
    tracker.assert_clean()
