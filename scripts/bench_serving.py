#!/usr/bin/env python3
"""What the public-deployment protections cost: two `kg serve` processes over one build, one
with everything on (security headers, CORS allow-list, rate limits with a burst large enough
never to refuse, metrics, JSON request logs), one with it off (no limits, no metrics, text logs),
asked the same named operations in turn. Prints each operation's p50 and p95 as the client sees
them (wall time over loopback: the middleware runs outside the Server-Timing header) and the
ratio on / off. Prints figures, asserts nothing.

    .venv/bin/python scripts/bench_serving.py [--requests 50] [--build build/kg.nq]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import signal
import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
OPERATIONS = REPO / "graphql" / "operations"
ON = ["--cors-origins", "https://analyst.example", "--burst-graphql", "100000",
      "--rate-graphql", "100000", "--log-format", "json", "--metrics", "true"]  # fmt: skip
OFF = ["--rate-limits", "false", "--metrics", "false", "--log-format", "text"]


@contextlib.contextmanager
def serving(build: Path, options: list[str]):
    process = subprocess.Popen(
        [sys.executable, "-m", "kg", "serve", "--build", str(build), "--port", "0", *options],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=REPO,
    )  # fmt: skip
    try:
        for line in process.stderr:
            found = re.search(r" on (http://127\.0\.0\.1:\d+)/", line)
            if found:
                break
        else:
            raise RuntimeError("kg serve did not start")
        # keep reading the log so the server never blocks on a full pipe
        drain = subprocess.Popen(["cat"], stdin=process.stderr, stdout=subprocess.DEVNULL)
        yield found.group(1)
    finally:
        process.send_signal(signal.SIGINT)
        process.wait(timeout=30)
        with contextlib.suppress(NameError):
            drain.wait(timeout=10)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=50, help="requests per operation")
    parser.add_argument("--build", type=Path, default=REPO / "build" / "kg.nq")
    args = parser.parse_args()
    if not args.build.is_file():
        subprocess.run([sys.executable, "-m", "kg", "build", "-q", "--out", str(args.build)],
                       check=True, cwd=REPO)  # fmt: skip
    names = sorted(p.stem for p in OPERATIONS.glob("*.graphql"))
    times: dict[str, dict[str, list[float]]] = {"on": {}, "off": {}}
    with serving(args.build, ON) as on, serving(args.build, OFF) as off, httpx.Client() as http:
        servers = {"on": on, "off": off}
        for name in names:
            query = (OPERATIONS / f"{name}.graphql").read_text()
            for url in servers.values():  # warm up: the analyses are made once
                http.post(f"{url}/graphql", json={"query": query}).raise_for_status()
            for _ in range(args.requests):
                for which, url in servers.items():  # alternate: drift touches both alike
                    started = time.perf_counter()
                    response = http.post(f"{url}/graphql", json={"query": query},
                                         headers={"Origin": "https://analyst.example"})  # fmt: skip
                    elapsed = (time.perf_counter() - started) * 1000
                    response.raise_for_status()
                    times[which].setdefault(name, []).append(elapsed)
    print(f"{args.requests} requests per operation and server, client-side wall time (ms), "
          f"{os.cpu_count()} cores\n")  # fmt: skip
    print("| operation | off p50 | on p50 | on / off | off p95 | on p95 |")
    print("|---|---:|---:|---:|---:|---:|")
    ratios = []
    for name in names:
        off_t, on_t = times["off"][name], times["on"][name]
        p50_off, p50_on = statistics.median(off_t), statistics.median(on_t)
        p95 = lambda t: statistics.quantiles(t, n=20)[18]  # noqa: E731
        ratios.append(p50_on / p50_off)
        print(f"| {name} | {p50_off:.2f} | {p50_on:.2f} | {p50_on / p50_off:.2f} | "
              f"{p95(off_t):.2f} | {p95(on_t):.2f} |")  # fmt: skip
    print(f"\nmedian on / off: {statistics.median(ratios):.2f} "
          f"(from {min(ratios):.2f} to {max(ratios):.2f})")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
