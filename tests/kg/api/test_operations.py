"""Every named operation in graphql/operations answers correctly over real HTTP, against a real
`kg serve` process serving the bundled corpus."""

import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

OPERATIONS = Path(__file__).parents[3] / "graphql" / "operations"
CASEY_DATE = "2025-06-16"
SOA = "http://www.legislation.gov.uk/id/ukpga/2003/42"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """`kg serve` in a subprocess; it builds the bundled corpus first (no build exists yet)."""
    build = tmp_path_factory.mktemp("serve") / "kg.nq"
    # --port 0: the server binds any free port and says which once it listens, on stderr
    # ("serving ... on http://127.0.0.1:PORT/ ..."); the rest of stderr goes to a log.
    log = tmp_path_factory.mktemp("serve-log") / "stderr.log"
    # no rate limits: the module asks more questions than one client may in a burst
    serve = ["serve", "--build", str(build), "--port", "0", "-q", "--rate-limits", "false"]
    with open(log, "w") as stderr:
        process = subprocess.Popen(
            [sys.executable, "-m", "kg", *serve],
            stdout=subprocess.DEVNULL,
            stderr=stderr,
            env={**os.environ},
        )
    deadline = time.monotonic() + 120
    while not (found := re.search(r" on (http://127\.0\.0\.1:\d+)/ ", log.read_text())):
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            raise RuntimeError(f"kg serve did not start: {log.read_text()}")
        time.sleep(0.1)
    url = found.group(1)
    assert httpx.get(f"{url}/healthz", timeout=10).status_code == 200
    yield url
    process.send_signal(signal.SIGINT)
    assert process.wait(timeout=30) == 0, log.read_text()


