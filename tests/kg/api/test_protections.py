"""Bombs are refused over HTTP, quickly, with messages that name the limit and its value."""

import httpx
import pytest


@pytest.fixture
def client(fixture_server):
    # Refusals are 400 for a client of the current spec; a legacy JSON client gets 200 + errors.
    headers = {"accept": "application/graphql-response+json"}
    with httpx.Client(base_url=fixture_server.url, timeout=30, headers=headers) as client:
        yield client


def refused(client, query, variables=None):
    response = client.post("/graphql", json={"query": query, "variables": variables})
    assert response.status_code == 400, response.text
    [error] = response.json()["errors"]
    assert "data" not in response.json()
    return error["message"]


def test_depth_bomb(client):
    query = (
        "{ recommendations { edges { node { " + "echoes { " * 12 + "number" + " }" * 12 + " } } } }"
    )
    assert refused(client, query) == "query depth 16 exceeds the limit of 12"


def test_alias_bomb(client):
    query = "{ " + " ".join(f'a{i}: search(text: "x") {{ id }}' for i in range(200)) + " }"
    assert refused(client, query) == "query uses 200 aliases; the limit is 30"


def test_oversized_page(client):
    response = client.post("/graphql", json={"query": "{ bodies(first: 5000) { totalCount } }"})
    body = response.json()
    assert body["data"] is None or body["data"].get("bodies") is None
    assert "first: 5000 exceeds the maximum page size of 100" in body["errors"][0]["message"]


def test_costly_query(client):
    query = (
        "{ recommendations(first: 100) { edges { node { echoedBy { echoedBy { echoedBy {"
        " number } } } } } } }"
    )
    assert refused(client, query).startswith("query cost ")


def test_oversized_query_text(client):
    query = "{ reports { key } }" + " " * 25_000
    assert refused(client, query) == f"query text is {len(query)} characters; the limit is 20000"


def test_graphiql_introspection_is_allowed(client):
    from graphql import get_introspection_query

    response = client.post("/graphql", json={"query": get_introspection_query()})
    assert response.status_code == 200
    assert response.json()["data"]["__schema"]["queryType"]["name"] == "Query"
