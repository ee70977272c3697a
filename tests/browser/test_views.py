"""Network views and entity pages in real headless Chromium: rendered, clickable, offline."""

from urllib.parse import quote

B = "https://policy-kg.example"
REC1 = f"{B}/report/test-2025/recommendation/1"


def wait_ready(page):
    # A function, not an expression: Playwright evaluates an expression with eval, which the
    # app's Content-Security-Policy refuses.
    page.wait_for_function("() => window.kgReady === true", timeout=30_000)


#: Redraw the network, then read the canvas back: how many pixels are drawn (not transparent;
#: the canvas is transparent where nothing is drawn), and which nodes have nothing drawn at
#: their centre (or lie outside the canvas).
READ_CANVAS = """() => new Promise(resolve => {
  network.once("afterDrawing", () => {
    const canvas = document.querySelector("#network canvas");
    const d = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
    let drawn = 0;
    for (let i = 3; i < d.length; i += 4) { if (d[i] > 0) { drawn++; } }
    const scale = canvas.width / canvas.clientWidth;
    const positions = network.getPositions();
    const blank = Object.keys(positions).filter(id => {
      const p = network.canvasToDOM(positions[id]);
      const x = Math.round(p.x * scale), y = Math.round(p.y * scale);
      return x < 0 || y < 0 || x >= canvas.width || y >= canvas.height ||
             d[(y * canvas.width + x) * 4 + 3] === 0;
    });
    resolve({drawn, area: canvas.width * canvas.height, nodes: Object.keys(positions), blank});
  });
  network.redraw();
})"""


def assert_drawn(page, nodes: int):
    """`nodes` nodes are on the canvas, each with pixels at its centre, and at least 1% of
    the canvas is drawn (the fixture's views draw 3-6%; an empty network draws nothing)."""
    canvas = page.evaluate(READ_CANVAS)
    assert len(canvas["nodes"]) == nodes
    assert canvas["blank"] == []
    assert canvas["drawn"] >= canvas["area"] // 100 > 0
    return canvas


def test_overview_draws_every_node_of_the_view(offline_page, fixture_server):
    offline = offline_page(fixture_server.url)
    page = offline.page
    page.goto(f"{fixture_server.url}/viz")
    wait_ready(page)
    declared = int(page.get_attribute("body", "data-node-count"))
    # every entity of the fixture corpus: 2 reports, 2 findings, 3 recommendations, 2 bodies,
    # 5 instruments, 1 theme, 1 proposal
    assert declared == 16
    assert_drawn(page, 16)
    assert offline.external == [] and offline.errors == []


def test_clicking_a_recommendation_selects_it_and_double_clicking_opens_its_page(
    offline_page, fixture_server
):
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
    # one click: selected, its summary and a link to its page in the side panel
    page.mouse.click(point["x"], point["y"])
    page.wait_for_selector("#kg-panel:not([hidden])")
    assert page.evaluate("() => network.getSelectedNodes()") == [REC1]
    assert page.inner_text("#kg-panel-title") == "Recommendation 1: Change the law"
    assert page.get_attribute("#kg-open", "href") == "/report/test-2025/recommendation/1"
    # two: its page
    with page.expect_navigation():
        page.mouse.dblclick(point["x"], point["y"])
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
    around = "policy-kg-example-report-test-2025-recommendation-1.html"  # from REC1's IRI
    assert sorted(f.name for f in out.glob("*.html")) == sorted(["overview.html", around])
    offline = offline_page("file://")
    offline.page.goto((out / "overview.html").as_uri())
    wait_ready(offline.page)
    assert_drawn(offline.page, 16)  # every entity, as on /viz
    offline.page.goto((out / around).as_uri())
    wait_ready(offline.page)
    # Depth 1 (the default): REC1 and, from the fixture's YAML, its report, the finding it
    # addresses, its theme, the recommendation it echoes, its two bodies, the section it
    # amends, the bill implementing it and the proposal it proposes.
    canvas = assert_drawn(offline.page, 10)
    assert sorted(canvas["nodes"]) == sorted([
        REC1, f"{B}/report/test-2025", f"{B}/report/test-2025/finding/no-data",
        f"{B}/theme/data", f"{B}/report/earlier-2014/recommendation/3", f"{B}/body/dept",
        f"{B}/body/agency", "http://www.legislation.gov.uk/id/ukpga/2003/42/section/9",
        f"{B}/instrument/test-bill", f"{B}/proposal/test-reform",
    ])  # fmt: skip
    assert offline.external == [] and offline.errors == []
