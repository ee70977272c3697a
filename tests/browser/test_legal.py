"""The law's own record in headless Chromium, over the fixture corpus: a recommendation's legal
status and its chain, an Act's section in force with its evidence and effects, a bill's passage,
and the tracker's legal status column; at desktop and phone widths, under the
Content-Security-Policy, offline, with no console error and no horizontal overflow."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

from kg.web import create_app
from kg.web.settings import ServeSettings
from ontology.vocabulary import LEGAL_STAGE

#: Where the screenshots go (looked at by a person; nothing asserts on them).
SHOTS = Path("/tmp")
SIZES = ("desktop", "phone")  # conftest.SIZES: the layouts each page is looked at in
SECTION_9 = "http://www.legislation.gov.uk/id/ukpga/2003/42/section/9"


@pytest.fixture(scope="module")
def server(fixture_build, live_server):
    app = create_app(fixture_build, settings=ServeSettings(rate_limits=False))
    with live_server(app) as running:
        yield running


@pytest.mark.parametrize("size", SIZES)
def test_a_recommendation_page_marks_the_chain_s_unconfirmed_links(watched, server, size):
    offline = watched(size)
    page = offline.page
    page.goto(f"{server.url}/report/test-2025/recommendation/1")
    legal = page.locator("section[aria-labelledby=legal-status]")
    assert legal.locator(".legal-stage strong.stage").inner_text() == LEGAL_STAGE.IN_FORCE.label
    links = legal.locator("ol.chain > li")
    assert links.count() == 8
    # an unconfirmed link is marked: a coloured rule beside it and a visible tag
    marked = legal.locator("ol.chain > li.unconfirmed-link")
    assert marked.count() == 3
    first = marked.first
    assert first.locator(".tag.warn").is_visible()
    rule = first.evaluate("li => getComputedStyle(li).borderLeftColor")
    plain = links.first.evaluate("li => getComputedStyle(li).borderLeftColor")
    assert rule != plain
    # each link's source is a link to it
    assert legal.locator("ol.chain .cited a[rel=noreferrer]").count() >= 8
    # the contents list reaches the section
    page.click("nav.contents a[href='#legal-status']")
    assert page.evaluate("() => location.hash") == "#legal-status"
    page.screenshot(path=str(SHOTS / f"legal-rec-{size}.png"), full_page=True)
    offline.assert_clean()
    offline.assert_fits()


@pytest.mark.parametrize("size", SIZES)
def test_a_section_page_says_it_is_in_force_with_its_evidence(watched, server, size):
    offline = watched(size)
    page = offline.page
    page.goto(f"{server.url}/entity?id={quote(SECTION_9, safe='')}&asOf=2010-01-01")
    in_force = page.locator("section[aria-labelledby=in-force]")
    assert in_force.locator("h2").inner_text() == "In force as of 2010-01-01"
    assert in_force.locator("strong.state").inner_text() == "in force"
    assert in_force.locator("tbody tr").count() == 1
    effects = page.locator("section[aria-labelledby=effects] tbody tr")
    assert effects.count() == 1
    assert "s. 141" in effects.first.inner_text()
    page.screenshot(path=str(SHOTS / f"legal-section-{size}.png"), full_page=True)
    offline.assert_clean()
    offline.assert_fits()


@pytest.mark.parametrize("size", SIZES)
def test_a_bill_page_shows_its_stages(watched, server, size):
    offline = watched(size)
    page = offline.page
    page.goto(f"{server.url}/instrument/test-bill")
    stages = page.locator("section[aria-labelledby=passage] table.stages tbody tr")
    assert stages.count() == 2
    assert stages.first.locator("td").first.inner_text().endswith("2003-01-10")
    offline.assert_clean()
    offline.assert_fits()


def test_the_tracker_shows_and_sorts_the_legal_status(watched, server):
    offline = watched("desktop")
    page = offline.page
    page.goto(f"{server.url}/?asOf=2026-01-01")
    page.wait_for_function("() => window.kgTrackerReady === true", timeout=30_000)
    cells = page.eval_on_selector_all(
        "#tracker tbody tr", "rows => rows.map(r => r.cells[5].innerText.trim())"
    )
    assert cells == ["in force\n2004-05-01", "no change to the law"]
    why = page.get_attribute("#tracker tbody tr:nth-child(2) td:nth-child(6) span", "title")
    assert why.startswith("It asks no change to the law")
    page.click("th[data-column=legal] button")
    page.click("th[data-column=legal] button")  # descending: still "no change" last
    numbers = page.eval_on_selector_all(
        "#tracker tbody tr", "rows => rows.map(r => r.dataset.number)"
    )
    assert numbers == ["1", "2"]
    assert "sort=legal" in page.url
    offline.assert_clean()
    offline.assert_fits()
