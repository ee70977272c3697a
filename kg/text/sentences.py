"""Sentences: a rule-based splitter for English policy and legal prose, as spans of the text.

A sentence ends at `.`, `!` or `?` (with any closing quotes or brackets) followed by space and
something that can open a sentence (a capital, a digit, a quote or bracket, or `s. 9`), unless the
word before the full stop is an abbreviation that never ends a sentence in this prose: `s. 9`,
`ss. 9-12`, `No. 2`, `para. 4`, `Rt. Hon.`, `Mr.`, `e.g.`, `i.e.`, `cf.`, `c. 42`, an initial
(`A. Jay`) or a dotted acronym (`U.K.`). Paragraph breaks (a blank line) always end one, and so
does a line break before a list item or after a line with no closing punctuation (a heading).

Work is linear in the text: one regular-expression scan for candidate ends, a constant look
back at each.
"""

from __future__ import annotations

import re

#: Words that a full stop follows without ending a sentence (compared in lower case).
ABBREVIATIONS = frozenset(
    [
        "s",
        "ss",
        "no",
        "nos",
        "para",
        "paras",
        "p",
        "pp",
        "c",
        "ch",
        "cl",
        "cls",
        "art",
        "arts",
        "reg",
        "regs",
        "sch",
        "r",
        "rr",
        "pt",
        "fig",
        "figs",
        "vol",
        "vols",
        "ed",
        "eds",
        "mr",
        "mrs",
        "ms",
        "mx",
        "dr",
        "prof",
        "rt",
        "hon",
        "cllr",
        "st",
        "sen",
        "rep",
        "gov",
        "gen",
        "col",
        "lt",
        "sgt",
        "insp",
        "supt",
        "det",
        "ch",
        "cst",
        "e.g",
        "i.e",
        "eg",
        "ie",
        "cf",
        "vs",
        "v",
        "viz",
        "al",
        "approx",
        "est",
        "incl",
        "dept",
        "govt",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "inc",
        "ltd",
        "co",
        "corp",
        "bros",
        "plc",
        "llp",
    ]
)
#: Abbreviations that end a sentence when a capitalised word follows (`... and so on etc. The`).
ENDING_ABBREVIATIONS = frozenset({"etc", "ltd", "co", "inc", "plc", "llp", "bros", "corp"})
#: Abbreviations that are only abbreviations before a number (`No. 2` but "said no. Then").
BEFORE_NUMBER = frozenset({"no", "nos", "p", "pp", "c", "r", "rr", "v"})

_CANDIDATE = re.compile(r"[.!?]+[\"'”’)\]]*(?=\s)")
_PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")
_LIST_ITEM = re.compile(r"\n(?=[ \t]*(?:[-•▪◦*–]|\(?\d{1,3}[.)]|\(?[a-z][.)]|\(?[ivx]{1,4}\))\s)")
_LINE = re.compile(r"\n")
#: What can open a sentence: a capital, a digit, a quote or bracket, or a section cited by its
#: lower-case abbreviation ("... with a child. s. 9 applies only where ...").
_OPENS = re.compile(r"\s+([\"'“‘(\[]?(?:[A-Z0-9]|ss?\.\s*\d))")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.]*)$")
_BULLET = re.compile(r"[ \t]*(?:[-•▪◦*–][ \t]+)")
#: Words a wrapped line may end with, never a heading.
_RUNS_ON = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "to",
        "in",
        "by",
        "for",
        "with",
        "on",
        "from",
        "that",
        "which",
        "who",
        "as",
        "at",
    ]
)
_TERMINAL = (".", "!", "?", ":", ";", '"', "”", "’", "'", ")")


def split(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The sentences of `text[start:end]` as (start, end) spans of `text`, trimmed of space and
    list bullets; empty ones are dropped."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    for a, b in _pieces(text, start, end):
        for s, e in _sentences(text, a, b):
            spans.append(_trim(text, s, e))
    return [(s, e) for s, e in spans if e > s]


def _pieces(text: str, start: int, end: int):
    """Paragraphs, and lines that stand alone (list items, headings)."""
    position = start
    for found in _PARAGRAPH.finditer(text, start, end):
        yield from _lines(text, position, found.start())
        position = found.end()
    yield from _lines(text, position, end)


def _lines(text: str, start: int, end: int):
    """Split a paragraph at line breaks before a list item or after a line that ends with no
    punctuation and is followed by a capital (a heading above its text); keep wrapped lines."""
    position = start
    for found in _LINE.finditer(text, start, end):
        before = text[position : found.start()].rstrip()
        after = text[found.end() : end].lstrip(" \t")
        item = _LIST_ITEM.match(text, found.start(), end) is not None
        words = before.split()
        heading = (0 < len(words) <= 8 and not before.endswith(_TERMINAL)
                   and before.lstrip(" \t-•*–")[:1].isupper() and after[:1].isupper()
                   and words[-1].lower() not in _RUNS_ON)  # fmt: skip
        if item or heading or before.endswith(":"):
            yield position, found.start()
            position = found.end()
    yield position, end


def _sentences(text: str, start: int, end: int):
    position = start
    for found in _CANDIDATE.finditer(text, start, end):
        stop = found.end()
        opener = _OPENS.match(text, stop, end)
        if opener is None:
            continue
        stops = "." in found.group() and not any(c in found.group() for c in "!?")
        if stops and _abbreviation(text, position, found.start(), opener.group(1)):
            continue
        yield position, stop
        position = stop
    yield position, end


def _abbreviation(text: str, start: int, dot: int, following: str) -> bool:
    """Whether the full stop at `dot` follows an abbreviation rather than ending a sentence."""
    word = _WORD_BEFORE.search(text, max(start, dot - 40), dot)
    if word is None:
        return False
    token = word.group(1)
    if text[word.start() - 1 : word.start()] in ("'", "’"):
        return False  # a possessive: "Jay's."
    lower = token.lower().strip(".")
    nxt = following.lstrip("\"'“‘([")[:1]
    if lower in BEFORE_NUMBER:
        return nxt.isdigit()
    if lower in ENDING_ABBREVIATIONS:
        return not nxt.isupper()
    if lower in ABBREVIATIONS:
        return True
    if len(token) == 1 and token.isupper():
        # an initial: "A. Jay"; not the letter of a provision's number ("section 16E.")
        return not text[word.start() - 1 : word.start()].isalnum()
    return re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", token) is not None  # "U.K", "e.g"


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    bullet = _BULLET.match(text, start, end)
    if bullet:
        start = bullet.end()
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
