"""Time as an axis: `asOf` (what held on a day) and `recordedBy` (what had been published by a
day), in the one status rule (kg.rules.status), through GraphQL, the list filters in both their
SPARQL forms, a body's responsibilities, traces, the network view and the entity pages.

Most cases run on the bundled corpus (ingest/sources); the same-date tie and a fact published
after its own date are also checked on a small corpus of their own.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import textwrap

import httpx
import pytest

from kg.api import lists
from kg.rules import status as rule
from kg.store import Capabilities, open_build
from kg.web import create_app
from kg.web.settings import ServeSettings
from ontology.vocabulary import STATUS

B = "https://policy-kg.example"
#: These tests send far more requests than a client may (tests/kg/web/test_ratelimit.py).
UNLIMITED = ServeSettings(rate_limits=False)
CASEY = f"{B}/report/casey-2025"
SOA_2003 = "http://www.legislation.gov.uk/id/ukpga/2003/42"

NS, IP, LEG, ENA = "NOT_STARTED", "IN_PROGRESS", "LEGISLATING", "ENACTED"
# Each Casey recommendation's status as of a day, read off ingest/sources/status.yaml (an event
# counts on its own date; the latest by date wins):
#   2025-06-15: none (every first event is dated 16 June 2025, the day the audit was published).
#   2025-06-16: the government's acceptance: 1, 2, 4, 8 in_progress; 5 and 6 legislating (the
#               Children's Wellbeing and Schools Bill already before Parliament); 3, 7, 9, 10,
#               11, 12 not_started.
#   2025-09-03: the 2 September progress statement moves 7 to in_progress (2 and 8 stay
#               in_progress); the rest as on 16 June.
#   2025-12-10: 3 legislating (new clauses to the Crime and Policing Bill, 3 November); 10
#               in_progress (research commissioned, 9 December); 11 legislating (taxi clauses
#               to the English Devolution Bill, 18 November); the rest as on 3 September.
#   2026-04-29: Royal Assent day, the day itself included: 3, 5, 6 and 11 enacted.
#   2026-05-31: 11 back to legislating (a further Taxi and Private Hire Vehicle Reform Bill, 13
#               May); 3, 5, 6 enacted (5 and 6 restated on 30 May); the rest as on 10 December.
#   2026-11-30 (today): no later event, so as on 31 May, and as with no asOf at all.
EXPECTED = {
    "2025-06-15": dict.fromkeys(range(1, 13)),
    "2025-06-16": {1: IP, 2: IP, 3: NS, 4: IP, 5: LEG, 6: LEG, 7: NS, 8: IP, 9: NS, 10: NS,
                   11: NS, 12: NS},
    "2025-09-03": {1: IP, 2: IP, 3: NS, 4: IP, 5: LEG, 6: LEG, 7: IP, 8: IP, 9: NS, 10: NS,
                   11: NS, 12: NS},
    "2025-12-10": {1: IP, 2: IP, 3: LEG, 4: IP, 5: LEG, 6: LEG, 7: IP, 8: IP, 9: NS, 10: IP,
                   11: LEG, 12: NS},
    "2026-04-29": {1: IP, 2: IP, 3: ENA, 4: IP, 5: ENA, 6: ENA, 7: IP, 8: IP, 9: NS, 10: IP,
                   11: ENA, 12: NS},
    "2026-05-31": {1: IP, 2: IP, 3: ENA, 4: IP, 5: ENA, 6: ENA, 7: IP, 8: IP, 9: NS, 10: IP,
                   11: LEG, 12: NS},
    "2026-11-30": {1: IP, 2: IP, 3: ENA, 4: IP, 5: ENA, 6: ENA, 7: IP, 8: IP, 9: NS, 10: IP,
                   11: LEG, 12: NS},
}  # fmt: skip

STATUSES = """query($asOf: Date, $recordedBy: Date) { report(id: "casey-2025") {
  recommendations { number status(asOf: $asOf, recordedBy: $recordedBy) { status date } } } }"""
LISTED = """query($status: DeliveryStatus, $notIn: [DeliveryStatus!], $asOf: Date,
                  $recordedBy: Date) {
  recommendations(report: "casey-2025", status: $status, statusNotIn: $notIn, asOf: $asOf,
                  recordedBy: $recordedBy, first: 100) { edges { node { number } } } }"""


def graphql(http: httpx.Client, query: str, **variables) -> dict:
    body = http.post("/graphql", json={"query": query, "variables": variables}).json()
    assert "errors" not in body, body
    return body["data"]


def statuses(http, **when) -> dict[int, str | None]:
    data = graphql(http, STATUSES, **when)
    return {r["number"]: (r["status"] or {}).get("status")
            for r in data["report"]["recommendations"]}  # fmt: skip


def listed(http, **filters) -> set[int]:
    data = graphql(http, LISTED, **filters)
    return {e["node"]["number"] for e in data["recommendations"]["edges"]}


@pytest.fixture(scope="module")
def http(bundled_build, live_server):
    with (
        live_server(create_app(bundled_build, settings=UNLIMITED)) as server,
        httpx.Client(base_url=server.url, timeout=60) as client,
    ):
        yield client


# ------------------------------------------------------------------------------ asOf, bundled


@pytest.mark.parametrize("day", sorted(EXPECTED))
def test_each_casey_recommendation_as_of_a_day(http, day):
    assert statuses(http, asOf=day) == EXPECTED[day]


def test_no_date_answers_for_today(http):
    assert statuses(http) == EXPECTED["2026-11-30"]


@pytest.mark.parametrize("day", sorted(EXPECTED))
def test_the_list_filters_agree_with_each_recommendations_status(http, day):
    expected = EXPECTED[day]
    for status in STATUS:
        wanted = {n for n, s in expected.items() if s == status.notation}
        assert listed(http, status=status.notation, asOf=day) == wanted, (day, status)
        # no status at all counts as "not in" any
        assert listed(http, notIn=[status.notation], asOf=day) == set(expected) - wanted


def test_status_history_as_of_leaves_out_later_events(http):
    data = graphql(
        http,
        """{ recommendation(report: "casey-2025", number: 3) {
        all: statusHistory { date status }
        then: statusHistory(asOf: "2025-11-13") { date status recorded }
        since: statusHistory(since: "2025-11-04", asOf: "2025-12-09") { date } } }""",
    )
    rec = data["recommendation"]
    assert [e["date"] for e in rec["all"]] == [
        "2025-06-16", "2025-11-03", "2025-11-13", "2025-12-09", "2026-04-29"]  # fmt: skip
    assert rec["then"] == [
        {"date": "2025-06-16", "status": NS, "recorded": "2025-06-16"},
        {"date": "2025-11-03", "status": LEG, "recorded": "2025-11-03"},
        # pp-q87812, its only source, has no issue date: no recorded date
        {"date": "2025-11-13", "status": LEG, "recorded": None},
    ]
    assert [e["date"] for e in rec["since"]] == ["2025-11-13", "2025-12-09"]


# ------------------------------------------------------------------------------ recordedBy, bundled

# Recommendation 3's Royal Assent event is dated 29 April 2026, but its only source, Home Office
# circular 004/2026 (ho-circular-004-2026), was issued on 29 June 2026: recorded after its date.
# Its previous event (9 December 2025, legislating) cites an undated summary, so it counts as
# recorded on its own date.
ASSENT = f"{CASEY}/recommendation/3/status/2026-04-29-enacted"


def test_a_fact_published_after_its_date(http):
    data = graphql(
        http,
        """{ recommendation(report: "casey-2025", number: 3) {
        statusHistory { id: date recorded status } } }""",
    )
    assert data["recommendation"]["statusHistory"][-1] == {
        "id": "2026-04-29", "recorded": "2026-06-29", "status": ENA}  # fmt: skip
    # what held on 31 May 2026 ...
    assert statuses(http, asOf="2026-05-31")[3] == ENA
    # ... and what had been published by then
    said = statuses(http, asOf="2026-05-31", recordedBy="2026-05-31")
    assert said == {**EXPECTED["2026-05-31"], 3: LEG}
    assert statuses(http, recordedBy="2026-06-28")[3] == LEG
    assert statuses(http, recordedBy="2026-06-29")[3] == ENA
    # the list filters say the same
    assert listed(http, status=ENA, asOf="2026-05-31") == {3, 5, 6}
    assert listed(http, status=ENA, asOf="2026-05-31", recordedBy="2026-05-31") == {5, 6}
    assert listed(http, status=LEG, asOf="2026-05-31", recordedBy="2026-05-31") == {3, 11}
    assert listed(http, notIn=[ENA], recordedBy="2026-05-31") == set(range(1, 13)) - {5, 6}


def test_recorded_before_its_own_date_is_taken_as_recorded(http):
    """Recommendation 6's acceptance event (16 June 2025) cites a campaign group's page issued
    on 14 June: its recorded date is the earliest cited, so by 15 June it had been recorded
    (dated the 16th, it is still not in view as of the 15th)."""
    assert statuses(http, recordedBy="2025-06-15") == {
        **dict.fromkeys(range(1, 13)), 6: LEG}  # fmt: skip
    assert statuses(http, asOf="2025-06-15", recordedBy="2025-06-15")[6] is None


def test_body_responsibilities_as_of_and_recorded_by(http):
    query = """query($asOf: Date, $recordedBy: Date) { body(id: "home-office") {
        responsibilities(asOf: $asOf, recordedBy: $recordedBy) { number report { key issued } }
    } }"""

    def held(**when):
        data = graphql(http, query, **when)
        return [(r["report"]["key"], r["number"], r["report"]["issued"])
                for r in data["body"]["responsibilities"]]  # fmt: skip

    everything = held()
    assert ("casey-2025", 1, "2025-06-16") in everything
    before = held(asOf="2025-06-15")
    assert before == [r for r in everything if r[2] <= "2025-06-15"]
    assert not any(key == "casey-2025" for key, _n, _i in before) and before
    assert held(asOf="2025-06-16") == everything
    assert held(asOf="2000-01-01") == []
    # recorded by: Casey's responsibilities were recorded with the audit, on 16 June 2025; the
    # Home Office's for IICSA's Recommendation 13 (a duty to report) cites only a delegated
    # powers memorandum of 13 February 2026, although the report is of 2022.
    iicsa_13 = ("iicsa-final-2022", 13, "2022-10-20")
    assert iicsa_13 in before
    assert held(recordedBy="2025-06-15") == [r for r in before if r != iicsa_13]
    assert held(recordedBy="2026-02-12") == [r for r in everything if r != iicsa_13]
    assert held(recordedBy="2026-02-13") == everything
    assert held(asOf="2025-06-15", recordedBy="2026-02-13") == before


def test_trace_recorded_by(http):
    query = """query($from: ID!, $to: ID, $recordedBy: Date) {
        trace(from: $from, to: $to, recordedBy: $recordedBy) { steps { predicate to { id } } } }"""
    ends = {"from": f"{CASEY}/recommendation/1", "to": SOA_2003}

    def paths(**when):
        return [[(s["predicate"], s["to"]["id"]) for s in p["steps"]]
                for p in graphql(http, query, **ends, **when)["trace"]]  # fmt: skip

    section_9 = ("reliesOn", f"{SOA_2003}/section/9")  # its link cites a source of 17 June 2025
    today = paths()
    assert any(section_9 in p for p in today)
    assert paths(recordedBy="2026-11-30") == today
    assert paths(recordedBy="2025-06-15") == []  # nothing about the audit was published yet
    audit_day = paths(recordedBy="2025-06-16")
    assert audit_day and not any(section_9 in p for p in audit_day)
    assert all(p[-1][1] == SOA_2003 for p in audit_day)


# ------------------------------------------------------------------------------ views and pages

NODES = re.compile(r'id="kg-nodes">(.*?)</script>', re.S)
RECS = {f"{CASEY}/recommendation/{n}" for n in range(1, 13)}


def shown_recommendations(page: str) -> set[int]:
    nodes = {node["id"] for node in json.loads(NODES.search(page).group(1))}
    return {int(n.rsplit("/", 1)[1]) for n in nodes & RECS}


@pytest.mark.parametrize("day", ["2025-09-03", "2025-12-10", "2026-05-31"])
def test_network_view_status_as_of(http, day):
    response = http.get(f"/viz?report=casey-2025&status=LEGISLATING&asOf={day}")
    assert response.status_code == 200, response.text
    wanted = {n for n, s in EXPECTED[day].items() if s == LEG}
    assert shown_recommendations(response.text) == wanted
    assert f"as of {day}" in response.text  # the view says the day it answers for


def test_network_view_recorded_by(http):
    response = http.get("/viz?report=casey-2025&status=ENACTED&asOf=2026-05-31"
                        "&recordedBy=2026-05-31")  # fmt: skip
    assert shown_recommendations(response.text) == {5, 6}
    assert "as of 2026-05-31, as recorded by 2026-05-31" in response.text


def test_network_view_status_with_nothing_then(http):
    response = http.get("/viz?status=ENACTED&asOf=2025-06-15")
    assert response.status_code == 400
    assert "nothing matches status ENACTED as of 2025-06-15" in response.text


@pytest.mark.parametrize("bad", ["yesterday", "2026-02-30", "20260301"])
def test_a_bad_date_is_a_clear_400(http, bad):
    for path in ("/viz", "/report/casey-2025/recommendation/3"):
        response = http.get(path, params={"asOf": bad})
        assert response.status_code == 400, (path, bad)
        assert "asOf must be a date written YYYY-MM-DD, got " in response.text
        assert bad in response.text
    response = http.get("/viz", params={"recordedBy": bad})
    assert response.status_code == 400
    assert "recordedBy must be a date" in response.text


def latest_line(page: str) -> str:
    return re.search(r'<p class="latest-status">(.*?)</p>', page).group(1)


def test_entity_page_as_of(http):
    path = "/report/casey-2025/recommendation/3"
    page = http.get(path).text
    assert latest_line(page).startswith("Latest status: <strong>ENACTED</strong>")
    assert ASSENT[len(B) :] in page  # the event is linked

    page = http.get(path, params={"asOf": "2025-12-10"}).text
    assert latest_line(page) == (
        "Latest status as of 2025-12-10: <strong>LEGISLATING</strong> (legislating), 2025-12-09"
    )
    assert ASSENT[len(B) :] not in page  # a later event is not listed
    assert "/status/2025-12-09-legislating" in page  # an earlier one is

    page = http.get(path, params={"asOf": "2026-05-31", "recordedBy": "2026-05-31"}).text
    assert latest_line(page).startswith(
        "Latest status as of 2026-05-31, as recorded by 2026-05-31: <strong>LEGISLATING</strong>"
    )
    assert ASSENT[len(B) :] not in page

    page = http.get(path, params={"asOf": "2025-06-15"}).text
    assert latest_line(page) == "No status reported as of 2025-06-15."
    assert "/status/" not in page


# ------------------------------------------------------------------------------ a corpus of ties

TIES = """
sources:
  - {key: doc, title: The report, issued: 2026-01-01, authority: primary}
  - {key: late, title: Published a month later, issued: 2026-04-01, authority: primary}
  - {key: undated, title: No issue date, authority: secondary}
