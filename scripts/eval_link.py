#!/usr/bin/env python3
"""Linking quality: the linker (`kg link`) against the gold set in tests/fixtures/gold/link.

The gold set is texts written for it in four styles (news, legal commentary, debate extract, a
report's recommendations chapter), each `<id>.txt` with its annotations in `<id>.json`: the
mentions of entities in the graph (surface, occurrence, entity IRI, kind) and checkable claims
with the verdict the graph supports. Its README says how it was annotated.

Mentions: a predicted mention is correct when its span overlaps a gold mention's span and its id
is the gold id (or one of the gold mention's `alt_ids`, for a name that is both a body and its
report); each gold mention is matched at most once. Precision is correct predictions over
predictions, recall matched gold mentions over gold mentions, per kind (the kind the graph gives
the id) and per group. "recommendations by number" counts only recommendation mentions whose text
holds a number or an ordinal ("recommendation 4", "the first recommendation").

Claims: a gold claim takes the verdict of the predicted claim whose span overlaps it most, or
not_found when none does. Verdict accuracy is over gold claims; "unsupported marked supported" is
the share of gold claims that are contradicted or not_found which the linker called supported.

    .venv/bin/python scripts/eval_link.py [--build build/kg.nq] [--format text|json]
                                          [--show-errors] [--gold DIR]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from kg.config import default_build  # noqa: E402
from ontology.vocabulary import INSTRUMENT_KIND, KIND  # noqa: E402

GOLD_DIR = REPO / "tests" / "fixtures" / "gold" / "link"

SUPPORTED, CONTRADICTED, NOT_FOUND = "supported", "contradicted", "not_found"
VERDICTS = (SUPPORTED, CONTRADICTED, NOT_FOUND)
STYLES = ("news", "legal", "debate", "recommendations")

#: Mention groups the issue sets targets for (and two it does not), by kind name.
STATUTE_KINDS = tuple(
    k.local
    for k in (
        INSTRUMENT_KIND.ACT,
        INSTRUMENT_KIND.SECTION,
        INSTRUMENT_KIND.BILL,
        INSTRUMENT_KIND.CLAUSE,
        INSTRUMENT_KIND.STATUTORY_INSTRUMENT,
    )
)
GROUPS = {
    "statutes": STATUTE_KINDS,
    "bodies": (KIND.Body.name,),
    "reports": (KIND.Report.name,),
    "recommendations": (KIND.Recommendation.name,),
    "findings": (KIND.Finding.name,),
    "themes": (KIND.Theme.name,),
}
BY_NUMBER = "recommendations by number"
ALL = "all"

_ORDINALS = (
    "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
    "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth "
    "one two three four five six seven eight nine ten eleven twelve thirteen"
)
_NUMBERED = re.compile(r"\d|\b(?:" + "|".join(_ORDINALS.split()) + r")\b", re.IGNORECASE)


def by_number(text: str) -> bool:
    """Whether a recommendation mention cites it by number or ordinal."""
    return bool(_NUMBERED.search(text))


# ----------------------------------------------------------------------------- the gold set


@dataclass(frozen=True)
class GoldMention:
    start: int
    end: int
    text: str
    id: str
    kind: str
    ids: frozenset[str]  # the id and its alternatives


@dataclass(frozen=True)
class GoldClaim:
    start: int
    end: int
    text: str
    verdict: str
    basis: str


@dataclass
class GoldDoc:
    id: str
    style: str
    text: str
    mentions: list[GoldMention] = field(default_factory=list)
    claims: list[GoldClaim] = field(default_factory=list)


class GoldError(ValueError):
    """An annotation that does not fit its text: names the file and what is wrong."""


def nth(text: str, surface: str, occurrence: int) -> int:
    """Where the `occurrence`-th (1-based) occurrence of `surface` starts, or -1."""
    at = -1
    for _ in range(occurrence):
        at = text.find(surface, at + 1)
        if at < 0:
            return -1
    return at


def load_gold(folder: Path = GOLD_DIR) -> list[GoldDoc]:
    docs = []
    for path in sorted(folder.glob("*.json")):
        data = json.loads(path.read_text(encoding="utf-8"))
        text_path = path.with_suffix(".txt")
        if not text_path.is_file():
            raise GoldError(f"{path.name}: no text file {text_path.name}")
        text = text_path.read_text(encoding="utf-8")
        doc = GoldDoc(data["id"], data["style"], text)
        if doc.id != path.stem:
            raise GoldError(f"{path.name}: id {doc.id!r} is not the file's name")
        for i, m in enumerate(data["mentions"]):
            start = nth(text, m["text"], m["occurrence"])
            if start < 0:
                raise GoldError(
                    f"{path.name}: mention {i}: {m['text']!r} does not occur "
                    f"{m['occurrence']} time(s) in {text_path.name}"
                )
            ids = frozenset([m["id"], *m.get("alt_ids", ())])
            end = start + len(m["text"])
            doc.mentions.append(GoldMention(start, end, m["text"], m["id"], m["kind"], ids))
        for i, c in enumerate(data["claims"]):
            start = text.find(c["text"])
            if start < 0:
                raise GoldError(f"{path.name}: claim {i} does not occur in {text_path.name}")
            if c["verdict"] not in VERDICTS:
                raise GoldError(f"{path.name}: claim {i}: verdict {c['verdict']!r}")
            end = start + len(c["text"])
            doc.claims.append(GoldClaim(start, end, c["text"], c["verdict"], c["basis"]))
        docs.append(doc)
    return docs


def kinds_in(store) -> dict[str, str]:
    """Each entity's kind name, from the graph: an instrument by its instrument kind (Act,
    Section, Bill, Clause, ...), anything else by its entity kind (Body, Report, ...)."""
    instrument = {c.types[0]: c.local for c in INSTRUMENT_KIND}
    entity = {k.iri: k.name for k in KIND}
    found: dict[str, str] = {}
    for row in store.select("SELECT ?e ?t WHERE { ?e a ?t }"):
        iri, cls = row["e"].value, row["t"].value
        if cls in instrument:
            found[iri] = instrument[cls]
        elif cls in entity:
            found.setdefault(iri, entity[cls])
    return found


def check_gold(docs: list[GoldDoc], kinds: dict[str, str]) -> list[str]:
    """What is wrong with the gold set against a build: ids it does not hold, kinds that are
    not the graph's, styles outside the four."""
    problems = []
    for doc in docs:
        if doc.style not in STYLES:
            problems.append(f"{doc.id}: style {doc.style!r}")
        for m in doc.mentions:
            for ident in sorted(m.ids):
                if ident not in kinds:
                    problems.append(f"{doc.id}: {m.text!r}: {ident} is not in the build")
            if kinds.get(m.id, m.kind) != m.kind:
                problems.append(
                    f"{doc.id}: {m.text!r}: kind {m.kind}, the graph says {kinds[m.id]}"
                )
    return problems


