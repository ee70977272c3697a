"""What an entity page shows above its full list of facts, shaped for the reader of its kind:

- a recommendation: what it asks; the government's response; its status over time (a lane of
  the report's timeline and the dated events with their sources); the bodies by role; the law
  it touches (each instrument link with the instrument's part-of chain); its legal status, how
  far the law has carried it, with the chain of cited links that shows it (kg.rules.legal);
  the findings it addresses; the earlier recommendations it repeats; its targets; and every
  source behind these, with its authority;
- a finding: the earlier reports' findings of the same failure it echoes, and the later
  findings that found it again;
- a body: what it leads, partners on and is consulted on, each with its latest status; the
  findings that implicate it;
- a report: its recommendations with their latest statuses (a compact tracker), its findings
  and who addresses them, links to its timeline and its feed;
- an instrument: for an Act, a provision or a statutory instrument, whether it is in force
  (kg.rules.inforce) with its evidence, the effects on it and those it makes, its versions;
  for a bill, its passage through Parliament, stage by stage; for a clause, when it was tabled
  and what it became; and the recommendations that touch it, with their legal status.

Everything is read through the page's Describer, level by level (a list's members are read in
the same round trips), and the latest status is the shared rule's (kg.rules.status); with
`as_of` or `recorded_by` a page answers for that day, as its status line does. The law's own
record (legal status, in force, effects, a bill's stages) is GraphQL's answer, the schema run
in-process (kg.web.tracker.run_graphql), so a page says what `legalStatus`, `inForce`,
`effects` and `bill` give a client; it answers for `as_of` (recorded-by does not apply to it).
"""

from __future__ import annotations

import datetime as dt
import html
import re

from ontology import DCTERMS, ELI, PKG, RDFS
from ontology.vocabulary import (
    AUTHORITY,
    BILL_STAGE,
    HOUSE,
    IN_FORCE_STATE,
    INSTRUMENT_KIND,
    KIND,
    LEGAL_STAGE,
    RELATION,
    ROLE,
    STANCE,
    STATUS,
)

from ..analysis import StatusFact, TargetFacts, overdue_on
from ..api.context import Build
from ..describe import Describer, Description
from ..rules import addressed as addressed_rule
from ..rules import confirmed as confirmed_rule
from ..rules import status as status_rule
from . import timeline
from .pages import Cited, cited_html, entity_url, natural, sources_of, status_events, when_said

#: The heading of each role's list on a body's page.
ROLE_HEADINGS = {ROLE.LEAD: "What it leads", ROLE.PARTNER: "What it is a partner on",
                 ROLE.CONSULTED: "What it is consulted on"}  # fmt: skip
#: How far up an instrument's part-of chain a page follows (a section of a part of an Act ...).
MAX_PARTS = 6


def of(describer: Describer, build: Build, d: Description, *, as_of=None,
       recorded_by=None) -> str:  # fmt: skip
    """The sections for `d`'s kind ("" for kinds without any), with the marks' shapes."""
    types = d.types
    base = build.base
    when = {"as_of": as_of, "recorded_by": recorded_by}
    if KIND.Recommendation.iri in types:
        shown = recommendation(describer, build, d, **when)
    elif KIND.Instrument.iri in types or any(k.iri in types for k in INSTRUMENT_KIND):
        shown = instrument(build, d, as_of=as_of)
    elif KIND.Body.iri in types:
        shown = body(describer, base, d, **when)
    elif KIND.Report.iri in types:
        shown = report(describer, base, d, **when)
    elif KIND.Finding.iri in types:
        shown = finding(describer, base, d)
    else:
        return ""
    return timeline.DEFS + contents(shown) + shown


_H2 = re.compile(r'<h2 id="([^"]+)">(.*?)</h2>')


def contents(shown: str) -> str:
    """A list of links to the sections in `shown` (their headings are ours, already escaped),
    and to the full list of facts below them."""
    links = [f'<li><a href="#{ident}">{heading}</a></li>' for ident, heading in _H2.findall(shown)]
    links.append('<li><a href="#facts">All the facts</a></li>')
    return f'<nav class="contents" aria-label="On this page"><ul>{"".join(links)}</ul></nav>\n'


# ------------------------------------------------------------------------------ shared pieces


def _e(text) -> str:
    return html.escape(str(text), quote=True)


def _a(base: str, d: Description, text: str | None = None) -> str:
    label = text if text is not None else (d.text(RDFS.label) or d.iri)
    return f'<a href="{_e(entity_url(base, d.iri))}">{_e(label)}</a>'


def _first(items: list[Description]) -> Description | None:
    return items[0] if items else None


def _unconfirmed(d: Description) -> str:
    if confirmed_rule.holds(d.text(PKG.confirmed)):
        return ""
    note = d.text(PKG.unconfirmedNote) or "no primary source confirms it"
    return f' <span class="tag" title="{_e(note)}">unconfirmed</span>'


def _section(ident: str, heading: str, body: str) -> str:
    return f'<section aria-labelledby="{ident}"><h2 id="{ident}">{heading}</h2>\n{body}</section>\n'


def _list(items: list[str], empty: str, cls: str = "") -> str:
    if not items:
        return f"<p>{empty}</p>"
    klass = f' class="{cls}"' if cls else ""
    return f"<ul{klass}>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"


def _table(cls: str, headers: list[str], rows: list[list[str]], caption: str = "") -> str:
    """A table with column headers; each cell carries its header (the phone layout shows it)."""
    head = "".join(f'<th scope="col">{h}</th>' for h in headers)
    body = "".join(
        "<tr>" + "".join(f'<td data-label="{_e(h)}">{c}</td>' for h, c in zip(headers, row,
                                                                             strict=True))
        + "</tr>"
        for row in rows
    )  # fmt: skip
    cap = f"<caption>{caption}</caption>" if caption else ""
    return (f'<table class="stack {cls}">{cap}<thead><tr>{head}</tr></thead>'
            f"<tbody>{body}</tbody></table>")  # fmt: skip


