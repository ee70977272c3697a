"""The same GraphQL operations and SPARQL queries give identical answers on the embedded store,
an on-disk store, and two real SPARQL servers (Oxigraph server, Virtuoso) loaded by `kg build`;
so do the list filters whose query depends on the store's capabilities."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from kg.api import lists
from kg.store import StoreSpec, load, open_build, open_store
from kg.web import create_app

OPERATIONS = sorted((Path(__file__).parents[3] / "graphql" / "operations").glob("*.graphql"))
# Analyses that count years to today: fix the date so both sides agree.
VARIABLES = {"RecurringCalls": {"asOf": "2026-06-16"}}
SPARQL = [
    "SELECT ?r ?n WHERE { ?r a <https://policy-kg.example/ns#Recommendation> ;"
    " <https://policy-kg.example/ns#number> ?n } ORDER BY ?r",
    "SELECT (COUNT(*) AS ?c) WHERE { ?s ?p ?o }",
    "ASK { ?s <https://policy-kg.example/ns#confirmed> false }",
]


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory, kg):
    out = tmp_path_factory.mktemp("corpus") / "kg.nq"
    result = kg("build", "-q", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def answers(url: str) -> dict:
    found = {}
    with httpx.Client(base_url=url, timeout=120) as client:
        for path in OPERATIONS:
            request = {"query": path.read_text(), "variables": VARIABLES.get(path.stem)}
            body = client.post("/graphql", json=request).json()
            assert "errors" not in body, (path.stem, body)
            found[path.stem] = body["data"]
        for query in SPARQL:
            accept = {"accept": "application/sparql-results+json"}
            response = client.get("/sparql", params={"query": query}, headers=accept)
            assert response.status_code == 200, response.text
            data = response.json()
            if "results" in data:
                data = sorted(json.dumps(b, sort_keys=True) for b in data["results"]["bindings"])
            found[query] = data
    return found


@pytest.fixture(scope="module")
def embedded_answers(corpus_build, live_server):
    with live_server(create_app(corpus_build)) as server:
        return answers(server.url)


def serve_from(spec_text: str, corpus_build: Path, kg, live_server):
    result = kg("build", "-q", "--out", str(corpus_build), "--store", spec_text)
    assert result.returncode == 0, result.stderr
    assert "made current" in result.stdout or "made it current" in result.stdout
    store, build_id = open_store(StoreSpec.parse(spec_text), corpus_build)
    return live_server(create_app(None, store, build_id)), store


def compare(expected: dict, found: dict) -> None:
    assert found.keys() == expected.keys()
    for name in expected:
        assert found[name] == expected[name], name


def test_on_disk_store(corpus_build, embedded_answers, kg, live_server, tmp_path):
    server, _store = serve_from(f"disk:{tmp_path / 'store'}", corpus_build, kg, live_server)
    with server:
        compare(embedded_answers, answers(server.url))


@pytest.mark.parametrize("server_fixture", ["oxigraph_server", "virtuoso_server"])
def test_remote_sparql_server(server_fixture, request, corpus_build, embedded_answers, kg,
                              live_server):  # fmt: skip
    endpoints = request.getfixturevalue(server_fixture)
    spec = f"sparql:{endpoints['query']};update={endpoints['update']}"
    server, store = serve_from(spec, corpus_build, kg, live_server)
    with server:
        compare(embedded_answers, answers(server.url))
        # again, now that the store holds each operation's plan (kg.describe): by plan
        compare(embedded_answers, answers(server.url))
    store.close()


P = "https://policy-kg.example/ns#"
DONE = [P + s for s in ("Enacted", "InForce", "Delivered")]


def test_status_filters_without_lateral_on_remote_engines(remote_server, corpus_build):
    """The status filters (`status`, `statusNotIn`) in their SPARQL 1.1 form, which a store
    that does not declare LATERAL gets, answer on a real engine as the embedded store does."""
    embedded = open_build(corpus_build)
    spec = StoreSpec.parse(f"sparql:{remote_server['query']};update={remote_server['update']}")
    load(spec, corpus_build, "status-filters")
    remote, build_id = open_store(spec, corpus_build)
    assert build_id == "status-filters"
    assert embedded.capabilities.lateral and not remote.capabilities.lateral
    statuses = [row["status"].value for row in embedded.select(
        "SELECT DISTINCT ?status WHERE { ?e pkg:status ?status } ORDER BY ?status")]  # fmt: skip
    assert len(statuses) > 3
    selected = []
    for filters in ([{"status_iri": s} for s in statuses]
                    + [{"status_not_in": [s]} for s in statuses]
                    + [{"status_not_in": DONE}, {"status_not_in": statuses}]):  # fmt: skip
        expected = lists.recommendations(embedded, **filters)
        assert lists.recommendations(remote, **filters) == expected, filters
        selected.append(len(expected))
    remote.close()
    total = len(lists.recommendations(embedded))
    assert sum(0 < n < total for n in selected) > 3  # the filters keep some and drop some
