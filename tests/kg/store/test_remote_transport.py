"""The remote store's HTTP client (kg.store._http): a keep-alive connection per thread, reopened
when the server closed it while idle; credentials and forms as sent; and every request that
gets no answer an `Unreachable` that says why (refused, silent, broken). Against small
servers of the standard library on 127.0.0.1."""

from __future__ import annotations

import base64
import contextlib
import socket
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kg.store._http import Client, Unreachable

from .servers import free_port


class Recorder(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive
    seen: list  # (client port, headers, form, or the body of any other content type)

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"])).decode()
        form = self.headers["Content-Type"] == "application/x-www-form-urlencoded"
        self.seen.append((self.client_address[1], dict(self.headers),
                          urllib.parse.parse_qs(body) if form else body))  # fmt: skip
        answer = b"?x\n<http://example.org/a>\n"
        self.send_response(200)
        self.send_header("Content-Type", "text/tab-separated-values")
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


@contextlib.contextmanager
def recorder():
    handler = type("Handler", (Recorder,), {"seen": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/query", handler.seen, server
    finally:
        server.shutdown()
        server.server_close()


def test_one_connection_per_thread_kept_alive_with_credentials_and_the_form():
    client = Client(10, "reader", "s3cret:x")
    with recorder() as (url, seen, _):
        first = client.post(url, {"query": "ASK {}", "default-graph-uri": ["urn:a", "urn:b"]},
                            "text/tab-separated-values")  # fmt: skip
        client.post(url, {"query": "ASK {}"})
        other = threading.Thread(target=client.post, args=(url, {"query": "ASK {}"}))
        other.start()
        other.join()
        client.close()
    assert first.status == 200 and first.media == "text/tab-separated-values"
    assert first.headers["content-type"] == "text/tab-separated-values"
    assert first.content == b"?x\n<http://example.org/a>\n"
    ports = [port for port, _, _ in seen]
    assert ports[0] == ports[1] != ports[2]  # the same thread reuses its connection
    token = base64.b64encode(b"reader:s3cret:x").decode()
    assert all(headers["Authorization"] == f"Basic {token}" for _, headers, _ in seen)
    assert seen[0][1]["Accept"] == "text/tab-separated-values"
    assert seen[0][2] == {"query": ["ASK {}"], "default-graph-uri": ["urn:a", "urn:b"]}


def test_a_query_sent_as_the_body_itself_with_the_credentials():
    """SPARQL 1.1 Protocol's "query via POST directly": a str is the body, not a form."""
    client = Client(10, "reader", "s3cret")
    query = "SELECT ?s WHERE { ?s ?p 'a&b=c' }"
    with recorder() as (url, seen, _):
        answer = client.post(url, query, "text/tab-separated-values")
        client.post(url, {"query": query})  # a form again, on the same connection
    client.close()
    assert answer.content == b"?x\n<http://example.org/a>\n"
    (port, headers, body), (again, form_headers, form) = seen
    assert headers["Content-Type"] == "application/sparql-query"
    assert body == query
    assert headers["Authorization"] == form_headers["Authorization"]
    assert headers["Accept"] == "text/tab-separated-values"
    assert form_headers["Content-Type"] == "application/x-www-form-urlencoded"
    assert form == {"query": [query]} and again == port


def test_a_connection_the_server_closed_while_idle_is_opened_again():
    client = Client(10)
    with recorder() as (url, seen, _):
        client.post(url, {"query": "1"})
        # the server drops every connection it holds (as a server restarting, or timing out
        # idle keep-alive connections, does)
        [connection] = client._local.connections.values()
        connection.sock.shutdown(socket.SHUT_RDWR)  # what the client sees: a closed peer
        answer = client.post(url, {"query": "2"})
        client.close()
    assert answer.status == 200
    assert [form["query"] for _, _, form in seen] == [["1"], ["2"]]


def test_refused():
    url = f"http://127.0.0.1:{free_port()}/query"
    with pytest.raises(Unreachable) as failed:
        Client(10).post(url, {"query": "ASK {}"})
    assert str(failed.value) == "connection refused"
    assert failed.value.connecting and not failed.value.timed_out


def test_silent():
    with socket.socket() as listener:  # accepts (the kernel does), never answers
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/query"
        with pytest.raises(Unreachable) as failed:
            Client(0.3).post(url, {"query": "ASK {}"})
    assert str(failed.value) == "no answer within 0.3 s"
    assert failed.value.timed_out and not failed.value.connecting


def test_broken_mid_answer():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/query"

        def half_an_answer():
            connection, _ = listener.accept()
            connection.recv(65536)
            connection.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\nonly this")
            connection.close()

        server = threading.Thread(target=half_an_answer)
        server.start()
        with pytest.raises(Unreachable) as failed:
            Client(10).post(url, {"query": "ASK {}"})
        server.join()
    assert not failed.value.timed_out and "read" in str(failed.value).lower()


def chunked_server(listener, answers: int = 1, pieces=(b"?x\n", b"<urn:a>\n<urn:b>\n")):
    """Answer `answers` requests on one connection, each 200 in chunks, as the Oxigraph
    server writes a query's results."""
    connection, _ = listener.accept()
    with connection:
        for _ in range(answers):
            request = b""
            while b"\r\n\r\n" not in request:
                request += connection.recv(65536)
            head, _, body = request.partition(b"\r\n\r\n")
            length = int(head.lower().split(b"content-length: ")[1].split(b"\r\n")[0])
            while len(body) < length:
                body += connection.recv(65536)
            chunks = b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in pieces)
            connection.sendall(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/tab-separated-values"
                b"\r\nTransfer-Encoding: chunked\r\n\r\n" + chunks + b"0\r\n\r\n"
            )


@contextlib.contextmanager
def listening():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield listener, f"http://127.0.0.1:{listener.getsockname()[1]}/query"


def test_an_answer_handed_over_piece_by_piece_as_it_arrives():
    with listening() as (listener, url):
        server = threading.Thread(target=chunked_server, args=(listener, 2))
        server.start()
        client = Client(10)
        got: list[bytes] = []
        answer = client.post(url, {"query": "1"}, "text/tab-separated-values",
                             ("text/tab-separated-values", got.append))  # fmt: skip
        whole = client.post(url, {"query": "2"}, "text/tab-separated-values")  # same connection
        client.close()
        server.join()
    assert answer.status == 200 and answer.content == b""
    assert b"".join(got) == whole.content == b"?x\n<urn:a>\n<urn:b>\n"
    assert len(got) >= 2


def test_pieces_of_another_media_type_come_whole():
    client = Client(10)
    with recorder() as (url, _, _):
        got: list[bytes] = []
        answer = client.post(url, {"query": "1"}, None, ("application/json", got.append))
        client.close()
    assert not got and answer.content.startswith(b"?x")


def test_a_taker_that_fails_closes_the_connection_and_the_next_request_opens_one():
    with listening() as (listener, url):
        server = threading.Thread(target=chunked_server, args=(listener, 1))
        server.start()
        client = Client(10)

        def refuse(piece):
            raise ValueError("not this")

        with pytest.raises(ValueError, match="not this"):
            client.post(url, {"query": "1"}, None, ("text/tab-separated-values", refuse))
        server.join()
        [connection] = client._local.connections.values()
        assert connection.sock is None  # closed: the rest of that answer is never read
        server = threading.Thread(target=chunked_server, args=(listener, 1))
        server.start()
        assert client.post(url, {"query": "2"}).content.startswith(b"?x")
        client.close()
        server.join()


def test_broken_after_pieces_were_handed_over_is_not_sent_again():
    with listening() as (listener, url):

        def half_an_answer():
            connection, _ = listener.accept()
            connection.recv(65536)
            connection.sendall(
                b"HTTP/1.1 200 OK\r\nContent-Type: text/tab-separated-values\r\n"
                b"Transfer-Encoding: chunked\r\n\r\n3\r\n?x\n\r\n"
            )
            connection.close()  # reset mid-answer: a request sent again would find no server

        server = threading.Thread(target=half_an_answer)
        server.start()
        got: list[bytes] = []
        with pytest.raises(Unreachable) as failed:
            Client(10).post(url, {"query": "1"}, None, ("text/tab-separated-values", got.append))
        server.join()
    assert got == [b"?x\n"] and not failed.value.timed_out


def test_not_an_http_url():
    with pytest.raises(ValueError, match="not an http"):
        Client(10).post("ftp://example.org/query", {})


@pytest.fixture
def certificate(tmp_path):
    """A self-signed certificate for 127.0.0.1 and its key, made by the openssl command."""
    import shutil
    import subprocess

    if shutil.which("openssl") is None:
        pytest.skip("no openssl command to make a certificate with")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1",
         "-keyout", str(key), "-out", str(cert)],
        check=True, capture_output=True,
    )  # fmt: skip
    return cert, key


@contextlib.contextmanager
def tls_recorder(cert, key):
    """The recorder behind TLS, with the given certificate."""
    import ssl

    with recorder() as (url, seen, server):
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        server.socket = context.wrap_socket(server.socket, server_side=True)
        yield url.replace("http://", "https://"), seen


def test_https_with_a_certificate_the_client_trusts(certificate, monkeypatch):
    cert, key = certificate
    monkeypatch.setenv("SSL_CERT_FILE", str(cert))  # the default context's trusted authorities
    client = Client(10)
    with tls_recorder(cert, key) as (url, seen):
        answer = client.post(url, {"query": "ASK {}"})
        client.post(url, {"query": "ASK {}"})
    assert answer.status == 200 and answer.content.startswith(b"?x\n")
    assert len({port for port, _, _ in seen}) == 1  # kept alive over TLS too
    client.close()


def test_https_with_a_certificate_nobody_vouches_for_is_refused_in_words(certificate):
    cert, key = certificate
    client = Client(10)
    with tls_recorder(cert, key) as (url, seen), pytest.raises(Unreachable) as refused:
        client.post(url, {"query": "ASK {}"})
    assert "certificate" in str(refused.value).lower()
    assert not seen  # nothing was sent to a server that could not prove who it is
    client.close()
