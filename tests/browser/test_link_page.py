"""The /link page in headless Chromium over the bundled corpus: a text pasted into the form and
sent comes back linked, at desktop and phone widths, offline, under the Content-Security-Policy,
readable (labels, visible focus, contrast, no horizontal overflow), and an uploaded file too.
Screenshots go to /tmp/link-page*.png for a person to look at."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.web import create_app
from kg.web.settings import ServeSettings

SHOTS = Path("/tmp")
SIZES = {"desktop": (1400, 900), "phone": (390, 844)}
TEXT = (
    "The Home Office accepted recommendation 1 of the Casey audit, and the Department for "
    "Transport leads on recommendation 11.\n\nUnder section 9 of the Sexual Offences Act 2003 "
    "the CPS charged fewer cases. Perpetrator ethnicity was not recorded in about two-thirds of "
    "cases. The audit made ten recommendations. The moon is made of cheese."
)
CHAPTER_PDF = Path(__file__).parents[1] / "fixtures" / "draft" / "harrowfield-review-2026.pdf"
#: Runs before any script of each page: records every CSP violation the page reports.
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(
  e.effectiveDirective + " " + e.blockedURI + " " + (e.sample || "")));
"""
#: Every visible text whose contrast with what is behind it is below WCAG AA: [text, ratio].
LOW_CONTRAST = """() => {
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
                            return (x + 0.05) / (y + 0.05); };
  const behind = el => {
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
    const size = parseFloat(style.fontSize), bold = Number(style.fontWeight) >= 700;
    const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    const r = ratio(rgb(style.color).slice(0, 3), behind(el));
    if (r < needed) { low.push([el.textContent.trim().slice(0, 40), r.toFixed(2)]); }
  }
  return low;
}"""
#: What the linked view shows: its mentions (text, href), claims by verdict, the claims list.
READ_RESULT = """() => ({
  mentions: [...document.querySelectorAll("#linked-text a.kg-mention")].map(a => ({
    text: a.textContent, href: a.getAttribute("href"), title: a.title})),
  claims: [...document.querySelectorAll("#linked-text .kg-claim")].map(s => [...s.classList]
    .find(c => c !== "kg-claim").slice(3)),
  listed: [...document.querySelectorAll("ol.claims > li .verdict")].map(v => v.textContent),
  summary: document.querySelector("#link-summary").textContent.replace(/\\s+/g, " ").trim(),
  legend: document.querySelectorAll("dl.legend-list dt").length,
})"""


@pytest.fixture(scope="module")
def server(bundled_build, live_server):
    app = create_app(bundled_build, settings=ServeSettings(rate_limits=False))
    with live_server(app) as running:
        yield running


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
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], widths
    assert page.evaluate(LOW_CONTRAST) == []


@pytest.mark.parametrize("size", SIZES)
def test_a_pasted_text_comes_back_linked(watched, server, size):
    offline = watched(size)
    page = offline.page
    page.goto(f"{server.url}/link")
    # the form's controls are found by their labels, as assistive technology finds them
    page.get_by_label("Text to link").fill(TEXT)
    assert page.get_by_label("Or upload a file (.txt, .html or .pdf)").count() == 1
    with page.expect_navigation():
        page.get_by_role("button", name="Link the text").click()
    result = page.evaluate(READ_RESULT)
    texts = [m["text"] for m in result["mentions"]]
    assert {"Home Office", "Department for Transport", "section 9", "CPS"} <= set(texts)
    home = next(m for m in result["mentions"] if m["text"] == "Home Office")
    assert home["href"].startswith("/entity?id=") and "(Body, score" in home["title"]
    assert result["claims"] and set(result["claims"]) <= {"supported", "contradicted",
                                                         "not_found"}  # fmt: skip
    assert [c.replace("_", " ") for c in result["claims"]] == result["listed"]
    assert "not found" in result["listed"] and "supported" in result["listed"]
    assert result["summary"].startswith(f"{len(texts)} mentions of ")
    assert result["legend"] == 4
    # the sent text is still in the box
    assert page.get_by_label("Text to link").input_value() == TEXT
    assert_readable(page)
    suffix = "" if size == "desktop" else "-phone"
    page.screenshot(path=str(SHOTS / f"link-page{suffix}.png"), full_page=True)
    # a mention leads to its entity's page
    with page.expect_navigation():
        page.locator("#linked-text a.kg-mention", has_text="Home Office").first.click()
    assert page.locator("h1").text_content() == "Home Office"
    assert_clean(offline)


def test_the_form_takes_a_visible_focus_and_an_uploaded_pdf(watched, server):
    offline = watched("desktop")
    page = offline.page
    page.goto(f"{server.url}/link")
    page.get_by_label("Text to link").focus()
    outline = page.evaluate("""() => { const s = getComputedStyle(document.activeElement);
                                       return [document.activeElement.id, s.outlineStyle,
                                               s.outlineWidth]; }""")  # fmt: skip
    assert outline == ["text", "solid", "3px"]
    page.get_by_label("Or upload a file (.txt, .html or .pdf)").set_input_files(str(CHAPTER_PDF))
    with page.expect_navigation():
        page.get_by_role("button", name="Link the text").click()
    result = page.evaluate(READ_RESULT)
    assert "Department for Education" in [m["text"] for m in result["mentions"]]
    assert_readable(page)
    assert_clean(offline)


def test_a_text_over_the_limit_is_refused_on_the_page(watched, server):
    """The box stops at the limit in the browser; the server refuses more all the same (a
    script or an old browser may send it), and says why."""
    offline = watched("phone")
    page = offline.page
    page.goto(f"{server.url}/link")
    box = page.get_by_label("Text to link")
    box.evaluate("(el) => el.removeAttribute('maxlength')")
    box.fill("x" * 50_001)
    with page.expect_navigation():
        page.get_by_role("button", name="Link the text").click()
    message = page.get_by_role("alert").text_content()
    assert message.startswith("the pasted text: the text is 50,001 characters; the limit is")
    assert_readable(page)
    assert offline.page.evaluate("() => window.__violations") == []
    assert offline.external == []
    # the 413 answer is an error the console reports; nothing else is
    assert all("413" in e for e in offline.errors), offline.errors
