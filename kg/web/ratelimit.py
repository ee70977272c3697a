"""Per-client rate limits: a token bucket for each client address and each family of routes.

Families: `graphql` (/graphql), `sparql` (/sparql) and `pages` (everything else: views, entity
pages, GraphiQL, assets). /healthz and /metrics are never limited: monitoring must always get
through. A family's bucket holds up to `burst_<family>` tokens and regains `rate_<family>` a
second (kg/web/settings.py has the defaults). A request spends one token as it arrives; a GraphQL
request whose estimated cost passes the cost limit then spends `cost // cost_per_token` more
(kg/api/http.py calls `RateLimiter.spend_cost`), so one costly query counts as many small ones. A
request that finds too few tokens spends none and gets 429 with `Retry-After` (whole seconds,
rounded up, at least 1) and a body that names the limit: plain text, or for /graphql a
GraphQL-shaped JSON error. A cost that needs more tokens than the whole burst needs a full bucket.

Who is the client. The address of the connection, unless that address is one of
`trusted_proxies` (addresses or networks, e.g. `10.0.0.5` or `10.0.0.0/8`): only then is
X-Forwarded-For believed. Each proxy appends the address it received the request from, so the
header is read from the right, skipping trusted proxies; the first address that is not one is the
client (if all are, the left-most). Anything left of that was written by the client and may be
made up. A header from any other peer is ignored: anyone can send one. (`kg serve` turns off
uvicorn's own reading of the header, which would otherwise believe 127.0.0.1.)

Memory is bounded: a bucket that has refilled is the same as no bucket, so buckets that are full
again are dropped as requests come (the least recently used first), and at most `max_buckets`
are kept (beyond that the least recently used goes: its client starts again with a full bucket).

Thread-safe: GraphQL requests spend their cost from worker threads. The clock is a callable
(`time.monotonic` by default) that tests replace to move time by hand.

For the rest of the app: `create_app` keeps the limiter as `app.state.limiter` (None when
`rate_limits` is false), `limiter.refused` counts refused requests by family (for metrics), and a
refused request's scope state has `rate_limited` set to its family (for the request log).
"""

from __future__ import annotations

import ipaddress
import json
import math
import threading
import time
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass

from .settings import ServeSettings

FAMILIES = ("graphql", "sparql", "pages")
#: Paths no limit applies to.
EXEMPT = frozenset({"/healthz", "/metrics"})
#: Buckets kept at most (each about 200 bytes).
MAX_BUCKETS = 50_000

_Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def family_of(path: str) -> str | None:
    """The family of routes a path belongs to, or None when no limit applies."""
    if path in EXEMPT:
        return None
    if path == "/graphql":
        return "graphql"
    if path == "/sparql":
        return "sparql"
    return "pages"


@dataclass(frozen=True)
class Limit:
    rate: float  # tokens regained a second
    burst: int  # tokens held at most


@dataclass(frozen=True)
class Refusal:
    """A request refused: the family whose limit it hit and whole seconds to wait."""

    family: str
    limit: Limit
    retry_after: int

    @property
    def message(self) -> str:
        return (
            f"rate limit exceeded for {self.family}: {self.limit.burst} requests at once, "
            f"{self.limit.rate:g} a second after that; retry after {self.retry_after} s"
        )

    @property
    def headers(self) -> dict[str, str]:
        return {"Retry-After": str(self.retry_after)}


