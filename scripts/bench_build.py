#!/usr/bin/env python3
"""The build's figures: prints, never asserts.

For a corpus (a `kg synth` directory, copied so that it can be edited): a full build from an
empty cache (wall time, its phases as the build reports them, the search index's share, peak
memory), a pyoxigraph bulk load of the same quads into a memory store in the same run (the
ratio build / bulk load is the figure to watch), then an edit of one report file and the
incremental rebuild, and a build with nothing changed.

Memory: the build forks worker processes (kg.build.workers), so three figures are printed:
the peak RSS of the build's own process, the largest peak RSS of one worker, and the peak of
the whole process tree's PSS (proportional set size: a page shared by the processes after a
fork counts once in all), sampled every 50 ms. The last is the memory the build really takes.

    .venv/bin/python scripts/bench_build.py --sources /tmp/synth6 --work /tmp/bench-build
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import threading
import time
from pathlib import Path

from bench import PY, REPO, timed_python

RUN = """
import contextlib, resource, sys, time
from kg.cli import main
started = time.perf_counter()
with contextlib.redirect_stderr(sys.stdout):
    rc = main(['build', '--sources', {sources!r}, '--out', {out!r}, *{extra!r}])
assert rc == 0
print('BENCH', time.perf_counter() - started,
      resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
      resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
"""


def _tree(pid: int) -> list[int]:
    """`pid` and its descendants."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        try:
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        todo.extend(int(child) for child in children)
    return found


def _pss_kib(pid: int) -> int:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0
    found = re.search(r"^Pss:\s+(\d+) kB", text, re.MULTILINE)
    return int(found.group(1)) if found else 0


def kg_build(sources: Path, out: Path, *extra: str) -> dict:
    """One `kg build` in a fresh process: wall seconds, memory (MiB) and its progress lines."""
    code = RUN.format(sources=str(sources), out=str(out), extra=list(extra))
    process = subprocess.Popen([PY, "-c", code], stdout=subprocess.PIPE, text=True, cwd=REPO)
    peak = [0]

    def sample() -> None:
        while process.poll() is None:
            peak[0] = max(peak[0], sum(_pss_kib(pid) for pid in _tree(process.pid)))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = process.communicate()
    sampler.join()
    if process.returncode:
        raise RuntimeError(output[-2000:])
    lines = output.splitlines()
    _, wall, rss, children = [x for x in lines if x.startswith("BENCH ")][-1].split()
    return {"wall": float(wall), "rss": int(rss) // 1024, "worker_rss": int(children) // 1024,
            "pss": peak[0] // 1024, "lines": lines}  # fmt: skip


def phases(lines: list[str]) -> str:
    """The build's own timings of its phases, from its progress lines."""
    wanted = [
        ("read and checked", r"read and checked \d+ source files in ([\d.]+)s"),
        ("chunks", r"wrote the changed chunks in ([\d.]+)s"),
        ("store", r"store ready in ([\d.]+)s"),
        ("validation", r"validated in ([\d.]+)s"),
        ("merge", r"wrote \S+ in ([\d.]+)s"),
        ("search index", r"wrote the search index \(\d+ entities\) in ([\d.]+)s"),
    ]
    found = []
    for name, pattern in wanted:
        for line in lines:
            if match := re.search(pattern, line):
                found.append(f"{name} {match.group(1)} s")
                break
    return ", ".join(found)


def edit_one_report(sources: Path, round_: int) -> Path:
    """Change one report's title: its own chunk changes, and no other file reads it."""
    path = sorted(sources.glob("r-*.yaml"))[len(list(sources.glob("r-*.yaml"))) // 2]
    text = path.read_text()
    path.write_text(re.sub(r"(\n  title: '[^']*)'", rf"\1 (edit {round_})'", text, count=1))
    return path


def memory(result: dict) -> str:
    return (f"peak RSS {result['rss']:,} MiB (one worker at most {result['worker_rss']:,} MiB; "
            f"the process tree's PSS at most {result['pss']:,} MiB)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, required=True)
    parser.add_argument("--work", type=Path, required=True, help="a scratch directory")
    parser.add_argument("--edits", type=int, default=2, help="incremental rebuilds to time")
    args = parser.parse_args()
    if args.work.exists():
        shutil.rmtree(args.work)
    sources = args.work / "sources"
    shutil.copytree(args.sources, sources)
    out = args.work / "build" / "kg.nq"

    full = kg_build(sources, out)
    bulk_s, bulk_rss, _ = timed_python(
        "import pyoxigraph as ox\nstore = ox.Store()\n"
        f"store.bulk_load(path={str(out)!r}, format=ox.RdfFormat.N_QUADS)\n"
    )
    with open(out, "rb") as lines:
        quads = sum(1 for _ in lines)
    print(f"quads {quads:,}")
    print(f"full build {full['wall']:.1f} s, {memory(full)}")
    print(f"  phases: {phases(full['lines'])}")
    print(f"pyoxigraph bulk load {bulk_s:.1f} s, peak RSS {bulk_rss:,} MiB")
    print(f"build / bulk load {full['wall'] / bulk_s:.1f}x")
    for round_ in range(1, args.edits + 1):
        edited = edit_one_report(sources, round_)
        result = kg_build(sources, out)
        print(f"one file edited ({edited.name}): rebuild {result['wall']:.1f} s, {memory(result)}")
        print(f"  phases: {phases(result['lines'])}")
    result = kg_build(sources, out)
    print(f"nothing changed: rebuild {result['wall']:.1f} s, {memory(result)}")


if __name__ == "__main__":
    main()
