"""check_store (the shapes compiled to SPARQL over a pyoxigraph store) against pyshacl.

The differential test breaks the fixture corpus once per constraint kind and shape feature and
asserts that both validators report the same (focus, path, shape) results."""

from __future__ import annotations

from collections.abc import Callable

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, SH, XSD

from ingest import DEFAULT_BASE
from kg.terms import ox_term
from kg.validation import (
    UnsupportedShape,
    blank_node_count,
    check_store,
    compile_shapes,
    validate_dataset,
    validate_graph,
    validate_with_pyshacl,
)
from ontology import ELI, ORG, PKG, ontology_graph, shapes_graph

B = DEFAULT_BASE
GRAPH = f"{B}/graph/"
MAIN, SOURCES, REGISTERS = GRAPH + "main-report", GRAPH + "sources", GRAPH + "registers"
ONTOLOGY = str(PKG).rstrip("#")
REPORT = URIRef(f"{B}/report/test-2025")
FINDING = URIRef(f"{REPORT}/finding/no-data")
REC1 = URIRef(f"{REPORT}/recommendation/1")
CITATION = URIRef(f"{REC1}/citation/1")
SOURCE = URIRef(f"{B}/source/press")
ACT = URIRef("http://www.legislation.gov.uk/id/ukpga/2003/42")
SECTION = URIRef(f"{ACT}/section/9")
STATEMENT = URIRef(f"{REC1}/link/echoes/1")
STATUS = URIRef(f"{REC1}/status/2025-11-04-legislating")
FIGURE = URIRef(f"{FINDING}/figure/1")

Graphs = dict[str, Graph]


# ----------------------------------------------------------------------------- mutations


def _home(graphs: Graphs, subject) -> Graph:
    """The named graph that holds the subject's first triple (its source file)."""
    for name in sorted(graphs):
        if (subject, None, None) in graphs[name]:
            return graphs[name]
    return graphs[MAIN]


def drop(subject, predicate, value=None):
    def mutate(graphs: Graphs):
        for graph in graphs.values():
            graph.remove((subject, predicate, value))

    return mutate


def put(subject, predicate, value):
    """Replace every value of subject/predicate with `value`, in the subject's graph."""

    def mutate(graphs: Graphs):
        home = _home(graphs, subject)
        drop(subject, predicate)(graphs)
        home.add((subject, predicate, value))

    return mutate


def add(subject, predicate, value):
    return lambda graphs: _home(graphs, subject).add((subject, predicate, value))


def both(*mutations):
    def mutate(graphs: Graphs):
        for mutation in mutations:
            mutation(graphs)

    return mutate


def blank_theme(graphs: Graphs):
    """A Theme that is a blank node: CitedShape's node-level sh:nodeKind sh:IRI."""
    node = BNode("theme1")
    for triple in [
        (node, RDF.type, PKG.Theme),
        (node, RDFS.label, Literal("Anonymous")),
        (node, PKG.citation, CITATION),
        (node, PKG.confirmed, Literal(True)),
    ]:
        graphs[REGISTERS].add(triple)


def foreign_act(graphs: Graphs):
    """An Act whose IRI is not a legislation.gov.uk identifier: a node-level sh:pattern."""
    graphs[REGISTERS].add((URIRef("https://example.org/not-legislation/act"), RDF.type, PKG.Act))


