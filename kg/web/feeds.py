"""Atom feeds (RFC 4287) of what happens to recommendations, with their routes, so that a feed
reader can follow a recommendation, a report or a body:

- `/feed.atom`: everything;
- `/feed.atom?report=casey-2025`, `?body=home-office`, `?recommendation=casey-2025/3`: one
  entity's (a key or the entity's IRI, as everywhere else). Its page links to it.

One entry per dated event: each status event (a recommendation's status on a date, with its
note), each government response (its stance, on its issue date) and each report's publication.
A recommendation's feed holds its status events and its response; a report's, its publication
and the events of its recommendations; a body's, the events of the recommendations it holds a
responsibility for and the publication of the reports that make them.

An entry's id is the event's own IRI (a status event's names its recommendation, date and
status; a response's, its recommendation), and `<report IRI>/published` for a publication: the
same in every build in which the event is the same. `published` is the event's own date;
`updated` the date the fact was recorded (`pkg:recorded`) when the graph has it and it is not
earlier than the event, else the event's own date. Entries run from the newest; a feed holds the
`MAX_ENTRIES` newest, and its subtitle says when there were more.

The body depends only on the build and the request's base URL (for the absolute links), so
its hash is a strong ETag: a client that sends it back in If-None-Match gets 304 and no body.
The XML is built with ElementTree, which escapes every text and attribute.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, replace
from urllib.parse import quote

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from ontology import PKG
from ontology.vocabulary import STANCE, STATUS, Concept, Scheme

from ..api.context import Build, RequestContext, UserError
from ..store import Store
from .errors import BadRequest, NotFound
from .pages import entity_url

ATOM = "http://www.w3.org/2005/Atom"
MEDIA_TYPE = "application/atom+xml; charset=utf-8"
PATH = "/feed.atom"
#: The most entries a feed holds (the newest); its subtitle says how many there were.
MAX_ENTRIES = 200
#: Feed readers poll; a build changes only when the server restarts, and the ETag makes asking
#: again cheap.
CACHE_CONTROL = "public, max-age=300"
#: The feed's own author, and the entries' when no cited source names a publisher.
AUTHOR = "policy-kg"
#: An empty feed's `updated` (Atom requires one; nothing has happened yet).
EPOCH = "1970-01-01T00:00:00Z"
#: ?<parameter>= -> the class its entity must have.
SCOPES = {"report": str(PKG.Report), "body": str(PKG.Body),
          "recommendation": str(PKG.Recommendation)}  # fmt: skip

ET.register_namespace("", ATOM)


@dataclass(frozen=True)
class Link:
    href: str
    title: str


@dataclass(frozen=True)
class Entry:
    """One dated event, independent of any request (its links are made absolute later)."""

    id: str
    title: str
    published: str  # RFC 3339
    updated: str  # RFC 3339
    page: str  # the IRI of the entity whose page the entry links to
    summary: str
    category: tuple[str, str]  # (term, label)
    node: str  # the node whose citations are the entry's sources
    related: tuple[Link, ...] = ()
    authors: tuple[str, ...] = ()


@dataclass(frozen=True)
class Feed:
    """A scope's entries (the newest `MAX_ENTRIES`, newest first) and what the feed is."""

    query: str  # canonical: "" or "?report=casey-2025"
    title: str
    page: str | None  # the IRI of the entity the feed follows
    entries: tuple[Entry, ...]
    total: int


# ------------------------------------------------------------------------------ dates


def rfc3339(text: str) -> str | None:
    """An xsd:date or xsd:dateTime as RFC 3339 (a date is its midnight, UTC); None if neither."""
    try:
        if "T" not in text:
            return dt.date.fromisoformat(text).isoformat() + "T00:00:00Z"
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _updated(own: str, recorded: list[str]) -> str:
    """When the fact became known, if the graph says so; an event cannot be known before it
    happened, so a recorded date earlier than the event's own does not count."""
    known = sorted(filter(None, (rfc3339(r) for r in recorded)))
    return max(own, known[0]) if known else own


# ------------------------------------------------------------------------------ the graph


def _scope_pattern(param: str | None, iri: str | None) -> str:
    """A SPARQL pattern binding ?rec to the recommendations in scope."""
    if param == "recommendation":
        return f"VALUES ?rec {{ <{iri}> }}"
    if param == "report":
        return f"?rec pkg:report <{iri}> ."
    if param == "body":
        return f"FILTER EXISTS {{ ?rec pkg:responsibility ?resp . ?resp pkg:body <{iri}> }}"
    return ""


