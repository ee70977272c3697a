"""`kg draft`: a report's text (plain, HTML or PDF) turned into a draft source file in the format
of docs/source-format.md, for a person to review before it joins the corpus.

What it drafts, from the text alone:
- the report's metadata where the front matter gives it: title, author, publisher, issue date;
- its numbered recommendations ("Recommendation 7:", "Rec 7.", "R7", a paragraph ending
  "(Recommendation 7)", or, when the text has none of these, the "7." items of a
  recommendations chapter), each with a locator: the page of a PDF and the report's own
  paragraph number ("p. 41, para 7.3"), else "Recommendation 7";
- candidate findings: the sentences outside the recommendations that carry a figure (a count
  with its unit, a percentage, a fraction such as "two-thirds" or "one in five"), the figure
  parsed into a value and a unit;
- what the linker (kg.text.linker) finds in each recommendation and finding: bodies (as
  responsibilities, the ones named before "should" as the lead), statutes and bills (as
  instrument links), themes, and, as comments, the earlier reports and recommendations the text
  mentions (candidates for `echoes`).

Every drafted fact carries `unconfirmed: drafted from text, needs review` (UNCONFIRMED). Keys a
person must supply are placeholders that `kg validate` refuses until they are replaced: the key
of the report as a source (PLACEHOLDER_SOURCE, unless `--source` gives it) and an issue date the
front matter does not state (PLACEHOLDER_DATE); a required text the front matter does not give
is left empty (`null`, which `kg validate` reports as missing) with a FILL-IN comment. The text
is never trusted: it is bounded by kg.text.extract's limits, and every value is written as
YAML that is read back and compared before anything is written (`to_yaml`).

`draft(document, report_key, ...)` makes a `Draft` (pure: no files); `to_yaml` writes it;
`run(...)` is the command: read, draft, write atomically (kg.atomic), or raise TextInputError
with nothing written.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import sys
import textwrap
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ingest.schema import KEY_PATTERN
from ontology.vocabulary import AUTHORITY, INSTRUMENT_KIND, KIND, RELATION, ROLE

from .errors import TextInputError
from .sentences import split as split_sentences

#: The note on every drafted fact.
UNCONFIRMED = "drafted from text, needs review"
#: What a person must replace: the key of the report as a source (in `sources`, the report's
#: `document` and every citation), and an issue date the text does not give. Neither is a valid
#: key or date, so `kg validate` names each one left, with its line.
PLACEHOLDER_SOURCE = "FILL-IN-SOURCE-KEY"
PLACEHOLDER_DATE = "FILL-IN-DATE"
#: Every placeholder and FILL-IN comment starts with this (`grep -n FILL-IN draft.yaml`).
FILL_IN = "FILL-IN"
#: Mentions the linker scores below this are not drafted.
MIN_SCORE = 0.5
#: Longest short label (a recommendation's or finding's `title`), cut at a word.
TITLE_CHARS = 90
#: Texts longer than this are written folded over several lines.
FOLD_CHARS = TITLE_CHARS + 4
#: Blocks at the start of the text read as front matter (title, author, publisher, date).
FRONT_BLOCKS = 20

MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august",
          "september", "october", "november", "december")  # fmt: skip
_MONTH = "|".join(m.capitalize() for m in MONTHS)

# ------------------------------------------------------------------------------ blocks


@dataclass(frozen=True)
class Para:
    """A block of the document: its span in the text, its page (PDF) and, when the report
    numbers its paragraphs ("7.3 ..."), that number and where the rest of its text starts."""

    start: int
    end: int
    text: str
    page: int | None
    number: str | None
    body_start: int  # after the paragraph number, if any

    @property
    def body(self) -> str:
        return self.text[self.body_start - self.start :]


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u2028\u2029\ufeff]")
_PARA_NUMBER = re.compile(r"(\d{1,2}(?:\.\d{1,3}){1,2})\.?[ \t]+(?=\S)")
#: Where a numbered paragraph or a recommendation starts inside a block, after a sentence.
_RUN_ON = re.compile(
    r"(?<=[.!?:;])[ \t]+(?=\d{1,2}(?:\.\d{1,3}){1,2}\.?[ \t]+[A-Z(]"
    r"|Recommendation[ \t]+\d{1,3}[ \t]*[:.\u2013\u2014][ \t])"
)


def clean(text: str) -> str:
    """`text` with its whitespace runs made single spaces and control characters removed."""
    return " ".join(_CONTROL.sub(" ", text).split())


def paras(document) -> list[Para]:
    """The document's blocks (kg.text.extract's paragraphs) as paragraphs, a block that runs
    several numbered paragraphs together parted again (the whole text is one block when the
    document has none)."""
    text = document.text
    spans = [(b.start, b.end, b.page) for b in document.blocks] or [(0, len(text), None)]
    found = []
    for block_start, block_end, page in spans:
        # a PDF's lines may join numbered paragraphs into one block: part them again
        cuts = [block_start, *(m.end() for m in _RUN_ON.finditer(text, block_start, block_end)),
                block_end]  # fmt: skip
        for start, end in itertools.pairwise(cuts):
            raw = text[start:end]
            start += len(raw) - len(raw.lstrip())
            raw = raw.strip()
            if not raw:
                continue
            end = start + len(raw)
            number = _PARA_NUMBER.match(raw)
            found.append(Para(start, end, raw, page, number.group(1) if number else None,
                              start + (number.end() if number else 0)))  # fmt: skip
    return found


def is_heading(para: Para) -> bool:
    """A short line without a closing full stop: a title, a chapter or a section heading."""
    words = para.text.split()
    closed = para.text.endswith((".", ";", ",", ":"))
    return para.number is None and 0 < len(words) <= 15 and not closed


_RECS_HEADING = re.compile(r"\brecommendations?\b", re.I)
_END_OF_CHAPTER = re.compile(
    r"^(?:chapter|annex|appendix|part)\b|^(?:glossary|references|bibliography|acknowledgements"
    r"|endnotes|notes|abbreviations)\b",
    re.I,
)

# ------------------------------------------------------------------------------ recommendations

_SEP = r"\s*(?:[:.)\u2013\u2014]|\s-)\s*"
#: "Recommendation 7: ...", "RECOMMENDATION 7.", "Rec. 7 - ...", "R7: ...", "R7 The Home
#: Office ..." at a paragraph's start (after its number, if any).
_MARKER = re.compile(
    rf"(?:(?i:Recommendation|Rec\.?)\s+(?P<n1>\d{{1,3}})(?:{_SEP}|\s*$)"
    rf"|R(?P<n2>\d{{1,3}})(?:{_SEP}|\s+(?=[A-Z])|\s*$))",
)
#: "... (Recommendation 7)." closing a paragraph.
_TRAILING_MARKER = re.compile(
    r"\(\s*(?i:see\s+)?(?i:Recommendation)\s+(?P<n>\d{1,3})\s*\)\s*\.?\s*$"
)
#: "7. The Home Office should ..." or "7) ..." in a recommendations chapter.
_LIST_ITEM = re.compile(r"(?P<n>\d{1,3})[.)]\s+(?=[A-Z(\"'\u201c])")
#: A paragraph that goes on the recommendation before it: "(a) ...", "- ...", "i. ...".
_CONTINUATION = re.compile(r"(?:\(?[a-z]\)|\(?[ivx]{1,4}\)|[ivx]{1,4}\.|[-\u2022\u2013*])\s+")
#: How a recommendation was recognised: "Recommendation 7" or "R7"; a "7." item of a
#: recommendations chapter; a directive numbered paragraph, numbered by its place (a guess).
MARKED, MARKED_R, LISTED, BY_ORDER = "marked", "marked-r", "listed", "by-order"
_DIRECTIVE = re.compile(r"\b(?:should|must|shall|is to|are to|needs? to|ought to)\b", re.I)


@dataclass
class FoundRecommendation:
    number: int
    text: str  # the recommendation's words, cleaned
    title: str | None  # a heading the report gives it, if any
    locators: list[str]
    start: int  # its span in the document's text (mentions inside it are its own)
    end: int
    how: str  # how it was recognised (MARKED, MARKED_R, LISTED, BY_ORDER)
    #: Where the text numbers it ("Recommendation 7:"): the linker may take that for another
    #: report's recommendation 7, which this is not.
    marker: tuple[int, int] = (0, 0)


def _locator(paragraph_list: list[Para], number: int, how: str) -> str:
    """ "p. 41, para 7.3" (a PDF's page, the report's paragraph number), else the marker as
    written: "Recommendation 7", "R7"."""
    parts = []
    page = next((p.page for p in paragraph_list if p.page), None)
    if page:
        parts.append(f"p. {page}")
    para = next((p.number for p in paragraph_list if p.number), None)
    if para:
        parts.append(f"para {para}")
    return ", ".join(parts) or (f"R{number}" if how == MARKED_R else f"Recommendation {number}")


def _marker(para: Para) -> tuple[int, str, str, tuple[int, int]] | None:
    """(number, the text after the marker, how it was marked, the marker's span in the
    document) when `para` opens a recommendation."""
    found = _MARKER.match(para.body)
    if found:
        number = int(found.group("n1") or found.group("n2"))
        how = MARKED if found.group("n1") else MARKED_R
        span = (para.body_start + found.start(), para.body_start + found.end())
        return number, para.body[found.end() :], how, span
    trailing = _TRAILING_MARKER.search(para.body)
    if trailing:
        span = (para.body_start + trailing.start(), para.body_start + trailing.end())
        return int(trailing.group("n")), para.body[: trailing.start()], MARKED, span
    return None


def _chapters(all_paras: list[Para]) -> list[bool]:
    """For each paragraph, whether it is in a recommendations chapter."""
    inside, result = False, []
    for para in all_paras:
        if is_heading(para):
            if _RECS_HEADING.search(para.text):
                inside = True
            elif _END_OF_CHAPTER.search(para.text):
                inside = False
        result.append(inside)
    return result


def recommendations(document) -> list[FoundRecommendation]:
    """The document's numbered recommendations, in order of number (a number that recurs, as
    in a summary and again in its chapter, is one recommendation with both locators; the first
    full text is kept)."""
    all_paras = paras(document)
    in_chapter = _chapters(all_paras)
    found = _explicit(all_paras)
    if not found:
        found = _listed(all_paras, in_chapter)
    if not found:
        found = _numbered_paragraphs(all_paras, in_chapter)
    merged: dict[int, FoundRecommendation] = {}
    for rec in found:
        if rec.number in merged:
            kept = merged[rec.number]
            kept.locators.extend(loc for loc in rec.locators if loc not in kept.locators)
            if not kept.text and rec.text:
                kept.text, kept.start, kept.end = rec.text, rec.start, rec.end
        else:
            merged[rec.number] = rec
    return sorted((r for r in merged.values() if r.text), key=lambda r: r.number)


def _gather(
    all_paras: list[Para], i: int, first_text: str, stop
) -> tuple[list[Para], str, str | None]:
    """The paragraphs of a recommendation opening at `i`: its own, a body paragraph after a
    heading-like opening, and continuation paragraphs ("(a) ...")."""
    taken, title = [all_paras[i]], None
    text = clean(first_text)
    j = i + 1
    heading_like = not text or (len(text.split()) <= 15 and not text.endswith((".", ";", ":")))
    if (
        heading_like
        and j < len(all_paras)
        and not stop(all_paras[j])
        and not is_heading(all_paras[j])
    ):
        title = text or None
        taken.append(all_paras[j])
        text = clean(all_paras[j].body)
        j += 1
    elif heading_like and not text:
        return taken, "", None
    while (
        j < len(all_paras)
        and not stop(all_paras[j])
        and (_CONTINUATION.match(all_paras[j].body) or text.endswith(":"))
    ):
        taken.append(all_paras[j])
        text = f"{text} {clean(all_paras[j].body)}"
        j += 1
    return taken, text, title


def _opens_or_numbered(para: Para) -> bool:
    """A paragraph that does not go on the recommendation before it."""
    return _marker(para) is not None or para.number is not None


def _explicit(all_paras: list[Para]) -> list[FoundRecommendation]:
    found = []
    for i, para in enumerate(all_paras):
        marked = _marker(para)
        if marked is None:
            continue
        number, rest, how, span = marked
        taken, text, title = _gather(all_paras, i, rest, _opens_or_numbered)
        found.append(FoundRecommendation(number, text, title, [_locator(taken, number, how)],
                                         taken[0].start, taken[-1].end, how, span))  # fmt: skip
    return found


def _listed(all_paras: list[Para], in_chapter: list[bool]) -> list[FoundRecommendation]:
    found = []
    for i, para in enumerate(all_paras):
        if not in_chapter[i] or para.number is not None:
            continue
        item = _LIST_ITEM.match(para.text)
        if item is None:
            continue
        number = int(item.group("n"))
        taken, text, title = _gather(all_paras, i, para.text[item.end() :],
                                     lambda p: _LIST_ITEM.match(p.text) is not None)  # fmt: skip
        found.append(FoundRecommendation(number, text, title,
                                         [_locator(taken, number, LISTED)],
                                         taken[0].start, taken[-1].end, LISTED))  # fmt: skip
    # a list is numbered 1, 2, 3 ...: anything else is not the recommendations
    numbers = [r.number for r in found]
    return found if numbers and numbers == list(range(1, len(numbers) + 1)) else []


def _numbered_paragraphs(all_paras: list[Para], in_chapter: list[bool]
                         ) -> list[FoundRecommendation]:  # fmt: skip
    found = []
    for i, para in enumerate(all_paras):
        if in_chapter[i] and para.number and _DIRECTIVE.search(para.body):
            number = len(found) + 1
            found.append(FoundRecommendation(number, clean(para.body), None,
                                             [_locator([para], number, BY_ORDER)],
                                             para.start, para.end, BY_ORDER))  # fmt: skip
    return found


# ------------------------------------------------------------------------------ figures


@dataclass(frozen=True)
class Figure:
    value: float
    unit: str  # as a source file's `figures` write it: "percent", "referrals", "pounds"
    text: str  # as written: "1,412 referrals", "two-thirds"


#: Words before a number that make it a reference, not a figure ("section 9", "para 7.3",
#: "under 13", "Recommendation 4", "the Children Act 2004").
_REFERENCE_BEFORE = re.compile(
    r"(?:\b(?:sections?|s|ss|paras?|paragraphs?|chapters?|pages?|p|pp|annex|appendix"
    r"|schedules?|rules?|articles?|regulations?|figures?|tables?|recommendations?|recs?|parts?"
    r"|clauses?|under|aged?|ages|phase|stage|level|no|number|volume|vol)\.?\s*"
    r"|\d\.?\s*|[A-Z][a-z]+ (?:Act|Order|Regulations) )$",
    re.I,
)
_MONTH_NEAR = re.compile(rf"(?:\b(?:{_MONTH})\s*$)|(?:^\s*(?:{_MONTH})\b)", re.I)
_SCALE = re.compile(r"\s(?P<s>million|billion|thousand|m|bn)\b", re.I)
_SCALES = {"thousand": 1e3, "million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9}
_MONEY = {"£": "pounds", "$": "dollars", "€": "euros"}
#: Words that end a unit ("1,412 referrals in which ...": referrals).
_STOP = frozenset(
    re.findall(
        r"\w+",
        """of in to the a an and or was were is are be been by for from with that which who on at
        as than had has have it its their they them these those this per each every over under
        into out more less fewer about around almost nearly some all not no led rose fell up
        down since until between during after before while where when we our""",
    )
)
_UNIT_WORD = re.compile(r"[a-z][a-z'\u2019-]*")


def _unit_after(text: str) -> str | None:
    """Up to three words after a number that name what it counts ("referrals", "licensed
    drivers"); after "of the/those", the noun that follows ("41 of those offences")."""
    words = text.split()[:6]
    if words[:1] == ["of"] and len(words) > 2 and words[1] in ("the", "those", "these"):
        words = words[2:]
    unit: list[str] = []
    for word in words:
        bare = word.rstrip(".,;:)!?")
        if bare.lower() in _STOP or not _UNIT_WORD.fullmatch(bare) or bare != bare.lower():
            break
        if unit and bare.endswith("ed"):  # "offences recorded": a verb, not the unit
            break
        unit.append(bare)
        if bare != word or len(unit) == 3:
            break
    return " ".join(unit) if unit else None


def figures(sentence: str) -> list[Figure]:
    """The figures a sentence carries, each with its value and unit: shares ("38%", "12 per
    cent", "two-thirds", "one in five") in percent, sums of money in pounds (or dollars, euros),
    counts with the words after them ("1,412 referrals"). The numbers are the linker's
    (kg.text.mentions.quantities, which matches figures the graph holds); references, dates,
    years and counts in words ("three boards") are not figures here."""
    from .mentions import quantities

    found: list[Figure] = []
    for q in quantities(sentence):
        written = sentence[q.start : q.end]
        if q.percent:
            found.append(Figure(round(q.value, 1), "percent", written.strip()))
            continue
        if not written[:1].isdigit():  # a count in words
            continue
        before, after = sentence[: q.start], sentence[q.end :]
        if (_REFERENCE_BEFORE.search(before[-40:]) or _MONTH_NEAR.search(before[-12:])
                or _MONTH_NEAR.search(after[:12])):  # fmt: skip
            continue
        if re.fullmatch(r"(?:19|20)\d\d", written):
            continue  # a year
        value, money = q.value, _MONEY.get(before[-1:])
        scale = _SCALE.match(after)
        if scale:
            value *= _SCALES[scale.group("s").lower()]
            after = after[scale.end() :]
            written += scale.group(0)
        unit = money or _unit_after(after)
        if unit is None:
            continue
        found.append(
            Figure(value, unit, f"{before[-1]}{written}" if money else f"{written} {unit}")
        )
    return found


# ------------------------------------------------------------------------------ findings


@dataclass
class FoundFinding:
    key: str
    sentence: str
    figures: list[Figure]
    locator: str
    start: int
    end: int


def findings(document, recs: list[FoundRecommendation]) -> list[FoundFinding]:
    """Sentences outside the recommendations that carry a figure, in order."""
    inside = [(r.start, r.end) for r in recs]
    found: list[FoundFinding] = []
    keys: set[str] = set()
    for para in paras(document):
        if is_heading(para) or any(s <= para.start < e for s, e in inside):
            continue
        for start, end in split_sentences(document.text, para.body_start, para.end):
            if any(s <= start < e for s, e in inside):
                continue
            sentence = clean(document.text[start:end])
            parsed = figures(sentence)
            if not parsed:
                continue
            first = parsed[0]
            named = (
                first.text
                if first.text[:1].isalpha()
                else f"{_number_words(first.value)} {first.unit}"
            )
            key = _unique(_slug(named) or "figure", keys)
            found.append(FoundFinding(key, sentence, parsed, _finding_locator(para), start, end))
    return found


def _finding_locator(para: Para) -> str:
    parts = [f"p. {para.page}"] if para.page else []
    if para.number:
        parts.append(f"para {para.number}")
    return ", ".join(parts)


def _number_words(value: float) -> str:
    return str(int(value)) if value == int(value) else str(value).replace(".", "-")


def _slug(text: str, words: int = 6) -> str:
    parts = re.findall(r"[a-z0-9]+", text.lower())[:words]
    return "-".join(parts)


def _unique(key: str, taken: set[str]) -> str:
    candidate, n = key, 2
    while candidate in taken:
        candidate, n = f"{key}-{n}", n + 1
    taken.add(candidate)
    return candidate


# ------------------------------------------------------------------------------ metadata


@dataclass
class Metadata:
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    issued: str | None = None  # YYYY-MM-DD
    issued_words: str | None = None  # a date the text gives without its day ("March 2026")


_AUTHOR = re.compile(
    r"^(?:(?:independent\s+)?(?:reviewer|author|authors|chair|lead reviewer)\s*:?|"
    r"(?:chaired|led|written|prepared)\s+by\b:?|by\b)\s*(?P<v>.+?)\.?$",
    re.I,
)
_PUBLISHER = re.compile(r"^(?:published\s+by|publisher\s*:)\s*(?:the\s+)?(?P<v>.+?)\.?$", re.I)
_DAY_MONTH_YEAR = re.compile(
    rf"\b(?P<d>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m>{_MONTH})\s+(?P<y>\d{{4}})\b", re.I
)
_MONTH_DAY_YEAR = re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<d>\d{{1,2}}),?\s+(?P<y>\d{{4}})\b", re.I)
_ISO_DATE = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")
_MONTH_YEAR = re.compile(rf"\b(?:{_MONTH})\s+\d{{4}}\b", re.I)
#: Where a labelled line of the front matter starts.
_LABEL = re.compile(
    r"(?=\b(?:Published by|Publisher:|Published \d|(?:Independent |Lead )?[Rr]eviewer:|Authors?:"
    r"|Chair:|Chaired by|Date:|Presented to)\b)"
)
#: Words a wrapped title's first line may end with.
_RUNS_ON = frozenset(["a", "an", "the", "of", "and", "or", "to", "in", "on", "for", "by", "at"])
_DATED = re.compile(r"\b(?:published|issued|presented|laid|dated|date|report date)\b", re.I)