def _latest(describer: Describer, rec: Description, as_of, recorded_by) -> Description | None:
    """The recommendation's latest status event on the day asked (kg.rules.status)."""
    events = status_events(describer.related(rec, PKG.statusEvent), as_of, recorded_by)
    return events[-1] if events else None


def _status_cells(event: Description | None) -> list[str]:
    if event is None:
        return ["no status reported", ""]
    status = STATUS.by_iri(event.text(PKG.status) or "")
    return [timeline.badge(status), f"<time>{_e(event.text(PKG.date) or '')}</time>"]


def _end(as_of) -> dt.date:
    return dt.date.fromisoformat(as_of) if as_of else dt.date.today()


def _rec_name(rec: Description) -> str:
    """The name "Recommendation N: title" (its label)."""
    return rec.text(RDFS.label) or rec.iri


def _year(report: Description | None) -> str:
    issued = report.text(DCTERMS.issued) if report else None
    return issued[:4] if issued else "undated"


# ------------------------------------------------------------------------------ recommendation


def recommendation(describer: Describer, build: Build, d: Description, *, as_of=None,
                   recorded_by=None) -> str:  # fmt: skip
    base = build.base
    report_ = _first(describer.related(d, PKG.report))
    parts = [
        _asks(base, d, report_),
        _response(describer, d, as_of, recorded_by),
        _status_over_time(describer, base, d, report_, as_of, recorded_by),
        _roles(describer, base, d),
        _law(describer, base, d),
        _legal_status(build, d, as_of),
        _findings_addressed(describer, base, d),
        _echoes(describer, base, d),
        _targets(describer, d, as_of),
        _sources_behind(describer, d, as_of, recorded_by),
    ]
    return "".join(parts)


def _asks(base: str, d: Description, report_: Description | None) -> str:
    summary = d.text(PKG.summary)
    body = f'<p class="summary">{_e(summary)}</p>' if summary else "<p>No summary recorded.</p>"
    if report_ is not None:
        issued = report_.text(DCTERMS.issued)
        body += (f"<p>Recommendation {_e(d.text(PKG.number) or '?')} of "
                 f"{_a(base, report_, report_.text(DCTERMS.title))}"
                 f"{f', issued {_e(issued)}' if issued else ''}.</p>")  # fmt: skip
    return _section("asks", "What it asks", body)


def _response(describer: Describer, d: Description, as_of, recorded_by) -> str:
    response = _first(describer.related(d, PKG.response))
    if response is not None:
        issued = response.text(DCTERMS.issued)
        if issued and not status_rule.known(issued, response.text(PKG.recorded), as_of=as_of,
                                            recorded_by=recorded_by):  # fmt: skip
            response = None
    if response is None:
        return _section("response", "The government's response",
                        "<p>No government response recorded.</p>")  # fmt: skip
    stance = STANCE.by_iri(response.text(PKG.stance) or "")
    issued = response.text(DCTERMS.issued)
    cited = sources_of(describer, response)
    body = (
        f'<dl class="response"><dt>Stance</dt><dd class="stance">'
        f"{_e(stance.label if stance else 'not stated')}{_unconfirmed(response)}</dd>"
        f"<dt>Date</dt><dd><time>{_e(issued or 'undated')}</time></dd>"
        f"<dt>What it says</dt><dd>{_e(response.text(PKG.summary) or '')}</dd>"
        f"<dt>Source</dt><dd>{_list([cited_html(c) for c in cited], 'No citation.')}</dd></dl>"
    )
    return _section("response", "The government's response", body)


def _status_over_time(describer: Describer, base: str, d: Description,
                      report_: Description | None, as_of, recorded_by) -> str:  # fmt: skip
    [lane] = timeline.lanes(describer, base, [d], as_of=as_of, recorded_by=recorded_by)
    end = _end(as_of)
    issued = report_.text(DCTERMS.issued) if report_ else None
    start = dt.date.fromisoformat(issued) if issued else end
    days = [dt.date.fromisoformat(m.date) for m in lane.marks]
    start, end = min([start, *days]), max([start, end, *days])
    items = []
    for mark in lane.marks:
        note = f" {_e(mark.note)}" if mark.note else ""
        source = ""
        if mark.source:
            source = (f' Source: <a href="{_e(mark.href)}" rel="noreferrer">{_e(mark.source)}'
                      f'</a> <span class="authority {_e(mark.authority)}">{_e(mark.authority)}'
                      "</span>")  # fmt: skip
        items.append(f'<li class="event" data-date="{_e(mark.date)}"><time>{_e(mark.date)}</time>'
                     f" {timeline.badge(mark.status)}.{note}{source}</li>")  # fmt: skip
    said = when_said(as_of, recorded_by)
    events = ("<ol class=\"events\">" + "".join(items) + "</ol>" if items
              else f"<p>No status event{_e(said)}.</p>")  # fmt: skip
    body = timeline.chart([lane], start, end, labels=False,
                          end_words=f"as of {as_of}" if as_of else "today",
                          labelled_by="status-over-time")  # fmt: skip
    since = timeline.stale_since(lane, start, end)
    if since:
        body += f'<p class="stale-line">Not moved for a year: no event since {since}.</p>'
    body += events
    if report_ is not None:
        path = timeline.timeline_path(base, report_.iri)
        body += (f'<p><a id="report-timeline" href="{_e(path)}">Beside the report\'s other '
                 "recommendations: its timeline</a></p>")  # fmt: skip
    return _section("status-over-time", "Its status over time", body)


