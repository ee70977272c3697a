"""The report timeline (kg.web.timeline) and the entity pages' reader-shaped sections
(kg.web.sections), over real HTTP against the bundled corpus: what each shows is what GraphQL
answers for the same build."""

from __future__ import annotations

import datetime as dt
import itertools
from html.parser import HTMLParser
from urllib.parse import quote

import httpx
import pytest

from kg.rules.status import DONE
from kg.web import create_app
from kg.web.settings import ServeSettings
from kg.web.timeline import STALE_DAYS
from ontology.vocabulary import (
    AUTHORITY,
    BILL_STAGE,
    HOUSE,
    IN_FORCE_STATE,
    LEGAL_STAGE,
    RELATION,
    ROLE,
    STANCE,
    STATUS,
)

B = "https://policy-kg.example"
CASEY = f"{B}/report/casey-2025"
WORDS = {s.notation: s.label for s in STATUS}
DONE_NOTATIONS = {s.notation for s in DONE}

# ------------------------------------------------------------------------------ a small DOM

VOID = {"meta", "link", "br", "img", "input", "hr", "col", "area", "base", "source", "wbr"}


class El:
    def __init__(self, tag: str, attrs: dict, parent: El | None):
        self.tag, self.attrs, self.parent, self.children = tag, attrs, parent, []

    def text(self) -> str:
        parts = []
        for child in self.children:
            parts.append(child.text() if isinstance(child, El) else child)
        return " ".join("".join(parts).split())

    def own_text(self) -> str:
        """The text outside <title> children (an SVG link's tooltip is not what it shows)."""
        parts = [c if isinstance(c, str) else ("" if c.tag == "title" else c.own_text())
                 for c in self.children]  # fmt: skip
        return " ".join("".join(parts).split())

    def iter(self):
        yield self
        for child in self.children:
            if isinstance(child, El):
                yield from child.iter()

    def all(self, tag: str | None = None, cls: str | None = None, **attrs) -> list[El]:
        found = []
        for el in self.iter():
            if el is self or (tag and el.tag != tag):
                continue
            if cls and cls not in (el.attrs.get("class") or "").split():
                continue
            if all(el.attrs.get(k.replace("_", "-")) == v for k, v in attrs.items()):
                found.append(el)
        return found

    def one(self, tag: str | None = None, cls: str | None = None, **attrs) -> El:
        found = self.all(tag, cls, **attrs)
        assert len(found) == 1, (tag, cls, attrs, len(found))
        return found[0]

    def section(self, ident: str) -> El:
        return self.one("section", aria_labelledby=ident)


class _Tree(HTMLParser):
    def __init__(self):
        super().__init__()
        self.root = self.current = El("#document", {}, None)

    def handle_starttag(self, tag, attrs):
        el = El(tag, dict(attrs), self.current)
        self.current.children.append(el)
        if tag not in VOID:
            self.current = el

    def handle_startendtag(self, tag, attrs):
        self.current.children.append(El(tag, dict(attrs), self.current))

    def handle_endtag(self, tag):
        el = self.current
        while el is not None and el.tag != tag:
            el = el.parent
        assert el is not None, f"</{tag}> closes nothing"
        self.current = el.parent

    def handle_data(self, data):
        self.current.children.append(data)


def parse(page: str) -> El:
    tree = _Tree()
    tree.feed(page)
    tree.close()
    assert tree.current is tree.root, "an element was left open"
    return tree.root


# ------------------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def http(bundled_build, live_server):
    app = create_app(bundled_build, settings=ServeSettings(rate_limits=False))
    with live_server(app) as server, httpx.Client(base_url=server.url, timeout=30) as client:
        yield client


@pytest.fixture(scope="module")
def gql(http):
    def run(query: str, **variables):
        response = http.post("/graphql", json={"query": query, "variables": variables})
        body = response.json()
        assert "errors" not in body, body
        return body["data"]

    return run


def page(http, path: str) -> El:
    response = http.get(path, headers={"accept": "text/html"})
    assert response.status_code == 200, (path, response.text)
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    return parse(response.text)


HISTORY = """query($asOf: Date) { report(id: "casey-2025") { issued recommendations {
  id number title statusHistory(asOf: $asOf) { date status
    citations { url source { title authority } } } } } }"""


def lanes_of(doc: El) -> list[El]:
    return doc.one("svg", cls="timeline").all("g", cls="lane")


def marks_of(lane: El) -> list[tuple[str, str]]:
    return [(a.attrs["data-date"], a.attrs["data-status"]) for a in lane.all("a", cls="mark")]


