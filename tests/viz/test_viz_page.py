"""viz.render: one complete page that works offline, escapes what it shows, and stays usable."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from urllib.parse import quote

import networkx as nx
import pytest

import viz
from viz.assets import vis_network_inline

BASE = "https://policy-kg.example"
REPORT = f"{BASE}/report/casey-2025"
REC = f"{REPORT}/recommendation/1"
FINDING = f"{REPORT}/finding/1"
BODY = f"{BASE}/body/home-office"
ACT = "http://www.legislation.gov.uk/id/ukpga/2003/42"
HOSTILE = "<script>alert(1)</script>"
LINKED = '<a href="javascript:alert(2)">Home Office</a>'


def small_graph() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.add_node(REPORT, kind="Report", label="National Audit on Group-based CSEA")
    graph.add_node(
        REC,
        kind="Recommendation",
        label=f"{HOSTILE} adults who penetrate a child under 16 are charged with rape",
        summary="Charge rape & say so </script><b>loudly</b>",
        sources=["National Audit (primary), para 1", "<i>Press</i> (secondary)"],
        confirmed=False,
    )
    graph.add_node(FINDING, kind="Finding", label="Offences are charged inconsistently")
    graph.add_node(BODY, kind="Body", label=LINKED, highlight="gap")
    graph.add_node(ACT, kind="Instrument", label="Sexual Offences Act 2003")
    graph.add_edge(REC, REPORT, key="report", evidence=REC)
    graph.add_edge(FINDING, REPORT, key="report", evidence=FINDING)
    graph.add_edge(REC, FINDING, key="addresses", evidence=REC)
    graph.add_edge(REC, BODY, key="lead", evidence=f"{REC}/responsibility/1")
    graph.add_edge(REC, BODY, key="partner", evidence=f"{REC}/responsibility/2")
    graph.add_edge(REC, ACT, key="amends", evidence=f"{REC}/instrument-link/1")
    return graph


def entity_url(iri: str) -> str:
    return "/entity?iri=" + quote(iri, safe="")


def render(graph=None, **options) -> str:
    options.setdefault("title", "Casey audit")
    options.setdefault("node_url", entity_url)
    options.setdefault("vis_js", "/assets/vis-network.min.js")
    return viz.render(small_graph() if graph is None else graph, **options)


class Page(HTMLParser):
    """Tags with their attributes, and every script's attributes and text."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict]] = []
        self.scripts: list[tuple[dict, str]] = []
        self.text: list[str] = []
        self._script: tuple[dict, list[str]] | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "script":
            self._script = (dict(attrs), [])

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script[0], "".join(self._script[1])))
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._script[1].append(data)
        else:
            self.text.append(data)

    def data(self, name: str):
        """The JSON block `kg-<name>`: nodes, edges, options or links."""
        [text] = [text for attrs, text in self.scripts if attrs.get("id") == f"kg-{name}"]
        return json.loads(text)

    def body(self) -> dict:
        return next(attrs for tag, attrs in self.tags if tag == "body")


def nodes_by_id(page: Page) -> dict[str, dict]:
    return {node["id"]: node for node in page.data("nodes")}


# -- offline: nothing from another host ---------------------------------------------------------

CDN = re.compile(r"cdnjs|jsdelivr|unpkg|bootstrap|googleapis|gstatic|esm\.sh", re.IGNORECASE)


@pytest.mark.parametrize("vis_js", [None, "/assets/vis-network.min.js"])
def test_nothing_loads_from_another_host(vis_js):
    html = render(vis_js=vis_js)
    page = Page(html)
    assert not CDN.search(html)
    assert "@import" not in html and not re.search(r"url\(\s*['\"]?(https?:)?//", html)
    for tag, attrs in page.tags:
        for name in ("src", "href"):
            value = attrs.get(name) or ""
            assert not re.match(r"\s*(https?:)?//", value), (tag, attrs)
    # Outside the JSON data (which holds the IRIs) and the inlined library, no absolute URL at all.
    markup = html
    for attrs, text in page.scripts:
        if attrs.get("type") == "application/json" or attrs.get("id") == "vis-network":
            markup = markup.replace(text, "")
    assert "http://" not in markup and "https://" not in markup


def test_vis_network_is_inlined_when_no_url_is_given():
    page = Page(render(vis_js=None))
    [library] = [text for attrs, text in page.scripts if attrs.get("id") == "vis-network"]
    assert library == vis_network_inline()
    assert "vis-network" in library[:200] and len(library) > 100_000
    assert not [attrs for tag, attrs in page.tags if tag == "script" and "src" in attrs]


