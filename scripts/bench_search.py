#!/usr/bin/env python
"""Search over HTTP: the server time (Server-Timing) of the named operations Search and
SearchResults, and what the search index costs to make (seconds, size).

    .venv/bin/python scripts/bench_search.py --build build/kg.nq
    .venv/bin/python scripts/bench_search.py --build /tmp/x/synth6.nq --text synthetic

The index is made first (timed), beside the build, then `kg serve` answers; the two
operations alternate, so that the machine's drift touches both alike. Each is asked once
before timing (the first answer opens the index).
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench import OPERATIONS, percentiles, server_ms  # noqa: E402

from kg.search import default_path, write_index  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=Path, default=REPO / "build" / "kg.nq")
    parser.add_argument("--text", default=None, help="the words searched (default: each "
                        "operation's own default)")  # fmt: skip
    parser.add_argument("--requests", type=int, default=200)
    args = parser.parse_args()

    started = time.perf_counter()
    index = write_index(args.build)
    made = time.perf_counter() - started
    size, build_size = index.stat().st_size / 1e6, args.build.stat().st_size / 1e6
    print(f"index: {made:.2f} s to make, {size:.2f} MB ({default_path(args.build).name}),"
          f" build {build_size:.0f} MB")  # fmt: skip

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "kg", "serve", "--build", str(args.build),
                               "--port", str(port), "-q", "--rate-limits", "false"],
                              cwd=REPO, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)  # fmt: skip
    url = f"http://127.0.0.1:{port}/graphql"
    try:
        with httpx.Client(timeout=120) as client:
            while True:
                try:
                    if client.post(url, json={"query": "{ reports { key } }"}).status_code == 200:
                        break
                except httpx.TransportError:
                    if server.poll() is not None:
                        raise SystemExit("kg serve failed to start") from None
                    time.sleep(0.05)
            bodies = {}
            for name in ("Search", "SearchResults"):
                variables = {"text": args.text} if args.text else {}
                bodies[name] = {"query": (OPERATIONS / f"{name}.graphql").read_text(),
                                "variables": variables}  # fmt: skip
                first = client.post(url, json=bodies[name])
                assert "errors" not in first.json(), first.text[:300]
                print(f"{name}: first answer {server_ms(first):.2f} ms (opens the index)")
            times: dict[str, list[float]] = {name: [] for name in bodies}
            for _ in range(args.requests):
                for name, body in bodies.items():
                    times[name].append(server_ms(client.post(url, json=body)))
        for name, values in times.items():
            p50, p95 = percentiles(values)
            print(f"{name}: p50 {p50:.2f} ms  p95 {p95:.2f} ms  ({len(values)} requests)")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
