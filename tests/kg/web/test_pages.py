"""Entity pages over HTTP (kg.web.pages): content negotiation, citations, links, escaping,
errors."""

import json
from urllib.parse import quote

import httpx
import pyoxigraph as ox
import pytest

from ontology import DCTERMS, PKG, RDF

B = "https://policy-kg.example"
REC1 = f"{B}/report/test-2025/recommendation/1"
ACT = "http://www.legislation.gov.uk/id/ukpga/2003/42"


@pytest.fixture(scope="module")
def get(fixture_http):
    return fixture_http.get


def test_html_page_shows_facts_sources_and_links(get):
    response = get("/report/test-2025/recommendation/1", headers={"accept": "text/html"})
    assert response.status_code == 200
    page = response.text
    assert "<h1>Recommendation 1: Change the law</h1>" in page
    assert "Confirmed by a primary source." in page
    assert ">Test report</a>, Recommendation 1" in page  # source title, locator
    assert 'class="authority primary"' in page
    assert 'href="/body/dept"' in page  # a neighbour, by its own page
    assert f'href="/entity?id={quote(ACT + "/section/9", safe="")}"' in page
    assert f'href="/viz/entity?id={quote(REC1, safe="")}"' in page
    assert "/graphiql?query=" in page


def test_unconfirmed_entities_say_why(get):
    page = get("/report/test-2025/recommendation/2").text
    assert "Not confirmed: wording known only from press." in page


@pytest.mark.parametrize(
    ("accept", "fmt"),
    [("text/turtle", ox.RdfFormat.TURTLE), ("application/ld+json", ox.RdfFormat.JSON_LD)],
)
def test_machine_readable_by_content_negotiation(get, accept, fmt):
    response = get("/report/test-2025/recommendation/1", headers={"accept": accept})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(accept)
    triples = list(ox.parse(response.content, format=fmt))
    subjects = {t.subject.value for t in triples}
    assert REC1 in subjects and f"{REC1}/citation/1" in subjects  # with its citations
    assert get("/report/test-2025/recommendation/1?format=ttl").headers[
        "content-type"].startswith("text/turtle")  # fmt: skip


def test_statutes_have_pages_too(get):
    page = get(f"/entity?id={quote(ACT, safe='')}").text
    assert "<h1>Test Act 2003</h1>" in page and "2003 c. 42" in page
    data = json.loads(get(f"/entity?id={quote(ACT, safe='')}&format=jsonld").content)
    nodes = {node["@id"]: node for node in data}  # expanded JSON-LD: a list of nodes

    def values(node, predicate):
        return [v.get("@value", v.get("@id")) for v in node[str(predicate)]]

    # registers.yaml: the Act (kind: act, typed as ours and as ELI's LegalResource), its title,
    # citation and status, cited to statute-page, a primary source, so confirmed.
    act = nodes[ACT]
    assert sorted(values(act, RDF.type)) == sorted(
        [str(PKG.Instrument), str(PKG.Act), "http://data.europa.eu/eli/ontology#LegalResource"]
    )
    assert values(act, DCTERMS.title) == ["Test Act 2003"]
    assert values(act, PKG.legalCitation) == ["2003 c. 42"]
    assert values(act, PKG.legalStatus) == ["in force"]
    assert values(act, PKG.confirmed) == ["true"]
    [citation] = values(act, PKG.citation)
    assert values(nodes[citation], PKG.source) == [f"{B}/source/statute-page"]
    assert set(nodes) == {ACT, citation}  # the entity and its citation, nothing else


def test_unknown_entities_and_bad_input(get):
    assert get("/body/nobody").status_code == 404
    assert get("/body/nobody?format=ttl").status_code == 404
    assert get("/entity?id=not-an-iri").status_code == 400
    assert get("/body/dept?format=pdf").status_code == 400


def test_errors_are_plain_text(get):
    response = get("/body/nobody", headers={"accept": "text/html"})
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text == f"no entity {B}/body/nobody in the graph\n"
    response = get("/body/dept?format=pdf")
    assert response.text == "unknown format; use ttl, jsonld, nt or html\n"
    response = get("/entity?id=not-an-iri")
    assert response.text == "'not-an-iri' is not an IRI: give the entity's full IRI\n"


def test_text_is_escaped(fixture_server, corpus, kg, tmp_path, live_server):
    (corpus / "zz-hostile.yaml").write_text(
        "bodies:\n  - key: hostile\n    name: '<script>alert(1)</script>'\n"
        "    kind: '<b>agency</b>'\n    cite: [press]\n"
    )
    out = tmp_path / "kg.nq"
    assert kg("build", "-q", "--sources", str(corpus), "--out", str(out)).returncode == 0
    from kg.web import create_app

    with live_server(create_app(out)) as server:
        page = httpx.get(f"{server.url}/body/hostile").text
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
