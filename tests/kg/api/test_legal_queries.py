"""The law's own evidence over GraphQL: in force on a day, effects, a bill's stages, no-bill
statements and a recommendation's legal status with its cited chain."""

import pytest

from graphql import execute, parse
from kg.api.context import Build, RequestContext
from kg.api.schema import schema
from kg.build import base_of
from kg.store import open_build

B = "https://policy-kg.example"
REC1 = f"{B}/report/test-2025/recommendation/1"
ACT = "http://www.legislation.gov.uk/id/ukpga/2003/42"
S9 = f"{ACT}/section/9"
EFFECT = "http://www.legislation.gov.uk/id/effect/test-commencement-1"
BILL = f"{B}/instrument/test-bill"

CITED = "citations { source { key authority } locator url }"


@pytest.fixture(scope="module")
def ask(fixture_http):
    def ask(query, variables=None, errors=False):
        body = fixture_http.post("/graphql", json={"query": query, "variables": variables}).json()
        if errors:
            return body
        assert "errors" not in body, body
        return body["data"]

    return ask


IN_FORCE = (
    "inForce(asOf: $day) { state asOf since qualification"
    f" evidence {{ what date qualification entity {{ id }} {CITED} }} }}"
)


def test_section_9_before_and_after_its_commencement(ask):
    query = f'query($day: Date) {{ instrument(id: "{S9}") {{ {IN_FORCE} }} }}'
    before = ask(query, {"day": "2004-04-30"})["instrument"]["inForce"]
    assert (before["state"], before["asOf"], before["since"]) == (
        "NOT_IN_FORCE",
        "2004-04-30",
        "2003-11-20",  # the Act's enactment date (registers.yaml)
    )
    entities = [e["entity"]["id"] for e in before["evidence"]]
    assert entities[0] == ACT and EFFECT in entities  # enacted; commencement still to come
    act_evidence = before["evidence"][0]
    assert act_evidence["date"] == "2003-11-20"
    assert [c["source"]["key"] for c in act_evidence["citations"]] == ["statute-page"]

    after = ask(query, {"day": "2004-05-01"})["instrument"]["inForce"]
    assert (after["state"], after["since"], after["qualification"]) == (
        "IN_FORCE",
        "2004-05-01",
        "wholly in force",
    )
    [evidence] = after["evidence"]
    assert evidence["entity"]["id"] == EFFECT
    assert (evidence["date"], evidence["qualification"]) == ("2004-05-01", "wholly in force")
    assert evidence["citations"] == [
        {"source": {"key": "statute-page", "authority": "PRIMARY"}, "locator": None,
         "url": "https://example.org/act"}
    ]  # fmt: skip


def test_in_force_of_the_act_and_of_things_that_are_not_law(ask):
    data = ask(
        "query($day: Date) {"
        f' act: instrument(id: "{ACT}") {{ inForce(asOf: $day) {{ state since }} }}'
        f' early: instrument(id: "{ACT}") {{ inForce(asOf: "2003-01-01") {{ state since }} }}'
        f' bill: instrument(id: "test-bill") {{ inForce(asOf: $day) {{ state }} }}'
        f' guidance: instrument(id: "test-guidance") {{ inForce {{ state }} }} }}',
        {"day": "2004-05-01"},
    )
    # one section commenced: the Act is partly in force; before Royal Assent, not enacted
    assert data["act"]["inForce"] == {"state": "PARTLY_IN_FORCE", "since": "2004-05-01"}
    assert data["early"]["inForce"] == {"state": "NOT_ENACTED", "since": None}
    assert data["bill"]["inForce"] is None and data["guidance"]["inForce"] is None


def test_effects_of_a_section_and_of_nothing(ask):
    data = ask(
        f'{{ instrument(id: "{S9}") {{ effects {{ id type commencement affectedId'
        " affected { id } affectingId affecting { id } affectedProvisions"
        " inForceDates { date qualification prospective } commencementAuthority"
        ' applied requiresApplied outstanding(asOf: "2026-01-01")'
        f" {CITED} }} }}"
        ' guidance: instrument(id: "test-guidance") { effects { id } } }'
    )
    [effect] = data["instrument"]["effects"]
    assert effect["id"] == EFFECT
    assert (effect["type"], effect["commencement"]) == ("coming into force", True)
    assert effect["affectedId"] == S9 and effect["affected"] == {"id": S9}
    # the commencing SI is not in the corpus: its IRI, no entity
    assert effect["affectingId"] == "http://www.legislation.gov.uk/id/uksi/2004/874"
    assert effect["affecting"] is None
    assert effect["inForceDates"] == [
        {"date": "2004-05-01", "qualification": "wholly in force", "prospective": False}
    ]
    assert effect["commencementAuthority"] == ["s. 141"]
    assert (effect["applied"], effect["requiresApplied"], effect["outstanding"]) == (
        True,
        True,
        False,  # applied
    )
    assert [c["source"]["key"] for c in effect["citations"]] == ["statute-page"]
    assert data["guidance"]["effects"] == []


