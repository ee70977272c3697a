#!/usr/bin/env python3
"""The benchmark suite: prints (and with --out writes) tables of figures, never asserts.

For the bundled corpus, and for synthetic corpora of each --sizes (quads, from `kg synth`):
- the build: wall time, quads per second, peak memory; beside it, a bulk load of the same
  quads into pyoxigraph in the same run (the ratio is the figure to improve);
- for each --backends (memory, disk, oxigraph, virtuoso): the time to load the store, the cold
  start of `kg serve` to its first answer, and for each named GraphQL operation the p50 and p95
  server time (the Server-Timing header) over HTTP; for the core questions the same answer as
  raw SPARQL through /sparql on the same server (scripts/raw_queries.py, the two requests
  alternating), and the ratio GraphQL / SPARQL; the peak memory of the server.

    .venv/bin/python scripts/bench.py --sizes 10000,100000 --backends memory,disk \\
        --requests 30 --out BENCHMARKS.md

With --work DIR the corpora and builds stay in DIR, and a later run with the same DIR measures
the servers again without rebuilding.

Servers for oxigraph and virtuoso are started on 127.0.0.1 (by the launchers the remote-store
tests use, tests/kg/store/servers.py) and stopped.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
from raw_queries import PREFIXES, raw_query

REPO = Path(__file__).resolve().parents[1]
OPERATIONS = REPO / "graphql" / "operations"
PY = sys.executable
BASE = "https://policy-kg.example"


def run(cmd: list[str], **kw) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, capture_output=True, text=True, check=True, **kw)


def timed_python(code: str) -> tuple[float, int, str]:
    """Run Python code in a fresh process: (wall seconds, peak RSS MiB, stdout)."""
    wrapper = (
        "import resource, sys, time\nstarted = time.perf_counter()\n" + code +
        "\nprint('BENCH', time.perf_counter() - started,"
        " resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    )  # fmt: skip
    result = subprocess.run([PY, "-c", wrapper], capture_output=True, text=True, cwd=REPO)
    if result.returncode:
        raise RuntimeError(result.stderr[-2000:])
    line = [x for x in result.stderr.splitlines() if x.startswith("BENCH ")][-1]
    _, wall, rss = line.split()
    return float(wall), int(rss) // 1024, result.stdout


def build(sources: Path, out: Path) -> dict:
    wall, rss, _ = timed_python(
        "from kg.cli import main\n"
        f"rc = main(['build', '-q', '--sources', {str(sources)!r}, '--out', {str(out)!r}])\n"
        "assert rc == 0"
    )
    with open(out, "rb") as lines:
        quads = sum(1 for _ in lines)
    bulk, bulk_rss, _ = timed_python(
        "import pyoxigraph as ox\nstore = ox.Store()\n"
        f"store.bulk_load(path={str(out)!r}, format=ox.RdfFormat.N_QUADS)\n"
    )
    return {"quads": quads, "build_s": wall, "build_rss": rss, "bulk_s": bulk,
            "bulk_rss": bulk_rss}  # fmt: skip


def choose_variables(build_file: Path) -> dict:
    """Realistic arguments for the operations on this corpus (the busiest body, etc.)."""
    store = ox.Store()
    store.bulk_load(path=str(build_file), format=ox.RdfFormat.N_QUADS)

    def one(query: str) -> str:
        rows = list(store.query(PREFIXES + query, use_default_graph_as_union=True))
        return rows[0][0].value

    body = one("SELECT ?b (COUNT(?r) AS ?n) WHERE { ?r pkg:body ?b ; pkg:role pkg:Lead }"
               " GROUP BY ?b ORDER BY DESC(?n) ?b LIMIT 1")  # fmt: skip
    act = one("SELECT ?a (COUNT(?l) AS ?n) WHERE { ?l pkg:instrument/eli:is_part_of* ?a ."
              " ?a a pkg:Act } GROUP BY ?a ORDER BY DESC(?n) ?a LIMIT 1")  # fmt: skip
    section = one("SELECT ?s WHERE { ?l pkg:instrument ?s . ?s a pkg:Section } ORDER BY ?s"
                  " LIMIT 1")  # fmt: skip
    report = one("SELECT ?r (COUNT(?x) AS ?n) WHERE { ?x pkg:report ?r ; a pkg:Recommendation"
                 " } GROUP BY ?r ORDER BY DESC(?n) ?r LIMIT 1")  # fmt: skip
    rec = one("SELECT ?r WHERE { ?r a pkg:Recommendation ; pkg:instrumentLink ?l }"
              " ORDER BY ?r LIMIT 1")  # fmt: skip
    proposal = one("SELECT ?k WHERE { ?p a pkg:ProposedChange ; pkg:key ?k } ORDER BY ?k LIMIT 1")
    number = one(f"SELECT ?n WHERE {{ <{rec}> pkg:number ?n }}")
    theme = one("SELECT ?k WHERE { ?t a pkg:Theme ; pkg:key ?k } ORDER BY ?k LIMIT 1")
    return {
        "body": body,
        "act": act,
        "section": section,
        "report": report,
        "rec": rec,
        "number": int(number),
        "text": "synthetic",
        "proposal": proposal,
        "theme": theme,
    }


#: The bundled corpus: the operations' own default arguments.
CORPUS_VARIABLES = {
    "body": f"{BASE}/body/home-office",
    "act": "http://www.legislation.gov.uk/id/ukpga/2003/42",
    "section": "http://www.legislation.gov.uk/id/ukpga/2003/42/section/9",
    "report": f"{BASE}/report/casey-2025",
    "rec": f"{BASE}/report/casey-2025/recommendation/1",
    "number": 3,
    "text": "taxi",
    "proposal": "under-16-rape-reform",
    "theme": "taxi-licensing",
}


def operation_variables(name: str, v: dict) -> dict:
    return {
        "HomeOfficeLeads": {"body": v["body"]},
        "RecommendationsTouchingAct": {"act": v["act"]},
        "TraceRecommendationToStatute": {"from": v["rec"], "to": v["act"]},
        "FindingsWithoutRecommendation": {"report": v["report"]},
        "RecommendationsRepeatingEarlierInquiries": {"report": v["report"]},
        "ChangesSince": {"report": v["report"], "number": v["number"], "since": "2000-01-01"},
        "GovernmentResponse": {"report": v["report"]},
        "NotYetLegislated": {"report": v["report"]},
        "SectionToRecommendations": {"section": v["section"]},
        "BodyProfile": {"body": v["body"]},
        "Search": {"text": v["text"]},
        "UnconfirmedRecommendations": {"report": v["report"]},
        "Under16Reform": {"proposal": v["proposal"]},
        "RecommendationsByTheme": {"theme": v["theme"]},
        "RecurringCalls": {"asOf": "2026-06-16"},
    }.get(name, {})


#: An operation that takes longer than this once is reported as such, not measured.
OPERATION_TIMEOUT = 120


def server_ms(response: httpx.Response) -> float:
    match = re.search(r"dur=([0-9.]+)", response.headers.get("server-timing", ""))
    return float(match.group(1)) if match else float("nan")


def percentiles(values: list[float]) -> tuple[float, float]:
    values = sorted(values)
    return statistics.median(values), values[max(0, round(0.95 * len(values)) - 1)]


def serve(build_file: Path, spec: str):
    """Start `kg serve`; return (process, url, cold start seconds to the first answer)."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    started = time.perf_counter()
    log = open(build_file.parent / f"serve-{port}.log", "w")  # noqa: SIM115 - the server's
    # --rate-limits false: the benchmark is one client asking as fast as it can
    process = subprocess.Popen([PY, "-m", "kg", "serve", "--build", str(build_file),
                                "--store", spec, "--port", str(port), "-q",
                                "--rate-limits", "false"],
                               stdout=subprocess.DEVNULL, stderr=log, cwd=REPO)  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    while True:
        try:
            response = httpx.post(f"{url}/graphql", json={"query": "{ reports { key } }"},
                                  timeout=5)  # fmt: skip
            if response.status_code == 200:
                break
        except httpx.TransportError:
            pass
        if process.poll() is not None:
            raise RuntimeError(f"kg serve failed: see {log.name}")
        time.sleep(0.01)
    return process, url, time.perf_counter() - started