def _roles(describer: Describer, base: str, d: Description) -> str:
    held = describer.related(d, PKG.responsibility)
    rows = []
    for role in ROLE:
        mine = sorted((r for r in held if r.text(PKG.role) == role.iri), key=natural)
        bodies = []
        for r in mine:
            found = _first(describer.related(r, PKG.body))
            if found is not None:
                bodies.append(f"<dd>{_a(base, found)}{_unconfirmed(r)}</dd>")
        if bodies:
            rows.append(f"<dt>{_e(role.label.capitalize())}</dt>" + "".join(bodies))
    body = f'<dl class="roles">{"".join(rows)}</dl>' if rows else "<p>No body recorded.</p>"
    return _section("bodies", "Who delivers it", body)


def _kind_words(inst: Description) -> str:
    kind = next((k for k in INSTRUMENT_KIND if k.iri in inst.types), None)
    citation = inst.text(PKG.legalCitation)
    words = [w for w in (kind.label if kind else None, citation) if w]
    return f" <small>({_e(', '.join(words))})</small>" if words else ""


def _law(describer: Describer, base: str, d: Description) -> str:
    links = sorted(describer.related(d, PKG.instrumentLink), key=natural)
    targets = {link.iri: _first(describer.related(link, PKG.instrument)) for link in links}
    # the part-of chains, a level at a time (the instruments of one level share a batch)
    chains: dict[str, list[Description]] = {i: [] for i in targets}
    tops = dict(targets)
    for _level in range(MAX_PARTS):
        moved = False
        for link_iri, inst in tops.items():
            parent = _first(describer.related(inst, ELI.is_part_of)) if inst else None
            if parent is not None and parent.iri not in {p.iri for p in chains[link_iri]}:
                chains[link_iri].append(parent)
                tops[link_iri] = parent
                moved = True
            else:
                tops[link_iri] = None
        if not moved:
            break
    items = []
    for link in links:
        inst = targets[link.iri]
        if inst is None:
            continue
        relation = RELATION.by_iri(link.text(PKG.relation) or "")
        chain = "".join(f", part of {_a(base, p)}{_kind_words(p)}" for p in chains[link.iri])
        note = f" <small>— {_e(link.text(PKG.note))}</small>" if link.text(PKG.note) else ""
        items.append(f'<strong class="relation">{_e(relation.label if relation else "touches")}'
                     f"</strong> {_a(base, inst)}{_kind_words(inst)}{chain}{_unconfirmed(link)}"
                     f"{note}")  # fmt: skip
    body = _list(items, "No instrument link recorded.", "instruments")
    none = _first(describer.related(d, PKG.noInstrument))
    if none is not None:
        reason = _e(none.text(PKG.note) or "no reason given")
        body += f'<p class="no-instrument">No instrument carries it: {reason}'
        body += f"{_unconfirmed(none)}</p>"
    proposals = sorted(describer.referrers(d, PKG.proposedBy), key=natural)
    if proposals:
        body += "<p>Proposed changes to the law: " + ", ".join(_a(base, p) for p in proposals)
        body += ".</p>"
    body += ('<p><a href="#legal-status">How far the law has carried it: its legal status</a>'
             "</p>")  # fmt: skip
    return _section("law", "The law it touches", body)


# ------------------------------------------------------------------------------ the law's record

#: A citation as the legal queries ask for it.
CITATIONS = "citations { source { id title url authority } locator url }"
LEGAL_STATUS_QUERY = (
    """query RecommendationLegalStatus($id: ID!, $asOf: Date) {
  node(id: $id) { ... on Recommendation { legalStatus(asOf: $asOf) {
    stage date asOf confirmed carriers { id label }
    chain { step from { id label } to { id label } date note confirmed CITATIONS } } } } }"""
).replace("CITATIONS", CITATIONS)
INSTRUMENT_QUERY = (
    """query InstrumentRecord($id: ID!, $asOf: Date) {
  node(id: $id) { ... on Instrument {
    kind enactedOn: enacted extent prospective inForceFrom tabled versions
    enactedAs { id label } enactedFrom { id label }
    inForce(asOf: $asOf) { state asOf since qualification
      evidence { what date qualification entity { id label } CITATIONS } }
    effects { id type affectedId affectedProvisions affectedTitle affected { id label }
      affectingId affectingProvisions affectingTitle affecting { id label }
      inForceDates { date qualification prospective } commencementAuthority applied
      requiresApplied outstanding(asOf: $asOf) note confirmed unconfirmedNote CITATIONS }
    passage: bill { parliamentId sessions originatingHouse currentStage lapsed withdrawn carriedOver
      defeated department
      stages { id stage description house date confirmed unconfirmedNote CITATIONS } }
    recommendations { id label legalStatus(asOf: $asOf) { stage date } } } } }"""
).replace("CITATIONS", CITATIONS)
#: What an in-force state without evidence means.
STATE_WORDS = {
    IN_FORCE_STATE.NO_INFORMATION: "The graph records no enactment, commencement or repeal "
    "for it on the day, so whether it is in force is not known here.",
    IN_FORCE_STATE.NOT_ENACTED: "It had not been enacted on the day.",
}
#: Where a bill's page on the UK Parliament's website is, by its billId.
PARLIAMENT_BILL = "https://bills.parliament.uk/bills/{}"
#: legislation.gov.uk's identifiers and where a version of the item is read, by its date.
LEGISLATION_ID = "http://www.legislation.gov.uk/id/"
LEGISLATION_VERSION = "https://www.legislation.gov.uk/{}/{}"