def _date_in(text: str) -> str | None:
    for pattern in (_ISO_DATE, _DAY_MONTH_YEAR, _MONTH_DAY_YEAR):
        for match in pattern.finditer(text):
            month = match.group("m")
            month_n = int(month) if month.isdigit() else MONTHS.index(month.lower()) + 1
            try:
                return dt.date(int(match.group("y")), month_n, int(match.group("d"))).isoformat()
            except ValueError:
                continue
    return None


def metadata(document) -> Metadata:
    """What the front matter says: the first heading-like block is the title; "Published by",
    "Author:", "Independent reviewer:" and the like give the rest; the issue date is a full date
    on a "Published ..." or "Date ..." line, else the first full date of the front matter."""
    found = Metadata()
    front: list[Para] = []
    for para in paras(document)[:FRONT_BLOCKS]:
        if (
            para.number
            or _MARKER.match(para.body)
            or (is_heading(para) and _RECS_HEADING.search(para.text) and front)
        ):
            break
        front.append(para)
    lines: list[str] = []
    joined = None  # the second line of a wrapped title
    for para, after in itertools.zip_longest(front, front[1:]):
        text = clean(para.text)
        if para is joined:
            continue
        if found.title is None and is_heading(para) and len(text) <= 250:
            # a title wrapped over two lines ("... Exploitation in" / "Harrowfield County")
            if after and is_heading(after) and text.split()[-1].lower() in _RUNS_ON:
                text, joined = f"{text} {clean(after.text)}", after
            found.title = text
            continue
        # labelled lines a PDF may have run together ("Reviewer: X Published by Y")
        lines.extend(part.strip() for part in _LABEL.split(text) if part.strip())
    for text in lines:
        if found.publisher is None and (m := _PUBLISHER.match(text)):
            found.publisher = clean(m.group("v"))
        elif found.author is None and (m := _AUTHOR.match(text)) and len(text) <= 120:
            found.author = clean(m.group("v"))
        if found.issued is None and _DATED.search(text):
            found.issued = _date_in(text)
    if found.issued is None:
        for para in front:
            found.issued = _date_in(para.text)
            if found.issued:
                break
    if found.issued is None:
        words = next((m.group(0) for p in front if (m := _MONTH_YEAR.search(p.text))), None)
        found.issued_words = words
    return found


