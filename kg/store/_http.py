"""HTTP/1.1 for the remote store (kg.store._remote), over the standard library's http.client.

A remote store's requests are small and many: a GraphQL request is one or two of them, and a
server's resolvers run in a pool of threads. So each thread keeps one keep-alive connection per
server, and an answer is read whole in one go. httpx cost about 0.25 ms more per request and
1.5 ms more to read a 72 KB answer (kg.describe's planned queries at 10^5 quads).

What it promises the store: a connection within `CONNECT_TIMEOUT` (or the timeout, if less), an
answer within `timeout` seconds of silence, HTTP Basic credentials on every request if given,
and `Unreachable` for a request that got no answer, whose `cause` says why in words. A
connection the server closed while it was idle is opened again once, silently (the request was
not answered, and every request we send may be sent twice: reads, and idempotent updates);
never once part of its answer has been handed over (`post(pieces=)`, an answer read as it
arrives, so that the caller's work overlaps the server's).
"""

from __future__ import annotations

import base64
import http.client
import os
import threading
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass

FORM = "application/x-www-form-urlencoded"
SPARQL_QUERY = "application/sparql-query"
CONNECT_TIMEOUT = 5.0  # seconds to wait for a connection: a server that is up accepts at once
#: What a connection the server closed while idle raises when reused (it is then reopened).
_STALE = (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError,
          ConnectionAbortedError)  # fmt: skip


class Unreachable(Exception):
    """A request that got no answer: `connecting` if no connection was made, `timed_out` if
    the server was silent for the timeout; str() is the cause in words."""

    def __init__(self, cause: str, *, connecting: bool = False, timed_out: bool = False):
        super().__init__(cause)
        self.connecting = connecting
        self.timed_out = timed_out


@dataclass(frozen=True)
class Answer:
    """An HTTP answer, read whole; `headers` by lower-case name."""

    status: int
    reason: str
    headers: dict[str, str]
    content: bytes

    @property
    def media(self) -> str:
        """The media type, without parameters."""
        return _media(self.headers.get("content-type", ""))

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", errors="replace")


def _media(content_type: str) -> str:
    return content_type.split(";")[0].strip().lower()


#: Bytes asked of the socket at a time when an answer is handed over piece by piece.
PIECE = 65536


class _Broken(Exception):
    """The connection failed after part of an answer was handed over: never sent again."""


def _hand_over(connection: http.client.HTTPConnection, response: http.client.HTTPResponse,
               take: Callable[[bytes], None]) -> None:  # fmt: skip
    """Hand `response`'s body to `take` as it arrives (read1: what the socket holds, at most
    PIECE bytes, without waiting for more)."""
    handed = False
    try:
        while piece := response.read1(PIECE):
            handed = True
            take(piece)
    except (OSError, http.client.HTTPException) as exc:
        if handed:
            raise _Broken from exc
        raise  # the caller's handlers say what failed
    except BaseException:  # take refused the answer: the rest of it stays unread
        connection.close()
        raise


def _cause(exc: BaseException) -> str:
    """An OS or HTTP error's reason in words: `[Errno 111] Connection refused` -> `connection
    refused`."""
    if isinstance(exc, OSError) and exc.strerror:
        text = exc.strerror
    else:
        lines = str(exc).strip().splitlines()
        text = lines[0] if lines else type(exc).__name__
        if text.startswith("[Errno"):
            text = text.partition("] ")[2] or text
    text = text.rstrip(".") or type(exc).__name__
    return text[:1].lower() + text[1:]


class _Connecting:
    """connect() within the connect timeout; then reads wait up to the full timeout."""

    connect_timeout: float

    def connect(self) -> None:
        timeout = self.timeout
        self.timeout = self.connect_timeout
        try:
            super().connect()  # HTTPS: the TLS handshake too
        finally:
            self.timeout = timeout
        self.sock.settimeout(timeout)


class _HTTP(_Connecting, http.client.HTTPConnection):
    pass


class _HTTPS(_Connecting, http.client.HTTPSConnection):
    pass