def test_a_bills_stages(ask):
    data = ask(
        '{ bill: instrument(id: "test-bill") { bill { parliamentId originatingHouse lapsed'
        f" stages {{ id stage description house date {CITED} }} }} }}"
        ' act: instrument(id: "' + ACT + '") { bill { parliamentId } } }'
    )
    bill = data["bill"]["bill"]
    assert (bill["parliamentId"], bill["originatingHouse"], bill["lapsed"]) == (
        9001,
        "COMMONS",
        None,
    )
    assert [(s["id"], s["stage"], s["description"], s["house"], s["date"])
            for s in bill["stages"]] == [
        (f"{BILL}/stage/1", "FIRST_READING", "1st reading", "COMMONS", "2003-01-10"),
        (f"{BILL}/stage/2", "ROYAL_ASSENT", "Royal Assent", None, "2003-11-20"),
    ]  # fmt: skip
    # a stage with no citations of its own takes the bill's (the press)
    assert all([c["source"]["key"] for c in s["citations"]] == ["press"] for s in bill["stages"])
    assert data["act"]["bill"] is None  # only bills have a passage


def test_a_proposals_no_bill_statement(ask):
    data = ask(
        '{ proposal(id: "test-reform") { noBillStatement { id date note confirmed'
        f" {CITED} }} }} }}"
    )
    statement = data["proposal"]["noBillStatement"]
    assert statement["id"] == f"{B}/proposal/test-reform/no-bill"
    assert (statement["date"], statement["note"]) == (
        "2025-11-27",
        "Said to be left out of the bill.",
    )
    assert [c["source"]["key"] for c in statement["citations"]] == ["report-doc"]


LEGAL = (
    "legalStatus(asOf: $day) { stage date asOf confirmed carriers { id }"
    f" chain {{ step from {{ id }} to {{ id }} date note confirmed {CITED} }} }}"
)


def legal_of(ask, rec, day):
    query = f'query($day: Date) {{ recommendation(id: "{rec}") {{ {LEGAL} }} }}'
    return ask(query, {"day": day})["recommendation"]["legalStatus"]


@pytest.mark.parametrize(
    ("day", "stage", "date"),
    [
        ("2003-01-09", "NO_BILL", None),
        ("2003-01-10", "BILL_INTRODUCED", "2003-01-10"),
        ("2003-11-20", "ROYAL_ASSENT", "2003-11-20"),
        ("2004-05-01", "IN_FORCE", "2004-05-01"),
        ("2026-01-01", "IN_FORCE", "2004-05-01"),
    ],
)
def test_legal_status_of_the_fixture_recommendation(ask, day, stage, date):
    status = legal_of(ask, "test-2025/1", day)
    assert (status["stage"], status["date"], status["asOf"]) == (stage, date, day)
    assert [c["id"] for c in status["carriers"]] == [BILL]
    assert status["chain"], status
    for link in status["chain"]:
        assert link["citations"], link  # every link is cited
        assert link["from"]["id"]
    steps = [link["step"] for link in status["chain"]]
    assert steps[:1] == ["proposes"] and "implemented by" in steps
    if stage == "IN_FORCE":
        [commenced] = [link for link in status["chain"] if link["step"] == "commenced"]
        assert commenced["from"]["id"] == S9 and commenced["to"]["id"] == EFFECT
        assert commenced["date"] == "2004-05-01"
        assert [c["source"]["key"] for c in commenced["citations"]] == ["statute-page"]
    # the bill's stages rest on the press, a secondary source: once they are in the chain, it
    # is not confirmed; before them, every link rests on the report itself
    assert status["confirmed"] is (stage == "NO_BILL")


def test_legal_status_is_null_for_recommendations_that_ask_no_change_in_law(ask):
    data = ask(
        '{ a: recommendation(id: "test-2025/2") { legalStatus { stage } }'
        ' b: recommendation(id: "earlier-2014/3") { legalStatus { stage } } }'
    )
    assert data == {"a": {"legalStatus": None}, "b": {"legalStatus": None}}


@pytest.mark.parametrize("bad", ["soon", "2004-13-01", "01/05/2004"])
def test_a_bad_as_of_is_refused_clearly(ask, bad):
    for query in (
        f'{{ instrument(id: "{S9}") {{ inForce(asOf: "{bad}") {{ state }} }} }}',
        f'{{ recommendation(id: "test-2025/1") {{ legalStatus(asOf: "{bad}") {{ stage }} }} }}',
    ):
        body = ask(query, errors=True)
        assert body.get("data") in (None, {}), body
        [error] = body["errors"]
        assert bad in error["message"] and "Date" in error["message"], error


# --- the bundled corpus ------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled(bundled_build):
    store = open_build(bundled_build)
    build = Build(store=store, base=base_of(store), build_id="test")

    def run(query, variables=None):
        context = RequestContext(build)
        result = execute(schema.graphql_schema, parse(query), context_value=context,
                         variable_values=variables)  # fmt: skip
        assert result.errors is None, result.errors
        return result.data

    return run


def test_casey_recommendations_legal_chains_are_cited(bundled):
    query = (
        "query($day: Date) {"
        + " ".join(
            f'r{n}: recommendation(id: "casey-2025/{n}") {{ number {LEGAL} }}'
            for n in (1, 3, 6, 11)
        )
        + " }"
    )
    data = bundled(query, {"day": "2026-11-30"})
    for n in (1, 3, 6, 11):
        status = data[f"r{n}"]["legalStatus"]
        assert status is not None, n  # each asks a change in the law
        assert status["chain"], n
        for link in status["chain"]:
            assert len(link["citations"]) >= 1, (n, link)
    # Recommendation 1 (the under-16 rape reform): no bill carries it
    assert data["r1"]["legalStatus"]["stage"] == "NO_BILL"
    assert data["r1"]["legalStatus"]["carriers"] == []