#: name -> (mutation, whether it must produce at least one violation)
MUTATIONS: dict[str, tuple[Callable[[Graphs], None], bool]] = {
    "minCount: a required value removed": (drop(REC1, PKG.report), True),
    "maxCount: a second value": (add(REC1, PKG.number, Literal(7)), True),
    "datatype: an integer where a string is due": (put(REC1, DCTERMS.title, Literal(5)), True),
    "datatype: a language-tagged string": (put(REC1, DCTERMS.title, Literal("T", lang="en")), True),
    "datatype: an IRI where a literal is due": (put(REC1, PKG.summary, SOURCE), True),
    "datatype: ill-typed integer": (
        put(REC1, PKG.number, Literal("x", datatype=XSD.integer)),
        True,
    ),
    "datatype: ill-typed date": (
        put(STATUS, PKG.date, Literal("2025-13-01", datatype=XSD.date)),
        True,
    ),
    "datatype: ill-typed decimal": (
        put(FIGURE, PKG.value, Literal("about two-thirds", datatype=XSD.decimal)),
        True,
    ),
    "datatype: ill-typed boolean": (
        put(REC1, PKG.confirmed, Literal("yes", datatype=XSD.boolean)),
        True,
    ),
    "datatype: a string where a date is due": (put(STATUS, PKG.date, Literal("4 Nov")), True),
    "class: a value of the wrong class": (
        put(URIRef(f"{B}/body/agency"), ORG.subOrganizationOf, SOURCE),
        True,
    ),
    "class: a literal where an instance is due": (put(REC1, PKG.report, Literal("r")), True),
    "class: the value's type removed in another graph": (
        drop(URIRef(f"{B}/source/report-doc"), RDF.type),
        True,
    ),
    "class: a subclass instance satisfies it": (drop(ACT, RDF.type, PKG.Instrument), False),
    "nodeKind: a literal where an IRI is due": (put(STATEMENT, RDF.subject, Literal("s")), True),
    "nodeKind: a blank node focus (node-level)": (blank_theme, True),
    "in: a value not in the list": (
        put(URIRef(f"{REC1}/responsibility/dept"), PKG.role, PKG.Accepted),
        True,
    ),
    "in: a literal not in the list": (put(SOURCE, PKG.authority, Literal("primary")), True),
    "minLength: an empty string": (put(REC1, RDFS.label, Literal("")), True),
    "pattern: a URL that is not http(s)": (
        put(SOURCE, PKG.url, Literal("ftp://example.org/x", datatype=XSD.anyURI)),
        True,
    ),
    "pattern: a focus IRI (node-level)": (foreign_act, True),
    "minInclusive: a number below the minimum": (put(REC1, PKG.number, Literal(0)), True),
    "minInclusive: an ill-typed number": (
        put(REC1, PKG.number, Literal("none", datatype=XSD.integer)),
        True,
    ),
    "targetClass: a subclass instance is a focus node": (
        both(drop(ACT, RDF.type, PKG.Instrument), drop(ACT, DCTERMS.title)),
        True,
    ),
    "several at once": (
        both(drop(REC1, PKG.report), put(STATEMENT, RDF.subject, Literal("s")), foreign_act),
        True,
    ),
}


# ----------------------------------------------------------------------------- helpers


@pytest.fixture(scope="module")
def fixture_graphs(fixture_dataset) -> Graphs:
    graphs: Graphs = {}
    for s, p, o, g in fixture_dataset.quads((None, None, None, None)):
        graphs.setdefault(str(g), Graph()).add((s, p, o))
    return graphs


def copy(graphs: Graphs) -> Graphs:
    out = {}
    for name, graph in graphs.items():
        out[name] = Graph()
        for triple in graph:
            out[name].add(triple)
    return out


def store_of(graphs: Graphs) -> ox.Store:
    """A candidate build: one named graph per source file, and the ontology graph."""
    store = ox.Store()
    for name, graph in [*graphs.items(), (ONTOLOGY, ontology_graph())]:
        named = ox.NamedNode(name)
        store.extend(ox.Quad(ox_term(s), ox_term(p), ox_term(o), named) for s, p, o in graph)
    return store


def union(graphs: Graphs) -> Graph:
    out = Graph()
    for graph in graphs.values():
        for triple in graph:
            out.add(triple)
    return out


def keys(violations) -> set[tuple[str, str, str]]:
    return {(v.focus, v.path, v.shape) for v in violations}


# ----------------------------------------------------------------------------- the tests


