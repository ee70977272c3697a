"""The report timeline and a recommendation's page in headless Chromium, over the bundled
corpus: drawn as GraphQL says, at desktop and phone widths, under the Content-Security-Policy,
offline, readable (visible focus, contrast, no horizontal overflow)."""

from __future__ import annotations

import itertools
from pathlib import Path

import httpx
import pytest

from kg.web import create_app
from kg.web.settings import ServeSettings

B = "https://policy-kg.example"
#: Where the screenshots go (looked at by a person; nothing asserts on them).
SHOTS = Path("/tmp")
SIZES = ("desktop", "phone")  # conftest.SIZES: the layouts each page is looked at in

#: Each mark as drawn: its lane, data, and its box on the screen.
READ_MARKS = """() => [...document.querySelectorAll("svg.timeline g.lane")].map(g => ({
  number: Number(g.dataset.number), recommendation: g.dataset.recommendation,
  box: g.getBoundingClientRect().toJSON(),
  marks: [...g.querySelectorAll("a.mark")].map(a => ({
    date: a.dataset.date, status: a.dataset.status, href: a.getAttribute("href"),
    box: a.querySelector("use").getBoundingClientRect().toJSON()})),
  labels: [...g.querySelectorAll("a.lane-label text")]
    .filter(t => getComputedStyle(t).display !== "none")
    .map(t => ({text: t.textContent, box: t.getBoundingClientRect().toJSON()})),
}))"""


@pytest.fixture(scope="module")
def server(bundled_build, live_server):
    app = create_app(bundled_build, settings=ServeSettings(rate_limits=False))
    with live_server(app) as running:
        yield running


@pytest.fixture(scope="module")
def history(server):
    query = """{ report(id: "casey-2025") { recommendations { id number
        statusHistory { date status citations { url } } } } }"""
    answer = httpx.post(f"{server.url}/graphql", json={"query": query}, timeout=30).json()
    return answer["data"]["report"]["recommendations"]


@pytest.mark.parametrize("size", SIZES)
def test_the_timeline_draws_each_recommendation_s_history(watched, server, history, size):
    offline = watched(size)
    page = offline.page
    page.goto(f"{server.url}/timeline?report=casey-2025")
    lanes = page.evaluate(READ_MARKS)
    width = page.viewport_size["width"]
    # one lane per recommendation, in order, whose marks are its statusHistory
    assert [lane["number"] for lane in lanes] == list(range(1, 13))
    for lane, rec in zip(lanes, history, strict=True):
        assert lane["recommendation"] == rec["id"]
        events = rec["statusHistory"]
        assert [(m["date"], m["status"]) for m in lane["marks"]] == [
            (e["date"], e["status"]) for e in events
        ]
        assert [m["href"] for m in lane["marks"]] == [e["citations"][0]["url"] for e in events]
        # drawn: each mark on the screen, inside its lane, later events further right
        xs = []
        for mark in lane["marks"]:
            box = mark["box"]
            assert box["width"] > 10 and box["height"] > 10
            assert box["left"] >= 0 and box["right"] <= width
            assert lane["box"]["top"] <= box["top"] and box["bottom"] <= lane["box"]["bottom"]
            xs.append(box["left"])
        assert xs == sorted(xs)
        # one label shown (a shorter one on a phone), inside the page
        [label] = lane["labels"]
        assert label["text"].startswith(f"Rec {rec['number']}: ")
        assert label["box"]["right"] <= width
    # lanes one under the other
    tops = [lane["box"]["top"] for lane in lanes]
    assert all(b - a >= 30 for a, b in itertools.pairwise(tops))
    offline.assert_readable()
    page.screenshot(path=str(SHOTS / f"timeline-{size}.png"))
    offline.assert_clean()


def test_a_mark_links_to_its_source_and_takes_a_visible_focus(watched, server):
    offline = watched("desktop")
    page = offline.page
    page.goto(f"{server.url}/timeline?report=casey-2025")
    page.keyboard.press("Tab")  # the first link, by keyboard
    outline = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
                                       return [document.activeElement.textContent, s.outlineStyle,
                                               s.outlineWidth]; }""")  # fmt: skip
    assert outline == ["Network overview", "solid", "3px"]
    # Tab on to the first mark: its outline, and its shape drawn thicker
    for _ in range(60):
        page.keyboard.press("Tab")
        if page.evaluate("() => document.activeElement.matches('a.mark')"):
            break
    focused = page.evaluate("""() => { const a = document.activeElement;
        return [a.closest("g.lane").dataset.number, a.dataset.date,
                getComputedStyle(a).outlineStyle, getComputedStyle(a).outlineWidth,
                getComputedStyle(a.querySelector("use")).strokeWidth]; }""")  # fmt: skip
    assert focused == ["1", "2025-06-16", "solid", "3px", "3.5px"]
    offline.assert_clean()


@pytest.mark.parametrize("size", SIZES)
def test_a_recommendation_page_is_shaped_for_its_reader(watched, server, history, size):
    offline = watched(size)
    page = offline.page
    page.goto(f"{server.url}/report/casey-2025/recommendation/1")
    assert page.inner_text("h1") == (
        "Recommendation 1: Adults who penetrate a child under 16 are charged with rape"
    )
    headings = page.eval_on_selector_all("h2", "hs => hs.map(h => h.textContent)")
    assert headings[:4] == ["What it asks", "The government's response", "Its status over time",
                            "Who delivers it"]  # fmt: skip
    assert headings[-4:] == ["Facts", "Sources", "Links", "Linked from"]  # the full list, below
    lanes = page.evaluate(READ_MARKS)
    [lane] = lanes
    assert [(m["date"], m["status"]) for m in lane["marks"]] == [
        (e["date"], e["status"]) for e in history[0]["statusHistory"]
    ]
    assert lane["labels"] == []  # its own page: no lane label
    # the legal status, derived from the record, with its chain
    legal = page.locator("section[aria-labelledby=legal-status]")
    assert legal.locator(".legal-stage").inner_text().startswith("Legal status as of ")
    assert legal.locator("ol.chain > li").count() >= 1
    # a phone stacks the tables, each cell with its header
    source_cell = page.locator("section[aria-labelledby=sources-behind] tbody td").first
    before = source_cell.evaluate("td => getComputedStyle(td, '::before').content")
    assert before == ('"Source: "' if size == "phone" else "none")
    offline.assert_readable()
    page.screenshot(path=str(SHOTS / f"rec-{size}.png"))
    offline.assert_clean()
