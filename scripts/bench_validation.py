#!/usr/bin/env python3
"""Validation's speed: check_store (the shapes as SPARQL over pyoxigraph) beside pyshacl.

For each N-Quads build given (`kg build --out FILE`), prints: its quads, the bulk load into an
in-memory pyoxigraph store, check_store over the whole store and scoped to one named graph (a
typical one, the median in size, and the largest), blank_node_count, pyshacl over the same
data as one rdflib graph (only up to --pyshacl-max quads: it is slow and its memory grows with
the data), and the peak RSS of this process after each step. Figures only; it never asserts.
Each timing is the best of --repeat runs, the alternatives interleaved.

    .venv/bin/python scripts/bench_validation.py /tmp/x/synth5.nq /tmp/x/synth6.nq
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.validation import blank_node_count, check_store, validate_with_pyshacl


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def timed(call):
    started = time.perf_counter()
    result = call()
    return time.perf_counter() - started, result


def graph_sizes(store: ox.Store) -> list[tuple[int, str]]:
    query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
    return sorted((int(r["n"].value), r["g"].value) for r in store.query(query))


def pyshacl_seconds(path: Path) -> tuple[float, int]:
    from rdflib import Dataset, Graph

    dataset = Dataset()
    dataset.parse(str(path), format="nquads")
    data = Graph()
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        data.add((s, p, o))  # the ontology graph is in the build, so sh:class sees subclasses
    del dataset
    seconds, found = timed(lambda: validate_with_pyshacl(data))
    return seconds, len(found)


def bench(path: Path, repeat: int, pyshacl_max: int) -> None:
    store = ox.Store()
    load, _ = timed(lambda: store.bulk_load(path=str(path), format=ox.RdfFormat.N_QUADS))
    quads = len(store)
    sizes = graph_sizes(store)
    typical, largest = sizes[len(sizes) // 2], sizes[-1]
    print(f"{path}: {quads} quads in {len(sizes)} named graphs; bulk load {load:.2f} s")
    runs: dict[str, list[float]] = {}
    counts: dict[str, int] = {}
    cases = {
        "check_store, whole": lambda: check_store(store),
        f"check_store, one graph of {typical[0]} quads": lambda: check_store(
            store, graphs=[typical[1]]
        ),
        f"check_store, one graph of {largest[0]} quads (the largest)": lambda: check_store(
            store, graphs=[largest[1]]
        ),
        "blank_node_count": lambda: [None] * blank_node_count(store),
    }
    for _ in range(repeat):
        for name, call in cases.items():
            seconds, found = timed(call)
            runs.setdefault(name, []).append(seconds)
            counts[name] = len(found)
    for name, seconds in runs.items():
        print(f"  {name:<58} {min(seconds):7.2f} s  ({counts[name]} found)")
    print(f"  peak RSS after check_store: {peak_mib():.0f} MiB")
    if quads <= pyshacl_max:
        seconds, found = pyshacl_seconds(path)
        print(f"  {'pyshacl, whole (one rdflib graph)':<58} {seconds:7.2f} s  ({found} found)")
        print(f"  peak RSS after pyshacl: {peak_mib():.0f} MiB")
    else:
        print(f"  pyshacl: not run above {pyshacl_max} quads")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("builds", nargs="+", type=Path, help="N-Quads builds (kg build --out)")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pyshacl-max", type=int, default=200_000)
    args = parser.parse_args()
    for path in args.builds:
        bench(path, args.repeat, args.pyshacl_max)


if __name__ == "__main__":
    main()
