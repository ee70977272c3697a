"""/sparql follows the SPARQL 1.1 Protocol: real clients (SPARQLWrapper, rdflib's SPARQLStore)
get correct answers over HTTP; updates are refused; limits are reported, never silent."""

import csv
import io
import json
import urllib.error

import httpx
import pytest
from rdflib import Graph, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

PKG = "https://policy-kg.example/ns#"
COUNT_RECS = f"SELECT (COUNT(?r) AS ?n) WHERE {{ ?r a <{PKG}Recommendation> }}"
BODIES = (f"SELECT ?b ?name WHERE {{ ?b a <{PKG}Body> ; <http://www.w3.org/2000/01/rdf-schema#label>"
          " ?name } ORDER BY ?name")  # fmt: skip


@pytest.fixture
def endpoint(fixture_server):
    return f"{fixture_server.url}/sparql"


def wrapper(endpoint, query, fmt, method="GET"):
    client = SPARQLWrapper(endpoint)
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    return client.query()


@pytest.mark.parametrize("method", ["GET", "POST"])
def test_sparqlwrapper_select_json(endpoint, method):
    result = wrapper(endpoint, BODIES, JSON, method).convert()
    names = [b["name"]["value"] for b in result["results"]["bindings"]]
    assert names == ["Department of Tests", "Test Agency"]
    assert result["results"]["bindings"][0]["b"] == {
        "type": "uri", "value": "https://policy-kg.example/body/dept"}  # fmt: skip


def test_sparqlwrapper_select_xml_csv_and_count(endpoint):
    xml = wrapper(endpoint, COUNT_RECS, XML).convert()
    [literal] = xml.getElementsByTagName("literal")
    assert literal.firstChild.data == "3"
    assert literal.getAttribute("datatype").endswith("#integer")
    rows = list(csv.reader(io.StringIO(wrapper(endpoint, BODIES, CSV).convert().decode())))
    assert rows == [["b", "name"], ["https://policy-kg.example/body/dept", "Department of Tests"],
                    ["https://policy-kg.example/body/agency", "Test Agency"]]  # fmt: skip


def test_sparqlwrapper_ask_and_construct(endpoint):
    assert wrapper(endpoint, f"ASK {{ ?r a <{PKG}Recommendation> }}", JSON).convert() == {
        "head": {}, "boolean": True}  # fmt: skip
    turtle = wrapper(endpoint, f"CONSTRUCT {{ ?b a <{PKG}Body> }} WHERE {{ ?b a <{PKG}Body> }}",
                     TURTLE).convert()  # fmt: skip
    graph = Graph().parse(data=turtle, format="turtle")
    assert set(graph.subjects()) == {URIRef("https://policy-kg.example/body/dept"),
                                     URIRef("https://policy-kg.example/body/agency")}  # fmt: skip


def test_rdflib_sparqlstore_reads_through_the_endpoint(endpoint):
    store = SPARQLStore(endpoint, returnFormat="json")
    graph = Graph(store)
    rows = list(graph.query(BODIES))
    assert [str(row.name) for row in rows] == ["Department of Tests", "Test Agency"]
    assert (URIRef("https://policy-kg.example/body/agency"), None, None) in graph


def test_updates_are_refused(endpoint):
    update = f"INSERT DATA {{ <urn:x> a <{PKG}Body> }}"
    response = httpx.post(endpoint, content=update,
                          headers={"content-type": "application/sparql-update"})  # fmt: skip
    assert response.status_code == 403 and "read-only" in response.text
    response = httpx.post(endpoint, data={"update": update})
    assert response.status_code == 403
    client = SPARQLWrapper(endpoint)
    client.setQuery(update)
    client.setMethod("POST")
    with pytest.raises((SPARQLWrapperException, urllib.error.HTTPError)) as refused:
        client.query()
    assert "403" in str(refused.value)
    if isinstance(refused.value, urllib.error.HTTPError):
        refused.value.close()
    # and nothing changed
    assert wrapper(endpoint, "ASK { <urn:x> ?p ?o }", JSON).convert()["boolean"] is False


def test_bad_queries_and_formats(endpoint):
    response = httpx.get(endpoint, params={"query": "SELEKT * WHERE { ?s ?p ?o }"})
    assert response.status_code == 400 and "not valid SPARQL" in response.text
    response = httpx.get(endpoint, params={"query": BODIES},
                         headers={"accept": "image/png"})  # fmt: skip
    assert response.status_code == 406
    response = httpx.get(endpoint, params={"query": BODIES, "format": "tsv"})
    assert response.headers["content-type"].startswith("text/tab-separated-values")
    assert response.text.splitlines()[1] == (
        '<https://policy-kg.example/body/dept>\t"Department of Tests"'
    )
    assert httpx.get(endpoint).status_code == 400
    assert (
        httpx.post(endpoint, content="x", headers={"content-type": "text/plain"}).status_code == 415
    )


def test_named_graphs_and_dataset_parameters(endpoint):
    query = f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?b a <{PKG}Body> }} }}"
    result = json.loads(httpx.get(endpoint, params={"query": query}).content)
    assert [b["g"]["value"] for b in result["results"]["bindings"]] == [
        "https://policy-kg.example/graph/registers"
    ]
    only = httpx.get(
        endpoint,
        params={
            "query": COUNT_RECS,
            "default-graph-uri": "https://policy-kg.example/graph/earlier",
        },
    )
    assert json.loads(only.content)["results"]["bindings"][0]["n"]["value"] == "1"


def serve_endpoint(live_server, endpoint):
    from starlette.applications import Starlette
    from starlette.routing import Route

    return live_server(Starlette(routes=[Route("/sparql", endpoint, methods=["GET", "POST"])]))


def test_result_cap_is_reported_not_truncated(fixture_build, live_server):
    from kg.sparql.endpoint import SparqlEndpoint
    from kg.store import open_build

    with serve_endpoint(live_server, SparqlEndpoint(open_build(fixture_build), cap=5)) as server:
        response = httpx.get(f"{server.url}/sparql",
                             params={"query": "SELECT * WHERE { ?s ?p ?o }"})  # fmt: skip
        assert response.status_code == 413
        assert "more than 5 rows, the cap of this endpoint" in response.text
        small = httpx.get(f"{server.url}/sparql",
                          params={"query": "SELECT * WHERE { ?s ?p ?o } LIMIT 5"})  # fmt: skip
        assert small.status_code == 200


def test_timeout_is_reported(live_server):
    import time

    from kg.sparql.endpoint import SparqlEndpoint

    class SlowStore:
        def run_query(self, *args, **kwargs):
            time.sleep(1)

    with serve_endpoint(live_server, SparqlEndpoint(SlowStore(), timeout=0.1)) as server:
        response = httpx.get(f"{server.url}/sparql", params={"query": "ASK {}"})
    assert response.status_code == 503
    assert "longer than this endpoint's timeout of 0.1 s" in response.text