report:
  key: ties-2026
  title: Ties
  issued: 2026-01-01
  document: doc
  cite: [doc]
  recommendations:
    - {number: 1, title: First, summary: Tied then enacted., no_instrument: {reason: none},
       cite: [doc]}
    - {number: 2, title: Second, summary: Tied then delivered., no_instrument: {reason: none},
       cite: [doc]}
    - {number: 3, title: Third, summary: No status., no_instrument: {reason: none},
       cite: [doc]}
status_events:
  # Event IRIs hold the status's name: "the greater IRI wins" would pick IN_PROGRESS for 1 and
  # NOT_STARTED for 2; the shared rule (further along in delivery wins) picks STALLED and
  # IN_PROGRESS.
  - {recommendation: ties-2026/1, status: stalled, date: 2026-03-01, cite: [doc]}
  - {recommendation: ties-2026/1, status: in_progress, date: 2026-03-01, cite: [doc]}
  - {recommendation: ties-2026/2, status: in_progress, date: 2026-03-01, cite: [doc]}
  - {recommendation: ties-2026/2, status: not_started, date: 2026-03-01, cite: [doc]}
  # dated 15 March, recorded 1 April (its source's issue date)
  - {recommendation: ties-2026/1, status: enacted, date: 2026-03-15, cite: [late]}
  # no recorded date: counts as recorded on its own date, 1 May
  - {recommendation: ties-2026/2, status: delivered, date: 2026-05-01, cite: [undated]}
