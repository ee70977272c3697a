"""Persisted operations over real HTTP: `op=NAME` runs a named operation of graphql/operations
and answers exactly as its text would; unknown names, `op` with `query`, and query text on a
server that runs only persisted operations are refused with messages that say what to do."""

import json
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from starlette.routing import Route

from graphql import parse
from kg.api.context import Build, RequestContext
from kg.api.http import GraphQLEndpoint
from kg.api.persisted import PersistedOperationError, load
from kg.api.schema import schema
from kg.web.settings import OPERATIONS, ServeSettings

GRAPHQL_RESPONSE = "application/graphql-response+json"
#: A client of the current spec names its media type (httpx would send `*/*`).
SPEC_CLIENT = {"accept": GRAPHQL_RESPONSE}
NAMES = sorted(path.stem for path in OPERATIONS.glob("*.graphql"))
KNOWN = ", ".join(NAMES)
PERSISTED_ONLY = f"this server runs only persisted operations: use ?op=NAME; names: {KNOWN}"


def serve(live_server, build: Path, **settings):
    """A live server over `build`, rate limits off (these tests send many costly requests)."""
    from kg.web import create_app

    return live_server(create_app(build, settings=ServeSettings(rate_limits=False, **settings)))


@pytest.fixture(scope="module")
def client(bundled_build, live_server):
    # The operations' default variables name entities of the bundled corpus.
    with (
        serve(live_server, bundled_build) as server,
        httpx.Client(base_url=server.url, timeout=60, headers=SPEC_CLIENT) as client,
    ):
        yield client


@pytest.fixture(scope="module")
def persisted_only(bundled_build, live_server):
    with (
        serve(live_server, bundled_build, persisted_only=True) as server,
        httpx.Client(base_url=server.url, timeout=60, headers=SPEC_CLIENT) as client,
    ):
        yield client


def errors_of(response) -> list[str]:
    return [error["message"] for error in response.json()["errors"]]


def test_there_are_operations_to_persist():
    assert len(NAMES) >= 12 and "HomeOfficeLeads" in NAMES


@pytest.mark.parametrize("name", NAMES)
def test_an_operation_by_name_answers_as_its_full_text_byte_for_byte(client, name):
    text = (OPERATIONS / f"{name}.graphql").read_text()
    by_text = client.post("/graphql", json={"query": text})
    assert by_text.status_code == 200, by_text.text
    assert "errors" not in by_text.json()  # a real answer, not two equal refusals
    by_get = client.get("/graphql", params={"op": name})
    by_post = client.post("/graphql", json={"op": name})
    for response in (by_get, by_post):
        assert response.status_code == 200
        assert response.headers["content-type"] == by_text.headers["content-type"]
        assert response.content == by_text.content


def test_variables_go_with_the_name(client):
    text = (OPERATIONS / "HomeOfficeLeads.graphql").read_text()
    variables = {"body": "department-for-education"}
    by_text = client.post("/graphql", json={"query": text, "variables": variables})
    by_get = client.get(
        "/graphql", params={"op": "HomeOfficeLeads", "variables": json.dumps(variables)}
    )
    by_post = client.post("/graphql", json={"op": "HomeOfficeLeads", "variables": variables})
    assert by_text.json()["data"]["body"]["name"] != "Home Office"
    assert by_get.content == by_post.content == by_text.content


def test_an_unknown_name_is_refused_with_the_known_names(client):
    for accept in (GRAPHQL_RESPONSE, "application/json"):  # not a GraphQL request: 400 for both
        response = client.get("/graphql", params={"op": "HomeOffice"}, headers={"accept": accept})
        assert response.status_code == 400
        assert errors_of(response) == [f"no persisted operation 'HomeOffice'; known: {KNOWN}"]
    response = client.post("/graphql", json={"op": "Nope", "variables": {}})
    assert response.status_code == 400
    assert errors_of(response) == [f"no persisted operation 'Nope'; known: {KNOWN}"]


