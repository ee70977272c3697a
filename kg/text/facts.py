"""The graph's facts in words, for claims no structured check covers: what a status event's note,
a response's or finding's summary, a target's commitment, an instrument's or a body's recorded
status, a report's scope or a bill stage says, with its numbers and dates.

A claim is compared with the facts that share most of its words (an inverted index, so the work
is bounded by the claim's words, not the graph's size). Words alone never decide; what decides
is a structured match of what the claim says of what it names:
- a fact counts only when it is *attached* to the claim: about an entity the claim names, or
  naming one in its words (a name found in few facts: "Home Office" is in too many), or,
  loosely, about what the text named just before (when the claim names no report,
  recommendation or statute of its own);
- every date, sum, count and share is *keyed* by the words around it, and is compared only
  with one of the same thing: a date with a date of the same event ("published", "accepted",
  "came into force"; "handed back" and "returned" are one event), a deadline only with a
  deadline, a count with a count of the same noun, a share with a share of the same thing
  ("52 per cent of suspects" is no rival to "two-thirds of cases"). Dates after today (plans)
  and what a fact says it does not know ("whether ... is not known") are never compared;
- a fact *contradicts* a claim on its topic when one of those differs (a claim about a report
  or recommendation, only a fact about it);
- it *supports* a claim only when attached, sharing most of its words, negating neither more
  nor less, and holding every date, sum, count and share the claim states; a claim with none
  is supported only when one sentence of the fact says all the claim says of what it names,
  in the same words. When in doubt, nothing is said: the claim stays not_found.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from functools import cached_property, lru_cache

from ontology.vocabulary import HOUSE, ROLE, STANCE, STATUS

from ..store import Store
from .mentions import (
    _REFERENCE_BEFORE,
    NUMBER_WORDS,
    STOPWORDS,
    content_words,
    is_year,
    norm,
    quantities,
    stem,
    tokens,
)

TEXTS = [
    "pkg:note",
    "pkg:summary",
    "pkg:commitment",
    "pkg:legalStatus",
    "pkg:bodyKind",
    "pkg:scope",
    "pkg:method",
    "pkg:qualification",
    "pkg:safeguards",
    "pkg:stageDescription",
    "rdfs:label",
    "dcterms:description",
]
DATES = ["pkg:date", "dcterms:issued", "pkg:due", "pkg:tabled", "pkg:enacted", "pkg:lapsed"]

QUERY = f"""
SELECT ?node ?what ?value WHERE {{
  {{ VALUES ?p {{ {" ".join(TEXTS)} }} ?node ?p ?value . BIND("text" AS ?what)
     FILTER NOT EXISTS {{ ?node a pkg:Source }} FILTER NOT EXISTS {{ ?node a pkg:Citation }} }}
  UNION {{ VALUES ?p {{ {" ".join(DATES)} }} ?node ?p ?value .
     BIND(IF(?p = pkg:due, "due", "date") AS ?what)
     FILTER NOT EXISTS {{ ?node a pkg:Source }} }}
  UNION {{ ?node pkg:status ?value . BIND("status" AS ?what) }}
  UNION {{ ?node pkg:house ?value . BIND("house" AS ?what) }}
  UNION {{ ?node pkg:affected ?value . BIND("about" AS ?what) }}
  UNION {{ ?node pkg:affecting ?value . BIND("about" AS ?what) }}
}}"""

_MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_DATE = re.compile(
    # "from 2 to 30 November 2023": a span of days is dated by its first, the day it opened
    # (as the record dates a consultation or a call for evidence), not by the day it closed
    r"\b(?:(?P<first>\d{1,2})(?:st|nd|rd|th)?\s*(?:to|-|–|and)\s*(?=\d))?"
    r"(?:(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+)?(?P<month>January|February|March|April|May|"
    r"June|July|August|September|October|November|December)\s+(?P<year>(?:19|20)\d\d)\b"
    r"|\b(?P<iso>(?:19|20)\d\d-\d\d-\d\d)\b"
    r"|\b(?:in|since|from|of|by|until|before|after|during)\s+(?P<bare>(?:19|20)\d\d)\b"
    # "in 2002, 2004 and 2006": each year of the list is a year of its own
    r"(?P<more>(?:,\s*(?:19|20)\d\d\b)*(?:,?\s+(?:and|or)\s+(?:19|20)\d\d\b)?)"
    r"|\b(?:in|since|from|by|until|during)\s+(?P<alone>January|February|March|April|May|June|"
    r"July|August|September|October|November|December)\b(?!\s+\d)"
    r"|\b(?P<dday>\d{1,2})(?:st|nd|rd|th)?\s+(?P<dmonth>January|February|March|April|May|June|"
    r"July|August|September|October|November|December)\b(?!\s+\d)",  # "closed on 1 April"
    re.IGNORECASE,
)
_HOUSES = re.compile(r"\b(Commons|Lords)\b")
#: A sentence that says what is not known (in a fact: its dates and numbers are not facts).
_DOUBT = re.compile(r"\b(?:whether|not known|not confirmed|unknown|unclear|not found|"
                    r"was not seen|were not seen)\b", re.I)  # fmt: skip


def _dated_otherwise(clause: str, own: tuple[int, int, int]) -> bool:
    """Whether a clause states a date and none of its dates is `own` (day, month, year)."""
    found = [m for m in _DATE.finditer(clause) if m.group("month") or m.group("iso")]
    if not found:
        return False
    for m in found:
        if m.group("iso"):
            y, mo, d = (int(x) for x in m.group("iso").split("-"))
        else:
            d = int(m.group("first") or m.group("day") or 0)
            mo, y = _MONTHS.index(m.group("month").lower()) + 1, int(m.group("year"))
        if (d in (0, own[0])) and (mo, y) == own[1:]:
            return False
    return True


def _doubts(text: str) -> list[tuple[int, int]]:
    """The spans of the sentences (to a full stop or semicolon) that say what is not known;
    what is in brackets ("the day is not stated") is not the sentence's own doubt."""
    bare = re.sub(r"\([^()]*\)", lambda m: " " * len(m.group()), text)
    spans = []
    for found in _DOUBT.finditer(bare):
        start = max(bare.rfind(".", 0, found.start()), bare.rfind(";", 0, found.start())) + 1
        ends = [i for i in (bare.find(".", found.end()), bare.find(";", found.end())) if i >= 0]
        spans.append((start, min(ends) if ends else len(bare)))
    return spans


#: A compound that describes what a number counts, and the noun it counts after it.
_COMPOUND = re.compile(r"\s+(?:[A-Za-z]+-)+[A-Za-z]+\s+([A-Za-z]{3,})")
_QUANTIFIER = re.compile(r"\b(?:every|each|any|no|not)\s+$", re.I)
#: A clause of what was to come, not what happened.
#: A negation that says what a record's writer did not find, not what did not happen: "no
#: regulations specifying the identifier were found", "no bill text seen".
UNSEEN = re.compile(r"\b(?:were|was|been|is|are)\s+(?:not\s+)?(?:found|seen)\b"
                    r"|\b(?:not|nothing|none)\s+(?:yet\s+)?(?:found|seen)\b|\bno\s+record\b",
                    re.I)  # fmt: skip
_TO_COME = re.compile(r"\b(?:would|will|were to|was to|to be|once|should|shall|may|might|"
                      r"could|expected|planned|due to)\b", re.I)  # fmt: skip
#: What a deadline's date follows: "(due 2026-03-31)", "a deadline of", "should ... by".
_DEADLINE = re.compile(r"(?:\b(?:due|deadline|deadline of|target|no later than)|\(due)\s*"
                       r"(?:the\s+end\s+of\s+)?$", re.I)  # fmt: skip
