"""The vocabulary module reads every controlled value and entity kind from the ontology, and no
other code spells one out."""

from __future__ import annotations

import ast
from pathlib import Path

from rdflib.namespace import SKOS

from ontology import PKG, ontology_graph
from ontology.vocabulary import (
    AUTHORITY,
    BILL_STAGE,
    HOUSE,
    IN_FORCE_STATE,
    INSTRUMENT_KIND,
    KIND,
    LEGAL_STAGE,
    RELATION,
    ROLE,
    STANCE,
    STATUS,
)

REPO = Path(__file__).parents[2]
HOME = REPO / "ontology" / "vocabulary.py"
SCANNED = ("kg", "ingest", "viz", "ontology", "scripts")
SCHEMES = (
    AUTHORITY, ROLE, RELATION, STANCE, STATUS, BILL_STAGE, HOUSE, LEGAL_STAGE, IN_FORCE_STATE,
    INSTRUMENT_KIND,
)  # fmt: skip
#: Strings spelt like a value that mean something else: (file, string) -> what they are.
NOT_VALUES = {
    ("scripts/bench.py", "act"): "the $act variable of RecommendationsTouchingAct",
    ("scripts/bench.py", "section"): "the $section variable of SectionToRecommendations",
    ("scripts/raw_queries.py", "act"): "the $act variable, as a raw query's placeholder",
    ("scripts/raw_queries.py", "section"): "the $section variable, as a placeholder",
}


def test_each_scheme_holds_exactly_the_ontologys_concepts_in_order():
    graph = ontology_graph()
    for scheme in SCHEMES[:-1]:
        iris = {str(c) for c in graph.subjects(SKOS.inScheme, PKG[scheme.name + "Scheme"])}
        assert {c.iri for c in scheme} == iris
        assert [c.order for c in scheme] == list(range(1, len(scheme) + 1))
    assert STATUS.notations == (
        "NOT_STARTED", "IN_PROGRESS", "LEGISLATING", "STALLED", "ENACTED", "IN_FORCE", "DELIVERED",
    )  # fmt: skip
    assert STATUS.IN_PROGRESS.iri == str(PKG.InProgress)
    assert STATUS.IN_PROGRESS.token == "in_progress"
    assert STATUS.by_token("in_force") is STATUS.IN_FORCE
    assert STANCE.by_iri(str(PKG.AcceptedInPrinciple)).notation == "ACCEPTED_IN_PRINCIPLE"


def test_instrument_kinds_and_entity_kinds_come_from_the_classes():
    assert INSTRUMENT_KIND.notations == (
        "ACT", "SECTION", "BILL", "CLAUSE", "GUIDANCE", "STATUTORY_INSTRUMENT", "PART", "CHAPTER",
        "CROSS_HEADING", "SCHEDULE", "PARAGRAPH",
    )  # fmt: skip
    assert INSTRUMENT_KIND.ACT.types == (
        str(PKG.Act),
        "http://data.europa.eu/eli/ontology#LegalResource",
    )
    assert INSTRUMENT_KIND.BILL.types == (str(PKG.Bill),)
    assert KIND.names == (
        "Report", "Finding", "Recommendation", "Body", "Instrument", "Theme", "ProposedChange",
    )  # fmt: skip
    assert KIND.Body.iri == str(PKG.Body)


def test_an_unknown_value_is_an_attribute_error_naming_it():
    try:
        STATUS.DONE  # noqa: B018
    except AttributeError as exc:
        assert "DeliveryStatus has no value DONE" in str(exc)
    else:
        raise AssertionError("STATUS.DONE should not exist")


def _spellings() -> dict[str, str]:
    """Every way code could spell a controlled value or a kind, to what it spells."""
    found = {}
    for scheme in SCHEMES:
        for concept in scheme:
            for spelling in (concept.notation, concept.token, concept.local):
                found[spelling] = f"{scheme.name}.{concept.notation}"
    for kind in KIND:
        found[kind.name] = f"entity kind {kind.name}"
    return found


def literals_outside_home() -> list[str]:
    spellings = _spellings()
    offences = []
    for folder in SCANNED:
        for path in sorted((REPO / folder).rglob("*.py")):
            if path == HOME:
                continue
            for node in ast.walk(ast.parse(path.read_text(), str(path))):
                if isinstance(node, ast.Constant) and node.value in spellings:
                    if (path.relative_to(REPO).as_posix(), node.value) in NOT_VALUES:
                        continue
                    where = f"{path.relative_to(REPO)}:{node.lineno}"
                    offences.append(f"{where}: {node.value!r} ({spellings[node.value]})")
    return offences


def test_no_controlled_value_or_kind_is_spelt_outside_its_home():
    assert literals_outside_home() == []


def test_the_scan_finds_a_spelt_value(tmp_path):
    """The scan itself works: a file that spells a status is caught."""
    folder = tmp_path / "kg"
    folder.mkdir()
    (folder / "bad.py").write_text('LATE = {"STALLED"}\nKIND = f"{P}Recommendation"\n')
    global REPO
    saved, REPO = REPO, tmp_path
    try:
        found = literals_outside_home()
    finally:
        REPO = saved
    assert found == [
        "kg/bad.py:1: 'STALLED' (DeliveryStatus.STALLED)",
        "kg/bad.py:2: 'Recommendation' (entity kind Recommendation)",
    ]


def test_the_shapes_allow_exactly_each_schemes_values():
    """shapes.ttl lists the allowed values of each concept-valued property (sh:in gives the
    clearest violation message); they must be the scheme's, so a value added to the ontology
    and not to the shapes fails here."""
    from rdflib.collection import Collection
    from rdflib.namespace import SH

    from ontology import shapes_graph

    shapes = shapes_graph()
    allowed = {}
    for prop in shapes.subjects(SH["in"], None):
        path = str(shapes.value(prop, SH.path))
        allowed[path] = {str(v) for v in Collection(shapes, shapes.value(prop, SH["in"]))}
    for predicate, scheme in (
        (PKG.authority, AUTHORITY),
        (PKG.role, ROLE),
        (PKG.relation, RELATION),
        (PKG.stance, STANCE),
        (PKG.status, STATUS),
        (PKG.stageKind, BILL_STAGE),
        (PKG.house, HOUSE),
        (PKG.originatingHouse, HOUSE),
    ):
        assert allowed[str(predicate)] == {c.iri for c in scheme}, predicate
