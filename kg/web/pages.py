"""Entity pages, with their routes: each of our entities at its IRI's path, any other entity (a
statute) at /entity?id=IRI; HTML for people and Turtle, JSON-LD or N-Triples for machines
(content negotiation, or ?format=ttl|jsonld|nt).

The HTML page shows the entity's facts with their citations (source, authority, locator, link),
whether it is confirmed and why not, links to its neighbours both ways, to its network view and
to a GraphQL query for it; above them, what a reader of its kind looks for (kg.web.sections: a
recommendation's response, status over time, bodies, law ...). Every text is escaped.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from urllib.parse import quote

import pyoxigraph as ox
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from ontology import DCTERMS, PKG, RDF, RDFS
from ontology.vocabulary import AUTHORITY, KIND, STATUS

from ..api.context import _UNSAFE, Build, RequestContext, UserError
from ..api.graphiql import graphiql_link
from ..describe import Describer, Description
from ..rules import confirmed as confirmed_rule
from ..rules import status as status_rule
from ..store import Store
from .errors import BadRequest, NotFound

MACHINE_TYPES = {"text/turtle": ox.RdfFormat.TURTLE, "application/ld+json": ox.RdfFormat.JSON_LD,
                 "application/n-triples": ox.RdfFormat.N_TRIPLES}  # fmt: skip
FORMAT_NAMES = {"ttl": "text/turtle", "turtle": "text/turtle", "jsonld": "application/ld+json",
                "nt": "application/n-triples", "html": "text/html"}  # fmt: skip
#: Literal properties shown as facts, in this order, with their names.
FACTS = [
    (DCTERMS.title, "Title"), (PKG.summary, "Summary"), (PKG.number, "Number"),
    (PKG.key, "Key"), (PKG.abbreviation, "Abbreviation"), (PKG.bodyKind, "Kind of body"),
    (PKG.legalCitation, "Citation"), (PKG.legalStatus, "Status"), (PKG.author, "Author"),
    (PKG.publisher, "Publisher"), (DCTERMS.issued, "Issued"), (PKG.scope, "Scope"),
    (PKG.method, "Method"), (PKG.safeguards, "Safeguards"), (PKG.note, "Note"),
    (PKG.url, "Web page"),
]  # fmt: skip
#: Links not worth listing on a page (provenance and typing are shown in their own way).
HIDDEN = {str(RDF.type), str(PKG.citation), str(PKG.confirmed), str(PKG.unconfirmedNote)}
#: Qualified links, shown as what they say: (their class, the property to what they point at,
#: the property naming how, the property by which their holder holds them).
QUALIFIED = [
    (str(PKG.Responsibility), PKG.body, PKG.role, PKG.responsibility),
    (str(PKG.InstrumentLink), PKG.instrument, PKG.relation, PKG.instrumentLink),
]
VIEWABLE = set(KIND.iris)


def entity_url(base: str, iri: str) -> str:
    """Where an entity's page is served: its IRI's path when it is ours, else /entity?id=."""
    if iri.startswith(base + "/"):
        return iri[len(base) :]
    return "/entity?id=" + quote(iri, safe="")


def _name(predicate: str) -> str:
    return predicate.rsplit("#", 1)[-1].rsplit("/", 1)[-1]


def _kind(d: Description) -> str:
    for iri in sorted(d.types):
        if iri.startswith(str(PKG)):
            return iri[len(str(PKG)) :]
    return "Resource"


def negotiate(request: Request) -> str:
    if "format" in request.query_params:
        return FORMAT_NAMES.get(request.query_params["format"].lower(), "unknown")
    accept = request.headers.get("accept", "")
    for media in (part.split(";")[0].strip().lower() for part in accept.split(",")):
        if media in MACHINE_TYPES or media == "text/html":
            return media
    return "text/html"


def machine_readable(store: Store, iri: str, media: str) -> Response:
    """The entity's own triples and those of its citations, in an RDF format."""
    result = store.run_query(
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {{ VALUES ?s {{ <{iri}> }} ?s ?p ?o }} UNION "
        f"{{ <{iri}> <{PKG}citation> ?s . ?s ?p ?o }} }}",
        default_graphs=[], named_graphs=[], cap=100_000,
    )  # fmt: skip
    body = ox.serialize(result.triples, format=MACHINE_TYPES[media])
    return Response(
        body, media_type=media + ("; charset=utf-8" if media.startswith("text/") else "")
    )