def stale_lanes(recommendations: list[dict], day: dt.date) -> dict[int, str]:
    """What the timeline should shade on `day`: recommendations not done whose last event (or,
    with none, the report's issue) is STALE_DAYS or more before it."""
    found = {}
    for rec in recommendations:
        history = rec["statusHistory"]
        last = history[-1] if history else None
        if last and last["status"] in DONE_NOTATIONS:
            continue
        since = last["date"] if last else "2025-06-16"
        if (day - dt.date.fromisoformat(since)).days >= STALE_DAYS:
            found[rec["number"]] = since
    return found


# ------------------------------------------------------------------------------ the timeline


def test_one_lane_per_recommendation_with_its_status_history(http, gql):
    report = gql(HISTORY)["report"]
    doc = page(http, "/timeline?report=casey-2025")
    lanes = lanes_of(doc)
    recs = report["recommendations"]
    assert len(lanes) == len(recs) == 12
    for lane, rec in zip(lanes, recs, strict=True):
        assert lane.attrs["data-recommendation"] == rec["id"]
        assert lane.attrs["data-number"] == str(rec["number"])
        label = lane.one("a", cls="lane-label")
        assert label.attrs["href"] == rec["id"][len(B) :]
        wide = label.one("text", cls="long").text()
        assert wide.startswith(f"Rec {rec['number']}: ")
        title = wide.split(": ", 1)[1]
        assert title == rec["title"] or (
            title.endswith("…") and rec["title"].startswith(title[:-1])
        )
        assert label.one("title").text() == f"Recommendation {rec['number']}: {rec['title']}"
        # the marks are its statusHistory: dates and statuses, in order
        history = rec["statusHistory"]
        assert marks_of(lane) == [(e["date"], e["status"]) for e in history]
        assert len(history) >= 1
        for mark, event in zip(lane.all("a", cls="mark"), history, strict=True):
            # a link to the event's first citation, and its status in words in its title
            assert mark.attrs["href"] == (event["citations"][0]["url"] or rec["id"][len(B) :])
            said = mark.one("title").text()
            assert said.startswith(f"Rec {rec['number']}, {event['date']}: "
                                   f"{WORDS[event['status']]}. Source: ")  # fmt: skip
            # its shape: the status's own (not colour alone)
            use = mark.one("use")
            assert use.attrs["href"] == "#kg-mark-" + event["status"].lower().replace("_", "-")
    assert sum(len(r["statusHistory"]) for r in recs) == 43  # status.yaml's Casey events


def test_the_table_holds_the_same_events(http, gql):
    recs = gql(HISTORY)["report"]["recommendations"]
    doc = page(http, "/timeline?report=casey-2025")
    table = doc.one("table", cls="events-table")
    headers = [th.text() for th in table.one("thead").all("th")]
    assert headers == ["Recommendation", "Date", "Status", "Source"]
    rows = [[td.text() for td in tr.all("td")] for tr in table.one("tbody").all("tr")]
    expected = [
        [f"Rec {r['number']}", e["date"], WORDS[e["status"]],
         f"{e['citations'][0]['source']['title']} "
         f"{AUTHORITY.by_notation(e['citations'][0]['source']['authority']).label}"]
        for r in recs for e in r["statusHistory"]
    ]  # fmt: skip
    assert rows == expected


def test_as_of_a_day_the_axis_ends_then_and_stale_lanes_are_shaded(http, gql):
    day = "2026-06-30"
    recs = gql(HISTORY, asOf=day)["report"]["recommendations"]
    doc = page(http, f"/timeline?report=casey-2025&asOf={day}")
    lanes = lanes_of(doc)
    for lane, rec in zip(lanes, recs, strict=True):
        assert marks_of(lane) == [(e["date"], e["status"]) for e in rec["statusHistory"]]
    expected = stale_lanes(recs, dt.date.fromisoformat(day))
    assert expected == {9: "2025-06-16", 12: "2025-06-16"}  # Rec 8's last event is 301 days old
    shaded = {int(lane.attrs["data-number"]): lane.one("text", cls="stale-note").text()
              for lane in lanes if lane.all("rect", cls="stale")}  # fmt: skip
    assert shaded == {n: f"no event since {since}" for n, since in expected.items()}
    summary = doc.one(id="stale-summary").text()
    assert summary.startswith("Not moved for a year or more (2 of 12, shaded above): ")
    assert summary.endswith("Rec 9 (no event since 2025-06-16), Rec 12 (no event since "
                            "2025-06-16).")  # fmt: skip
    ticks = [(t.text(), t.attrs["class"]) for t in doc.one("svg", cls="timeline").all("text")
             if "tick" in t.attrs["class"]]  # fmt: skip
    assert ticks[-2:] == [("2025-06-16", "tick"), (f"{day} (as of {day})", "tick")]  # the ends
    # every other month between them (July is too close to the start); a phone shows January
    assert ticks[:-2] == [("Sep", "tick minor"), ("Nov", "tick minor"), ("Jan 2026", "tick"),
                          ("Mar", "tick minor"), ("May", "tick minor")]  # fmt: skip


