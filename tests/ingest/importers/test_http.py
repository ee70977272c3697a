"""ingest.importers.http: the polite client, against a real HTTP server on 127.0.0.1.

The server answers each request with the next scripted reply and records what it was asked,
so every test states exactly what the service said and checks exactly what the client sent.
Waits go to a recording `sleep`, so nothing here really waits for a backoff.
"""

from __future__ import annotations

import datetime
import email.utils
import json
import os
import socket
import threading
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from ingest.importers.http import (
    USER_AGENT,
    Client,
    Fetched,
    FetchError,
    IncompleteError,
    NetworkError,
    NotFoundError,
    OfflineMissError,
)

HINT = "(use --offline to read only the cache)"


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    cut_at: int | None = None  # declare the whole body's length, send this many bytes, hang up
    length: bool = True  # False: no Content-Length, the body ends when the connection closes
    stall: bool = False  # answer nothing until the test ends (for client timeouts)


@dataclass
class Request:
    path: str
    headers: dict[str, str]


class _Handler(BaseHTTPRequestHandler):
    server: _Server

    def do_GET(self) -> None:
        self.server.requests.append(Request(self.path, dict(self.headers.items())))
        try:
            reply = self.server.replies.popleft()
        except IndexError:
            self.server.unscripted.append(self.path)
            reply = Reply(418, b"unscripted request")
        if reply.stall:
            self.server.release.wait(timeout=30)
            return
        self.send_response(reply.status)
        for name, value in reply.headers.items():
            self.send_header(name, value)
        if reply.length:
            self.send_header("Content-Length", str(len(reply.body)))
        self.end_headers()
        self.wfile.write(reply.body if reply.cut_at is None else reply.body[: reply.cut_at])
        self.wfile.flush()
        self.close_connection = True

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass


class _Server(ThreadingHTTPServer):
    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.replies: deque[Reply] = deque()
        self.requests: list[Request] = []
        self.unscripted: list[str] = []
        self.release = threading.Event()

    def handle_error(self, request, client_address) -> None:
        pass  # a client that gave up (timeout tests) makes the handler's write fail: expected

    def url(self, path: str = "/doc") -> str:
        return f"http://127.0.0.1:{self.server_port}{path}"

    def script(self, *replies: Reply) -> None:
        self.replies.extend(replies)


@pytest.fixture
def server() -> Iterator[_Server]:
    server = _Server()
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.release.set()
        server.shutdown()
        server.server_close()
        thread.join()
    assert server.unscripted == [], "the client made requests the test did not expect"


