"""Clusters of recommendations that share themes and bodies."""

from __future__ import annotations

import json

from kg.analysis import Cluster, Shared, clusters
from kg.projection import build_projection

# r1-r3 share data and the police (weight 2 each); r4-r5 share taxis and the council (2);
# r3 also touches taxis (weight 1 to r4 and r5), not enough to join them; r6 shares nothing.
CLUSTER_REPORT = """
report:
  key: cl-2024
  document: doc
  title: A report to cluster
  issued: 2024-01-01
  cite: [doc]
  recommendations:
    - {number: 1, title: One, summary: One., themes: [data],
       responsibilities: [{body: police, role: lead}], cite: [doc]}
    - {number: 2, title: Two, summary: Two., themes: [data],
       responsibilities: [{body: police, role: lead}], cite: [doc]}
    - {number: 3, title: Three, summary: Three., themes: [data, taxis],
       responsibilities: [{body: police, role: partner}], cite: [doc]}
    - {number: 4, title: Four, summary: Four., themes: [taxis],
       responsibilities: [{body: council, role: lead}], cite: [doc]}
    - {number: 5, title: Five, summary: Five., themes: [taxis],
       responsibilities: [{body: council, role: consulted}], cite: [doc]}
    - {number: 6, title: Six, summary: Six., themes: [law],
       responsibilities: [{body: board, role: lead}], cite: [doc]}
"""


def test_clusters_on_a_tiny_corpus(tiny, iri):
    store = tiny(report=CLUSTER_REPORT)
    projection = build_projection(store)
    store.round_trips = 0
    rec = iri("report/cl-2024/recommendation/")
    assert clusters(store, projection) == [
        Cluster(
            number=1,
            members=(rec + "1", rec + "2", rec + "3"),
            keys=("cl-2024/1", "cl-2024/2", "cl-2024/3"),
            labels=("Recommendation 1: One", "Recommendation 2: Two", "Recommendation 3: Three"),
            themes=(Shared(iri("theme/data"), "Data", 3),),
            bodies=(Shared(iri("body/police"), "Police", 3),),
        ),
        Cluster(
            number=2,
            members=(rec + "4", rec + "5"),
            keys=("cl-2024/4", "cl-2024/5"),
            labels=("Recommendation 4: Four", "Recommendation 5: Five"),
            themes=(Shared(iri("theme/taxis"), "Taxis", 2),),
            bodies=(Shared(iri("body/council"), "Council", 2),),
        ),
    ]
    assert store.round_trips == 1
    singletons = clusters(store, projection, min_size=1)
    assert singletons[-1].keys == ("cl-2024/6",)


def test_cluster_rows_are_flat(tiny):
    store = tiny(report=CLUSTER_REPORT)
    row = clusters(store)[0].as_row()
    assert json.loads(json.dumps(row)) == row
    assert (row["size"], row["members"], row["themes"], row["bodies"]) == (
        3,
        "cl-2024/1; cl-2024/2; cl-2024/3",
        "Data (3/3)",
        "Police (3/3)",
    )


# ---------------------------------------------------------------- the bundled corpus


def test_the_bundled_corpus_clusters(bundled):
    store, projection = bundled
    found = clusters(store, projection)
    assert store.round_trips == 1
    members = [m for c in found for m in c.members]
    assert len(members) == len(set(members))  # a partition
    by_key = {k: c for c in found for k in c.keys}
    # Telford's licensing calls and Casey's taxi recommendation are one programme.
    assert by_key["casey-2025/11"].keys == (
        "casey-2025/11",
        "telford-2022/1",
        "telford-2022/2",
        "telford-2022/3",
        "telford-2022/4",
    )
    # children treated as victims in law: the rape charge, disregarding their convictions, and
    # IICSA's calls on restraint, the Victims' Code, limitation, compensation and redress
    assert by_key["casey-2025/1"].keys == (
        "casey-2025/1",
        "casey-2025/3",
        "iicsa-final-2022/5",
        "iicsa-final-2022/14",
        "iicsa-final-2022/15",
        "iicsa-final-2022/18",
        "iicsa-final-2022/19",
        "iicsa-networks-2022/1",
    )
    assert by_key["casey-2025/1"].themes[0].label == "Treatment of victims"


def test_large_graphs_get_fewer_seeded_runs(tiny, monkeypatch):
    from kg.analysis import _clusters

    store = tiny(report=CLUSTER_REPORT)
    projection = build_projection(store)
    everything = clusters(store, projection)
    runs = []

    def counted(graph, **kw):
        runs.append(kw["seed"])
        return louvain(graph, **kw)

    louvain = _clusters.louvain_communities
    monkeypatch.setattr(_clusters, "louvain_communities", counted)
    clusters(store, projection)
    assert runs == list(range(16))
    runs.clear()
    monkeypatch.setattr(_clusters, "LOUVAIN_BUDGET", 1)
    assert clusters(store, projection) == everything  # this partition needs no luck
    assert runs == [0, 1]