def test_today_the_axis_ends_today(http, gql):
    recs = gql(HISTORY)["report"]["recommendations"]
    doc = page(http, "/timeline?report=casey-2025")
    end = doc.one("svg", cls="timeline").all("text", cls="tick")[-1].text()
    today = dt.date.today()
    assert end in (f"{today} (today)", f"{today - dt.timedelta(days=1)} (today)")
    shaded = {int(lane.attrs["data-number"]) for lane in lanes_of(doc)
              if lane.all("rect", cls="stale")}  # fmt: skip
    assert shaded == set(stale_lanes(recs, dt.date.fromisoformat(end.split()[0])))


def test_links_to_and_from_the_timeline(http):
    doc = page(http, "/timeline?report=casey-2025")
    assert doc.one("a", id="report-page").attrs["href"] == "/report/casey-2025"
    assert doc.one("a", id="report-feed").attrs["href"] == "/feed.atom?report=casey-2025"
    report = page(http, "/report/casey-2025")
    assert report.one("a", id="timeline-link").attrs["href"] == "/timeline?report=casey-2025"
    rec = page(http, "/report/casey-2025/recommendation/3")
    assert rec.one("a", id="report-timeline").attrs["href"] == "/timeline?report=casey-2025"
    # /timeline alone lists every report, the newest first, each with its timeline
    index = page(http, "/timeline")
    links = [a.attrs["href"] for a in index.one("ul").all("a")]
    assert links[0] == "/timeline?report=casey-2025" and len(links) == 9
    # by IRI too
    iri = page(http, f"/timeline?report={CASEY}")
    assert len(lanes_of(iri)) == 12


@pytest.mark.parametrize(
    ("query", "status", "message"),
    [
        ("report=nothing", 404, f"no report {B}/report/nothing in the graph\n"),
        ("report=casey-2025&asOf=2025-13-01", 400,
         "asOf must be a date written YYYY-MM-DD, got '2025-13-01'\n"),
        ("report=casey-2025&asOf=2025-01-01", 400,
         "asOf 2025-01-01 is before the report was issued (2025-06-16)\n"),
        ("report=casey-2025&colour=red", 400,
         "unknown parameter 'colour'; a timeline takes report=, asOf= and recordedBy=\n"),
        ("report=not%20a%20key", 400, "'not a key' is neither an IRI nor a report key\n"),
    ],
)  # fmt: skip
def test_bad_requests_are_named(http, query, status, message):
    response = http.get(f"/timeline?{query}")
    assert (response.status_code, response.text) == (status, message)


def test_the_timeline_reads_in_round_trips_that_do_not_grow_with_lanes(bundled_build):
    """12 lanes and 36 events cost the store as many round trips as 5 lanes and 2 events."""
    from kg.api.context import Build
    from kg.build import base_of
    from kg.store import open_build
    from kg.web.timeline import report_timeline

    store = open_build(bundled_build)
    build = Build(store=store, base=base_of(store), build_id="test")
    trips = []
    for key in ("casey-2025", "hmicfrs-2023"):
        before = store.round_trips
        report_timeline(build, f"{B}/report/{key}")
        trips.append(store.round_trips - before)
    assert trips[0] == trips[1]


# ------------------------------------------------------------------------------ page sections

S = "citations { source { id title authority publisher issued } }"
REC = """query($id: ID!, $asOf: Date) { recommendation(id: $id) {
  summary report { title issued }
  response { stance issued summary citations { source { id title authority publisher issued } } }
  statusHistory(asOf: $asOf) { date status }
  responsibilities { role body { name }
                     citations { source { id title authority publisher issued } } }
  instruments { relation instrument { label citation partOf { label partOf { label } } }
                citations { source { id title authority publisher issued } } }
  addresses { label }
  echoes { label report { title issued } }
  targets { due commitment citations { source { id title authority publisher issued } } }
  citations { source { id title authority publisher issued } }
} }"""


LEGAL = """query($id: ID!, $asOf: Date) { recommendation(id: $id) { legalStatus(asOf: $asOf) {
  stage date asOf confirmed chain { step from { id } to { id } date confirmed } } } }"""