def unannotated_names(docs: list[GoldDoc], store) -> list[str]:
    """Where a gold text spells an entity's exact name (a body's name or abbreviation, the title
    of an Act, bill, guidance or report) outside every gold mention: as the graph grows, a
    distractor of yesterday becomes a mention the gold set must hold."""
    title = "http://purl.org/dc/terms/title"
    kinds = (INSTRUMENT_KIND.ACT, INSTRUMENT_KIND.BILL, INSTRUMENT_KIND.GUIDANCE)
    classes = [KIND.Report.iri, *(k.types[0] for k in kinds)]
    query = (
        "SELECT ?e ?n WHERE { "
        f"{{ ?e a <{KIND.Body.iri}> ; rdfs:label ?n }} UNION "
        f"{{ ?e a <{KIND.Body.iri}> ; pkg:abbreviation ?n }} UNION "
        f"{{ VALUES ?c {{ {' '.join(f'<{c}>' for c in classes)} }} ?e a ?c ; <{title}> ?n }} }}"
    )
    names = {(row["n"].value, row["e"].value) for row in store.select(query)}
    found = []
    for doc in docs:
        for name, iri in sorted(names):
            for hit in re.finditer(r"(?<!\w)" + re.escape(name) + r"(?!\w)", doc.text):
                a, b = hit.span()
                if not any(_overlap(a, b, m.start, m.end) for m in doc.mentions):
                    found.append(f"{doc.id} @{a}: {name!r} ({iri}) is not annotated")
    return found


# ----------------------------------------------------------------------------- scoring


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int) -> int:
    return max(0, min(a_end, b_end) - max(a_start, b_start))


@dataclass
class Tally:
    gold: int = 0
    predicted: int = 0
    correct: int = 0  # predicted mentions that match a gold mention
    found: int = 0  # gold mentions matched by a prediction

    @property
    def precision(self) -> float | None:
        return self.correct / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        return self.found / self.gold if self.gold else None

    def as_json(self) -> dict:
        return {
            "gold": self.gold,
            "predicted": self.predicted,
            "correct": self.correct,
            "found": self.found,
            "precision": self.precision,
            "recall": self.recall,
        }


def _rows_of(kind: str, text: str) -> list[str]:
    rows = [kind, ALL]
    rows += [group for group, members in GROUPS.items() if kind in members]
    if kind == KIND.Recommendation.name and by_number(text):
        rows.append(BY_NUMBER)
    return rows


