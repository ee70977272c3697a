"""/viz/neighbours (kg.web.network): what a network page's "expand" adds, as JSON.

The definition: an entity's neighbours are the entities one link away in the projection, links
followed both ways, i.e. the nodes of /viz/entity?id=IRI&depth=1 (less the entity). Checked
here against GraphQL, which reads every one of those links from the store by its own resolvers.
"""

import json
import re
from urllib.parse import quote

import pytest

B = "https://policy-kg.example"
REC1 = f"{B}/report/test-2025/recommendation/1"
DEPT = f"{B}/body/dept"
AGENCY = f"{B}/body/agency"

#: Every link of a recommendation, as GraphQL lists them.
REC_LINKS = """query ($id: ID!) { node(id: $id) { ... on Recommendation {
  report { id } addresses { id } themes { id } echoes { id } echoedBy { id } proposals { id }
  responsibilities { body { id } } instruments { instrument { id } } } } }"""
#: Every link of a body.
BODY_LINKS = """query ($id: ID!) { node(id: $id) { ... on Body {
  parent { id } children { id } responsibilities { id } implicatedIn { id } } } }"""


@pytest.fixture(scope="module")
def http(fixture_http):
    return fixture_http


def neighbours(http, iri: str, **params) -> dict:
    query = "".join(f"&{k}={v}" for k, v in params.items())
    response = http.get(f"/viz/neighbours?id={quote(iri, safe='')}{query}")
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


def ids_in(value) -> set[str]:
    """Every `id` anywhere in a GraphQL answer."""
    if isinstance(value, dict):
        found = {value["id"]} if isinstance(value.get("id"), str) else set()
        return found.union(*(ids_in(v) for k, v in value.items() if k != "id"))
    if isinstance(value, list):
        return set().union(*(ids_in(v) for v in value))
    return set()


def graphql_neighbours(http, query: str, iri: str) -> set[str]:
    answer = http.post("/graphql", json={"query": query, "variables": {"id": iri}}).json()
    assert "errors" not in answer, answer
    return ids_in(answer["data"]["node"]) - {iri}


def page_nodes(http, url: str) -> set[str]:
    page = http.get(url).text
    data = re.search(r'<script type="application/json" id="kg-nodes">(.*?)</script>', page, re.S)
    return {node["id"] for node in json.loads(data.group(1))}


@pytest.mark.parametrize(("iri", "query"), [(REC1, REC_LINKS), (AGENCY, BODY_LINKS)])
def test_the_neighbours_are_those_graphql_lists(http, iri, query):
    answer = neighbours(http, iri)
    assert answer["id"] == iri
    found = {node["id"] for node in answer["nodes"]}
    expected = graphql_neighbours(http, query, iri)
    assert expected  # the fixture links each of them
    assert found == expected | {iri}
    # the same entities as the neighbourhood view at depth 1
    assert found == page_nodes(http, f"/viz/entity?id={quote(iri, safe='')}&depth=1")


def test_a_body_is_a_neighbour_of_the_proposals_it_is_responsible_for(http):
    """Body.responsibilities lists recommendations; a proposal's own responsibilities are read
    from the proposal."""
    found = {node["id"] for node in neighbours(http, DEPT)["nodes"]}
    reform = f"{B}/proposal/test-reform"
    query = "query ($id: ID!) { proposal(id: $id) { responsibilities { body { id } } } }"
    answer = http.post("/graphql", json={"query": query, "variables": {"id": reform}}).json()
    assert {"body": {"id": DEPT}} in answer["data"]["proposal"]["responsibilities"]
    assert found == graphql_neighbours(http, BODY_LINKS, DEPT) | {reform, DEPT}


def test_the_recommendations_neighbours_in_full(http):
    found = {node["id"] for node in neighbours(http, REC1)["nodes"]}
    assert found == {
        REC1, f"{B}/report/test-2025", f"{B}/report/test-2025/finding/no-data",
        f"{B}/theme/data", f"{B}/report/earlier-2014/recommendation/3", DEPT, AGENCY,
        "http://www.legislation.gov.uk/id/ukpga/2003/42/section/9", f"{B}/instrument/test-bill",
        f"{B}/proposal/test-reform",
    }  # fmt: skip


def test_edges_join_the_nodes_once_per_direction_with_their_predicates(http):
    answer = neighbours(http, REC1)
    ids = {node["id"] for node in answer["nodes"]}
    edges = {(e["from"], e["to"]): e for e in answer["edges"]}
    assert len(edges) == len(answer["edges"])  # one drawn edge per pair and direction
    assert all(e["from"] in ids and e["to"] in ids for e in answer["edges"])
    assert "lead" in edges[(REC1, DEPT)]["predicates"]
    assert edges[(REC1, f"{B}/report/test-2025")]["predicates"] == ["report"]
    assert edges[(AGENCY, DEPT)]["predicates"] == ["subOrganizationOf"]  # among the neighbours
    # every neighbour is linked to the entity, one way or the other
    linked = {e["to"] for e in answer["edges"] if e["from"] == REC1}
    linked |= {e["from"] for e in answer["edges"] if e["to"] == REC1}
    assert linked == ids - {REC1}


def test_nodes_are_in_the_shape_the_page_holds(http):
    answer = neighbours(http, REC1)
    nodes = {node["id"]: node for node in answer["nodes"]}
    rec = nodes[REC1]
    assert rec["kind"] == "Recommendation" and rec["num"] == 1 and rec["status"] == "LEGISLATING"
    assert rec["url"] == "/report/test-2025/recommendation/1"
    assert "Test report (primary), Recommendation 1" in rec["title"]  # the tooltip, as HTML
    assert rec["group"] == "Recommendation" and rec["shape"] == "diamond"
    assert nodes[DEPT]["abbr"] == "DoT"
    assert nodes[AGENCY]["confirmed"] is False and nodes[AGENCY]["shapeProperties"]["borderDashes"]
    assert not any("x" in node or "y" in node for node in nodes.values())  # the page places them
    # the look of every kind it holds, and the legend entries to add
    kinds = {node["kind"] for node in nodes.values()}
    assert set(answer["groups"]) == kinds
    legend = {entry["key"]: entry for entry in answer["legend"]}
    assert {f"kind:{kind}" for kind in kinds} <= set(legend)
    assert legend["kind:Body"]["kind"] == "Body" and legend["kind:Body"]["svg"].startswith("<svg")
    assert "mark:unconfirmed" in legend


def test_status_answers_for_the_day_asked(http):
    before = {n["id"]: n for n in neighbours(http, REC1, asOf="2025-11-01")["nodes"]}
    assert "status" not in before[REC1]  # legislating from 2025-11-04
    after = {n["id"]: n for n in neighbours(http, REC1, asOf="2025-11-04")["nodes"]}
    assert after[REC1]["status"] == "LEGISLATING"


@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        ("/viz/neighbours", 400, "give the entity's IRI"),
        ("/viz/neighbours?id=dept", 400, "is not an IRI"),
        (f"/viz/neighbours?id={quote(B + '/body/nobody', safe='')}", 404, "no entity"),
        (f"/viz/neighbours?id={quote(REC1, safe='')}&asOf=soon", 400, "asOf must be a date"),
    ],
)
def test_errors_are_json_that_says_why(http, url, status, message):
    response = http.get(url)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    assert message in response.json()["error"]