def _cited(citation: dict) -> Cited:
    """A GraphQL citation as kg.web.pages shows one."""
    source = citation["source"]
    authority = AUTHORITY.by_notation(source["authority"]) if source["authority"] else None
    return Cited(source["id"], source["title"], citation["url"] or source["url"],
                 citation["locator"], authority.label if authority else "unknown")  # fmt: skip


def _citations_html(citations: list[dict]) -> str:
    if not citations:
        return '<span class="tag">no citation</span>'
    return "; ".join(cited_html(_cited(c)) for c in citations)


def _entity(base: str, node: dict | None) -> str:
    """A link to an entity GraphQL named ({id, label})."""
    if node is None:
        return ""
    return f'<a href="{_e(entity_url(base, node["id"]))}">{_e(node["label"])}</a>'


def _flagged(confirmed: bool, note: str | None = None) -> str:
    """The mark on a fact no primary source confirms."""
    if confirmed:
        return ""
    why = note or "no primary source confirms it"
    return f' <span class="tag warn" title="{_e(why)}">unconfirmed</span>'


def _day_words(as_of) -> str:
    return f"as of {as_of}" if as_of else "today"


def _legal_status(build: Build, d: Description, as_of) -> str:
    """Its legal status on the day (kg.rules.legal, through GraphQL) and the chain of cited
    links that shows it."""
    from .tracker import run_graphql  # here: kg.web.tracker imports kg.web.pages

    data = run_graphql(build, LEGAL_STATUS_QUERY, {"id": d.iri, "asOf": as_of})
    found = (data["node"] or {}).get("legalStatus")
    derived = ('<p class="derivation">Derived from the cited legislative record: the bill and '
               "its stages in Parliament, the Act it became and its commencement. It is "
               "distinct from the latest reported status above, which is what the government "
               "or others say it is; where the two disagree, the sources of each say why."
               "</p>")  # fmt: skip
    if found is None:
        body = ('<p class="legal-stage">It asks <strong>no change to the law</strong>: none of '
                "its links, nor its proposed changes', names legislation it amends or creates, "
                "so it has no legal status.</p>")  # fmt: skip
        return _section("legal-status", "Legal status", body)
    stage = LEGAL_STAGE.by_notation(found["stage"])
    since = f" since <time>{_e(found['date'])}</time>" if found["date"] else ""
    confirmed = ("" if found["confirmed"] else
                 ' <span class="tag warn" title="a link of the chain below is not confirmed by '
                 'a primary source">rests on an unconfirmed link</span>')  # fmt: skip
    body = (f'<p class="legal-stage">Legal status as of <time>{_e(found["asOf"])}</time>: '
            f'<strong class="stage">{_e(stage.label)}</strong>{since}.{confirmed}</p>'
            + derived)  # fmt: skip
    carriers = ", ".join(_entity(build.base, c) for c in found["carriers"])
    body += (f'<p class="carriers">Carried by: {carriers}.</p>' if carriers else
             '<p class="carriers">No bill, clause or provision carries it yet.</p>')  # fmt: skip
    items = []
    for link in found["chain"]:
        to = f" → {_entity(build.base, link['to'])}" if link["to"] else ""
        date = f", <time>{_e(link['date'])}</time>" if link["date"] else ""
        note = f' <span class="note">— {_e(link["note"])}</span>' if link["note"] else ""
        mark = _flagged(link["confirmed"], "the fact behind this link is not confirmed by a "
                        "primary source")  # fmt: skip
        klass = "link" if link["confirmed"] else "link unconfirmed-link"
        items.append(f'<li class="{klass}"><strong class="step">{_e(link["step"])}</strong>: '
                     f"{_entity(build.base, link['from'])}{to}{date}{note}{mark}"
                     f'<div class="cited">Source: {_citations_html(link["citations"])}</div>'
                     "</li>")  # fmt: skip
    if items:
        body += ('<p>The chain, link by link, each with its source:</p><ol class="chain">'
                 + "".join(items) + "</ol>")  # fmt: skip
    return _section("legal-status", "Legal status", body)


def instrument(build: Build, d: Description, *, as_of=None) -> str:
    """An instrument's page: the law's own record of it (GraphQL's answer)."""
    from .tracker import run_graphql  # here: kg.web.tracker imports kg.web.pages

    data = run_graphql(build, INSTRUMENT_QUERY, {"id": d.iri, "asOf": as_of})["node"]
    if not data:
        return ""
    base = build.base
    parts = []
    if data["inForce"] is not None:
        parts.append(_in_force(base, data, as_of))
    if data["passage"] is not None:
        parts.append(_passage(base, data["passage"], data))
    elif data["tabled"] or data["enactedAs"]:
        parts.append(_clause(base, data))
    if data["effects"] or data["inForce"] is not None:
        parts.append(_effects(base, d.iri, data["effects"], as_of))
    if data["versions"]:
        parts.append(_versions(d.iri, data["versions"]))
    parts.append(_touching(base, data["recommendations"], as_of))
    return "".join(parts)