#: What follows a deadline's date: "after its December 2024 deadline".
_DEADLINE_AFTER = re.compile(r"\s*(?:deadline|target date)\b", re.I)
#: A claim that denies what it dates ("did not come into force on 1 June"; not "was not
#: appointed until 9 October", which dates it, nor "took no further action").
_DENIED = re.compile(r"\b(?:did|does|do|was|were|is|are|has|have|had)(?:\s+not|n't)\b"
                     r"(?![^,;]*\b(?:until|till)\b)", re.I)  # fmt: skip
#: A clause of what was to come, before a date in it ("information sharing, expected by 2026"):
#: the date is a plan's, not the day something happened. Not "promised" or "committed": the
#: promise itself happened on its date ("promised in April 2025"); not "may" (the month).
_PLANNED = re.compile(r"\b(?:would|will|were to|was to|is to|are to|to be|should|shall|might|"
                      r"could|expected|planned to|plans? to|intends? to|aims? to|due to)\b",
                      re.I)  # fmt: skip
#: "... as IICSA's seventeenth recommendation asked", "as we promised in April 2025": what was
#: asked or promised, said to be done.
_AS_ASKED = re.compile(r"\bas\s+(?:[\w'’-]+\s+){0,6}(?:asked|recommended|called for|urged|sought|"
                       r"wanted|proposed|required|promised|pledged|committed)\b", re.I)  # fmt: skip
#: A provision's number, its letters glued on: "16LA".
_PROVISION_NUMBER = re.compile(r"\d{1,3}[A-Z]{1,3}\b")
#: "one" as a pronoun, after a preposition or an article and before no noun ("to one
#: licensed elsewhere", "the one that"), not a count ("in one area").
_BEFORE_ONE = re.compile(r"\b(?:to|for|from|with|by|at|on|in|into|the|this|that|no|any|each|"
                         r"every|which)\s+$", re.I)  # fmt: skip
_AFTER_ONE = re.compile(r"\s*(?:[,.;:]|\w+ed\b|(?:who|which|that|of|in|at|on|with|from)\b)",
                        re.I)  # fmt: skip


def _pronoun_one(text: str, a: int, b: int) -> bool:
    return (text[a:b].lower() == "one" and bool(_BEFORE_ONE.search(text, max(0, a - 6), a))
            and bool(_AFTER_ONE.match(text, b)))  # fmt: skip


#: "gave the Home Office until 31 March 2026 to ...": a deadline set (not "consulted until").
_GAVE_UNTIL = re.compile(r"\b(?:gave|gives|give|given|giving)\s+(?:[\w'’&-]+\s+){0,8}?"
                         r"(?:until|till)\s+(?:the\s+end\s+of\s+)?$", re.I)  # fmt: skip
_BY = re.compile(r"\b(?:by|before)\s+(?:the\s+end\s+of\s+)?$", re.I)
#: A bill's Report stage ("agreed at Report stage on 25 November"): no event of "reported".
_REPORT_NOUN = re.compile(r"\b[Rr]eport(?=\s+[Ss]tage\b)|(?<=\bat )Report\b|(?<=\bon )Report\b")
_END_OF = re.compile(r"\bend\s+of\s+$", re.I)
#: A state reached by then: "it had received", "had been referred".
_PERFECT = re.compile(r"\b(?:had|has|have)\s+(?:already\s+|now\s+)?(?:been\s+)?[a-z]+ed\b")
_TARGET = re.compile(r"\b(?:should|must|shall|to be|were to|was to|is to|are to|expected to|"
                     r"required to|deadline|target|aims? to|due|asked|asks|called for|calls for|"
                     r"recommended|requires|required|set|told|tells|urged|urges)\b"
                     # "... and to bring in a new data requirement by March 2026"
                     r"|^\s*to\s+\w+", re.I)  # fmt: skip
_COMPLETE = re.compile(
    r"\b(?:complete|completed|finished|fully implemented|delivered|"
    r"achieved|done)\b",
    re.I,
)
_INCOMPLETE = re.compile(r"\b(?:incomplete|not (?:yet )?(?:complete|completed|delivered|met|"
                         r"finished)|in progress|outstanding|under way)\b", re.I)  # fmt: skip
_MONEY = re.compile(r"£\s?(?P<n>\d[\d,]*(?:\.\d+)?)\s*(?P<scale>million|billion|m|bn|k)?\b", re.I)
_NEGATION = re.compile(r"\b(?:not|never|no|none|neither|nor|yet to)\b|n't\b|\bnon-", re.I)
_APPROXIMATE = re.compile(
    r"(?:about|around|roughly|approximately|nearly|almost|more than|over|at least|up to|"
    r"fewer than|less than|under|some)\s*$",
    re.I,
)
#: Words too common in this graph to say what a claim is about.
COMMON = {
    stem(w)
    for w in ("government", "said", "say", "says", "also", "which", "would", "will", "report",
              "recommendation", "new", "first", "year", "them", "they", "she", "her", "him",
              "our", "ours", "its", "told", "now")
}  # fmt: skip


@dataclass(frozen=True)
class Slots:
    """What can be checked exactly in a text, each with the words that say what it is of (its
    keys: the content words just before and after it): dates (day, month, year; day or month
    may be None), sums of money, counts (value, the stems of the noun counted, approximate?, the
    noun as written) and percentages (value, what they are a share of)."""

    dates: tuple[tuple[int | None, int | None, int, bool], ...] = ()  # ..., a bare year?
    date_words: tuple[frozenset[str], ...] = ()  # the keys of each date
    events: tuple[frozenset[str], ...] = ()  # the event words of each date ("published")
    deadlines: tuple[bool, ...] = ()  # whether each date is a deadline ("by 31 March 2026")
    stated: tuple[bool, ...] = ()  # whether each is in the words (not a fact's own date)
    planned: tuple[bool, ...] = ()  # whether each is the date of what was to come ("expected by")
    subjects: tuple[frozenset[str], ...] = ()  # what each date's event is said of (see _subject)
    #: whether each is the day by which a state held ("By November 2025 it had received ..."):
    #: a record of that state dated then or before holds it
    asof: tuple[bool, ...] = ()
    money: tuple[float, ...] = ()
    money_words: tuple[frozenset[str], ...] = ()
    counts: tuple[tuple[float, tuple[str, ...], bool, str], ...] = ()
    count_words: tuple[frozenset[str], ...] = ()
    percents: tuple[tuple[float, frozenset[str]], ...] = ()
    percent_words: tuple[frozenset[str], ...] = ()
    houses: frozenset[str] = frozenset()  # the Houses of Parliament it names
    house_events: tuple[tuple[str, frozenset[str]], ...] = ()  # each House and what it did

    def __len__(self) -> int:
        return (len(self.dates) + len(self.money) + len(self.counts) + len(self.percents)
                + bool(self.houses))  # fmt: skip


#: A word in more than this share of the facts is too common to key a date or number.
FREQUENT = 0.04
#: A name in more than this share of the facts attaches a claim to none of them.
DISTINCTIVE = 0.03
#: How many content words before and after a number or date say what it is of.
KEYS_BEFORE, KEYS_AFTER = 6, 3
#: Number words are numbers, not what a text is about.
NUMBERS = frozenset(stem(w) for w in NUMBER_WORDS) | frozenset(
    stem(w) for w in ("cent", "percent", "per")
)


