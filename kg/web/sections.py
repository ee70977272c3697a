"""What an entity page shows above its full list of facts, shaped for the reader of its kind:

- a recommendation: what it asks; the government's response; its status over time (a lane of
  the report's timeline and the dated events with their sources); the bodies by role; the law
  it touches (each instrument link with the instrument's part-of chain, and a marked place for
  its legal status, which is not derived yet); the findings it addresses; the earlier
  recommendations it repeats; its targets; and every source behind these, with its authority;
- a body: what it leads, partners on and is consulted on, each with its latest status; the
  findings that implicate it;
- a report: its recommendations with their latest statuses (a compact tracker), its findings
  and who addresses them, links to its timeline and its feed.

Everything is read through the page's Describer, level by level (a list's members are read in
the same round trips), and the latest status is the shared rule's (kg.rules.status); with
`as_of` or `recorded_by` a page answers for that day, as its status line does.
"""

from __future__ import annotations

import datetime as dt
import html
import re

from ontology import DCTERMS, ELI, PKG, RDFS
from ontology.vocabulary import AUTHORITY, INSTRUMENT_KIND, KIND, RELATION, ROLE, STANCE, STATUS

from ..analysis import StatusFact, TargetFacts, overdue_on
from ..describe import Describer, Description
from ..rules import addressed as addressed_rule
from ..rules import confirmed as confirmed_rule
from ..rules import status as status_rule
from . import timeline
from .pages import cited_html, entity_url, natural, sources_of, status_events, when_said

#: The heading of each role's list on a body's page.
ROLE_HEADINGS = {ROLE.LEAD: "What it leads", ROLE.PARTNER: "What it is a partner on",
                 ROLE.CONSULTED: "What it is consulted on"}  # fmt: skip
#: The place for the recommendation's legal status, derived from its instruments by a later
#: change: marked as not derived, with no value meanwhile.
LEGAL_STATUS_PENDING = (
    '<p class="pending" id="legal-status"><strong>Legal status: not derived yet.</strong> '
    "Where the law stands for this recommendation will be derived from the instruments above "
    "(their stages and commencement); until then nothing is shown here.</p>"
)
#: How far up an instrument's part-of chain a page follows (a section of a part of an Act ...).
MAX_PARTS = 6


def of(describer: Describer, base: str, d: Description, *, as_of=None, recorded_by=None) -> str:
    """The sections for `d`'s kind ("" for kinds without any), with the marks' shapes."""
    types = d.types
    when = {"as_of": as_of, "recorded_by": recorded_by}
    if KIND.Recommendation.iri in types:
        shown = recommendation(describer, base, d, **when)
    elif KIND.Body.iri in types:
        shown = body(describer, base, d, **when)
    elif KIND.Report.iri in types:
        shown = report(describer, base, d, **when)
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


def recommendation(describer: Describer, base: str, d: Description, *, as_of=None,
                   recorded_by=None) -> str:  # fmt: skip
    report_ = _first(describer.related(d, PKG.report))
    parts = [
        _asks(base, d, report_),
        _response(describer, d, as_of, recorded_by),
        _status_over_time(describer, base, d, report_, as_of, recorded_by),
        _roles(describer, base, d),
        _law(describer, base, d),
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
    body += LEGAL_STATUS_PENDING
    return _section("law", "The law it touches", body)


def _findings_addressed(describer: Describer, base: str, d: Description) -> str:
    findings = sorted(describer.related(d, PKG.addresses), key=natural)
    items = [_a(base, f) for f in findings]
    return _section("findings", "Findings it addresses",
                    _list(items, "It addresses no finding recorded here.", "findings"))  # fmt: skip


def _echo_items(describer: Describer, base: str, recs: list[Description]) -> list[str]:
    items = []
    for rec in recs:
        origin = _first(describer.related(rec, PKG.report))
        where = ""
        if origin is not None:
            where = f", in {_a(base, origin, origin.text(DCTERMS.title))} ({_year(origin)})"
        items.append(f"{_a(base, rec, _rec_name(rec))}{where}")
    return items


def _by_report_then_number(describer: Describer, recs: list[Description]) -> list[Description]:
    def key(rec):
        origin = _first(describer.related(rec, PKG.report))
        issued = origin.text(DCTERMS.issued) if origin else ""
        return (issued or "", rec.iris(PKG.report)[:1], int(rec.text(PKG.number) or 0))

    return sorted(recs, key=key)


def _echoes(describer: Describer, base: str, d: Description) -> str:
    earlier = _by_report_then_number(describer, describer.related(d, PKG.echoes))
    body = _list(_echo_items(describer, base, earlier),
                 "It repeats no earlier recommendation recorded here.", "echoes")  # fmt: skip
    later = _by_report_then_number(describer, describer.referrers(d, PKG.echoes))
    if later:
        body += "<p>Repeated later by:</p>" + _list(_echo_items(describer, base, later), "")
    return _section("echoes", "Earlier recommendations it repeats", body)


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
