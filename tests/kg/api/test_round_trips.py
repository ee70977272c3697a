"""Store round trips per request grow with the query's depth, not with the number of results."""

import subprocess
import sys

import httpx
import pytest

from graphql import Visitor, parse, visit
from kg.store import Capabilities, open_build
from kg.web import create_app

N = 60  # recommendations in the synthetic corpus

DEEP = """query($n: Int) { recommendations(first: $n) { totalCount edges { node {
  number label confirmed citations { locator source { title authority } }
  responsibilities { role body { name parent { name } responsibilities { number } } }
  instruments { relation instrument { title partOf { title } } }
  addresses { title implicates { name } }
  status { status date } response { stance } themes { name } echoes { number }
} } } }"""


def write_corpus(directory):
    directory.mkdir()
    (directory / "registers.yaml").write_text(
        "sources:\n  - {key: doc, title: Doc, authority: primary}\n"
        "themes:\n  - {key: t, name: T, cite: [doc]}\n"
        "bodies:\n  - {key: parent, name: Parent, kind: department, cite: [doc]}\n"
        + "".join(
            f"  - {{key: body-{i}, name: Body {i}, kind: agency, parent: parent, cite: [doc]}}\n"
            for i in range(N)
        )
        + "instruments:\n  - id: http://www.legislation.gov.uk/id/ukpga/2003/42\n"
        "    kind: act\n    title: Act\n    cite: [doc]\n    parts:\n"
        + "".join(
            f"      - {{id: 'http://www.legislation.gov.uk/id/ukpga/2003/42/section/{i}',"
            f" kind: section, title: S{i}, cite: [doc]}}\n"
            for i in range(1, N + 1)
        )
    )
    recs = "".join(
        f"""    - number: {i}
      title: R{i}
      summary: S{i}
      addresses: [f{i}]
      themes: [t]
      echoes: [{"big/" + str(i - 1) if i > 1 else "big/1"}]
      responsibilities: [{{body: body-{i - 1}, role: lead}}]
      instruments:
        - instrument: 'http://www.legislation.gov.uk/id/ukpga/2003/42/section/{i}'
          relation: amends
      cite: [{{source: doc, locator: 'r{i}'}}]
"""
        for i in range(1, N + 1)
    )
    findings = "".join(
        f"    - {{key: f{i}, title: F{i}, summary: S, implicates: [body-{i - 1}], cite: [doc]}}\n"
        for i in range(1, N + 1)
    )
    (directory / "big.yaml").write_text(
        "report:\n  key: big\n  document: doc\n  title: Big\n  issued: 2025-01-01\n"
        f"  cite: [doc]\n  findings:\n{findings}  recommendations:\n{recs}"
        "responses:\n"
        + "".join(
            f"  - {{recommendation: big/{i}, stance: accepted, summary: ok, cite: [doc]}}\n"
            for i in range(1, N + 1)
        )
        + "status_events:\n"
        + "".join(
            f"  - {{recommendation: big/{i}, status: in_progress, date: 2025-02-01, cite: [doc]}}\n"
            for i in range(1, N + 1)
        )
    )


@pytest.fixture(scope="module")
def big_build(tmp_path_factory):
    work = tmp_path_factory.mktemp("big")
    write_corpus(work / "sources")
    out = work / "kg.nq"
    result = subprocess.run(
        [sys.executable, "-m", "kg", "build", "-q", "--sources", str(work / "sources"),
         "--out", str(out)],
        capture_output=True, text=True,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    return out


def round_trips(server_url, store, first):
    before = store.round_trips
    response = httpx.post(
        f"{server_url}/graphql", json={"query": DEEP, "variables": {"n": first}}, timeout=60
    )
    body = response.json()
    assert "errors" not in body, body
    assert len(body["data"]["recommendations"]["edges"]) == first
    return store.round_trips - before


def fields(query: str) -> int:
    count = 0

    class Count(Visitor):
        def enter_field(self, *_):
            nonlocal count
            count += 1

    visit(parse(query), Count())
    return count


def test_round_trips_do_not_grow_with_results(big_build, live_server):
    """The embedded store is read predicate by predicate, a whole level at a time."""
    store = open_build(big_build)
    with live_server(create_app(big_build, store=store)) as server:
        few = round_trips(server.url, store, 2)
        many = round_trips(server.url, store, N)
    assert many == few, (few, many)
    # at most one round trip per field the query asks for, none per result
    assert many <= fields(DEEP), (many, fields(DEEP))


class OnlySparql:
    """The embedded store seen as a remote one: no per-predicate lookups, so the describer
    loads each batch whole."""

    capabilities = Capabilities()

    def __init__(self, store):
        self.store = store

    round_trips = property(lambda self: self.store.round_trips)

    def select(self, query):
        return self.store.select(query)

    def run_query(self, query, **options):
        return self.store.run_query(query, **options)

    def describe(self, iris, incoming):
        return self.store.describe(iris, incoming)

    def close(self):
        self.store.close()


def test_whole_descriptions_cost_one_round_trip_per_level(big_build, live_server):
    store = OnlySparql(open_build(big_build))
    with live_server(create_app(big_build, store=store)) as server:
        few = round_trips(server.url, store, 2)
        many = round_trips(server.url, store, N)
    assert many == few, (few, many)
    # one round trip per link the query follows (per level), none per result
    assert many <= 20
