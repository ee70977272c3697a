#!/usr/bin/env python3
"""Cold start of `kg serve`: from starting the process to the first answered GraphQL request.

Each run starts the server as a user would (`.venv/bin/kg serve --build B [--store disk:D]
--port 0`), reads the port from its "serving ... on http://HOST:PORT/" line, and asks a cheap
named operation (GET /graphql?op=NAME, default HomeOfficeLeads) with one httpx client made
before the process starts; the time is taken when the answer (200, no `errors`) is in. The
server is then stopped. Prints, per case, the median, min and max wall time over the runs, and
the server's CPU time (user + system) up to the answer, which the other work on a busy machine
disturbs less. Asserts nothing: scripts print figures.

    .venv/bin/python scripts/bench_cold_start.py [--runs 5] [--op HomeOfficeLeads]
        [--build build/kg.nq] [--disk DIR [--disk-build FILE]] [--compare TREE]

The cases: the bundled corpus on the memory store (--build, default build/kg.nq; made with
`kg build`), and, with --disk, an on-disk store (at 10^6 quads: `kg synth --out S --triples
1000000`, then `kg build --sources S --out S.nq --store disk:DIR`); --disk-build names the
build file beside it (default: none, as when the disk store was loaded elsewhere).
--compare TREE also runs the code of another checkout (for example `git worktree add --detach
/tmp/old HEAD`) by PYTHONPATH, alternating with this one run by run, so that both see the same
machine.

Bytecode caching is on for the server: PYTHONDONTWRITEBYTECODE=1 (set in some shells) makes
every start compile every module again, about half a second more, which no deployment pays; the
script removes it from the server's environment, and starts each tree once first, uncounted, so
that its caches are written.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]
KG = Path(sys.executable).parent / "kg"
LISTENING = re.compile(r" on http://([^/\s]+):(\d+)/")
TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a running process (Linux /proc)."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICK


def start_once(client: httpx.Client, command: list[str], env: dict[str, str],
               op: str) -> tuple[float, float]:  # fmt: skip
    """Start the server, wait for the first answer to `op`, stop it: (wall s, CPU s)."""
    listening = threading.Event()
    where: list[str] = []
    lines: list[str] = []
    began = time.perf_counter()
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)  # fmt: skip

    def read() -> None:  # stderr, drained to the end so that the server never blocks on it
        for line in process.stderr:
            lines.append(line)
            found = LISTENING.search(line)
            if found and not where:
                where.append(f"http://{found[1]}:{found[2]}")
                listening.set()
        listening.set()

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    try:
        listening.wait()
        if not where:
            sys.exit(f"the server stopped before it listened:\n{''.join(lines[-20:])}")
        while True:
            try:
                answer = client.get(f"{where[0]}/graphql", params={"op": op},
                                    headers={"Accept": "application/json"})  # fmt: skip
                break
            except httpx.TransportError:
                time.sleep(0.002)
        wall = time.perf_counter() - began
        cpu = cpu_seconds(process.pid)
        if answer.status_code != 200 or "errors" in answer.json():
            sys.exit(f"{op}: {answer.status_code} {answer.text[:300]}")
        return wall, cpu
    finally:
        process.terminate()
        process.wait()
        reader.join()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="counted starts per case (5)")
    parser.add_argument("--op", default="HomeOfficeLeads", help="the named operation asked")
    parser.add_argument("--build", type=Path, default=REPO / "build" / "kg.nq",
                        help="the memory case's build file (build/kg.nq)")  # fmt: skip
    parser.add_argument("--disk", type=Path, help="an on-disk store (disk:DIR) to start over")
    parser.add_argument("--disk-build", type=Path, help="the build file of the disk case")
    parser.add_argument("--compare", type=Path, metavar="TREE",
                        help="also run the code of this checkout, alternating")  # fmt: skip
    args = parser.parse_args()

    cases = []
    if not args.build.is_file():
        sys.exit(f"no build at {args.build}: run `kg build` first")
    cases.append(("memory", ["--build", str(args.build)]))
    if args.disk:
        build = args.disk_build or args.disk / "no-build-file.nq"
        cases.append((f"disk {args.disk}",
                      ["--build", str(build), "--store", f"disk:{args.disk}"]))  # fmt: skip
    trees = {"this tree": REPO}
    if args.compare:
        trees = {f"{args.compare}": args.compare.resolve(), **trees}
    base = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    envs = {name: {**base, "PYTHONPATH": str(tree)} for name, tree in trees.items()}

    client = httpx.Client(timeout=120)
    load = os.getloadavg()[0]
    print(f"cold start to the first answer of {args.op}, {args.runs} runs per case, "
          f"bytecode caching on; {os.cpu_count()} cores, load {load:.2f}")  # fmt: skip
    for label, options in cases:
        times: dict[str, list[tuple[float, float]]] = {name: [] for name in trees}
        for run in range(args.runs + 1):  # the first run writes the caches: not counted
            for name in trees:
                command = [str(KG), "serve", *options, "--port", "0"]
                measured = start_once(client, command, envs[name], args.op)
                if run:
                    times[name].append(measured)
        for name, runs in times.items():
            wall = [w for w, _ in runs]
            cpu = [c for _, c in runs]
            runs = " ".join(f"{w:.2f}" for w in wall)
            print(f"{label:>8} | {name}: wall median {statistics.median(wall):.3f} s, "
                  f"min {min(wall):.3f}, max {max(wall):.3f}; CPU median "
                  f"{statistics.median(cpu):.2f} s | {runs}")  # fmt: skip


if __name__ == "__main__":
    main()