def score(docs: list[GoldDoc], predictions: dict[str, dict], kinds: dict[str, str]) -> dict:
    """The figures for one run: `predictions` maps a gold text's id to its LinkResult JSON."""
    tallies: dict[str, Tally] = {}
    errors: list[dict] = []
    confusion = {g: Counter() for g in VERDICTS}

    def tally(row: str) -> Tally:
        return tallies.setdefault(row, Tally())

    for doc in docs:
        result = predictions.get(doc.id, {"mentions": [], "claims": []})
        predicted = result["mentions"]
        pairs = []
        for gi, g in enumerate(doc.mentions):
            for pi, p in enumerate(predicted):
                size = _overlap(g.start, g.end, p["start"], p["end"])
                if size and p["id"] in g.ids:
                    pairs.append((-size, gi, pi))
        gold_hit: dict[int, int] = {}
        pred_hit: dict[int, int] = {}
        for _, gi, pi in sorted(pairs):
            if gi not in gold_hit and pi not in pred_hit:
                gold_hit[gi], pred_hit[pi] = pi, gi
        for gi, g in enumerate(doc.mentions):
            for row in _rows_of(g.kind, g.text):
                tally(row).gold += 1
                tally(row).found += gi in gold_hit
            if gi not in gold_hit:
                near = [p for p in predicted if _overlap(g.start, g.end, p["start"], p["end"])]
                errors.append({
                    "doc": doc.id, "error": "missed", "text": g.text, "start": g.start,
                    "id": g.id, "kind": g.kind,
                    "instead": [{"text": p["text"], "id": p["id"]} for p in near],
                })  # fmt: skip
        for pi, p in enumerate(predicted):
            kind = kinds.get(p["id"], p.get("kind", "?"))
            for row in _rows_of(kind, p["text"]):
                tally(row).predicted += 1
                tally(row).correct += pi in pred_hit
            if pi not in pred_hit:
                near = [g for g in doc.mentions if _overlap(g.start, g.end, p["start"], p["end"])]
                errors.append({
                    "doc": doc.id, "error": "false positive", "text": p["text"],
                    "start": p["start"], "id": p["id"], "kind": kind, "score": p.get("score"),
                    "instead": [{"text": g.text, "id": g.id} for g in near],
                })  # fmt: skip
        for g in doc.claims:
            best, best_size = None, 0
            for c in result["claims"]:
                size = _overlap(g.start, g.end, c["start"], c["end"])
                if size > best_size:
                    best, best_size = c, size
            verdict = best["verdict"] if best else NOT_FOUND
            confusion[g.verdict][verdict] += 1
            if verdict != g.verdict:
                errors.append({
                    "doc": doc.id, "error": "verdict", "text": g.text, "start": g.start,
                    "gold": g.verdict, "predicted": verdict, "basis": g.basis,
                    "reason": best.get("reason") if best else None,
                    "links": [link["id"] for link in best.get("links", [])] if best else [],
                })  # fmt: skip

    total = sum(sum(row.values()) for row in confusion.values())
    correct = sum(confusion[v][v] for v in VERDICTS)
    unsupported = sum(sum(confusion[v].values()) for v in (CONTRADICTED, NOT_FOUND))
    wrongly = sum(confusion[v][SUPPORTED] for v in (CONTRADICTED, NOT_FOUND))
    order = [k for k in _kind_order() if k in tallies] + [
        k for k in sorted(tallies) if k not in _kind_order() and k not in _group_order()
    ]
    return {
        "gold": gold_size(docs),
        "mentions": {k: tallies[k].as_json() for k in order},
        "groups": {g: tallies[g].as_json() for g in _group_order() if g in tallies},
        "claims": {
            "total": total,
            "correct": correct,
            "accuracy": correct / total if total else None,
            "confusion": {g: {p: confusion[g][p] for p in VERDICTS} for g in VERDICTS},
            "unsupported": unsupported,
            "unsupported_marked_supported": wrongly,
            "unsupported_marked_supported_rate": wrongly / unsupported if unsupported else None,
        },
        "errors": errors,
    }


def _kind_order() -> list[str]:
    return [c.local for c in INSTRUMENT_KIND] + [k.name for k in KIND]


def _group_order() -> list[str]:
    return [*GROUPS, BY_NUMBER, ALL]


def gold_size(docs: list[GoldDoc]) -> dict:
    """The gold set's size: texts, words, mentions and claims per style; mentions per kind;
    claims per verdict."""
    styles = {}
    for style in STYLES:
        mine = [d for d in docs if d.style == style]
        styles[style] = {
            "texts": len(mine),
            "words": sum(len(d.text.split()) for d in mine),
            "mentions": sum(len(d.mentions) for d in mine),
            "claims": sum(len(d.claims) for d in mine),
        }
    kinds = Counter(m.kind for d in docs for m in d.mentions)
    verdicts = Counter(c.verdict for d in docs for c in d.claims)
    return {
        "texts": len(docs),
        "mentions": sum(kinds.values()),
        "claims": sum(verdicts.values()),
        "styles": styles,
        "kinds": {k: kinds[k] for k in _kind_order() if k in kinds},
        "verdicts": {v: verdicts[v] for v in VERDICTS},
    }