def _in_force(base: str, data: dict, as_of) -> str:
    found = data["inForce"]
    state = IN_FORCE_STATE.by_notation(found["state"])
    since = f" since <time>{_e(found['since'])}</time>" if found["since"] else ""
    qualification = f" ({_e(found['qualification'])})" if found["qualification"] else ""
    body = (f'<p class="in-force-state">As of <time>{_e(found["asOf"])}</time>: '
            f'<strong class="state">{_e(state.label)}</strong>'
            f"{since}{qualification}.</p>")  # fmt: skip
    if state in STATE_WORDS:
        body += f'<p class="muted">{_e(STATE_WORDS[state])}</p>'
    facts = []
    if data["enactedOn"]:
        facts.append(f"<dt>Enacted</dt><dd><time>{_e(data['enactedOn'])}</time></dd>")
    if data["inForceFrom"]:
        facts.append(f"<dt>The cited version applies from</dt><dd><time>"
                     f"{_e(data['inForceFrom'])}</time></dd>")  # fmt: skip
    if data["extent"]:
        facts.append(f"<dt>Extent</dt><dd>{_e(data['extent'])}</dd>")
    if data["prospective"]:
        facts.append("<dt>Prospective</dt><dd>the cited version marks it prospective</dd>")
    if data["enactedFrom"]:
        bills = ", ".join(_entity(base, b) for b in data["enactedFrom"])
        facts.append(f"<dt>Enacted from</dt><dd>{bills}</dd>")
    if facts:
        body += f'<dl class="response">{"".join(facts)}</dl>'
    rows = []
    for evidence in found["evidence"]:
        rows.append([
            f"<time>{_e(evidence['date'])}</time>" if evidence["date"] else "—",
            _e(evidence["what"]) + (f" <small>({_e(evidence['qualification'])})</small>"
                                    if evidence["qualification"] else ""),
            _entity(base, evidence["entity"]),
            _citations_html(evidence["citations"]),
        ])  # fmt: skip
    if rows:
        body += _table("evidence", ["Date", "What", "Recorded as", "Source"], rows,
                       "The evidence it rests on")  # fmt: skip
    else:
        body += "<p>No commencement or enactment is recorded for it.</p>"
    return _section("in-force", f"In force {_e(_day_words(as_of))}", body)


def _far_end(base: str, node: dict | None, iri: str | None, provisions: str | None,
             title: str | None) -> str:  # fmt: skip
    """One end of an effect: a link to its page when the graph holds it, else to its IRI."""
    words = ", ".join(_e(w) for w in (title, provisions) if w)
    if node is not None:
        link = _entity(base, node)
        return f"{link} <small>({words})</small>" if words else link
    if iri is None:
        return words or "—"
    short = iri.removeprefix(LEGISLATION_ID)
    return f'<a href="{_e(iri)}" rel="noreferrer">{words or _e(short)}</a>'


def _effects(base: str, iri: str, effects: list[dict], as_of) -> str:
    if not effects:
        return _section("effects", "Effects", "<p>No effect on it, nor by it, is recorded.</p>")
    rows = []
    for e in effects:
        dates = [(f"<time>{_e(f['date'])}</time>" if f["date"] else "prospective")
                 + (f" <small>({_e(f['qualification'])})</small>" if f["qualification"] else "")
                 for f in e["inForceDates"]]  # fmt: skip
        outstanding = ('<span class="tag warn">outstanding</span>' if e["outstanding"]
                       else "no")  # fmt: skip
        rows.append([
            _e(e["type"]) + _flagged(e["confirmed"], e["unconfirmedNote"]),
            _far_end(base, e["affected"], e["affectedId"], e["affectedProvisions"],
                     e["affectedTitle"]),
            _far_end(base, e["affecting"], e["affectingId"], e["affectingProvisions"],
                     e["affectingTitle"]),
            "<br>".join(dates) or "—",
            _e(", ".join(e["commencementAuthority"])) or "—",
            outstanding,
            _citations_html(e["citations"]),
        ])  # fmt: skip
    headers = ["Type", "Affected", "Affecting", "In force", "Commencement authority",
               f"Outstanding {_e(_day_words(as_of))}", "Source"]  # fmt: skip
    body = ("<p>Changes recorded by legislation.gov.uk: those made to it and those it makes. "
            "<em>Outstanding</em>: required to be applied to the text, not yet applied, and "
            "in force on the day.</p>" + _table("effects", headers, rows))  # fmt: skip
    return _section("effects", "Effects", body)


def _versions(iri: str, versions: list[str]) -> str:
    items = []
    for day in versions:
        text = f"<time>{_e(day)}</time>"
        if iri.startswith(LEGISLATION_ID):
            url = LEGISLATION_VERSION.format(iri[len(LEGISLATION_ID) :], day)
            text = f'<a href="{_e(url)}" rel="noreferrer">{text}</a>'
        items.append(text)
    body = ("<p>The dates of the versions legislation.gov.uk holds of its text:</p>"
            + _list(items, "", "versions"))  # fmt: skip
    return _section("versions", "Versions", body)


def _passage(base: str, bill: dict, data: dict) -> str:
    facts = []
    if bill["parliamentId"]:
        url = PARLIAMENT_BILL.format(bill["parliamentId"])
        facts.append(f'<dt>On Parliament\'s website</dt><dd><a href="{_e(url)}" rel="noreferrer">'
                     f"{_e(url)}</a></dd>")  # fmt: skip
    if bill["originatingHouse"]:
        facts.append(f"<dt>Introduced in</dt><dd>"
                     f"{_e(HOUSE.by_notation(bill['originatingHouse']).label)}</dd>")  # fmt: skip
    if bill["sessions"]:
        facts.append(f"<dt>Sessions</dt><dd>{_e(', '.join(bill['sessions']))}</dd>")
    if bill["department"]:
        facts.append(f"<dt>Department</dt><dd>{_e(bill['department'])}</dd>")
    if bill["currentStage"]:
        facts.append(f"<dt>Current stage</dt><dd>{_e(bill['currentStage'])}</dd>")
    for key, words in (("lapsed", "Lapsed"), ("withdrawn", "Withdrawn")):
        if bill[key]:
            facts.append(f"<dt>{words}</dt><dd><time>{_e(bill[key])}</time></dd>")
    if bill["carriedOver"]:
        facts.append("<dt>Carried over</dt><dd>into the next session</dd>")
    if bill["defeated"]:
        facts.append("<dt>Defeated</dt><dd>yes</dd>")
    if data["enactedAs"]:
        facts.append(f"<dt>Enacted as</dt><dd>{_entity(base, data['enactedAs'])}</dd>")
    body = f'<dl class="response">{"".join(facts)}</dl>' if facts else ""
    rows = []
    for stage in bill["stages"]:
        house = HOUSE.by_notation(stage["house"]).label if stage["house"] else "—"
        rows.append([
            f"<time>{_e(stage['date'])}</time>",
            _e(house),
            _e(_capital(BILL_STAGE.by_notation(stage["stage"]).label)),
            _e(stage["description"] or "") + _flagged(stage["confirmed"],
                                                     stage["unconfirmedNote"]),
            _citations_html(stage["citations"]),
        ])  # fmt: skip
    if rows:
        body += _table("stages", ["Date", "House", "Stage", "Description", "Source"], rows,
                       "Its stages, in order")  # fmt: skip
    else:
        body += "<p>No stage in Parliament is recorded.</p>"
    return _section("passage", "Its passage through Parliament", body)


