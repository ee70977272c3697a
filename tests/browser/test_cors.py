"""A page of another site calling /graphql from headless Chromium (kg.web.cors): the browser
accepts the preflight's answer for a listed origin, and refuses the call for any other."""

from __future__ import annotations

import pytest
from starlette.applications import Starlette
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from kg.web import create_app
from kg.web.settings import ServeSettings

#: A JSON POST is not a "simple" request: the browser sends a preflight first.
CALL = """async (url) => {
  try {
    const r = await fetch(url, {method: "POST", headers: {"content-type": "application/json"},
                                body: JSON.stringify({query: '{ body(id: "dept") { name } }'})});
    return [r.status, await r.json()];
  } catch (e) { return String(e); }
}"""


@pytest.fixture(scope="module")
def sites(fixture_build, live_server):
    """Another site on loopback, and the API listing that site's origin (http://127.0.0.1:N);
    the same site as http://localhost:N is another origin, not listed."""
    other = Starlette(routes=[
        Route("/", lambda request: HTMLResponse("<!doctype html><title>another site</title>")),
        Route("/favicon.ico", lambda request: Response(status_code=204)),
    ])  # fmt: skip
    with live_server(other) as site:
        settings = ServeSettings(rate_limits=False, cors_origins=(site.url,))
        with live_server(create_app(fixture_build, settings=settings)) as api:
            yield site, api


@pytest.fixture
def watched_page(browser):
    """A page with no request interception (Playwright answers preflights itself when it
    intercepts, so they would never reach the app), recording every request and console
    error."""
    context = browser.new_context()
    page = context.new_page()
    page.requested, page.errors = [], []
    page.on("request", lambda request: page.requested.append(request.url))
    page.on("console", lambda m: m.type == "error" and page.errors.append(m.text))
    yield page
    context.close()


def test_a_listed_origin_calls_graphql_from_a_browser(watched_page, sites):
    site, api = sites
    watched_page.goto(site.url + "/")
    answer = watched_page.evaluate(CALL, api.url + "/graphql")
    assert answer == [200, {"data": {"body": {"name": "Department of Tests"}}}]
    assert watched_page.requested == [site.url + "/", api.url + "/graphql"]
    assert watched_page.errors == []


def test_another_origin_is_refused_by_the_browser(watched_page, sites):
    site, api = sites
    unlisted = f"http://localhost:{site.port}"
    watched_page.goto(unlisted + "/")
    assert watched_page.evaluate(CALL, api.url + "/graphql") == "TypeError: Failed to fetch"
    assert watched_page.requested == [unlisted + "/", api.url + "/graphql"]
    assert watched_page.errors == [
        f"Access to fetch at '{api.url}/graphql' from origin '{unlisted}' has been blocked by "
        "CORS policy: Response to preflight request doesn't pass access control check: No "
        "'Access-Control-Allow-Origin' header is present on the requested resource.",
        "Failed to load resource: net::ERR_FAILED",
    ]