# ------------------------------------------------------------------------------ linking


@dataclass(frozen=True)
class Link:
    """An entity the linker found in a span: its key as a source file writes it, its kind, how
    the text named it and where."""

    key: str
    kind: str
    label: str
    text: str
    start: int
    end: int


_INSTRUMENT_KINDS = frozenset({KIND.Instrument.name, *(c.local for c in INSTRUMENT_KIND)})
_LEGISLATION = "http://www.legislation.gov.uk/id/"


def key_of(iri: str, kind: str, base: str) -> str | None:
    """How a source file refers to the entity at `iri` (a key, `REPORT/NUMBER`, or a
    legislation IRI), or None when it is not one a draft can refer to."""
    if kind in _INSTRUMENT_KINDS:
        if iri.startswith(_LEGISLATION):
            return iri
        prefix = f"{base}/instrument/"
    elif kind == KIND.Body.name:
        prefix = f"{base}/body/"
    elif kind == KIND.Theme.name:
        prefix = f"{base}/theme/"
    elif kind == KIND.Report.name:
        prefix = f"{base}/report/"
    elif kind in (KIND.Recommendation.name, KIND.Finding.name):
        part = "recommendation" if kind == KIND.Recommendation.name else "finding"
        found = re.fullmatch(rf"{re.escape(base)}/report/([a-z0-9-]+)/{part}/([a-z0-9-]+)", iri)
        return f"{found.group(1)}/{found.group(2)}" if found else None
    else:
        return None
    key = iri[len(prefix) :] if iri.startswith(prefix) else ""
    return key if KEY_PATTERN.match(key) else None


