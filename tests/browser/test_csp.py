"""Every page under the app's Content-Security-Policy in headless Chromium: no violation while
loading or using it, no request leaving the machine, no console error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

B = "https://policy-kg.example"
REC1 = f"{B}/report/test-2025/recommendation/1"

#: Runs before any script of each page: records every CSP violation the page reports.
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(
  e.effectiveDirective + " " + e.blockedURI + " " + (e.sample || "")));
"""
#: Where the screenshots go (looked at by a person; nothing asserts on them).
SHOTS = Path("/tmp")


@pytest.fixture
def csp_page(offline_page, fixture_server):
    """An offline page that also records CSP violations, and console messages naming the CSP
    (whatever their level)."""
    offline = offline_page(fixture_server.url)
    offline.csp_messages = []
    offline.page.add_init_script(WATCH_VIOLATIONS)
    offline.page.on("console", lambda m: "Content Security Policy" in m.text
                    and offline.csp_messages.append(m.text))  # fmt: skip
    return offline


def assert_clean(offline):
    """Nothing refused by the policy, nothing sent elsewhere, no console error."""
    assert offline.page.evaluate("window.__violations") == []
    assert offline.csp_messages == []
    assert offline.external == []
    assert offline.errors == []


def wait_ready(page):
    page.wait_for_function("() => window.kgReady === true", timeout=30_000)


def test_the_overview_runs_under_the_policy(csp_page, fixture_server):
    """(The home page, the tracker, has its own: tests/browser/test_tracker.py.)"""
    page = csp_page.page
    response = page.goto(f"{fixture_server.url}/viz")
    assert response.headers["content-security-policy"].startswith("default-src 'self'; ")
    wait_ready(page)
    assert page.evaluate("network.body.data.nodes.length") == 16
    # a node's tooltip: markup built by the page's script from escaped HTML
    point = page.evaluate(
        """(id) => { const p = network.canvasToDOM(network.getPositions([id])[id]);
                     const box = network.body.container.getBoundingClientRect();
                     return {x: box.left + p.x, y: box.top + p.y}; }""",
        REC1,
    )
    page.mouse.move(point["x"], point["y"])
    page.wait_for_selector("div.vis-tooltip .kg-iri", state="visible", timeout=10_000)
    assert page.inner_text("div.vis-tooltip .kg-iri") == REC1
    page.screenshot(path=str(SHOTS / "csp-viz.png"))
    assert_clean(csp_page)


def test_an_entity_page_and_its_network_view_run_under_the_policy(csp_page, fixture_server):
    page = csp_page.page
    page.goto(f"{fixture_server.url}/report/test-2025/recommendation/1")
    assert page.inner_text("h1") == "Recommendation 1: Change the law"
    # its stylesheet applies: the kind label is upper case, the page a column
    assert page.eval_on_selector(".kind", "e => getComputedStyle(e).textTransform") == "uppercase"
    assert page.eval_on_selector("body", "e => getComputedStyle(e).maxWidth") == "960px"
    assert_clean(csp_page)
    page.click("#network-view")
    wait_ready(page)
    assert page.evaluate("network.body.data.nodes.length") == 10
    assert_clean(csp_page)


def test_graphiql_runs_a_query_under_the_policy(csp_page, fixture_server):
    page = csp_page.page
    page.goto(f"{fixture_server.url}/graphiql")
    page.wait_for_selector(".graphiql-container .graphiql-query-editor .CodeMirror",
                           timeout=20_000)  # fmt: skip
    assert_clean(csp_page)
    query = '{ body(id: "dept") { name abbreviation } }'
    page.evaluate(
        "(q) => document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror"
        ".setValue(q)",
        query,
    )
    page.click(".graphiql-execute-button")
    page.wait_for_function(
        "() => (document.querySelector('.result-window') || {}).innerText"
        "?.includes('Department of Tests')",
        timeout=20_000,
    )
    result = page.evaluate(
        "() => document.querySelector('.result-window .CodeMirror').CodeMirror.getValue()"
    )
    assert json.loads(result) == {
        "data": {"body": {"name": "Department of Tests", "abbreviation": "DoT"}}
    }
    page.screenshot(path=str(SHOTS / "csp-graphiql.png"))
    assert_clean(csp_page)


def test_graphiql_dialogs_style_themselves_by_the_nonce(csp_page, fixture_server):
    """GraphiQL's dialogs add a <style> at run time: allowed by the page's nonce alone."""
    page = csp_page.page
    response = page.goto(f"{fixture_server.url}/graphiql")
    page.wait_for_selector(".graphiql-container", timeout=20_000)
    page.click('[aria-label="Open settings dialog"]')
    page.wait_for_selector(".graphiql-dialog", timeout=10_000)
    nonce = page.evaluate("() => window.__webpack_nonce__")
    assert f"'nonce-{nonce}'" in response.headers["content-security-policy"]
    # the style it added is in the document and carries the nonce
    added = page.evaluate(
        "() => [...document.head.querySelectorAll('style')].filter(s => s.nonce).length"
    )
    assert added == 1
    page.keyboard.press("Escape")
    page.click('[aria-label="Open short keys dialog"]')
    page.wait_for_selector(".graphiql-dialog", timeout=10_000)
    assert_clean(csp_page)