"""
# (asOf, recordedBy) -> the latest status of recommendations 1, 2 and 3
TIE_CASES = {
    (None, None): ("ENACTED", "DELIVERED", None),
    ("2026-02-28", None): (None, None, None),
    ("2026-03-01", None): ("STALLED", "IN_PROGRESS", None),
    ("2026-03-14", None): ("STALLED", "IN_PROGRESS", None),
    ("2026-03-15", None): ("ENACTED", "IN_PROGRESS", None),
    ("2026-03-20", "2026-03-20"): ("STALLED", "IN_PROGRESS", None),
    (None, "2026-03-31"): ("STALLED", "IN_PROGRESS", None),
    (None, "2026-04-01"): ("ENACTED", "IN_PROGRESS", None),
    (None, "2026-04-30"): ("ENACTED", "IN_PROGRESS", None),
    (None, "2026-05-01"): ("ENACTED", "DELIVERED", None),
    ("2026-04-30", "2026-12-31"): ("ENACTED", "IN_PROGRESS", None),
    (None, "2025-12-31"): (None, None, None),
}
TIES_REPORT = f"{B}/report/ties-2026"


@pytest.fixture(scope="module")
def ties_build(tmp_path_factory, kg):
    sources = tmp_path_factory.mktemp("ties-as-of")
    (sources / "ties.yaml").write_text(textwrap.dedent(TIES))
    out = sources / "kg.nq"
    result = kg("build", "-q", "--sources", str(sources), "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def ties_http(ties_build, live_server):
    with (
        live_server(create_app(ties_build, settings=UNLIMITED)) as server,
        httpx.Client(base_url=server.url, timeout=60) as client,
    ):
        yield client


class Without:
    """A store seen without LATERAL (and lookups): the list filters take the SPARQL 1.1 form."""

    capabilities = Capabilities()

    def __init__(self, store):
        self.select = store.select


@pytest.mark.parametrize(("as_of", "recorded_by"), sorted(TIE_CASES, key=str))
def test_the_tie_rule_holds_with_as_of_and_recorded_by(ties_http, ties_build, as_of,
                                                       recorded_by):  # fmt: skip
    expected = dict(zip((1, 2, 3), TIE_CASES[as_of, recorded_by], strict=True))
    when = {k: v for k, v in (("asOf", as_of), ("recordedBy", recorded_by)) if v}
    query = """query($asOf: Date, $recordedBy: Date) { report(id: "ties-2026") {
        recommendations { number status(asOf: $asOf, recordedBy: $recordedBy) { status } } } }"""
    data = graphql(ties_http, query, **when)
    found = {r["number"]: (r["status"] or {}).get("status")
             for r in data["report"]["recommendations"]}  # fmt: skip
    assert found == expected
    # the list filters, in both SPARQL forms, say the same
    embedded = open_build(ties_build)
    for store in (embedded, Without(embedded)):
        for status in STATUS:
            wanted = {n for n, s in expected.items() if s == status.notation}
            filters = {"report": TIES_REPORT, "as_of": as_of, "recorded_by": recorded_by}
            got = lists.recommendations(store, status_iri=status.iri, **filters)
            assert {int(i.rsplit("/", 1)[1]) for i in got} == wanted, (store, status)
            got = lists.recommendations(store, status_not_in=[status.iri], **filters)
            assert {int(i.rsplit("/", 1)[1]) for i in got} == {1, 2, 3} - wanted


def test_the_python_rule_filters_before_it_orders():
    events = [  # (date, status, IRI, recorded)
        ("2026-03-01", STATUS.STALLED, "e/1", "2026-01-01"),
        ("2026-03-01", STATUS.IN_PROGRESS, "e/2", "2026-01-01"),
        ("2026-03-15", STATUS.ENACTED, "e/3", "2026-04-01"),
        ("2026-05-01", STATUS.DELIVERED, "e/4", None),
    ]

    def latest(**when):
        ordered = rule.in_order(events, date=lambda e: e[0], status=lambda e: e[1],
                                iri=lambda e: e[2], recorded=lambda e: e[3], **when)  # fmt: skip
        return ordered[-1][2] if ordered else None

    assert latest() == "e/4"
    assert latest(as_of="2026-03-01") == "e/1"  # the tie: STALLED is further along
    assert latest(as_of="2026-02-28") is None
    assert latest(as_of="2026-04-30") == "e/3"
    assert latest(recorded_by="2026-03-31") == "e/1"
    assert latest(recorded_by="2026-04-30") == "e/3"  # e/4 counts as recorded on 1 May
    assert latest(recorded_by="2026-05-01") == "e/4"
    assert latest(as_of=dt.date(2026, 3, 15), recorded_by=dt.date(2026, 4, 1)) == "e/3"
    with pytest.raises(TypeError):
        rule.in_order(events, lambda e: e[0], lambda e: e[1], lambda e: e[2], recorded_by="2026")
    for bad in ("2026-02-30", "20260301", "2026-W09-1", "2026-03-01T00:00"):
        with pytest.raises(ValueError):
            rule.day(bad)


def test_sparql_dates_are_checked_before_they_reach_a_query():
    with pytest.raises(ValueError):
        rule.latest_in([STATUS.ENACTED.iri], negate=False, lateral=True, as_of='2026" } #')


def test_status_queries_cost_round_trips_by_depth_not_results(bundled_build, live_server):
    """asOf and recordedBy read the events' dates for a whole level at once."""
    store = open_build(bundled_build)
    query = """query($n: Int) { recommendations(first: $n, asOf: "2026-01-01",
        statusNotIn: [DELIVERED], recordedBy: "2026-01-01") { edges { node {
        status(asOf: "2026-01-01", recordedBy: "2026-01-01") { status recorded }
        statusHistory(recordedBy: "2026-01-01") { date } } } } }"""

    def cost(first):
        before = store.round_trips
        request = {"query": query, "variables": {"n": first}}
        response = httpx.post(f"{server.url}/graphql", json=request, timeout=60)
        assert "errors" not in response.json()
        assert len(response.json()["data"]["recommendations"]["edges"]) == first
        return store.round_trips - before

    with live_server(create_app(bundled_build, store=store, settings=UNLIMITED)) as server:
        few, many = cost(2), cost(20)
    assert few == many, (few, many)