def _link(base: str, d: Description) -> str:
    label = d.text(RDFS.label) or d.iri
    return f'<a href="{html.escape(entity_url(base, d.iri))}">{html.escape(label)}</a>'


@dataclass(frozen=True)
class Cited:
    """One citation of a fact, as a page shows it."""

    source: str  # the source's IRI
    title: str
    url: str | None  # the citation's deep link, else the source's URL
    locator: str | None
    authority: str  # the authority's words (primary, secondary)


def sources_of(describer: Describer, d: Description) -> list[Cited]:
    """`d`'s citations in their order (.../citation/2 before .../citation/10), each with its
    source (read batch-wise: siblings' citations and sources come in the same round trips)."""
    found = []
    citations = sorted(describer.related(d, PKG.citation), key=natural)
    for citation in citations:
        [source] = describer.related(citation, PKG.source) or [None]
        if source is None:
            continue
        authority = AUTHORITY.by_iri(source.text(PKG.authority) or "")
        found.append(Cited(source.iri, source.text(DCTERMS.title) or source.iri,
                           citation.text(PKG.url) or source.text(PKG.url),
                           citation.text(PKG.locator),
                           authority.label if authority else "unknown"))  # fmt: skip
    return found


def natural(d: Description):
    """IRIs in human order: .../citation/2 before .../citation/10."""
    return [int(part) if part.isdigit() else part for part in re.split(r"(\d+)", d.iri)]


def cited_html(cited: Cited) -> str:
    """A citation: its source's title (a link when there is a URL), locator and authority."""
    title = html.escape(cited.title)
    if cited.url:
        title = f'<a href="{html.escape(cited.url)}" rel="noreferrer">{title}</a>'
    where = f", {html.escape(cited.locator)}" if cited.locator else ""
    authority = html.escape(cited.authority)
    return f'{title}{where} <span class="authority {authority}">{authority}</span>'


def _citations(describer: Describer, d: Description) -> str:
    items = [f"<li>{cited_html(c)}</li>" for c in sources_of(describer, d)]
    return "<ul>" + "".join(items) + "</ul>" if items else "<p>No citation.</p>"


