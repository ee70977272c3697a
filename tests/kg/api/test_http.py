"""GraphQL over HTTP, over a real socket: media types, status codes, methods, clear errors."""

import logging

import httpx
import pytest

GRAPHQL_RESPONSE = "application/graphql-response+json"
QUERY = "{ reports { key } }"


@pytest.fixture
def client(fixture_server):
    """A client of the current spec: it names graphql-response+json (httpx sends `*/*`)."""
    headers = {"accept": GRAPHQL_RESPONSE}
    with httpx.Client(base_url=fixture_server.url, timeout=30, headers=headers) as client:
        yield client


def test_post_json(client):
    response = client.post("/graphql", json={"query": QUERY})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    assert response.json() == {"data": {"reports": [{"key": "earlier-2014"}, {"key": "test-2025"}]}}
    # the server's own time, for benchmarks
    assert float(response.headers["server-timing"].removeprefix("app;dur=")) > 0


def test_get_query_with_variables(client):
    response = client.get(
        "/graphql",
        params={
            "query": "query($id: ID!) { body(id: $id) { name } }",
            "variables": '{"id": "dept"}',
        },
    )
    assert response.status_code == 200
    assert response.json()["data"] == {"body": {"name": "Department of Tests"}}


def test_named_operation_is_chosen(client):
    document = 'query A { reports { key } } query B { body(id: "dept") { key } }'
    response = client.post("/graphql", json={"query": document, "operationName": "B"})
    assert response.json()["data"] == {"body": {"key": "dept"}}
    response = client.post("/graphql", json={"query": document})
    assert response.status_code == 400
    assert "name one with operationName" in response.json()["errors"][0]["message"]


def test_mutation_over_get_is_405(client):
    response = client.get("/graphql", params={"query": "mutation { x }"})
    assert response.status_code == 405
    assert response.headers["allow"] == "POST"
    assert "mutations are not allowed over GET" in response.json()["errors"][0]["message"]


def test_other_methods_are_405(client):
    assert client.put("/graphql", json={"query": QUERY}).status_code == 405


def test_unsupported_content_type_is_415(client):
    response = client.post("/graphql", content=QUERY, headers={"content-type": "text/plain"})
    assert response.status_code == 415
    assert "application/json" in response.json()["errors"][0]["message"]


@pytest.mark.parametrize(
    ("request_kwargs", "message"),
    [
        ({"content": b"{not json", "headers": {"content-type": "application/json"}},
         "the request body is not valid JSON"),
        ({"json": ["a list"]}, "must be a JSON object"),
        ({"json": {"query": ""}}, "no `query` string"),
        ({"json": {"query": QUERY, "variables": "{oops"}}, "variables is not valid JSON"),
        ({"json": {"query": QUERY, "variables": [1]}}, "variables must be a JSON object"),
    ],
)  # fmt: skip
def test_malformed_requests_are_400_with_a_message(client, request_kwargs, message):
    response = client.post("/graphql", **request_kwargs)
    assert response.status_code == 400
    assert message in response.json()["errors"][0]["message"]


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        (None, "application/json"),  # no Accept at all: the spec's SHOULD
        ("*/*", "application/json"),
        ("application/*", "application/json"),
        ("application/json", "application/json"),
        ("text/html, */*;q=0.8", "application/json"),
        (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE),
        (f"application/json, {GRAPHQL_RESPONSE};q=0.9", GRAPHQL_RESPONSE),
        (f"{GRAPHQL_RESPONSE};q=0, application/json", "application/json"),
    ],
)  # fmt: skip
def test_the_response_media_type_follows_accept(fixture_server, accept, media):
    headers = {} if accept is None else {"accept": accept}
    request = httpx.Request("POST", f"{fixture_server.url}/graphql", json={"query": QUERY})
    request.headers.pop("accept", None)  # httpx adds `Accept: */*` unless told otherwise
    request.headers.update(headers)
    with httpx.Client(timeout=30) as client:
        response = client.send(request)
    assert response.status_code == 200
    assert response.headers["content-type"].split(";")[0] == media
    assert response.json()["data"]["reports"]


def test_parse_and_validation_errors_by_media_type(client):
    for query in ("{ reports { key ", "{ reports { nope } }"):
        new = client.post("/graphql", json={"query": query})
        assert new.status_code == 400 and new.json()["errors"]
        legacy = client.post("/graphql", json={"query": query},
                             headers={"accept": "application/json"})  # fmt: skip
        assert legacy.status_code == 200 and legacy.json()["errors"]
        assert legacy.headers["content-type"].startswith("application/json")


def test_unacceptable_accept_is_406(client):
    for accept in ("text/csv", "application/json;q=0, */*;q=0"):
        response = client.post("/graphql", json={"query": QUERY}, headers={"accept": accept})
        assert response.status_code == 406, accept


def test_user_errors_are_shown_and_partial_data_kept(client):
    response = client.post(
        "/graphql", json={"query": '{ reports { key } body(id: "Not A Key!") { name } }'}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["data"]["reports"]
    assert "is neither an IRI nor a body key" in body["errors"][0]["message"]


def test_unknown_ids_give_null(client):
    response = client.post("/graphql", json={"query": '{ body(id: "nobody") { name } }'})
    assert response.json() == {"data": {"body": None}}


def test_internal_errors_are_logged_not_shown(fixture_build, live_server, caplog):
    """A failing store must not leak its traceback to the client."""
    from kg.store import Capabilities, open_build
    from kg.web import create_app

    class BrokenStore:
        capabilities = Capabilities()

        def __init__(self, real):
            self.real, self.round_trips = real, 0

        def select(self, query):
            if "pkg:Body" in query and "bodyKind" in query:
                raise RuntimeError("secret connection string in this message")
            return self.real.select(query)

        def close(self):
            self.real.close()

    app = create_app(fixture_build, store=BrokenStore(open_build(fixture_build)))
    caplog.set_level(logging.ERROR, logger="kg.api")
    with live_server(app) as server:
        response = httpx.post(f"{server.url}/graphql",
                              json={"query": "{ bodies { totalCount } }"})  # fmt: skip
    message = response.json()["errors"][0]["message"]
    assert message.startswith("internal error (reference ")
    assert "secret" not in response.text and "Traceback" not in response.text
    reference = message.split("reference ")[1].split(")")[0]
    assert any(reference in r.getMessage() and r.exc_info for r in caplog.records)
