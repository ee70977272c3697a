"""Atom feeds over HTTP (kg.web.feeds): valid Atom (RFC 4287) that a feed reader parses, the
entries each scope holds, stable entry ids across builds, conditional GET and errors."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import quote

import feedparser
import httpx
import pytest

from kg.web import create_app, feeds
from kg.web.settings import ServeSettings

B = "https://policy-kg.example"
ATOM = "{http://www.w3.org/2005/Atom}"
REC1 = f"{B}/report/test-2025/recommendation/1"
RFC3339 = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)")
#: RFC 3987's absolute-IRI: a scheme, then no whitespace, no characters IRIs exclude, no fragment.
ABSOLUTE_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:[^\s<>\"{}|\\^`#]+")
FIXTURE_FEEDS = [
    "/feed.atom",
    "/feed.atom?report=test-2025",
    "/feed.atom?body=dept",
    "/feed.atom?recommendation=test-2025/1",
    f"/feed.atom?recommendation={quote(REC1, safe='')}",
    f"/feed.atom?report={quote(B + '/report/test-2025', safe='')}",
]
BUNDLED_FEEDS = [
    "/feed.atom",
    "/feed.atom?report=casey-2025",
    "/feed.atom?body=home-office",
    "/feed.atom?recommendation=casey-2025/3",
]


def atom_problems(body: bytes) -> list[str]:
    """What in `body` breaks RFC 4287's rules for a feed and its entries (empty: none)."""
    problems = []
    root = ET.fromstring(body)
    if root.tag != ATOM + "feed":
        return [f"the root is {root.tag}, not atom:feed"]

    def check(element: ET.Element, where: str) -> None:
        for name in ("id", "title", "updated"):
            found = element.findall(ATOM + name)
            if len(found) != 1:
                problems.append(f"{where}: {len(found)} atom:{name}, not exactly one")
        for name in ("published", "summary", "content", "subtitle"):
            if len(element.findall(ATOM + name)) > 1:
                problems.append(f"{where}: more than one atom:{name}")
        for node in element.findall(ATOM + "id"):
            if not ABSOLUTE_IRI.fullmatch(node.text or ""):
                problems.append(f"{where}: id {node.text!r} is not an absolute IRI")
        for name in ("updated", "published"):
            for node in element.findall(ATOM + name):
                if not RFC3339.fullmatch(node.text or ""):
                    problems.append(f"{where}: {name} {node.text!r} is not RFC 3339")
        alternates = [(link.get("type"), link.get("hreflang"))
                      for link in element.findall(ATOM + "link")
                      if link.get("rel", "alternate") == "alternate"]  # fmt: skip
        if len(alternates) != len(set(alternates)):
            problems.append(f"{where}: two alternate links of one type and language")
        for link in element.findall(ATOM + "link"):
            if not link.get("href"):
                problems.append(f"{where}: a link without href")
        for author in element.findall(ATOM + "author"):
            if len(author.findall(ATOM + "name")) != 1:
                problems.append(f"{where}: an author without exactly one name")

    check(root, "feed")
    entries = root.findall(ATOM + "entry")
    ids = []
    for number, entry in enumerate(entries, start=1):
        where = f"entry {number}"
        check(entry, where)
        ids += [node.text for node in entry.findall(ATOM + "id")]
        has_alternate = any(link.get("rel", "alternate") == "alternate"
                            for link in entry.findall(ATOM + "link"))  # fmt: skip
        if not has_alternate and entry.find(ATOM + "content") is None:
            problems.append(f"{where}: neither an alternate link nor content")
        if root.find(ATOM + "author") is None and entry.find(ATOM + "author") is None:
            problems.append(f"{where}: no author, and the feed has none")
    if len(ids) != len(set(ids)):
        problems.append("two entries share an id")
    return problems


def check_feed(response: httpx.Response) -> feedparser.FeedParserDict:
    """The response is an Atom feed that RFC 4287 and a feed reader accept; the parsed feed."""
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/atom+xml; charset=utf-8"
    assert atom_problems(response.content) == []
    parsed = feedparser.parse(response.content)
    assert parsed.bozo == 0, parsed.get("bozo_exception")
    assert parsed.version == "atom10"
    return parsed