def _rows_by(rows, key: str) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for row in rows:
        grouped.setdefault(row[key].value, []).append(row)
    return grouped


def _first(rows: list[dict], name: str) -> str:
    values = sorted({row[name].value for row in rows if name in row})
    return values[0] if values else ""


def _all(rows: list[dict], name: str) -> list[str]:
    return sorted({row[name].value for row in rows if name in row})


def _recommendation_label(rows: list[dict]) -> str:
    return f"{_first(rows, 'key')} Rec {_first(rows, 'number')}"


def _summary(rows: list[dict], what: str, text: str) -> str:
    """An event's summary: its recommendation, what happened, its own words, and why it is
    not confirmed (if it is not)."""
    parts = [f"Recommendation {_first(rows, 'number')}: {_first(rows, 'rtitle')}.", what,
             _first(rows, text)]  # fmt: skip
    if _first(rows, "doubt"):
        parts.append(f"Not confirmed: {_first(rows, 'doubt')}")
    return " ".join(p for p in parts if p)


def _event_entries(store: Store, scope: str, *, link: str, value: str, date: str, text: str,
                   scheme: Scheme, title: Callable[[Concept], str],
                   what: Callable[[Concept, str], str]) -> list[Entry]:  # fmt: skip
    """One entry per dated fact `?rec <link> ?e` whose controlled value (`?e <value>`, of
    `scheme`) and date (`?e <date>`) are known: a recommendation's status events or response.
    `title` names the entry from the value; `what` says it in words, with the date."""
    rows = store.select(f"""
        SELECT ?e ?rec ?key ?number ?rtitle ?value ?date ?text ?recorded ?doubt WHERE {{
          {scope}
          ?rec {link} ?e ; pkg:number ?number ; pkg:report ?report .
          ?report pkg:key ?key .
          ?e {value} ?value ; {date} ?date .
          OPTIONAL {{ ?rec dcterms:title ?rtitle }}
          OPTIONAL {{ ?e {text} ?text }}
          OPTIONAL {{ ?e pkg:recorded ?recorded }}
          OPTIONAL {{ ?e pkg:unconfirmedNote ?doubt }}
        }}""")
    entries = []
    for event, found in sorted(_rows_by(rows, "e").items()):
        published = rfc3339(_first(found, "date"))
        concept = scheme.by_iri(_first(found, "value"))
        if published is None or concept is None:
            continue
        entries.append(Entry(
            id=event,
            title=f"{_recommendation_label(found)}: {title(concept)}",
            published=published,
            updated=_updated(published, _all(found, "recorded")),
            page=_first(found, "rec"),
            summary=_summary(found, what(concept, _first(found, "date")), "text"),
            category=(concept.notation, concept.label),
            node=event,
        ))  # fmt: skip
    return entries


def status_entries(store: Store, scope: str) -> list[Entry]:
    return _event_entries(
        store, scope, link="pkg:statusEvent", value="pkg:status", date="pkg:date",
        text="pkg:note", scheme=STATUS, title=lambda c: c.notation,
        what=lambda c, day: f"Status: {c.label}, on {day}.",
    )  # fmt: skip


def response_entries(store: Store, scope: str) -> list[Entry]:
    """Responses with an issue date (an undated one is no event in time)."""
    return _event_entries(
        store, scope, link="pkg:response", value="pkg:stance", date="dcterms:issued",
        text="pkg:summary", scheme=STANCE, title=lambda c: f"response {c.notation}",
        what=lambda c, day: f"Government response: {c.label}, issued {day}.",
    )  # fmt: skip


