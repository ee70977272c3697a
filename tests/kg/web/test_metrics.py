"""/metrics over real HTTP: the Prometheus text format, a registry per app, and series that move
with requests (by route template, never raw paths; by GraphQL operation; store round trips;
refusals; rate limits; the build). With metrics off there is no /metrics."""

from __future__ import annotations

import contextlib

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from kg.web import create_app
from kg.web.settings import ServeSettings

QUERY = {"query": "query ListReports { reports { key } }", "operationName": "ListReports"}


def scrape(client: httpx.Client) -> dict[tuple[str, frozenset], float]:
    """Every sample of /metrics: (name, labels) -> value."""
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain")
    return {
        (sample.name, frozenset(sample.labels.items())): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def value(samples, name: str, **labels) -> float:
    return samples.get((name, frozenset(labels.items())), 0.0)


@pytest.fixture
def served(fixture_build, live_server):
    """`served(**settings)`: a client of a fresh app (its own counts) run with those settings."""
    with contextlib.ExitStack() as stack:

        def serve(**settings) -> httpx.Client:
            app = create_app(fixture_build, settings=ServeSettings(**settings))
            server = stack.enter_context(live_server(app))
            return stack.enter_context(httpx.Client(base_url=server.url, timeout=30))

        yield serve


def test_requests_are_counted_by_route_template_and_status(served):
    client = served()
    before = scrape(client)
    assert client.get("/report/test-2025").status_code == 200
    assert client.get("/report/test-2025/recommendation/1").status_code == 200
    assert client.get("/viz/entity").status_code == 400  # no id
    assert client.get("/no/such/path").status_code == 404
    after = scrape(client)

    def moved(route, status):
        name = "kg_http_requests_total"
        return value(after, name, route=route, status=status) - value(
            before, name, route=route, status=status
        )

    assert moved("/report/{rest:path}", "200") == 2
    assert moved("/viz/entity", "400") == 1
    assert moved("/no/such/path", "404") == 0
    assert moved("unmatched", "404") == 1
    routes = {dict(labels).get("route") for _name, labels in after} - {None}
    assert not any("test-2025" in route or "no/such" in route for route in routes), routes


def test_graphql_latency_by_operation_and_store_round_trips(served):
    client = served()
    before = scrape(client)
    for _ in range(2):
        response = client.post("/graphql", json=QUERY)
        assert response.status_code == 200 and "errors" not in response.json()
    assert client.post("/graphql", json={"query": "{ reports { key } }"}).status_code == 200
    after = scrape(client)
    count = "kg_http_request_duration_seconds_count"
    named = {"route": "/graphql", "operation": "ListReports"}
    assert value(after, count, **named) - value(before, count, **named) == 2
    anonymous = {"route": "/graphql", "operation": "anonymous"}
    assert value(after, count, **anonymous) - value(before, count, **anonymous) == 1
    assert value(after, "kg_http_request_duration_seconds_sum", **named) > 0
    # other requests: by route, with no operation
    assert value(after, count, route="/metrics", operation="") >= 1
    trips = "kg_store_round_trips_total"
    assert value(after, trips) > value(before, trips)


def test_the_build_id_and_age(served, fixture_build):
    client = served()
    build_id = client.get("/healthz").json()["build"]
    samples = scrape(client)
    assert value(samples, "kg_build_info", build_id=build_id) == 1
    assert value(samples, "kg_build_age_seconds", since="build_file") > 0


def test_refused_and_rate_limited_requests(served):
    client = served(burst_pages=2, rate_pages=0.001)
    too_long = {"query": "{ reports { key } }" + " " * 20_001}
    spec = {"accept": "application/graphql-response+json"}  # a legacy JSON client gets 200
    assert client.post("/graphql", json=too_long, headers=spec).status_code == 400
    statuses = [client.get("/viz/entity").status_code for _ in range(3)]
    assert statuses == [400, 400, 429]
    samples = scrape(client)
    assert value(samples, "kg_refused_requests_total", reason="size") == 1
    assert value(samples, "kg_rate_limited_requests_total", family="pages") == 1
    assert value(samples, "kg_rate_limited_requests_total", family="graphql") == 0
    # refused before routing, the 429 still counts under its route
    assert value(samples, "kg_http_requests_total", route="/viz/entity", status="429") == 1


def test_persisted_only_refusals_are_counted(served):
    client = served(persisted_only=True)
    assert client.post("/graphql", json=QUERY).status_code == 400
    assert client.get("/graphql", params={"op": "Gaps"}).status_code == 200
    samples = scrape(client)
    refused = {dict(labels)["reason"]: v for (name, labels), v in samples.items()
               if name == "kg_refused_requests_total"}  # fmt: skip
    assert sum(refused.values()) == 1, refused
    assert value(samples, "kg_http_request_duration_seconds_count",
                 route="/graphql", operation="Gaps") == 1  # fmt: skip


def test_each_app_counts_for_itself(served):
    first, second = served(), served()
    for _ in range(3):
        first.post("/graphql", json=QUERY)
    count = "kg_http_request_duration_seconds_count"
    named = {"route": "/graphql", "operation": "ListReports"}
    assert value(scrape(first), count, **named) == 3
    assert value(scrape(second), count, **named) == 0


def test_made_up_operation_names_are_bounded(fixture_build):
    from kg.web.metrics import MAX_OTHER_OPERATIONS, OTHER

    metrics = create_app(fixture_build).state.metrics
    labels = {metrics.operation_label(f"Op{i}") for i in range(MAX_OTHER_OPERATIONS + 50)}
    assert len(labels) == MAX_OTHER_OPERATIONS + 1 and OTHER in labels
    assert metrics.operation_label("Gaps") == "Gaps"  # a published operation, always itself


def test_no_metrics_when_off(served, fixture_build):
    client = served(metrics=False)
    assert client.get("/metrics").status_code == 404
    assert create_app(fixture_build, settings=ServeSettings(metrics=False)).state.metrics is None