def entries_by_id(response: httpx.Response, origin: str) -> dict[str, bytes]:
    """Each entry's XML by its id, with the server's own URL taken out (it has its own port)."""
    root = ET.fromstring(response.text.replace(origin, "ORIGIN").encode())
    return {e.find(ATOM + "id").text: ET.tostring(e) for e in root.findall(ATOM + "entry")}


def serve(path: Path, live_server):
    return live_server(create_app(path, settings=ServeSettings(rate_limits=False)))


@pytest.fixture(scope="module")
def bundled_http(bundled_build, live_server):
    with (
        serve(bundled_build, live_server) as server,
        httpx.Client(base_url=server.url, timeout=30) as client,
    ):
        yield client


# ------------------------------------------------------------------------------ valid Atom


@pytest.mark.parametrize("path", FIXTURE_FEEDS)
def test_fixture_feeds_are_valid_atom(fixture_http, path):
    parsed = check_feed(fixture_http.get(path))
    assert parsed.entries  # every scope of the fixture corpus has something to say


@pytest.mark.parametrize("path", BUNDLED_FEEDS)
def test_bundled_feeds_are_valid_atom(bundled_http, path):
    parsed = check_feed(bundled_http.get(path))
    assert parsed.entries
    updated = [e.updated for e in parsed.entries]
    assert updated == sorted(updated, reverse=True)  # newest first
    assert len(parsed.entries) <= feeds.MAX_ENTRIES


def test_the_feed_describes_itself(fixture_http, fixture_server):
    parsed = check_feed(fixture_http.get("/feed.atom?recommendation=test-2025/1"))
    feed = parsed.feed
    assert feed.id == f"{B}/feed.atom?recommendation=test-2025/1"  # the same on every host
    assert feed.title == "policy-kg: test-2025 Recommendation 1: Change the law"
    links = {link.rel: link.href for link in feed.links}
    assert links["self"] == f"{fixture_server.url}/feed.atom?recommendation=test-2025/1"
    assert links["alternate"] == f"{fixture_server.url}/report/test-2025/recommendation/1"
    assert feed.author == "policy-kg"
    assert feed.updated == max(e.updated for e in parsed.entries)


# ------------------------------------------------------------------------------ what entries hold


def test_a_recommendation_feed_lists_its_status_events_and_response(bundled_http):
    # ingest/sources/status.yaml has five events for casey-2025/3 (2025-06-16 not_started,
    # 2025-11-03, 2025-11-13 and 2025-12-09 legislating, 2026-04-29 enacted), and
    # government-response-2025.yaml its response (accepted, issued 2025-06-16). Nothing else:
    # the report's publication is in the report's feed, not the recommendation's.
    rec = f"{B}/report/casey-2025/recommendation/3"
    expected = {
        f"{rec}/status/2025-06-16-not-started": ("NOT_STARTED", "2025-06-16"),
        f"{rec}/status/2025-11-03-legislating": ("LEGISLATING", "2025-11-03"),
        f"{rec}/status/2025-11-13-legislating": ("LEGISLATING", "2025-11-13"),
        f"{rec}/status/2025-12-09-legislating": ("LEGISLATING", "2025-12-09"),
        f"{rec}/status/2026-04-29-enacted": ("ENACTED", "2026-04-29"),
        f"{rec}/response": ("response ACCEPTED", "2025-06-16"),
    }
    parsed = check_feed(bundled_http.get("/feed.atom?recommendation=casey-2025/3"))
    found = {e.id: (e.title.removeprefix("casey-2025 Rec 3: "), e.published[:10])
             for e in parsed.entries}  # fmt: skip
    assert found == expected
    assert len(parsed.entries) == len(expected)
    for entry in parsed.entries:
        assert entry.updated >= entry.published  # known no earlier than it happened
        assert entry.link.endswith("/report/casey-2025/recommendation/3")  # the alternate
        assert [link for link in entry.links if link.rel == "related"]  # its sources