def links_of(result_json: dict, base: str) -> list[Link]:
    """The linker's mentions (LinkResult.to_json()["mentions"]) a draft can use."""
    found = []
    for m in result_json.get("mentions", ()):
        if float(m.get("score") or 0) < MIN_SCORE:
            continue
        key = key_of(m["id"], m["kind"], base)
        if key:
            found.append(Link(key, m["kind"], m.get("label") or key, m["text"], m["start"],
                              m["end"]))  # fmt: skip
    return found


def _within(links: list[Link], start: int, end: int) -> list[Link]:
    return [link for link in links if start <= link.start and link.end <= end]


# ------------------------------------------------------------------------------ the draft


@dataclass
class Draft:
    report_key: str
    source_key: str
    name: str  # the input's name, for the header
    kind: str
    meta: Metadata
    recommendations: list[FoundRecommendation]
    findings: list[FoundFinding]
    links: list[Link] = field(default_factory=list)
    text: str = ""
    today: str = ""


def draft(document, report_key: str, *, linked: dict | None = None, base: str = "",
          source_key: str | None = None, today: dt.date | None = None) -> Draft:  # fmt: skip
    """A draft of `document` as report `report_key`; `linked` is the linker's JSON for the
    document's text (LinkResult.to_json()), `base` the build's base IRI. TextInputError when
    the report key is not a key or the text holds no numbered recommendation."""
    if not KEY_PATTERN.match(report_key or ""):
        raise TextInputError(document.name, f"--report {report_key!r} is not a key (lower-case "
                             "letters, digits and hyphens, e.g. 'harrowfield-2026')")  # fmt: skip
    if source_key is not None and not KEY_PATTERN.match(source_key):
        raise TextInputError(document.name, f"--source {source_key!r} is not a key (lower-case "
                             "letters, digits and hyphens)")  # fmt: skip
    recs = recommendations(document)
    if not recs:
        raise TextInputError(document.name, "no numbered recommendation found (looked for "
                             "'Recommendation 1:', 'R1', a paragraph ending '(Recommendation "
                             "1)', and '1.' items under a Recommendations heading)")  # fmt: skip
    return Draft(
        report_key=report_key,
        source_key=source_key or PLACEHOLDER_SOURCE,
        name=Path(document.name).name,
        kind=document.kind,
        meta=metadata(document),
        recommendations=recs,
        findings=findings(document, recs),
        links=links_of(linked or {}, base),
        text=document.text,
        today=(today or dt.date.today()).isoformat(),
    )