class Sleeps(list):
    """A `sleep` that records the delays instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def sleeps() -> Sleeps:
    return Sleeps()


@pytest.fixture
def cache(tmp_path: Path) -> Path:
    return tmp_path / "cache"


def files(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir()) if directory.exists() else []


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_200_is_cached_then_revalidated_and_304_serves_the_cache(server, cache):
    url = server.url("/ukpga/2003/1/data.xml")
    etag = '"v1"'
    modified = "Wed, 01 Apr 2026 10:00:00 GMT"
    server.script(
        Reply(200, b"<Legislation/>", {"ETag": etag, "Last-Modified": modified}),
        Reply(304, headers={"ETag": etag}),
    )
    messages: list[str] = []
    with Client(cache, progress=messages.append) as client:
        day_before = datetime.date.today()
        first = client.get(url, not_found="no such legislation")
        assert first == Fetched(url, b"<Legislation/>", first.retrieved, from_cache=False)
        assert day_before <= first.retrieved <= datetime.date.today()

        # The cache keeps the day the body came from the service, not the day it was revalidated.
        [meta] = cache.glob("*.json")
        entry = json.loads(meta.read_text())
        assert (entry["url"], entry["etag"], entry["last_modified"]) == (url, etag, modified)
        meta.write_text(json.dumps({**entry, "retrieved": "2026-04-01"}))

        second = client.get(url, not_found="no such legislation")
    assert second == Fetched(url, b"<Legislation/>", datetime.date(2026, 4, 1), from_cache=True)
    assert "If-None-Match" not in server.requests[0].headers
    assert server.requests[1].headers["If-None-Match"] == etag
    assert server.requests[1].headers["If-Modified-Since"] == modified
    assert messages == [f"fetching {url}", f"fetching {url}", f"cached {url}"]


def test_a_new_200_replaces_the_cached_body(server, cache):
    server.script(Reply(200, b"old", {"ETag": '"1"'}), Reply(200, b"new", {"ETag": '"2"'}))
    with Client(cache) as client:
        client.get(server.url(), not_found="x")
        assert client.get(server.url(), not_found="x").body == b"new"
    with Client(cache, offline=True) as client:
        assert client.get(server.url(), not_found="x").body == b"new"
    assert len(list(cache.glob("*.body"))) == 1  # the old body went with its entry


def test_user_agent_identifies_the_project(server, cache):
    server.script(Reply(200, b"{}"))
    with Client(cache) as client:
        client.get(server.url(), not_found="x")
    assert server.requests[0].headers["User-Agent"] == USER_AGENT
    assert USER_AGENT.startswith("policy-kg/")
    assert "kg import" in USER_AGENT


def test_user_agent_carries_a_deployments_contact(server, cache, monkeypatch):
    monkeypatch.setenv("KG_IMPORT_CONTACT", "mailto:team@example.org")
    server.script(Reply(200, b"{}"))
    with Client(cache) as client:
        client.get(server.url(), not_found="x")
    assert (
        server.requests[0].headers["User-Agent"].endswith("(kg import; +mailto:team@example.org)")
    )


def test_429_with_retry_after_then_200(server, cache, sleeps):
    server.script(Reply(429, headers={"Retry-After": "7"}), Reply(200, b"ok"))
    messages: list[str] = []
    with Client(cache, sleep=sleeps, progress=messages.append) as client:
        fetched = client.get(server.url(), not_found="x")
    assert fetched.body == b"ok"
    assert sleeps == [7.0]
    assert len(server.requests) == 2
    assert messages[1] == f"retrying in 7 s (HTTP 429 Too Many Requests): {server.url()}"


@pytest.mark.parametrize(
    ("retry_after", "expected"),
    [
        ("3600", 60.0),  # capped: a service asking for an hour gets a minute, then a retry
        ("0", 1.0),  # never sooner than our own backoff
        (email.utils.format_datetime(datetime.datetime(2999, 1, 1, tzinfo=datetime.UTC)), 60.0),
        (email.utils.format_datetime(datetime.datetime(2001, 1, 1, tzinfo=datetime.UTC)), 1.0),
        ("soon", 1.0),  # unreadable: our own backoff
    ],
    ids=["seconds-capped", "zero", "date-future", "date-past", "garbage"],
)
def test_retry_after_forms(server, cache, sleeps, retry_after: str, expected: float):
    server.script(Reply(503, headers={"Retry-After": retry_after}), Reply(200, b"ok"))
    with Client(cache, sleep=sleeps) as client:
        assert client.get(server.url(), not_found="x").body == b"ok"
    assert sleeps == [expected]


def test_5xx_exhausts_retries_with_exponential_backoff(server, cache, sleeps):
    server.script(*[Reply(503, b"busy")] * 4)
    with (
        Client(cache, retries=3, backoff=0.5, sleep=sleeps) as client,
        pytest.raises(FetchError) as caught,
    ):
        client.get(server.url(), not_found="x")
    assert type(caught.value) is FetchError
    assert str(caught.value) == (
        f"HTTP 503 Service Unavailable from {server.url()} after 4 attempts"
    )
    assert sleeps == [0.5, 1.0, 2.0]
    assert len(server.requests) == 4
    assert files(cache) == []


@pytest.mark.parametrize("status", [404, 410])
def test_not_found_uses_the_callers_message_and_is_not_retried(server, cache, sleeps, status):
    server.script(Reply(status, b"<html>gone</html>"))
    with Client(cache, sleep=sleeps) as client, pytest.raises(NotFoundError) as caught:
        client.get(server.url("/ukpga/2003/999"), not_found="no such legislation: ukpga/2003/999")
    assert str(caught.value) == "no such legislation: ukpga/2003/999"
    assert sleeps == []
    assert len(server.requests) == 1


def test_other_4xx_is_an_error_naming_status_and_url(server, cache, sleeps):
    server.script(Reply(403, b"no"))
    with Client(cache, sleep=sleeps) as client, pytest.raises(FetchError) as caught:
        client.get(server.url(), not_found="x")
    assert type(caught.value) is FetchError
    assert str(caught.value) == f"HTTP 403 Forbidden from {server.url()}"
    assert sleeps == []


def test_connection_refused_is_retried_then_a_network_error(cache, sleeps):
    url = f"http://127.0.0.1:{closed_port()}/doc"
    with Client(cache, retries=2, sleep=sleeps) as client, pytest.raises(NetworkError) as caught:
        client.get(url, not_found="x")
    message = str(caught.value)
    assert message.startswith(f"cannot fetch {url} after 3 attempts: ")
    assert "refused" in message.lower()
    assert message.endswith(HINT)
    assert "\n" not in message
    assert sleeps == [1.0, 2.0]


def test_a_timeout_is_retried_then_a_network_error(server, cache, sleeps):
    server.script(Reply(stall=True), Reply(stall=True))
    with (
        Client(cache, retries=1, timeout=0.2, sleep=sleeps) as client,
        pytest.raises(NetworkError) as caught,
    ):
        client.get(server.url(), not_found="x")
    assert str(caught.value) == (f"cannot fetch {server.url()} after 2 attempts: timed out {HINT}")
    assert sleeps == [1.0]


def test_a_cut_off_body_is_incomplete_and_not_cached(server, cache, sleeps):
    server.script(Reply(200, b"<a>" + b"x" * 1000 + b"</a>", cut_at=100))
    with Client(cache, retries=0, sleep=sleeps) as client, pytest.raises(IncompleteError) as caught:
        client.get(server.url(), not_found="x")
    assert str(caught.value) == (
        f"incomplete reply from {server.url()} after 1 attempt: cut off after 100 of 1007 bytes"
    )
    assert files(cache) == []
    with Client(cache, offline=True) as client, pytest.raises(OfflineMissError):
        client.get(server.url(), not_found="x")


def test_a_cut_off_body_is_retried(server, cache, sleeps):
    body = b"y" * 5000
    server.script(Reply(200, body, cut_at=10), Reply(200, body))
    with Client(cache, sleep=sleeps) as client:
        assert client.get(server.url(), not_found="x").body == body
    assert sleeps == [1.0]


def test_a_cut_off_update_keeps_the_previous_entry(server, cache, sleeps):
    server.script(Reply(200, b"v1", {"ETag": '"1"'}), Reply(200, b"v2" * 100, cut_at=3))
    with Client(cache, retries=0, sleep=sleeps) as client:
        client.get(server.url(), not_found="x")
        with pytest.raises(IncompleteError):
            client.get(server.url(), not_found="x")
    with Client(cache, offline=True) as client:
        assert client.get(server.url(), not_found="x").body == b"v1"


def test_a_body_over_max_bytes_is_refused_by_its_content_length(server, cache):
    server.script(Reply(200, b"z" * 2000))
    with Client(cache, max_bytes=1000) as client, pytest.raises(FetchError) as caught:
        client.get(server.url(), not_found="x")
    assert str(caught.value) == f"refused: {server.url()} is 2000 bytes, over the 1000 limit"
    assert files(cache) == []


def test_a_body_over_max_bytes_is_refused_while_streaming(server, cache):
    # No Content-Length: the client can only tell by counting as the bytes arrive.
    server.script(Reply(200, b"z" * 200_000, length=False))
    with Client(cache, max_bytes=1000) as client, pytest.raises(FetchError) as caught:
        client.get(server.url(), not_found="x")
    assert str(caught.value) == f"refused: {server.url()} is over the 1000 byte limit"
    assert files(cache) == []


def test_offline_hit_opens_no_connection(server, cache):
    server.script(Reply(200, b"cached body"))
    with Client(cache) as client:
        online = client.get(server.url(), not_found="x")
    messages: list[str] = []
    with Client(cache, offline=True, progress=messages.append) as client:
        offline = client.get(server.url(), not_found="x")
    assert offline == Fetched(server.url(), b"cached body", online.retrieved, from_cache=True)
    assert len(server.requests) == 1
    assert messages == [f"cached {server.url()}"]


def test_offline_miss(cache):
    def refuse(request: httpx.Request) -> httpx.Response:
        raise AssertionError("offline must not open a connection")

    url = "https://www.legislation.gov.uk/ukpga/2003/1/data.xml"
    with (
        Client(cache, offline=True, transport=httpx.MockTransport(refuse)) as client,
        pytest.raises(OfflineMissError) as caught,
    ):
        client.get(url, not_found="x")
    assert str(caught.value) == f"not in the cache (offline): {url}"


def test_redirects_are_followed_and_cached_under_the_url_asked_for(server, cache):
    server.script(Reply(301, headers={"Location": "/ukpga/2003/1/contents"}), Reply(200, b"doc"))
    asked = server.url("/id/ukpga/2003/1")
    with Client(cache) as client:
        assert client.get(asked, not_found="x").url == asked
    assert [r.path for r in server.requests] == ["/id/ukpga/2003/1", "/ukpga/2003/1/contents"]
    with Client(cache, offline=True) as client:
        assert client.get(asked, not_found="x").body == b"doc"


def test_a_damaged_cache_entry_counts_as_absent(server, cache):
    server.script(Reply(200, b"good", {"ETag": '"1"'}), Reply(200, b"good"))
    with Client(cache) as client:
        client.get(server.url(), not_found="x")
        [body] = cache.glob("*.body")
        body.write_bytes(b"bad")
        assert client.get(server.url(), not_found="x").body == b"good"
    assert "If-None-Match" not in server.requests[1].headers  # nothing to revalidate


def test_cache_entries_are_one_per_url_and_leave_no_temporary_files(server, cache):
    server.script(Reply(200, b"a"), Reply(200, b"b"), Reply(200, b"a2"))
    with Client(cache) as client:
        client.get(server.url("/a"), not_found="x")
        client.get(server.url("/b"), not_found="x")
        client.get(server.url("/a"), not_found="x")
    names = files(cache)
    assert len(names) == 4
    assert sum(n.endswith(".json") for n in names) == 2
    assert sum(n.endswith(".body") for n in names) == 2
    assert not [n for n in names if n.startswith(".") or "tmp" in n]


def test_a_crash_while_writing_the_cache_leaves_the_old_entry_and_no_temporary(
    server, cache, monkeypatch
):
    server.script(Reply(200, b"old"), Reply(200, b"new"))
    with Client(cache) as client:
        client.get(server.url(), not_found="x")
        before = {name: (cache / name).read_bytes() for name in files(cache)}

        real_replace = os.replace

        def crash_on_the_entry(source, target) -> None:
            if str(target).endswith(".json"):
                raise OSError("disk full")  # the new body is in place, the entry not yet
            real_replace(source, target)

        monkeypatch.setattr(os, "replace", crash_on_the_entry)
        with pytest.raises(OSError, match="disk full"):
            client.get(server.url(), not_found="x")
        monkeypatch.undo()

    assert not [n for n in files(cache) if n.startswith(".") or "tmp" in n]
    for name, content in before.items():
        assert (cache / name).read_bytes() == content
    with Client(cache, offline=True) as client:
        assert client.get(server.url(), not_found="x").body == b"old"


def test_fetched_is_immutable():
    fetched = Fetched("u", b"b", datetime.date(2026, 1, 1), from_cache=False)
    with pytest.raises(AttributeError):
        fetched.body = b"other"  # type: ignore[misc]