def headings(doc: El) -> list[tuple[int, str]]:
    return [(int(el.tag[1]), el.text()) for el in doc.iter()
            if len(el.tag) == 2 and el.tag[0] == "h" and el.tag[1].isdigit()]  # fmt: skip


def assert_headings_in_order(doc: El):
    found = headings(doc)
    assert [level for level, _ in found].count(1) == 1 and found[0][0] == 1
    for (before, _), (after, text) in itertools.pairwise(found):
        assert after <= before + 1, f"{text!r} skips a level"


def test_a_recommendation_page_says_what_it_asks_and_where_it_stands(http, gql):
    rec = gql(REC, id="casey-2025/1")["recommendation"]
    doc = page(http, "/report/casey-2025/recommendation/1")
    assert_headings_in_order(doc)
    assert [text for level, text in headings(doc) if level == 2][:10] == [
        "What it asks", "The government's response", "Its status over time", "Who delivers it",
        "The law it touches", "Legal status", "Findings it addresses",
        "Earlier recommendations it repeats", "Targets", "Sources and their authority",
    ]  # fmt: skip
    asks = doc.section("asks")
    assert asks.one("p", cls="summary").text() == " ".join(rec["summary"].split())
    assert asks.all("p")[1].text() == (f"Recommendation 1 of {rec['report']['title']}, issued "
                                       f"{rec['report']['issued']}.")  # fmt: skip
    # the response: stance, date, what it says, its source
    response = doc.section("response").one("dl")
    values = dict(zip([dt_.text() for dt_ in response.all("dt")],
                      [dd.text() for dd in response.all("dd")], strict=True))  # fmt: skip
    stance = STANCE.by_notation(rec["response"]["stance"]).label
    assert (values["Stance"], values["Date"]) == (stance, rec["response"]["issued"])
    assert (stance, values["Date"]) == ("accepted", "2025-06-16")
    assert values["What it says"] == " ".join(rec["response"]["summary"].split())
    assert values["Source"].startswith(rec["response"]["citations"][0]["source"]["title"])
    # its status over time: a lane and the dated events, each with its status in words
    status = doc.section("status-over-time")
    [lane] = status.one("svg", cls="timeline").all("g", cls="lane")
    assert marks_of(lane) == [(e["date"], e["status"]) for e in rec["statusHistory"]]
    events = [(li.attrs["data-date"], li.one("span", cls="status").text())
              for li in status.one("ol", cls="events").all("li")]  # fmt: skip
    assert events == [(e["date"], WORDS[e["status"]]) for e in rec["statusHistory"]]
    assert events == [("2025-06-16", "in progress"), ("2025-11-27", "in progress"),
                      ("2025-12-09", "in progress")]  # fmt: skip
    # bodies by role, in the roles' order
    roles = doc.section("bodies").one("dl", cls="roles")
    shown: dict[str, list[str]] = {}
    current = None
    for el in roles.children:
        if isinstance(el, El) and el.tag == "dt":
            current = el.text()
        elif isinstance(el, El) and el.tag == "dd":
            shown.setdefault(current, []).append(el.one("a").text())
    expected: dict[str, list[str]] = {}
    for r in rec["responsibilities"]:
        word = ROLE.by_notation(r["role"]).label.capitalize()
        expected.setdefault(word, []).append(r["body"]["name"])
    assert shown == expected
    assert shown == {"Lead": ["Home Office"], "Partner": ["Ministry of Justice"],
                     "Consulted": ["Crown Prosecution Service",
                                   "Police forces of England and Wales"]}  # fmt: skip
    # the law: relation -> instrument (its part-of chain), and a link to its legal status
    law = doc.section("law")
    items = law.one("ul", cls="instruments").all("li")
    assert len(items) == len(rec["instruments"]) == 4
    for li, link in zip(items, rec["instruments"], strict=True):
        names = [a.text() for a in li.all("a")]
        chain, parent = [], link["instrument"]["partOf"]
        while parent:
            chain.append(parent["label"])
            parent = parent["partOf"]
        assert names == [link["instrument"]["label"], *chain]
        assert li.one("strong", cls="relation").text() == RELATION.by_notation(
            link["relation"]).label  # fmt: skip
    assert items[1].text().startswith("amends Rape (section, s. 1), part of Sexual Offences "
                                      "Act 2003 (act, 2003 c. 42)")  # fmt: skip
    assert law.all("a", href="#legal-status")
    assert not doc.all(cls="pending")  # the placeholder is gone
    # its legal status is GraphQL's, with the chain that shows it
    legal = gql(LEGAL, id="casey-2025/1")["recommendation"]["legalStatus"]
    section = doc.section("legal-status")
    stage = LEGAL_STAGE.by_notation(legal["stage"]).label
    assert section.one("strong", cls="stage").text() == stage
    assert "distinct from the latest reported status" in section.one(cls="derivation").text()
    items = section.one("ol", cls="chain").all("li")
    assert [li.one("strong", cls="step").text() for li in items] == [
        link["step"] for link in legal["chain"]]  # fmt: skip
    # the findings it addresses; no echo, no target
    findings = [a.text() for a in doc.section("findings").all("a")]
    assert findings == [f["label"] for f in rec["addresses"]]
    assert doc.section("echoes").text().endswith("It repeats no earlier recommendation "
                                                 "recorded here.")  # fmt: skip
    assert doc.section("targets").text() == "Targets No dated target."


