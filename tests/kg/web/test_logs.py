"""The request log: a real `kg serve --log-format json` writes one JSON object per stderr line
(its start banner too), a request's line has its fields, and query text is logged only when
asked for. In-process: refusals by a rate limit are logged, and both formats keep every record
(an error with its traceback too) on lines of its own."""

from __future__ import annotations

import io
import json
import logging
import os
import re
import signal
import subprocess
import sys
import time

import httpx
import pytest

from kg.web import create_app
from kg.web.logs import LOG, JsonLines, TextLines, configure
from kg.web.settings import ServeSettings

TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z")
QUERY = "query ListReports($first: Int) { recommendations(first: $first) { totalCount } }"


def serve_and_log(build, tmp_path, *options: str) -> list[str]:
    """Start `kg serve` with `options`, send a few requests, stop it; its stderr's lines."""
    log = tmp_path / "stderr.log"
    with open(log, "w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "kg", "serve", "--build", str(build), "--port", "0",
             "--log-format", "json", *options],
            stdout=subprocess.DEVNULL, stderr=stderr, env={**os.environ},
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 60
        while not (found := re.search(r" on (http://127\.0\.0\.1:\d+)/ ", log.read_text())):
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"kg serve did not start: {log.read_text()}")
            time.sleep(0.1)
        with httpx.Client(base_url=found.group(1), timeout=30) as client:
            body = {"query": QUERY, "operationName": "ListReports", "variables": {"first": 2}}
            response = client.post("/graphql", json=body)
            assert response.status_code == 200 and "errors" not in response.json()
            assert client.get("/report/test-2025").status_code == 200
            assert client.get("/no/such/page").status_code == 404
    finally:
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0, log.read_text()
    return log.read_text().splitlines()


def requests_in(lines: list[str]) -> dict[str, dict]:
    records = [json.loads(line) for line in lines]  # every line, the banner's too
    assert "serving" in records[0]["message"] and records[0]["logger"] == "kg.serve"
    return {record["path"]: record for record in records if "path" in record}


def test_json_log_one_object_per_line(fixture_build, tmp_path):
    lines = serve_and_log(fixture_build, tmp_path)
    requests = requests_in(lines)
    assert set(requests) == {"/graphql", "/report/test-2025", "/no/such/page"}
    graphql = requests["/graphql"]
    assert graphql["route"] == "/graphql" and graphql["operation"] == "ListReports"
    assert graphql["method"] == "POST" and graphql["status"] == 200
    assert graphql["client"] == "127.0.0.1"
    page, missing = requests["/report/test-2025"], requests["/no/such/page"]
    assert (page["route"], page["status"]) == ("/report/{rest:path}", 200)
    assert (missing["route"], missing["status"]) == ("unmatched", 404)
    for record in requests.values():
        assert TIME.fullmatch(record["time"]), record
        assert isinstance(record["duration_ms"], float) and record["duration_ms"] >= 0
        assert "rate_limited" not in record and "refused" not in record
        assert "query" not in record and "variables" not in record  # not asked for
        assert "operation" in record or record["path"] != "/graphql"
    assert "operation" not in page
    assert not any("recommendations(first" in line for line in lines)  # no query text at all


def test_query_text_only_when_asked_for(fixture_build, tmp_path):
    lines = serve_and_log(fixture_build, tmp_path, "--log-queries", "true")
    graphql = requests_in(lines)["/graphql"]
    assert graphql["query"] == QUERY
    assert graphql["variables"] == {"first": 2}


@pytest.fixture
def request_records(caplog):
    caplog.set_level(logging.INFO, logger=LOG.name)
    return lambda: [record.request for record in caplog.records if hasattr(record, "request")]


def test_rate_limited_requests_are_logged(fixture_build, live_server, request_records):
    app = create_app(fixture_build, settings=ServeSettings(burst_pages=1, rate_pages=0.001))
    with live_server(app) as server:
        assert httpx.get(f"{server.url}/viz/entity", timeout=30).status_code == 400
        assert httpx.get(f"{server.url}/viz/entity", timeout=30).status_code == 429
    first, second = request_records()
    assert "rate_limited" not in first
    assert second["rate_limited"] == "pages"
    assert (second["route"], second["status"]) == ("/viz/entity", 429)


def test_graphql_refusals_are_logged(fixture_build, live_server, request_records):
    app = create_app(fixture_build, settings=ServeSettings(persisted_only=True))
    with live_server(app) as server:
        response = httpx.post(f"{server.url}/graphql", json={"query": QUERY}, timeout=30)
        assert response.status_code == 400
        assert httpx.get(f"{server.url}/graphql?op=Gaps", timeout=30).status_code == 200
    refused, persisted = request_records()
    assert refused["refused"] == "persisted-only" and refused["operation"] == "anonymous"
    assert persisted["operation"] == "Gaps" and "refused" not in persisted


def error_record() -> logging.LogRecord:
    try:
        raise ValueError("boom\nsecond line")
    except ValueError:
        return logging.LogRecord("kg.api", logging.ERROR, __file__, 1, "error %s in %s",
                                 ("abc123", ["x"]), sys.exc_info())  # fmt: skip


def test_json_lines_keep_tracebacks_on_one_line():
    line = JsonLines().format(error_record())
    assert "\n" not in line
    record = json.loads(line)
    assert (record["level"], record["logger"]) == ("error", "kg.api")
    assert record["message"] == "error abc123 in ['x']"
    assert "ValueError: boom" in record["traceback"] and TIME.fullmatch(record["time"])


def test_text_lines_quote_what_could_break_a_line():
    fields = {"time": "2025-06-16T09:30:00.000Z", "method": "GET", "path": "/a\nb c",
              "route": "unmatched", "status": 404, "duration_ms": 1.5, "client": "::1"}  # fmt: skip
    record = logging.LogRecord(LOG.name, logging.INFO, __file__, 1, "request", (), None)
    record.request = fields
    line = TextLines().format(record)
    assert line == '2025-06-16T09:30:00.000Z ::1 GET "/a\\nb c" 404 1.5ms route=unmatched'


def test_configure_sends_every_record_through_one_format():
    stream = io.StringIO()
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    try:
        configure("json", stream)
        logging.getLogger("uvicorn.error").warning("from %s", "uvicorn")
        logging.getLogger("kg.api").handle(error_record())
    finally:
        for handler in root.handlers[:]:
            root.removeHandler(handler)
        for handler in saved[0]:
            root.addHandler(handler)
        root.setLevel(saved[1])
        logging.captureWarnings(False)
    records = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [r["logger"] for r in records] == ["uvicorn.error", "kg.api"]