def test_vis_network_is_referenced_when_a_url_is_given():
    html = render(vis_js="/assets/vis-network.min.js")
    page = Page(html)
    sources = [attrs["src"] for tag, attrs in page.tags if tag == "script" and "src" in attrs]
    assert sources == ["/assets/vis-network.min.js"]
    assert not [attrs for attrs, _text in page.scripts if attrs.get("id") == "vis-network"]
    assert len(html) < 100_000


def test_no_bootstrap_and_no_pyvis_default_template():
    html = render()
    assert 'class="card' not in html and "loadingBar" not in html


# -- escaping -----------------------------------------------------------------------------------


def test_a_hostile_label_never_becomes_markup():
    html = render(vis_js="/v.js")
    assert HOSTILE not in html
    assert "<b>loudly</b>" not in html and "</script><b>" not in html
    assert LINKED not in html and 'href="javascript' not in html
    # Exactly the page's own scripts: the library reference, the JSON blocks, the page script.
    assert html.lower().count("<script") == 6
    page = Page(html)
    nodes = nodes_by_id(page)
    # The canvas draws labels as text: the JSON carries them as they are, and parses back.
    assert nodes[REC]["label"].startswith("<script>alert(1)</script")
    # Tooltips are HTML (made into elements by the page): every piece of user text is escaped.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in nodes[REC]["title"]
    assert "&lt;/script&gt;&lt;b&gt;loudly&lt;/b&gt;" in nodes[REC]["title"]
    assert "&lt;i&gt;Press&lt;/i&gt; (secondary)" in nodes[REC]["title"]
    assert "&lt;a href=&quot;javascript:alert(2)&quot;&gt;" in nodes[BODY]["title"]
    assert "<script" not in nodes[REC]["title"] and "<a " not in nodes[BODY]["title"]


def test_the_title_and_notice_are_escaped():
    html = render(title=f"Views {HOSTILE}", notice=f"Cut {LINKED}")
    assert HOSTILE not in html and LINKED not in html
    assert "<h1>Views &lt;script&gt;alert(1)&lt;/script&gt;</h1>" in html
    assert "<title>Views &lt;script&gt;" in html


def test_links_that_could_run_script_are_dropped():
    html = render(node_url=lambda iri: "javascript:alert(3)" if iri == BODY else entity_url(iri))
    page = Page(html)
    links = page.data("links")
    assert BODY not in links and links[REC] == entity_url(REC)
    assert "javascript:alert(3)" not in html
    assert viz.safe_url(" javascript:alert(1)") is None
    assert viz.safe_url("java\tscript:alert(1)") is None
    assert viz.safe_url("data:text/html,x") is None
    assert viz.safe_url("/report/casey-2025") == "/report/casey-2025"
    assert viz.safe_url("https://policy-kg.example/x") == "https://policy-kg.example/x"


# -- what the page shows ------------------------------------------------------------------------


def test_tooltips_carry_kind_label_summary_and_sources():
    title = nodes_by_id(Page(render()))[REC]["title"]
    assert "Recommendation" in title and "not confirmed by a primary source" in title
    assert "adults who penetrate a child under 16 are charged with rape" in title
    assert "Charge rape &amp; say so" in title
    assert "National Audit (primary), para 1" in title
    assert REC in title


def test_long_labels_are_shortened_on_the_node_and_whole_in_the_list():
    html = render()
    node = nodes_by_id(Page(html))[REC]
    assert node["label"].endswith("…") and len(node["label"]) <= 2 * 24 + 1
    assert "adults who penetrate a child under 16 are charged with rape</a>" in html


def test_legend_lists_the_kinds_present_and_the_marks_in_use():
    page = Page(render())
    [legend] = [i for i, (tag, attrs) in enumerate(page.tags) if attrs.get("class") == "kg-legend"]
    text = " ".join(page.text)
    for kind in ("Report (1)", "Recommendation (1)", "Finding (1)", "Body (1)", "Instrument (1)"):
        assert kind in text
    assert "Theme" not in text and "ProposedChange" not in text
    assert "not confirmed by a primary source" in text and "gap" in text
    assert legend  # the legend is page markup, not drawn in the canvas


