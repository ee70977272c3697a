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
#: Runs before any script of each page: records every CSP violation the page reports.
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(
  e.effectiveDirective + " " + e.blockedURI + " " + (e.sample || "")));
"""
#: Where the screenshots go (looked at by a person; nothing asserts on them).
SHOTS = Path("/tmp")
SIZES = {"desktop": (1400, 900), "phone": (390, 844)}

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

#: Every visible text (HTML and SVG) whose contrast with what is behind it is below WCAG AA
#: (4.5:1; 3:1 for large text): [text, ratio].
LOW_CONTRAST = """() => {
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
                            return (x + 0.05) / (y + 0.05); };
  const behind = el => {
    if (el.matches("svg.timeline .stale-note")) {
      return rgb(getComputedStyle(el.parentNode.querySelector("rect.stale")).fill); }
    for (let e = el; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || (c.length === 4 && c[3] > 0)) { return c.slice(0, 3); }
    }
    return [255, 255, 255];
  };
  const low = [];
  for (const el of document.body.querySelectorAll("*")) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || !el.getClientRects().length || el.closest("title, style, script")) { continue; }
    const style = getComputedStyle(el);
    if (style.display === "none" || style.visibility === "hidden") { continue; }
    const svg = el instanceof SVGElement;
    const colour = rgb(svg ? style.fill : style.color).slice(0, 3);
    const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
    const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    const r = ratio(colour, behind(el));
    if (r < needed) { low.push([el.textContent.trim().slice(0, 40), r.toFixed(2)]); }
  }
  return low;
}"""


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


@pytest.fixture
def watched(offline_page, server):
    def make(size: str):
        offline = offline_page(server.url)
        offline.csp_messages = []
        offline.page.add_init_script(WATCH_VIOLATIONS)
        offline.page.on("console", lambda m: "Content Security Policy" in m.text
                        and offline.csp_messages.append(m.text))  # fmt: skip
        width, height = SIZES[size]
        offline.page.set_viewport_size({"width": width, "height": height})
        return offline

    return make


def assert_clean(offline):
    """Nothing refused by the policy, nothing sent elsewhere, no console error."""
    assert offline.page.evaluate("() => window.__violations") == []
    assert offline.csp_messages == []
    assert offline.external == []
    assert offline.errors == []


def assert_readable(page):
    """No horizontal overflow, and every text at least WCAG AA contrast."""
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], widths
    assert page.evaluate(LOW_CONTRAST) == []


@pytest.mark.parametrize("size", SIZES)
def test_the_timeline_draws_each_recommendation_s_history(watched, server, history, size):
    offline = watched(size)
    page = offline.page
    page.goto(f"{server.url}/timeline?report=casey-2025")
    lanes = page.evaluate(READ_MARKS)
    width = SIZES[size][0]
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
    assert_readable(page)
    page.screenshot(path=str(SHOTS / f"timeline-{'x'.join(map(str, SIZES[size]))}.png"))
    assert_clean(offline)


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
    assert_clean(offline)


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
    assert_readable(page)
    page.screenshot(path=str(SHOTS / f"rec-{'x'.join(map(str, SIZES[size]))}.png"))
    assert_clean(offline)
