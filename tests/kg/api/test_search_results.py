"""GraphQL `search` and `searchResults` over the search index: ranked, scored, filtered,
counted, with snippets, cursors that walk every page once and are refused from another build,
and a clear error for a text with no word."""

from __future__ import annotations

import base64

import pytest

BASE = "https://policy-kg.example"
RESULTS = """query ($text: String!, $kind: [EntityKind!], $report: ID, $confirmed: Boolean,
                     $first: Int, $after: String) {
  searchResults(text: $text, kind: $kind, report: $report, confirmed: $confirmed,
                first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor score snippet highlights { start end } node { __typename id label } }
  }
}"""


def ask(http, query, **variables):
    return http.post("/graphql", json={"query": query, "variables": variables}).json()


def results(http, **variables):
    body = ask(http, RESULTS, **variables)
    assert "errors" not in body, body
    return body["data"]["searchResults"]


def test_search_is_ranked_by_the_index(fixture_http):
    body = ask(fixture_http, '{ search(text: "act") { id } }')
    ids = [e["id"] for e in body["data"]["search"]]
    assert ids[:2] == ["http://www.legislation.gov.uk/id/ukpga/2003/42",
                       f"{BASE}/report/test-2025/recommendation/1"]  # fmt: skip
    edges = results(fixture_http, text="act")["edges"]
    assert [e["node"]["id"] for e in edges] == ids


def test_scores_snippets_and_highlights(fixture_http):
    found = results(fixture_http, text="poorly kept")
    assert found["totalCount"] == 1
    (edge,) = found["edges"]
    assert edge["score"] > 0 and edge["node"]["__typename"] == "Finding"
    words = [edge["snippet"][h["start"] : h["end"]] for h in edge["highlights"]]
    assert words == ["poorly", "kept"]


def test_kind_report_and_confirmed_filters(fixture_http):
    findings = results(fixture_http, text="data", kind=["FINDING"])
    assert findings["totalCount"] == 2
    assert {e["node"]["__typename"] for e in findings["edges"]} == {"Finding"}
    both = results(fixture_http, text="test", kind=["BODY", "REPORT"])
    assert {e["node"]["__typename"] for e in both["edges"]} == {"Body", "Report"}
    report = results(fixture_http, text="data", report="test-2025")
    assert [e["node"]["id"] for e in report["edges"]] == [
        f"{BASE}/report/test-2025/finding/no-data"
    ]
    everything = results(fixture_http, text="test")["totalCount"]
    split = [results(fixture_http, text="test", confirmed=c)["totalCount"] for c in (True, False)]
    assert all(split) and sum(split) == everything


def test_cursors_walk_every_page_once(fixture_http):
    whole = results(fixture_http, text="test", first=100)
    expected = [e["node"]["id"] for e in whole["edges"]]
    assert len(expected) == whole["totalCount"] >= 5
    seen, after, pages = [], None, 0
    while True:
        page = results(fixture_http, text="test", first=2, after=after)
        assert page["totalCount"] == len(expected)
        assert page["pageInfo"]["hasPreviousPage"] == (after is not None)
        seen += [e["node"]["id"] for e in page["edges"]]
        pages += 1
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
        assert after == page["edges"][-1]["cursor"]
    assert seen == expected and pages == -(-len(expected) // 2)


def test_a_cursor_from_another_build_is_refused(fixture_http):
    foreign = base64.urlsafe_b64encode(b"v1:0123456789abcdef:1").decode()
    body = ask(fixture_http, RESULTS, text="test", after=foreign)
    assert "another build" in body["errors"][0]["message"]
    body = ask(fixture_http, RESULTS, text="test", after="not-a-cursor")
    assert "is not a cursor" in body["errors"][0]["message"]


@pytest.mark.parametrize("text", ['"', "AND (", "NEAR(", "data*", 'summary:"x'])
def test_fts_syntax_in_the_text_is_only_words(fixture_http, text):
    body = ask(fixture_http, RESULTS, text=text)
    if "errors" in body:
        assert "at least one word" in body["errors"][0]["message"], body
    else:
        assert body["data"]["searchResults"]["totalCount"] >= 0


@pytest.mark.parametrize("field", ["search", "searchResults"])
def test_a_text_with_no_word_is_a_clear_error(fixture_http, field):
    selection = "{ id }" if field == "search" else "{ totalCount }"
    body = ask(fixture_http, f"query ($t: String!) {{ {field}(text: $t) {selection} }}", t=" ")
    assert body["data"] is None
    assert body["errors"][0]["message"] == (
        "search: text must hold at least one word (letters or digits)"
    )


def test_page_size_is_bounded(fixture_http):
    body = ask(fixture_http, RESULTS, text="test", first=101)
    assert "exceeds the maximum page size" in body["errors"][0]["message"]
    body = ask(fixture_http, '{ search(text: "test", first: -1) { id } }')
    assert "must be 0 or more" in body["errors"][0]["message"]