def test_a_recommendation_page_lists_the_sources_behind_it(http, gql):
    """Every source cited by the facts the sections show, once, primary first, with how many
    of those facts it supports."""
    rec = gql(REC, id="casey-2025/1")["recommendation"]
    history = gql(f"""{{ recommendation(id: "casey-2025/1") {{ statusHistory {{
        {S} }} }} }}""")["recommendation"]["statusHistory"]  # fmt: skip
    facts = [rec, rec["response"], *rec["responsibilities"], *rec["instruments"],
             *rec["targets"], *history]  # fmt: skip
    counts: dict[str, int] = {}
    sources = {}
    for fact in facts:
        for citation in fact["citations"]:
            sources[citation["source"]["id"]] = citation["source"]
        for source in {c["source"]["id"] for c in fact["citations"]}:
            counts[source] = counts.get(source, 0) + 1

    def row(source):
        about = ", ".join(w for w in (source["publisher"], source["issued"]) if w)
        authority = AUTHORITY.by_notation(source["authority"])
        return [source["title"] + (f" ({about})" if about else ""), authority.label,
                str(counts[source["id"]])]  # fmt: skip

    ranked = sorted(sources.values(), key=lambda s: (AUTHORITY.by_notation(s["authority"]).order,
                                                     s["title"].lower()))  # fmt: skip
    doc = page(http, "/report/casey-2025/recommendation/1")
    table = doc.section("sources-behind").one("table")
    assert [th.text() for th in table.all("th")] == ["Source", "Authority",
                                                     "Facts above it supports"]  # fmt: skip
    rows = [[td.text() for td in tr.all("td")] for tr in table.one("tbody").all("tr")]
    assert rows == [row(s) for s in ranked]
    assert [r[1] for r in rows] == ["primary"] * 3 + ["secondary"] * 6


def test_a_recommendation_page_shows_the_recommendations_it_repeats(http, gql):
    rec = gql(REC, id="casey-2025/4")["recommendation"]
    doc = page(http, "/report/casey-2025/recommendation/4")
    items = [li.text() for li in doc.section("echoes").one("ul", cls="echoes").all("li")]
    echoes = sorted(rec["echoes"], key=lambda e: e["report"]["issued"])
    assert [i.split(" unconfirmed")[0].split(" Linked by:")[0] for i in items] == [
        f"{e['label']}, in {e['report']['title']} ({e['report']['issued'][:4]})" for e in echoes
    ]
    assert len(items) == 3
    # each link says who makes it
    assert all("Linked by: " in i for i in items)


def test_a_recommendation_page_shows_its_targets_as_of_a_day(http, gql):
    day = "2026-06-30"
    rec = gql(REC, id="casey-2025/2", asOf=day)["recommendation"]
    overdue = gql("query($d: Date) { overdue(asOf: $d) { target { due } daysLate "
                  "recommendation { id } } }", d=day)["overdue"]  # fmt: skip
    late = {o["target"]["due"]: o["daysLate"] for o in overdue
            if o["recommendation"]["id"] == f"{CASEY}/recommendation/2"}  # fmt: skip
    doc = page(http, f"/report/casey-2025/recommendation/2?asOf={day}")
    table = doc.section("targets").one("table")
    rows = [[td.text() for td in tr.all("td")] for tr in table.one("tbody").all("tr")]
    assert [[r[0], r[1].removesuffix(" unconfirmed")] for r in rows] == [
        [t["due"], " ".join(t["commitment"].split())] for t in rec["targets"]
    ]
    assert late == {"2026-03-31": 91}
    assert [r[2] for r in rows] == [f"overdue by 91 days on {day}", "not yet due"]