#: The stylesheet of the entity pages and the timeline (one text, so one hash in the policy).
#: Colours: text and links at least 4.5:1 on their background, marks and borders at least 3:1.
STYLE = """
 body { font: 16px/1.5 system-ui, sans-serif; max-width: 60rem; margin: 2rem auto;
        padding: 0 1rem; color: #1a1a1a; }
 a { color: #0b57a4; }
 a:focus-visible { outline: 3px solid #a65200; outline-offset: 2px; }
 p, li, dd, td { overflow-wrap: break-word; }
 td a, dd a, li a { overflow-wrap: anywhere; }
 time { white-space: nowrap; }
 h1 { font-size: 1.9rem; line-height: 1.25; }
 .kind { color: #555; text-transform: uppercase; font-size: .8rem; letter-spacing: .05em; }
 .unconfirmed { background: #fff3cd; border-left: 4px solid #c90; padding: .5rem 1rem; }
 .authority { font-size: .75rem; padding: 0 .4em; border-radius: .3em; background: #eee; }
 .authority.primary { background: #d4edda; }
 .tag { font-size: .75rem; padding: 0 .4em; border: 1px solid #767676; border-radius: .3em; }
 dt { font-weight: 600; } dd { margin: 0 0 .6rem 0; }
 nav a { margin-right: 1rem; } code { word-break: break-all; }
 h2 { margin-top: 2rem; border-bottom: 1px solid #ccc; }
 .tag.warn { background: #fff3cd; border-color: #8a6100; }
 .legal-stage .stage, .in-force-state .state { font-size: 1.15rem; }
 .derivation, .muted { color: #4d4d4d; }
 ol.chain { padding-left: 1.6rem; }
 ol.chain li { margin-bottom: .6rem; padding-left: .4rem; border-left: 4px solid transparent; }
 ol.chain li.unconfirmed-link { border-left: 4px solid #c90; }
 ol.chain .step { font-variant: small-caps; }
 ol.chain .cited { font-size: .9rem; }
 ul.versions { display: flex; flex-wrap: wrap; gap: .2rem 1.2rem; list-style: none;
               padding: 0; }
 table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
 caption { text-align: left; font-weight: 600; padding: .25rem 0; }
 th, td { text-align: left; vertical-align: top; padding: .35rem .5rem;
          border-bottom: 1px solid #ccc; }
 thead th { border-bottom: 2px solid #555; }
 .status { white-space: nowrap; }
 .icon { width: 1.05em; height: 1.05em; vertical-align: -.2em; margin-right: .3em; }
 .legend { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: .2rem 1.2rem; }
 .events li { margin-bottom: .5rem; }
 .swatch { width: 1.75em; }
 dl.response { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1.2rem; }
 dl.response dd { margin: 0; } dl.response ul { margin: 0; padding-left: 1.2rem; }
 .stance { font-weight: 600; }
 nav.contents ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap;
                   gap: .2rem 1.2rem; }
 .defs { position: absolute; width: 0; height: 0; overflow: hidden; }
 .chart { padding: 0 12px; margin: 1rem 0; }
 svg.timeline { display: block; width: 100%; overflow: visible; }
 svg.timeline text { font: 14px system-ui, sans-serif; fill: #1a1a1a; }
 svg.timeline .tick { font-size: 12px; fill: #444; }
 svg.timeline .stale-note { font-size: 12px; fill: #6b3500; }
 svg.timeline a.lane-label text { fill: #0b57a4; text-decoration: underline; }
 svg.timeline .short { display: none; }
 svg.timeline a:focus-visible { outline: 3px solid #a65200; }
 svg.timeline a.mark:focus-visible use, svg.timeline a.mark:hover use { stroke-width: 3.5; }
 @media (max-width: 40rem) {
  body { margin: 1rem auto; }
  h1 { font-size: 1.45rem; }
  svg.timeline .long { display: none; }
  dl.response { display: block; }
  table.stack thead { position: absolute; width: 1px; height: 1px; overflow: hidden;
                      clip-path: inset(50%); }
  table.stack, table.stack tbody, table.stack tr, table.stack td, table.stack th {
    display: block; width: auto; }
  table.stack tr { border-bottom: 1px solid #ccc; padding: .4rem 0; }
  table.stack caption { display: block; }
  table.stack td, table.stack th { border: 0; padding: .1rem 0; }
  table.stack td[data-label]::before { content: attr(data-label) ": "; font-weight: 600; }
  svg.timeline .tick.minor { display: none; }
  svg.timeline .short { display: inline; }
 }
"""
#: STYLE as a <style> block inside a template that str.format fills (braces doubled).
STYLE_BLOCK = "<style>" + STYLE.replace("{", "{{").replace("}", "}}") + "</style>\n"


PAGE = (
    """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} - policy-kg</title>
<link rel="icon" href="data:,">{feed_head}
"""
    + STYLE_BLOCK
    + """</head>
<body data-entity="{iri_attr}">
<nav aria-label="Site"><a href="/viz">Network overview</a><a href="/graphiql">GraphiQL</a>
<a href="/link">Link a text</a></nav>
<p class="kind">{kind}</p>
<h1>{title}</h1>
<p><code>{iri}</code></p>
{confirmed}
{status}<p><a id="network-view" href="{network}">Network view around this entity</a> ·
   <a id="graphql-query" href="{graphql}">Query it in GraphQL</a> ·
   <a href="?format=ttl">Turtle</a> · <a href="?format=jsonld">JSON-LD</a>{feed_link}</p>
{sections}<h2 id="facts">Facts</h2><dl>{facts}</dl>
<h2>Sources</h2>{citations}
<h2>Links</h2>{links}
<h2>Linked from</h2>{incoming}
</body></html>
"""
)