def test_the_fixture_corpus_conforms_on_both(fixture_graphs):
    assert check_store(store_of(fixture_graphs)) == []
    assert validate_with_pyshacl(union(fixture_graphs), ontology_graph()) == []


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_check_store_agrees_with_pyshacl(name, fixture_graphs):
    mutate, must_violate = MUTATIONS[name]
    graphs = copy(fixture_graphs)
    mutate(graphs)
    ours = check_store(store_of(graphs))
    reference = validate_with_pyshacl(union(graphs), ontology_graph())
    assert keys(ours) == keys(reference), (ours, reference)
    assert bool(ours) == must_violate, ours
    assert ours == sorted(set(ours))
    assert all(v.message and "expects" in v.message for v in ours)


def test_messages_say_what_was_expected_and_found(fixture_graphs):
    graphs = copy(fixture_graphs)
    both(
        add(REC1, PKG.number, Literal(7)),
        put(STATUS, PKG.date, Literal("2025-13-01", datatype=XSD.date)),
        put(URIRef(f"{REC1}/responsibility/dept"), PKG.role, PKG.Accepted),
    )(graphs)
    messages = {(v.path, v.message) for v in check_store(store_of(graphs))}
    assert ("number", "expects at most 1 value(s), found 2") in messages
    assert (
        "date",
        "expects a literal of datatype xsd:date, found '2025-13-01'^^xsd:date, not a valid one",
    ) in messages
    assert (
        "role",
        "expects one of pkg:Lead, pkg:Partner, pkg:Consulted, found pkg:Accepted",
    ) in messages


def test_a_class_declared_only_in_another_graph_is_seen(fixture_graphs):
    """REC1's report is typed in a graph of its own: no violation; without that graph, one."""
    graphs = copy(fixture_graphs)
    drop(REPORT, RDF.type)(graphs)
    graphs[GRAPH + "elsewhere"] = Graph()
    graphs[GRAPH + "elsewhere"].add((REPORT, RDF.type, PKG.Report))
    assert check_store(store_of(graphs)) == []
    del graphs[GRAPH + "elsewhere"]
    missing = keys(check_store(store_of(graphs)))
    assert (str(REC1), "report", "RecommendationShape") in missing


def test_the_scoped_check_sees_its_graphs_and_ignores_the_others(fixture_graphs):
    graphs = copy(fixture_graphs)
    drop(FIGURE, PKG.unit)(graphs)  # in the main report's graph; points at nothing
    drop(SECTION, ELI.is_part_of)(graphs)  # in the registers graph
    store = store_of(graphs)
    assert keys(check_store(store, graphs=[MAIN])) == {(str(FIGURE), "unit", "FigureShape")}
    assert keys(check_store(store, graphs=[REGISTERS])) == {
        (str(SECTION), "is_part_of", "SectionShape")
    }
    assert keys(check_store(store, graphs=[MAIN, REGISTERS])) == keys(check_store(store))
    assert check_store(store, graphs=[SOURCES]) == []
    assert check_store(store, graphs=[]) == []


def test_the_scoped_check_follows_a_type_to_the_nodes_that_point_at_it(fixture_graphs):
    """A Source's type changed in the sources graph: the citations in other graphs that point
    at it are re-checked (sh:class), though none of their triples is in that graph."""
    graphs = copy(fixture_graphs)
    report_doc = URIRef(f"{B}/source/report-doc")
    put(report_doc, RDF.type, PKG.Theme)(graphs)
    store = store_of(graphs)
    scoped = keys(check_store(store, graphs=[SOURCES]))
    assert scoped == keys(check_store(store))
    assert (str(CITATION), "source", "CitationShape") in scoped


def test_the_scoped_check_rechecks_the_previous_subjects_of_a_changed_graph(fixture_graphs):
    """The sources graph lost report-doc (its file was edited): the graph no longer names it,
    so the caller passes it as `previous`, and the citations pointing at it are re-checked."""
    graphs = copy(fixture_graphs)
    report_doc = URIRef(f"{B}/source/report-doc")
    graphs[SOURCES].remove((report_doc, None, None))
    store = store_of(graphs)
    assert check_store(store, graphs=[SOURCES]) == []  # nothing left in the graph to see
    scoped = keys(check_store(store, graphs=[SOURCES], previous=[str(report_doc)]))
    assert (str(CITATION), "source", "CitationShape") in scoped
    assert scoped == keys(check_store(store))