def test_a_body_page_lists_what_it_leads_partners_and_is_consulted_on(http, gql):
    data = gql("""{ body(id: "home-office") {
        lead: responsibilities(role: LEAD) { label report { key } status { status date } }
        partner: responsibilities(role: PARTNER) { label report { key } status { status date } }
        consulted: responsibilities(role: CONSULTED) { label report { key }
                                                      status { status date } } } }""")["body"]
    doc = page(http, "/body/home-office")
    assert_headings_in_order(doc)
    section = doc.section("responsibilities")
    for role, heading in (("lead", "What it leads"), ("partner", "What it is a partner on"),
                          ("consulted", "What it is consulted on")):  # fmt: skip
        h3 = section.one("h3", id=f"role-{role}")
        expected = data[role]
        if not expected:
            assert h3.text() == heading
            continue
        assert h3.text() == f"{heading} ({len(expected)})"
        table = h3.parent.children[h3.parent.children.index(h3) + 1]
        rows = [[td.text() for td in tr.all("td")] for tr in table.one("tbody").all("tr")]
        shown = {r[0].removesuffix(" unconfirmed"): r[1:] for r in rows}
        assert len(shown) == len(rows)
        assert shown == {
            r["label"]: [r["report"]["key"],
                         WORDS[r["status"]["status"]] if r["status"] else "no status reported",
                         r["status"]["date"] if r["status"] else ""]
            for r in expected
        }  # fmt: skip
    assert len(data["lead"]) == 21 and len(data["partner"]) == 5 and data["consulted"] == []


def test_a_report_page_is_a_compact_tracker(http, gql):
    data = gql("""{ report(id: "casey-2025") {
        recommendations { number title status { status date }
                          responsibilities(role: LEAD) { body { name } } }
        findings { label addressedBy { report { key } number } } } }""")["report"]
    doc = page(http, "/report/casey-2025")
    assert_headings_in_order(doc)
    tracker = doc.section("tracker")
    table = tracker.one("table", cls="tracker")
    assert [th.text() for th in table.all("th")] == ["No.", "Recommendation", "Latest status",
                                                     "Since", "Lead"]  # fmt: skip
    rows = [[td.text() for td in tr.all("td")] for tr in table.one("tbody").all("tr")]
    assert rows == [
        [str(r["number"]), r["title"], WORDS[r["status"]["status"]], r["status"]["date"],
         ", ".join(x["body"]["name"] for x in r["responsibilities"])]
        for r in data["recommendations"]
    ]  # fmt: skip
    counts: dict[str, int] = {}
    for r in data["recommendations"]:
        counts[r["status"]["status"]] = counts.get(r["status"]["status"], 0) + 1
    tally = ", ".join(f"{s.label} {counts[s.notation]}" for s in STATUS if s.notation in counts)
    assert tracker.one("p", cls="tally").text() == (f"12 recommendations; latest status: "
                                                    f"{tally}.")  # fmt: skip
    items = doc.section("report-findings").one("ul", cls="findings").all("li")
    assert len(items) == len(data["findings"])
    for li, finding in zip(items, data["findings"], strict=True):
        assert li.all("a")[0].text() == finding["label"]
        by = [f"Rec {r['number']}" for r in finding["addressedBy"]]
        if by:
            assert li.text() == f"{finding['label']} addressed by {', '.join(by)}"
        else:
            assert li.text() == (f"{finding['label']} not addressed no recommendation "
                                 "addresses it")  # fmt: skip


def test_a_page_as_of_a_day_answers_for_that_day(http, gql):
    day = "2025-10-01"
    doc = page(http, f"/report/casey-2025?asOf={day}")
    data = gql("""query($d: Date) { report(id: "casey-2025") { recommendations {
        status(asOf: $d) { status date } } } }""", d=day)["report"]  # fmt: skip
    rows = doc.section("tracker").one("tbody").all("tr")
    assert [[td.text() for td in tr.all("td")][2:4] for tr in rows] == [
        [WORDS[r["status"]["status"]], r["status"]["date"]] for r in data["recommendations"]
    ]
    rec = page(http, f"/report/casey-2025/recommendation/3?asOf={day}")
    dates = [li.attrs["data-date"] for li in rec.section("status-over-time").all("li")]
    assert dates == ["2025-06-16"]  # the later events are not yet known


# ------------------------------------------------------------------------------ the law's record
# Over the fixture corpus (tests/fixtures/corpus): test-2025/1 is carried by a bill with two
# stages, enacted as an Act whose s. 9 an effect brings into force on 2004-05-01.

