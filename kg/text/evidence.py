"""Evidence retrieval: the one fact in words that says what a claim says, found among all the
graph's facts, whatever the claim names, then verified.

The structured checks (kg.text.claims) and the attached facts in words (kg.text.facts) judge a
claim by what it names. A claim often paraphrases a fact held in free text (a status event's
note, a finding's summary, a recommendation's summary, a response's summary, an instrument's
recorded status) while naming none of it ("It found that improvements promised after earlier
reviews had been allowed to drift"), or naming something else. This module is the second,
general matcher for those claims:

- **Index, once at load.** Every citable fact in words (kg.text.facts.Facts: its texts with its
  own dates) is split into sentences; each word stem has an inverse document frequency (IDF)
  over the facts, so "Longfield" weighs far more than "government".
- **Retrieve.** A claim's content words (less stop words, numbers and words that only say who
  said it: "found", "said") pull the facts that share them; each is scored by IDF-weighted
  coverage. The names the claim mentions count as covered in a fact *tied* to what they name
  (the fact is about that entity, or about its report), so a fact about the named entity or
  the report in context is preferred.
- **Verify.** A candidate supports the claim only when
  - it covers enough of the claim's weight (`CLAIM_COVER`, a little less for a fact tied to
    what the claim names; a claim's month is held by a fact dated in it) and its best
    sentence is covered enough by the claim (`FACT_COVER`; `LEAF_COVER` for the words of the
    recommendation, finding or provision the claim names): its distinctive words are what the
    claim says, not one word in common;
  - every date the claim states agrees with one of the fact's (a month and year agree with a
    day in them; a bare year with any date in it), and every count, sum and share the claim
    states is one of the fact's numbers (a range of provisions, "ss. 16LA to 16LD", states
    its count); every length of time too;
  - negation agrees: a claim's "not" needs one in the fact's best sentence, and a "not" there
    said of what the claim says needs one in the claim;
  - what was asked or due (a recommendation's words, a target) backs only a claim that says it
    was asked ("IICSA asked ..."), never one that says it was done ("... has issued a code, as
    IICSA asked"); a claim that something has been done needs a record of it done;
  - every provision the claim cites by number ("became section 57") is cited in the fact, and
    what a provision's event is said of ("the reporting duty came into force") is in its words;
  - when the claim names a recommendation, finding, section or clause, the fact is about it
    (not a sibling's);
  - a few of its sentences together (`WINDOW`) hold the claim's words: a long fact (a
    report's description) holds many words scattered over what it says of many things
    (round 20);
  - a span of years the claim gives ("between 2004 and 2014") is the fact's, when the fact
    gives one: the same count over another span is a rival (it contradicts, as a number does);
  - a claim's "not" is never backed by a fact whose only negation says what its writer did not
    find ("no regulations ... were found"): absence of a record is no record of absence.
  When one holds the claim's content but differs on a date, the claim is *not* contradicted
  here: a paraphrase is no proof that the same event is meant (not_found). On the dev sets,
  candidates that failed only on a date held the right content as often as a rival one, so
  such a rule would make confident wrong verdicts. A number is different when the fact holds
  some of the claim's numbers too, and for each it does not hold, another of the same kind
  (a count for a count, a sum for a sum, a share for a share): "23 forces referred 1,273
  cases, 300 of them rape" against "... 23 forces ..., 1,273 cases, of which 236": that
  candidate, when none supports, contradicts (round 18).
- **Names in a fact's words.** A claim's name ("the National Crime Agency") is held by a fact
  about the entity or one that names it in its words ("NCA"), found once at load; a fact held
  only through a name it mentions must also hold what the claim says of it.

The thresholds were calibrated on the tuning gold sets (tests/fixtures/gold/, not the sealed
ones): the region claim cover 0.65 to 0.7 and fact cover 0.4 gave the most right supports with
no unsupported claim supported, and moved little around it.

Work is bounded by the claim's words (an inverted index), never the graph's size.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass

from ontology.vocabulary import STANCE

from .facts import (
    _AS_ASKED,
    _MONTHS,
    _OF_A_PROVISION,
    COMMON,
    DONE,
    NUMBERS,
    SENTENCE_END,
    UNSEEN,
    Fact,
    Facts,
    _between,
    _durations,
    _references,
    periods,
    slots_of,
)
from .mentions import content_words, stem

#: An IDF-weighted share of the claim's words the fact must hold (the words of a name the
#: claim mentions count as held by a fact about what it names).
CLAIM_COVER = {True: 0.65, False: 0.7}  # a fact tied to what it names, or not
#: An IDF-weighted share of the fact's best sentence the claim must hold.
FACT_COVER = 0.4
#: ... less when the fact is about the recommendation, finding or provision the claim names:
#: a long sentence of its own words ("should collect data ..., broken down by ...") is not
#: all said again.
LEAF_COVER = 0.25
#: At least this much IDF weight of the claim's own words (not its names) in common.
MIN_SHARED = 3.0
#: How many sentences of a fact together must hold the claim's words (`Evidence._near`).
WINDOW = 3
#: How many candidates (those sharing most weight) are verified.
CANDIDATES = 30

#: Words that say who said what, not what was said.
_SAYING = frozenset(
    stem(w)
    for w in ("found", "find", "finds", "said", "says", STANCE.NOTED.token, "notes", "described",
              "describes", "reported", "recounted", "concluded", "stated", "heard", "already",
              "also", "then", "itself", "earlier", "later", "that", "this", "there", "here",
              "which", "while", "whose", "what", "when", "where", "had", "has", "have", "been",
              "was", "were", "are", "being", "although", "though", "meanwhile", "yes", "both",
              "yesterday", "today")
)  # fmt: skip
_NEGATION = re.compile(r"\b(?:not|never|no|none|neither|nor|yet to|without|nothing|nobody)\b"
                       r"|n't\b|\bnon-", re.I)  # fmt: skip
_SENTENCES = re.compile(SENTENCE_END.pattern + r"|(?<=:)\s+|\s+(?=\()")  # not "s. 16LC"
_COMPLETE = re.compile(r"\b(?:has|have|had|was|were|is|are)\s+"
                       r"(?:(?:now|been|since|already|finally|fully|largely|mostly)\s+)*"
                       r"(?:completed|complete|delivered|met|implemented|done|achieved)\b",
                       re.I)  # fmt: skip
#: Words that ask for something, not say it happened.
_ASKING = re.compile(r"\b(?:ask(?:s|ed|ing)?|call(?:s|ed|ing)? for|call|recommend\w*|"
                     r"urg(?:es|ed|ing)|sought|seek\w*|propos\w+|want\w*|would|should|must|requir\w+|"
                     r"until|deadline|due|to be|were to|was to)\b", re.I)  # fmt: skip
_MONTH_STEMS = tuple(stem(m) for m in _MONTHS)
#: Nodes of the ontology itself (a property's label) are no facts about the world.
_ONTOLOGY = re.compile(r"/ns[#/]")


@dataclass(frozen=True)
class Found:
    """A fact that bears on a claim, and how well it covers it."""

    fact: Fact
    claim_cover: float  # the IDF-weighted share of the claim's words it holds
    fact_cover: float  # the IDF-weighted share of its best sentence the claim holds
    tied: bool  # about what the claim names, or the report in context
    reason: str
    #: the fact holds the claim's content and some of its numbers, and another number of
    #: the same kind where the claim states one it does not hold: a rival value
    contradicts: bool = False


@dataclass(frozen=True)
class _Said:
    """What a claim states that a fact must hold too, besides its words."""

    dates: tuple  # each (day, month, year, bare?) and whether it is a plan's or a deadline
    numbers: tuple[float, ...]  # its counts, sums and shares
    spans: frozenset  # its lengths of time
    references: frozenset  # the provisions it cites by number
    subjects: tuple  # what each provision's event is said of ("the reporting duty")
    complete: bool  # it says something has been done
    delivered: bool  # it says what was asked is done ("..., as IICSA asked")
    asking: bool  # it says something was asked
    kinds: tuple[str, ...] = ()  # what each of its numbers is: a count, a sum or a share
    units: tuple[frozenset[str], ...] = ()  # what each number counts ("force areas"), if said
    periods: frozenset = frozenset()  # its spans of years ("between 2004 and 2014")

    @classmethod
    def of(cls, claim: str, skip: list[tuple[int, int]], outside: str) -> _Said:
        slots = slots_of(claim, skip)
        dates = tuple((d, bool(due or plan)) for d, due, plan in zip(
            slots.dates, slots.deadlines, slots.planned or (False,) * len(slots.dates),
            strict=True))  # fmt: skip
        numbers = [v for v, *_ in slots.counts] + list(slots.money)
        numbers += [v for v, _ in slots.percents]
        kinds = (("count",) * len(slots.counts) + ("money",) * len(slots.money)
                 + ("share",) * len(slots.percents))  # fmt: skip
        units = tuple(frozenset(u) for _, u, *_ in slots.counts) + (frozenset(),) * (
            len(slots.money) + len(slots.percents))  # fmt: skip
        spans = set()
        for a, b in _between(skip, len(claim)):
            spans |= _durations(claim, a, b)
        subjects = tuple(w - _SAYING for w, e in zip(slots.subjects, slots.events, strict=True)
                         if e & _OF_A_PROVISION)  # fmt: skip
        return cls(dates, tuple(numbers), frozenset(spans), _references(outside), subjects,
                   bool(_COMPLETE.search(claim)), bool(_AS_ASKED.search(claim)),
                   bool(_ASKING.search(_AS_ASKED.sub(" ", claim))), kinds, units,
                   periods(outside))  # fmt: skip


def _words(text: str) -> set[str]:
    return content_words(text) - COMMON - NUMBERS - _SAYING


class Evidence:
    """The facts in words of a graph, indexed for retrieval by weighted word overlap."""

    def __init__(self, facts: Facts, parts: frozenset[str] = frozenset(),
                 extra_dates: dict[str, tuple[dt.date, ...]] | None = None,
                 asks: frozenset[str] = frozenset(),
                 names: dict[str, tuple[str, ...]] | None = None):  # fmt: skip
        """`parts`: the entities that are part of a whole a claim may name instead (its
        recommendations, findings, sections, clauses); `extra_dates`: dates a fact's node has
        beyond its words (a finding's or recommendation's report's issue date); `asks`: the
        nodes whose facts say what was asked (a recommendation's words); `names`: how the
        entities a fact may name in its words are named (a body's name and abbreviation): a
        fact that names one holds the claim's words for it ("NCA" for "the National Crime
        Agency"), as a fact about it does."""
        extra_dates = extra_dates or {}
        self.parts = parts
        self.facts = [f for f in facts.facts if not _ONTOLOGY.search(f.node)]
        self.words: list[frozenset[str]] = []
        self.months: list[frozenset[str]] = []  # its words and the months of its dates
        #: each fact's sentences: their words, what each negation in them is said of, and
        #: whether it says what was not found
        self.sentences: list[
            tuple[tuple[frozenset[str], tuple[frozenset[str], ...], bool], ...]
        ] = []
        self.dates: list[tuple[tuple[tuple[int | None, int | None, int], bool], ...]] = []
        #: each fact's sentences' words (whole sentences, for `_near`), read once needed
        self.whole: dict[int, tuple[frozenset[str], ...]] = {}
        self.asks: list[bool] = []
        self.values: list[frozenset[float]] = []
        self.kinds: list[dict[float, frozenset[str]]] = []  # what each of its numbers is
        #: each fact's counts and what each counts ("three force areas": 3, {forc, area})
        self.counts: list[tuple[tuple[float, frozenset[str]], ...]] = []
        self.spans: list[frozenset[tuple[float, str]]] = []
        self.references: list[frozenset[str]] = []
        self.periods: list[frozenset[tuple[int, int]]] = []  # its spans of years
        self.index: dict[str, list[int]] = {}
        #: the entities each fact is about or names in its words
        self.named: list[frozenset[str]] = []
        spelt = sorted({(n, iri) for iri, ns in (names or {}).items() for n in ns if n},
                       key=lambda x: (-len(x[0]), x))  # fmt: skip
        by_name: dict[str, set[str]] = {}
        for n, iri in spelt:
            by_name.setdefault(n, set()).add(iri)
        any_name = (re.compile(r"\b(?:" + "|".join(re.escape(n) for n in by_name) + r")\b")
                    if by_name else None)  # fmt: skip
        for i, fact in enumerate(self.facts):
            named = set(fact.about)
            if any_name is not None:
                for m in any_name.finditer(fact.text):
                    named |= by_name[m.group()]
            self.named.append(frozenset(named))
            slots = fact.slots
            words = frozenset(_words(fact.text))
            # a fact's own dates are written as numbers ("(2025-06-16)"): a claim's month
            # ("published in June") is held by a fact dated in it (not indexed: no month
            # says what a fact is about)
            self.months.append(words | {_MONTH_STEMS[d[1] - 1] for d in slots.dates if d[1]})
            self.words.append(words)
            for word in words:
                self.index.setdefault(word, []).append(i)
            parts = []
            for part in _SENTENCES.split(fact.text):
                own = frozenset(_words(part))
                if own:
                    parts.append((own, _negations(re.sub(r"\([^()]*\)", "", part)),
                                  bool(UNSEEN.search(part))))  # fmt: skip
            self.sentences.append(tuple(parts))
            dates = [(d[:3], bool(due or plan)) for d, due, plan in zip(
                slots.dates, slots.deadlines, slots.planned or (False,) * len(slots.dates),
                strict=True)]  # fmt: skip
            dates += [((d.day, d.month, d.year), False) for d in extra_dates.get(fact.node, ())]
            self.dates.append(tuple(dates))
            self.asks.append(fact.node in asks or any(slots.deadlines))
            values = {v for v, *_ in slots.counts} | set(slots.money)
            values |= {v for v, _ in slots.percents}
            values |= _range_sizes(fact.text)
            self.values.append(frozenset(values))
            kinds: dict[float, set[str]] = {}
            for kind, found in (("count", [v for v, *_ in slots.counts]),
                                ("count", _range_sizes(fact.text)), ("money", slots.money),
                                ("share", [v for v, _ in slots.percents])):  # fmt: skip
                for v in found:
                    kinds.setdefault(v, set()).add(kind)
            self.kinds.append({v: frozenset(k) for v, k in kinds.items()})
            self.counts.append(tuple((v, frozenset(u)) for v, u, *_ in slots.counts))
            self.spans.append(frozenset(_durations(fact.text)))
            self.references.append(_references(fact.text))
            self.periods.append(periods(fact.text))
        n = len(self.facts)
        self.idf = {w: math.log((n + 1) / (len(found) + 0.5)) for w, found in self.index.items()}
        self.unseen = math.log((n + 1) / 0.5)  # a word no fact holds

    def weight(self, word: str) -> float:
        return self.idf.get(word, self.unseen)

    def find(
        self,
        claim: str,
        names: list[tuple[int, int, str]],
        tied: frozenset[str],
        leaves: frozenset[str] = frozenset(),
    ) -> Found | None:
        """The fact that best supports `claim`, verified, or None. `names`: the spans of the
        claim's mentions, each with the entity it names (a fact about it holds its words);
        `tied`: the entities a fact may be about to be preferred (what the claim names, their
        reports, what the text named just before); `leaves`: the recommendations, findings,
        sections and clauses the claim names (a fact about none of them is not about it)."""
        skip = [(a, b) for a, b, _ in names]
        outside = _outside(claim, skip)
        said_words = _words(outside)  # what it says of what it names
        name_words: dict[str, set[str]] = {}
        for a, b, entity in names:
            for word in _words(claim[a:b]) - said_words:
                name_words.setdefault(word, set()).add(entity)
        claim_words = said_words | set(name_words)
        if len(said_words) < 2:
            return None
        # sums by math.fsum: exact, so the same whatever order a set's words come in (the
        # verdicts must not depend on the hash seed)
        total = math.fsum(self.weight(w) for w in claim_words)
        shared: dict[int, float] = {}
        for word in sorted(said_words):
            for i in self.index.get(word, ()):
                shared[i] = shared.get(i, 0.0) + self.idf[word]
        if not shared:
            return None
        negated = bool(_NEGATION.search(outside))
        said = None  # what the claim states that a fact must hold, worked out once needed
        best: Found | None = None
        rival: Found | None = None  # the best candidate that holds a rival number
        ranked = sorted(shared.items(), key=lambda h: (-h[1], h[0]))[:CANDIDATES]
        for i, weight in ranked:
            if weight < MIN_SHARED:
                break
            fact = self.facts[i]
            if leaves and not fact.about & leaves:
                continue
            is_tied = bool(fact.about & tied)
            held = {w for w in claim_words if w in self.months[i]
                    or (w in name_words and name_words[w] & self.named[i])}  # fmt: skip
            claim_cover = math.fsum(self.weight(w) for w in held) / total
            if claim_cover < CLAIM_COVER[is_tied]:
                continue
            held = self._near(i, held, {w for w in held if w not in self.words[i] or (
                w in name_words and name_words[w] & self.named[i])})  # fmt: skip
            claim_cover = math.fsum(self.weight(w) for w in held) / total
            if claim_cover < CLAIM_COVER[is_tied]:
                continue
            mentioned = {w for w in held if w in name_words and w not in self.months[i]
                         and not name_words[w] & fact.about}  # fmt: skip
            if mentioned and self._share(held - mentioned, claim_words) < CLAIM_COVER[is_tied] \
                    and self._share(held, said_words) < CLAIM_COVER[is_tied]:  # fmt: skip
                continue  # held only by a name the fact mentions: what is said of it must be
            fact_cover, fact_negations = self._best_sentence(i, claim_words)
            if fact_cover < (LEAF_COVER if leaves else FACT_COVER):
                continue
            if (negated and not fact_negations) or (not negated and any(
                    scope & claim_words for scope in fact_negations)):  # fmt: skip
                # "not" on one side only: a claim's negation needs one in the fact; the fact's
                # matters when it is said of what the claim says
                continue
            if negated and not UNSEEN.search(claim) and not any(
                    n and not unfound and words & claim_words
                    for words, n, unfound in self.sentences[i]):  # fmt: skip
                # its one negation says what its writer did not find ("no regulations ...
                # were found"), not that it did not happen
                continue
            if said is None:
                said = _Said.of(claim, skip, outside)
            if self.asks[i] and (said.delivered or not said.asking):
                continue
            if said.complete and not negated and fact.status not in DONE and not (
                    _COMPLETE.search(fact.text) and fact.status is None):  # fmt: skip
                continue
            if not all(any(_agree(d, f) for f, due in self.dates[i] if due == plan)
                       for d, plan in said.dates):  # fmt: skip
                continue
            held_numbers = [self._holds(i, v, unit) for v, unit in zip(
                said.numbers, said.units or (frozenset(),) * len(said.numbers),
                strict=True)]  # fmt: skip
            if said.spans - self.spans[i] or said.references - self.references[i]:
                continue
            if any(len(w - self.words[i]) * 4 > len(w) for w in said.subjects):
                continue
            if self.periods[i] and said.periods - self.periods[i]:
                # "373 victims between 2004 and 2014" against "373 ..., 1999-2014": the same
                # count over another span of years contradicts (a fact with no span of years
                # is held to the claim's dates alone)
                if rival is None and held_numbers and all(held_numbers) and not negated:
                    rival = Found(fact, claim_cover, fact_cover, is_tied,
                                  f"the same content over another span of years "
                                  f"({claim_cover:.2f} of the claim, {fact_cover:.2f} of the "
                                  f"record)", True)  # fmt: skip
                continue
            if not all(held_numbers):
                # the same content, some of the same numbers, and a rival of the same kind
                # for one it does not hold ("1,273 cases from 23 forces, 300 of them rape"
                # against "..., of which 236"): the same thing said with another value
                if rival is None and not negated and (
                        (any(held_numbers) and self._rival(i, said, held_numbers))
                        or self._counted_otherwise(i, said, held_numbers)):  # fmt: skip
                    rival = Found(fact, claim_cover, fact_cover, is_tied,
                                  f"the same content with another number ({claim_cover:.2f} "
                                  f"of the claim, {fact_cover:.2f} of the record)",
                                  True)  # fmt: skip
                continue
            score = claim_cover + fact_cover + (0.1 if is_tied else 0.0)
            if best is None or score > best.claim_cover + best.fact_cover + 0.1 * best.tied:
                reason = (f"the same content in other words ({claim_cover:.2f} of the claim, "
                          f"{fact_cover:.2f} of the record)")  # fmt: skip
                best = Found(fact, claim_cover, fact_cover, is_tied, reason)
        return best or rival

    def _near(self, i: int, held: set[str], other: set[str]) -> set[str]:
        """What of `held` fact `i` holds within a few sentences together (`WINDOW`): a long
        fact (a report's description) holds many words, scattered over what it says of many
        things; the claim's words must be said together. Words held by the fact's dates or
        names count wherever they are."""
        parts = self.whole.get(i)
        if parts is None:
            parts = self.whole[i] = tuple(
                frozenset(_words(t)) for t in SENTENCE_END.split(self.facts[i].text)
            )
        if len(parts) <= WINDOW:
            return held
        best: set[str] = set()
        for a in range(len(parts) - WINDOW + 1):
            here = {w for w in held if any(w in p for p in parts[a : a + WINDOW])}
            if len(here) > len(best) or (
                len(here) == len(best)
                and math.fsum(self.weight(w) for w in here)
                > math.fsum(self.weight(w) for w in best)
            ):
                best = here
        return other | best

    def _share(self, held: set[str], words: set[str]) -> float:
        """The IDF-weighted share of `words` that `held` holds."""
        total = math.fsum(self.weight(w) for w in words)
        return math.fsum(self.weight(w) for w in held & words) / total if total else 0.0

    def _holds(self, i: int, value: float, unit: frozenset[str]) -> bool:
        """Whether fact `i` states `value`; not when it counts what the claim counts (all its
        words) with another number and `value` only of something else ("four force areas"
        against "asked for four things ... three force areas")."""
        if not any(abs(value - f) <= 0.001 * max(f, 1) for f in self.values[i]):
            return False
        if not unit:
            return True
        same = [abs(value - v) <= 0.001 * max(v, 1) for v, u in self.counts[i] if unit <= u]
        return (
            not same
            or any(same)
            or any(u & unit for v, u in self.counts[i] if abs(value - v) <= 0.001 * max(v, 1))
        )

    def _counted_otherwise(self, i: int, said: _Said, held: list[bool]) -> bool:
        """Whether fact `i` counts, for each count of the claim it does not hold, the very
        same thing (all the words of what the claim counts) with another number: "four force
        areas" against "three force areas"."""
        if not said.units or all(held):
            return False
        for value, unit, ok in zip(said.numbers, said.units, held, strict=True):
            if ok:
                continue
            if not unit or not any(unit <= u and abs(v - value) > 0.001 * max(v, 1)
                                   for v, u in self.counts[i]):  # fmt: skip
                return False
        return True

    def _rival(self, i: int, said: _Said, held: list[bool]) -> bool:
        """Whether fact `i` states, for each number of the claim it does not hold, another
        number of the same kind (a count, a sum of money, a share) that the claim does not
        state."""
        claimed = set(said.numbers)
        own = [v for v in sorted(self.values[i]) if v not in claimed]
        for kind, ok in zip(said.kinds, held, strict=True):
            if not ok and not any(kind in self.kinds[i].get(v, ()) for v in own):
                return False
        return True

    def _best_sentence(self, i: int, claim_words: set[str]):
        """How much of the sentence of fact `i` the claim covers most (by weight) it covers,
        and what that sentence's negations are said of."""
        best = (0.0, ())
        for words, negated, _ in self.sentences[i]:
            total = math.fsum(self.weight(w) for w in words)
            cover = math.fsum(self.weight(w) for w in words & claim_words) / total if total else 0.0
            if cover > best[0]:
                best = (cover, negated)
        return best


def _negations(text: str) -> tuple[frozenset[str], ...]:
    """What each negation of `text` is said of: the stems of the (up to four) content words
    after it in its clause."""
    found = []
    for m in _NEGATION.finditer(text):
        clause = re.split(r"[,;:.()]", text[m.end() : m.end() + 80])[0]
        said = [w for t in re.findall(r"[A-Za-z][\w'’]*", clause) for w in _words(t)]
        found.append(frozenset(said[:4]))
    return tuple(found)


#: A range of provisions: "ss. 16LA to 16LD", "new clauses 49 to 57".
_PROVISION_RANGE = re.compile(
    r"\b(?i:ss\.|sections|clauses|regulations|paragraphs)\s+"
    r"(\d{1,3})([A-Z]{0,3})\s*(?:to|-|–)\s*(\d{1,3})([A-Z]{0,3})\b"
)


def _range_sizes(text: str) -> set[float]:
    """How many provisions each range of `text` spans, a count it states without a number:
    "ss. 16LA to 16LD" are four sections, "clauses 49 to 57" nine."""
    sizes = set()
    for m in _PROVISION_RANGE.finditer(text):
        first, a, last, b = int(m[1]), m[2].upper(), int(m[3]), m[4].upper()
        if not a and not b and first < last:
            sizes.add(float(last - first + 1))
        elif first == last and len(a) == len(b) > 0 and a[:-1] == b[:-1] and a < b:
            sizes.add(float(ord(b[-1]) - ord(a[-1]) + 1))
    return sizes


def _agree(claimed, held) -> bool:
    """Whether a claim's date (day, month, year, ...) agrees with a fact's (day, month,
    year): the parts the claim gives are the fact's; a month with no year, that month."""
    day, month, year = claimed[:3]
    if year and year != held[2]:
        return False
    if month is not None and month != held[1]:
        return False
    return day is None or held[0] is None or day == held[0]


def _outside(text: str, skip: list[tuple[int, int]]) -> str:
    """`text` less the `skip` spans (each kept as a space)."""
    return " ".join(text[a:b] for a, b in _between(skip, len(text)))


__all__ = ["CLAIM_COVER", "FACT_COVER", "Evidence", "Found"]
