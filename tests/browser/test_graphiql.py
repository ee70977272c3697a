"""GraphiQL loads from the app's own assets, runs a query and shows the answer, offline."""


def test_graphiql_runs_a_query_with_no_request_leaving_the_machine(offline_page, fixture_server):
    offline = offline_page(fixture_server.url)
    page = offline.page
    from kg.api.graphiql import graphiql_link

    page.goto(fixture_server.url + graphiql_link('{ body(id: "dept") { name abbreviation } }'))
    page.wait_for_selector(".graphiql-container", timeout=20_000)
    page.click(".graphiql-execute-button")
    page.wait_for_function(
        "() => (document.querySelector('.result-window') || {}).innerText"
        "?.includes('Department of Tests')",
        timeout=20_000,
    )
    assert '"abbreviation": "DoT"' in page.inner_text(".result-window")
    assert offline.external == []
    assert offline.errors == []


def test_a_browser_asking_graphql_for_html_gets_graphiql(offline_page, fixture_server):
    offline = offline_page(fixture_server.url)
    offline.page.goto(f"{fixture_server.url}/graphql")
    offline.page.wait_for_selector(".graphiql-container", timeout=20_000)
    assert offline.external == [] and offline.errors == []