def report_entries(store: Store, param: str | None, iri: str | None) -> list[Entry]:
    """Reports' publications: every report's, a report's own, or those of the reports that
    make recommendations to a body; none in a recommendation's feed."""
    if param == "recommendation":
        return []
    scope = {
        "report": f"VALUES ?report {{ <{iri}> }}",
        "body": f"FILTER EXISTS {{ ?rec pkg:report ?report ; pkg:responsibility ?resp . "
                f"?resp pkg:body <{iri}> }}",
    }.get(param or "", "")  # fmt: skip
    rows = store.select(f"""
        SELECT ?report ?key ?title ?issued ?author ?publisher ?recorded WHERE {{
          {scope}
          ?report a pkg:Report ; pkg:key ?key ; dcterms:title ?title ; dcterms:issued ?issued .
          OPTIONAL {{ ?report pkg:author ?author }}
          OPTIONAL {{ ?report pkg:publisher ?publisher }}
          OPTIONAL {{ ?report pkg:recorded ?recorded }}
        }}""")
    entries = []
    for report, found in sorted(_rows_by(rows, "report").items()):
        published = rfc3339(_first(found, "issued"))
        if published is None:
            continue
        by = [x for x in (_first(found, "author"), _first(found, "publisher")) if x]
        summary = f"{_first(found, 'title')}, published {_first(found, 'issued')}"
        summary += f" by {', '.join(dict.fromkeys(by))}." if by else "."
        entries.append(Entry(
            id=f"{report}/published",
            title=f"{_first(found, 'key')} published: {_first(found, 'title')}",
            published=published,
            updated=_updated(published, _all(found, "recorded")),
            page=report,
            summary=summary,
            category=("PUBLISHED", "report published"),
            node=report,
            authors=tuple(dict.fromkeys(by)),
        ))  # fmt: skip
    return entries


def _natural(iri: str) -> list:
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", iri)]


def with_sources(store: Store, entries: list[Entry]) -> list[Entry]:
    """Each entry with a `related` link to each source it cites (the citation's deep link, else
    the source's page) and, unless it names its own, the sources' publishers as its authors."""
    if not entries:
        return entries
    values = " ".join(f"<{e.node}>" for e in entries)
    rows = store.select(f"""
        SELECT ?s ?c ?src ?title ?url ?deep ?locator ?publisher WHERE {{
          VALUES ?s {{ {values} }}
          ?s pkg:citation ?c . ?c pkg:source ?src .
          OPTIONAL {{ ?src dcterms:title ?title }}
          OPTIONAL {{ ?src pkg:url ?url }}
          OPTIONAL {{ ?src pkg:publisher ?publisher }}
          OPTIONAL {{ ?c pkg:url ?deep }}
          OPTIONAL {{ ?c pkg:locator ?locator }}
        }}""")
    by_node: dict[str, dict[str, list[dict]]] = {}
    for row in rows:
        by_node.setdefault(row["s"].value, {}).setdefault(row["c"].value, []).append(row)
    done = []
    for entry in entries:
        links: dict[str, Link] = {}
        publishers: dict[str, None] = {}
        for citation in sorted(by_node.get(entry.node, {}), key=_natural):
            found = by_node[entry.node][citation]
            href = _first(found, "deep") or _first(found, "url")
            title = _first(found, "title") or _first(found, "src")
            if _first(found, "locator"):
                title += f", {_first(found, 'locator')}"
            if href and href not in links:
                links[href] = Link(href, title)
            if _first(found, "publisher"):
                publishers[_first(found, "publisher")] = None
        authors = entry.authors or tuple(publishers)
        done.append(replace(entry, related=tuple(links.values()), authors=authors))
    return done


def feed_of(build: Build, param: str | None, iri: str | None) -> Feed:
    """The feed of everything (`param` None) or of the entity `iri` (kept per build)."""
    store = build.store
    title, query = "policy-kg: every report, response and status event", ""
    if param is not None:
        rows = store.select(f"""SELECT ?label WHERE {{ <{iri}> a <{SCOPES[param]}> .
                                OPTIONAL {{ <{iri}> rdfs:label ?label }} }}""")
        if not rows:
            raise NotFound(f"no {param} {iri} in the graph")
        label = _first(rows, "label") or iri
        if param == "recommendation":  # "Recommendation 3: ..." says not whose
            label = f"{feed_key(build.base, param, iri).split('/')[0]} {label}"
        title = f"policy-kg: {label}"
        query = f"?{param}={quote(feed_key(build.base, param, iri), safe='/:')}"
    scope = _scope_pattern(param, iri)
    entries = (status_entries(store, scope) + response_entries(store, scope)
               + report_entries(store, param, iri))  # fmt: skip
    entries.sort(key=lambda e: (e.updated, e.published, e.id), reverse=True)
    kept = with_sources(store, entries[:MAX_ENTRIES])
    return Feed(query, title, iri, tuple(kept), len(entries))


def feed_key(base: str, param: str, iri: str) -> str:
    """How a feed's URL names its entity: its key when it is ours, else its IRI."""
    if param == "recommendation":
        found = re.fullmatch(re.escape(base) + r"/report/([^/]+)/recommendation/(\d+)", iri)
        return f"{found[1]}/{found[2]}" if found else iri
    found = re.fullmatch(re.escape(base) + rf"/{param}/([^/]+)", iri)
    return found[1] if found else iri


