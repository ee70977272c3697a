#!/usr/bin/env python3
"""A bounded load on a `kg serve` over loopback: C clients for D seconds, each asking a mix of
the named operations (graphql/operations/, run by name: GET ?op=NAME half the time, POST
{"op": NAME} the other half) and a few pages, and each pacing itself: after each answer a
client waits until its next turn at `--rate` requests per second (a fixed think time when the
server is quick; no catching up when it is slow), so the load is bounded (C x rate requests
per second at most), not a closed loop asking as fast as it can. Prints the requests, the
errors (no answer, a status other than 2xx, or a GraphQL `errors` member), the throughput, and
the p50 / p95 / p99 latency as the client sees it (wall time over loopback), overall and per
request kind. Asserts nothing: scripts print figures.

    .venv/bin/python scripts/load.py [--clients 50] [--seconds 60] [--rate 2]
        [--url http://127.0.0.1:8000 | --build build/kg.nq [--store SPEC] [--workers N]]

Without --url it starts `kg serve` on the build itself (rate limits off: every client is
127.0.0.1, and the rate limit is per client address), and stops it after. Each operation is
asked once first (the analyses' first answers pay for computing them once per build), and
those answers are not counted.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))
from bench import CORPUS_VARIABLES, OPERATIONS, operation_variables  # noqa: E402

#: Pages in the mix beside the operations (the bundled corpus's report).
PAGES = ["/", "/report/casey-2025", "/report/casey-2025/recommendation/1",
         "/timeline?report=casey-2025", "/healthz"]  # fmt: skip
#: Of every request, the share that goes to a page (the rest: a named operation).
PAGE_SHARE = 0.2
#: Warm-up passes over the mix, run at once (each on its own connection: every worker's first
#: answers are paid before the load starts).
WARM_PASSES = 4


@contextlib.contextmanager
def serving(build: Path, store: str, workers: int):
    """`kg serve` on the build, on a free port, its log in a file beside the build's."""
    log = Path(os.environ.get("TMPDIR", "/tmp")) / f"kg-load-{os.getpid()}.log"
    with open(log, "w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "kg", "serve", "--build", str(build), "--store", store,
             "--port", "0", "--workers", str(workers), "--rate-limits", "false",
             "--reload-interval", "0"],
            stdout=subprocess.DEVNULL, stderr=stderr, cwd=REPO,
        )  # fmt: skip
    try:
        deadline = time.monotonic() + 300
        while not (found := re.search(r" on (http://127\.0\.0\.1:\d+)/ ", log.read_text())):
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"kg serve did not start: see {log}")
            time.sleep(0.05)
        print(f"started kg serve --workers {workers} --store {store} on {found.group(1)} "
              f"(log: {log})", flush=True)  # fmt: skip
        yield found.group(1)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=60)


def requests_mix() -> list[tuple[str, str, dict]]:
    """(kind, method, request) for every named operation (by GET and by POST) and page."""
    mix = []
    for path in sorted(OPERATIONS.glob("*.graphql")):
        name = path.stem
        variables = operation_variables(name, CORPUS_VARIABLES)
        get = {"op": name}
        if variables:
            get["variables"] = json.dumps(variables)
        mix.append((name, "GET", {"url": "/graphql", "params": get}))
        post = {"op": name, "variables": variables}
        mix.append((name, "POST", {"url": "/graphql", "json": post}))
    return mix


def failed(response: httpx.Response) -> str | None:
    if not 200 <= response.status_code < 300:
        return f"{response.status_code} {response.text[:120]}"
    if response.request.url.path == "/graphql":
        body = response.json()
        if body.get("errors"):
            return f"GraphQL errors: {body['errors'][0].get('message', '')[:120]}"
    return None


