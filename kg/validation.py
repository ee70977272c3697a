"""SHACL validation against the ontology's shapes, as SPARQL over a pyoxigraph store.

`check_store` is the validator: ontology/shapes.ttl is compiled once into SPARQL queries (a few
per property shape), which run over the union of a store's named graphs. It checks the whole
store, or only the focus nodes that one edit can have changed (`graphs=`, the incremental
build). `validate_graph` and `validate_dataset` run it over rdflib data; `validate_with_pyshacl`
is the reference implementation (pyshacl) that a differential test holds `check_store` to.

The compiler supports exactly the SHACL features shapes.ttl uses (`SUPPORTED`): class targets,
property shapes with a single-predicate path, and the constraints sh:minCount, sh:maxCount,
sh:datatype, sh:class, sh:nodeKind, sh:in, sh:minLength, sh:pattern (with sh:flags) and
sh:minInclusive, on property shapes and on node shapes (where the value is the focus node).
Anything else in a shape raises `UnsupportedShape` when the shapes are compiled, naming the
shape and the feature, so that a shape is never silently left unchecked.
"""

from __future__ import annotations

import gc
import multiprocessing
from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef
from rdflib.collection import Collection as RdfList
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD

from ontology import ontology_graph, prefixes, shapes_graph

from .buildcache import die_with_parent
from .terms import ox_term


@dataclass(frozen=True, order=True)
class Violation:
    focus: str
    path: str
    shape: str
    message: str

    def __str__(self) -> str:
        path = f" {self.path}" if self.path else ""
        return f"{self.focus}{path}: {self.message} [{self.shape}]"


class UnsupportedShape(ValueError):
    """shapes.ttl uses a SHACL feature that the SPARQL compiler does not implement."""


# ----------------------------------------------------------------------------- the public API


def check_store(
    store: ox.Store,
    graphs: Collection[str] | None = None,
    *,
    previous: Iterable[str] = (),
    workers: int = 1,
    threads: int = 1,
) -> list[Violation]:
    """The shape violations of the data in `store`, sorted and deduplicated.

    The queries run in `threads` threads (pyoxigraph lets go of the GIL while it evaluates
    them, and the store is shared, not copied), never in the calling thread: measured over
    a 10^6-quad synthetic build on 2 cores, the whole check took 7.9 s in the main thread,
    5.1 s in one other thread (the main thread's allocations are the slower: where the store
    was loaded made no difference) and 2.7 s in two, at the same peak memory. With
    `workers` > 1 they are dealt out to forked processes instead (each copies much of the
    store's pages: see kg.build.FORKED_VALIDATION_QUADS).

    `store` holds a candidate build: named graphs (one per source file) and the ontology graph,
    which carries rdfs:subClassOf. Every query reads the union of the named graphs.

    With `graphs=None` every focus node is checked: every instance of a shape's target class
    or of one of its subclasses (rdf:type/rdfs:subClassOf*, as SHACL defines class targets).

    With `graphs=[IRIs]` (the incremental build: those graphs are new or changed, the others
    were valid before and are unchanged) only these focus nodes are checked, every constraint
    of every shape that targets them, with their values, counts and the values' types read
    over the union as in the whole check:
    - each node that is the subject of a triple in one of `graphs`;
    - each node that points, by the path of an sh:class constraint, at a node that has an
      rdf:type triple in one of `graphs` (its sh:class result depends on that type);
    - each node in `previous`, and each node that points at one by such a path. `previous`
      is for the caller to give the subjects that the changed graphs had before the change
      (and that a deleted graph had): a triple that was removed is no longer in the store.
    Why this is sound: a result for focus node F depends only on triples whose subject is F
    (its types, which make it a focus node, and its values), on the rdf:type triples of F's
    values (sh:class), and on rdfs:subClassOf (in the ontology graph). A triple added to or
    removed from a changed graph has a subject S in that graph now or before (`previous`), so
    it can change only the results of S itself and, through S's type, those of the nodes that
    point at S by an sh:class path: exactly the nodes checked. Not re-checked: every other
    node, whose triples and values' types are as they were when it was last valid. A change
    to the ontology graph (the class hierarchy) or to the shapes needs the whole check.
    """
    plan = _plan()
    closure = _closures(store, plan.classes)
    focus = None if graphs is None else _scoped_focus(store, plan, closure, graphs, previous)
    units = []  # one property shape's check each (a node shape's own constraints too)
    for shape in plan.shapes:
        targets = sorted(set().union(*(closure[c] for c in shape.targets)))
        if focus is None:
            scope = _TYPED.format(classes=_values("cls", targets))
        else:
            chosen = sorted({node for t in targets for node in focus.get(t, ())})
            if not chosen:
                continue
            scope = _values("focus", chosen)
        for prop in shape.properties:
            scan = focus is None and prop.path in plan.own_paths
            units.append((shape.name, prop, scope, scan))

    def check(unit) -> list[Violation]:
        shape, prop, scope, scan = unit
        return list(_check_property(store, shape, prop, scope, closure, scan))

    found: set[Violation] = set()
    run = _forked(check, units, workers) if workers >= 2 else _threaded(check, units, threads)
    for violations in run:
        found.update(violations)
    return sorted(found)


