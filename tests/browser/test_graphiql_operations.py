"""GraphiQL lists the named operations, loads a chosen one into the editor and runs it by name,
offline, with no console error; with only persisted operations allowed it still runs them."""

import json

import pytest

from kg.web import create_app
from kg.web.settings import OPERATIONS, ServeSettings

NAMES = sorted(path.stem for path in OPERATIONS.glob("*.graphql"))
EDITOR = "document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror"
SCREENSHOT = "/tmp/graphiql-ops.png"


@pytest.fixture(scope="module")
def bundled_server(bundled_build, live_server):
    # HomeOfficeLeads's default variables name the bundled corpus's Home Office.
    with live_server(create_app(bundled_build, settings=ServeSettings(rate_limits=False))) as s:
        yield s


@pytest.fixture(scope="module")
def persisted_only_server(bundled_build, live_server):
    settings = ServeSettings(rate_limits=False, persisted_only=True)
    with live_server(create_app(bundled_build, settings=settings)) as server:
        yield server


def open_graphiql(offline_page, server, path="/graphiql"):
    """The page, with the bodies of the requests it sends to /graphql."""
    offline = offline_page(server.url)
    page = offline.page
    page.set_viewport_size({"width": 1400, "height": 900})
    sent: list[dict] = []
    page.on(
        "request",
        lambda r: r.url.endswith("/graphql") and sent.append(json.loads(r.post_data or "{}")),
    )
    page.goto(server.url + path)
    page.wait_for_selector(".kg-operations .kg-operation", timeout=20_000)
    return offline, page, sent


def run_and_wait_for(page, text: str):
    page.click(".graphiql-execute-button")
    page.wait_for_function(
        "(text) => (document.querySelector('.result-window') || {}).innerText?.includes(text)",
        arg=text,
        timeout=20_000,
    )


def test_graphiql_lists_the_operations_and_runs_the_chosen_one(offline_page, bundled_server):
    offline, page, sent = open_graphiql(offline_page, bundled_server)
    listed = page.eval_on_selector_all(
        ".kg-operation", "buttons => buttons.map(b => b.dataset.operation)"
    )
    assert listed == NAMES
    panel = page.locator(".kg-operations").bounding_box()
    assert panel["x"] >= 0 and panel["width"] > 200  # open at start, on screen

    page.click("button[data-operation=HomeOfficeLeads]")
    text = (OPERATIONS / "HomeOfficeLeads.graphql").read_text()
    assert page.evaluate(f"{EDITOR}.getValue()") == text
    run_and_wait_for(page, "Home Office")
    result = page.inner_text(".result-window")
    assert '"key": "casey-2025"' in result and '"errors"' not in result
    # The editor held exactly a named operation: GraphiQL sent its name, not its text.
    assert sent[-1]["op"] == "HomeOfficeLeads" and "query" not in sent[-1]
    assert sent[-1]["variables"] == {"body": "home-office"}
    page.screenshot(path=SCREENSHOT)
    assert offline.external == []
    assert offline.errors == []


def test_graphiql_opens_an_operation_named_in_its_url(offline_page, bundled_server):
    offline, page, _sent = open_graphiql(offline_page, bundled_server, "/graphiql?op=Search")
    page.wait_for_function(f"() => {EDITOR}.getValue().includes('query Search')")
    assert page.evaluate(f"{EDITOR}.getValue()") == (OPERATIONS / "Search.graphql").read_text()
    assert offline.external == [] and offline.errors == []


def test_graphiql_runs_named_operations_when_the_server_runs_only_those(
    offline_page, persisted_only_server
):
    offline, page, sent = open_graphiql(offline_page, persisted_only_server)
    assert "runs only these operations" in page.inner_text(".kg-operations")
    page.click("button[data-operation=HomeOfficeLeads]")
    run_and_wait_for(page, "Home Office")
    # The schema came with the page: no introspection query (text the server would refuse).
    assert sent and all("op" in body and "query" not in body for body in sent)
    assert offline.external == [] and offline.errors == []

    # Edited text is sent as text, and the server's refusal says what to do.
    page.evaluate(f"{EDITOR}.setValue('{{ reports {{ key }} }}')")
    run_and_wait_for(page, "this server runs only persisted operations: use ?op=NAME")
    assert sent[-1]["query"] == "{ reports { key } }"
    # run at once after the edit: GraphiQL's stale name (HomeOfficeLeads) is not sent with it
    assert "operationName" not in sent[-1]
    assert offline.external == []
    # Chromium logs every 4xx response it receives as a console error: only that one.
    assert offline.errors == [
        "Failed to load resource: the server responded with a status of 400 (Bad Request)"
    ]
