"""A remote store that is down: `kg serve` and `kg build` say so in one line and exit 3; a
server whose store goes down answers 503 on every route, in each route's format, logs the
outage once, and serves again as soon as the store is back, with no restart. Over real HTTP,
with a real Oxigraph server (stopped and started again on the same port and data)."""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from kg.store import StoreSpec, load, open_store
from kg.web import create_app
from kg.web.settings import ServeSettings

from .servers import free_port, wait_for

QUERY = {"query": "{ reports { key } }"}
ENTITY = "/report/test-2025/recommendation/1"
SPARQL = {"query": "SELECT ?s WHERE { ?s ?p ?o } LIMIT 1"}


class Oxigraph:
    """The Oxigraph server on one port and one data directory, that a test can stop and start."""

    def __init__(self, data: Path):
        self.binary = Path(sys.executable).parent / "oxigraph"
        if not self.binary.exists():
            raise RuntimeError("the oxigraph server is not installed: scripts/setup test")
        self.data, self.port = data, free_port()
        self.query = f"http://127.0.0.1:{self.port}/query"
        self.spec = f"sparql:{self.query};update=http://127.0.0.1:{self.port}/update"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [str(self.binary), "serve", "--location", str(self.data),
             "--bind", f"127.0.0.1:{self.port}"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        wait_for(self.query, self.process, "oxigraph serve")

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)
            self.process = None


@pytest.fixture(scope="module")
def oxigraph(tmp_path_factory, fixture_build):
    server = Oxigraph(tmp_path_factory.mktemp("oxigraph-down"))
    server.start()
    try:
        load(StoreSpec.parse(server.spec), fixture_build, "fixture")
        yield server
    finally:
        server.stop()


def answers(http: httpx.Client) -> dict[str, httpx.Response]:
    """One request per kind of route: GraphQL, /sparql, an entity page (HTML and plain), and
    the health check."""
    return {
        "graphql": http.post("/graphql", json=QUERY),
        "graphql-response": http.post(
            "/graphql", json=QUERY, headers={"accept": "application/graphql-response+json"}
        ),
        "sparql": http.get("/sparql", params=SPARQL),
        "page": http.get(ENTITY, headers={"accept": "text/html"}),
        "page-text": http.get(ENTITY, headers={"accept": "text/plain"}),
        "tracker": http.get("/", params={"report": "test-2025"}, headers={"accept": "text/html"}),
        "healthz": http.get("/healthz"),
    }


def test_a_server_answers_503_while_its_store_is_down_and_recovers(
    oxigraph, fixture_build, live_server, caplog
):
    store, build_id = open_store(StoreSpec.parse(oxigraph.spec), fixture_build)
    app = create_app(None, store, build_id, ServeSettings(rate_limits=False))
    caplog.set_level(logging.INFO)
    with live_server(app) as server, httpx.Client(base_url=server.url, timeout=60) as http:
        up = answers(http)
        assert {name: r.status_code for name, r in up.items()} == dict.fromkeys(up, 200)
        assert up["graphql"].json()["data"]["reports"]
        assert up["healthz"].json()["status"] == "ok"

        oxigraph.stop()
        try:
            down = answers(http)
            again = answers(http)  # a second round: still 503, and not logged again
        finally:
            oxigraph.start()
        back = answers(http)

    for name, response in down.items():
        assert response.status_code == 503, (name, response.text)
        assert response.headers["retry-after"] == "5", name
        assert "127.0.0.1" not in response.text, name  # the store's address stays private
    assert {name: r.status_code for name, r in again.items()} == dict.fromkeys(again, 503)
    why = "the graph store cannot be reached (connection refused); try again in a few seconds"

    # GraphQL: a GraphQL response with one error, in the negotiated media type.
    for name, media in (("graphql", "application/json"),
                        ("graphql-response", "application/graphql-response+json")):  # fmt: skip
        assert down[name].headers["content-type"].startswith(media)
        assert down[name].json() == {
            "errors": [{"message": why, "extensions": {"code": "STORE_UNAVAILABLE"}}]
        }
    # /sparql: plain text.
    assert down["sparql"].headers["content-type"].startswith("text/plain")
    assert down["sparql"].text == why + "\n"
    # An entity page: an HTML page for a browser, plain text for other clients.
    assert down["page"].headers["content-type"].startswith("text/html")
    assert why in down["page"].text and f'<a href="{ENTITY}">Try again</a>' in down["page"].text
    assert down["page-text"].headers["content-type"].startswith("text/plain")
    assert down["page-text"].text == why + "\n"
    # The home page (the tracker, built from GraphQL run in-process): the same HTML 503 page.
    assert down["tracker"].headers["content-type"].startswith("text/html")
    assert why in down["tracker"].text
    # /healthz: unavailable, so that a load balancer takes the node out.
    assert down["healthz"].json() == {
        "status": "unavailable",
        "store": "the graph store cannot be reached (connection refused)",
        "build": build_id,
    }

    # Back: every route answers again, with no restart.
    assert {name: r.status_code for name, r in back.items()} == dict.fromkeys(back, 200)
    assert back["graphql"].json() == up["graphql"].json()
    assert back["sparql"].text == up["sparql"].text
    assert back["healthz"].json()["status"] == "ok"

    # One warning for the outage (naming the store), one line when it ends, no tracebacks.
    store_records = [r for r in caplog.records if r.name == "kg.store"]
    warnings = [r for r in store_records if r.levelno == logging.WARNING]
    assert len(warnings) == 1, [r.getMessage() for r in warnings]
    assert (
        warnings[0]
        .getMessage()
        .startswith(f"the SPARQL store at {oxigraph.query} cannot be reached (connection refused)")
    )
    assert [r.getMessage().split(",")[0] for r in store_records if r.levelno == logging.INFO] == [
        f"the SPARQL store at {oxigraph.query} answers again"
    ]
    assert not [r for r in caplog.records if r.levelno >= logging.ERROR or r.exc_info]