def _threaded(function, items: list, threads: int) -> Iterator:
    """`function` over `items` in `threads` threads (at least one, never the caller's)."""
    with ThreadPoolExecutor(max(1, min(threads, len(items) or 1))) as pool:
        yield from pool.map(function, items)


_TASK = None  # what a forked worker runs: inherited with the store, never pickled


def _worker_start() -> None:
    die_with_parent()
    gc.freeze()  # what the worker inherited is never walked by its collector


def _run_task(i: int):
    function, items = _TASK
    return function(items[i])


def _forked(function, items: list, workers: int) -> Iterator:
    """`function` over `items`, in `workers` forked processes when more than one (each has the
    store as it was at the fork, read-only and unchanged; items are dealt out one at a time),
    results in no set order."""
    global _TASK
    if workers < 2 or len(items) < 2:
        yield from map(function, items)
        return
    _TASK = (function, items)
    try:
        pool = multiprocessing.get_context("fork").Pool(min(workers, len(items)), _worker_start)
        with pool:
            yield from pool.imap_unordered(_run_task, range(len(items)))
    finally:
        _TASK = None


def blank_node_count(store: ox.Store) -> int:
    """The quads that use a blank node (the build refuses them: remote stores cannot
    round-trip blank nodes)."""
    query = (
        "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } "
        "FILTER(isBlank(?s) || isBlank(?o)) }"
    )
    (row,) = list(store.query(query))
    return int(row["n"].value)


def blank_nodes(dataset: Dataset) -> int:
    """Remote SPARQL stores cannot round-trip blank nodes, so builds must have none."""
    return sum(
        1
        for s, _p, o, _g in dataset.quads((None, None, None, None))
        if isinstance(s, BNode) or isinstance(o, BNode)
    )


def validate_dataset(dataset: Dataset) -> list[Violation]:
    """Validate the union of all named graphs; return the violations (empty when valid)."""
    store = _store_of(
        (s, p, o, g) for s, p, o, g in dataset.quads((None, None, None, None)) if g is not None
    )
    _add_ontology(store)
    return check_store(store)


def validate_graph(data: Graph) -> list[Violation]:
    """Validate one graph against the shapes; return the violations (empty when valid)."""
    store = _store_of((s, p, o, _DATA) for s, p, o in data)
    _add_ontology(store)
    return check_store(store)


def validate_with_pyshacl(data: Graph, ontology: Graph | None = None) -> list[Violation]:
    """The reference: pyshacl over one rdflib graph (slow, and memory grows with the data; the
    build uses `check_store`). With `ontology`, pyshacl mixes it into a copy of `data`."""
    from pyshacl import validate

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
    return sorted(set(violations))


# ----------------------------------------------------------------------------- the compiled plan

#: What a shape may say. Anything else in the SHACL namespace raises UnsupportedShape.
SUPPORTED = {
    "node": {SH.targetClass, SH.property},
    "property": {SH.path, SH.minCount, SH.maxCount},
    "value": {
        SH.datatype, SH["class"], SH.nodeKind, SH["in"], SH.minLength, SH.pattern, SH.flags,
        SH.minInclusive,
    },
    "ignored": {SH.name, SH.description, SH.order, SH.group},  # not validating
}  # fmt: skip

#: Datatypes whose lexical forms the check can tell valid from ill-typed, as pyshacl does.
#: None: every lexical form is valid (rdflib never marks these ill-typed).
_LEXICAL = {
    str(XSD.string): None,
    str(XSD.anyURI): None,
    str(XSD.integer): "xsd:integer",
    str(XSD.decimal): "xsd:decimal",
    str(XSD.boolean): "xsd:boolean",
    str(XSD.date): "xsd:date",
    str(XSD.dateTime): "xsd:dateTime",
    str(XSD.time): "xsd:time",
    str(XSD.float): "xsd:float",
    str(XSD.double): "xsd:double",
}