def asked_dates(request: Request) -> tuple[str | None, str | None]:
    """The `?asOf=` and `?recordedBy=` days a page or view answers for (ISO text, or None when
    not asked); BadRequest when one is not a date."""
    found = []
    for name in ("asOf", "recordedBy"):
        value = request.query_params.get(name)
        if value is None or value == "":
            found.append(None)
            continue
        try:
            found.append(status_rule.day(value))
        except ValueError:
            raise BadRequest(f"{name} must be a date written YYYY-MM-DD, got {value!r}") from None
    return found[0], found[1]


def when_said(as_of: str | None, recorded_by: str | None) -> str:
    """The day a page answers for, in its text: ' as of DATE, as recorded by DATE'."""
    said = f" as of {as_of}" if as_of else ""
    if recorded_by:
        said += f"{',' if as_of else ''} as recorded by {recorded_by}"
    return said


def entity_html(build: Build, iri: str, *, as_of: str | None = None,
                recorded_by: str | None = None) -> Response:  # fmt: skip
    """With `as_of` or `recorded_by`, a recommendation's page answers for that day: its latest
    status is the latest then (kg.rules.status), and later status events are not listed; with
    `as_of`, its legal status and an instrument's being in force are those of that day."""
    store, base = build.store, build.base
    describer = Describer(store, whole=True)
    d = describer.get(iri)
    if not d.exists:
        raise NotFound(f"no entity {iri} in the graph")
    unknown = set()  # status events not known on the day asked
    if as_of or recorded_by:
        events = describer.related(d, PKG.statusEvent)
        known = status_events(events, as_of, recorded_by)
        unknown = {e.iri for e in events} - {e.iri for e in known}
    title = d.text(RDFS.label) or iri
    facts = []
    for predicate, name in FACTS:
        for term in d.values(predicate):
            value = html.escape(term.value)
            if predicate == PKG.url:
                value = f'<a href="{value}" rel="noreferrer">{value}</a>'
            facts.append(f"<dt>{name}</dt><dd>{value}</dd>")
    if confirmed_rule.holds(d.text(PKG.confirmed)):
        confirmed = '<p class="confirmed">Confirmed by a primary source.</p>'
    else:
        note = d.text(PKG.unconfirmedNote) or "no primary source confirms it"
        note = html.escape(note.rstrip().removesuffix("."))
        confirmed = f'<p class="unconfirmed">Not confirmed: {note}.</p>'
    outgoing = [(p, t.value) for p, terms in sorted(d.outgoing.items()) if p not in HIDDEN
                for t in terms if isinstance(t, ox.NamedNode)
                and t.value not in unknown]  # fmt: skip
    incoming = [(p, s) for p, sources in sorted(d.incoming.items()) for s in sources]
    neighbours = {n.iri: n for n in describer.get_many([i for _p, i in outgoing + incoming])}

    def shown(other: str, predicate: str, outward: bool) -> tuple[Description, str]:
        """A responsibility or instrument link is shown as what it says: "lead -> Home
        Office" from a recommendation, "Recommendation 1 -> lead" from the body."""
        node = neighbours[other]
        for cls, target, how, holder in QUALIFIED:
            if cls in node.types:
                how_iri = node.iris(how)
                name = how_iri[0].rsplit("#", 1)[-1] if how_iri else _name(predicate)
                name = name[:1].lower() + name[1:]
                ends = node.iris(target) if outward else node.sources(holder)
                if ends:
                    return describer.get(ends[0]), name
        return node, _name(predicate)

    def listing(pairs, template, outward: bool) -> str:
        rows = []
        for predicate, other in pairs:
            node, name = shown(other, predicate, outward)
            link = _link(base, node) if node.exists else f"<code>{html.escape(other)}</code>"
            rows.append(template.format(p=html.escape(name), n=link,
                                        k=html.escape(_kind(node))))  # fmt: skip
        return "<ul>" + "".join(rows) + "</ul>" if rows else "<p>None.</p>"

    viewable = bool(d.types & VIEWABLE)
    network = f"/viz/entity?id={quote(iri, safe='')}" if viewable else "/viz"
    query = (
        "query($id: ID!) { node(id: $id) { id __typename ... on Entity { label confirmed "
        "unconfirmedNote citations { locator source { title authority url } } } } }"
    )
    from . import sections  # here: kg.web.sections imports this module
    from .feeds import feed_path  # here: kg.web.feeds imports this module

    feed = html.escape(feed_path(base, d.types, iri) or "")  # reports, bodies, recommendations
    feed_head = '<link rel="alternate" type="application/atom+xml" title="{t}: events" href="{f}">'
    body = PAGE.format(
        feed_head=feed_head.format(t=html.escape(title), f=feed) if feed else "",
        feed_link=f' · <a id="atom-feed" href="{feed}">Atom feed of its events</a>' * bool(feed),
        title=html.escape(title),
        iri=html.escape(iri),
        iri_attr=html.escape(iri, quote=True),
        kind=html.escape(_kind(d)),
        confirmed=confirmed,
        status=_latest_status(describer, d, as_of, recorded_by),
        sections=sections.of(describer, build, d, as_of=as_of, recorded_by=recorded_by),
        network=html.escape(network),
        graphql=html.escape(graphiql_link(query, {"id": iri})),
        facts="".join(facts) or "<p>None.</p>",
        citations=_citations(describer, d),
        links=listing(outgoing, "<li>{p} → {n} <small>({k})</small></li>", outward=True),
        incoming=listing(incoming, "<li>{n} <small>({k})</small> → {p}</li>", outward=False),
    )
    return HTMLResponse(body)