def _keys(
    text: str,
    a: int,
    b: int,
    before: int = KEYS_BEFORE,
    after: int = KEYS_AFTER,
    within: bool = True,
    skip=(),
):
    """The stems of the content words around `text[a:b]`, within its sentence (or not), less
    the words of names (`skip`)."""
    lo = max(text.rfind(". ", 0, a), text.rfind("; ", 0, a), text.rfind("\n", 0, a), 0)
    hi_stop = [i for i in (text.find(". ", b), text.find("; ", b)) if i >= 0 and within]
    hi = min([*hi_stop, len(text)])

    def kept(s, e, w):
        return _content(w) and not any(x < e and s < y for x, y in skip)

    left = _words(text, lo, a, kept)[-before:] if before else []
    right = _words(text, b, hi, kept)
    right = right[: max(after, before + after - len(left))]  # at a clause's start: what follows
    return frozenset(w for ws in left + right for w in ws) - COMMON - NUMBERS


def _words(text: str, lo: int, hi: int, kept) -> list[tuple[str, ...]]:
    """The stems of the kept words of `text[lo:hi]`, a hyphenated compound ("group-based") as
    one word: it counts once among the words around a number or date."""
    found: list[tuple[str, ...]] = []
    last = -2
    for s, e, w in tokens(text, lo, hi):
        if kept(s, e, w):
            if s == last + 1 and text[last] == "-" and found:
                found[-1] = (*found[-1], stem(w))
            else:
                found.append((stem(w),))
            last = e
        else:
            last = -2
    return found


#: Words that say what happened on a date, by the event they name: a date is compared with a
#: date of the same event ("handed back" and "returned" name one event).
EVENTS = {
    "publish": ("published", "publication", "issued", "released"),
    "accept": (STANCE.ACCEPTED.token,),  # the words are the vocabulary's ("accepted")
    "reject": (STANCE.REJECTED.token,),
    "respond": ("responded",),
    "appoint": ("appointed",),
    "announce": ("announced",),
    "consult": (ROLE.CONSULTED.token, "consultation"),
    "agree": ("agreed", "approved"),
    "table": ("tabled",),
    "introduce": ("introduced",),
    "enact": (STATUS.ENACTED.token, "assent"),
    "commence": ("commenced", "commencement", "force", "effect"),
    "update": ("updated", "revised"),
    "open": ("opened", "launched"),
    "close": ("closed", "closing"),
    "establish": ("established",),
    "commission": ("commissioned",),
    "write": ("wrote", "letter"),
    "withdraw": ("withdrew", "withdrawn"),
    "receive": ("received",),
    "refer": ("referred",),
    "return": ("returned", "handed", "restored", "back"),  # "got its powers back"
    "authorise": ("authorised",),
    "pass": ("passed",),
    "read": ("reading",),
    "begin": ("began", "started"),
    "sign": ("signed",),
    "lapse": ("lapsed", "fell"),
    "report": ("reported",),
    "conclude": ("concluded",),
    "estimate": ("estimated",),
    "inspect": ("inspected",),
    "debate": ("debated",),
    "brief": ("briefing",),
    "decide": ("decided", "decision"),
    "stall": (STATUS.STALLED.token,),
    "lay": ("laid",),
}
#: Events that happen to a provision or an Act (what came into force, was enacted, lapsed):
#: their subject is the thing, whose name must be the fact's.
_OF_A_PROVISION = frozenset({"commence", "enact", "lapse"})
EVENT_OF = {stem(word): event for event, words in EVENTS.items() for word in words}
EVENT_WORDS = frozenset(EVENT_OF)


def _events_of(words) -> frozenset[str]:
    """The events the (stemmed) words name."""
    return frozenset(EVENT_OF[w] for w in words if w in EVENT_OF)


#: What joins the two dates of a range: "from July to September 2023".
_RANGE = re.compile(r"\s*(?:to|-|–|and|until|till)\s*")


def _event(text: str, a: int, b: int, skip=()) -> frozenset[str]:
    """What happened on the date at `text[a:b]`: the event word nearest before it in its
    clause, else the first after it ("consulted on the draft terms in January 2026", "In
    October 2025 the two final candidates withdrew")."""
    lo = max(text.rfind(". ", 0, a), text.rfind("; ", 0, a), text.rfind(", and ", 0, a), 0)
    # an event word with a date of its own between it and this date is that date's event
    # ("announced in 2023, was shelved in April 2025": April 2025 is no announcement)
    # (not the start of a range it ends: "from July to September 2023")
    ends = [d.end() for d in _DATE.finditer(text, lo, a)
            if d.end() <= a and not _RANGE.fullmatch(text, d.end(), a)]  # fmt: skip
    lo = max([lo, *ends])
    before = [
        stem(w)
        for s, e, w in tokens(text, lo, a)
        if _content(w) and not any(x < e and s < y for x, y in skip)
    ][-KEYS_BEFORE:]
    for word in reversed(before):
        if word in EVENT_WORDS:
            return frozenset({EVENT_OF[word]})
    hi = min([i for i in (text.find(". ", b), text.find("; ", b)) if i >= 0] + [len(text)])
    after = [stem(w) for s, e, w in tokens(text, b, hi) if _content(w)]
    for word in after[: max(KEYS_AFTER, KEYS_BEFORE + KEYS_AFTER - len(before))]:
        if word in EVENT_WORDS:
            return frozenset({EVENT_OF[word]})
    return frozenset()


def _subject(text: str, a: int, b: int, skip=()) -> frozenset[str]:
    """What the event dated at `text[a:b]` is said of, in the words of its clause: those before
    its event word ("The disregard provisions were brought into force on 29 June"), or, when the
    event word comes after the date, those between ("In October 2025 the two final candidates
    withdrew"); less names (`skip`: they attach a fact by themselves), common words and event
    words. Empty when the clause names no event."""
    lo = max(text.rfind(". ", 0, a), text.rfind("; ", 0, a), text.rfind(", and ", 0, a),
             text.rfind("\n", 0, a), 0)  # fmt: skip
    opening = re.match(r"\W*(?:[\w'’]+\s+){0,2}[\w'’]+,\s", text[lo:a])  # "Even there, ..."
    lo += opening.end() if opening else 0
    words = [(s, stem(w)) for s, e, w in tokens(text, lo, a)
             if _content(w) and not any(x < e and s < y for x, y in skip)]  # fmt: skip
    at = next((i for i in range(len(words) - 1, -1, -1) if words[i][1] in EVENT_WORDS), None)
    if at is not None:
        said = [w for _, w in words[:at]]
    else:
        hi = min([i for i in (text.find(". ", b), text.find("; ", b), text.find(", ", b))
                  if i >= 0] + [len(text)])  # fmt: skip
        after = [stem(w) for s, e, w in tokens(text, b, hi)
                 if _content(w) and not any(x < e and s < y for x, y in skip)]  # fmt: skip
        at = next((i for i, w in enumerate(after) if w in EVENT_WORDS), None)
        if at is None:
            return frozenset()
        said = after[:at]
    return frozenset(said) - COMMON - NUMBERS - EVENT_WORDS - _MONTH_STEMS - _LIGHT_VERBS


def _content(word: str) -> bool:
    return len(word) > 2 and not word[0].isdigit() and norm(word) not in STOPWORDS