class Client:
    """Posts forms to the URLs of one store: one keep-alive connection per thread and server."""

    def __init__(self, timeout: float, user: str | None = None, password: str | None = None):
        self.timeout = timeout
        self.connect_timeout = min(timeout, CONNECT_TIMEOUT)
        self.headers = {"Content-Type": FORM}
        if user:
            token = base64.b64encode(f"{user}:{password or ''}".encode()).decode("ascii")
            self.headers["Authorization"] = f"Basic {token}"
        self.query_headers = {**self.headers, "Content-Type": SPARQL_QUERY}
        self._local = threading.local()
        #: every thread's connections, for close(); those of threads that ended are closed when
        #: another is opened (a server's pool of threads replaces idle ones)
        self._all: list[tuple[threading.Thread, http.client.HTTPConnection]] = []
        self._lock = threading.Lock()
        self._targets: dict[str, tuple[str, str, int | None, str]] = {}

    def _target(self, url: str) -> tuple[str, str, int | None, str]:
        target = self._targets.get(url)
        if target is None:
            parts = urllib.parse.urlsplit(url)
            if parts.scheme not in ("http", "https") or not parts.hostname:
                raise ValueError(f"not an http(s) URL: {url!r}")
            path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            target = self._targets[url] = (parts.scheme, parts.hostname, parts.port, path)
        return target

    def _connection(self, scheme: str, host: str, port: int | None) -> http.client.HTTPConnection:
        local = self._local
        pid = os.getpid()
        if getattr(local, "pid", None) != pid:  # a new thread, or a forked process
            local.pid, local.connections = pid, {}
        key = (scheme, host, port)
        connection = local.connections.get(key)
        if connection is None:
            kind = _HTTPS if scheme == "https" else _HTTP
            connection = kind(host, port, timeout=self.timeout)
            connection.connect_timeout = self.connect_timeout
            local.connections[key] = connection
            with self._lock:
                ended = [c for thread, c in self._all if not thread.is_alive()]
                self._all = [(t, c) for t, c in self._all if t.is_alive()]
                self._all.append((threading.current_thread(), connection))
            for old in ended:
                old.close()
        return connection

    def post(self, url: str, form: dict | str, accept: str | None = None,
             pieces: tuple[str, Callable[[bytes], None]] | None = None) -> Answer:  # fmt: skip
        """POST `form` (values may be lists: the key repeated) to `url`; the whole answer.
        A str is a SPARQL query sent as the body itself (the protocol's "query via POST
        directly"): no form to encode, which takes ~70 µs for a query of 2,000 characters.
        With `pieces` (a media type, a function), a 200 answer of that media type is handed
        to the function piece by piece as it arrives, so that reading it overlaps the
        server's writing it, and the Answer's content is empty. If the function raises, the
        connection is closed (the rest of the answer is not read) and the error goes up."""
        scheme, host, port, path = self._target(url)
        if isinstance(form, str):
            body, headers = form.encode(), self.query_headers
        else:
            body, headers = urllib.parse.urlencode(form, doseq=True).encode(), self.headers
        if accept is not None:
            headers = {**headers, "Accept": accept}
        connection = self._connection(scheme, host, port)
        for attempt in (1, 2):
            fresh = connection.sock is None
            if fresh:
                try:
                    connection.connect()
                except TimeoutError:
                    connection.close()
                    raise Unreachable(f"no connection within {self.connect_timeout:g} s",
                                      connecting=True, timed_out=True) from None  # fmt: skip
                except OSError as exc:
                    connection.close()
                    raise Unreachable(_cause(exc), connecting=True) from None
            try:
                connection.request("POST", path, body, headers)
                response = connection.getresponse()
                if (
                    pieces is not None
                    and response.status == 200
                    and _media(response.getheader("content-type", "")) == pieces[0]
                ):
                    content = b""
                    _hand_over(connection, response, pieces[1])
                else:
                    content = response.read()
            except _Broken as broken:  # part of the answer is taken: no second request
                connection.close()
                cause = broken.__cause__
                if isinstance(cause, TimeoutError):
                    raise Unreachable(f"no answer within {self.timeout:g} s",
                                      timed_out=True) from None  # fmt: skip
                raise Unreachable(_cause(cause)) from None
            except TimeoutError:
                connection.close()
                raise Unreachable(f"no answer within {self.timeout:g} s", timed_out=True) from None
            except _STALE as exc:
                connection.close()
                if fresh or attempt == 2:  # not a stale connection: the server broke it
                    raise Unreachable(_cause(exc)) from None
                continue  # closed by the server while idle: once more, on a new connection
            except (OSError, http.client.HTTPException) as exc:
                connection.close()
                raise Unreachable(_cause(exc)) from None
            headers_of = {name.lower(): value for name, value in response.getheaders()}
            return Answer(response.status, response.reason, headers_of, content)
        raise AssertionError("unreachable")  # pragma: no cover

    def close(self) -> None:
        with self._lock:
            connections, self._all = self._all, []
        for _, connection in connections:
            connection.close()