def test_kinds_have_their_own_shape_and_colour():
    page = Page(render())
    groups = page.data("options")["groups"]
    assert set(groups) == {"Report", "Recommendation", "Finding", "Body", "Instrument"}
    assert len({group["shape"] for group in groups.values()}) == len(groups)
    assert len({group["color"]["background"] for group in groups.values()}) == len(groups)
    nodes = nodes_by_id(page)
    assert nodes[REPORT]["group"] == "Report" and nodes[REPORT]["shape"] == "square"
    assert nodes[BODY]["shape"] == groups["Body"]["shape"] == "triangle"
    assert nodes[BODY]["color"]["background"] == groups["Body"]["color"]["background"]
    assert nodes[BODY]["color"]["border"] == "#C00000" and nodes[BODY]["borderWidth"] == 4
    assert nodes[REC]["shapeProperties"]["borderDashes"]


def test_edges_are_labelled_with_their_predicates_and_point_one_way():
    page = Page(render())
    edges = {(e["from"], e["to"]): e for e in page.data("edges")}
    assert edges[(REC, ACT)]["label"] == "amends"
    assert edges[(REC, BODY)]["label"] == "lead, partner"  # one drawn edge per pair
    assert all(edge["arrows"] == "to" for edge in edges.values())
    assert page.data("options")["edges"]["arrows"]["to"]["enabled"] is True
    assert "<" not in edges[(REC, ACT)]["title"].replace(HOSTILE, "")  # plain text tooltip


def test_nodes_link_to_their_pages_and_the_page_is_testable():
    html = render()
    page = Page(html)
    assert page.data("links") == {iri: entity_url(iri) for iri in small_graph()}
    assert page.body()["data-node-count"] == "5"
    assert page.body()["data-edge-count"] == "5"
    assert 'network.on("click"' in html and "window.location.href" in html
    assert "window.kgReady = true" in html
    assert f'href="{entity_url(ACT)}"' in html  # the list of entities works without script


def test_the_notice_is_shown_at_the_top():
    html = render(notice="Showing 500 of 3,000 entities")
    assert html.index("Showing 500 of 3,000 entities") < html.index('id="network"')
    assert 'class="kg-notice"' not in render()


def test_focus_is_marked_and_named_in_the_legend():
    page = Page(render(focus=REC))
    assert nodes_by_id(page)[REC]["borderWidth"] == 5
    assert "the view's centre" in " ".join(page.text)
    assert "the view's centre" not in render(focus="https://elsewhere.example/x")


# -- large views --------------------------------------------------------------------------------


def test_small_views_use_physics_without_positions():
    page = Page(render())
    assert page.data("options")["physics"]["enabled"] is True
    assert page.body()["data-physics"] == "on"
    assert not any("x" in node for node in page.data("nodes"))
    assert 'network.once("stabilizationIterationsDone", ready)' in Page(render()).scripts[-1][1]


def test_views_above_the_threshold_get_positions_and_no_physics():
    graph = nx.MultiDiGraph()
    for i in range(40):
        graph.add_node(f"{BASE}/n/{i}", kind="Finding", label=f"Finding {i}")
        if i:
            graph.add_edge(f"{BASE}/n/{i}", f"{BASE}/n/{i // 3}", key="addresses", evidence="e")
    page = Page(render(graph, max_physics_nodes=30))
    options = page.data("options")
    assert options["physics"]["enabled"] is False
    assert options["edges"]["smooth"] is False
    assert page.body()["data-physics"] == "off"
    nodes = page.data("nodes")
    assert len(nodes) == 40
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in nodes)
    assert len({(n["x"], n["y"]) for n in nodes}) == 40
    assert page.body()["data-node-count"] == "40"


def test_an_empty_view_still_renders_and_says_so():
    page = Page(render(nx.MultiDiGraph()))
    assert page.body()["data-node-count"] == "0"
    assert page.data("options")["physics"]["enabled"] is False  # would never stabilise
    assert "No entity is in this view." in " ".join(page.text)


# -- the explorer -------------------------------------------------------------------------------


def test_the_page_script_is_one_constant_block_whatever_the_view():
    """The Content-Security-Policy allows inline blocks by the hash of an empty page's
    (kg/web/security.py): every view must carry exactly the same script and style."""

    def blocks(html: str) -> tuple[list[str], str]:
        page = Page(html)
        runs = [text for attrs, text in page.scripts
                if not attrs.get("src") and attrs.get("type") != "application/json"
                and attrs.get("id") != "vis-network"]  # fmt: skip
        return runs, re.search(r"<style>(.*?)</style>", html, re.S).group(1)

    empty = blocks(render(nx.MultiDiGraph()))
    panel = viz.FilterPanel(
        action="/viz",
        selects=(viz.Select("report", "Report", (viz.Choice("casey-2025", "Casey", REPORT),),
                            via=("report",), itself=True, selected="casey-2025"),),
        kinds=("Report", "Body"),
        selected_kinds=("Body",),
    )  # fmt: skip
    for html in (render(), render(vis_js=None), render(focus=REC, panel=panel, views="/viz"),
                 render(notice="Cut", max_physics_nodes=2)):  # fmt: skip
        assert blocks(html) == empty
    [script] = empty[0]
    assert script == viz.page.explorer_script() and "</script" not in script.lower()


