"""CORS over real HTTP (kg.web.cors): off by default; with an allow-list, /graphql and /sparql
answer listed origins and their preflights, and nothing else says anything about CORS."""

from __future__ import annotations

import httpx
import pytest

from kg.web import create_app
from kg.web.settings import ServeSettings, SettingsError, resolve

ALLOWED = "https://allowed.example"
OTHER = "https://other.example"
PREFLIGHT = {"access-control-request-method": "POST", "access-control-request-headers":
             "content-type"}  # fmt: skip
QUERY = {"query": '{ body(id: "dept") { name } }'}
ANSWER = {"data": {"body": {"name": "Department of Tests"}}}


def cors_headers(response: httpx.Response) -> dict[str, str]:
    return {k: v for k, v in response.headers.items() if k.startswith("access-control-")}


@pytest.fixture(scope="module")
def open_to_one(fixture_build, live_server):
    """A server that lets ALLOWED call it from a browser."""
    settings = ServeSettings(rate_limits=False, cors_origins=(ALLOWED,))
    with (
        live_server(create_app(fixture_build, settings=settings)) as running,
        httpx.Client(base_url=running.url, timeout=30) as client,
    ):
        yield client


@pytest.mark.parametrize("origin", [ALLOWED, OTHER, None])
def test_off_by_default(fixture_http, origin):
    headers = {"origin": origin} if origin else {}
    answer = fixture_http.post("/graphql", json=QUERY, headers=headers)
    assert (answer.status_code, answer.json()) == (200, ANSWER)
    assert cors_headers(answer) == {}
    assert "vary" not in answer.headers
    # a preflight reaches the route, which takes only GET and POST
    preflight = fixture_http.options("/graphql", headers={**headers, **PREFLIGHT})
    assert preflight.status_code == 405
    assert cors_headers(preflight) == {}
    assert "vary" not in preflight.headers


@pytest.mark.parametrize("path", ["/graphql", "/sparql"])
def test_a_listed_origin_gets_its_preflight_answered(open_to_one, path):
    response = open_to_one.options(path, headers={"origin": ALLOWED, **PREFLIGHT})
    assert response.status_code == 204
    assert response.content == b""
    assert cors_headers(response) == {
        "access-control-allow-origin": ALLOWED,
        "access-control-allow-methods": "GET, POST, OPTIONS",
        "access-control-allow-headers": "content-type, accept",
        "access-control-max-age": "600",
    }
    assert response.headers.get_list("vary") == ["Origin"]
    assert "content-type" not in response.headers


def test_a_listed_origin_may_read_the_answers(open_to_one):
    answer = open_to_one.post("/graphql", json=QUERY, headers={"origin": ALLOWED})
    assert (answer.status_code, answer.json()) == (200, ANSWER)
    assert cors_headers(answer) == {"access-control-allow-origin": ALLOWED}
    assert answer.headers.get_list("vary") == ["Origin"]
    sparql = open_to_one.get("/sparql", params={"query": "ASK { ?s ?p ?o }"},
                             headers={"origin": ALLOWED})  # fmt: skip
    assert (sparql.status_code, sparql.json()["boolean"]) == (200, True)
    assert cors_headers(sparql) == {"access-control-allow-origin": ALLOWED}
    assert sparql.headers.get_list("vary") == ["Origin"]
    # an error answer too, so the page can show it
    spec = {"origin": ALLOWED, "accept": "application/graphql-response+json"}
    wrong = open_to_one.get("/graphql", params={"query": "{"}, headers=spec)
    assert wrong.status_code == 400
    assert cors_headers(wrong) == {"access-control-allow-origin": ALLOWED}


@pytest.mark.parametrize("origin", [OTHER, "https://allowed.example.evil", "null", None])
def test_any_other_origin_gets_no_cors_header(open_to_one, origin):
    headers = {"origin": origin} if origin else {}
    answer = open_to_one.post("/graphql", json=QUERY, headers=headers)
    assert (answer.status_code, answer.json()) == (200, ANSWER)
    assert cors_headers(answer) == {}
    # the answer depends on Origin: a cache must not hand it to the listed origin
    assert answer.headers.get_list("vary") == ["Origin"]
    preflight = open_to_one.options("/sparql", headers={**headers, **PREFLIGHT})
    assert (preflight.status_code, preflight.text) == (403, "origin not allowed\n")
    assert cors_headers(preflight) == {}
    assert preflight.headers.get_list("vary") == ["Origin"]


@pytest.mark.parametrize(
    ("path", "options_status"),
    [("/viz", 405), ("/healthz", 405), ("/report/test-2025/recommendation/1", 405),
     ("/graphiql", 405), ("/graphql/", 307)],  # /graphql/: redirected to /graphql
)  # fmt: skip
def test_only_the_two_endpoints_answer_cors(open_to_one, path, options_status):
    response = open_to_one.get(path, headers={"origin": ALLOWED})
    assert cors_headers(response) == {}
    assert "vary" not in response.headers
    preflight = open_to_one.options(path, headers={"origin": ALLOWED, **PREFLIGHT})
    assert preflight.status_code == options_status  # the routes answer it, as any OPTIONS
    assert cors_headers(preflight) == {}


def test_an_options_request_that_is_no_preflight_reaches_the_route(open_to_one):
    response = open_to_one.options("/graphql", headers={"origin": ALLOWED})
    assert response.status_code == 405
    assert set(response.headers["allow"].split(", ")) == {"HEAD", "GET", "POST"}
    assert cors_headers(response) == {"access-control-allow-origin": ALLOWED}


@pytest.mark.parametrize(
    "value",
    ["https://a.example/", "https://A.example", "https://a.example:443", "*", "null",
     "ftp://a.example", "https://user@a.example", "https://a.example:99999", "a.example"],
)  # fmt: skip
def test_cors_origins_must_be_origins_as_browsers_send_them(value):
    with pytest.raises(SettingsError) as refused:
        resolve({"cors_origins": value}, environ={})
    assert str(refused.value) == (
        f"option --cors-origins: {value!r} is not an origin as a browser sends it, e.g. "
        "https://example.org or http://localhost:3000"
    )


def test_cors_origins_read_as_a_list():
    settings = resolve({}, environ={"KG_CORS_ORIGINS": "https://a.example, http://localhost:3000,"
                                    "http://[::1]:8080"})  # fmt: skip
    assert settings.cors_origins == ("https://a.example", "http://localhost:3000",
                                     "http://[::1]:8080")  # fmt: skip


def test_a_refusal_by_the_rate_limit_is_readable_by_the_listed_origin(fixture_build, live_server):
    settings = ServeSettings(cors_origins=(ALLOWED,), burst_graphql=1, rate_graphql=0.001)
    with live_server(create_app(fixture_build, settings=settings)) as running:
        url, headers = running.url + "/graphql", {"origin": ALLOWED}
        first = httpx.post(url, json=QUERY, headers=headers)
        refused = httpx.post(url, json=QUERY, headers=headers)
    assert (first.status_code, refused.status_code) == (200, 429)
    assert cors_headers(refused) == {"access-control-allow-origin": ALLOWED}
    assert refused.headers.get_list("vary") == ["Origin"]