# ------------------------------------------------------------------------------ YAML


class Note:
    """A comment line in a mapping or list (`# text`)."""

    def __init__(self, text: str):
        self.text = text


@dataclass(frozen=True)
class Tail:
    """A value with a comment after it on its line."""

    value: object
    comment: str


def _short(text: str, limit: int = TITLE_CHARS) -> str:
    text = clean(text).rstrip(".")
    if len(text) <= limit:
        return text
    return text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:") + "…"


def _title_of(rec: FoundRecommendation) -> str:
    if rec.title:
        return _short(rec.title)
    first = next(iter(split_sentences(rec.text)), (0, len(rec.text)))
    return _short(rec.text[first[0] : first[1]])


def _cite(source: str, locators: Iterable[str]) -> list:
    items = [{"source": source, "locator": loc} if loc else {"source": source}
             for loc in locators]  # fmt: skip
    return items or [{"source": source}]


def _unique_links(links: Iterable[Link]) -> list[Link]:
    seen, found = set(), []
    for link in links:
        if link.key not in seen:
            seen.add(link.key)
            found.append(link)
    return found


def _recommendation(d: Draft, rec: FoundRecommendation) -> dict:
    own_start, own_end = rec.marker
    inside = [link for link in _within(d.links, rec.start, rec.end)
              if link.end <= own_start or link.start >= own_end]  # fmt: skip
    directive = _DIRECTIVE.search(d.text, rec.start, rec.end)
    record: dict = {"number": rec.number, "title": _title_of(rec), "summary": rec.text}
    if rec.how == BY_ORDER:
        record[Note("numbered by its place in the recommendations chapter: check the number")] = 0
    bodies = _unique_links(link for link in inside if link.kind == KIND.Body.name)
    if bodies:
        record[Note("bodies named in the text; the lead is the one named before 'should' "
                    "(a guess)")] = 0  # fmt: skip
        record["responsibilities"] = [
            {
                "body": link.key,
                "role": (
                    ROLE.LEAD if directive and link.start < directive.start() else ROLE.PARTNER
                ).token,
                "unconfirmed": UNCONFIRMED,
            }
            for link in bodies
        ]
    instruments = _unique_links(link for link in inside if link.kind in _INSTRUMENT_KINDS)
    # an Act cited as the home of a section cited too: the section says it
    instruments = [link for link in instruments
                   if not any(o.key.startswith(link.key + "/") for o in instruments)]  # fmt: skip
    if instruments:
        amends = re.search(r"\bamend", d.text[rec.start : rec.end], re.I) is not None
        relation = RELATION.AMENDS if amends else RELATION.RELIES_ON
        record[Note(f"statutes cited in the text; the relation is a guess ({relation.token})")] = 0
        record["instruments"] = [
            {
                "instrument": link.key,
                "relation": relation.token,
                "note": f"cited in the text as {clean(link.text)!r}",
                "unconfirmed": UNCONFIRMED,
            }
            for link in instruments
        ]
    themes = _unique_links(link for link in inside if link.kind == KIND.Theme.name)
    if themes:
        record["themes"] = [link.key for link in themes]
    _echo_notes(record, inside, KIND.Recommendation)
    record["cite"] = _cite(d.source_key, rec.locators)
    record["unconfirmed"] = UNCONFIRMED
    return record