def run(url, name, variables=None):
    query = (OPERATIONS / f"{name}.graphql").read_text()
    response = httpx.post(
        f"{url}/graphql", json={"query": query, "variables": variables or {}}, timeout=30
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert "errors" not in body, body["errors"]
    return body["data"]


def nodes(connection):
    return [edge["node"] for edge in connection["edges"]]


def test_there_are_at_least_twelve_named_operations():
    names = sorted(p.stem for p in OPERATIONS.glob("*.graphql"))
    assert len(names) >= 12
    for name in names:  # one named query per file, named like the file
        assert f"query {name}" in (OPERATIONS / f"{name}.graphql").read_text()


def test_every_operation_has_a_test():
    tested = {n[len("test_") :] for n in globals() if n.startswith("test_")}
    for path in OPERATIONS.glob("*.graphql"):
        assert path.stem in tested, f"no test for {path.name}"


def test_HomeOfficeLeads(served):
    body = run(served, "HomeOfficeLeads")["body"]
    assert body["name"] == "Home Office"
    casey = {r["number"] for r in body["responsibilities"] if r["report"]["key"] == "casey-2025"}
    assert {1, 2, 4} <= casey
    assert all(r["status"]["date"] >= CASEY_DATE for r in body["responsibilities"]
               if r["report"]["key"] == "casey-2025")  # fmt: skip


def test_RecommendationsTouchingAct(served):
    recs = nodes(run(served, "RecommendationsTouchingAct")["recommendations"])
    rec1 = next(r for r in recs if r["report"]["key"] == "casey-2025" and r["number"] == 1)
    touched = {link["instrument"]["id"]: link["relation"] for link in rec1["instruments"]}
    assert touched[f"{SOA}/section/1"] == "AMENDS"
    assert touched[f"{SOA}/section/9"] == "RELIES_ON"
    sections = [link["instrument"] for link in rec1["instruments"]
                if link["instrument"]["kind"] == "SECTION"]  # fmt: skip
    assert all(s["partOf"]["citation"] == "2003 c. 42" for s in sections)


def test_TraceRecommendationToStatute(served):
    paths = run(served, "TraceRecommendationToStatute")["trace"]
    assert paths
    for path in paths:
        assert path["steps"][0]["from"]["id"].endswith("/report/casey-2025/recommendation/1")
        assert path["steps"][-1]["to"]["id"] == SOA
        for step in path["steps"]:
            assert step["citations"], f"hop without a citation: {step}"
            assert all(c["source"]["authority"] in ("PRIMARY", "SECONDARY")
                       for c in step["citations"])  # fmt: skip
    assert min(len(p["steps"]) for p in paths) == 1  # Recommendation 1 amends the Act directly


def test_FindingsWithoutRecommendation(served):
    found = nodes(run(served, "FindingsWithoutRecommendation")["findings"])
    assert [f["key"] for f in found] == ["non-uk-nationals-in-live-operations"]


def test_RecommendationsRepeatingEarlierInquiries(served):
    recs = nodes(run(served, "RecommendationsRepeatingEarlierInquiries")["recommendations"])
    numbers = {r["number"] for r in recs}
    assert {4, 5, 11} <= numbers  # ethnicity data, information sharing, taxi licensing
    for rec in recs:
        assert rec["echoes"]
        assert all(e["report"]["issued"] < CASEY_DATE for e in rec["echoes"])


def test_ChangesSince(served):
    since = "2025-09-01"
    rec = run(served, "ChangesSince", {"number": 3, "since": since})["recommendation"]
    history = rec["statusHistory"]
    assert history and all(e["date"] >= since for e in history)
    assert [e["date"] for e in history] == sorted(e["date"] for e in history)
    assert rec["status"]["date"] == history[-1]["date"]
    assert all(e["citations"] for e in history)


def test_GovernmentResponse(served):
    recs = run(served, "GovernmentResponse")["report"]["recommendations"]
    assert [r["number"] for r in recs] == list(range(1, 13))
    assert {r["response"]["stance"] for r in recs} == {"ACCEPTED"}
    assert recs[0]["response"]["confirmed"] is True  # Recommendation 1: read on gov.uk


def test_NotYetLegislated(served):
    done = {"ENACTED", "IN_FORCE", "DELIVERED"}
    pending = nodes(run(served, "NotYetLegislated")["recommendations"])
    assert all(r["status"] is None or r["status"]["status"] not in done for r in pending)
    every = run(served, "GovernmentResponse")["report"]["recommendations"]
    all_status = httpx.post(
        f"{served}/graphql",
        json={"query": '{ recommendations(report: "casey-2025", first: 50) { edges { node {'
                       " number status { status } } } } }"},
    ).json()["data"]["recommendations"]  # fmt: skip
    expected = {n["number"] for n in nodes(all_status)
                if n["status"] is None or n["status"]["status"] not in done}  # fmt: skip
    assert {r["number"] for r in pending} == expected
    assert 0 < len(expected) < len(every)


def test_SectionToRecommendations(served):
    section = run(served, "SectionToRecommendations")["instrument"]
    assert section["citation"] == "s. 9"
    assert section["partOf"]["title"] == "Sexual Offences Act 2003"
    assert {(r["report"]["key"], r["number"]) for r in section["recommendations"]} >= {
        ("casey-2025", 1)
    }
    assert {link["holder"]["__typename"] for link in section["links"]} >= {"Recommendation"}


def test_BodyProfile(served):
    body = run(served, "BodyProfile")["body"]
    assert body["abbreviation"] == "DfE"
    assert ("casey-2025", 6) in {(r["report"]["key"], r["number"])
                                 for r in body["responsibilities"]}  # fmt: skip
    assert body["citations"]


def test_Search(served):
    found = run(served, "Search", {"text": "taxi"})["search"]
    assert any(
        e["__typename"] == "Recommendation" and e["id"].endswith("casey-2025/recommendation/11")
        for e in found
    )
    assert all("taxi" in e["label"].lower() for e in found[:3])  # label matches rank first


def test_SearchResults(served):
    found = run(served, "SearchResults", {"text": "taxi", "kind": ["RECOMMENDATION"]})
    results = found["searchResults"]
    assert results["totalCount"] >= len(results["edges"]) > 0
    assert {e["node"]["__typename"] for e in results["edges"]} == {"Recommendation"}
    scores = [e["score"] for e in results["edges"]]
    assert scores == sorted(scores, reverse=True)
    for edge in results["edges"]:
        words = [edge["snippet"][h["start"] : h["end"]].lower() for h in edge["highlights"]]
        assert words and all(w.startswith("taxi") for w in words)


def test_UnconfirmedRecommendations(served):
    recs = nodes(run(served, "UnconfirmedRecommendations")["recommendations"])
    assert 1 not in {r["number"] for r in recs}
    assert 12 in {r["number"] for r in recs}
    assert all(r["unconfirmedNote"] for r in recs)


def test_Under16Reform(served):
    proposal = run(served, "Under16Reform")["proposal"]
    assert proposal["proposedBy"]["number"] == 1
    assert "Romeo and Juliet" in proposal["safeguards"]
    roles = {(r["body"]["name"], r["role"]) for r in proposal["responsibilities"]}
    assert ("Crown Prosecution Service", "CONSULTED") in roles
    assert any(c["instrument"]["partOf"] and c["instrument"]["partOf"]["title"] ==
               "Sexual Offences Act 2003" for c in proposal["changes"])  # fmt: skip


def test_RecommendationsByTheme(served):
    recs = nodes(run(served, "RecommendationsByTheme")["recommendations"])
    keys = {(r["report"]["key"], r["number"]) for r in recs}
    assert ("casey-2025", 11) in keys
    assert any(k[0] == "telford-2022" for k in keys)


def test_RecurringCalls(served):
    as_of = {"asOf": "2026-06-16"}  # years outstanding are counted to this date, not today
    everything = run(served, "RecurringCalls", as_of)["recurrence"]
    issues = {(i["recommendation"]["report"]["key"], i["recommendation"]["number"]): i
              for i in everything}  # fmt: skip
    assert run(served, "RecurringCalls", {**as_of, "first": 2})["recurrence"] == everything[:2]
    # ethnicity data, information sharing and taxi licensing, each back to its earliest report:
    # iicsa-networks-2022 was issued 2022-02-01 and telford-2022 2022-07-12 (their YAML), so
    # to 2026-06-16 they are 1,596 and 1,435 days, 4.4 and 3.9 years (of 365.25 days).
    expected = {
        4: ("iicsa-networks-2022", "2022-02-01", 4.4),
        5: ("iicsa-networks-2022", "2022-02-01", 4.4),
        11: ("telford-2022", "2022-07-12", 3.9),
    }
    for number, (earliest, issued, years) in expected.items():
        issue = issues[("casey-2025", number)]
        assert issue["earliestReport"] == {"key": earliest, "issued": issued}
        assert issue["chain"][0]["report"] == {"key": earliest, "issued": issued}
        assert issue["chain"][-1]["report"]["key"] == "casey-2025"
        assert issue["outstanding"] is True and issue["yearsOutstanding"] == years


def test_Gaps(served):
    gaps = run(served, "Gaps")["gaps"]
    found = {(g["kind"], g["entity"]["id"].rsplit("example", 1)[-1]) for g in gaps}
    unaddressed = "/report/casey-2025/finding/non-uk-nationals-in-live-operations"
    assert ("finding-unaddressed", unaddressed) in found
    assert ("bill-not-enacted", "/instrument/taxi-and-phv-reform-bill") in found
    only = run(served, "Gaps", {"kind": "bill-not-enacted"})["gaps"]
    assert {g["kind"] for g in only} == {"bill-not-enacted"}
    assert run(served, "Gaps", {"first": 3})["gaps"] == gaps[:3]


def test_WhoCarriesTheLoad(served):
    loads = run(served, "WhoCarriesTheLoad")["bodyLoad"]
    assert loads[0]["body"]["key"] == "home-office"
    assert [x["total"] for x in loads] == sorted((x["total"] for x in loads), reverse=True)
    assert all(0 <= x["centrality"] <= 1 for x in loads)
    assert not any(x["centralityEstimated"] for x in loads)  # small enough to be exact