ACT = "http://www.legislation.gov.uk/id/ukpga/2003/42"
SECTION_9 = f"{ACT}/section/9"
C = "citations { url locator source { title url authority } }"
CHAIN = f"""query($id: ID!, $asOf: Date) {{ recommendation(id: $id) {{ legalStatus(asOf: $asOf) {{
  stage date asOf confirmed carriers {{ id label }}
  chain {{ step from {{ id label }} to {{ id label }} date note confirmed {C} }} }} }} }}"""
LAW = f"""query($id: ID!, $asOf: Date) {{ node(id: $id) {{ ... on Instrument {{
  inForce(asOf: $asOf) {{ state since qualification evidence {{ what date entity {{ id }} {C} }} }}
  effects {{ type affectedId inForceDates {{ date qualification }} commencementAuthority
             outstanding(asOf: $asOf) {C} }}
  bill {{ stages {{ stage description house date confirmed {C} }} }}
  recommendations {{ id label }} }} }} }}"""


@pytest.fixture(scope="module")
def small_gql(fixture_http):
    def run(query: str, **variables):
        response = fixture_http.post("/graphql", json={"query": query, "variables": variables})
        body = response.json()
        assert "errors" not in body, body
        return body["data"]

    return run


def pairs(dl: El) -> list[tuple[str, str]]:
    """A definition list's (term, definition) texts."""
    terms, definitions = dl.all("dt"), dl.all("dd")
    return [(t.text(), d.text()) for t, d in zip(terms, definitions, strict=True)]


def entity_path(iri: str) -> str:
    return iri[len(B) :] if iri.startswith(B + "/") else f"/entity?id={quote(iri, safe='')}"


def cited_as_shown(el: El) -> list[tuple[str, str]]:
    """The (title, URL) of each source link in `el`."""
    return [(a.text(), a.attrs["href"]) for a in el.all("a", rel="noreferrer")]


def cited_expected(citations: list[dict]) -> list[tuple[str, str]]:
    return [(c["source"]["title"], c["url"] or c["source"]["url"]) for c in citations]


@pytest.mark.parametrize("day", [None, "2003-06-01", "2003-12-01"])
def test_a_recommendation_page_traces_its_legal_status(fixture_http, small_gql, day):
    legal = small_gql(CHAIN, id=f"{B}/report/test-2025/recommendation/1",
                      asOf=day)["recommendation"]["legalStatus"]  # fmt: skip
    path = "/report/test-2025/recommendation/1" + (f"?asOf={day}" if day else "")
    section = page(fixture_http, path).section("legal-status")
    stage = LEGAL_STAGE.by_notation(legal["stage"])
    line = section.one("p", cls="legal-stage")
    assert line.one("strong", cls="stage").text() == stage.label
    assert line.text().startswith(f"Legal status as of {legal['asOf']}: {stage.label} since "
                                  f"{legal['date']}.")  # fmt: skip
    assert ("unconfirmed" in line.text()) == (not legal["confirmed"])
    derivation = section.one("p", cls="derivation").text()
    assert "cited legislative record" in derivation
    assert "distinct from the latest reported status" in derivation
    assert [a.attrs["href"] for a in section.one("p", cls="carriers").all("a")] == [
        entity_path(c["id"]) for c in legal["carriers"]]  # fmt: skip
    items = section.one("ol", cls="chain").all("li")
    assert len(items) == len(legal["chain"])
    for li, link in zip(items, legal["chain"], strict=True):
        assert li.one("strong", cls="step").text() == link["step"]
        ends = [a.attrs["href"] for a in li.all("a") if "rel" not in a.attrs]
        assert ends == [entity_path(link["from"]["id"]), entity_path(link["to"]["id"])]
        if link["date"]:
            assert link["date"] in [t.text() for t in li.all("time")]
        if link["note"]:
            assert link["note"] in li.text()
        assert cited_as_shown(li.one("div", cls="cited")) == cited_expected(link["citations"])
        marked = "unconfirmed-link" in li.attrs["class"].split()
        assert marked == (not link["confirmed"])
        assert bool(li.all("span", cls="warn")) == (not link["confirmed"])
    if day is None:
        assert (stage, legal["date"]) == (LEGAL_STAGE.IN_FORCE, "2004-05-01")
        commenced = items[-1]
        assert commenced.text().startswith("commenced: A section → coming into force: s. 9, "
                                           "2004-05-01 — in force (wholly in force)")  # fmt: skip
    if day == "2003-06-01":
        assert stage == LEGAL_STAGE.BILL_INTRODUCED


def test_a_recommendation_asking_no_change_to_the_law_says_so(fixture_http):
    section = page(fixture_http, "/report/test-2025/recommendation/2").section("legal-status")
    assert "no change to the law" in section.text()
    assert not section.all("ol")