_NODE_KINDS = {
    SH.IRI: ("isIRI(?v)", "an IRI"),
    SH.BlankNode: ("isBlank(?v)", "a blank node"),
    SH.Literal: ("isLiteral(?v)", "a literal"),
    SH.BlankNodeOrIRI: ("(isBlank(?v) || isIRI(?v))", "an IRI or a blank node"),
    SH.BlankNodeOrLiteral: ("(isBlank(?v) || isLiteral(?v))", "a literal or a blank node"),
    SH.IRIOrLiteral: ("(isIRI(?v) || isLiteral(?v))", "an IRI or a literal"),
}


@dataclass(frozen=True)
class _Value:
    """One constraint on each value node: `kind` is its SHACL parameter, `arg` its argument."""

    kind: str
    arg: object
    flags: str = ""

    def violated(self, closure: dict[str, list[str]]) -> str:
        """A SPARQL expression, true when ?v violates the constraint (never an error)."""
        if self.kind == "datatype":
            datatype = str(self.arg)
            cast = _LEXICAL[datatype]
            wrong = f"(!isLiteral(?v) || datatype(?v) != {_iri(datatype)})"
            if cast is None:
                return wrong
            return f"({wrong} || !COALESCE(isLiteral({cast}(?v)), false))"
        if self.kind == "class":
            classes = closure[str(self.arg)]
            if len(classes) == 1:
                return f"NOT EXISTS {{ ?v a {_iri(classes[0])} }}"
            return f"NOT EXISTS {{ ?v a ?type . {_values('type', classes)} }}"
        if self.kind == "nodeKind":
            return f"!{_NODE_KINDS[self.arg][0]}"
        if self.kind == "in":
            same = " || ".join(f"sameTerm(?v, {_term(t)})" for t in self.arg) or "false"
            return f"!({same})"
        if self.kind == "minLength":
            return f"(isBlank(?v) || !COALESCE(STRLEN(STR(?v)) >= {int(self.arg)}, false))"
        if self.kind == "pattern":
            flags = f", {_term(Literal(self.flags))}" if self.flags else ""
            regex = f"REGEX(STR(?v), {_term(Literal(str(self.arg)))}{flags})"
            return f"(isBlank(?v) || !COALESCE({regex}, false))"
        if self.kind == "minInclusive":
            return f"(!isLiteral(?v) || !COALESCE(?v >= {_term(self.arg)}, false))"
        raise AssertionError(self.kind)

    def message(self, value: ox.NamedNode | ox.BlankNode | ox.Literal) -> str:
        found = _show(value)
        if self.kind == "datatype":
            expected = _name(str(self.arg))
            if isinstance(value, ox.Literal) and value.datatype.value == str(self.arg):
                return f"expects a literal of datatype {expected}, found {found}, not a valid one"
            return f"expects a literal of datatype {expected}, found {found}"
        if self.kind == "class":
            return f"expects an instance of {_name(str(self.arg))}, found {found}"
        if self.kind == "nodeKind":
            return f"expects {_NODE_KINDS[self.arg][1]}, found {found}"
        if self.kind == "in":
            allowed = ", ".join(_name(str(t)) for t in self.arg)
            return f"expects one of {allowed}, found {found}"
        if self.kind == "minLength":
            return f"expects at least {self.arg} character(s), found {found}"
        if self.kind == "pattern":
            return f"expects a value matching {str(self.arg)!r}, found {found}"
        if self.kind == "minInclusive":
            return f"expects a value >= {self.arg}, found {found}"
        raise AssertionError(self.kind)


@dataclass(frozen=True)
class _Property:
    """A property shape (`path` set), or a node shape's own constraints (`path` None)."""

    path: str | None
    min_count: int | None
    max_count: int | None
    values: tuple[_Value, ...]


@dataclass(frozen=True)
class _Shape:
    name: str
    targets: tuple[str, ...]
    properties: tuple[_Property, ...]


@dataclass(frozen=True)
class _Plan:
    shapes: tuple[_Shape, ...]
    classes: tuple[str, ...]  # every class a check needs the subclasses of
    class_paths: tuple[str, ...]  # the paths of sh:class constraints (the scoped check)
    own_paths: frozenset[str]  # the paths only one shape uses (see _check_property)


@cache
def _plan() -> _Plan:
    return compile_shapes(shapes_graph())