def test_the_bundled_build_conforms(bundled_build):
    store = ox.Store()
    store.bulk_load(path=str(bundled_build), format=ox.RdfFormat.N_QUADS)
    assert check_store(store) == []
    assert blank_node_count(store) == 0


def test_blank_nodes_are_counted(fixture_graphs):
    graphs = copy(fixture_graphs)
    blank_theme(graphs)
    assert blank_node_count(store_of(graphs)) == 4


def test_validate_graph_and_dataset_run_the_same_check(fixture_dataset, fixture_graphs):
    assert validate_dataset(fixture_dataset) == []
    graph = union(fixture_graphs)
    graph.remove((REC1, PKG.report, None))
    assert keys(validate_graph(graph)) == {(str(REC1), "report", "RecommendationShape")}


# ----------------------------------------------------------------------------- the compiler


def _shapes(extra: str) -> Graph:
    text = f"""
        @prefix sh: <http://www.w3.org/ns/shacl#> .
        @prefix pkg: <https://policy-kg.example/ns#> .
        @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
        {extra}
    """
    return Graph().parse(data=text, format="turtle")


@pytest.mark.parametrize(
    ("turtle", "named"),
    [
        ("pkg:S a sh:NodeShape ; sh:targetNode pkg:x .", "S: targetNode"),
        ("pkg:S a sh:NodeShape ; sh:targetClass pkg:R ; sh:closed true .", "S: closed"),
        (
            "pkg:S a sh:NodeShape ; sh:targetClass pkg:R ; "
            "sh:property [ sh:path [ sh:inversePath pkg:p ] ; sh:minCount 1 ] .",
            "S: sh:path other than one predicate IRI",
        ),
        (
            "pkg:S a sh:NodeShape ; sh:targetClass pkg:R ; "
            "sh:property [ sh:path pkg:p ; sh:maxInclusive 3 ] .",
            "S: maxInclusive",
        ),
        (
            "pkg:S a sh:NodeShape ; sh:targetClass pkg:R ; "
            "sh:property [ sh:path pkg:p ; sh:datatype xsd:gYear ] .",
            "S: sh:datatype xsd:gYear",
        ),
        (
            "pkg:S a sh:NodeShape ; sh:targetClass pkg:R ; sh:or ( [ sh:class pkg:A ] ) .",
            "S: or",
        ),
    ],
)
def test_an_unsupported_feature_raises_at_compile_time(turtle, named):
    with pytest.raises(UnsupportedShape, match=named.replace("(", r"\(")):
        compile_shapes(_shapes(turtle))


def test_every_feature_of_the_shapes_is_compiled():
    plan = compile_shapes(shapes_graph())
    named = {s for s in shapes_graph().subjects(RDF.type, SH.NodeShape) if isinstance(s, URIRef)}
    assert len(plan.shapes) == len(named)
    kinds = {v.kind for s in plan.shapes for p in s.properties for v in p.values}
    assert kinds == {
        "datatype", "class", "nodeKind", "in", "minLength", "pattern", "minInclusive"
    }  # fmt: skip


def test_threads_find_the_same_violations_scoped_or_not(fixture_graphs):
    graphs = copy(fixture_graphs)
    for _name, (mutate, must_violate) in sorted(MUTATIONS.items()):
        if must_violate:
            mutate(graphs)
    store = store_of(graphs)
    alone = check_store(store)
    assert len({v.shape for v in alone}) > 3  # the check can fail, on several shapes
    assert check_store(store, threads=4) == alone
    some = sorted(graphs)[:2]
    scoped = check_store(store, [str(g) for g in some])
    assert check_store(store, [str(g) for g in some], threads=3) == scoped