@pytest.mark.parametrize("day", [None, "2004-01-01"])
def test_a_section_page_says_whether_it_is_in_force_and_why(fixture_http, small_gql, day):
    law = small_gql(LAW, id=SECTION_9, asOf=day)["node"]
    query = f"&asOf={day}" if day else ""
    doc = page(fixture_http, f"/entity?id={quote(SECTION_9, safe='')}{query}")
    assert [h for level, h in headings(doc) if level == 2][:4] == [
        f"In force {'as of ' + day if day else 'today'}", "Effects",
        "Recommendations that touch it", "Facts"]  # fmt: skip
    in_force = doc.section("in-force")
    state = IN_FORCE_STATE.by_notation(law["inForce"]["state"])
    assert in_force.one("strong", cls="state").text() == state.label
    if day is None:
        assert state == IN_FORCE_STATE.IN_FORCE
        assert in_force.one("p", cls="in-force-state").text().endswith(
            "in force since 2004-05-01 (wholly in force).")  # fmt: skip
    evidence = law["inForce"]["evidence"]
    rows = in_force.all("tbody") and in_force.one("tbody").all("tr")
    assert len(rows or []) == len(evidence)
    for tr, fact in zip(rows or [], evidence, strict=True):
        cells = tr.all("td")
        assert cells[0].text() == (fact["date"] or "—") and fact["what"] in cells[1].text()
        assert cells[2].one("a").attrs["href"] == entity_path(fact["entity"]["id"])
        assert cited_as_shown(cells[3]) == cited_expected(fact["citations"])
    # effects: type, affected, affecting, in force, authority, outstanding, source
    [effect] = law["effects"]
    [row] = doc.section("effects").one("tbody").all("tr")
    cells = [td.text() for td in row.all("td")]
    assert cells[0] == effect["type"] == "coming into force"
    assert cells[3] == "2004-05-01 (wholly in force)"
    assert cells[4] == ", ".join(effect["commencementAuthority"]) == "s. 141"
    assert cells[5] == ("outstanding" if effect["outstanding"] else "no")
    assert cited_as_shown(row.all("td")[6]) == cited_expected(effect["citations"])
    # and back: the recommendations that touch it
    touching = doc.section("touching").one("tbody").all("tr")
    assert [tr.one("a").attrs["href"] for tr in touching] == [
        entity_path(r["id"]) for r in law["recommendations"]]  # fmt: skip


def test_an_act_page_is_partly_in_force_when_one_section_is(fixture_http, small_gql):
    law = small_gql(LAW, id=ACT, asOf="2010-01-01")["node"]
    doc = page(fixture_http, f"/entity?id={quote(ACT, safe='')}&asOf=2010-01-01")
    state = IN_FORCE_STATE.by_notation(law["inForce"]["state"])
    assert doc.section("in-force").one("strong", cls="state").text() == state.label
    assert pairs(doc.section("in-force").one("dl"))[0] == ("Enacted", "2003-11-20")


def test_a_bill_page_shows_its_passage_stage_by_stage(fixture_http, small_gql):
    law = small_gql(LAW, id=f"{B}/instrument/test-bill")["node"]
    doc = page(fixture_http, "/instrument/test-bill")
    assert not doc.all("section", aria_labelledby="in-force")  # a bill is not law
    passage = doc.section("passage")
    assert ("Introduced in", "House of Commons") in pairs(passage.one("dl"))
    assert passage.one("dl").all("a")[-1].attrs["href"] == entity_path(ACT)  # enacted as
    rows = passage.one("tbody").all("tr")
    assert len(rows) == len(law["bill"]["stages"]) == 2
    for tr, stage in zip(rows, law["bill"]["stages"], strict=True):
        cells = tr.all("td")
        house = HOUSE.by_notation(stage["house"]).label if stage["house"] else "—"
        label = BILL_STAGE.by_notation(stage["stage"]).label
        assert [c.text() for c in cells[:3]] == [stage["date"], house,
                                                 label[:1].upper() + label[1:]]  # fmt: skip
        assert cells[3].text().startswith(stage["description"])
        assert ("unconfirmed" in cells[3].text()) == (not stage["confirmed"])
        assert cited_as_shown(cells[4]) == cited_expected(stage["citations"])


def test_a_clause_page_says_when_it_was_tabled_and_what_it_became(fixture_http):
    passage = page(fixture_http, "/instrument/test-bill-clause-1").section("passage")
    assert pairs(passage.one("dl")) == [("Tabled", "2003-01-10"), ("Enacted as", "A section")]
    assert passage.one("a").attrs["href"] == entity_path(SECTION_9)
