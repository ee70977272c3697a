#!/usr/bin/env python3
"""The build's figures: prints, never asserts.

For a corpus (a `kg synth` directory, copied so that it can be edited): a full build from an
empty cache (wall time, peak RSS), a pyoxigraph bulk load of the same quads into a memory store
in the same run (the ratio build / bulk load is the figure to watch), then an edit of one report
file and the incremental rebuild, and a build with nothing changed.

    .venv/bin/python scripts/bench_build.py --sources /tmp/synth6 --work /tmp/bench-build
"""

from __future__ import annotations

import argparse
import re
import shutil
from pathlib import Path

from bench import timed_python


def kg_build(sources: Path, out: Path, *extra: str) -> tuple[float, int]:
    wall, rss, _ = timed_python(
        "from kg.cli import main\n"
        f"rc = main(['build', '-q', '--sources', {str(sources)!r}, '--out', {str(out)!r}"
        f", *{list(extra)!r}])\n"
        "assert rc == 0"
    )
    return wall, rss


def edit_one_report(sources: Path, round_: int) -> Path:
    """Change one report's title: its own chunk changes, and no other file reads it."""
    path = sorted(sources.glob("r-*.yaml"))[len(list(sources.glob("r-*.yaml"))) // 2]
    text = path.read_text()
    path.write_text(re.sub(r"(\n  title: '[^']*)'", rf"\1 (edit {round_})'", text, count=1))
    return path


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

    build_s, build_rss = kg_build(sources, out)
    bulk_s, bulk_rss, _ = timed_python(
        "import pyoxigraph as ox\nstore = ox.Store()\n"
        f"store.bulk_load(path={str(out)!r}, format=ox.RdfFormat.N_QUADS)\n"
    )
    with open(out, "rb") as lines:
        quads = sum(1 for _ in lines)
    print(f"quads {quads:,}")
    print(f"full build {build_s:.1f} s, peak RSS {build_rss:,} MiB")
    print(f"pyoxigraph bulk load {bulk_s:.1f} s, peak RSS {bulk_rss:,} MiB")
    print(f"build / bulk load {build_s / bulk_s:.1f}x")
    for round_ in range(1, args.edits + 1):
        edited = edit_one_report(sources, round_)
        wall, rss = kg_build(sources, out)
        print(f"one file edited ({edited.name}): rebuild {wall:.1f} s, peak RSS {rss:,} MiB")
    wall, rss = kg_build(sources, out)
    print(f"nothing changed: rebuild {wall:.1f} s, peak RSS {rss:,} MiB")


if __name__ == "__main__":
    main()