def _address(text: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """An address as a proxy may write it (`1.2.3.4`, `1.2.3.4:567`, `[::1]:567`), or None."""
    text = text.strip()
    if text.startswith("[") and "]" in text:
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # IPv4 with a port; bare IPv6 has several colons
        text = text.split(":")[0]
    try:
        return ipaddress.ip_address(text)
    except ValueError:
        return None


def parse_proxies(proxies: Iterable[str]) -> tuple[_Network, ...]:
    """`trusted_proxies` as networks (a single address is a network of one)."""
    networks = []
    for proxy in proxies:
        try:
            networks.append(ipaddress.ip_network(proxy.strip(), strict=False))
        except ValueError:
            raise ValueError(
                f"trusted_proxies: {proxy!r} is not an IP address or network"
            ) from None
    return tuple(networks)


def _trusted(text: str, proxies: tuple[_Network, ...]) -> bool:
    address = _address(text)
    return address is not None and any(address in network for network in proxies)


def client_address(scope: Mapping, proxies: tuple[_Network, ...] = ()) -> str:
    """The client of a request: the connection's address, or, only when that is a trusted
    proxy, the right-most address in X-Forwarded-For that is not a trusted proxy."""
    peer = scope.get("client")
    address = str(peer[0]) if peer else "unknown"
    if not proxies or not _trusted(address, proxies):
        return address
    forwarded = [
        hop.strip()
        for name, value in scope.get("headers", ())
        if name == b"x-forwarded-for"
        for hop in value.decode("latin-1").split(",")
        if hop.strip()
    ]
    for hop in reversed(forwarded):
        if not _trusted(hop, proxies):
            found = _address(hop)
            return str(found) if found is not None else hop[:64]
    return str(_address(forwarded[0]) or address) if forwarded else address


class RateLimiter:
    """Token buckets per (family, client), with the clock and limits given."""

    def __init__(self, limits: Mapping[str, Limit], trusted_proxies: Iterable[str] = (),
                 cost_per_token: int = 1000, clock: Callable[[], float] = time.monotonic,
                 max_buckets: int = MAX_BUCKETS):  # fmt: skip
        self.limits = dict(limits)
        self.proxies = parse_proxies(trusted_proxies)
        self.cost_per_token = cost_per_token
        self.clock = clock
        self.max_buckets = max_buckets
        #: Refused requests by family, since the start (every family there from the start, so
        #: that a reader in another thread copies it safely: no key is ever added).
        self.refused: Counter[str] = Counter(dict.fromkeys(self.limits, 0))
        # (family, client) -> [tokens, when last counted], least recently used first
        self._buckets: OrderedDict[tuple[str, str], list[float]] = OrderedDict()
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: ServeSettings, clock: Callable[[], float] = time.monotonic
                      ) -> RateLimiter | None:  # fmt: skip
        """The limiter `settings` ask for, or None when rate limits are off."""
        if not settings.rate_limits:
            return None
        limits = {
            family: Limit(getattr(settings, f"rate_{family}"), getattr(settings, f"burst_{family}"))
            for family in FAMILIES
        }
        return cls(limits, settings.trusted_proxies, settings.cost_per_token, clock)

    @property
    def buckets(self) -> int:
        """How many buckets are kept (no __len__: an empty limiter must not be false)."""
        return len(self._buckets)

    def client(self, scope: Mapping) -> str:
        return client_address(scope, self.proxies)

    def spend(self, family: str, client: str, tokens: int = 1) -> Refusal | None:
        """Take `tokens` from the client's bucket, or none and say how long to wait for them."""
        limit = self.limits[family]
        needed = min(tokens, limit.burst)  # more than a full bucket: a full bucket
        with self._lock:
            now = self.clock()
            key = (family, client)
            bucket = self._buckets.get(key)
            if bucket is None:
                bucket = self._buckets[key] = [float(limit.burst), now]
            else:
                self._buckets.move_to_end(key)
                bucket[0] = min(limit.burst, bucket[0] + (now - bucket[1]) * limit.rate)
                bucket[1] = now
            if bucket[0] >= needed - 1e-9:  # waiting Retry-After is enough despite rounding
                bucket[0] = max(0.0, bucket[0] - needed)
                refusal = None
            else:
                wait = (needed - bucket[0]) / limit.rate
                refusal = Refusal(family, limit, max(1, math.ceil(wait)))
            self._evict(now)
        return refusal

    def _evict(self, now: float) -> None:
        """Drop full buckets from the least recently used end, then any beyond the cap."""
        while self._buckets:
            (family, _client), (tokens, when) = next(iter(self._buckets.items()))
            limit = self.limits[family]
            if tokens + (now - when) * limit.rate < limit.burst:
                break
            self._buckets.popitem(last=False)
        while len(self._buckets) > self.max_buckets:
            self._buckets.popitem(last=False)

    def refuse(self, scope, refusal: Refusal) -> None:
        """Count a refusal and mark the request (scope state `rate_limited`) for the log."""
        with self._lock:
            self.refused[refusal.family] += 1
        scope.setdefault("state", {})["rate_limited"] = refusal.family

    def spend_cost(self, scope, cost: int) -> Refusal | None:
        """A GraphQL request's cost beyond its first token: `cost // cost_per_token` more."""
        tokens = cost // self.cost_per_token
        if tokens <= 0:
            return None
        refusal = self.spend("graphql", self.client(scope), tokens)
        if refusal is not None:
            self.refuse(scope, refusal)
        return refusal


class RateLimitMiddleware:
    """ASGI middleware: one token per request from its client's bucket for its family."""

    def __init__(self, app, limiter: RateLimiter):
        self.app = app
        self.limiter = limiter

    async def __call__(self, scope, receive, send):
        family = family_of(scope["path"]) if scope["type"] == "http" else None
        if family is None:
            return await self.app(scope, receive, send)
        refusal = self.limiter.spend(family, self.limiter.client(scope))
        if refusal is None:
            return await self.app(scope, receive, send)
        self.limiter.refuse(scope, refusal)
        await _too_many(refusal, send)


async def _too_many(refusal: Refusal, send) -> None:
    if refusal.family == "graphql":
        # the shape of kg/api/http.py's request errors, as a 429 from the endpoint has
        body = json.dumps({"errors": [{"message": refusal.message}]}).encode()
        media_type = b"application/json"
    else:
        body, media_type = (refusal.message + "\n").encode(), b"text/plain; charset=utf-8"
    headers = [
        (b"content-type", media_type),
        (b"content-length", str(len(body)).encode()),
        (b"retry-after", str(refusal.retry_after).encode()),
    ]
    await send({"type": "http.response.start", "status": 429, "headers": headers})
    await send({"type": "http.response.body", "body": body})
