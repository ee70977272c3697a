"""The built dataset in standard RDF formats (rdflib serialises; the build is N-Quads)."""

from __future__ import annotations

from pathlib import Path

from rdflib import Dataset, Graph

from ontology import prefixes

#: CLI name -> (rdflib format, keeps named graphs?)
FORMATS = {
    "nq": ("nquads", True),
    "trig": ("trig", True),
    "jsonld": ("json-ld", True),
    "ttl": ("turtle", False),
}


def export(build: Path, fmt: str) -> bytes:
    """Serialise the build. Turtle has no named graphs, so it gets the union of them all."""
    rdflib_format, keeps_graphs = FORMATS[fmt]
    dataset = Dataset()
    dataset.parse(build, format="nquads")
    target: Dataset | Graph = dataset
    if not keeps_graphs:
        target = Graph()
        for s, p, o, _g in dataset.quads((None, None, None, None)):
            target.add((s, p, o))
    for prefix, namespace in prefixes().items():
        target.bind(prefix, namespace)
    data = target.serialize(format=rdflib_format, encoding="utf-8")
    return data