def _echo_notes(record: dict, links: list[Link], echoed) -> None:
    """Comments naming the reports, recommendations and findings the text mentions: `echoes`
    candidates (of `echoed`'s kind) for a person to decide on."""
    kinds = {KIND.Report.name: "report", KIND.Recommendation.name: "recommendation",
             KIND.Finding.name: "finding"}  # fmt: skip
    for link in _unique_links(link for link in links if link.kind in kinds):
        hint = ": add it to `echoes` if this repeats it" if link.kind == echoed.name else ""
        record[Note(f"mentions {kinds[link.kind]} {link.key} ({clean(link.text)!r}){hint}")] = 0


def _finding(d: Draft, found: FoundFinding) -> dict:
    inside = _within(d.links, found.start, found.end)
    record: dict = {
        "key": found.key,
        "title": _short(found.sentence),
        "summary": found.sentence,
        "figures": [
            {"value": int(f.value) if f.value == int(f.value) else f.value, "unit": f.unit,
             "description": f"{f.text}: {_short(found.sentence, 160)}"}
            for f in found.figures
        ],
    }  # fmt: skip
    bodies = _unique_links(link for link in inside if link.kind == KIND.Body.name)
    if bodies:
        record["implicates"] = [link.key for link in bodies]
    themes = _unique_links(link for link in inside if link.kind == KIND.Theme.name)
    if themes:
        record["themes"] = [link.key for link in themes]
    _echo_notes(record, inside, KIND.Finding)
    record["cite"] = _cite(d.source_key, [found.locator])
    record["unconfirmed"] = UNCONFIRMED
    return record