def _clause(base: str, data: dict) -> str:
    facts = []
    if data["tabled"]:
        facts.append(f"<dt>Tabled</dt><dd><time>{_e(data['tabled'])}</time></dd>")
    if data["enactedAs"]:
        facts.append(f"<dt>Enacted as</dt><dd>{_entity(base, data['enactedAs'])}</dd>")
    body = f'<dl class="response">{"".join(facts)}</dl>'
    return _section("passage", "Its passage through Parliament", body)


def _touching(base: str, recommendations: list[dict], as_of) -> str:
    """The way back: the recommendations that touch it (or its parts), with their legal
    status on the day."""
    rows = []
    for rec in recommendations:
        found = rec["legalStatus"]
        if found is None:
            stage = '<span class="muted">no change to the law</span>'
        else:
            stage = _e(LEGAL_STAGE.by_notation(found["stage"]).label)
            if found["date"]:
                stage += f" <small>since <time>{_e(found['date'])}</time></small>"
        rows.append([_entity(base, rec), stage])
    if not rows:
        return _section("touching", "Recommendations that touch it",
                        "<p>No recommendation touches it, nor any of its parts.</p>")  # fmt: skip
    table = _table("touching", [KIND.Recommendation.label, "Legal status"], rows)
    return _section("touching", "Recommendations that touch it",
                    "<p>Those linked to it or to any of its parts, with their legal status "
                    f"{_e(_day_words(as_of))}.</p>" + table)  # fmt: skip


def _findings_addressed(describer: Describer, base: str, d: Description) -> str:
    findings = sorted(describer.related(d, PKG.addresses), key=natural)
    items = [_a(base, f) for f in findings]
    return _section("findings", "Findings it addresses",
                    _list(items, "It addresses no finding recorded here.", "findings"))  # fmt: skip


def _echo_items(describer: Describer, base: str, recs: list[Description],
                links: dict[str, Description] | None = None) -> list[str]:  # fmt: skip
    """Each echoed (or echoing) entity with its report and year; with `links` (the cited
    statements of the echoes links, by the entity at their other end), the link's own sources
    and whether it is confirmed: a reader must see who says the two are the same failure."""
    items = []
    for rec in recs:
        origin = _first(describer.related(rec, PKG.report))
        where = ""
        if origin is not None:
            where = f", in {_a(base, origin, origin.text(DCTERMS.title))} ({_year(origin)})"
        link = (links or {}).get(rec.iri)
        said = ""
        if link is not None:
            cited = "; ".join(cited_html(c) for c in sources_of(describer, link))
            said = _unconfirmed(link) + (f'<br><span class="link-sources">Linked by: {cited}</span>'
                                         if cited else "")  # fmt: skip
        items.append(f"{_a(base, rec, _rec_name(rec))}{where}{said}")
    return items


def _echo_links(describer: Describer, d: Description, later: bool) -> dict[str, Description]:
    """The cited statements of `d`'s echoes links (of those echoing `d` when `later`), by the
    entity at the other end: one SELECT, then the statements read batch-wise."""
    mine, other = ("?o", "?s") if later else ("?s", "?o")
    rows = describer.store.select(f"""SELECT ?statement {other} WHERE {{
        ?statement rdf:subject ?s ; rdf:predicate pkg:echoes ; rdf:object ?o .
        VALUES {mine} {{ <{d.iri}> }} }}""")  # fmt: skip
    ends = {row["statement"].value: row[other[1:]].value for row in rows}
    statements = describer.get_many(ends)
    return {ends[st.iri]: st for st in statements}


def _by_report_then_number(describer: Describer, recs: list[Description]) -> list[Description]:
    """Recommendations (or findings, which have no number: then by key) by their report's
    issue date, then report, then number."""

    def key(rec):
        origin = _first(describer.related(rec, PKG.report))
        issued = origin.text(DCTERMS.issued) if origin else ""
        return (issued or "", rec.iris(PKG.report)[:1], int(rec.text(PKG.number) or 0),
                natural(rec))  # fmt: skip

    return sorted(recs, key=key)


def _echoes(describer: Describer, base: str, d: Description) -> str:
    earlier = _by_report_then_number(describer, describer.related(d, PKG.echoes))
    body = _list(_echo_items(describer, base, earlier, _echo_links(describer, d, later=False)),
                 "It repeats no earlier recommendation recorded here.", "echoes")  # fmt: skip
    later = _by_report_then_number(describer, describer.referrers(d, PKG.echoes))
    if later:
        links = _echo_links(describer, d, later=True)
        body += "<p>Repeated later by:</p>" + _list(_echo_items(describer, base, later, links), "")
    return _section("echoes", "Earlier recommendations it repeats", body)


