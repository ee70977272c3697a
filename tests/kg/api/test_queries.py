"""Root fields over the fixture corpus: lookups, filters, pagination, confirmed-only, trace."""

import pytest

B = "https://policy-kg.example"
REC1 = f"{B}/report/test-2025/recommendation/1"
ACT = "http://www.legislation.gov.uk/id/ukpga/2003/42"


@pytest.fixture(scope="module")
def ask(fixture_http):
    def ask(query, variables=None, errors=False):
        body = fixture_http.post("/graphql", json={"query": query, "variables": variables}).json()
        if errors:
            return body
        assert "errors" not in body, body
        return body["data"]

    return ask


def numbers(connection):
    return [(e["node"]["report"]["key"], e["node"]["number"]) for e in connection["edges"]]


REC_LIST = "{ edges { node { number report { key } } } totalCount }"


def test_lookups_by_key_and_by_iri_agree(ask):
    by_key = ask('{ report(id: "test-2025") { id key } body(id: "dept") { id } }')
    assert by_key["report"] == {"id": f"{B}/report/test-2025", "key": "test-2025"}
    by_iri = ask(f'{{ report(id: "{B}/report/test-2025") {{ key }} body(id: "{B}/body/dept")'
                 " { key } }")  # fmt: skip
    assert by_iri == {"report": {"key": "test-2025"}, "body": {"key": "dept"}}
    data = ask(f'{{ a: recommendation(id: "test-2025/1") {{ id }}'
               f' b: recommendation(report: "test-2025", number: 1) {{ id }}'
               f' c: recommendation(id: "{REC1}") {{ id }} }}')  # fmt: skip
    assert data["a"] == data["b"] == data["c"] == {"id": REC1}


def test_node_resolves_any_entity_by_iri(ask):
    data = ask(f'{{ node(id: "{ACT}") {{ __typename id ... on Instrument {{ kind }} }}'
               f' other: node(id: "{B}/nothing") {{ id }} }}')  # fmt: skip
    assert data["node"] == {"__typename": "Instrument", "id": ACT, "kind": "ACT"}
    assert data["other"] is None


@pytest.mark.parametrize(
    ("arguments", "expected"),
    [
        ("", [("earlier-2014", 3), ("test-2025", 1), ("test-2025", 2)]),
        ('report: "test-2025"', [("test-2025", 1), ("test-2025", 2)]),
        ('body: "agency"', [("test-2025", 1)]),
        (f'instrument: "{ACT}"', [("test-2025", 1)]),  # through its section
        ('theme: "data"', [("test-2025", 1)]),
        ("status: LEGISLATING", [("test-2025", 1)]),
        ("statusNotIn: [LEGISLATING]", [("earlier-2014", 3), ("test-2025", 2)]),
        ('text: "RESEARCH"', [("test-2025", 2)]),
        ("echoing: true", [("test-2025", 1)]),
        ("confirmed: true", [("earlier-2014", 3), ("test-2025", 1)]),
        ("confirmed: false", [("test-2025", 2)]),
    ],
)
def test_recommendation_filters(ask, arguments, expected):
    args = f"({arguments})" if arguments else ""
    data = ask(f"{{ recommendations{args} {REC_LIST} }}")
    assert numbers(data["recommendations"]) == expected
    assert data["recommendations"]["totalCount"] == len(expected)


def test_other_list_filters(ask):
    data = ask('{ findings(body: "agency", addressed: true) { totalCount }'
               ' none: findings(addressed: false) { totalCount }'
               ' bodies(kind: "agency") { edges { node { key parent { key } } } }'
               ' sections: instruments(kind: SECTION) { edges { node { id } } }'
               ' bills: instruments(text: "bill") { totalCount } }')  # fmt: skip
    assert data["findings"]["totalCount"] == 1 and data["none"]["totalCount"] == 0
    assert data["bodies"]["edges"] == [{"node": {"key": "agency", "parent": {"key": "dept"}}}]
    assert data["sections"]["edges"] == [{"node": {"id": f"{ACT}/section/9"}}]
    assert data["bills"]["totalCount"] == 1


def test_pages_and_cursors_walk_the_whole_list(ask):
    seen, after = [], None
    while True:
        data = ask(
            "query($after: String) { recommendations(first: 1, after: $after) {"
            " edges { cursor node { id } } pageInfo { hasNextPage endCursor } totalCount } }",
            {"after": after},
        )["recommendations"]
        seen += [e["node"]["id"] for e in data["edges"]]
        assert data["totalCount"] == 3
        if not data["pageInfo"]["hasNextPage"]:
            break
        after = data["pageInfo"]["endCursor"]
    assert len(seen) == len(set(seen)) == 3


def test_bad_cursors_are_refused_clearly(ask):
    from kg.api.pagination import encode

    body = ask('{ bodies(after: "garbage") { totalCount } }', errors=True)
    assert "is not a cursor this API issued" in body["errors"][0]["message"]
    other_build = encode("another-build", 0)
    body = ask(f'{{ bodies(after: "{other_build}") {{ totalCount }} }}', errors=True)
    assert "belongs to another build" in body["errors"][0]["message"]


def test_confirmed_only_on_nested_lists(ask):
    data = ask(f'{{ recommendation(id: "{REC1}") {{'
               " all: responsibilities { body { key } confirmed }"
               " sure: responsibilities(confirmed: true) { body { key } } } }")  # fmt: skip
    rec = data["recommendation"]
    assert {r["body"]["key"]: r["confirmed"] for r in rec["all"]} == {
        "dept": True, "agency": False}  # fmt: skip
    assert rec["sure"] == [{"body": {"key": "dept"}}]