def slots_of(text: str, skip: list[tuple[int, int]] = ()) -> Slots:
    """The dates, money, counts and percentages of `text`, less those inside `skip` spans (the
    numbers of names: an Act's year, a section's number) and those in a sentence that says it
    does not know ("Whether the final terms were published by then is not known")."""
    skip = list(skip) + _doubts(text)

    def skipped(a, b):
        return any(s < b and a < e for s, e in skip)

    # "agreed at Report stage on 25 November": a bill's stage, no event of "reported"
    unreported = _REPORT_NOUN.sub(lambda m: " " * len(m.group()), text)
    dates, date_words, deadlines, events, stated, taken = [], [], [], [], [], []
    planned, subjects, asof = [], [], []
    for m in _DATE.finditer(text):
        if skipped(m.start(), m.end()):
            continue
        taken.append((m.start(), m.end()))
        # up to the date itself: a bare year's match holds its preposition ("by 2026", "by the
        # end of 2025"), which says whether it is a deadline
        at = m.start("bare") if m.group("bare") else m.start()
        before = text[max(0, at - 30) : at]
        clause = re.split(r"[.;]\s", text[max(0, m.start() - 160) : m.start()])[-1]
        # the rest of its clause: "By 31 March 2026 the Home Office should introduce ..."
        rest = re.split(r"[.;,]\s", text[m.end() : m.end() + 120])[0]
        deadlines.append(
            bool(_DEADLINE.search(before))
            or bool(_GAVE_UNTIL.search(re.split(r"[.;]\s", text[max(0, at - 160) : at])[-1]))
            or bool(_BY.search(before) and (_TARGET.search(clause) or _TARGET.search(rest)))
            or bool(_DEADLINE_AFTER.match(text, m.end()))  # "its December 2024 deadline"
        )  # "should ... by 31 March 2026", "by 31 March 2026 ... should"
        asof.append(not deadlines[-1] and bool(_BY.search(before)) and bool(
            _PERFECT.search(text, m.end(), m.end() + 60) or _PERFECT.search(clause)))  # fmt: skip
        if m.group("iso"):
            y, mo, d = (int(x) for x in m.group("iso").split("-"))
            dates.append((d, mo, y, False))
        elif m.group("bare") and _END_OF.search(text, max(0, at - 16), at):
            # "by the end of 2026": its last month, not any day of the year
            dates.append((None, 12, int(m.group("bare")), False))
        elif m.group("bare"):
            dates.append((None, None, int(m.group("bare")), True))
        elif m.group("alone"):  # a month of no stated year (0): agrees with that month only
            dates.append((None, _MONTHS.index(m.group("alone").lower()) + 1, 0, False))
        elif m.group("dmonth"):  # a day of no stated year: agrees with that day only
            month = _MONTHS.index(m.group("dmonth").lower()) + 1
            dates.append((int(m.group("dday")), month, 0, False))
        else:
            day = int(m.group("first") or m.group("day") or 0) or None
            month = _MONTHS.index(m.group("month").lower()) + 1
            dates.append((day, month, int(m.group("year")), False))
        if m.group("iso") and re.search(r"\((?:due )?$", text[max(0, m.start() - 5) : m.start()]):
            # a fact's own date, "(2025-12-09) ...": the date of what its note says first
            first = re.split(r"(?<=\.)\s+(?=[A-Z])", text[m.end() :], maxsplit=1)[0]
            date_words.append(_keys(text, m.end(), m.end(), 0, 40, within=False)
                              & (content_words(first) | frozenset()))  # fmt: skip
            clauses = re.split(r";|,\s+(?:which|and|but|while|with|citing)\b|:",
                               re.sub(r"\([^()]*\)", "", first))  # fmt: skip
            own = (d, mo, y)
            # what happened, less what a clause dated otherwise says happened then ("tabled 18
            # November 2025; agreed ... on 25 November 2025": 18 November is no agreement)
            done = " ".join(c for c in clauses if not _TO_COME.search(c)
                            and not _dated_otherwise(c, own))  # fmt: skip
            events.append(_events_of(content_words(_REPORT_NOUN.sub(" ", done))))
            stated.append(False)
            planned.append(False)
            subjects.append(frozenset())
        else:
            date_words.append(_keys(text, m.start(), m.end(), skip=skip))
            events.append(_event(unreported, m.start(), m.end(), skip))
            stated.append(True)
            lo = max(0, *(text.rfind(stop, 0, m.start()) for stop in (". ", "; ", ", but ", "\n")))
            planned.append(bool(_PLANNED.search(text, lo, m.start())))
            subjects.append(_subject(text, m.start(), m.end(), skip))
        for year in re.findall(r"\d{4}", m.group("more") or ""):  # the rest of a list of years
            for values in (date_words, deadlines, events, stated, planned, subjects, asof):
                values.append(values[-1])
            dates.append((None, None, int(year), True))
    money, money_words = [], []
    for m in _MONEY.finditer(text):
        if skipped(m.start(), m.end()):
            continue
        taken.append((m.start(), m.end()))
        scale = {"million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9, "k": 1e3}.get(
            (m.group("scale") or "").lower(), 1.0)  # fmt: skip
        money.append(float(m.group("n").replace(",", "")) * scale)
        money_words.append(_keys(text, m.start(), m.end(), skip=skip))
    counts, count_words, percents, percent_words = [], [], [], []
    numbering = re.match(r"\s*\d{1,3}(?:\.\d{1,3})+\s", text)  # "6.2 The audit ..."
    for q in quantities(text):
        if skipped(q.start, q.end) or any(s <= q.start < e for s, e in taken):
            continue
        if numbering and q.start < numbering.end():
            continue
        if _REFERENCE_BEFORE.search(text, max(0, q.start - 24), q.start):
            continue  # "Recommendation 1", "section 9"
        if _PROVISION_NUMBER.match(text, q.start) or _pronoun_one(text, q.start, q.end):
            continue  # "16LA to 16LD": a provision's number; "to one licensed": a pronoun
        if is_year(text, q):
            continue
        if text[q.end : q.end + 1] in (".",) and text[q.end + 1 : q.end + 2].isdigit():
            continue
        if re.match(r"[-–]\s*(?:year|month|week|day)", text[q.end : q.end + 8], re.I):
            continue  # "a three-year limitation period": a description, not a count
        if re.match(
            r"\s+(?:years?|months?|weeks?|days?|decades?)\s+(?:after|before|later|ago|"
            r"earlier|since|into|on(?=\s*[,.;:]))\b",
            text[q.end : q.end + 24],
            re.I,
        ):
            continue  # "six months after": when, not how many
        if _QUANTIFIER.search(text[max(0, q.start - 8) : q.start]) or (
                re.match(r"\s+of\b", text[q.end : q.end + 4]) and q.value == 1):  # fmt: skip
            continue  # "every one of its recommendations": a quantifier
        approximate = bool(_APPROXIMATE.search(text[max(0, q.start - 16) : q.start]))
        if q.percent:
            of = re.match(r"\s*(?:per\s*cent|percent|%)?\s*of\s+(?:the\s+|all\s+|its\s+)?"
                          r"([A-Za-z-]+)", text[q.end : q.end + 60])  # fmt: skip
            percents.append((q.value, frozenset({stem(of.group(1))}) if of else frozenset()))
            percent_words.append(_keys(text, q.start, q.end, skip=skip))
        else:
            noun = " ".join(w for _, _, w in tokens(text, q.end, q.unit_end))
            unit = q.unit_words[:2]
            compound = _COMPOUND.match(text, q.end)  # "1,273 group-based cases": cases
            if compound:
                rest = q.unit_words[compound.group().count("-") + 2 :]
                unit = (stem(compound.group(1)), *rest)[:2]
            counts.append((q.value, unit, approximate, noun))
            count_words.append(_keys(text, q.start, q.unit_end, skip=skip))
    found_houses = [(m.group(1).lower(), _event(text, m.start(), m.end(), skip))
                    for m in _HOUSES.finditer(text) if not skipped(m.start(), m.end())]  # fmt: skip
    houses = frozenset(h for h, _ in found_houses)
    return Slots(
        dates=tuple(dates),
        date_words=tuple(date_words),
        events=tuple(events),
        deadlines=tuple(deadlines),
        stated=tuple(stated),
        planned=tuple(planned),
        subjects=tuple(subjects),
        asof=tuple(asof),
        money=tuple(money),
        money_words=tuple(money_words),
        counts=tuple(counts),
        count_words=tuple(count_words),
        percents=tuple(percents),
        percent_words=tuple(percent_words),
        houses=houses,
        house_events=tuple((h, e) for h, e in found_houses if e),
    )