def _required_text(value: str | None, what: str):
    return value if value else Tail(None, f"{FILL_IN}: {what}")


def structure(d: Draft) -> dict:
    """The draft as the mapping its YAML writes (with Note keys and Tail values)."""
    meta = d.meta
    if meta.issued:
        issued = meta.issued
    else:
        said = f" (the text says {meta.issued_words!r})" if meta.issued_words else ""
        issued = Tail(PLACEHOLDER_DATE, f"{FILL_IN}: the issue date, YYYY-MM-DD{said}")
    source_key = (Tail(d.source_key, f"{FILL_IN}: this report's key as a source (as in every "
                       "cite below); unique among all sources, e.g. the report key")
                  if d.source_key == PLACEHOLDER_SOURCE else d.source_key)  # fmt: skip
    source: dict = {"key": source_key, "title": _required_text(meta.title, "the report's title")}
    if meta.publisher:
        source["publisher"] = meta.publisher
    source["issued"] = issued
    source["authority"] = AUTHORITY.PRIMARY.token
    report: dict = {
        "key": d.report_key,
        "document": d.source_key,
        "title": _required_text(meta.title, "the report's title"),
    }
    if meta.author:
        report["author"] = meta.author
    if meta.publisher:
        report["publisher"] = meta.publisher
    report["issued"] = issued
    report["cite"] = _cite(d.source_key, [])
    report["unconfirmed"] = UNCONFIRMED
    if d.findings:
        report[Note("candidate findings: sentences that carry a figure; keep those the report "
                    "presents as findings, merge or drop the rest")] = 0  # fmt: skip
        report["findings"] = [_finding(d, f) for f in d.findings]
    report["recommendations"] = [_recommendation(d, r) for r in d.recommendations]
    return {
        "description": f"Draft of {meta.title or d.report_key}, made by `kg draft` from "
        f"{d.name} on {d.today}: every fact is {UNCONFIRMED}.",
        "sources": [source],
        "report": report,
    }


def _plain(text: str) -> bool:
    if not re.fullmatch(r"[A-Za-z0-9(][\w ,.'()/&+\u2019-]*", text) or text.endswith(" "):
        return False
    if ": " in text or " #" in text:
        return False
    try:
        return yaml.safe_load(text) == text
    except yaml.YAMLError:  # pragma: no cover - the pattern admits nothing YAML cannot read
        return False


def _scalar(value, indent: int, width: int = 96) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    text = str(value)
    if len(text) > FOLD_CHARS and "\n" not in text and text == text.strip() and "  " not in text:
        pad = " " * (indent + 2)
        lines = textwrap.wrap(text, width - len(pad), break_long_words=False,
                              break_on_hyphens=False)  # fmt: skip
        if lines and all(not line.startswith(("#", " ")) for line in lines):
            return ">-\n" + "\n".join(pad + line for line in lines)
    return text if _plain(text) else json.dumps(text, ensure_ascii=False)


