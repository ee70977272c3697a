"""RemoteStore.table, the compact SELECT kg.describe fills batches with: on each real engine,
the same terms as the embedded store (datatypes, languages, IRIs, unbound columns), whether
the engine answers in SPARQL 1.1 TSV (Oxigraph) or only in JSON (Virtuoso's TSV loses types);
and how the store asks (nested groups, queries sent as the request's body) by what it takes."""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kg.build import build_id_of
from kg.store import StoreSpec, _remote, load, open_build, open_store

QUERY = """SELECT DISTINCT ?x ?k ?o ?none WHERE {
  VALUES ?x { <https://policy-kg.example/report/casey-2025> }
  { ?x ?p ?o FILTER(?p IN (dcterms:issued, dcterms:title, pkg:confirmed, rdf:type))
    BIND(IF(?p = dcterms:issued, 0, IF(?p = dcterms:title, 1, 2)) AS ?k) }
  UNION { ?o pkg:report ?x BIND(3 AS ?k) } }"""


@pytest.fixture(scope="module")
def embedded(bundled_build):
    return open_build(bundled_build)


@pytest.mark.parametrize("server", ["oxigraph_server", "virtuoso_server"])
def test_table_answers_the_terms_the_embedded_store_holds(request, server, embedded,
                                                          bundled_build):  # fmt: skip
    endpoints = request.getfixturevalue(server)
    spec = StoreSpec.parse(f"sparql:{endpoints['query']};update={endpoints['update']}")
    load(spec, bundled_build, build_id_of(bundled_build))
    remote, _ = open_store(spec, bundled_build)
    try:
        rows = remote.table(QUERY)
        again = remote.table(QUERY)  # Virtuoso: asked in JSON from the first answer on
    finally:
        remote.close()
    assert rows and sorted(map(str, rows)) == sorted(map(str, again))
    result = embedded.select(QUERY)
    wanted = sorted(str(tuple(row.get(v) for v in ("x", "k", "o", "none"))) for row in result)
    assert sorted(map(str, rows)) == wanted
    kinds = {type(o).__name__ for _, _, o, _ in rows}
    assert kinds == {"NamedNode", "Literal"}
    assert all(none is None for *_, none in rows)


@pytest.mark.parametrize("server", ["oxigraph_server", "virtuoso_server"])
def test_nests_where_the_engine_evaluates_lateral_and_rows_read_as_they_arrive(
    request, server, embedded, bundled_build
):
    """The Oxigraph server evaluates LATERAL (kg.describe then nests its groups) and takes a
    query as the request's body, Virtuoso does neither; rows handed over as they arrive
    (`each`) are the rows, IRIs as strings in the `plain` columns."""
    endpoints = request.getfixturevalue(server)
    spec = StoreSpec.parse(f"sparql:{endpoints['query']};update={endpoints['update']}")
    load(spec, bundled_build, build_id_of(bundled_build))
    remote, _ = open_store(spec, bundled_build)
    try:
        nests = remote.nests
        assert remote.nests is nests  # asked once
        whole = remote.table(QUERY, (0,))
        handed: list[tuple] = []
        assert remote.table(QUERY, (0,), handed.extend) == []
    finally:
        remote.close()
    assert nests is (server == "oxigraph_server")
    # our queries go as the body itself where the engine takes that (Virtuoso 7.2 never
    # answers it), asked of engines that nest
    assert remote.direct is (server == "oxigraph_server")
    assert sorted(map(str, handed)) == sorted(map(str, whole))
    assert all(type(x) is str for x, *_ in whole)
    wanted = sorted(str((row["x"].value, row.get("k"), row.get("o"), row.get("none")))
                    for row in embedded.select(QUERY))  # fmt: skip
    assert sorted(map(str, whole)) == wanted


class _NestsButNeverAnswersABody(BaseHTTPRequestHandler):
    """An engine that evaluates LATERAL, asked in a form, and never answers a query sent as
    the request's body (as Virtuoso 7.2 does with every such request)."""

    protocol_version = "HTTP/1.1"

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if self.headers["Content-Type"] != "application/x-www-form-urlencoded":
            time.sleep(3)
            return
        assert b"LATERAL" in body
        answer = json.dumps({"head": {"vars": ["b"]}, "results": {"bindings": [
            {"b": {"type": "literal", "value": "1"}}]}}).encode()  # fmt: skip
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


def test_an_engine_that_never_answers_a_query_as_the_body_gets_forms(monkeypatch):
    monkeypatch.setattr(_remote, "DIRECT_PROBE_TIMEOUT", 0.3)
    server = ThreadingHTTPServer(("127.0.0.1", 0), _NestsButNeverAnswersABody)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/query"
    store = _remote.RemoteStore(_remote.Endpoint(url, url))
    try:
        started = time.monotonic()
        assert store.nests
        assert not store.direct
        assert time.monotonic() - started < 2  # the probe's own timeout, not the store's
    finally:
        store.close()
        server.shutdown()
        server.server_close()