# ------------------------------------------------------------------------- at the start


def kg(*args: str, env: dict | None = None, cwd: Path | None = None):
    return subprocess.run(
        [sys.executable, "-m", "kg", *args],
        capture_output=True, text=True, timeout=120, cwd=cwd,
        env={**os.environ, **(env or {})},
    )  # fmt: skip


def says_one_line(result, command: str) -> str:
    assert result.returncode == 3, result.stderr
    assert "Traceback" not in result.stderr
    [line] = result.stderr.splitlines()
    assert line.startswith(f"kg {command}: ")
    return line


@contextlib.contextmanager
def silent_port():
    """A port that accepts connections (the kernel does) and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield listener.getsockname()[1]


def test_serve_on_a_store_that_is_not_running_says_so_in_one_line(tmp_path):
    url = f"http://127.0.0.1:{free_port()}/query"
    line = says_one_line(kg("serve", "--store", f"sparql:{url}", "--port", "0", cwd=tmp_path),
                         "serve")  # fmt: skip
    assert line == (f"kg serve: the SPARQL store at {url} cannot be reached "
                    "(connection refused); is the server running?")  # fmt: skip


def test_serve_on_a_url_that_answers_errors_says_so_in_one_line(tmp_path, live_server):
    from starlette.applications import Starlette

    with live_server(Starlette()) as server:  # 404 to everything
        url = f"{server.url}/nothing-here"
        result = kg("serve", "--store", f"sparql:{url}", "--port", "0", cwd=tmp_path)
    line = says_one_line(result, "serve")
    assert line == (f"kg serve: the SPARQL store at {url} answered 404 Not Found; "
                    "is that its SPARQL query endpoint?")  # fmt: skip


def test_serve_on_a_store_that_never_answers_says_so_in_one_line(tmp_path):
    with silent_port() as port:
        url = f"http://127.0.0.1:{port}/query"
        result = kg("serve", "--store", f"sparql:{url}", "--port", "0", cwd=tmp_path,
                    env={"KG_SPARQL_TIMEOUT": "1"})  # fmt: skip
    line = says_one_line(result, "serve")
    assert line == (f"kg serve: the SPARQL store at {url} cannot be reached (no answer within "
                    "1 s); is it overloaded? KG_SPARQL_TIMEOUT sets the timeout")  # fmt: skip


def test_build_into_a_store_that_is_not_running_says_so_in_one_line(tmp_path, corpus):
    url = f"http://127.0.0.1:{free_port()}/query"
    out = tmp_path / "kg.nq"
    result = kg("build", "-q", "--sources", str(corpus), "--out", str(out),
                "--store", f"sparql:{url}")  # fmt: skip
    line = says_one_line(result, "build")
    assert line == ("kg build: the build file was written, but loading the store failed: the "
                    f"SPARQL store at {url} cannot be reached (connection refused); is the "
                    "server running?")  # fmt: skip
    assert out.is_file()