# ------------------------------------------------------------------------------ finding


def finding(describer: Describer, base: str, d: Description) -> str:
    """The failure's history: earlier reports' findings of it (`echoes`), and later findings
    that found it again (echoes walked backwards), each with its report and year."""
    earlier = _by_report_then_number(describer, describer.related(d, PKG.echoes))
    later = _by_report_then_number(describer, describer.referrers(d, PKG.echoes))
    return _section(
        "echoes", "Earlier findings of the same failure",
        _list(_echo_items(describer, base, earlier, _echo_links(describer, d, later=False)),
              "It echoes no earlier finding recorded here.", "echoes"),
    ) + _section(
        "echoed-by", "Found again later by",
        _list(_echo_items(describer, base, later, _echo_links(describer, d, later=True)),
              "No later finding recorded here found it again.", "echoed-by"),
    )  # fmt: skip


def _targets(describer: Describer, d: Description, as_of) -> str:
    targets = sorted(describer.related(d, PKG.target),
                     key=lambda t: (t.text(PKG.due) or "", t.iri))  # fmt: skip
    if not targets:
        return _section("targets", "Targets", "<p>No dated target.</p>")
    day = _end(as_of)
    facts = []
    met_on = {}
    for t in targets:
        met = _first(describer.related(t, PKG.met))
        met_date = met.text(PKG.date) if met else None
        met_on[t.iri] = met_date
        recorded = t.text(PKG.recorded)
        facts.append(TargetFacts(
            iri=t.iri, key=t.text(PKG.key) or "", recommendation=d.iri, recommendation_key="",
            commitment=t.text(PKG.commitment) or "", due=dt.date.fromisoformat(t.text(PKG.due)),
            revises=_first(t.iris(PKG.revises)), met=dt.date.fromisoformat(met_date) if met_date
            else None, recorded=dt.date.fromisoformat(recorded) if recorded else None,
        ))  # fmt: skip
    statuses = {d.iri: [timeline_fact(e) for e in describer.related(d, PKG.statusEvent)]}
    late = {o.target: o.days_late for o in overdue_on(facts, statuses, day)}
    revised_by = {f.revises: f for f in facts if f.revises}
    rows = []
    for t, fact in zip(targets, facts, strict=True):
        met_date = met_on[t.iri]
        if met_date and met_date <= day.isoformat():
            outcome = f"met on <time>{_e(met_date)}</time>"
        elif t.iri in revised_by and (revised_by[t.iri].recorded is None
                                      or revised_by[t.iri].recorded <= day):  # fmt: skip
            outcome = f"replaced by a later target, due {revised_by[t.iri].due.isoformat()}"
        elif t.iri in late:
            outcome = f"overdue by {late[t.iri]} days on {day.isoformat()}"
        elif fact.due >= day:
            outcome = "not yet due"
        else:
            outcome = "past due; not counted overdue (the recommendation is done)"
        rows.append([f"<time>{_e(fact.due.isoformat())}</time>",
                     _e(fact.commitment) + _unconfirmed(t), outcome])  # fmt: skip
    return _section("targets", "Targets",
                    _table("targets", ["Due", "Commitment", "Outcome"], rows))  # fmt: skip


def timeline_fact(event: Description) -> StatusFact:
    """A status event as the overdue rule reads it."""
    return StatusFact(event.iri, dt.date.fromisoformat(event.text(PKG.date)),
                      STATUS.by_iri(event.text(PKG.status) or ""))  # fmt: skip


def _sources_behind(describer: Describer, d: Description, as_of, recorded_by) -> str:
    """Every source cited by the facts above (the recommendation's own, its response's, its
    events', its responsibilities', instrument links' and targets'), with its authority and how
    many of those facts it supports."""
    nodes = [d]
    nodes += describer.related(d, PKG.response)
    nodes += status_events(describer.related(d, PKG.statusEvent), as_of, recorded_by)
    for predicate in (PKG.responsibility, PKG.instrumentLink, PKG.target):
        nodes += describer.related(d, predicate)
    counts: dict[str, int] = {}
    seen = {}
    for node in nodes:
        for cited in {c.source: c for c in sources_of(describer, node)}.values():
            counts[cited.source] = counts.get(cited.source, 0) + 1
            seen.setdefault(cited.source, cited)
    order = {a.label: a.order for a in AUTHORITY}
    ranked = sorted(seen.values(), key=lambda c: (order.get(c.authority, 99), c.title.lower()))
    rows = []
    for cited in ranked:
        source = describer.get(cited.source)
        url = source.text(PKG.url)
        title = _e(cited.title)
        if url:
            title = f'<a href="{_e(url)}" rel="noreferrer">{title}</a>'
        publisher = source.text(PKG.publisher)
        issued = source.text(DCTERMS.issued)
        about = ", ".join(_e(w) for w in (publisher, issued) if w)
        rows.append([title + (f" <small>({about})</small>" if about else ""),
                     f'<span class="authority {_e(cited.authority)}">{_e(cited.authority)}</span>',
                     str(counts[cited.source])])  # fmt: skip
    if not rows:
        return _section("sources-behind", "Sources and their authority", "<p>No citation.</p>")
    return _section("sources-behind", "Sources and their authority",
                    "<p>Every source the facts above cite, primary first.</p>"
                    + _table("sources", ["Source", "Authority", "Facts above it supports"],
                             rows))  # fmt: skip


# ------------------------------------------------------------------------------ body


