"""SHACL validation of a whole dataset against the ontology's shapes, with readable results."""

from __future__ import annotations

from dataclasses import dataclass

from pyshacl import validate
from rdflib import BNode, Dataset, Graph, URIRef
from rdflib.namespace import SH

from ontology import ontology_graph, shapes_graph


@dataclass(frozen=True, order=True)
class Violation:
    focus: str
    path: str
    shape: str
    message: str

    def __str__(self) -> str:
        path = f" {self.path}" if self.path else ""
        return f"{self.focus}{path}: {self.message} [{self.shape}]"


def _union(dataset: Dataset) -> Graph:
    union = Graph()
    for s, p, o, _g in dataset.quads((None, None, None, None)):
        union.add((s, p, o))
    return union


def blank_nodes(dataset: Dataset) -> int:
    """Remote SPARQL stores cannot round-trip blank nodes, so builds must have none."""
    return sum(
        1
        for s, _p, o, _g in dataset.quads((None, None, None, None))
        if isinstance(s, BNode) or isinstance(o, BNode)
    )


def validate_dataset(dataset: Dataset) -> list[Violation]:
    """Validate the union of all named graphs; return the violations (empty when valid)."""
    union = _union(dataset)
    for triple in ontology_graph():  # lets sh:class see rdfs:subClassOf
        union.add(triple)
    # The union is ours: validate it as it is. Given the ontology separately, pyshacl would copy
    # the whole data graph to mix it in, which costs time and memory in proportion to the data.
    return _validate(union)


def validate_graph(data: Graph) -> list[Violation]:
    """Validate one graph against the shapes; return the violations (empty when valid)."""
    return _validate(data, ontology_graph())  # the ontology mixed into a copy, not into `data`


def _validate(data: Graph, ontology: Graph | None = None) -> list[Violation]:
    conforms, results, _text = validate(
        data,
        shacl_graph=shapes_graph(),
        ont_graph=ontology,
        inference="none",
        abort_on_first=False,
        allow_warnings=False,
    )
    if conforms:
        return []
    violations = []
    for result in results.subjects(SH.resultSeverity, SH.Violation):
        violations.append(
            Violation(
                focus=str(results.value(result, SH.focusNode)),
                path=_short(results.value(result, SH.resultPath)),
                shape=_shape_name(results, result),
                message=str(results.value(result, SH.resultMessage) or "violates a shape"),
            )
        )
    return sorted(violations)


def _short(term) -> str:
    if term is None:
        return ""
    text = str(term)
    return text.rsplit("#", 1)[-1].rsplit("/", 1)[-1] if isinstance(term, URIRef) else text


def _shape_name(results: Graph, result) -> str:
    """The named node shape a result came from (property shapes are blank nodes)."""
    shape = results.value(result, SH.sourceShape)
    if isinstance(shape, URIRef):
        return _short(shape)
    for parent in shapes_graph().subjects(SH.property, shape):
        if isinstance(parent, URIRef):
            return _short(parent)
    return "shape"