async def client(http: httpx.AsyncClient, mix, seconds: float, rate: float, seed: int,
                 results: list, errors: list) -> None:  # fmt: skip
    chance = random.Random(seed)
    period = 1.0 / rate
    start = time.perf_counter()
    # Clients start spread over one period, not all at once.
    next_turn = start + chance.random() * period
    while True:
        now = time.perf_counter()
        if next_turn > now:
            await asyncio.sleep(next_turn - now)
        if time.perf_counter() - start >= seconds:
            return
        if chance.random() < PAGE_SHARE:
            kind, method, request = "page", "GET", {"url": chance.choice(PAGES)}
        else:
            kind, method, request = chance.choice(mix)
        began = time.perf_counter()
        try:
            response = await http.request(method, **request)
            why = failed(response)
        except httpx.HTTPError as exc:
            why = f"{type(exc).__name__}: {exc}"
        took = time.perf_counter() - began
        results.append((kind, took))
        if why:
            errors.append((kind, why))
        # The next turn: one period after this one, or now if the server was slower than that.
        next_turn = max(next_turn + period, time.perf_counter())


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(p / 100 * len(ordered)) - 1))]


async def run(url: str, clients: int, seconds: float, rate: float) -> int:
    mix = requests_mix()
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as http:
        warm = time.perf_counter()

        async def warm_up() -> None:  # first answers (analyses computed once): not counted
            for kind, method, request in mix:
                response = await http.request(method, **request)
                if why := failed(response):
                    print(f"warm-up: {kind} {method} failed: {why}", file=sys.stderr)
            for page in PAGES:
                await http.get(page)

        # Several passes at once, on as many connections, so that every worker gets some.
        await asyncio.gather(*(warm_up() for _ in range(WARM_PASSES)))
        print(f"warm-up: {WARM_PASSES} x {len(mix) + len(PAGES)} requests in "
              f"{time.perf_counter() - warm:.1f} s (not counted)", flush=True)  # fmt: skip
        print(f"load: {clients} clients x {rate:g} requests/s each (at most "
              f"{clients * rate:g}/s; think time {1000 / rate:.0f} ms less the answer's) for "
              f"{seconds:g} s; {len(mix) // 2} named operations by GET and POST, "
              f"{PAGE_SHARE:.0%} pages", flush=True)  # fmt: skip
        results: list[tuple[str, float]] = []
        errors: list[tuple[str, str]] = []
        began = time.perf_counter()
        await asyncio.gather(*(client(http, mix, seconds, rate, seed, results, errors)
                               for seed in range(clients)))  # fmt: skip
        elapsed = time.perf_counter() - began
    times = [took * 1000 for _, took in results]
    print(f"requests {len(results)}, errors {len(errors)}, throughput "
          f"{len(results) / elapsed:.1f}/s over {elapsed:.1f} s")  # fmt: skip
    print(f"latency ms: p50 {statistics.median(times):.1f}  p95 {percentile(times, 95):.1f}  "
          f"p99 {percentile(times, 99):.1f}  max {max(times):.1f}")  # fmt: skip
    print(f"{'kind':<42} {'n':>6} {'p50':>7} {'p95':>7} {'p99':>7}")
    by_kind: dict[str, list[float]] = {}
    for kind, took in results:
        by_kind.setdefault(kind, []).append(took * 1000)
    for kind, values in sorted(by_kind.items(), key=lambda kv: -percentile(kv[1], 99)):
        print(f"{kind:<42} {len(values):>6} {statistics.median(values):>7.1f} "
              f"{percentile(values, 95):>7.1f} {percentile(values, 99):>7.1f}")  # fmt: skip
    for kind, why in errors[:10]:
        print(f"error: {kind}: {why}", file=sys.stderr)
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients (50)")
    parser.add_argument("--seconds", type=float, default=60, help="how long (60)")
    parser.add_argument("--rate", type=float, default=2.0,
                        help="requests per second each client asks at most (2)")  # fmt: skip
    parser.add_argument("--url", help="a running server (default: start kg serve on --build)")
    parser.add_argument("--build", type=Path, default=REPO / "build" / "kg.nq")
    parser.add_argument("--store", default="memory")
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    if args.url:
        return asyncio.run(run(args.url.rstrip("/"), args.clients, args.seconds, args.rate))
    with serving(args.build, args.store, args.workers) as url:
        return asyncio.run(run(url, args.clients, args.seconds, args.rate))


if __name__ == "__main__":
    sys.exit(main())