def peak_rss_mib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) // 1024
    return 0


def measure_server(url: str, variables: dict, requests: int, only: set[str] | None = None,
                   lateral: bool = True) -> list[dict]:  # fmt: skip
    """Each operation's server times; beside the core ones, their raw SPARQL's (in SPARQL 1.1
    without Oxigraph's LATERAL when `lateral` is false)."""
    rows = []
    with httpx.Client(base_url=url, timeout=600) as client:
        for path in sorted(OPERATIONS.glob("*.graphql")):
            name = path.stem
            if only and name not in only:
                continue
            body = {"query": path.read_text(), "variables": operation_variables(name, variables)}
            try:
                first = client.post("/graphql", json=body, timeout=OPERATION_TIMEOUT)
            except httpx.TimeoutException:
                rows.append({"operation": name,
                             "error": f"no answer within {OPERATION_TIMEOUT} s"})  # fmt: skip
                continue
            if first.status_code != 200 or "errors" in first.json():
                rows.append({"operation": name, "error": first.text[:200]})
                continue
            raw = raw_query(name, variables, lateral)
            # GraphQL and raw SPARQL alternate, so that the machine's drift in speed over a
            # run touches both sides of the ratio alike.
            times, raw_times, refused = [], [], None
            for _ in range(requests):
                times.append(server_ms(client.post("/graphql", json=body)))
                if raw is not None and refused is None:
                    response = client.get("/sparql", params={"query": raw})
                    if response.status_code != 200:  # e.g. over the endpoint's timeout
                        refused = f"{response.status_code}: {response.text[:80]}"
                    raw_times.append(server_ms(response))
            p50, p95 = percentiles(times)
            # The first answer pays for what later ones reuse (analyses are memoised per build).
            row = {"operation": name, "first": server_ms(first), "p50": p50, "p95": p95}
            if refused is not None:
                row["raw_p50"], row["ratio"] = refused, ""
            elif raw_times:
                row["raw_p50"] = percentiles(raw_times)[0]
                row["ratio"] = p50 / row["raw_p50"] if row["raw_p50"] else float("nan")
            rows.append(row)
    return rows