@dataclass
class Fact:
    node: str
    about: set[str] = field(default_factory=set)  # the entities it is a fact of
    texts: list[str] = field(default_factory=list)
    words: set[str] = field(default_factory=set)
    slots: Slots = field(default_factory=Slots)
    negated: bool = False
    status: object = None  # a status event's STATUS concept

    @cached_property
    def text(self) -> str:
        """Its words, read once its texts are all known."""
        return " ".join(self.texts)


@dataclass(frozen=True)
class About:
    """What a claim names, and what the text named before it, for the facts in words."""

    named: frozenset[str] = frozenset()  # the entities the claim names
    subjects: frozenset[str] = frozenset()  # its reports, recommendations and findings
    topics: frozenset[str] = frozenset()  # those and its statutes
    near: frozenset[str] = frozenset()  # what the text named just before it
    names: frozenset[str] = frozenset()  # how the claim names its bodies, statutes, reports
    near_names: frozenset[str] = frozenset()  # how the text named those just before
    #: the other recommendations of the reports of the recommendations it names, and those
    #: reports when it names them only through a recommendation: a fact of another
    #: recommendation of that report is not about the claim's
    others: frozenset[str] = frozenset()
    via: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Judgement:
    verdict: str  # "supported" or "contradicted"
    fact: Fact
    reason: str
    strength: float


class Facts:
    """The facts of a graph, indexed by their words."""

    def __init__(self, facts: list[Fact]):
        self.facts = facts
        self.index: dict[str, list[int]] = {}
        self.by_node: dict[str, list[int]] = {}
        for i, fact in enumerate(facts):
            self.by_node.setdefault(fact.node, []).append(i)
            for word in fact.words:
                self.index.setdefault(word, []).append(i)
        #: Words in so many facts that they say nothing of which event a date or number is of.
        self.frequent = frozenset(w for w, found in self.index.items()
                                  if len(found) > max(8, FREQUENT * len(facts)))  # fmt: skip
        self._names: dict[str, bool] = {}
        #: the newest day a fact is dated ("(2026-06-29) in force ..."): what the graph knows
        #: reaches no further
        dated = [_DATED.match(f.text) for f in facts]
        self.horizon = max((dt.date.fromisoformat(m.group(1)) for m in dated if m),
                           default=None)  # fmt: skip

    @classmethod
    def from_store(cls, store: Store, entities: set[str],
                   parents: dict[str, str] | None = None) -> Facts:  # fmt: skip
        """The facts in words of the graph; each is about the entities its IRI sits under, and
        the whole an instrument is part of (`parents`)."""
        parents = parents or {}
        found: dict[str, Fact] = {}
        for row in store.select(QUERY):
            node = row["node"].value
            what, value = row["what"].value, row["value"].value
            fact = found.setdefault(node, Fact(node))
            if what == "text":
                fact.texts.append(value)
            elif what in ("date", "due"):  # its own dates first: "(2025-12-09) The Home ..."
                due = "due " if what == "due" else ""
                fact.texts.insert(sum(t.startswith("(") for t in fact.texts),
                                  f"({due}{value[:10]})")  # fmt: skip
            elif what == "status" and STATUS.by_iri(value) is not None:
                fact.texts.append(STATUS.by_iri(value).label)
                fact.status = STATUS.by_iri(value)
            elif what == "house" and HOUSE.by_iri(value) is not None:
                fact.texts.append(f"House of {HOUSE.by_iri(value).label}")
            elif what == "about":
                fact.about.add(value)
        facts = []
        for node, fact in found.items():
            if not fact.texts:
                continue
            parts = node.split("/")
            for size in range(len(parts), 2, -1):  # the entities its IRI sits under
                prefix = "/".join(parts[:size])
                if prefix in entities:
                    fact.about.add(prefix)
            fact.about |= {parents[a] for a in fact.about if a in parents}
            text = fact.text
            fact.words = content_words(text) - COMMON - NUMBERS
            fact.slots = slots_of(text)
            fact.negated = bool(_NEGATION.search(text))
            facts.append(fact)
        return cls(facts)

    def _distinctive(self, name: str) -> bool:
        """Whether a name is in few enough facts to say which ones are about it ("Home Office"
        is in too many)."""
        if name not in self._names:
            found = sum(1 for fact in self.facts if name in fact.text)
            self._names[name] = found <= max(8, DISTINCTIVE * len(self.facts))
        return self._names[name]

    def about(self, entity: str) -> list[Fact]:
        """The facts of the entity's own node (its scope, status in words, ...)."""
        return [self.facts[i] for i in self.by_node.get(entity, ())]

    def judge(
        self,
        claim: str,
        skip: list[tuple[int, int]],
        about: About,
        conflicts_only: bool = False,
        today: dt.date | None = None,
    ) -> Judgement | None:
        """What the facts most like `claim` say of it, if anything (`about`: what the claim and
        the text before it name). A fact is attached to the claim when it is about what the
        claim names or names it in its words (a name found in few facts); loosely, when it is
        about or names what the text named just before, and the claim names no report,
        recommendation or statute of its own.

        A fact contradicts a claim that shares its topic when a date, sum, count or share keyed
        to the same thing differs (a claim about a report or recommendation, only a fact about
        it). It supports one only when it is attached, shares most of its words, negates
        neither more nor less, and holds every date, sum, count and share the claim states,
        each keyed to the same thing; or, for a claim without any, when one of its sentences
        says all the claim says in the same words. A date after `today` is a plan: never
        checked. With `conflicts_only`, only a contradiction."""
        words = content_words(claim) - COMMON - NUMBERS
        if len(words) < 2:
            return None
        hits: dict[int, int] = {}
        for word in words:
            for i in self.index.get(word, ()):
                hits[i] = hits.get(i, 0) + 1
        if not hits:
            return None
        slots = slots_of(claim, skip)
        if today is not None and any(_after(d, today) for d in slots.dates):
            slots = _without_dates(slots, today)
        own = content_words(" ".join(claim[b:e] for b, e in _between(skip, len(claim))))
        own -= COMMON | NUMBERS  # what it says of what it names
        name_words = (content_words(" ".join(claim[b:e] for b, e in skip)) & words) - own
        negated = bool(_NEGATION.search(claim))
        spans = _between(skip, len(claim))
        durations = {d for a, b in spans for d in _durations(claim, a, b)}
        nations = _nations(" ".join(claim[a:b] for a, b in spans))
        # the provisions it cites by number outside its names ("now section 71 of the Act")
        references = _references(" ".join(claim[a:b] for a, b in spans))
        # "X now does Y, as we promised": what was promised, said to be done
        delivered = bool(_AS_ASKED.search(claim)) and not negated
        # "has been completed", not "will complete its Commons stages": what is to come claims
        # nothing done
        # ("is being delivered": under way, not done)
        # (in its own clause: "..., which agencies should use, has since been delivered")
        complete = any(not _TO_COME.search(re.split(r"[,;]", claim[max(0, m.start() - 30) :
                                                                   m.start()])[-1])
                       and not re.search(r"\bbeing\s+$", claim[max(0, m.start() - 8) : m.start()])
                       for m in _COMPLETE.finditer(claim))  # fmt: skip
        best: Judgement | None = None
        # the facts sharing most words first; among equals, in the graph's order (never the
        # order a set of words happened to be walked in: that varies with the hash seed)
        # the names a fact may hold in its words, once (not for each fact)
        names = [n for n in sorted(about.names) if self._distinctive(n)]
        near_names = [n for n in sorted(about.near_names) if self._distinctive(n)]
        for i, shared in sorted(hits.items(), key=lambda h: (-h[1], h[0]))[:40]:
            fact = self.facts[i]
            own_fact = bool(fact.about & about.named)
            sibling = fact.about & about.others and not (fact.about & about.named) - about.via
            if own_fact and sibling:
                own_fact = False  # of a sibling recommendation, about the report only by its IRI
            attached = own_fact or any(n in fact.text for n in names)
            before = bool(fact.about & about.near) or any(n in fact.text for n in near_names)
            loose = before and not about.topics
            close = attached or loose
            ratio = shared / len(words)
            # to support, the names it is attached by count as shared, however the fact says
            # them ("NCA" for "the National Crime Agency"); not to contradict: a rival date or
            # number needs the claim's own words in the fact
            matched = (shared + len(name_words - fact.words)) / len(words) if attached else ratio
            if shared < 2 or (ratio < 0.3 and not (close and shared >= 3)):
                continue
            strength = ratio + (0.15 if attached else 0.1 if close else 0.0)
            agree, conflict, checked = _compare(slots, fact.slots, close, ratio, self.frequent,
                                                own_fact, fact.words, self.horizon)  # fmt: skip
            if negated and _DENIED.search(claim):
                # "s. 4 did not come into force on 1 June": another date, sum or count in the
                # record is what the claim says too, no rival of it
                conflict = []
            if nations and own_fact and ratio >= 0.3:
                # "applies ... in England and Wales" against "a duty ... in England": where
                # it applies, said in the fact's sentence most like the claim
                # (a part of where the record says it applies is no rival: "for England"
                # against "for England and Wales", unless the claim says "only")
                held = _nations(_closest(fact.text, words))
                if held and (nations - held or (held - nations and _ONLY.search(claim))):
                    conflict.append(f"the record says {' and '.join(sorted(held))}, not "
                                    f"{' and '.join(sorted(nations))}")  # fmt: skip
            if complete and not negated and ratio >= 0.3 and (own_fact or loose):
                # (a status is its subject's: a recommendation's "legislating" is no rival of
                # a Bill said to have completed its passage)
                if fact.status is not None and fact.status not in DONE:
                    conflict.append(f"the record says {fact.status.label}")
                elif _INCOMPLETE.search(fact.text):
                    conflict.append(f"the record says {_INCOMPLETE.search(fact.text).group()}")
            topical = (shared >= 3 and (ratio >= 0.5 or (close and ratio >= 0.3))) or (
                shared >= 2 and ratio >= (0.5 if close else 0.6))  # fmt: skip
            # a claim that names its own actor ("The Welsh Government announced in September
            # 2026 ...") speaks of that actor's event: a fact of what came before that neither
            # is about nor names it holds another actor's dates, no rival to the claim's. Only
            # for a name found in few facts: one in many ("the Home Office") is left unsaid in
            # facts of its own doings, so its absence from a fact shows nothing
            own_actor = not attached and bool(names)
            if conflict and topical and close and (own_fact or not about.subjects) and not (
                    loose and own_actor):  # fmt: skip
                verdict, reason = "contradicted", "; ".join(conflict)
            elif conflicts_only or conflict or negated != _negated(fact, words):
                continue
            elif complete and not negated and fact.status not in DONE and not (
                    _COMPLETE.search(fact.text) and not _INCOMPLETE.search(fact.text)):  # fmt: skip
                continue  # "... and that has been done": a fact that does not record it done
            elif not close and not (before and len(slots) >= 2 and checked == len(slots)):
                continue  # of what came before, when it holds two or more of its numbers
            elif durations and durations - _durations(fact.text):
                continue  # "refreshed every two years": a length of time the fact does not hold
            elif references and references - _references(fact.text):
                continue  # "now section 71 of the Act": a provision the fact does not cite
            elif negated and not UNSEEN.search(claim) and UNSEEN.search(
                    _closest(fact.text, words)):  # fmt: skip
                continue  # "no regulations ... were found": what the record did not see
            elif delivered and _TO_COME.search(_closest(fact.text, words)):
                continue  # a plan or a promise ("expected by 2026") is no record of it done
            elif len(slots) and checked == len(slots) and matched >= 0.4 and (
                    attached or len(own & fact.words) * 2 >= len(own)):  # fmt: skip
                verdict, reason = "supported", "; ".join(agree)
            elif not len(slots) and (attached or len(own) >= 4) and _says(fact, own):
                verdict, reason = "supported", "the same words"
            else:
                continue
            if best is None or strength > best.strength:
                best = Judgement(verdict, fact, reason, strength)
        return best


