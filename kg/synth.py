"""`kg synth`: a deterministic synthetic corpus of any size, for load and performance tests.

`write_corpus(out_dir, target_triples, seed)` writes YAML source files shaped like
`ingest/sources/`: a bibliography (primary and secondary sources), themes, bodies with parents,
instruments (Acts with nested sections, statutory instruments, bills with clauses and
`enacted_as`, guidance), one file per report (findings with figures, implicates and themes;
numbered recommendations with addresses, responsibilities, instrument links or `no_instrument`,
echoes of earlier reports' recommendations, themes, citations with locators, some `unconfirmed`),
responses, status events and proposals. Registers are split into files of at most `CHUNK`
records. Every key is valid, every reference resolves, and the corpus passes `kg build`.

Size: the generator counts, as it goes, the quads `kg build` will write (it mirrors the rules of
`ingest/triples.py`, plus the ontology graph every build carries), and adds reports until the
count reaches `target_triples`; `SynthSummary.quads` is that prediction.

Deterministic: one `random.Random(seed)`, no clock, no set or hash ordering, so the same seed and
target give byte-identical files. Text is obviously synthetic ("Synthetic finding 3 of report
r-00042"); URLs are under https://example.org/synthetic/; Acts are numbered from chapter 901, a
range no real public general Act uses, so no identifier denotes a real statute.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ontology.vocabulary import AUTHORITY, INSTRUMENT_KIND, RELATION, ROLE, STANCE, STATUS

Progress = Callable[[str], None]

MIN_TRIPLES = 1_000
#: Records (counting nested sections and clauses) per register file.
CHUNK = 2_000
#: The first line of every file we write; only files that start with it are ever replaced.
MARK = "# Synthetic data written by `kg synth`"
#: Average quads per report, with its share of the registers (measured); sizes the registers.
QUADS_PER_REPORT = 400
START = dt.date(1975, 1, 1)
SPAN_DAYS = 16_000  # reports are issued 1975-2018; responses and status events follow them
URL = "https://example.org/synthetic"
LEGISLATION = "http://www.legislation.gov.uk/id"
FIRST_CHAPTER = 901

BODY_KINDS = (
    "ministerial department",
    "non-ministerial department",
    "agency",
    "police force",
    "local authority",
    "inspectorate",
    "prosecuting authority",
)
#: Stances a response takes, in this order (the random draws index it).
STANCES = tuple(
    s.token
    for s in (
        STANCE.ACCEPTED,
        STANCE.ACCEPTED_IN_PRINCIPLE,
        STANCE.PARTIALLY_ACCEPTED,
        STANCE.REJECTED,
        STANCE.NOTED,
    )
)
#: Runs of delivery statuses a recommendation goes through, in this order.
STATUS_PATHS = tuple(
    tuple(s.token for s in path)
    for path in (
        (
            STATUS.NOT_STARTED,
            STATUS.IN_PROGRESS,
            STATUS.LEGISLATING,
            STATUS.ENACTED,
            STATUS.IN_FORCE,
        ),
        (STATUS.IN_PROGRESS, STATUS.DELIVERED),
        (STATUS.IN_PROGRESS, STATUS.STALLED, STATUS.IN_PROGRESS, STATUS.DELIVERED),
        (STATUS.NOT_STARTED, STATUS.STALLED),
    )
)
UNITS = ("percent", "cases", "children", "offences", "reports")


# ------------------------------------------------------------------ YAML text


def _scalar(value: Any) -> str:
    """A YAML scalar; every string single-quoted (quotes doubled), so none is reinterpreted."""
    if isinstance(value, str):
        return "'" + value.replace("'", "''") + "'"
    if isinstance(value, bool):  # pragma: no cover - the format has no booleans
        raise TypeError("no booleans in source files")
    if isinstance(value, int | float | dt.date):
        return value.isoformat() if isinstance(value, dt.date) else repr(value)
    raise TypeError(f"cannot write {value!r} as a YAML scalar")


def _mapping(out: list[str], record: dict, pad: str, lead: str) -> None:
    """A block mapping; `lead` prefixes its first line (the pad, or the pad's `- ` form)."""
    prefix = lead
    for name, value in record.items():
        if isinstance(value, dict):
            out.append(f"{prefix}{name}:\n")
            _mapping(out, value, pad + "  ", pad + "  ")
        elif isinstance(value, list):
            if not any(isinstance(item, dict) for item in value):
                out.append(f"{prefix}{name}: [{', '.join(map(_scalar, value))}]\n")
            else:
                out.append(f"{prefix}{name}:\n")
                for item in value:
                    if isinstance(item, dict):
                        _mapping(out, item, pad + "    ", pad + "  - ")
                    else:
                        out.append(f"{pad}  - {_scalar(item)}\n")
        else:
            out.append(f"{prefix}{name}: {_scalar(value)}\n")
        prefix = pad


def dump(document: dict, header: str = "") -> str:
    """A source file's text: block style, flow lists of plain values, every string quoted."""
    out = [header] if header else []
    _mapping(out, document, "", "")
    return "".join(out)


# ------------------------------------------------------------------ the quads a build writes


@dataclass(frozen=True)
class _Evidence:
    citations: int
    primary: bool
    doubt: str | None
    dated: bool = False  # a cited source has an issue date: the fact gets `pkg:recorded`


class QuadCounter:
    """Counts the quads `ingest.triples.TripleWriter` writes for a record, without rdflib."""

    def __init__(self) -> None:
        self.primary: dict[str, bool] = {}
        self.dated: dict[str, bool] = {}

    def evidence(self, record: dict, inherited: _Evidence | None) -> tuple[int, _Evidence]:
        quads = 0
        cites = record.get("cite")
        if cites:
            primary = dated = False
            for cite in cites:
                cite = cite if isinstance(cite, dict) else {"source": cite}
                quads += 2 + ("locator" in cite) + ("url" in cite)
                primary = primary or self.primary[cite["source"]]
                dated = dated or self.dated[cite["source"]]
            ev = _Evidence(len(cites), primary, record.get("unconfirmed"), dated)
        else:
            assert inherited is not None
            doubt = record.get("unconfirmed") or inherited.doubt
            ev = _Evidence(inherited.citations, inherited.primary, doubt, inherited.dated)
        quads += ev.citations + 1 + bool(ev.doubt or not ev.primary) + ev.dated
        return quads, ev

    def _links(self, items: Iterable, parent: _Evidence) -> int:
        quads = 0
        for item in items:
            quads += 1
            if isinstance(item, dict) and ("cite" in item or "unconfirmed" in item):
                quads += 5 + self.evidence(item, parent)[0]
        return quads

    @staticmethod
    def _optional(record: dict, *names: str) -> int:
        return sum(name in record for name in names)

    def source(self, r: dict) -> int:
        self.primary[r["key"]] = r["authority"] == AUTHORITY.PRIMARY.token
        self.dated[r["key"]] = r.get("issued") is not None
        return 5 + self._optional(r, "publisher", "issued", "url", "note")

    def theme(self, r: dict) -> int:
        return 6 + self._optional(r, "definition") + self.evidence(r, None)[0]

    def body(self, r: dict) -> int:
        return 6 + self._optional(r, "abbreviation", "url", "parent") + self.evidence(r, None)[0]

    def instrument(self, r: dict, parent: str | None = None) -> int:
        classes = len(INSTRUMENT_KIND.by_token(r["kind"]).types)  # ours, and ELI's for some
        quads = classes + 3 + self._optional(r, "citation", "status", "url", "enacted_as")
        quads += bool(r.get("part_of", parent)) + self.evidence(r, None)[0]
        return quads + sum(self.instrument(part, r["id"]) for part in r.get("parts", []))

    def _duties(self, responsibilities: list, links: list, parent: _Evidence) -> int:
        quads = sum(5 + self.evidence(resp, parent)[0] for resp in responsibilities)
        return quads + sum(5 + ("note" in link) + self.evidence(link, parent)[0] for link in links)

    def report(self, r: dict) -> int:
        quads = 5 + self._optional(r, "author", "publisher", "issued", "url", "scope", "method")
        own, ev = self.evidence(r, None)
        quads += own
        for finding in r.get("findings", []):
            f_quads, f_ev = self.evidence(finding, ev)
            quads += 6 + f_quads + 5 * len(finding.get("figures", []))
            quads += self._links(finding.get("implicates", []), f_ev)
            quads += self._links(finding.get("themes", []), f_ev)
        for rec in r.get("recommendations", []):
            r_quads, r_ev = self.evidence(rec, ev)
            quads += 6 + r_quads
            for name in ("addresses", "echoes", "themes"):
                quads += self._links(rec.get(name, []), r_ev)
            quads += self._duties(rec.get("responsibilities", []), rec.get("instruments", []), r_ev)
            if "no_instrument" in rec:
                quads += 4 + self.evidence(rec["no_instrument"], r_ev)[0]
        return quads

    def proposal(self, r: dict) -> int:
        own, ev = self.evidence(r, None)
        quads = 6 + self._optional(r, "safeguards", "status") + own
        return quads + self._duties(r.get("responsibilities", []), r.get("changes", []), ev)

    def response(self, r: dict) -> int:
        return 5 + self._optional(r, "issued") + self.evidence(r, None)[0]

    def status_event(self, r: dict) -> int:
        return 5 + self._optional(r, "note") + self.evidence(r, None)[0]


@functools.cache
def ontology_quads() -> int:
    """The vocabulary graph every build carries."""
    from ontology import ontology_graph

    return len(ontology_graph())


# ------------------------------------------------------------------ the corpus


@dataclass
class SynthSummary:
    out_dir: Path
    seed: int
    target: int
    quads: int = 0  # what `kg build` will write, counted while generating
    files: int = 0
    bytes: int = 0
    counts: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        rows = [
            f"{self.files} source files ({self.bytes:,} bytes) in {self.out_dir}, seed {self.seed}",
            f"expected build: {self.quads} quads (target {self.target})",
        ]
        return rows + [f"  {name:<22} {n:>8}" for name, n in self.counts.items()]


@dataclass
class _Unit:
    """One report and everything that hangs off it, committed or discarded together."""

    key: str
    report: dict
    sources: list[dict]
    responses: list[dict]
    status_events: list[dict]
    proposals: list[dict]
    quads: int


class _Generator:
    def __init__(self, seed: int, reports_estimate: int):
        self.rng = random.Random(seed)
        self.n = max(2, reports_estimate)
        # Smaller reports in a corpus of a few thousand quads keep its size near the target.
        tiny, small = self.n <= 2, self.n < 10
        self.findings = (1, 2) if small else (2, 6)
        self.recommendations = (1, 2) if tiny else (1, 3) if small else (1, 7)
        self.events = 1 if tiny else 2 if small else 5
        self.q = QuadCounter()
        self.quads = 0
        self.sources: list[dict] = []
        self.themes: list[dict] = []
        self.bodies: list[dict] = []
        self.instruments: list[dict] = []
        self.responses: list[dict] = []
        self.status_events: list[dict] = []
        self.proposals: list[dict] = []
        self.rec_refs: list[str] = []
        self.counts = dict.fromkeys(
            (
                "sources",
                "themes",
                "bodies",
                "instruments",
                "reports",
                "findings",
                "recommendations",
                "responses",
                "status_events",
                "proposals",
            ),
            0,
        )

    # -- helpers ------------------------------------------------------------------

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def pick(self, items: list, k: int) -> list:
        """k distinct items, in a stable order."""
        k = min(k, len(items))
        return [items[i] for i in sorted(self.rng.sample(range(len(items)), k))]

    def official(self) -> str:
        return self.rng.choice(self.official_keys)

    def press(self) -> str:
        return self.rng.choice(self.press_keys)

    def doubt(self, what: str) -> str:
        return f"Synthetic doubt: {what} rests on a secondary source only."

    def register_cite(self, record: dict, what: str) -> dict:
        """Citations of a register record: an official page, sometimes only the press."""
        if self.chance(0.1):
            record["cite"] = [self.press()]
            record["unconfirmed"] = self.doubt(what)
        else:
            record["cite"] = [{"source": self.official(), "locator": f"synthetic page {what}"}]
        return record

    # -- registers ----------------------------------------------------------------

    def registers(self) -> None:
        n, rng = self.n, self.rng
        self.official_keys = [f"src-official-{i:04d}" for i in range(1, 2 + n // 6 + 1)]
        self.press_keys = [f"src-press-{i:04d}" for i in range(1, 2 + n // 5 + 1)]
        for i, key in enumerate(self.official_keys, start=1):
            self.add_source(
                {
                    "key": key,
                    "title": f"Synthetic official page {i}",
                    "publisher": f"Synthetic Publisher {1 + i % 7}",
                    "url": f"{URL}/official/{i}",
                    "authority": AUTHORITY.PRIMARY.token,
                }
            )
        for i, key in enumerate(self.press_keys, start=1):
            record = {
                "key": key,
                "title": f"Synthetic news item {i}",
                "issued": START + dt.timedelta(days=rng.randrange(SPAN_DAYS)),
                "url": f"{URL}/press/{i}",
                "authority": AUTHORITY.SECONDARY.token,
            }
            if i % 5 == 0:
                record["note"] = f"Synthetic note on news item {i}."
            self.add_source(record)

        for i in range(1, min(3 + n // 40, 120) + 1):
            theme = {
                "key": f"theme-{i:03d}",
                "name": f"Synthetic theme {i}",
                "definition": f"Synthetic definition of theme {i}.",
            }
            self.add(self.themes, "themes", self.register_cite(theme, f"theme {i}"), self.q.theme)

        for i in range(1, 3 + n // 4 + 1):
            body = {
                "key": f"body-{i:04d}",
                "name": f"Synthetic Body {i}",
                "abbreviation": f"SB{i}",
                "kind": BODY_KINDS[i % len(BODY_KINDS)] if i > 2 else BODY_KINDS[0],
            }
            if i == 3 or (i > 3 and self.chance(0.8)):
                body["parent"] = f"body-{rng.randint(1, i - 1):04d}"
            if i % 3 == 0:
                body["url"] = f"{URL}/body/{i}"
            self.add(self.bodies, "bodies", self.register_cite(body, f"body {i}"), self.q.body)
        self.body_keys = [b["key"] for b in self.bodies]
        self.theme_keys = [t["key"] for t in self.themes]
        self.legislation()

    def legislation(self) -> None:
        n, rng = self.n, self.rng
        self.by_kind: dict[str, list[str]] = {k.token: [] for k in INSTRUMENT_KIND}
        chapters: dict[int, int] = {}
        acts = []
        for i in range(1, 1 + n // 6 + 1):
            year = 1975 + rng.randrange(44)
            chapter = chapters[year] = chapters.get(year, FIRST_CHAPTER - 1) + 1
            act_id = f"{LEGISLATION}/ukpga/{year}/{chapter}"
            sections = sorted(rng.sample(range(1, 120), rng.randint(2 if i == 1 else 1, 5)))
            act = {
                "id": act_id,
                "kind": INSTRUMENT_KIND.ACT.token,
                "title": f"Synthetic Act {i} of {year}",
                "citation": f"{year} c. {chapter}",
                "status": "synthetic status: in force",
            }
            act = self.register_cite(act, f"act {i}")
            parts = [self._section(act_id, i, k) for k in sections]
            if len(parts) > 1 and (i == 1 or self.chance(0.2)):  # declared apart, with part_of
                loose = parts.pop()
                loose = {**loose, "part_of": act_id}
                acts.append((year, chapter, act, parts, [loose]))
            else:
                acts.append((year, chapter, act, parts, []))
        for _year, _chapter, act, parts, loose in acts:
            if parts:
                act["parts"] = parts
            self.add_instrument(act)
            for section in loose:
                self.add_instrument(section)
        act_ids = self.by_kind[INSTRUMENT_KIND.ACT.token]
        for i in range(1, 1 + n // 30 + 1):
            year = 1975 + rng.randrange(44)
            number = 900 + i
            si = {
                "id": f"{LEGISLATION}/uksi/{year}/{number}",
                "kind": INSTRUMENT_KIND.STATUTORY_INSTRUMENT.token,
                "title": f"Synthetic Regulations {i} of {year}",
                "citation": f"SI {year}/{number}",
            }
            self.add_instrument(self.register_cite(si, f"statutory instrument {i}"))
        for i in range(1, 1 + n // 15 + 1):
            key = f"bill-{i:04d}"
            bill = {"id": key, "kind": INSTRUMENT_KIND.BILL.token, "title": f"Synthetic Bill {i}"}
            if i == 1 or self.chance(0.5):
                bill["enacted_as"] = rng.choice(act_ids)
                bill["status"] = "synthetic status: enacted"
            else:
                bill["status"] = "synthetic status: before Parliament"
            bill = self.register_cite(bill, f"bill {i}")
            clauses = []
            for c in range(1, rng.randint(1, 4) + 1):
                clause = {
                    "id": f"{key}-clause-{c}",
                    "kind": INSTRUMENT_KIND.CLAUSE.token,
                    "title": f"Clause {c}",
                }
                clauses.append(self.register_cite(clause, f"bill {i} clause {c}"))
            bill["parts"] = clauses
            self.add_instrument(bill)
        for i in range(1, 1 + n // 15 + 1):
            guidance = {
                "id": f"guidance-{i:04d}",
                "kind": INSTRUMENT_KIND.GUIDANCE.token,
                "title": f"Synthetic guidance {i}",
                "url": f"{URL}/guidance/{i}",
            }
            self.add_instrument(self.register_cite(guidance, f"guidance {i}"))

    def _section(self, act_id: str, act: int, number: int) -> dict:
        section = {
            "id": f"{act_id}/section/{number}",
            "kind": INSTRUMENT_KIND.SECTION.token,
            "title": f"Synthetic section {number} of Act {act}",
            "citation": f"s. {number}",
        }
        return self.register_cite(section, f"act {act} section {number}")

    def add_source(self, record: dict) -> None:
        self.add(self.sources, "sources", record, self.q.source)

    def add(self, table: list, name: str, record: dict, count: Callable[[dict], int]) -> None:
        table.append(record)
        self.counts[name] += 1
        self.quads += count(record)

    def add_instrument(self, record: dict) -> None:
        self.instruments.append(record)
        self.quads += self.q.instrument(record)
        for r in [record, *record.get("parts", [])]:
            self.by_kind[r["kind"]].append(r["id"])
            self.counts["instruments"] += 1

    # -- one report and what hangs off it ------------------------------------------

    def instrument_link(self, who: str) -> dict:
        roll = self.rng.random()
        kinds = self.by_kind
        K, R = INSTRUMENT_KIND, RELATION
        if roll < 0.5:
            kind, relations = K.SECTION, (R.AMENDS, R.RELIES_ON, R.CREATES)
        elif roll < 0.65:
            kind, relations = K.ACT, (R.AMENDS, R.RELIES_ON)
        elif roll < 0.75 and kinds[K.STATUTORY_INSTRUMENT.token]:
            kind, relations = K.STATUTORY_INSTRUMENT, (R.AMENDS, R.RELIES_ON)
        elif roll < 0.85:
            kind, relations = K.BILL, (R.IMPLEMENTED_BY,)
        elif roll < 0.92:
            kind, relations = K.CLAUSE, (R.IMPLEMENTED_BY, R.CREATES)
        else:
            kind, relations = K.GUIDANCE, (R.RELIES_ON, R.IMPLEMENTED_BY)
        relation = self.rng.choice(relations).token
        link = {"instrument": self.rng.choice(kinds[kind.token]), "relation": relation}
        if self.chance(0.5):
            link["note"] = f"Synthetic note: {who} {relation.replace('_', ' ')} this instrument."
        return link

    def citations(self, doc: str, locator: str, what: str) -> tuple[list, str | None]:
        roll = self.rng.random()
        if roll < 0.1:  # only the press: unconfirmed
            return [{"source": self.press(), "locator": locator}], self.doubt(what)
        cites: list = [{"source": doc, "locator": locator}]
        if roll < 0.25:
            cites.append(self.press())
        if roll > 0.97:
            cites[0]["url"] = f"{URL}/{doc}#{locator.replace(' ', '-')}"
        return cites, None

    def cited(self, record: dict, doc: str, locator: str, what: str) -> dict:
        record["cite"], doubt = self.citations(doc, locator, what)
        if doubt:
            record["unconfirmed"] = doubt
        return record

    def link(self, ref: str, what: str) -> str | dict:
        """A bare key, or now and then a link record with evidence of its own."""
        if self.chance(0.08):
            return {"ref": ref, "cite": [self.press()], "unconfirmed": self.doubt(what)}
        return ref

    def unit(self, i: int) -> _Unit:
        rng = self.rng
        key = f"r-{i:05d}"
        doc = f"src-{key}"
        # Issued in order, spread so that up to twice the estimated number of reports fit.
        step = max(1, SPAN_DAYS // (2 * self.n))
        issued = START + dt.timedelta(days=min(SPAN_DAYS, (i - 1) * step))
        sources = [
            {
                "key": doc,
                "title": f"Synthetic report {key} (document)",
                "publisher": f"Synthetic Publisher {1 + i % 7}",
                "issued": issued,
                "url": f"{URL}/report/{key}",
                "authority": AUTHORITY.PRIMARY.token,
            }
        ]
        report: dict = {
            "key": key,
            "document": doc,
            "title": f"Synthetic report {key}",
            "author": f"Synthetic Author {1 + i % 13}",
            "publisher": f"Synthetic Publisher {1 + i % 7}",
            "issued": issued,
            "url": f"{URL}/report/{key}",
            "scope": f"Synthetic scope of report {key}.",
            "method": f"Synthetic method of report {key}.",
            "cite": [{"source": doc, "locator": "synthetic title page"}],
        }
        if self.chance(0.05):
            report["unconfirmed"] = f"Synthetic doubt about the publication of report {key}."
        findings = []
        for j in range(1, rng.randint(*self.findings) + 1):
            finding = {
                "key": f"finding-{j}",
                "title": f"Synthetic finding {j} of report {key}",
                "summary": f"Synthetic summary of finding {j} of report {key}; not a real fact.",
            }
            figures = []
            for k in range(1, rng.choice((0, 0, 1, 2)) + 1):
                unit = rng.choice(UNITS)
                value = rng.randint(1, 1000) / 10 if unit == "percent" else rng.randint(1, 5000)
                figures.append(
                    {
                        "value": value,
                        "unit": unit,
                        "description": f"synthetic count {k} of finding {j} of report {key}",
                    }
                )
            if figures:
                finding["figures"] = figures
            implicated = self.pick(self.body_keys, rng.randint(0, 3))
            if implicated:
                finding["implicates"] = [
                    self.link(b, f"the implication of {b}") for b in implicated
                ]
            finding["themes"] = [
                self.link(t, f"the link to {t}")
                for t in self.pick(self.theme_keys, rng.randint(1, 2))
            ]
            findings.append(
                self.cited(finding, doc, f"synthetic paragraph {j}.1", f"finding {j} of {key}")
            )
        report["findings"] = findings
        finding_keys = [f["key"] for f in findings]

        recommendations = []
        for number in range(1, rng.randint(*self.recommendations) + 1):
            ref = f"{key}/{number}"
            rec: dict = {
                "number": number,
                "title": f"Synthetic recommendation {number} of report {key}",
                "summary": f"Synthetic summary of recommendation {number} of report {key}.",
                "addresses": [
                    self.link(f, f"the link to {f}")
                    for f in self.pick(finding_keys, rng.randint(1, 2))
                ],
            }
            duties = []
            for position, body in enumerate(self.pick(self.body_keys, rng.randint(1, 3))):
                role = ROLE.LEAD if position == 0 else rng.choice((ROLE.PARTNER, ROLE.CONSULTED))
                duty = {"body": body, "role": role.token}
                if self.chance(0.1):
                    duty["cite"] = [{"source": self.press(), "locator": f"synthetic item {number}"}]
                    duty["unconfirmed"] = self.doubt(f"the role of {body}")
                duties.append(duty)
            rec["responsibilities"] = duties
            roll = rng.random()
            if roll < 0.6 or (i == 1 and number == 1):
                links = [self.instrument_link(f"recommendation {ref}")]
                if self.chance(0.3):
                    extra = self.instrument_link(f"recommendation {ref}")
                    if extra["instrument"] != links[0]["instrument"]:
                        links.append(extra)
                if self.chance(0.1):
                    links[-1]["cite"] = [self.press()]
                    links[-1]["unconfirmed"] = self.doubt(f"a link of {ref}")
                rec["instruments"] = links
            elif roll < 0.93:
                no_instrument: dict = {"reason": f"Synthetic reason: {ref} needs no legislation."}
                if self.chance(0.2):
                    no_instrument["cite"] = [
                        {"source": doc, "locator": f"synthetic annex {number}"}
                    ]
                rec["no_instrument"] = no_instrument
            if self.rec_refs and self.chance(0.3):
                echoes = self.pick(self.rec_refs, rng.randint(1, 2))
                rec["echoes"] = [self.link(e, f"the echo of {e}") for e in echoes]
            rec["themes"] = [
                self.link(t, f"the link to {t}") for t in self.pick(self.theme_keys, 1)
            ]
            recommendations.append(
                self.cited(rec, doc, f"synthetic recommendation {number}", f"recommendation {ref}")
            )
        report["recommendations"] = recommendations

        responses, events, proposals = [], [], []
        response_doc = f"src-{key}-response"
        for rec in recommendations:
            ref = f"{key}/{rec['number']}"
            if self.chance(0.6):
                response = {
                    "recommendation": ref,
                    "stance": rng.choice(STANCES),
                    "summary": f"Synthetic response to recommendation {ref}.",
                    "issued": issued + dt.timedelta(days=60),
                    "cite": [
                        {"source": response_doc, "locator": f"synthetic item {rec['number']}"}
                    ],
                }
                if self.chance(0.05):
                    response["unconfirmed"] = self.doubt(f"the response to {ref}")
                responses.append(response)
            path = rng.choice(STATUS_PATHS)
            day = issued
            for status in path[: rng.randint(0, min(len(path), self.events))]:
                day += dt.timedelta(days=rng.randint(30, 400))
                event = {
                    "recommendation": ref,
                    "status": status,
                    "date": day,
                    "note": f"Synthetic status note for {ref}.",
                }
                if self.chance(0.6):
                    event["cite"] = [{"source": self.official(), "locator": f"synthetic {ref}"}]
                else:
                    event["cite"] = [self.press()]
                events.append(event)
            first = i == 1 and rec["number"] == 1
            if "instruments" in rec and (first or self.chance(0.04)):
                number = len(self.proposals) + len(proposals) + 1
                proposal = {
                    "key": f"proposal-{number:04d}",
                    "title": f"Synthetic proposal {number}",
                    "summary": f"Synthetic proposed change asked for by {ref}.",
                    "proposed_by": ref,
                    "changes": [
                        {k: v for k, v in link.items() if k in ("instrument", "relation")}
                        for link in rec["instruments"]
                    ],
                    "responsibilities": [
                        {"body": d["body"], "role": d["role"]} for d in rec["responsibilities"][:2]
                    ],
                    "safeguards": f"Synthetic safeguards of proposal {number}.",
                    "status": "synthetic status: proposed",
                    "cite": [
                        {"source": doc, "locator": f"synthetic recommendation {rec['number']}"}
                    ],
                }
                proposals.append(proposal)
        if responses:
            sources.append(
                {
                    "key": response_doc,
                    "title": f"Synthetic government response to report {key}",
                    "publisher": "Synthetic Department",
                    "issued": issued + dt.timedelta(days=60),
                    "url": f"{URL}/response/{key}",
                    "authority": AUTHORITY.PRIMARY.token,
                }
            )
        quads = 1 + sum(self.q.source(s) for s in sources) + self.q.report(report)
        quads += sum(self.q.response(r) for r in responses)
        quads += sum(self.q.status_event(e) for e in events)
        quads += sum(self.q.proposal(p) for p in proposals)
        return _Unit(key, report, sources, responses, events, proposals, quads)

    def commit(self, unit: _Unit) -> None:
        self.quads += unit.quads
        self.sources.extend(unit.sources)
        self.responses.extend(unit.responses)
        self.status_events.extend(unit.status_events)
        self.proposals.extend(unit.proposals)
        recs = unit.report["recommendations"]
        self.rec_refs.extend(f"{unit.key}/{r['number']}" for r in recs)
        self.counts["sources"] += len(unit.sources)
        self.counts["reports"] += 1
        self.counts["findings"] += len(unit.report["findings"])
        self.counts["recommendations"] += len(recs)
        self.counts["responses"] += len(unit.responses)
        self.counts["status_events"] += len(unit.status_events)
        self.counts["proposals"] += len(unit.proposals)


# ------------------------------------------------------------------ writing


def _chunks(records: list[dict], size: int = CHUNK) -> list[list[dict]]:
    """Runs of top-level records holding at most `size` records each, nested parts included."""
    chunks: list[list[dict]] = [[]]
    filled = 0
    for record in records:
        weight = 1 + len(record.get("parts", []))
        if filled and filled + weight > size:
            chunks.append([])
            filled = 0
        chunks[-1].append(record)
        filled += weight
    return chunks


def _clear(out_dir: Path) -> None:
    """Remove the YAML files of an earlier run; refuse to touch any other YAML file."""
    existing = sorted(p for p in out_dir.iterdir() if p.suffix in (".yaml", ".yml"))
    foreign = []
    for path in existing:
        with path.open(encoding="utf-8", errors="replace") as handle:
            if not handle.readline().startswith(MARK):
                foreign.append(path.name)
    if foreign:
        raise FileExistsError(
            f"{out_dir} holds YAML files that kg synth did not write "
            f"({', '.join(foreign[:3])}{' ...' if len(foreign) > 3 else ''}); "
            "choose an empty or new directory"
        )
    for path in existing:
        path.unlink()


def write_corpus(
    out_dir: Path, target_triples: int, seed: int = 1, progress: Progress | None = None
) -> SynthSummary:
    """Write a synthetic corpus whose `kg build` has about `target_triples` quads.

    The same seed and target give byte-identical files. YAML files already in `out_dir` are
    replaced only when an earlier run of kg synth wrote them; otherwise FileExistsError.
    """
    if target_triples < MIN_TRIPLES:
        raise ValueError(f"target_triples must be at least {MIN_TRIPLES}, got {target_triples}")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    _clear(out_dir)
    summary = SynthSummary(out_dir, seed, target_triples)
    header = f"{MARK} (seed {seed}, target {target_triples} triples): not real facts.\n"

    def write(name: str, document: dict) -> None:
        text = dump(document, header)
        (out_dir / name).write_text(text, encoding="utf-8")
        summary.files += 1
        summary.bytes += len(text.encode("utf-8"))

    budget = target_triples - ontology_quads()
    gen = _Generator(seed, budget // QUADS_PER_REPORT)
    gen.registers()
    # Register files: one quad each (pkg:sourceFile), and the theme scheme (two) with the themes.
    register_files = (
        len(_chunks(gen.themes)) + len(_chunks(gen.bodies)) + len(_chunks(gen.instruments))
    )
    gen.quads += register_files + 2 * len(_chunks(gen.themes))

    number = 0
    while True:
        unit = gen.unit(number + 1)
        over = gen.quads + unit.quads - budget
        if number >= 2 and over > 0 and over > budget - gen.quads:
            break  # this report would overshoot by more than stopping short does
        number += 1
        gen.commit(unit)
        write(
            f"{unit.key}.yaml",
            {"description": f"Synthetic report {unit.key}.", "report": unit.report},
        )
        if progress and number % 250 == 0:
            progress(f"synth: {number} reports, {gen.quads + ontology_quads()} quads so far")
        if number >= 2 and gen.quads >= budget:
            break

    registers = (
        ("bibliography", "sources", gen.sources, "Synthetic sources"),
        ("themes", "themes", gen.themes, "Synthetic themes"),
        ("bodies", "bodies", gen.bodies, "Synthetic bodies"),
        ("instruments", "instruments", gen.instruments, "Synthetic instruments"),
        ("responses", "responses", gen.responses, "Synthetic responses"),
        ("status", "status_events", gen.status_events, "Synthetic status events"),
        ("proposals", "proposals", gen.proposals, "Synthetic proposals"),
    )
    for stem, section, records, what in registers:
        chunks = _chunks(records) if records else []
        for index, chunk in enumerate(chunks, start=1):
            name = f"{stem}-{index:03d}.yaml"
            write(name, {"description": f"{what}, part {index} of {len(chunks)}.", section: chunk})
            if progress:
                progress(f"synth: wrote {name} ({len(chunk)} records)")
        if section in ("sources", "responses", "status_events", "proposals"):
            gen.quads += len(chunks)
    summary.quads = gen.quads + ontology_quads()
    summary.counts = dict(gen.counts)
    if progress:
        progress(f"synth: {summary.files} files, {summary.quads} quads expected")
    return summary
