"""kg.web.ratelimit: token buckets per client and family of routes, who the client is, and the
limits over real HTTP (429 with Retry-After, recovery, other clients untouched, costly GraphQL
spending more, /healthz never limited)."""

import asyncio
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from graphql import parse
from kg.api.limits import cost_of
from kg.api.schema import schema
from kg.web.ratelimit import (
    Limit,
    RateLimiter,
    RateLimitMiddleware,
    client_address,
    family_of,
    parse_proxies,
)
from kg.web.settings import ServeSettings, SettingsError, resolve


class Clock:
    """A monotonic clock moved by hand."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def limiter(rate=2.0, burst=3, **kwargs) -> tuple[RateLimiter, Clock]:
    clock = Clock()
    limits = {family: Limit(rate, burst) for family in ("graphql", "sparql", "pages")}
    return RateLimiter(limits, clock=clock, **kwargs), clock


# --- the bucket --------------------------------------------------------------------------------


def test_a_burst_is_allowed_then_refused():
    bucket, _clock = limiter(rate=2, burst=3)
    assert [bucket.spend("pages", "a") for _ in range(3)] == [None, None, None]
    refusal = bucket.spend("pages", "a")
    assert refusal is not None
    assert (refusal.family, refusal.retry_after) == ("pages", 1)  # 0.5 s, rounded up
    assert refusal.headers == {"Retry-After": "1"}
    assert "pages" in refusal.message and "3 requests at once" in refusal.message


def test_tokens_come_back_at_the_rate():
    bucket, clock = limiter(rate=2, burst=3)
    for _ in range(3):
        bucket.spend("pages", "a")
    clock.advance(0.49)
    assert bucket.spend("pages", "a") is not None
    clock.advance(0.01)  # 0.5 s: one token back
    assert bucket.spend("pages", "a") is None
    assert bucket.spend("pages", "a") is not None
    clock.advance(100)  # never more than the burst
    assert [bucket.spend("pages", "a") is None for _ in range(4)] == [True, True, True, False]


@pytest.mark.parametrize(
    ("rate", "burst", "spent", "asked", "retry_after"),
    [
        (0.25, 1, 1, 1, 4),  # 4 s exactly
        (0.3, 1, 1, 1, 4),  # 3.33 s, rounded up
        (1.0, 10, 8, 5, 3),  # 2 left, 3 more needed
        (1000.0, 1, 1, 1, 1),  # 1 ms: at least 1 s
    ],
)
def test_retry_after_is_whole_seconds_rounded_up(rate, burst, spent, asked, retry_after):
    bucket, _clock = limiter(rate=rate, burst=burst)
    assert bucket.spend("sparql", "a", spent) is None
    refusal = bucket.spend("sparql", "a", asked)
    assert refusal is not None and refusal.retry_after == retry_after


def test_a_refused_request_spends_nothing():
    bucket, clock = limiter(rate=1, burst=10)
    assert bucket.spend("graphql", "a", 8) is None
    for _ in range(5):
        assert bucket.spend("graphql", "a", 5).retry_after == 3
    clock.advance(3)
    assert bucket.spend("graphql", "a", 5) is None


def test_more_than_the_burst_needs_a_full_bucket():
    bucket, clock = limiter(rate=1, burst=10)
    assert bucket.spend("graphql", "a", 1) is None
    assert bucket.spend("graphql", "a", 500).retry_after == 1
    clock.advance(1)
    assert bucket.spend("graphql", "a", 500) is None
    assert bucket.spend("graphql", "a", 1) is not None


def test_clients_and_families_have_their_own_buckets():
    bucket, _clock = limiter(rate=1, burst=1)
    assert bucket.spend("pages", "a") is None
    assert bucket.spend("pages", "a") is not None
    assert bucket.spend("pages", "b") is None
    assert bucket.spend("graphql", "a") is None
    assert bucket.spend("sparql", "a") is None


def test_buckets_full_again_are_dropped():
    bucket, clock = limiter(rate=2, burst=3)
    bucket.spend("pages", "a")
    bucket.spend("graphql", "b")
    assert bucket.buckets == 2
    clock.advance(0.4)  # 2.8 tokens each: not yet full
    bucket.spend("pages", "c")
    assert bucket.buckets == 3
    clock.advance(0.1)  # a and b are full again: the same as no bucket
    bucket.spend("pages", "c")
    assert bucket.buckets == 1
    clock.advance(0.1)
    assert [bucket.spend("pages", "a") is None for _ in range(4)] == [True, True, True, False]


def test_at_most_max_buckets_are_kept():
    bucket, _clock = limiter(rate=1, burst=5, max_buckets=100)
    for i in range(1000):
        bucket.spend("pages", f"10.0.{i // 256}.{i % 256}")
    assert bucket.buckets == 100


def test_spending_from_many_threads_loses_no_token():
    bucket, _clock = limiter(rate=1, burst=5000)  # the clock stands still: no refill
    granted = []

    def spend():
        granted.append(sum(bucket.spend("graphql", "a") is None for _ in range(1000)))

    threads = [threading.Thread(target=spend) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(granted) == 5000


def test_families_of_routes():
    assert family_of("/graphql") == "graphql"
    assert family_of("/sparql") == "sparql"
    for path in ("/", "/viz", "/graphiql", "/assets/vis-network.min.js", "/body/home-office"):
        assert family_of(path) == "pages"
    assert family_of("/healthz") is None and family_of("/metrics") is None


def test_settings_make_the_limiter():
    assert RateLimiter.from_settings(ServeSettings(rate_limits=False)) is None
    made = RateLimiter.from_settings(ServeSettings(rate_graphql=3, burst_graphql=7))
    assert made.limits["graphql"] == Limit(3, 7)
    assert made.limits["pages"] == Limit(ServeSettings.rate_pages, ServeSettings.burst_pages)
    with pytest.raises(ValueError, match=r"trusted_proxies: 'proxy\.example' is not an IP"):
        RateLimiter.from_settings(ServeSettings(trusted_proxies=("proxy.example",)))


def test_trusted_proxies_must_be_addresses_or_networks():
    chosen = resolve({"trusted_proxies": "127.0.0.1, 10.0.0.0/8,::1"}, environ={})
    assert chosen.trusted_proxies == ("127.0.0.1", "10.0.0.0/8", "::1")
    with pytest.raises(SettingsError, match=r"--trusted-proxies: 'proxy\.example' is not an IP"):
        resolve({"trusted_proxies": "10.0.0.1,proxy.example"}, environ={})


def test_a_refusal_is_counted_and_marked_for_the_log():
    bucket, _clock = limiter(rate=1, burst=1)
    sent = []

    async def app(scope, receive, send):
        await send({"type": "http.response.start", "status": 204, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    async def send(message):
        sent.append(message)

    middleware = RateLimitMiddleware(app, bucket)
    scopes = [{"type": "http", "path": "/viz", "client": ("192.0.2.1", 1), "headers": []}
              for _ in range(2)]  # fmt: skip
    for scope in scopes:  # in a thread of its own: another test's event loop may be running here
        with ThreadPoolExecutor(1) as thread:
            thread.submit(asyncio.run, middleware(scope, None, send)).result()
    assert [m["status"] for m in sent if m["type"] == "http.response.start"] == [204, 429]
    assert "state" not in scopes[0] and scopes[1]["state"] == {"rate_limited": "pages"}
    assert bucket.refused == Counter(pages=1)


# --- who the client is ---------------------------------------------------------------------------


def scope(peer: str, *forwarded: str) -> dict:
    headers = [(b"x-forwarded-for", value.encode()) for value in forwarded]
    return {"type": "http", "client": (peer, 50000), "headers": headers}


PROXIES = parse_proxies(["127.0.0.1", "10.0.0.0/8"])


def test_without_trusted_proxies_the_connection_is_the_client():
    assert client_address(scope("198.51.100.7")) == "198.51.100.7"
    assert client_address(scope("198.51.100.7", "203.0.113.9")) == "198.51.100.7"
    assert client_address({"type": "http", "client": None, "headers": []}) == "unknown"


def test_a_forwarded_header_from_an_untrusted_peer_is_ignored():
    assert client_address(scope("198.51.100.7", "203.0.113.9"), PROXIES) == "198.51.100.7"


def test_through_trusted_proxies_the_right_most_untrusted_address_is_the_client():
    # the client made up the left-most entry; the proxies appended what they saw
    chain = "1.1.1.1, 203.0.113.9, 10.1.2.3"
    assert client_address(scope("127.0.0.1", chain), PROXIES) == "203.0.113.9"
    assert client_address(scope("10.0.0.1", "203.0.113.9"), PROXIES) == "203.0.113.9"
    # two headers read as one list, in order
    assert client_address(scope("127.0.0.1", "1.1.1.1", "203.0.113.9"), PROXIES) == "203.0.113.9"
    # ports and brackets as some proxies write them
    assert client_address(scope("127.0.0.1", "203.0.113.9:4711"), PROXIES) == "203.0.113.9"
    assert client_address(scope("127.0.0.1", "[2001:db8::1]:4711"), PROXIES) == "2001:db8::1"
    assert client_address(scope("127.0.0.1", "2001:db8::1"), PROXIES) == "2001:db8::1"


def test_through_trusted_proxies_without_a_client_in_the_header():
    assert client_address(scope("127.0.0.1"), PROXIES) == "127.0.0.1"
    assert client_address(scope("127.0.0.1", "10.0.0.2, 10.0.0.3"), PROXIES) == "10.0.0.2"


# --- over real HTTP ----------------------------------------------------------------------------

COSTLY = "{ reports { key } }"


@pytest.fixture
def serve(fixture_build, live_server):
    """`serve(**settings)`: the fixture build served with those settings, behind a trusted
    proxy at 127.0.0.1 (so X-Forwarded-For names the client), on a clock moved by hand."""
    from kg.web import create_app

    def start(**settings):
        app = create_app(fixture_build, settings=ServeSettings(trusted_proxies=("127.0.0.1",),
                                                               **settings))  # fmt: skip
        clock = Clock()
        app.state.limiter.clock = clock
        return live_server(app), app.state.limiter, clock

    return start


def as_client(address: str) -> dict:
    return {"X-Forwarded-For": address}


def test_a_client_over_its_rate_waits_and_others_do_not(serve):
    server, limiter, clock = serve(rate_pages=1, burst_pages=3)
    a, b = as_client("203.0.113.1"), as_client("203.0.113.2")
    with server, httpx.Client(base_url=server.url, timeout=30) as http:
        assert [http.get("/favicon.ico", headers=a).status_code for _ in range(3)] == [204] * 3
        refused = http.get("/favicon.ico", headers=a)
        assert refused.status_code == 429
        assert refused.headers["retry-after"] == "1"
        assert refused.headers["content-type"].startswith("text/plain")
        assert refused.text == (
            "rate limit exceeded for pages: 3 requests at once, 1 a second after that; "
            "retry after 1 s\n"
        )
        assert http.get("/viz/entity", headers=a).status_code == 429  # every page
        assert http.get("/favicon.ico", headers=b).status_code == 204  # another client
        assert (
            http.get("/graphql", params={"query": "{ __typename }"}, headers=a).status_code == 200
        )
        for _ in range(20):
            assert http.get("/healthz", headers=a).status_code == 200
        clock.advance(int(refused.headers["retry-after"]))
        assert http.get("/favicon.ico", headers=a).status_code == 204
    assert limiter.refused == Counter(pages=2)


def test_recovery_on_the_real_clock(fixture_build, live_server):
    from kg.web import create_app

    app = create_app(fixture_build, settings=ServeSettings(rate_sparql=1, burst_sparql=1))
    query = {"query": "ASK { ?s ?p ?o }"}
    with live_server(app) as server, httpx.Client(base_url=server.url, timeout=30) as http:
        assert http.get("/sparql", params=query).status_code == 200
        refused = http.get("/sparql", params=query)
        assert refused.status_code == 429 and "for sparql" in refused.text
        time.sleep(int(refused.headers["retry-after"]))
        assert http.get("/sparql", params=query).status_code == 200


def test_a_costly_query_spends_many_tokens(serve):
    cost = cost_of(parse(COSTLY), schema.graphql_schema, {})
    assert cost == 11  # reports: a list of 10 by estimate, one field each
    # cost_per_token 1: each such query spends 1 + 11 tokens of 20
    server, limiter, clock = serve(rate_graphql=1, burst_graphql=20, cost_per_token=1)
    a = as_client("203.0.113.1")
    with server, httpx.Client(base_url=server.url, timeout=30) as http:
        assert http.post("/graphql", json={"query": COSTLY}, headers=a).status_code == 200
        refused = http.post("/graphql", json={"query": COSTLY}, headers=a)
        assert refused.status_code == 429
        assert refused.headers["retry-after"] == "4"  # 7 left after its first token; 11 needed
        assert refused.json() == {"errors": [{"message": (
            "rate limit exceeded for graphql: 20 requests at once, 1 a second after that; "
            "retry after 4 s")}]}  # fmt: skip
        # a cheap one still fits (1 + 1 tokens), from another client the costly one too
        assert http.post("/graphql", json={"query": "{ __typename }"}, headers=a).status_code == 200
        assert http.post("/graphql", json={"query": COSTLY},
                         headers=as_client("203.0.113.2")).status_code == 200  # fmt: skip
        clock.advance(20)
        assert http.post("/graphql", json={"query": COSTLY}, headers=a).status_code == 200
    assert limiter.refused == Counter(graphql=1)


def test_graphql_over_its_rate_gets_a_graphql_error(serve):
    server, _limiter, _clock = serve(rate_graphql=1, burst_graphql=1)
    with server, httpx.Client(base_url=server.url, timeout=30) as http:
        assert http.post("/graphql", json={"query": "{ __typename }"}).status_code == 200
        refused = http.post("/graphql", json={"query": "{ __typename }"})
        assert refused.status_code == 429 and refused.headers["retry-after"] == "1"
        assert refused.headers["content-type"] == "application/json"
        assert refused.json()["errors"][0]["message"].startswith("rate limit exceeded for graphql")


def test_rate_limits_off(fixture_build, live_server):
    from kg.web import create_app

    app = create_app(fixture_build, settings=ServeSettings(rate_limits=False, burst_pages=1))
    assert app.state.limiter is None
    with live_server(app) as server, httpx.Client(base_url=server.url, timeout=30) as http:
        assert {http.get("/favicon.ico").status_code for _ in range(5)} == {204}