DONE = frozenset({STATUS.ENACTED, STATUS.IN_FORCE, STATUS.DELIVERED})


_MONTH_STEMS = frozenset(stem(m) for m in _MONTHS)
#: Verbs that are part of an event's phrase, not of what it is said of: "took effect", "came
#: into force", "brought into force", "entered into force".
_LIGHT_VERBS = frozenset(stem(w) for w in ("took", "take", "taken", "came", "come", "comes",
                                           "brought", "bring", "entered", "given"))  # fmt: skip


#: A fact's own day, at its start: "(2026-06-29) in force ...".
_DATED = re.compile(r"\((\d{4}-\d\d-\d\d)\)")


def _after(date, today: dt.date) -> bool:
    """Whether a date (day or month may be None) is wholly after `today`."""
    day, month, year = date[0] or 1, date[1] or 1, date[2]
    return bool(year) and dt.date(year, month, day) > today


def _without_dates(slots: Slots, today: dt.date) -> Slots:
    """The slots less their dates after `today`."""
    # a deadline is a recorded fact whenever it falls ("was due by March 2027" against a target
    # due 31 March 2026): kept, and compared only with a deadline
    kept = [i for i, d in enumerate(slots.dates) if not _after(d, today) or slots.deadlines[i]]

    def pick(values):
        return tuple(values[i] for i in kept)

    return replace(slots, dates=pick(slots.dates), date_words=pick(slots.date_words),
                   events=pick(slots.events), deadlines=pick(slots.deadlines),
                   stated=pick(slots.stated), planned=pick(slots.planned),
                   subjects=pick(slots.subjects),
                   asof=pick(slots.asof) if slots.asof else ())  # fmt: skip


#: Where a fact's sentence ends: a full stop or semicolon and space, but not the full stop of an
#: abbreviation before a number ("s. 16LC", "ss. 9 to 12", "No. 2", "para. 4").
SENTENCE_END = re.compile(r"(?<=[.;])(?<!\bs\.)(?<!\bss\.)(?<!\bNo\.)(?<!\bno\.)"
                          r"(?<!\bpara\.)(?<!\bparas\.)(?<!\bcl\.)(?<!\breg\.)(?<!\bart\.)"
                          r"(?<!\bsch\.)(?<!\bpt\.)(?<!\bp\.)(?<!\bpp\.)\s+"
                          r"|(?<=[.;])\s+(?=[A-Za-z(])")  # fmt: skip