def test_op_and_query_together_are_refused(client):
    both = "send either `op` (a persisted operation's name) or `query`, not both"
    response = client.get("/graphql", params={"op": "Gaps", "query": "{ reports { key } }"})
    assert (response.status_code, errors_of(response)) == (400, [both])
    response = client.post("/graphql", json={"op": "Gaps", "query": "{ reports { key } }"})
    assert (response.status_code, errors_of(response)) == (400, [both])


def test_op_must_be_a_name(client):
    for op in (3, "", ["Gaps"]):
        response = client.post("/graphql", json={"op": op})
        assert response.status_code == 400
        assert errors_of(response) == ["op must be the name of a persisted operation"]


def test_operation_name_must_match_the_operation(client):
    response = client.post("/graphql", json={"op": "Gaps", "operationName": "Search"})
    assert response.status_code == 400
    assert errors_of(response) == ["no operation named 'Search'"]
    response = client.post("/graphql", json={"op": "Gaps", "operationName": "Gaps"})
    assert response.status_code == 200 and "errors" not in response.json()


def test_a_browser_asking_for_an_operation_gets_its_answer_not_graphiql(client):
    response = client.get("/graphql", params={"op": "Search"}, headers={"accept": "text/html,*/*"})
    assert response.status_code == 200
    assert response.json()["data"]["search"]


def test_persisted_only_refuses_query_text_with_the_names(persisted_only):
    text = (OPERATIONS / "Search.graphql").read_text()  # even a named operation's own text
    for response in (
        persisted_only.post("/graphql", json={"query": "{ reports { key } }"}),
        persisted_only.get("/graphql", params={"query": "{ reports { key } }"}),
        persisted_only.post("/graphql", json={"query": text}),
        persisted_only.get(
            "/graphql",
            params={"query": "{ reports { key } }"},
            headers={"accept": "application/json"},
        ),
    ):
        assert response.status_code == 400
        assert errors_of(response) == [PERSISTED_ONLY]


def test_persisted_only_still_runs_operations_by_name(persisted_only, client):
    for name in ("HomeOfficeLeads", "Search"):
        response = persisted_only.get("/graphql", params={"op": name})
        assert response.status_code == 200
        assert response.content == client.get("/graphql", params={"op": name}).content
    response = persisted_only.post("/graphql", json={"op": "Search", "variables": {"text": "rape"}})
    assert response.status_code == 200
    assert any("Rape" in hit["label"] for hit in response.json()["data"]["search"])


def test_persisted_only_marks_its_refusals_for_the_metrics(bundled_build, live_server):
    """The endpoint sets request.state.refused, which kg/web/metrics.py and logs.py read."""
    from kg.web import create_app

    app = create_app(bundled_build, settings=ServeSettings(rate_limits=False, persisted_only=True))
    seen: list = []

    async def recording(scope, receive, send):
        await app(scope, receive, send)
        if scope["type"] == "http":
            seen.append((scope["path"], dict(scope.get("state", {})).get("refused")))

    with live_server(recording) as server:
        httpx.post(f"{server.url}/graphql", json={"query": "{ reports { key } }"}, timeout=30)
        httpx.get(f"{server.url}/graphql", params={"op": "Search"}, timeout=30)
    assert seen == [("/graphql", "persisted-only"), ("/graphql", None)]


def test_the_endpoint_works_without_persisted_operations(fixture_build, live_server):
    """GraphQLEndpoint's new arguments are optional: no operations, query text runs."""
    from kg.build import base_of
    from kg.store import open_build

    store = open_build(fixture_build)
    build = Build(store=store, base=base_of(store), build_id="test")
    endpoint = GraphQLEndpoint(schema.graphql_schema, lambda: RequestContext(build))
    app = Starlette(routes=[Route("/graphql", endpoint.handle, methods=["GET", "POST"])])
    with live_server(app) as server:
        response = httpx.get(f"{server.url}/graphql", params={"op": "Gaps"}, timeout=30)
        assert errors_of(response) == ["no persisted operation 'Gaps'; known: none"]
        response = httpx.get(f"{server.url}/graphql", params={"query": "{ reports { key } }"})
        assert response.status_code == 200 and response.json()["data"]["reports"]
    store.close()


