#!/usr/bin/env python3
"""Benchmark: how long the server-side radial layout (viz.layout) takes on big views.

Views above the physics threshold are laid out on the server before the page is sent, so this
time is part of opening a large `/viz`. Lays out random directed graphs with 2.5 edges per node
(seeded, so every run sees the same graphs) and prints a table; run it a few times, the
machine is noisy. Tests check what the layout does, never how long it takes.

    .venv/bin/python scripts/bench_layout.py [--nodes 500,2000,8000] [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import time

import networkx as nx

from viz.layout import radial_layout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", default="500,2000,8000", help="comma-separated graph sizes")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    print("| nodes | edges | radial_layout (median, min-max) |")
    print("|---:|---:|---:|")
    for nodes in (int(n) for n in args.nodes.split(",") if n):
        graph = nx.gnm_random_graph(nodes, nodes * 5 // 2, seed=1, directed=True)
        times = []
        for _ in range(args.runs):
            started = time.perf_counter()
            positions = radial_layout(graph)
            times.append(time.perf_counter() - started)
            assert len(positions) == nodes
        print(
            f"| {nodes} | {graph.number_of_edges()} | {statistics.median(times):.3f} s "
            f"({min(times):.3f}-{max(times):.3f}), {args.runs} runs |"
        )


if __name__ == "__main__":
    main()
