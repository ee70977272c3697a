"""Network views and entity pages in real headless Chromium: rendered, clickable, offline."""

from urllib.parse import quote

B = "https://policy-kg.example"
REC1 = f"{B}/report/test-2025/recommendation/1"


def wait_ready(page):
    page.wait_for_function("window.kgReady === true", timeout=30_000)


def test_overview_draws_every_node_of_the_view(offline_page, fixture_server):
    offline = offline_page(fixture_server.url)
    page = offline.page
    page.goto(f"{fixture_server.url}/viz")
    wait_ready(page)
    declared = int(page.get_attribute("body", "data-node-count"))
    drawn = page.evaluate("network.body.data.nodes.length")
    # every entity of the fixture corpus: 2 reports, 1 finding, 3 recommendations, 2 bodies,
    # 5 instruments, 1 theme, 1 proposal
    assert declared == drawn == 15
    assert offline.external == [] and offline.errors == []


def test_clicking_a_recommendation_opens_its_page(offline_page, fixture_server):
    offline = offline_page(fixture_server.url)
    page = offline.page
    page.goto(f"{fixture_server.url}/viz?kind=Recommendation&kind=Report")
    wait_ready(page)
    point = page.evaluate(
        """(id) => { const p = network.getPositions([id])[id];
                     const dom = network.canvasToDOM(p);
                     const box = network.body.container.getBoundingClientRect();
                     return {x: box.left + dom.x, y: box.top + dom.y}; }""",
        REC1,
    )
    with page.expect_navigation():
        page.mouse.click(point["x"], point["y"])
    assert page.url == f"{fixture_server.url}/report/test-2025/recommendation/1"
    assert page.inner_text("h1") == "Recommendation 1: Change the law"
    assert offline.external == [] and offline.errors == []


def test_an_entity_page_links_to_its_network_view(offline_page, fixture_server):
    offline = offline_page(fixture_server.url)
    page = offline.page
    page.goto(f"{fixture_server.url}/body/agency")
    assert "Not confirmed" in page.inner_text(".unconfirmed")
    page.click("#network-view")
    wait_ready(page)
    assert page.url == f"{fixture_server.url}/viz/entity?id={quote(B + '/body/agency', safe='')}"
    ids = page.evaluate("network.body.data.nodes.getIds()")
    assert f"{B}/body/agency" in ids and f"{B}/body/dept" in ids
    assert offline.external == [] and offline.errors == []


def test_a_static_view_renders_offline_from_file(offline_page, fixture_build, kg, tmp_path):
    out = tmp_path / "viz"
    result = kg("viz", "--build", str(fixture_build), "--out", str(out), "--entity", REC1)
    assert result.returncode == 0, result.stderr
    offline = offline_page("file://")
    for html_file in sorted(out.glob("*.html")):
        offline.page.goto(html_file.as_uri())
        wait_ready(offline.page)
        assert offline.page.evaluate("network.body.data.nodes.length") > 0
    assert offline.external == [] and offline.errors == []