def status_events(events: list[Description], as_of=None, recorded_by=None) -> list[Description]:
    """The status events known on the day asked, in order (kg.rules.status)."""
    return status_rule.in_order(events, date=lambda e: e.text(PKG.date),
                                status=lambda e: STATUS.by_iri(e.text(PKG.status)),
                                iri=lambda e: e.iri, as_of=as_of, recorded_by=recorded_by,
                                recorded=lambda e: e.text(PKG.recorded))  # fmt: skip


def _latest_status(describer: Describer, d: Description, as_of=None, recorded_by=None) -> str:
    """A recommendation's latest status (kg.rules.status), above its facts; with `as_of` or
    `recorded_by`, the latest on that day, and the line says which day."""
    if KIND.Recommendation.iri not in d.types:
        return ""
    said = html.escape(when_said(as_of, recorded_by))
    events = status_events(describer.related(d, PKG.statusEvent), as_of, recorded_by)
    if not events:
        return f'<p class="latest-status">No status reported{said}.</p>\n'
    latest = events[-1]
    status = STATUS.by_iri(latest.text(PKG.status))
    when = html.escape(latest.text(PKG.date) or "")
    return (f'<p class="latest-status">Latest status{said}: <strong>{status.notation}</strong> '
            f"({html.escape(status.label)}), {when}</p>\n")  # fmt: skip


def entity_response(request: Request, build: Build, iri: str) -> Response:
    """The entity's page in the format the request asks for."""
    store = build.store
    media = negotiate(request)
    if media == "unknown":
        raise BadRequest("unknown format; use ttl, jsonld, nt or html")
    as_of, recorded_by = asked_dates(request)
    if media in MACHINE_TYPES:
        if not store.select(f"SELECT ?p WHERE {{ <{iri}> ?p ?o }} LIMIT 1"):
            raise NotFound(f"no entity {iri} in the graph")
        return machine_readable(store, iri, media)
    return entity_html(build, iri, as_of=as_of, recorded_by=recorded_by)


#: The first segment of our entities' paths (<base>/report/..., <base>/body/...).
PATH_KINDS = ("report", "body", "theme", "instrument", "proposal", "source", "legislation")


def routes(build: Build) -> list[Route]:
    """Entity pages at each of our IRIs' paths, and /entity?id= for any IRI (e.g. statutes)."""

    def ours(request: Request):  # sync: Starlette runs it in a thread
        iri = build.base + request.url.path
        if _UNSAFE.search(iri):
            raise BadRequest("not a valid entity path")
        return entity_response(request, build, iri)

    def any_iri(request: Request):  # sync: Starlette runs it in a thread
        try:
            iri = RequestContext(build).iri(request.query_params.get("id", ""), "node")
        except UserError as exc:
            raise BadRequest(str(exc)) from None
        return entity_response(request, build, iri)

    return [Route("/entity", any_iri)] + [
        Route(f"/{kind}/{{rest:path}}", ours) for kind in PATH_KINDS
    ]