@lru_cache(maxsize=4096)
def _sentences(text: str) -> tuple[tuple[str, frozenset[str]], ...]:
    """The sentences of a fact's text, each with its content words (worked out once a text:
    the facts are few, the claims compared with them many)."""
    return tuple((s, frozenset(content_words(s))) for s in SENTENCE_END.split(text))


def _closest(text: str, words: set[str]) -> str:
    """The sentence of `text` that shares most of `words` (the first among equals)."""
    return max(_sentences(text), key=lambda said: len(words & said[1]))[0]


_NATION = re.compile(r"\b(England|Wales|Scotland|Northern Ireland)\b")


#: What limits where a claim says something applies ("for England only").
_ONLY = re.compile(r"\b(?:only|solely|alone|exclusively)\b", re.I)


def _nations(text: str) -> frozenset[str]:
    """The nations of the United Kingdom a text says something applies in."""
    return frozenset(_NATION.findall(text))


def _negated(fact: Fact, words: set[str]) -> bool:
    """Whether the sentence of the fact that shares most of `words` is negative (what it says
    in brackets aside)."""
    if not fact.negated:
        return False
    return bool(_NEGATION.search(re.sub(r"\([^()]*\)", "", _closest(fact.text, words))))


#: The units of a length of time: "every two years", "within 28 days", "up to ten years".
_SPANS_OF_TIME = frozenset(stem(w) for w in ("years", "months", "weeks", "days", "hours"))
_TIME_UNIT = re.compile(r"\b(?:year|month|week|day|hour)s?\b", re.I)


def _durations(text: str, start: int = 0, end: int | None = None) -> set[tuple[float, str]]:
    """The lengths of time a text states, each (value, unit): not an age ("aged 18", "under
    16"), nor a time from another ("two years ago", "five months later"), nor a compound's
    ("the three-year limitation period": what it is called)."""
    found: set[tuple[float, str]] = set()
    if not _TIME_UNIT.search(text, start, len(text) if end is None else end):
        return found  # most texts: no unit of time at all
    for q in quantities(text, start, end):
        if (
            q.percent
            or not q.unit_words
            or q.unit_words[0] not in _SPANS_OF_TIME
            or (is_year(text, q) or not re.match(r"[\s-]+[A-Za-z]", text[q.end : q.end + 3]))
        ):
            continue  # "in December 2025, weeks after": a year, its unit a word further on
        if re.search(r"\b(?:aged|age of|under|over|as young as|as old as)\s+$",
                     text[max(0, q.start - 16) : q.start], re.I) or re.match(
                         r"(?:-|\s*\w+\s+(?:ago|old|of age|later|earlier|on|after|before|since)\b)",
                         text[q.end : q.end + 20], re.I):  # fmt: skip
            continue
        found.add((q.value, q.unit_words[0]))
    return found


#: A provision cited by number ("became section 57 of the Act"): the fact must cite it too.
_REFERENCE = re.compile(r"\b(section|sections|s\.|ss\.|clause|clauses|regulation|schedule)\s+"
                        r"(\d{1,3}[A-Z]{0,3})\b", re.I)  # fmt: skip


#: A span of years: "between 2004 and 2014", "from 1997 to 2013", "1999-2014", "2025-26" (not
#: a day, "2025-06-16").
_PERIOD = re.compile(
    r"\b(?:between|from)\s+((?:19|20)\d\d)\s+(?:and|to|until)\s+((?:19|20)\d\d)\b"
    r"|(?<![\d–-])\b((?:19|20)\d\d)\s*[–-]\s*((?:19|20)\d\d|\d\d)\b(?![–-]?\d)",
    re.I,
)


def periods(text: str) -> frozenset[tuple[int, int]]:
    """The spans of years `text` states, each (first year, last year)."""
    found = set()
    if "19" not in text and "20" not in text:
        return frozenset()
    for m in _PERIOD.finditer(text):
        first, last = (m[1], m[2]) if m[1] else (m[3], m[4])
        a = int(first)
        b = int(last) if len(last) == 4 else a // 100 * 100 + int(last)
        if a < b:
            found.add((a, b))
    return frozenset(found)


def _references(text: str) -> frozenset[tuple[str, str]]:
    """The provisions a text cites by number: ("s", "43") for "section 43" or "s. 43", ("c",
    "43") for "clause 43" (a bill's clause is not the Act's section of that number)."""
    return frozenset(("sch" if k.lower().startswith("sch") else k[0].lower(), n.upper())
                     for k, n in _REFERENCE.findall(text))  # fmt: skip