# The registry: each file one operation named like the file, checked when the app is made.


def test_the_registry_reads_every_operation_with_its_description_and_defaults():
    operations = load(OPERATIONS, schema.graphql_schema)
    assert list(operations) == NAMES
    leads = operations["HomeOfficeLeads"]
    assert leads.text == (OPERATIONS / "HomeOfficeLeads.graphql").read_text()
    assert leads.description.startswith("All recommendations a body leads")
    assert leads.defaults == {"body": "home-office"}
    assert parse(leads.text).definitions[0].name.value == "HomeOfficeLeads"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("query A { reports { key } } query B { reports { key } }",
         "must hold exactly one operation (named Bad), found 2"),
        ("fragment F on Report { key }", "must hold exactly one operation (named Bad), found 0"),
        ("query Other { reports { key } }",
         "the operation is named Other; name it like its file: query Bad"),
        ("{ reports { key } }", "the operation has no name; name it like its file: query Bad"),
        ("query Bad { reports { key }",
         "does not parse: Syntax Error: Expected Name, found <EOF>."),
        ("query Bad { reports { nope } }",
         "does not validate: Cannot query field 'nope' on type 'Report'. Did you mean 'scope'?"),
    ],
)  # fmt: skip
def test_a_bad_operation_file_stops_the_start_naming_the_file(tmp_path, text, message):
    (tmp_path / "Good.graphql").write_text("query Good { reports { key } }")
    bad = tmp_path / "Bad.graphql"
    bad.write_text(text)
    with pytest.raises(PersistedOperationError) as raised:
        load(tmp_path, schema.graphql_schema)
    assert str(raised.value) == f"{bad}: {message}"


def test_the_app_does_not_start_with_a_bad_operation(fixture_build, tmp_path, monkeypatch):
    from kg.web import create_app

    (tmp_path / "Bad.graphql").write_text("query Other { reports { key } }")
    monkeypatch.setattr("kg.web.app.OPERATIONS", tmp_path)
    with pytest.raises(PersistedOperationError, match=r"Bad\.graphql: the operation is named"):
        create_app(fixture_build)


def test_a_missing_directory_is_named(tmp_path):
    with pytest.raises(PersistedOperationError, match="no such directory of named operations"):
        load(tmp_path / "nowhere")


def test_a_second_start_reads_what_the_first_checked(tmp_path, monkeypatch):
    """The check's findings are kept by the files' and the schema's hash: the same files are
    not validated again, and answer the same."""
    from kg.api import persisted

    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    first = load(OPERATIONS, schema.graphql_schema)
    monkeypatch.setattr(persisted, "validate", lambda *a: pytest.fail("validated again"))
    second = load(OPERATIONS, schema.graphql_schema)
    assert dict(second) == dict(first)
    assert list(second) == NAMES


def test_a_file_changed_after_a_good_start_is_checked_again(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path / "cache"))
    directory = tmp_path / "operations"
    directory.mkdir()
    (directory / "Reports.graphql").write_text("query Reports { reports { key } }\n")
    assert list(load(directory, schema.graphql_schema)) == ["Reports"]
    (directory / "Reports.graphql").write_text("query Reports { reports { nosuchfield } }\n")
    with pytest.raises(PersistedOperationError, match=r"Reports.graphql: does not validate"):
        load(directory, schema.graphql_schema)
    # and the failure was not kept: the file, put right, is read again
    (directory / "Reports.graphql").write_text("# All reports.\nquery Reports { reports { key } }")
    assert load(directory, schema.graphql_schema)["Reports"].description == "All reports."