def test_nodes_carry_what_search_filters_and_the_panel_read():
    graph = small_graph()
    graph.nodes[BODY].update(abbreviation="HO", confirmed=True)
    graph.nodes[REC].update(number=1, status="IN_PROGRESS")
    nodes = nodes_by_id(Page(render(graph)))
    assert nodes[BODY]["abbr"] == "HO" and nodes[BODY]["kind"] == "Body"
    assert nodes[REC]["num"] == 1 and nodes[REC]["status"] == "IN_PROGRESS"
    assert nodes[REC]["confirmed"] is False and "confirmed" not in nodes[BODY]
    assert nodes[REC]["url"] == entity_url(REC)
    # the whole label when the canvas shows it shortened, and only then
    assert nodes[REC]["name"].endswith("are charged with rape")
    assert "name" not in nodes[ACT]


def test_edges_list_their_predicates_for_the_link_filter():
    page = Page(render())
    edges = {(e["from"], e["to"]): e for e in page.data("edges")}
    assert edges[(REC, BODY)]["predicates"] == ["lead", "partner"]
    select = re.search(r'<select name="link".*?</select>', render(), re.S).group(0)
    assert re.findall(r'<option value="([^"]*)"', select) == [
        "", "addresses", "amends", "lead", "partner", "report",
    ]  # fmt: skip


def test_the_filter_panel_names_entities_by_their_place_never_by_iri():
    panel = viz.FilterPanel(
        selects=(
            viz.Select(
                "report",
                "Report",
                (
                    viz.Choice("casey-2025", "Casey", REPORT),
                    viz.Choice("elsewhere", "Not in this view", f"{BASE}/report/x"),
                ),
                via=("report",),
                itself=True,
            ),
        ),
    )
    html = render(panel=panel)
    select = re.search(r'<select name="report".*?</select>', html, re.S).group(0)
    place = [node["id"] for node in Page(html).data("nodes")].index(REPORT)
    assert f'<option value="casey-2025" data-node="{place}">Casey</option>' in select
    assert '<option value="elsewhere">Not in this view</option>' in select
    assert 'data-via="report"' in select and 'data-itself="true"' in select
    assert "https://" not in select
    # no action: the page applies it; the kinds offered are those in the view
    assert 'data-server="true"' not in html
    kinds = re.findall(r'<input type="checkbox" name="kind" value="([^"]+)" checked>', html)
    assert kinds == ["Report", "Finding", "Recommendation", "Body", "Instrument"]


def test_a_server_panel_applies_its_filters_by_loading_the_view_again():
    panel = viz.FilterPanel(action="/viz", kinds=("Report", "Body", "Theme"),
                            selected_kinds=("Body",))  # fmt: skip
    html = render(viz.filter_graph(small_graph(), kinds={"Body"}), panel=panel, views="/viz")
    assert '<form id="kg-filters" class="kg-filters" method="get" action="/viz" ' in html
    assert 'data-server="true"' in html and 'data-views="/viz"' in html
    assert re.findall(r'name="kind" value="(\w+)"( checked)?', html) == [
        ("Report", ""), ("Body", " checked"), ("Theme", ""),
    ]  # fmt: skip
    assert "data-views=" not in render()  # no server: no expanding


def test_a_fragment_is_what_expand_adds():
    part = viz.fragment(small_graph(), node_url=entity_url)
    assert {node["id"] for node in part["nodes"]} == set(small_graph())
    assert not any("x" in node for node in part["nodes"])
    assert {(e["from"], e["to"]) for e in part["edges"]} == {
        (e["from"], e["to"]) for e in Page(render()).data("edges")
    }
    assert set(part["groups"]) == {"Report", "Recommendation", "Finding", "Body", "Instrument"}
    keys = [entry["key"] for entry in part["legend"]]
    assert keys[:2] == ["kind:Report", "kind:Finding"] and "mark:unconfirmed" in keys
    assert all(entry["svg"].startswith("<svg") for entry in part["legend"])


def test_the_legend_entries_say_what_the_page_recounts():
    html = render()
    assert '<li data-legend="kind:Body" data-kind="Body">' in html
    assert '<li data-legend="mark:unconfirmed">' in html
