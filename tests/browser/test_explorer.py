"""The network view as an explorer, in headless Chromium under the app's Content-Security-Policy:
search, filters, the side panel, expand, labels, PNG export and the keyboard; and the same page
written to a file by `kg viz`, with no server. Every test checks that nothing was refused by the
policy, nothing left the machine and nothing reached the console as an error.

Expand's definition of neighbours: the entities one link away in the projection, links followed
both ways (/viz/entity?depth=1); compared here with GraphQL's own reading of each link.
"""

from __future__ import annotations

import base64
import re
import struct
from urllib.parse import parse_qs, quote, urlsplit

import httpx
import pytest

B = "https://policy-kg.example"
REC1 = f"{B}/report/test-2025/recommendation/1"
HOME_OFFICE = f"{B}/body/home-office"
NCA = f"{B}/body/national-crime-agency"
SHOTS = "/tmp"

#: Runs before any script of each page: records every CSP violation the page reports.
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", (e) => window.__violations.push(
  e.effectiveDirective + " " + e.blockedURI + " " + (e.sample || "")));
"""
#: Every link of a recommendation, as GraphQL lists them.
REC_LINKS = """query ($id: ID!) { node(id: $id) { ... on Recommendation {
  report { id } addresses { id } themes { id } echoes { id } echoedBy { id } proposals { id }
  responsibilities { body { id } } instruments { instrument { id } } } } }"""


@pytest.fixture(scope="module")
def bundled_server(bundled_build, live_server):
    """The bundled corpus (Home Office, NCA, ...) served over real HTTP."""
    from kg.web import create_app
    from kg.web.settings import ServeSettings

    with live_server(create_app(bundled_build, settings=ServeSettings(rate_limits=False))) as s:
        yield s


@pytest.fixture
def explorer(offline_page):
    """`explorer(*origins)`: an offline page that also records CSP violations."""

    def make(*allowed: str):
        offline = offline_page(*allowed)
        offline.csp = []
        offline.page.add_init_script(WATCH_VIOLATIONS)
        offline.page.on("console", lambda m: "Content Security Policy" in m.text
                        and offline.csp.append(m.text))  # fmt: skip
        return offline

    return make


def assert_clean(offline):
    assert offline.page.evaluate("() => window.__violations") == []
    assert offline.csp == []
    assert offline.external == []
    assert offline.errors == []


def wait_ready(page):
    page.wait_for_function("() => window.kgReady === true", timeout=30_000)


def graphql(url: str, query: str, **variables) -> dict:
    answer = httpx.post(f"{url}/graphql", json={"query": query, "variables": variables}).json()
    assert "errors" not in answer, answer
    return answer["data"]


def ids_in(value) -> set[str]:
    """Every `id` anywhere in a GraphQL answer."""
    if isinstance(value, dict):
        found = {value["id"]} if isinstance(value.get("id"), str) else set()
        return found.union(*(ids_in(v) for k, v in value.items() if k != "id"))
    if isinstance(value, list):
        return set().union(*(ids_in(v) for v in value))
    return set()


def visible(page) -> set[str]:
    return set(page.evaluate("() => network.body.data.nodes.getIds()"))


def visible_count(page) -> int:
    count = page.evaluate("() => network.body.data.nodes.length")
    assert page.get_attribute("body", "data-visible-count") == str(count)
    return count


def assert_centred_and_selected(page, iri: str):
    """`iri` is the one node selected, at the centre of the view, zoomed in to read it."""
    assert page.evaluate("() => network.getSelectedNodes()") == [iri]
    where = page.evaluate(
        """(id) => { const p = network.getPositions([id])[id], v = network.getViewPosition();
                     const dom = network.canvasToDOM(p), box = network.body.container;
                     return {dx: p.x - v.x, dy: p.y - v.y, x: dom.x, y: dom.y,
                             w: box.clientWidth, h: box.clientHeight,
                             scale: network.getScale()}; }""",
        iri,
    )
    assert abs(where["dx"]) < 1 and abs(where["dy"]) < 1, where
    assert abs(where["x"] - where["w"] / 2) < 2 and abs(where["y"] - where["h"] / 2) < 2, where
    assert where["scale"] >= 1
    assert page.is_visible("#kg-panel")
    assert parse_qs(urlsplit(page.url).query)["select"] == [iri]


def results(page) -> list[str]:
    return page.locator("#kg-results [role=option]").all_inner_texts()


# -- search ---------------------------------------------------------------------------------


def test_search_finds_by_name_abbreviation_and_number_and_centres(explorer, bundled_server):
    offline = explorer(bundled_server.url)
    page = offline.page
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{bundled_server.url}/viz")
    wait_ready(page)
    # by name: Enter picks the first match
    page.focus("#kg-search")
    page.keyboard.type("Home Office")
    assert results(page)[0].startswith("Home Office")
    page.keyboard.press("Enter")
    assert_centred_and_selected(page, HOME_OFFICE)
    assert page.inner_text("#kg-panel-title") == "Home Office"
    assert page.get_attribute("#kg-open", "href") == "/body/home-office"
    assert page.is_hidden("#kg-results")

    # by abbreviation, moving through the list with the arrow keys
    page.fill("#kg-search", "")
    page.keyboard.type("NCA")
    found = results(page)
    assert found[0].startswith("National Crime Agency") and "NCA" in found[0]
    assert page.get_attribute("#kg-search", "aria-activedescendant") == "kg-result-0"
    page.keyboard.press("ArrowDown")
    assert page.get_attribute("#kg-search", "aria-activedescendant") == "kg-result-1"
    assert page.get_attribute("#kg-result-1", "aria-selected") == "true"
    page.keyboard.press("ArrowUp")
    assert page.get_attribute("#kg-result-0", "aria-selected") == "true"
    page.keyboard.press("Enter")
    assert_centred_and_selected(page, NCA)
    assert "Crime and Courts Act 2013" in page.inner_text("#kg-panel-facts")  # its sources

    # by number: every recommendation numbered 3, and only those
    page.fill("#kg-search", "")
    page.keyboard.type("Rec 3")
    numbers = "{ recommendations(first: 100) { edges { node { number } } } }"
    recs = graphql(bundled_server.url, numbers)
    threes = [e for e in recs["recommendations"]["edges"] if e["node"]["number"] == 3]
    found = results(page)
    assert len(found) == len(threes) > 1
    assert all(text.startswith("Recommendation 3:") for text in found)
    page.keyboard.press("Escape")
    assert page.is_hidden("#kg-results")
    assert_clean(offline)


# -- filters --------------------------------------------------------------------------------


def test_filters_match_graphql_counts_and_the_url_shares_them(explorer, bundled_server):
    url = bundled_server.url
    offline = explorer(url)
    page = offline.page
    page.goto(f"{url}/viz")
    wait_ready(page)
    # kind: applied by the server, the page loads again with the new query
    for kind in page.eval_on_selector_all('input[name="kind"]', "boxes => boxes.map(b => b.value)"):
        if kind != "Body":
            page.uncheck(f'input[name="kind"][value="{kind}"]')
    with page.expect_navigation():
        page.click("#kg-apply")
    wait_ready(page)
    assert urlsplit(page.url).path == "/viz" and parse_qs(urlsplit(page.url).query) == {
        "kind": ["Body"]
    }
    bodies = graphql(url, "{ bodies(first: 100) { totalCount } }")["bodies"]["totalCount"]
    assert visible_count(page) == bodies
    assert page.inner_text('#kg-legend-list li[data-kind="Body"]') == f"Body ({bodies})"

    # confirmed only: applied in the page, and the URL follows without loading again
    page.check('input[name="confirmed"]')
    confirmed = graphql(url, "{ bodies(first: 100, confirmed: true) { totalCount } }")
    assert visible_count(page) == confirmed["bodies"]["totalCount"] < bodies
    assert parse_qs(urlsplit(page.url).query) == {"kind": ["Body"], "confirmed": ["true"]}
    assert page.inner_text("#kg-count") == (
        f"{confirmed['bodies']['totalCount']} of {bodies} entities shown"
    )
    # the shared URL opens the same view
    page.reload()
    wait_ready(page)
    assert page.is_checked('input[name="confirmed"]')
    assert visible_count(page) == confirmed["bodies"]["totalCount"]

    # link type: the links of that type and the entities they join
    page.uncheck('input[name="confirmed"]')
    page.select_option('select[name="link"]', "subOrganizationOf")
    family = graphql(url, "{ bodies(first: 100) { edges { node { id parent { id } "
                          "children { id } } } } }")["bodies"]["edges"]  # fmt: skip
    related = {e["node"]["id"] for e in family if e["node"]["parent"] or e["node"]["children"]}
    assert visible(page) == related
    assert parse_qs(urlsplit(page.url).query)["link"] == ["subOrganizationOf"]
    assert_clean(offline)


# -- the side panel and expand --------------------------------------------------------------


def test_expand_adds_exactly_the_neighbours_graphql_lists(explorer, fixture_server):
    url = fixture_server.url
    offline = explorer(url)
    page = offline.page
    page.goto(f"{url}/viz?kind=Recommendation")
    wait_ready(page)
    before = visible(page)
    edges_before = page.evaluate("() => network.body.data.edges.getIds()")
    page.focus("#kg-search")
    page.keyboard.type("Change the law")
    page.keyboard.press("Enter")
    assert_centred_and_selected(page, REC1)
    assert "Status: Legislating" in page.inner_text("#kg-panel-facts")
    assert page.get_attribute("#kg-around", "href") == f"/viz/entity?id={quote(REC1, safe='')}"
    page.click("#kg-expand")
    page.wait_for_function(
        "() => document.getElementById('kg-panel-status').textContent.startsWith('Added')"
    )
    neighbours = ids_in(graphql(url, REC_LINKS, id=REC1)["node"])
    assert len(neighbours) == 9
    after = visible(page)
    assert after == before | neighbours | {REC1}
    assert after - before == neighbours - before  # exactly them, nothing else
    # their links came with them: every neighbour is linked to the recommendation
    edges = page.evaluate("() => network.body.data.edges.get()")
    linked = {e["to"] for e in edges if e["from"] == REC1} | {
        e["from"] for e in edges if e["to"] == REC1
    }
    assert linked == neighbours
    assert set(edges_before) <= {e["id"] for e in edges}
    # the legend and the count follow what is shown, new kinds included
    assert page.inner_text('#kg-legend-list li[data-kind="Body"]') == "Body (2)"
    assert page.inner_text("#kg-count") == f"{len(after)} entities"
    # every node is drawn at a place of its own
    positions = page.evaluate("() => network.getPositions()")
    assert set(positions) == after
    assert len({(round(p["x"]), round(p["y"])) for p in positions.values()}) == len(after)
    assert page.inner_text("#kg-panel-status") == (
        f"Added {len(after - before)} entities and {len(edges) - len(edges_before)} links: "
        "its 9 neighbours are all shown."
    )
    assert_clean(offline)


# -- labels, PNG, keyboard, contrast --------------------------------------------------------

#: Dark pixels (text) in the band under a node where its label goes.
DARK_UNDER = """(id) => {
  const canvas = document.querySelector("#network canvas");
  const ratio = canvas.width / canvas.clientWidth;
  const box = network.getBoundingBox(id), p = network.getPositions([id])[id];
  const at = network.canvasToDOM({x: p.x, y: box.bottom});
  const d = canvas.getContext("2d").getImageData(Math.round((at.x - 50) * ratio),
    Math.round((at.y + 4) * ratio), Math.round(100 * ratio), Math.round(14 * ratio)).data;
  let dark = 0;
  for (let i = 0; i < d.length; i += 4) {
    if (d[i + 3] > 200 && d[i] + d[i + 1] + d[i + 2] < 180) dark++;
  }
  return dark;
}"""


def test_hubs_are_labelled_at_the_default_zoom(explorer, bundled_server):
    offline = explorer(bundled_server.url)
    page = offline.page
    page.set_viewport_size({"width": 1400, "height": 900})
    page.goto(f"{bundled_server.url}/viz")
    wait_ready(page)
    # at the zoom the view opens with, vis-network draws no label (too small to read) ...
    font = page.evaluate("() => [network.getScale(), JSON.parse(document.getElementById("
                         "'kg-options').textContent).nodes]")  # fmt: skip
    scale, nodes = font
    assert nodes["font"]["size"] * scale < nodes["scaling"]["label"]["drawThreshold"] - 1
    # ... and the page labels the best-connected entities itself
    degree = page.evaluate("""() => { const d = {};
        network.body.data.edges.get().forEach(e => { d[e.from] = (d[e.from] || 0) + 1;
                                                     d[e.to] = (d[e.to] || 0) + 1; });
        return d; }""")
    hubs = page.evaluate("() => kgExplorer.hubs()")
    assert len(hubs) == 12
    assert sorted(degree.values(), reverse=True)[:12] == sorted((degree[h] for h in hubs),
                                                                reverse=True)  # fmt: skip
    top = max(degree, key=lambda n: (degree[n], n))
    assert page.evaluate(DARK_UNDER, top) > 30
    # an entity that is not a hub gets its label when hovered
    quiet = min(degree, key=lambda n: (degree[n], n))
    assert page.evaluate(DARK_UNDER, quiet) < 5
    point = page.evaluate(
        """(id) => { const p = network.canvasToDOM(network.getPositions([id])[id]);
                     const box = network.body.container.getBoundingClientRect();
                     return {x: box.left + p.x, y: box.top + p.y}; }""",
        quiet,
    )
    page.mouse.move(point["x"], point["y"])
    page.wait_for_selector("div.vis-tooltip .kg-iri", state="visible")
    assert page.evaluate(DARK_UNDER, quiet) > 30
    assert_clean(offline)


def png_of(data_url: str) -> tuple[bytes, int, int]:
    head, _, data = data_url.partition(",")
    assert head == "data:image/png;base64"
    png = base64.b64decode(data)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and png[12:16] == b"IHDR"
    width, height = struct.unpack(">II", png[16:24])
    return png, width, height


def test_the_view_saves_as_a_png(explorer, fixture_server):
    offline = explorer(fixture_server.url)
    page = offline.page
    page.goto(f"{fixture_server.url}/viz")
    wait_ready(page)
    with page.expect_download() as download:
        page.click("#kg-save-png")
    assert download.value.suggested_filename == "policy-kg-view.png"
    with open(download.value.path(), "rb") as file:
        saved = file.read()
    png, width, height = png_of(page.get_attribute("#kg-png", "href"))
    assert saved == png and len(png) > 10_000
    assert (width, height) == tuple(page.evaluate(
        "() => { const c = document.querySelector('#network canvas'); return [c.width, c.height]; }"
    ))  # fmt: skip
    assert_clean(offline)


#: Every focusable control, as Tab reaches them from the top of the page.
FOCUSED = """() => { const e = document.activeElement, s = getComputedStyle(e);
  return {id: e.id || e.name || e.className || e.tagName, tag: e.tagName,
          outline: s.outlineStyle, width: parseFloat(s.outlineWidth)}; }"""


def test_every_control_is_reached_by_the_keyboard_with_visible_focus(explorer, fixture_server):
    offline = explorer(fixture_server.url)
    page = offline.page
    page.goto(f"{fixture_server.url}/viz")
    wait_ready(page)
    reached = []
    for _ in range(40):
        page.keyboard.press("Tab")
        reached.append(page.evaluate(FOCUSED))
    names = [r["id"] for r in reached]
    for control in ("kg-search", "kg-zoom-in", "kg-zoom-out", "kg-fit", "kg-save-png",
                    "vis-network", "kind", "report", "theme", "body", "status", "link",
                    "confirmed", "kg-apply", "kg-clear"):  # fmt: skip
        assert control in names, (control, names)
    assert names.index("kg-search") < names.index("vis-network") < names.index("kind")
    for focused in reached:
        if focused["tag"] != "BODY":
            assert focused["outline"] != "none" and focused["width"] >= 2, focused
    # the canvas, once focused: + zooms in, the arrow keys move the view
    page.focus(".vis-network")
    scale = page.evaluate("() => network.getScale()")
    page.keyboard.down("=")  # vis-network zooms on every frame while the key is held
    page.wait_for_function("(s) => network.getScale() > s", arg=scale)
    page.keyboard.up("=")
    before = page.evaluate("() => network.getViewPosition()")
    page.keyboard.down("ArrowLeft")
    page.wait_for_function("(x) => Math.abs(network.getViewPosition().x - x) > 5", arg=before["x"])
    page.keyboard.up("ArrowLeft")
    # the buttons do what they say
    page.focus("#kg-zoom-out")
    scale = page.evaluate("() => network.getScale()")
    page.keyboard.press("Enter")
    assert page.evaluate("() => network.getScale()") < scale
    assert_clean(offline)


#: Every piece of visible text: its colour and the colour behind it, and every control's border.
CONTRAST = """() => {
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(v => { v /= 255;
      return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); })
    .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  const ratio = (a, b) => { const [x, y] = [lum(a), lum(b)].sort((p, q) => q - p);
                            return (x + 0.05) / (y + 0.05); };
  const behind = e => {
    for (; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length === 3 || c[3] > 0) return c.slice(0, 3);
    }
    return [255, 255, 255]; };
  const out = [];
  document.querySelectorAll("body *").forEach(e => {
    if (!e.offsetParent && e.tagName !== "BODY") return;
    const own = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    const s = getComputedStyle(e);
    if (own) out.push({what: e.tagName + "." + e.className + " " + e.textContent.slice(0, 30),
                       ratio: ratio(rgb(s.color), behind(e)), kind: "text"});
    if (["INPUT", "SELECT", "BUTTON"].includes(e.tagName) && e.type !== "checkbox")
      out.push({what: e.tagName + " " + (e.id || e.name), kind: "border",
                ratio: ratio(rgb(s.borderTopColor), behind(e.parentElement))});
  });
  return out; }"""


def test_text_and_controls_meet_wcag_aa_contrast(explorer, fixture_server):
    offline = explorer(fixture_server.url)
    page = offline.page
    page.goto(f"{fixture_server.url}/viz")
    wait_ready(page)
    page.focus("#kg-search")
    page.keyboard.type("test")  # the result list open, the first result marked
    found = page.evaluate(CONTRAST)
    page.keyboard.press("Enter")  # the side panel open
    found += page.evaluate(CONTRAST)
    assert len(found) > 40
    low = [f for f in found if f["ratio"] < (4.5 if f["kind"] == "text" else 3)]
    assert low == []
    # colour is never alone: each kind has its own shape, drawn next to its name
    for item in page.query_selector_all("#kg-legend-list li, .kg-kinds label"):
        assert item.query_selector("svg") and item.inner_text().strip()
    assert_clean(offline)


# -- the same page as a file, with no server --------------------------------------------------


def page_ids(html: str) -> set[str]:
    import json

    data = re.search(r'<script type="application/json" id="kg-nodes">(.*?)</script>', html, re.S)
    return {node["id"] for node in json.loads(data.group(1))}


def test_a_file_from_kg_viz_filters_searches_and_saves_on_its_own(
    explorer, fixture_build, fixture_server, kg, tmp_path
):
    out = tmp_path / "viz"
    result = kg("viz", "--build", str(fixture_build), "--out", str(out))
    assert result.returncode == 0, result.stderr
    offline = explorer("file://")
    page = offline.page
    page.goto((out / "overview.html").as_uri())
    wait_ready(page)
    assert page.is_hidden("#kg-apply")  # every filter applies at once, in the page
    # search by abbreviation; no expanding and no neighbourhood view without a server
    page.focus("#kg-search")
    page.keyboard.type("DoT")
    page.keyboard.press("Enter")
    assert page.evaluate("() => network.getSelectedNodes()") == [f"{B}/body/dept"]
    assert page.is_hidden("#kg-expand") and page.is_hidden("#kg-around")
    # the page's filters give what the server's give, for the same query
    for name, value in (("report", "test-2025"), ("theme", "data"), ("body", "agency"),
                        ("status", "LEGISLATING")):  # fmt: skip
        page.select_option(f'select[name="{name}"]', value)
        served = page_ids(httpx.get(f"{fixture_server.url}/viz?{name}={value}").text)
        assert visible(page) == served, name
        assert parse_qs(urlsplit(page.url).query)[name] == [value]
        page.select_option(f'select[name="{name}"]', "")
    assert visible_count(page) == 16
    for kind in page.eval_on_selector_all('input[name="kind"]', "boxes => boxes.map(b => b.value)"):
        if kind != "Body":
            page.uncheck(f'input[name="kind"][value="{kind}"]')
    assert visible(page) == page_ids(httpx.get(f"{fixture_server.url}/viz?kind=Body").text)
    assert parse_qs(urlsplit(page.url).query)["kind"] == ["Body"]
    # opened again from its URL, the file shows the same
    page.goto(page.url)
    wait_ready(page)
    assert visible_count(page) == 2
    with page.expect_download():
        page.click("#kg-save-png")
    png, _width, _height = png_of(page.get_attribute("#kg-png", "href"))
    assert len(png) > 5_000
    assert_clean(offline)


# -- screenshots (looked at by a person; nothing asserts on them) -----------------------------


@pytest.mark.parametrize(("name", "width", "height"), [("desktop", 1400, 900),
                                                        ("mobile", 390, 844)])  # fmt: skip
def test_screenshots(explorer, bundled_server, name, width, height):
    offline = explorer(bundled_server.url)
    page = offline.page
    page.set_viewport_size({"width": width, "height": height})
    page.goto(f"{bundled_server.url}/viz")
    wait_ready(page)
    page.screenshot(path=f"{SHOTS}/viz-{name}.png")
    page.focus("#kg-search")
    page.keyboard.type("NCA")
    page.screenshot(path=f"{SHOTS}/viz-{name}-search.png")
    page.keyboard.press("Enter")
    page.screenshot(path=f"{SHOTS}/viz-{name}-selected.png", full_page=name == "mobile")
    assert_clean(offline)