def compile_shapes(shapes: Graph) -> _Plan:
    """Compile a SHACL shapes graph; raise UnsupportedShape naming a shape and a feature
    this compiler does not implement."""
    compiled = []
    node_shapes = set(shapes.subjects(RDF.type, SH.NodeShape)) | set(
        shapes.subjects(SH.targetClass, None)
    )
    for node in shapes.subjects(RDF.type, SH.PropertyShape):
        if not any(shapes.subjects(SH.property, node)):
            raise UnsupportedShape(f"{_short(node)}: a property shape outside a node shape")
    for node in sorted(node_shapes, key=str):
        compiled.append(_compile_node_shape(shapes, node))
    shapes_out = tuple(s for s in compiled if s.targets)
    classes, class_paths = set(), set()
    for shape in shapes_out:
        classes.update(shape.targets)
        for prop in shape.properties:
            for value in prop.values:
                if value.kind == "class":
                    classes.add(str(value.arg))
                    if prop.path:
                        class_paths.add(prop.path)
    users = defaultdict(set)
    for shape in shapes_out:
        for prop in shape.properties:
            users[prop.path].add(shape.name)
    own = frozenset(path for path, names in users.items() if path and len(names) == 1)
    return _Plan(shapes_out, tuple(sorted(classes)), tuple(sorted(class_paths)), own)


def _compile_node_shape(shapes: Graph, node) -> _Shape:
    name = _short(node) if isinstance(node, URIRef) else "shape"
    for kind in shapes.objects(node, RDF.type):
        if kind in (RDFS.Class, OWL.Class):
            raise UnsupportedShape(f"{name}: implicit class targets (the shape is a class)")
    _refuse_unknown(shapes, node, name, SUPPORTED["node"] | SUPPORTED["value"])
    targets = tuple(sorted(str(c) for c in shapes.objects(node, SH.targetClass)))
    own = _compile_values(shapes, node, name)
    properties = [_Property(None, None, None, own)] if own else []
    for prop in sorted(shapes.objects(node, SH.property), key=_sort_key(shapes)):
        properties.append(_compile_property(shapes, prop, name))
    return _Shape(name, targets, tuple(properties))


def _compile_property(shapes: Graph, node, name: str) -> _Property:
    allowed = SUPPORTED["property"] | SUPPORTED["value"]
    _refuse_unknown(shapes, node, name, allowed)
    paths = list(shapes.objects(node, SH.path))
    if len(paths) != 1 or not isinstance(paths[0], URIRef):
        raise UnsupportedShape(f"{name}: sh:path other than one predicate IRI")
    path = str(paths[0])
    counts = {}
    for parameter in (SH.minCount, SH.maxCount):
        given = [int(v) for v in shapes.objects(node, parameter)]
        if len(given) > 1:
            raise UnsupportedShape(f"{name} {_short(paths[0])}: two values of {_short(parameter)}")
        counts[parameter] = given[0] if given else None
    return _Property(
        path, counts[SH.minCount], counts[SH.maxCount], _compile_values(shapes, node, name)
    )


def _compile_values(shapes: Graph, node, name: str) -> tuple[_Value, ...]:
    values = []
    for datatype in shapes.objects(node, SH.datatype):
        if str(datatype) not in _LEXICAL:
            raise UnsupportedShape(f"{name}: sh:datatype {_name(str(datatype))}")
        values.append(_Value("datatype", str(datatype)))
    for cls in shapes.objects(node, SH["class"]):
        values.append(_Value("class", str(cls)))
    for kind in shapes.objects(node, SH.nodeKind):
        if kind not in _NODE_KINDS:
            raise UnsupportedShape(f"{name}: sh:nodeKind {kind}")
        values.append(_Value("nodeKind", kind))
    for members in shapes.objects(node, SH["in"]):
        values.append(_Value("in", tuple(RdfList(shapes, members))))
    for length in shapes.objects(node, SH.minLength):
        values.append(_Value("minLength", int(length)))
    flags = [str(f) for f in shapes.objects(node, SH.flags)]
    if len(flags) > 1:
        raise UnsupportedShape(f"{name}: two values of sh:flags")
    if set("".join(flags)) - set("ismx"):
        raise UnsupportedShape(f"{name}: sh:flags {flags[0]!r}")
    for pattern in shapes.objects(node, SH.pattern):
        values.append(_Value("pattern", str(pattern), flags[0] if flags else ""))
    for minimum in shapes.objects(node, SH.minInclusive):
        if not isinstance(minimum, Literal):
            raise UnsupportedShape(f"{name}: sh:minInclusive that is not a literal")
        values.append(_Value("minInclusive", minimum))
    return tuple(values)


