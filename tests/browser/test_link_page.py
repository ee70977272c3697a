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
SIZES = ("desktop", "phone")  # conftest.SIZES: the layouts each page is looked at in
TEXT = (
    "The Home Office accepted recommendation 1 of the Casey audit, and the Department for "
    "Transport leads on recommendation 11.\n\nUnder section 9 of the Sexual Offences Act 2003 "
    "the CPS charged fewer cases. Perpetrator ethnicity was not recorded in about two-thirds of "
    "cases. The audit made ten recommendations. The moon is made of cheese."
)
CHAPTER_PDF = Path(__file__).parents[1] / "fixtures" / "draft" / "harrowfield-review-2026.pdf"
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
    offline.assert_readable()
    suffix = "" if size == "desktop" else "-phone"
    page.screenshot(path=str(SHOTS / f"link-page{suffix}.png"), full_page=True)
    # a mention leads to its entity's page
    with page.expect_navigation():
        page.locator("#linked-text a.kg-mention", has_text="Home Office").first.click()
    assert page.locator("h1").text_content() == "Home Office"
    offline.assert_clean()


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
    offline.assert_readable()
    offline.assert_clean()


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
    offline.assert_readable()
    assert offline.page.evaluate("() => window.__violations") == []
    assert offline.external == []
    # the 413 answer is an error the console reports; nothing else is
    assert all("413" in e for e in offline.errors), offline.errors
