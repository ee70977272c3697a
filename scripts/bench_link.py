#!/usr/bin/env python3
"""The linker's speed: `Linker.from_store` on a build, and `link()` of texts of 1,000 to 20,000
words (news-style sentences naming bodies, statutes, reports, recommendations and figures).
Prints the figures; tests never time.

    .venv/bin/python scripts/bench_link.py [--build build/kg.nq] [--repeat 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kg.config import default_build  # noqa: E402
from kg.store import open_build  # noqa: E402
from kg.text.linker import Linker  # noqa: E402

SENTENCES = [
    "Baroness Casey's audit, published on 16 June 2025, made twelve recommendations.",
    "The government accepted recommendation 4 and the fifth and sixth recommendations.",
    "Under s. 9 SOA 2003 the CPS often charged sexual activity with a child instead of rape.",
    "The National Crime Agency and the NPCC scope the national operation with the Home Office.",
    "The audit found ethnicity was not recorded for two-thirds of perpetrators.",
    "The Jay report found at least 1,400 children were exploited in Rotherham.",
    "Section 16LA of the Children Act 2004 is not yet in force, the minister said.",
    "Taxi licensing and information sharing remain weak, according to HMICFRS.",
    "The Crime and Policing Bill received Royal Assent and recommendation 3 is now law.",
    "Councillors in the area said that nothing had changed for years and asked for more money.",
]


def text_of(words: int) -> str:
    out, count, i = [], 0, 0
    while count < words:
        sentence = SENTENCES[i % len(SENTENCES)]
        out.append(sentence)
        count += len(sentence.split())
        i += 1
        if i % 5 == 0:
            out.append("\n\n")
    return " ".join(out)


def best(times: list[float]) -> str:
    return f"median {statistics.median(times) * 1000:.1f} ms, best {min(times) * 1000:.1f} ms"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=Path, default=default_build())
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args(argv)
    if not args.build.is_file():
        print(f"bench_link: no build at {args.build}: run `kg build` first", file=sys.stderr)
        return 2
    store = open_build(args.build)
    loads = []
    for _ in range(args.repeat):
        began = time.perf_counter()
        linker = Linker.from_store(store)
        loads.append(time.perf_counter() - began)
    print(f"Linker.from_store: {best(loads)}")
    for words in (1_000, 5_000, 20_000):
        text = text_of(words)
        runs = []
        for _ in range(args.repeat):
            began = time.perf_counter()
            result = linker.link(text)
            runs.append(time.perf_counter() - began)
        print(f"link() of {len(text.split()):,} words ({len(text):,} chars): {best(runs)}; "
              f"{len(result.mentions)} mentions, {len(result.claims)} claims")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