def _refuse_unknown(shapes: Graph, node, name: str, allowed: set) -> None:
    for predicate in set(shapes.predicates(node, None)):
        ours = predicate in allowed or predicate in SUPPORTED["ignored"]
        if str(predicate).startswith(str(SH)) and not ours:
            raise UnsupportedShape(f"{name}: {_short(predicate)} is not supported")


def _sort_key(shapes: Graph):
    def key(node):
        return str(shapes.value(node, SH.path)), str(node)

    return key


# ----------------------------------------------------------------------------- running the plan

_PREFIXES = (
    "PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>\n"
    "PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\n"
)
_TYPED = "?focus a ?cls . {classes}"


def _closures(store: ox.Store, classes: Iterable[str]) -> dict[str, list[str]]:
    """Each class and its subclasses (rdfs:subClassOf*, read over the union)."""
    classes = sorted(classes)
    query = (
        "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        f"SELECT ?sub ?sup WHERE {{ {_values('sup', classes)} ?sub rdfs:subClassOf* ?sup }}"
    )
    closure = {c: {c} for c in classes}
    for row in _select(store, query):
        if isinstance(row["sub"], ox.NamedNode):
            closure[row["sup"].value].add(row["sub"].value)
    return {c: sorted(subs) for c, subs in closure.items()}


def _scoped_focus(
    store: ox.Store,
    plan: _Plan,
    closure: dict[str, list[str]],
    graphs: Collection[str],
    previous: Iterable[str],
) -> dict[str, set[str]]:
    """The focus nodes the scoped check looks at, by each of their types."""
    graph_values = _values("g", sorted(graphs))
    paths = _values("p", plan.class_paths)
    previous = sorted(set(previous))
    parts = [
        f"{{ {graph_values} GRAPH ?g {{ ?focus ?any ?thing }} }}",
        f"{{ {graph_values} GRAPH ?g {{ ?s a ?t }} {paths} ?focus ?p ?s }}",
    ]
    if previous:
        parts.append(f"{{ {_values('focus', previous)} }}")
        parts.append(f"{{ {_values('s', previous)} {paths} ?focus ?p ?s }}")
    rows = _select(store, f"SELECT DISTINCT ?focus WHERE {{ {' UNION '.join(parts)} }}")
    # Blank nodes cannot be named in a query: a build has none (blank_node_count refuses them).
    nodes = sorted(r["focus"].value for r in rows if isinstance(r["focus"], ox.NamedNode))
    typed = {t for c in plan.classes for t in closure[c]}
    focus: dict[str, set[str]] = defaultdict(set)
    for chunk in range(0, len(nodes), 5000):  # the types of a few nodes: lookups, not a scan
        query = f"SELECT ?focus ?cls WHERE {{ {_values('focus', nodes[chunk : chunk + 5000])} "
        for row in _select(store, query + "?focus a ?cls }"):
            if row["cls"].value in typed:
                focus[row["cls"].value].add(_key(row["focus"]))
    return focus