def _between(skip: list[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """The spans of a text of `length` outside the `skip` spans."""
    spans, at = [], 0
    for a, b in sorted(skip):
        if a > at:
            spans.append((at, a))
        at = max(at, b)
    return [*spans, (at, length)]


def _says(fact: Fact, words: set[str]) -> bool:
    """Whether one sentence of the fact holds what a claim says in its own words (two words
    at least; all of them, or four in five of five or more)."""
    if len(words) < 2:
        return False
    for _, said in _sentences(fact.text):
        found = len(words & said)
        if found == len(words) or (len(words) >= 5 and found * 5 >= len(words) * 4):
            return True
    return False


def _same_date(a, b) -> bool:
    """Whether two dates can be the same day (a part one of them leaves out agrees)."""
    year = a[2] == b[2] or not a[2] or not b[2]
    month = a[1] is None or b[1] is None or a[1] == b[1]
    return year and month and (a[0] is None or b[0] is None or a[0] == b[0])


def _on_or_before(a, b) -> bool:
    """Whether date `a` (a fact's own, whole) is no later than the month or day `b` names."""
    if not a[2] or not b[2]:
        return False
    if a[2] != b[2]:
        return a[2] < b[2]
    if b[1] is None or a[1] is None:
        return True
    if a[1] != b[1]:
        return a[1] < b[1]
    return b[0] is None or a[0] is None or a[0] <= b[0]


def _compare(claim: Slots, fact: Slots, close: bool, ratio: float,
             frequent: frozenset[str] = frozenset(), own: bool = False,
             fact_words: frozenset[str] | None = None, horizon: dt.date | None = None,
             ) -> tuple[list[str], list[str], int]:  # fmt: skip
    """(what agrees, what conflicts, how many of the claim's slots the fact holds), in words.
    A slot is compared only with one of the fact's that is of the same thing: a date with a
    date of the same kind of event (the same event word, or without one, keys in common; a
    deadline only with a deadline), a count with a count of the same noun and shared keys, a
    share with a share of the same thing, a sum with a sum whose keys share a word (or the
    fact's only sum, when the fact is about what the claim names and shares most of its
    words). A date agrees, too, with the same date of a fact whose keys share three of its
    own, whatever the event is called ("had received ... by November" and a briefing of 4
    November on the cases referred). A date conflicts with a date of the same event in a fact
    about what the claim names (`own`), else only with one whose keys share two of its own.

    A date is the date of an event *of something*: it neither agrees nor conflicts when the fact
    does not speak of what the claim's event is said of (`_subject`: "the disregard provisions
    were brought into force on 29 June" is not "its first provisions came into force on 29
    June"), nor when the fact's date is a plan's ("expected by 2026") and the claim's is not (a
    plan is no evidence that it happened, nor its date a rival for the day it did). Keys
    shared only by their event words ("opened a consultation") make no rival: a rival date
    is of the same event about the same thing."""
    agree, conflict, checked = [], [], 0
    pending = []  # the claim's as-of dates no date of the same event holds
    for date, keys, event, deadline, plan, subject, by in zip(
            claim.dates, claim.date_words, claim.events, claim.deadlines,
            claim.planned or (False,) * len(claim.dates),
            claim.subjects or (frozenset(),) * len(claim.dates),
            claim.asof or (False,) * len(claim.dates), strict=True):  # fmt: skip
        keys = keys - frequent
        # what the claim's event is said of, in words the fact never uses: "the disregard
        # provisions were brought into force" against "its first provisions came into force"
        # (only for what happens to a provision or an Act: an actor is named in many ways,
        # "the present government", "my predecessor", and a fact's actor is no such subject)
        other = bool(subject and fact_words is not None and event & _OF_A_PROVISION
                     and len(subject - fact_words - frequent) * 4 > len(subject))  # fmt: skip
        keyed, alike = [], []
        subject_keys = keys - EVENT_WORDS
        for d, k, e, due, said, later, of in zip(
                fact.dates, fact.date_words, fact.events, fact.deadlines, fact.stated,
                fact.planned or (False,) * len(fact.dates),
                fact.subjects or (frozenset(),) * len(fact.dates), strict=True):  # fmt: skip
            if due != deadline:
                continue  # a deadline only with a deadline
            if other and (of or not said) and event & e:
                # the fact says what this event was of, and it is something else; or the date
                # is the fact's own, and its words never speak of the claim's thing
                continue
            if later and not plan and not deadline:
                continue  # a plan's date against what the claim says happened
            rank = (said, len(keys & k))  # the likeliest rival: a date in its words, like it
            if event and not deadline:  # what happened: only a date of the same event compares
                if event & e:
                    # a rival: of what the claim names (`own`), or with keys in common beyond
                    # the event's own words ("opened a consultation" on another thing is none)
                    alike_keys = (keys & k) - EVENT_WORDS
                    strong = own or (len(keys & k) >= 2 and (bool(alike_keys) or not subject_keys))
                    keyed.append((d, strong, rank))
                elif len(keys & k) >= 3:
                    alike.append(d)
            elif len(keys & k) >= (2 if e else 1):
                # a date the claim names no event of ("regulations ... were made in September
                # 2026") against a fact's date of a named event ("accepted"): it may agree, but
                # is a rival only in a fact about what the claim names that shares three of its
                # keys ("A cabinet-level Minister ... was created in 2024": "No cabinet Minister
                # was created"); a rival is of the same event of the same thing
                # (a deadline is compared only with a deadline, whatever its event)
                loose = bool(e) and not event and not deadline
                strong = len(keys & k) >= (3 if loose else 2) and (not loose or own)
                keyed.append((d, strong, rank))
        same = [d for d in [*(d for d, _, _ in keyed), *alike] if _same_date(date, d)]
        if same:
            agree.append(_date_words(date))
            checked += 1
            continue
        if by:
            pending.append(date)
            continue  # what held by then: never a rival of a later or earlier event
        if horizon is not None and not deadline and not plan and _after(date, horizon):
            # "a revised edition was issued in September 2026", after the newest date the
            # graph records: an event the record may not have reached yet, no rival date
            continue
        if not close or not (date[2] or (own and date[0] and date[1])):
            # a day and month with no year ("on 2 December") is compared only in a fact about
            # what the claim names, with a date of the same event
            continue
        rivals = [d for d, strong, _ in sorted(keyed, key=lambda x: x[2], reverse=True)
                  if strong and d[2]]  # fmt: skip
        if date[3]:  # a bare year: only against the year of a date of the same event
            rivals = [d for d in rivals if d[2] != date[2]]
        if rivals:
            conflict.append(f"the record says {_date_words(rivals[0])}, not "
                            f"{_date_words(date)}")  # fmt: skip
    for value, keys in zip(claim.money, claim.money_words, strict=True):
        keys = keys - frequent
        keyed = [v for v, k in zip(fact.money, fact.money_words, strict=True) if keys & k]
        if not keyed and close and ratio >= 0.5 and len(fact.money) == 1:
            keyed = list(fact.money)
        if any(abs(v - value) <= 0.01 * v for v in keyed):
            agree.append(f"£{value:,.0f}")
            checked += 1
        elif keyed:
            conflict.append(f"the record says {_money(keyed[0])}, not {_money(value)}")
    for (value, unit, approximate, noun), keys in zip(claim.counts, claim.count_words,
                                                      strict=True):  # fmt: skip
        tolerance = 0.1 if approximate else 0.001
        keys = keys - frequent
        fitting = [(v, n, k) for (v, u, _, n), k in zip(fact.counts, fact.count_words,
                                                        strict=True)
                   if unit and u and unit[0] == u[0]]  # fmt: skip
        same = [v for v, _, _ in fitting if abs(v - value) <= tolerance * max(v, 1)]
        if not same and not fitting:  # "216 of them": the same number, said of the same thing
            same = [v for (v, _, _, _), k in zip(fact.counts, fact.count_words, strict=True)
                    if abs(v - value) <= tolerance * max(v, 1) and len(keys & k) >= 2]  # fmt: skip
        if same:
            agree.append(f"{_number(value)} {noun}".strip())
            checked += 1
            continue
        rivals = [(v, n) for v, n, k in fitting if len((keys & k) - set(unit)) >= 1]
        if rivals and close:
            conflict.append(f"the record says {_number(rivals[0][0])} {rivals[0][1]}, not "
                            f"{_number(value)}")  # fmt: skip
    for (value, of), keys in zip(claim.percents, claim.percent_words, strict=True):
        keys = keys - frequent
        fitting = [
            v
            for (v, o), k in zip(fact.percents, fact.percent_words, strict=True)
            if (of and o and of == o) or (not of and not o and len(keys & k) >= 2)
        ]
        if any(abs(v - value) <= 1.5 for v in fitting):
            agree.append(f"{_number(value)}%")
            checked += 1
        elif fitting and close:
            conflict.append(f"the record says {_number(fitting[0])}%, not {_number(value)}%")
    if pending and checked and len(agree) == checked and checked == len(claim) - len(pending):
        # "By November 2025 it had received 1,273 cases": a record dated then or before that
        # holds every other number of the claim holds what it had by then
        own_dates = [d for d, said in zip(fact.dates, fact.stated, strict=True) if not said]
        for date in pending:
            if any(_on_or_before(d, date) for d in own_dates):
                agree.append(_date_words(date))
                checked += 1
    if claim.houses & fact.houses:  # a House agrees
        agree.append(", ".join(sorted(claim.houses)))
        checked += 1
    for house, event in claim.house_events:  # "tabled in the Commons": where it was tabled
        rivals = {h for h, e in fact.house_events if e & event}
        if (own or (close and ratio >= 0.5)) and rivals and house not in rivals:
            conflict.append(f"the record says the {' and '.join(sorted(rivals)).title()}, not "
                            f"the {house.title()}")  # fmt: skip
    return agree, conflict, checked


def _money(value: float) -> str:
    if value >= 1e6 and value % 1e5 == 0:
        return f"£{value / 1e6:g} million"
    return f"£{value:,.0f}"


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:g}"


def _date_words(date) -> str:
    day, month, year = date[:3]
    parts = [str(day)] if day else []
    parts += [_MONTHS[month - 1].capitalize()] if month else []
    return " ".join([*parts, str(year)] if year else parts)


__all__ = ["COMMON", "STOPWORDS", "About", "Fact", "Facts", "Judgement", "Slots", "slots_of"]
