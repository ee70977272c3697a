"""The policy-kg vocabulary as data: namespaces, the OWL ontology and the SHACL shapes.

Nothing here imports the rest of the project; every other package imports this one.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from rdflib import Graph, Namespace
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SH, SKOS, XSD

__all__ = [
    "DCTERMS",
    "ELI",
    "LEGISLATION_ID",
    "ONTOLOGY_FILE",
    "ORG",
    "OWL",
    "PKG",
    "PROV",
    "RDF",
    "RDFS",
    "SH",
    "SHAPES_FILE",
    "SKOS",
    "XSD",
    "Terms",
    "ontology_graph",
    "prefixes",
    "shapes_graph",
]

# Our own terms. The data's base IRI is configurable (see kg.config); the vocabulary's is not.
PKG = Namespace("https://policy-kg.example/ns#")
ELI = Namespace("http://data.europa.eu/eli/ontology#")
ORG = Namespace("http://www.w3.org/ns/org#")
# legislation.gov.uk identifier IRIs: http://www.legislation.gov.uk/id/{type}/{year}/{number}[/...]
LEGISLATION_ID = "http://www.legislation.gov.uk/id/"

_HERE = Path(__file__).parent
ONTOLOGY_FILE = _HERE / "policy.ttl"
SHAPES_FILE = _HERE / "shapes.ttl"


class Terms:
    """A namespace whose terms are plain strings, looked up once: for hot paths (resolvers)
    where rdflib's Namespace would build a new URIRef on every attribute access."""

    def __init__(self, namespace: Namespace | str):
        self._base = str(namespace)

    def __getattr__(self, name: str) -> str:
        if name.startswith("__"):
            raise AttributeError(name)
        value = self._base + name
        setattr(self, name, value)  # next time a plain attribute
        return value

    def __str__(self) -> str:
        return self._base


def prefixes() -> dict[str, Namespace]:
    """The prefixes every serialisation and query of ours binds."""
    return {
        "pkg": PKG,
        "eli": ELI,
        "org": ORG,
        "dcterms": Namespace(str(DCTERMS)),
        "prov": Namespace(str(PROV)),
        "skos": Namespace(str(SKOS)),
        "owl": Namespace(str(OWL)),
        "rdfs": Namespace(str(RDFS)),
        "xsd": Namespace(str(XSD)),
        "sh": Namespace(str(SH)),
    }


@cache
def _parse(path: Path) -> Graph:
    graph = Graph()
    graph.parse(path, format="turtle")
    return graph


def ontology_graph() -> Graph:
    """The OWL ontology with its SKOS concept schemes (a shared, read-only graph: do not mutate)."""
    return _parse(ONTOLOGY_FILE)


def shapes_graph() -> Graph:
    """The SHACL shapes every build is validated against (shared, read-only: do not mutate)."""
    return _parse(SHAPES_FILE)