def feed_path(base: str, types: set[str], iri: str) -> str | None:
    """The path of the feed of the entity `iri` of these classes; None if it has none."""
    for param, cls in SCOPES.items():
        if cls in types:
            return f"{PATH}?{param}={quote(feed_key(base, param, iri), safe='/:')}"
    return None


# ------------------------------------------------------------------------------ the XML


def _element(parent: ET.Element, tag: str, text: str | None = None, **attributes) -> ET.Element:
    node = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        node.text = text
    return node


def _author(parent: ET.Element, name: str, uri: str | None = None) -> None:
    author = _element(parent, "author")
    _element(author, "name", name)
    if uri:
        _element(author, "uri", uri)


def render(feed: Feed, base: str, origin: str) -> bytes:
    """The feed as Atom XML; `base` is the graph's base IRI (ids), `origin` the request's base
    URL (links)."""
    root = ET.Element(f"{{{ATOM}}}feed")
    _element(root, "id", f"{base}{PATH}{feed.query}")
    _element(root, "title", feed.title)
    shown = len(feed.entries)
    subtitle = ("Dated events from the policy-kg knowledge graph: status events, government "
                "responses and report publications, newest first.")  # fmt: skip
    if shown < feed.total:
        subtitle += f" Only the {shown} newest of {feed.total} are listed."
    _element(root, "subtitle", subtitle)
    updated = max((e.updated for e in feed.entries), default=EPOCH)
    _element(root, "updated", updated)
    _element(root, "link", rel="self", type="application/atom+xml",
             href=f"{origin}{PATH}{feed.query}")  # fmt: skip
    page = entity_url(base, feed.page) if feed.page else "/viz"
    _element(root, "link", rel="alternate", type="text/html", href=origin + page)
    _author(root, AUTHOR, origin + "/")
    _element(root, "generator", "policy-kg")
    for entry in feed.entries:
        node = _element(root, "entry")
        _element(node, "id", entry.id)
        _element(node, "title", entry.title)
        _element(node, "updated", entry.updated)
        _element(node, "published", entry.published)
        for name in entry.authors:
            _author(node, name)
        _element(node, "link", rel="alternate", type="text/html",
                 href=origin + entity_url(base, entry.page))  # fmt: skip
        for link in entry.related:
            _element(node, "link", rel="related", href=link.href, title=link.title)
        term, label = entry.category
        _element(node, "category", term=term, label=label)
        _element(node, "summary", entry.summary, type="text")
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


# ------------------------------------------------------------------------------ HTTP


def etag_of(body: bytes) -> str:
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def matches(if_none_match: str, etag: str) -> bool:
    """Whether an If-None-Match header names `etag` (the weak comparison RFC 9110 asks for)."""
    tags = [t.strip().removeprefix("W/") for t in if_none_match.split(",")]
    return "*" in tags or etag in tags


def scope_of(request: Request, build: Build) -> tuple[str | None, str | None]:
    """(the parameter, the entity's IRI) the request asks for; (None, None) for everything."""
    params = request.query_params
    unknown = sorted(set(params) - set(SCOPES))
    if unknown:
        raise BadRequest(f"unknown parameter {unknown[0]!r}; a feed takes one of "
                         "report=, body= or recommendation=")  # fmt: skip
    if len(params.multi_items()) > 1:
        raise BadRequest("a feed follows one entity: give one of report=, body= or "
                         "recommendation=, once")  # fmt: skip
    if not params:
        return None, None
    [(param, value)] = params.multi_items()
    if not value.strip():
        raise BadRequest(f"{param}= is empty: give a key or an IRI")
    try:
        return param, RequestContext(build).iri(value, param)
    except UserError as exc:
        raise BadRequest(str(exc)) from None


def routes(build: Build) -> list[Route]:
    """/feed.atom, of everything or (?report=, ?body=, ?recommendation=) of one entity."""

    def feed(request: Request):  # sync: Starlette runs it in a thread
        param, iri = scope_of(request, build)
        found = build.memo(("feed", param, iri), lambda: feed_of(build, param, iri))
        body = render(found, build.base, str(request.base_url).rstrip("/"))
        etag = etag_of(body)
        headers = {"ETag": etag, "Cache-Control": CACHE_CONTROL}
        if matches(request.headers.get("if-none-match", ""), etag):
            return Response(status_code=304, headers=headers)
        return Response(body, headers=headers, media_type=MEDIA_TYPE)

    return [Route(PATH, feed)]