def test_entries_hold_the_event_its_sources_and_authors(fixture_http, fixture_server):
    parsed = check_feed(fixture_http.get("/feed.atom"))
    by_id = {e.id: e for e in parsed.entries}
    assert set(by_id) == {
        f"{REC1}/status/2025-11-04-legislating",
        f"{REC1}/response",
        f"{B}/report/test-2025/published",
        f"{B}/report/earlier-2014/published",
    }
    event = by_id[f"{REC1}/status/2025-11-04-legislating"]
    assert event.title == "test-2025 Rec 1: LEGISLATING"
    assert event.published == "2025-11-04T00:00:00Z"
    assert event.link == f"{fixture_server.url}/report/test-2025/recommendation/1"
    assert "Status: legislating, on 2025-11-04. Amendments tabled." in event.summary
    assert [(x.rel, x.href) for x in event.links if x.rel == "related"] == [
        ("related", "https://example.org/news")
    ]
    assert "author" not in event  # the cited source names no publisher: the feed's author
    assert event.tags[0].term == "LEGISLATING"
    response = by_id[f"{REC1}/response"]
    assert response.title == "test-2025 Rec 1: response ACCEPTED"
    assert response.author == "Test Office"  # the cited source's publisher
    report = by_id[f"{B}/report/test-2025/published"]
    assert report.title == "test-2025 published: Test report"
    assert report.published == "2025-06-16T00:00:00Z"
    assert report.link == f"{fixture_server.url}/report/test-2025"


def test_a_recommendation_feed_has_no_publications_and_a_report_feed_has_its_own(fixture_http):
    ids = {e.id for e in check_feed(fixture_http.get("/feed.atom?report=test-2025")).entries}
    assert f"{B}/report/test-2025/published" in ids
    assert f"{B}/report/earlier-2014/published" not in ids
    ids = {e.id for e in check_feed(fixture_http.get(
        "/feed.atom?recommendation=test-2025/1")).entries}  # fmt: skip
    assert ids == {f"{REC1}/status/2025-11-04-legislating", f"{REC1}/response"}


def test_updated_is_when_the_fact_was_recorded_but_never_before_it_happened():
    assert feeds.rfc3339("2025-06-16") == "2025-06-16T00:00:00Z"
    assert feeds.rfc3339("2025-06-16T10:00:00+01:00") == "2025-06-16T09:00:00Z"
    assert feeds.rfc3339("June") is None
    own = "2025-06-16T00:00:00Z"
    assert feeds._updated(own, []) == own
    assert feeds._updated(own, ["2025-07-01"]) == "2025-07-01T00:00:00Z"
    assert feeds._updated(own, ["2025-01-01"]) == own


def test_a_long_feed_keeps_the_newest_and_says_so(fixture_build, live_server, monkeypatch):
    monkeypatch.setattr(feeds, "MAX_ENTRIES", 2)
    with serve(fixture_build, live_server) as server:
        parsed = check_feed(httpx.get(server.url + "/feed.atom"))
    assert [e.id for e in parsed.entries] == [
        f"{REC1}/status/2025-11-04-legislating", f"{REC1}/response"]  # fmt: skip
    assert "Only the 2 newest of 4 are listed." in parsed.feed.subtitle


# ------------------------------------------------------------------------------ stable ids

NEW_EVENT = """
  - recommendation: test-2025/1
    status: enacted
    date: 2026-01-15
    note: 'Royal Assent <b>at last</b> & "done"'
    cite: [statute-page]
"""