def test_reverse_directions(ask):
    data = ask(f'{{ instrument(id: "{ACT}/section/9") {{ recommendations {{ number }}'
               ' links { relation holder { __typename } } }'
               ' body(id: "dept") { responsibilities { number } children { key } }'
               ' finding: node(id: "' + B + '/report/test-2025/finding/no-data") {'
               " ... on Finding { addressedBy { number } } }"
               ' earlier: recommendation(id: "earlier-2014/3")'
               " { echoedBy { number } } }")  # fmt: skip
    assert data["instrument"]["recommendations"] == [{"number": 1}]
    assert {link["holder"]["__typename"] for link in data["instrument"]["links"]} == {
        "Recommendation", "Proposal"}  # fmt: skip
    assert data["body"] == {"responsibilities": [{"number": 1}], "children": [{"key": "agency"}]}
    assert data["finding"]["addressedBy"] == [{"number": 1}]
    assert data["earlier"]["echoedBy"] == [{"number": 1}]


def test_trace_both_ways_with_citations(ask):
    query = ("query($from: ID!, $to: ID) { trace(from: $from, to: $to) { steps {"
             " from { id } predicate inverse to { id } citations { locator } } } }")  # fmt: skip
    there = ask(query, {"from": REC1, "to": ACT})["trace"]
    routes = [tuple(s["predicate"] for s in p["steps"]) for p in there]
    assert [len(r) for r in routes] == sorted(len(r) for r in routes)  # shortest first
    assert set(routes[:2]) == {("amends", "isPartOf"), ("implementedBy", "enactedAs")}
    assert ("proposedBy", "amends", "isPartOf") in routes  # via the proposal, backwards
    assert all(s["citations"] for p in there for s in p["steps"])
    back = ask(query, {"from": ACT, "to": REC1})["trace"]
    assert [s["inverse"] for s in back[0]["steps"]] == [True, True]
    everywhere = ask(query, {"from": REC1})["trace"]  # to every instrument in reach
    assert {p["steps"][-1]["to"]["id"] for p in everywhere} >= {ACT, f"{ACT}/section/9"}


def test_trace_argument_errors(ask):
    body = ask(f'{{ trace(from: "{REC1}", maxHops: 50) {{ steps {{ predicate }} }} }}',
               errors=True)  # fmt: skip
    assert "maxHops: must be between 1 and 6, got 50" in body["errors"][0]["message"]
    body = ask('{ trace(from: "casey") { steps { predicate } } }', errors=True)
    assert "is not an IRI" in body["errors"][0]["message"]


NO_DATA = f"{B}/report/test-2025/finding/no-data"
DATA_POOR = f"{B}/report/earlier-2014/finding/data-poor"


def test_findings_echo_earlier_findings_both_ways(ask):
    # main-report.yaml: the finding no-data echoes earlier.yaml's data-poor, a link cited to
    # the report (a primary source); both findings are confirmed.
    data = ask(f'{{ later: node(id: "{NO_DATA}") {{ ... on Finding {{'
               " echoes { key report { key } } echoedBy { key } } }"
               f' earlier: node(id: "{DATA_POOR}") {{ ... on Finding {{ echoes {{ key }}'
               " echoedBy { key report { key } } confirmed: echoedBy(confirmed: true) { key }"
               " unconfirmed: echoedBy(confirmed: false) { key } } } }")  # fmt: skip
    assert data["later"] == {
        "echoes": [{"key": "data-poor", "report": {"key": "earlier-2014"}}],
        "echoedBy": [],
    }
    assert data["earlier"] == {
        "echoes": [],
        "echoedBy": [{"key": "no-data", "report": {"key": "test-2025"}}],
        "confirmed": [{"key": "no-data"}],
        "unconfirmed": [],
    }


PROBLEM = """{ finding { key } chain { finding { id } report { key } issued key confirmed }
  reports earliestReport { key } earliestIssued yearsSince themes
  addressedBy { report { key } number } confirmed }"""


def test_recurring_problems_and_the_issues_that_address_them(ask):
    data = ask(f'{{ recurringProblems(asOf: "2026-08-26") {PROBLEM}'
               f' recurrence(asOf: "2026-08-26") {{ recommendation {{ number }}'
               f" problems {PROBLEM} }} }}")  # fmt: skip
    [problem] = data["recurringProblems"]
    # earlier-2014 was issued 2014-08-26: 12 years to 2026-08-26.
    assert problem == {
        "finding": {"key": "no-data"},
        "chain": [
            {
                "finding": {"id": DATA_POOR},
                "report": {"key": "earlier-2014"},
                "issued": "2014-08-26",
                "key": "data-poor",
                "confirmed": True,
            },
            {
                "finding": {"id": NO_DATA},
                "report": {"key": "test-2025"},
                "issued": "2025-06-16",
                "key": "no-data",
                "confirmed": True,
            },
        ],
        "reports": 2,
        "earliestReport": {"key": "earlier-2014"},
        "earliestIssued": "2014-08-26",
        "yearsSince": 12.0,
        "themes": ["Data"],
        "addressedBy": [
            {"report": {"key": "earlier-2014"}, "number": 3},
            {"report": {"key": "test-2025"}, "number": 1},
        ],
        "confirmed": True,
    }
    # test-2025/1 repeats earlier-2014/3, and both address a finding of that problem.
    [issue] = data["recurrence"]
    assert issue == {"recommendation": {"number": 1}, "problems": [problem]}
    assert ask("{ recurringProblems(first: 0) { reports } }")["recurringProblems"] == []