def _emit(node, indent: int, out: list[str]) -> None:
    pad = " " * indent
    if isinstance(node, dict):
        for key, value in node.items():
            if isinstance(key, Note):
                out.append(f"{pad}# {key.text}")
                continue
            comment = ""
            if isinstance(value, Tail):
                value, comment = value.value, f"  # {value.comment}"
            if isinstance(value, dict | list) and value:
                out.append(f"{pad}{key}:{comment}")
                _emit(value, indent + 2, out)
            else:
                out.append(f"{pad}{key}: {_scalar(value, indent)}{comment}")
        return
    for item in node:  # a list
        if isinstance(item, Note):
            out.append(f"{pad}# {item.text}")
        elif isinstance(item, dict) and item:
            lines: list[str] = []
            _emit(item, indent + 2, lines)
            first = next(i for i, line in enumerate(lines) if not line.lstrip().startswith("#"))
            lines[first] = f"{pad}- {lines[first][indent + 2 :]}"
            out.extend(lines)
        else:
            out.append(f"{pad}- {_scalar(item, indent)}")


def _plain_data(node):
    """`node` without Notes and Tails: what the YAML must read back as."""
    if isinstance(node, Tail):
        return _plain_data(node.value)
    if isinstance(node, dict):
        return {k: _plain_data(v) for k, v in node.items() if not isinstance(k, Note)}
    if isinstance(node, list):
        return [_plain_data(v) for v in node if not isinstance(v, Note)]
    return node


def header(d: Draft) -> list[str]:
    left = []
    if d.source_key == PLACEHOLDER_SOURCE:
        left.append(f"#   - replace {PLACEHOLDER_SOURCE} everywhere with the report's key as a "
                    "source;")  # fmt: skip
    if not d.meta.issued:
        left.append(f"#   - replace {PLACEHOLDER_DATE} with the issue date;")
    if not d.meta.title:
        left.append("#   - fill in the title (left empty);")
    return [
        f"# A draft source file for report {d.report_key}, made by `kg draft` from {d.name} "
        f"({d.kind}) on {d.today}.",
        f"# Every fact is marked unconfirmed ({UNCONFIRMED!r}). Before it joins ingest/sources/:",
        *left,
        "#   - check each recommendation's number, text and locator, and each finding, against",
        "#     the report; rewrite summaries in your own words (they are the report's words);",
        "#   - check each responsibility's role and each instrument's relation (guessed);",
        "#   - remove `unconfirmed` from the facts you have confirmed against the report.",
        f"# `grep -n {FILL_IN}` lists what is left to fill in; then run `kg validate`.",
    ]


def to_yaml(d: Draft) -> str:
    """The draft as a source file. The text is read back and compared with what was meant, so
    no input can make it say something else (an internal error, never a wrong file)."""
    data = structure(d)
    out = header(d)
    _emit(data, 0, out)
    text = "\n".join(out) + "\n"
    if yaml.safe_load(text) != _plain_data(data):  # pragma: no cover - a bug in _emit
        raise AssertionError("kg draft: the YAML written does not read back as drafted")
    return text


# ------------------------------------------------------------------------------ the command


def read_input(path: str, max_bytes: int) -> tuple[bytes, str]:
    """The bytes of `path` ("-": standard input), at most `max_bytes` (TextInputError beyond,
    without reading the rest)."""
    name = "<stdin>" if path == "-" else path
    try:
        if path == "-":
            data = sys.stdin.buffer.read(max_bytes + 1)
        else:
            with open(path, "rb") as handle:
                data = handle.read(max_bytes + 1)
    except FileNotFoundError:
        raise TextInputError(name, "no such file") from None
    except IsADirectoryError:
        raise TextInputError(name, "is a directory, not a file") from None
    except OSError as exc:
        raise TextInputError(name, f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        raise TextInputError(name, f"is larger than the limit of {max_bytes:,} bytes")
    return data, name


def run(path: str, report_key: str, *, store=None, out: Path | None = None, kind: str | None = None,
        source_key: str | None = None, limits=None) -> str:  # fmt: skip
    """Draft the report at `path` as `report_key`, linked against `store` (a loaded build) when
    given; write it atomically to `out` (when given) and return it. TextInputError for a bad,
    empty or unreadable input, and then nothing is written."""
    from . import extract

    for option, key in (("--report", report_key), ("--source", source_key)):
        if key is not None and not KEY_PATTERN.match(key):
            raise TextInputError(path, f"{option} {key!r} is not a key (lower-case letters, "
                                 "digits and hyphens, e.g. 'harrowfield-2026')")  # fmt: skip
    limits = limits or extract.DEFAULT_LIMITS
    data, name = read_input(path, limits.max_bytes)
    document = extract.read_document(data, name, kind, limits)
    made = draft(document, report_key, source_key=source_key)  # the checks, before linking
    if store is not None:
        from ..build import base_of
        from .linker import Linker

        linked = Linker.from_store(store).link(document.text, limits, name).to_json()
        made.links = links_of(linked, base_of(store))
    text = to_yaml(made)
    if out is not None:
        from ..atomic import atomic_replace

        with atomic_replace(out) as handle:
            handle.write(text.encode("utf-8"))
    return text