def test_adding_an_event_adds_exactly_one_entry_with_a_new_id(corpus, kg, live_server,
                                                              tmp_path):  # fmt: skip
    paths = ["/feed.atom", "/feed.atom?recommendation=test-2025/1", "/feed.atom?body=dept"]
    before_build, after_build = tmp_path / "before.nq", tmp_path / "after.nq"
    assert kg("build", "-q", "--sources", str(corpus), "--out", str(before_build)).returncode == 0
    follow_up = corpus / "follow-up.yaml"
    text = follow_up.read_text()
    assert "\nproposals:" in text
    follow_up.write_text(text.replace("\nproposals:", NEW_EVENT.rstrip() + "\nproposals:", 1))
    result = kg("build", "-q", "--sources", str(corpus), "--out", str(after_build))
    assert result.returncode == 0, result.stderr

    def read(build: Path) -> dict[str, tuple[dict[str, bytes], str]]:
        """Each feed's entries by id, and its ETag."""
        with serve(build, live_server) as server:
            answers = {path: httpx.get(server.url + path) for path in paths}
            for response in answers.values():
                check_feed(response)
            return {path: (entries_by_id(r, server.url), r.headers["etag"])
                    for path, r in answers.items()}  # fmt: skip

    before, after = read(before_build), read(after_build)
    new_id = f"{REC1}/status/2026-01-15-enacted"
    for path in paths:
        (old, old_etag), (new, new_etag) = before[path], after[path]
        assert len(new) == len(old) + 1, path
        assert set(new) - set(old) == {new_id}, path
        assert all(new[i] == old[i] for i in old), path  # the same id, the same content
        assert new_etag != old_etag, path
    with serve(after_build, live_server) as server:
        parsed = check_feed(httpx.get(server.url + "/feed.atom?recommendation=test-2025/1"))
    newest = parsed.entries[0]
    assert newest.id == new_id and newest.title == "test-2025 Rec 1: ENACTED"
    assert 'Royal Assent <b>at last</b> & "done"' in newest.summary  # text, not markup


# ------------------------------------------------------------------------------ HTTP


def test_conditional_get_answers_304_without_a_body(fixture_http):
    path = "/feed.atom?report=test-2025"
    first = fixture_http.get(path)
    etag = first.headers["etag"]
    assert re.fullmatch(r'"[0-9a-f]{32}"', etag)  # strong: a hash of the body
    assert first.headers["cache-control"] == feeds.CACHE_CONTROL
    assert fixture_http.get(path).headers["etag"] == etag  # the same body, the same tag
    assert fixture_http.get("/feed.atom").headers["etag"] != etag
    for sent in (etag, f'"other", {etag}', f"W/{etag}", "*"):
        again = fixture_http.get(path, headers={"if-none-match": sent})
        assert again.status_code == 304, sent
        assert again.content == b""
        assert again.headers["etag"] == etag
    assert fixture_http.get(path, headers={"if-none-match": '"other"'}).status_code == 200
    head = fixture_http.head(path)
    assert head.status_code == 200 and head.headers["etag"] == etag


@pytest.mark.parametrize(
    ("query", "status"),
    [
        ("report=nope", 404),
        ("body=nope", 404),
        ("recommendation=test-2025/99", 404),
        (f"report={quote(B + '/body/dept', safe='')}", 404),  # an IRI, of another kind
        ("recommendation=test-2025", 400),
        ("report=not%20a%20key", 400),
        ("report=", 400),
        ("report=test-2025&body=dept", 400),
        ("report=test-2025&report=earlier-2014", 400),
        ("colour=red", 400),
    ],
)
def test_unknown_entities_and_bad_parameters(fixture_http, query, status):
    response = fixture_http.get(f"/feed.atom?{query}")
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("text/plain")


@pytest.mark.parametrize(
    ("page", "feed"),
    [
        ("/report/test-2025/recommendation/1", "/feed.atom?recommendation=test-2025/1"),
        ("/report/test-2025", "/feed.atom?report=test-2025"),
        ("/body/dept", "/feed.atom?body=dept"),
    ],
)
def test_entity_pages_link_their_feed(fixture_http, page, feed):
    html = fixture_http.get(page, headers={"accept": "text/html"}).text
    head = html.split("</head>")[0]
    assert '<link rel="alternate" type="application/atom+xml" title="' in head
    assert f'href="{feed}">' in head
    assert f'<a id="atom-feed" href="{feed}">' in html
    check_feed(fixture_http.get(feed))


def test_other_pages_have_no_feed(fixture_http):
    html = fixture_http.get("/source/press", headers={"accept": "text/html"}).text
    assert "application/atom+xml" not in html and "atom-feed" not in html
