#!/usr/bin/env python3
"""Benchmark: how fast a large network view opens in headless Chromium.

Builds a graph shaped like the projection (kinds, labels, predicate-keyed edges), renders it
with viz.render (vis-network inlined, as `kg viz` writes it), opens it in Debian's chromium
through Playwright and times navigation to `window.kgReady` (layout done, drawn, interactive),
then one redraw of the whole view (what each frame of panning or zooming costs). Prints a table;
run it a few times, the machine is noisy.

    .venv/bin/python scripts/bench_viz.py [--nodes 2000] [--runs 3]
"""

from __future__ import annotations

import argparse
import random
import shutil
import statistics
import tempfile
import time
from pathlib import Path

import networkx as nx

import viz
from kg.projection import edge_name
from ontology.vocabulary import KIND, RELATION, ROLE

KINDS = [KIND.Report.name, KIND.Finding.name, KIND.Recommendation.name, KIND.Body.name,
         KIND.Instrument.name, KIND.Theme.name]  # fmt: skip
PREDICATES = ["addresses", "implicates", edge_name(ROLE.LEAD), edge_name(RELATION.AMENDS),
              "isPartOf", "echoes", "theme"]  # fmt: skip


#: One redraw of the whole view at the zoom it opens with, in milliseconds (vis-network draws
#: synchronously).
REDRAW = "() => { const t = performance.now(); network.redraw(); return performance.now() - t; }"


def synthetic(nodes: int, seed: int = 1) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    graph = nx.MultiDiGraph()
    for i in range(nodes):
        kind = KINDS[i % len(KINDS)]
        graph.add_node(f"https://bench.example/{kind.lower()}/{i}", kind=kind,
                       label=f"{kind} {i}", summary=f"Synthetic {kind.lower()} {i}",
                       sources=["Synthetic source (primary), para 1"])  # fmt: skip
    ids = list(graph)
    for i, node in enumerate(ids):  # a connected backbone, then random links
        if i:
            graph.add_edge(node, ids[rng.randrange(i)], key=rng.choice(PREDICATES))
        for _ in range(rng.randrange(2)):
            graph.add_edge(node, rng.choice(ids), key=rng.choice(PREDICATES))
    return graph


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--nodes", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    graph = synthetic(args.nodes)
    started = time.perf_counter()
    page_html = viz.render(graph, title="bench", node_url=lambda iri: iri, vis_js=None)
    render_s = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "view.html"
        path.write_text(page_html, encoding="utf-8")
        ready, frames = [], []
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium"),
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            for _ in range(args.runs):
                page = browser.new_page(viewport={"width": 1400, "height": 900})
                started = time.perf_counter()
                page.goto(path.as_uri())
                page.wait_for_function("window.kgReady === true", timeout=120_000)
                ready.append(time.perf_counter() - started)
                drawn = page.evaluate("network.body.data.nodes.length")
                frames.append(page.evaluate(REDRAW))
                page.close()
            browser.close()
    median = statistics.median(ready)
    print(
        "| nodes | edges | page | render | open to ready in Chromium (median, min-max) | redraw |"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    print(
        f"| {drawn} | {graph.number_of_edges()} | {len(page_html) / 1e6:.1f} MB | "
        f"{render_s:.2f} s | {median:.2f} s ({min(ready):.2f}-{max(ready):.2f}), {args.runs} runs "
        f"| {statistics.median(frames):.0f} ms |"
    )


if __name__ == "__main__":
    main()