# ----------------------------------------------------------------------------- running


def run_linker(build: Path, docs: list[GoldDoc]) -> tuple[dict[str, dict], float, float]:
    """Each gold text linked by the real linker: results by text id, the seconds the linker
    took to load and to link them all."""
    # imported here: the gold set and scoring work without the linker
    from kg.store import open_build
    from kg.text.linker import Linker

    began = time.perf_counter()
    linker = Linker.from_store(open_build(build))
    loaded = time.perf_counter()
    results = {doc.id: linker.link(doc.text).to_json() for doc in docs}
    return results, loaded - began, time.perf_counter() - loaded


def _figure(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def as_text(report: dict, show_errors: bool = False) -> str:
    gold = report["gold"]
    lines = [
        f"gold set: {gold['texts']} texts, {gold['mentions']} mentions, {gold['claims']} claims",
    ]
    if "timing" in report:
        t = report["timing"]
        lines.append(
            f"linker: loaded in {t['load_s']:.2f} s, linked the texts in {t['link_s']:.2f} s"
        )
    lines += ["", f"{'mentions':<28}{'gold':>6}{'predicted':>11}{'correct':>9}{'precision':>11}"
                  f"{'recall':>8}"]  # fmt: skip
    for section in ("mentions", "groups"):
        for name, t in report[section].items():
            lines.append(
                f"{name:<28}{t['gold']:>6}{t['predicted']:>11}{t['correct']:>9}"
                f"{_figure(t['precision']):>11}{_figure(t['recall']):>8}"
            )
        lines.append("")
    claims = report["claims"]
    lines.append(
        f"claims: verdict accuracy {_figure(claims['accuracy'])} "
        f"({claims['correct']}/{claims['total']})"
    )
    corner = "gold / predicted"
    lines.append(f"{corner:<20}" + "".join(f"{v:>14}" for v in VERDICTS))
    for g in VERDICTS:
        lines.append(f"{g:<20}" + "".join(f"{claims['confusion'][g][p]:>14}" for p in VERDICTS))
    lines.append(
        "unsupported claims (contradicted or not_found) marked supported: "
        f"{_figure(claims['unsupported_marked_supported_rate'])} "
        f"({claims['unsupported_marked_supported']}/{claims['unsupported']})"
    )
    if show_errors:
        lines += ["", f"errors ({len(report['errors'])}):"]
        for e in report["errors"]:
            if e["error"] == "verdict":
                lines.append(
                    f"  {e['doc']} @{e['start']} verdict {e['predicted']}, gold {e['gold']}: "
                    f"{e['text']!r}\n      gold basis: {e['basis']}\n"
                    f"      linker: {e['reason']} {e['links']}"
                )
            else:
                instead = "; ".join(f"{i['text']!r} -> {i['id']}" for i in e["instead"])
                lines.append(
                    f"  {e['doc']} @{e['start']} {e['error']}: {e['text']!r} -> {e['id']} "
                    f"({e['kind']})" + (f"  [overlaps {instead}]" if instead else "")
                )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=Path, default=default_build(),
                        help="the built dataset (default: %(default)s)")  # fmt: skip
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--show-errors", action="store_true",
                        help="list each miss, false positive and wrong verdict")  # fmt: skip
    parser.add_argument("--gold", type=Path, default=GOLD_DIR, help="the gold set's folder")
    args = parser.parse_args(argv)
    if not args.build.is_file():
        print(f"eval_link: no build at {args.build}: run `kg build` first", file=sys.stderr)
        return 2
    from kg.store import open_build

    docs = load_gold(args.gold)
    store = open_build(args.build)
    kinds = kinds_in(store)
    problems = check_gold(docs, kinds)
    if problems:
        print("eval_link: the gold set does not fit this build:", file=sys.stderr)
        print("\n".join(f"  {p}" for p in problems), file=sys.stderr)
        return 1
    for name in unannotated_names(docs, store):  # the figures still mean something: go on
        print(f"eval_link: warning: {name}", file=sys.stderr)
    predictions, load_s, link_s = run_linker(args.build, docs)
    report = score(docs, predictions, kinds)
    report["timing"] = {"load_s": load_s, "link_s": link_s}
    if args.format == "json":
        if not args.show_errors:
            report.pop("errors")
        print(json.dumps(report, indent=2))
    else:
        print(as_text(report, args.show_errors))
    return 0


if __name__ == "__main__":
    sys.exit(main())