def backend_spec(name: str, work: Path, servers: dict) -> str:
    if name == "memory":
        return "memory"
    if name == "disk":
        return f"disk:{work / 'disk-store'}"
    return servers[name].spec


def fmt(value, digits=1) -> str:
    if isinstance(value, float):
        return "n/a" if value != value else f"{value:.{digits}f}"
    return str(value)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000",
                        help="synthetic corpus sizes in quads, comma-separated")  # fmt: skip
    parser.add_argument("--backends", default="memory,disk,oxigraph,virtuoso")
    parser.add_argument("--requests", type=int, default=30, help="requests per operation")
    parser.add_argument("--operations", default="",
                        help="measure only these named operations, comma-separated")  # fmt: skip
    parser.add_argument("--skip-corpus", action="store_true", help="no bundled-corpus section")
    parser.add_argument("--build-only", action="store_true",
                        help="measure the builds (and bulk loads) only, no servers")  # fmt: skip
    parser.add_argument("--out", type=Path, help="also write the report (markdown) here")
    parser.add_argument(
        "--work",
        type=Path,
        help="keep corpora and builds in this folder, and reuse a build found there instead of "
        "making it again (that build is then not timed)",
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    backends = [b for b in args.backends.split(",") if b]
    only = {o for o in args.operations.split(",") if o}
    unknown = only - {p.stem for p in OPERATIONS.glob("*.graphql")}
    if unknown:
        parser.error(f"no operation named {', '.join(sorted(unknown))} in {OPERATIONS}")

    lines = [f"Machine: {os.cpu_count()} cores, {platform.python_implementation()} "
             f"{platform.python_version()}, {platform.machine()}; "
             f"{time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}.", ""]  # fmt: skip
    command = "python scripts/bench.py " + " ".join(sys.argv[1:])
    from kg.store import StoreSpec, load

    sys.path.insert(0, str(REPO))  # for the test servers' launchers, kept under tests/
    from tests.kg.store.servers import oxigraph_server, virtuoso_server

    with contextlib.ExitStack() as cleanup:
        if args.work:
            work = args.work
            work.mkdir(parents=True, exist_ok=True)
        else:
            work = Path(cleanup.enter_context(tempfile.TemporaryDirectory(prefix="kg-bench-")))
        corpora = []
        if not args.skip_corpus:
            corpora.append(("bundled corpus", None))
        corpora += [(f"synthetic {size:,}", size) for size in sizes]
        for title, size in corpora:
            here = work / re.sub(r"\W+", "-", title)
            here.mkdir(exist_ok=True)
            build_file = here / "kg.nq"
            lines += [f"## {title}", ""]
            if args.work and build_file.exists():
                with open(build_file, "rb") as quads:
                    count = sum(1 for _ in quads)
                lines += [f"{count:,} quads, built by an earlier run (`--work`): not timed.", ""]
            else:
                sources = REPO / "ingest" / "sources"
                if size:
                    sources = here / "sources"
                    run([PY, "-m", "kg", "synth", "--out", str(sources), "--triples", str(size),
                         "-q"], cwd=REPO)  # fmt: skip
                print(f"== {title}: building", file=sys.stderr, flush=True)
                b = build(sources, build_file)
                lines += ["| quads | build | quads/s | build peak RSS | pyoxigraph bulk load | "
                          "build / bulk load |", "|---:|---:|---:|---:|---:|---:|",
                          f"| {b['quads']:,} | {b['build_s']:.1f} s | "
                          f"{b['quads'] / b['build_s']:,.0f} | {b['build_rss']:,} MiB | "
                          f"{b['bulk_s']:.2f} s ({b['bulk_rss']} MiB) | "
                          f"{b['build_s'] / b['bulk_s']:.0f}x |", ""]  # fmt: skip
            variables = CORPUS_VARIABLES
            if size and not args.build_only:
                variables = choose_variables(build_file)
            for backend in [] if args.build_only else backends if size else ["memory"]:
                servers = {}
                stack = []
                for store_dir in ("oxigraph", "virtuoso", "disk-store"):  # fresh stores each run
                    shutil.rmtree(here / store_dir, ignore_errors=True)
                if backend == "oxigraph":
                    context = oxigraph_server(here / "oxigraph")
                    servers["oxigraph"] = context.__enter__()
                    stack.append(context)
                elif backend == "virtuoso":
                    context = virtuoso_server(here / "virtuoso", buffers=170000)
                    servers["virtuoso"] = context.__enter__()
                    stack.append(context)
                try:
                    spec = backend_spec(backend, here, servers)
                    print(f"== {title} / {backend}: loading", file=sys.stderr, flush=True)
                    started = time.perf_counter()
                    if backend != "memory":
                        from kg.build import build_id_of

                        load(StoreSpec.parse(spec), build_file, build_id_of(build_file))
                    load_s = time.perf_counter() - started
                    process, url, cold = serve(build_file, spec)
                    try:
                        rows = measure_server(
                            url, variables, args.requests, only, lateral=backend != "virtuoso"
                        )
                        rss = peak_rss_mib(process.pid)
                    finally:
                        process.terminate()
                        try:
                            process.wait(timeout=30)
                        except subprocess.TimeoutExpired:  # still busy with a long request
                            process.kill()
                            process.wait()
                finally:
                    for context in stack:
                        context.__exit__(None, None, None)
                lines += [f"### {title}, {backend} store", "",
                          f"Store load {load_s:.1f} s; cold start of `kg serve` to the first "
                          f"answer {cold:.2f} s; server peak RSS {rss:,} MiB.", "",
                          "| operation | first ms | p50 ms | p95 ms | raw SPARQL p50 ms | "
                          "GraphQL / raw |", "|---|---:|---:|---:|---:|---:|"]  # fmt: skip
                for row in rows:
                    if "error" in row:
                        lines.append(f"| {row['operation']} | error: {row['error']} | | | | |")
                        continue
                    lines.append(f"| {row['operation']} | {fmt(row['first'], 1)} | "
                                 f"{fmt(row['p50'], 2)} | "
                                 f"{fmt(row['p95'], 2)} | {fmt(row.get('raw_p50', ''), 2)} | "
                                 f"{fmt(row.get('ratio', ''), 2)} |")  # fmt: skip
                lines.append("")
                print("\n".join(lines[-len(rows) - 6 :]), file=sys.stderr, flush=True)
    report = "\n".join(lines) + "\n"
    print(report)
    if args.out:
        header = (
            "# Benchmarks\n\nProduced by `" + command + "` (server times from the "
            "Server-Timing header, over HTTP; raw SPARQL answers the same question through "
            "/sparql on the same server). Figures from a noisy 2-core machine: ratios matter "
            "more than absolutes.\n\n"
        )  # fmt: skip
        args.out.write_text(header + report, encoding="utf-8")


if __name__ == "__main__":
    main()