def _check_property(
    store: ox.Store,
    shape: str,
    prop: _Property,
    scope: str,
    closure: dict[str, list[str]],
    scan: bool,
) -> Iterator[Violation]:
    """The violations of one property shape (or a node shape's own constraints) in `scope`.

    Two forms of the same queries. The lookup form looks each focus node's values up: the
    one for a few focus nodes (VALUES ?focus), and for a predicate that other shapes' nodes
    use too. The scan form (`scan`, over the whole store, for a predicate only this shape
    uses, so that its triples are mostly those of the focus nodes) reads the predicate's
    triples once and joins the few rows that fail with the focus nodes. Measured at 10^6
    quads (scripts/bench_validation.py), the scan form is faster on CitedShape's predicates
    and slower on shared ones (pkg:date, pkg:key, dcterms:title)."""
    path = _short(URIRef(prop.path)) if prop.path else ""
    reach = f"?focus {_iri(prop.path)} ?v ." if prop.path else "BIND(?focus AS ?v)"
    if prop.values:
        flags = [f"?c{i}" for i in range(len(prop.values))]
        binds = " ".join(
            f"BIND(COALESCE({value.violated(closure)}, true) AS {flag})"
            for value, flag in zip(prop.values, flags, strict=True)
        )
        test = f"{binds} FILTER({' || '.join(flags)})"
        if scan and prop.path:
            where = f"{{ SELECT ?focus ?v {' '.join(flags)} WHERE {{ {reach} {test} }} }} {scope}"
        else:
            where = f"{scope} {reach} {test}"
        query = f"SELECT DISTINCT ?focus ?v {' '.join(flags)} WHERE {{ {where} }}"
        for row in _select(store, query):
            for i, value in enumerate(prop.values):
                if _true(row[f"c{i}"]):
                    yield Violation(_key(row["focus"]), path, shape, value.message(row["v"]))
    if not prop.path:
        return
    least, most = prop.min_count, prop.max_count
    if scan and least == 1:  # the usual case: an anti-join on the predicate's triples
        query = f"SELECT DISTINCT ?focus WHERE {{ {scope} MINUS {{ {reach} }} }}"
        for row in _select(store, query):
            yield Violation(_key(row["focus"]), path, shape, _too_few(least, 0))
        least = None
    if scan and least is None and most is not None:  # counted over the predicate's triples
        query = (
            f"SELECT DISTINCT ?focus ?n WHERE {{ {{ SELECT ?focus (COUNT(DISTINCT ?v) AS ?n) "
            f"WHERE {{ {reach} }} GROUP BY ?focus HAVING (COUNT(DISTINCT ?v) > {most}) }} "
            f"{scope} }}"
        )
        for row in _select(store, query):
            yield Violation(_key(row["focus"]), path, shape, _too_many(most, int(row["n"].value)))
        return
    if least is None and most is None:
        return
    tests = []
    if least is not None:
        tests.append(f"?n < {least}")
    if most is not None:
        tests.append(f"?n > {most}")
    query = (
        f"SELECT ?focus ?n WHERE {{ {{ SELECT ?focus (COUNT(DISTINCT ?v) AS ?n) WHERE {{ "
        f"{scope} OPTIONAL {{ {reach} }} }} GROUP BY ?focus }} FILTER({' || '.join(tests)}) }}"
    )
    for row in _select(store, query):
        n = int(row["n"].value)
        message = _too_few(least, n) if least is not None and n < least else _too_many(most, n)
        yield Violation(_key(row["focus"]), path, shape, message)


def _too_few(least: int, n: int) -> str:
    return f"expects at least {least} value(s), found {n}"


def _too_many(most: int | None, n: int) -> str:
    return f"expects at most {most} value(s), found {n}"


def _select(store: ox.Store, query: str):
    return store.query(_PREFIXES + query, use_default_graph_as_union=True)


def _true(term) -> bool:
    return term is not None and term.value == "true"


def _key(term) -> str:
    return term.value


# ----------------------------------------------------------------------------- terms and names

#: The named graph validate_graph puts its data in (any name: the check reads the union).
_DATA = URIRef("urn:x-policy-kg:validate")
_ONTOLOGY = URIRef("urn:x-policy-kg:ontology")


def _iri(iri: str) -> str:
    return f"<{iri}>"


def _values(var: str, iris: Iterable[str]) -> str:
    return f"VALUES ?{var} {{ {' '.join(_iri(i) for i in iris)} }}"


def _term(term) -> str:
    """An rdflib term in SPARQL syntax (N-Triples, via pyoxigraph's escaping)."""
    return str(ox_term(term))


def _store_of(quads: Iterable[tuple]) -> ox.Store:
    store = ox.Store()
    store.extend(ox.Quad(ox_term(s), ox_term(p), ox_term(o), ox_term(g)) for s, p, o, g in quads)
    return store


def _add_ontology(store: ox.Store) -> None:
    store.extend(
        ox.Quad(ox_term(s), ox_term(p), ox_term(o), ox_term(_ONTOLOGY))
        for s, p, o in ontology_graph()
    )


@cache
def _namespaces() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(((str(ns), p) for p, ns in prefixes().items()), key=lambda x: -len(x[0])))


def _name(iri: str) -> str:
    """An IRI as a prefixed name when one of our prefixes fits, else <iri>."""
    for namespace, prefix in _namespaces():
        if iri.startswith(namespace) and "/" not in iri[len(namespace) :]:
            return f"{prefix}:{iri[len(namespace) :]}"
    return f"<{iri}>"


def _show(term) -> str:
    if isinstance(term, ox.NamedNode):
        return _name(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        text = repr(term.value) if len(term.value) <= 60 else repr(term.value[:57] + "...")
        if term.language:
            return f"{text}@{term.language}"
        if term.datatype.value == str(XSD.string):
            return text
        return f"{text}^^{_name(term.datatype.value)}"
    return "nothing"


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