def body(describer: Describer, base: str, d: Description, *, as_of=None,
         recorded_by=None) -> str:  # fmt: skip
    """Its recommendations by role, each with its latest status; with `as_of`, only those of
    reports issued by then, and with `recorded_by`, only responsibilities recorded by then (as
    GraphQL's Body.responsibilities)."""
    held = [r for r in describer.referrers(d, PKG.body) if str(PKG.Responsibility) in r.types]
    by_role: dict[str, list[tuple[Description, Description]]] = {}
    for r in held:
        for rec in describer.referrers(r, PKG.responsibility):
            if KIND.Recommendation.iri not in rec.types:
                continue
            origin = _first(describer.related(rec, PKG.report))
            issued = origin.text(DCTERMS.issued) if origin else None
            if as_of and issued and issued > as_of:
                continue
            if recorded_by and (r.text(PKG.recorded) or issued or "") > recorded_by:
                continue
            by_role.setdefault(r.text(PKG.role) or "", []).append((rec, r))
    parts = []
    for role in ROLE:
        pairs = by_role.get(role.iri, [])
        heading = ROLE_HEADINGS.get(role, f"As {role.label}")
        ident = f"role-{role.token}"
        if not pairs:
            parts.append(f'<h3 id="{ident}">{heading}</h3><p>Nothing.</p>')
            continue
        recs = _by_report_then_number(describer, [rec for rec, _r in pairs])
        unconfirmed = {rec.iri: _unconfirmed(r) for rec, r in pairs}
        rows = []
        for rec in recs:
            origin = _first(describer.related(rec, PKG.report))
            rows.append([
                _a(base, rec, _rec_name(rec)) + unconfirmed[rec.iri],
                _a(base, origin, f"{origin.text(PKG.key) or _year(origin)}") if origin else "",
                *_status_cells(_latest(describer, rec, as_of, recorded_by)),
            ])  # fmt: skip
        parts.append(f'<h3 id="{ident}">{heading} ({len(recs)})</h3>'
                     + _table("responsibilities", [KIND.Recommendation.label, KIND.Report.label,
                                                   "Latest status", "Since"], rows))  # fmt: skip
    sections = _section("responsibilities", "Its responsibilities", "".join(parts))
    findings = sorted(describer.referrers(d, PKG.implicates), key=natural)
    sections += _section("implicated", "Findings that implicate it",
                         _list([_a(base, f) for f in findings], "None recorded."))  # fmt: skip
    return sections


# ------------------------------------------------------------------------------ report


def report(describer: Describer, base: str, d: Description, *, as_of=None,
           recorded_by=None) -> str:  # fmt: skip
    from .feeds import feed_path  # here: kg.web.feeds imports kg.web.pages

    recs = timeline.recommendations_of(describer, d)
    path = timeline.timeline_path(base, d.iri)
    feed = feed_path(base, d.types, d.iri) or ""
    timeline_link = (f'<a id="timeline-link" href="{_e(path)}">Timeline of its {len(recs)} '
                     "recommendations</a> · " if recs else "")  # fmt: skip
    links = f'<p>{timeline_link}<a href="{_e(feed)}">Atom feed of its events</a></p>'

    latest = {rec.iri: _latest(describer, rec, as_of, recorded_by) for rec in recs}
    counts: dict = {}
    for event in latest.values():
        status = STATUS.by_iri(event.text(PKG.status) or "") if event else None
        counts[status] = counts.get(status, 0) + 1
    said = _e(when_said(as_of, recorded_by))
    tally = ", ".join(f"{timeline.badge(s)} {n}" for s in [*STATUS, None] if (n := counts.get(s)))
    leads = {}
    for rec in recs:
        names = []
        for r in describer.related(rec, PKG.responsibility):
            if r.text(PKG.role) == ROLE.LEAD.iri:
                found = _first(describer.related(r, PKG.body))
                if found is not None:
                    names.append(_a(base, found))
        leads[rec.iri] = ", ".join(names)
    rows = [[_e(rec.text(PKG.number) or ""),
             _a(base, rec, rec.text(DCTERMS.title) or _rec_name(rec)),
             *_status_cells(latest[rec.iri]), leads[rec.iri]] for rec in recs]  # fmt: skip
    tracker = (f'<p class="tally">{len(recs)} recommendations; latest status{said}: {tally}.</p>'
               if recs else "<p>No recommendation recorded.</p>")  # fmt: skip
    if recs:
        headers = ["No.", KIND.Recommendation.label, "Latest status", "Since",
                   ROLE.LEAD.label.capitalize()]  # fmt: skip
        tracker += _table("tracker", headers, rows)
    findings = sorted((f for f in describer.referrers(d, PKG.report)
                       if KIND.Finding.iri in f.types),
                      key=lambda f: (f.text(PKG.key) or "", f.iri))  # fmt: skip
    items = []
    for finding in findings:
        addressers = describer.referrers(finding, PKG.addresses)
        addressers = _by_report_then_number(describer, addressers)
        if addressed_rule.holds(addressers):
            by = ", ".join(_a(base, rec, _short_rec(rec, d)) for rec in addressers)
            items.append(f"{_a(base, finding)} <small>addressed by {by}</small>")
        else:
            items.append(f'{_a(base, finding)} <span class="tag">not addressed</span> '
                         "<small>no recommendation addresses it</small>")  # fmt: skip
    return (links + _section("tracker", "Its recommendations and where they stand", tracker)
            + _section("report-findings", "Its findings",
                       _list(items, "No finding recorded.", "findings")))  # fmt: skip


def _short_rec(rec: Description, report_: Description) -> str:
    """The short name "Rec N" for a recommendation of `report_`, else its full name."""
    if report_.iri in rec.iris(PKG.report):
        return f"Rec {rec.text(PKG.number)}"
    return _rec_name(rec)


def _capital(words: str) -> str:
    return words[:1].upper() + words[1:]
