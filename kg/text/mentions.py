"""Mentions: where a text names an entity of the graph, with a score in [0, 1].

Names come from the graph alone (kg.text.catalogue): nothing is listed by hand. Each kind of
entity is found its own way:
- bodies: their names and abbreviations (an abbreviation only in its own case: "CPS", never
  "cps"), with the variants names take in prose ("HM" for "His Majesty's", "&" for "and", a
  metropolitan borough council as "X Council"). A name is never shortened to a common word:
  "the police" names no force;
- statutes: an Act's title, with or without its year, its citation ("2003 c. 42") and its
  initials with the year ("SOA 2003"); "the 2003 Act" (the Act of that year named before, or
  the one a bill named before became, else the only one in the graph); a provision by number
  ("section 9", "s. 9", "ss. 9 and 10", "Part II", "sections, among them 16LA and 16LC") of
  the Act it names ("s. 9 SOA 2003", "Sexual Offences Act 2003, s 9", "section 9
  of the 2003 Act"), else of the Act named last before it; bills and clauses by title, a
  clause by number ("new clause 57") of the bill named last;
- reports: their titles, and references built from what identifies them in the graph: the
  author's surname, the inquiry or inspectorate that wrote them, the place in their title
  (Rotherham, Telford), with a word for the kind of document ("audit", "inquiry", "review",
  "report"), a year and words of their key ("the Casey audit", "Baroness Casey's 2025 audit",
  "the Jay report", "IICSA's final report", "the 2014 Rotherham inquiry", "Professor Alexis
  Jay's Rotherham report"), and two words of their title ending in a word of their key with a
  kind of document ("organised networks report"). Where several
  reports fit, the kind of document, the year and the reports named before decide, and a
  reference they cannot decide is dropped;
- recommendations: by number or ordinal ("recommendation 4", "Recommendations 1 and 2", "the
  first recommendation", "the fifth" where the sentence or the one before speaks of
  recommendations; a list of them, "the twelfth and twentieth recommendations", is of one report
  that has them all), of the report named with it ("IICSA's recommendation 13",
  "recommendation 4 of the audit"), of what a possessive pronoun points back to ("its fourth
  recommendation": the nearest report, author or body named that has the number), of the report
  the sentence names, else of the report the text before it is about (a vote of the reports,
  recommendations, authors and, weakly, bodies named before, the nearest counting most, only
  reports of the kind of document the text says, "the inquiry's third", and only those that
  have the number: a close vote is dropped, not guessed), else of the report
  the text goes on to name, else of the newest report when the text speaks of it; a number the
  report does not have is dropped, and so is a text's own numbered recommendation (a heading
  "Recommendation 3:" in a report being drafted) and a number that opens a paragraph (its
  number, "6.1 ..."); by what its report asked ("the Telford inquiry's recommendation on
  safeguarding training for drivers"): the one recommendation of that report whose words it
  shares most;
- findings: their figures ("two-thirds", "700 offences", "more than 1,000 children"): the value
  must agree and so must the unit, or the words around it the figure's description (a sum of
  money, "£30 million", is no count);
- themes: their names, in any case, and the halves of a name joined by "and" ("taxi licensing"
  for "Taxi and private hire licensing").
A name never runs across a colon, semicolon, question or exclamation mark its own spelling
lacks, nor across a blank line. Overlapping candidates are settled longest first. The work is
linear in the text: one pass of a token trie and a few regular-expression scans, each bounded
per match.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import ClassVar

from ontology.vocabulary import INSTRUMENT_KIND

from .catalogue import (
    ACT,
    BILL,
    BODY,
    CLAUSE,
    GUIDANCE,
    RECOMMENDATION,
    REPORT,
    SECTION,
    STATUTORY_INSTRUMENT,
    Body,
    Catalogue,
    Instrument,
    Report,
)

#: Candidates scoring below this are dropped: the linker never forces a match.
THRESHOLD = 0.5
#: At most this many mentions per text (a bound on the work that follows).
MAX_MENTIONS = 5_000


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    text: str
    id: str
    kind: str
    label: str
    score: float

    def as_json(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end, "id": self.id,
                "kind": self.kind, "label": self.label, "score": round(self.score, 3)}  # fmt: skip


# ----------------------------------------------------------------------------- words

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)*['’]?|&")
STOPWORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "of",
        "and",
        "or",
        "to",
        "in",
        "into",
        "on",
        "for",
        "by",
        "with",
        "from",
        "at",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "has",
        "have",
        "had",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "which",
        "who",
        "whom",
        "whose",
        "their",
        "his",
        "her",
        "our",
        "your",
        "not",
        "no",
        "but",
        "than",
        "then",
        "so",
        "such",
        "there",
        "here",
        "also",
        "all",
        "any",
        "each",
        "other",
        "more",
        "most",
        "some",
        "very",
        "can",
        "could",
        "will",
        "would",
        "should",
        "may",
        "might",
        "must",
        "shall",
        "do",
        "does",
        "did",
        "done",
        "about",
        "over",
        "under",
        "after",
        "before",
        "between",
        "within",
        "without",
        "per",
    ]
)
_SUFFIXES = ("isations", "isation", "izations", "ization", "ings", "ing", "ies", "ied", "est",
             "ers", "er", "ed", "es", "s", "ly")  # fmt: skip


@lru_cache(maxsize=65536)
def norm(token: str) -> str:
    """A token as names are compared: lower case, straight apostrophes, no possessive, "and"
    for "&", British spelling of -ise."""
    token = token.replace("’", "'").lower()
    if token == "&":
        return "and"
    if token.endswith("'s"):
        token = token[:-2]
    token = token.rstrip("'")
    return token.replace("ization", "isation").replace("izing", "ising").replace("ized", "ised")


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude stem for comparing content words ("offences" and "offence", "youngest" and
    "young")."""
    word = norm(word)
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    return word.rstrip("e") if len(word) > 4 else word


def content_words(text: str) -> set[str]:
    """The stems of a text's words, less stop words and numbers."""
    return {stem(t) for t in _TOKEN.findall(text)
            if len(t) > 2 and not t[0].isdigit() and norm(t) not in STOPWORDS}  # fmt: skip


def tokens(text: str, start: int = 0, end: int | None = None):
    """(start, end, token) for each word of `text[start:end]`."""
    for found in _TOKEN.finditer(text, start, len(text) if end is None else end):
        yield found.start(), found.end(), found.group()


# ----------------------------------------------------------------------------- names -> trie

EXACT, CAPITAL, ANY = "exact", "capital", "any"


@dataclass(frozen=True)
class Alias:
    iri: str
    score: float
    mode: str  # EXACT (an abbreviation, in its case), CAPITAL (a name), ANY (a theme's words)
    words: tuple[str, ...]  # as written, for EXACT
    stops: str = ""  # the stops its name spells (":" in a title), which a text may too


class Trie:
    """Aliases by their normalised words; the longest alias wins at each position."""

    def __init__(self):
        self.root: dict = {}
        self.longest = 0

    def add(self, phrase: str, iri: str, score: float, mode: str) -> None:
        words = tuple(w for _, _, w in tokens(phrase) if norm(w) not in ARTICLES)
        if not words:
            return
        node = self.root
        for word in words:
            node = node.setdefault(_key(word), {})
        entries = node.setdefault(None, {})
        known = entries.get(iri)
        if known is None or known.score < score:
            entries[iri] = Alias(iri, score, mode, words, "".join(sorted(set(phrase) & _STOPS)))
        self.longest = max(self.longest, len(words))

    def scan(self, text: str, words: list[tuple[int, int, str]]):
        """(start index, end index, alias) of every alias found, longest at each start; `words`
        are the text's tokens less articles."""
        normed = [_key(w) for _, _, w in words]
        for i in range(len(words)):
            node, found = self.root, None
            for j in range(i, min(len(words), i + self.longest)):
                node = node.get(normed[j])
                if node is None:
                    break
                if None in node:
                    fitting = [a for a in node[None].values() if _fits(a, words[i : j + 1])]
                    if fitting:
                        found = (j + 1, fitting)
            if found is not None:
                end, fitting = found
                best = max(a.score for a in fitting)
                top = [a for a in fitting if a.score == best]
                if len(top) == 1:  # two entities with the same name: name neither
                    yield i, end, top[0]


ARTICLES = frozenset({"a", "an", "the"})
#: Marks that end a phrase: a name runs across one only where its own spelling has it.
_STOPS = frozenset(":;.!?")


def _key(word: str) -> str:
    """A word as the trie compares it: normalised, a plural folded ("areas" as "area")."""
    word = norm(word)
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss") and word.isalpha():
        return word[:-1]
    return word


def _fits(alias: Alias, words: list[tuple[int, int, str]]) -> bool:
    written = [w for _, _, w in words]
    if alias.mode == EXACT:
        bare = [re.sub(r"['’]s?$", "", w) for w in written]
        return all(b == a or (b.isupper() and b == a.upper() and len(a) > 2)
                   for b, a in zip(bare, alias.words, strict=True))  # fmt: skip
    if alias.mode == CAPITAL:
        first = written[0]
        if not (first[:1].isupper() or first[:1].isdigit()):
            return False
        significant = [w for w in written if norm(w) not in STOPWORDS]
        capitals = sum(1 for w in significant if w[:1].isupper() or w[:1].isdigit())
        return capitals * 2 >= len(significant)
    return True


_HONORIFICS = re.compile(r"\b(Baroness|Baron|Professor|Prof\.?|Dame|Sir|Lord|Lady|Dr\.?|Mr\.?|"
                         r"Mrs\.?|Ms\.?|Rt\.? Hon\.?)\s+")  # fmt: skip
_POSTNOMINALS = frozenset(["OBE", "CBE", "MBE", "DBE", "KBE", "CB", "QC", "KC", "MP", "FRS"])
_ORGANISATION = frozenset(
    [
        "office",
        "inquiry",
        "inspectorate",
        "council",
        "board",
        "department",
        "services",
        "commission",
        "agency",
        "service",
        "ministry",
        "police",
        "authority",
    ]
)


def _initials(title: str) -> str:
    return "".join(w[0].upper() for _, _, w in tokens(title)
                   if norm(w) not in STOPWORDS and w[0].isalpha())  # fmt: skip


def build_trie(catalogue: Catalogue) -> Trie:
    trie = Trie()
    for body in catalogue.bodies.values():
        for name in body_names(body.name):
            described = _described(name)
            mode = ANY if described or name.endswith(" inquiry") else CAPITAL
            trie.add(name, body.iri, 0.95 if name == body.name else 0.85, mode)
        if body.abbreviation:
            short = len(body.abbreviation) <= 2
            trie.add(body.abbreviation, body.iri, 0.7 if short else 0.92, EXACT)
    acts_without_year: dict[str, list[Instrument]] = {}
    initials: dict[str, list[Instrument]] = {}
    for inst in catalogue.instruments.values():
        title = re.sub(r"\s*\([^)]*\)\s*$", "", inst.title).strip()
        if inst.kind in (ACT, BILL, GUIDANCE, STATUTORY_INSTRUMENT):
            trie.add(title, inst.iri, 0.97, CAPITAL)
        if inst.act:
            if inst.citation:
                trie.add(inst.citation, inst.iri, 0.95, ANY)
            if inst.year:
                bare = re.sub(rf"\s*{inst.year}$", "", title)
                acts_without_year.setdefault(bare, []).append(inst)
                letters = _initials(bare)
                if len(letters) >= 2:
                    trie.add(f"{letters} {inst.year}", inst.iri, 0.9, EXACT)
                    initials.setdefault(letters, []).append(inst)
        elif inst.kind == CLAUSE and len(title.split()) >= 3 and not _numbered(title):
            trie.add(title, inst.iri, 0.8, ANY)
    for bare, acts in acts_without_year.items():
        if len(acts) == 1:
            trie.add(bare, acts[0].iri, 0.85, CAPITAL)
    for letters, acts in initials.items():
        if len(acts) == 1 and len(letters) >= 3:
            trie.add(letters, acts[0].iri, 0.75, EXACT)
    leads: dict[str, list[str]] = {}
    for report in catalogue.reports.values():
        if report.title:
            trie.add(report.title, report.iri, 0.97, ANY if len(report.title) > 40 else CAPITAL)
            lead = _title_lead(report.title)
            if lead:
                leads.setdefault(lead.lower(), []).append(report.iri)
    for lead, reports in leads.items():
        if len(reports) == 1:  # "the national audit"
            trie.add(lead, reports[0], 0.8, ANY)
    for report in catalogue.reports.values():
        for phrase in _title_phrases(report):  # "organised networks report"
            trie.add(phrase, report.iri, 0.85, ANY)
    for theme in catalogue.themes.values():
        for name, score in _theme_names(theme.label):
            trie.add(name, theme.iri, score, ANY)
    return trie


def _title_phrases(report: Report) -> list[str]:
    """A report named by the two words of its title that end in a word of its key, with a
    kind of document its title gives: "organised networks report" for "Child sexual
    exploitation by organised networks: investigation report" (key iicsa-networks-2022)."""
    keys = {p for p in report.key.split("-") if p.isalpha() and len(p) > 3}
    words = [w for _, _, w in tokens(report.title)]
    kinds = [t for t in TYPES if t != "scr" and re.search(rf"\b{t}\b", report.title, re.I)]
    found = []
    for index in range(1, len(words)):
        pair = words[index - 1 : index + 1]
        if norm(pair[1]) in keys and not any(norm(w) in STOPWORDS for w in pair):
            found += [f"{' '.join(pair)} {kind}" for kind in kinds]
    return found


def _title_lead(title: str) -> str:
    """The words a title opens with up to its kind of document, when they are two or three and
    say more than the kind: "National Audit" of "National Audit on Group-based ..."."""
    words = title.split()
    for index, word in enumerate(words[:3]):
        if word.lower().strip(":,") in TYPES or word.lower() == "review":
            lead = words[: index + 1]
            if len(lead) < 2 or lead[0].lower() in STOPWORDS:
                return ""
            if all(w.lower().strip(":,") in TYPES for w in lead[:-1]):
                return ""
            return " ".join(w.strip(":,") for w in lead)
    return ""


def _numbered(title: str) -> bool:
    """A clause titled by its number ("Government new clause 57: ..."), named by number."""
    return bool(re.match(r"(?:government\s+)?(?:new\s+)?clause\s+\d", title, re.IGNORECASE))


def body_names(name: str) -> list[str]:
    """A body's name and the variants prose gives it ("HM" for "His Majesty's", ...)."""
    names = [name]
    variants = [
        (r"\bHis Majesty's\b|\bHer Majesty's\b", "HM"),
        (r"\s*&\s*", " and "),
        (r"\bMetropolitan Borough Council\b", "Council"),
        (r"\bof England and Wales\b", "in England and Wales"),
        (r"^(?:Independent |National |Statutory )?Inquiry into (.+)$", r"\1 inquiry"),
    ]
    for pattern, replacement in variants:
        for known in list(names):
            changed = re.sub(pattern, replacement, known)
            if changed != known:
                names.append(changed)
    for known in list(names):  # "His Majesty's Inspectorate of Constabulary (and Fire ...)"
        head = known.split(" and ")[0].split(",")[0]
        if head != known and len(head.split()) >= 3 and " of " in head:
            names.append(head)
    words = name.split()
    if len(words) >= 3 and _described(name):
        # a sentence-case name is a description ("Safeguarding partners for local authority
        # areas"): it is also named by its head noun phrase, with or without what narrows it
        head = re.split(r" (?:for|in|of) ", name, maxsplit=1)[0].split()
        for start in range(len(head) - 1):
            if head[start].lower() in STOPWORDS:
                continue
            shorter = " ".join(head[start:])
            rest = name[len(" ".join(head)) :]
            if not any(w[:1].isupper() for w in rest.split()):
                names.append(shorter)  # "safeguarding partners"; not "police forces" (of a place)
            if rest:
                names.append(shorter + rest)
    return list(dict.fromkeys(names))


def _described(name: str) -> bool:
    """A name that describes rather than names ("Police forces of England and Wales",
    "Safeguarding partners for ..."): the first word after its first that is not a small word
    is in lower case."""
    words = [w for w in name.split()[1:] if w.lower() not in STOPWORDS and w != "&"]
    return bool(words) and words[0][:1].islower()


def _theme_names(name: str) -> list[tuple[str, float]]:
    names = [(name, 0.85)]
    if " and " in name:
        left, right = name.split(" and ", 1)
        left_words, right_words = left.split(), right.split()
        if len(left_words) >= 2:
            names.append((left, 0.75))
        if len(left_words) == 1 and len(right_words) >= 2:
            # "Taxi and private hire licensing" -> "Taxi licensing"; "Research and evidence on
            # drivers" -> "Research on drivers"
            joint = next((k for k, w in enumerate(right_words) if k and w.lower() in STOPWORDS),
                         len(right_words) - 1)  # fmt: skip
            names.append((f"{left} {' '.join(right_words[joint:])}", 0.75))
            names.append((right, 0.75))
    return names


# ----------------------------------------------------------------------------- reports

TYPES = ("audit", "inquiry", "inspection", "review", "investigation", "report", "paper",
         "study", "scr")  # fmt: skip
GENERIC_TYPES = ("report", "review")
_TYPE_WORDS = (
    r"(?:serious case review|audit|inquiry|inspection|review|investigation|report|paper|study|SCR)"
)
_ADJECTIVES = (r"(?:(?:final|national|independent|rapid|original|landmark|own|latest|full|main|"
               r"interim|first|second|networks|investigation|overview|inspection|published|"
               r"review)\s+){0,2}")  # fmt: skip
#: A kind of document in prose, with "the" before it when it refers to one already known.
_KIND_WORD = re.compile(rf"(?:(?P<the>\b[Tt]he\s+(?:same\s+)?)|\b)(?P<w>{_TYPE_WORDS})\b",
                        re.IGNORECASE)  # fmt: skip
#: A report named by what sets it apart, with no name: its key word or place ("the networks
#: report", "the Rotherham inquiry"), its year ("the 2015 inspection") or the kind of body that
#: made it ("the inquiry's final report"), before a kind of document ("its networks report").
_KEYED = re.compile(
    rf"\b(?:the|its|their|this|that)\s+(?P<named>(?:(?P<owner>{_TYPE_WORDS})['’]s\s+(?:own\s+)?)?"
    rf"(?:(?P<year>(?:19|20)\d\d)\s+)?"
    rf"(?P<words>(?:[A-Za-z][\w-]*\s+){{0,2}}?)(?P<type>{_TYPE_WORDS})\b)",
    re.IGNORECASE,
)
#: Words that describe a report without telling it from others ("the final report" of any
#: inquiry): a report's key word among them ("final") only narrows what something else chose.
_NEUTRAL = frozenset({"final", "national", "independent", "rapid", "original", "landmark", "own",
                      "latest", "full", "main", "interim", "first", "second", "published", "new",
                      "recent", "whole", "last"})  # fmt: skip
_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_TOPIC = re.compile(r"\s+(?:on|into|about)\s+(?P<words>(?:[\w-]+\s+){0,3}[\w-]+)")
_PLACE = re.compile(r"\b(?:in|into|of)\s+([A-Z][a-z]+)")
_NOT_PLACES = frozenset({"England", "Wales", "Scotland", "Britain", "Child", "Children",
                         "Group", "Inspection", REPORT, "Sexual"})  # fmt: skip


@dataclass
class ReportNames:
    """What identifies each report in prose, for references to it."""

    names: dict[str, list[tuple[str, bool]]]  # name (lower) -> [(report IRI, primary?)]
    first_names: set[str]
    types: dict[str, set[str]]  # report IRI -> kinds of document its title gives
    key_words: dict[str, set[str]]  # report IRI -> words of its key ("final", "networks")
    pattern: re.Pattern | None
    #: name (lower) -> the reports it names only as their publisher ("Home Office" for an audit
    #: it commissioned and published): a body named for many reasons, so weak context
    published: dict[str, set[str]] = field(default_factory=dict)


def report_names(catalogue: Catalogue) -> ReportNames:
    names: dict[str, list[tuple[str, bool]]] = {}
    first_names: set[str] = set()
    types: dict[str, set[str]] = {}
    key_words: dict[str, set[str]] = {}
    published: dict[str, set[str]] = {}
    body_by_key = {b.key: b for b in catalogue.bodies.values() if b.key}
    body_by_name = {b.name.lower(): b for b in catalogue.bodies.values()}

    def add(name: str, report: Report, primary: bool):
        if not name.strip():
            return
        entry = names.setdefault(name.lower(), [])
        if all(r != report.iri for r, _ in entry):
            entry.append((report.iri, primary))

    for report in catalogue.reports.values():
        title = report.title.lower()
        found = {t for t in TYPES if re.search(rf"\b{t}\b", title)}
        if "serious case review" in title:
            found.add("scr")
        types[report.iri] = found
        parts = [p for p in report.key.split("-") if not p.isdigit()]
        key_words[report.iri] = set(parts)
        for person, primary in _people(report.author):
            first, _, surname = person.rpartition(" ")
            add(surname, report, primary)
            if first:
                first_names.add(first.split()[-1])
        for who in (report.author, report.publisher):
            body = body_by_name.get(re.sub(r"\s*\(.*$", "", who).strip().lower())
            if body is not None:
                add(body.name, report, True)
                if body.abbreviation and len(body.abbreviation) > 2:
                    add(body.abbreviation, report, True)
                if who is report.publisher and not _wrote(body, report.author):
                    for name in (body.name, body.abbreviation):
                        if name:
                            published.setdefault(name.lower(), set()).add(report.iri)
        for size in range(len(parts), 0, -1):  # the longest run of key words naming a body
            key = "-".join(parts[:size])
            if key in body_by_key:
                body = body_by_key[key]
                add(body.name, report, True)
                if body.abbreviation and len(body.abbreviation) > 2:
                    add(body.abbreviation, report, True)
                break
        else:
            for part in parts[:1]:
                if re.search(rf"\b{re.escape(part)}\b", f"{report.title} {report.author}",
                             re.IGNORECASE):  # fmt: skip
                    add(part.capitalize(), report, True)
        for place in _PLACE.findall(report.title):
            if place not in _NOT_PLACES:
                add(place, report, False)
    if not names:
        return ReportNames(names, first_names, types, key_words, None, published)
    spelled = sorted(names, key=len, reverse=True)
    name_re = "|".join(_name_pattern(n) for n in spelled)
    firsts = "|".join(re.escape(f) for f in sorted(first_names, key=len, reverse=True))
    person = (r"(?:(?:Baroness|Professor|Prof\.?|Dame|Sir|Lord|Dr\.?|Mr\.?|Ms\.?|Mrs\.?)\s+)?"
              + (rf"(?:(?:{firsts})\s+)?" if firsts else ""))  # fmt: skip
    bare_year = r"(?:(?:19|20)\d\d)"
    year = rf"(?:(?:{_MONTHS})\s+)?{bare_year}"  # "2020", "December 2020"
    places = sorted({p for r in catalogue.reports.values() for p in _PLACE.findall(r.title)
                     if p not in _NOT_PLACES}, key=len, reverse=True)  # fmt: skip
    place = rf"(?:(?P<place>{'|'.join(map(re.escape, places))})\s+)?" if places else ""
    pattern = re.compile(
        rf"\b(?:(?P<year0>{bare_year})\s+)?{person}(?P<name>{name_re})(?:['’]s?)?\s+"
        rf"(?:(?P<year1>{year})\s+)?(?-i:{place})(?P<adj>{_ADJECTIVES})(?:(?P<year4>{year})\s+)?"
        rf"(?P<type>{_TYPE_WORDS})s?\b"
        rf"(?:\s+(?:of|in|from)\s+(?P<year2>{year}))?"
        rf"|\b(?P<type2>{_TYPE_WORDS})\s+(?:by|of)\s+(?:the\s+)?{person}(?P<name2>{name_re})\b"
        rf"(?:\s+(?:in|of)\s+(?P<year3>{year}))?",
        re.IGNORECASE,
    )
    return ReportNames(names, first_names, types, key_words, pattern, published)


def _wrote(body: Body, author: str) -> bool:
    """Whether a report's author string names the body (as its author, not its publisher)."""
    lowered = author.lower()
    return any(n and re.search(rf"\b{re.escape(n.lower())}\b", lowered)
               for n in (body.name, body.abbreviation))  # fmt: skip


def _name_pattern(name: str) -> str:
    if name.isupper() or len(name) <= 4:
        return rf"(?-i:{re.escape(name.upper())})" if name.isupper() else re.escape(name)
    escaped = re.escape(name).replace(r"\ ", r"\s+").replace("'", "['’]")
    return rf"(?-i:{escaped[0].upper()}){escaped[1:]}"


def _people(author: str) -> list[tuple[str, bool]]:
    """Person names in an author string, the first outside brackets primary:
    "Louise Casey, Baroness Casey of Blackstock" -> [("Louise Casey", True)];
    "IICSA (chair Professor Alexis Jay)" -> [("Alexis Jay", False)]."""
    found = []
    outside = re.sub(r"\(.*?\)", "", author)
    inside = re.findall(r"\((.*?)\)", author)
    for text, primary in [(outside.split(",")[0], True)] + [(t, False) for t in inside]:
        text = _HONORIFICS.sub("", re.sub(r"^\s*(chair|chaired by|by)\s+", "", text.strip()))
        words = [w for w in text.split() if w not in _POSTNOMINALS and w.strip(".")]
        if not 2 <= len(words) <= 4 or not all(w[:1].isupper() for w in words):
            continue
        if any(w.lower() in _ORGANISATION for w in words):
            continue
        found.append((" ".join(words), primary))
    return found


# ----------------------------------------------------------------------------- numbers

NUMBER_WORDS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80,
    "ninety": 90, "hundred": 100, "dozen": 12, "a dozen": 12,
}  # fmt: skip
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20,
}  # fmt: skip
FRACTIONS = {
    "half": 50.0, "a third": 100 / 3, "one third": 100 / 3, "one-third": 100 / 3,
    "two thirds": 200 / 3, "two-thirds": 200 / 3, "a quarter": 25.0, "one quarter": 25.0,
    "three quarters": 75.0, "three-quarters": 75.0, "four in five": 80.0,
    "four out of five": 80.0, "one in three": 100 / 3, "two in three": 200 / 3,
    "one in five": 20.0, "one in four": 25.0, "nine in ten": 90.0,
}  # fmt: skip
_WORDS_RE = "|".join(sorted((re.escape(w) for w in NUMBER_WORDS), key=len, reverse=True))
_FRACTIONS_RE = "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+").replace(r"\-", "[-\\s]")
                                 for w in FRACTIONS), key=len, reverse=True))  # fmt: skip
NUMBER = re.compile(
    rf"(?P<fraction>\b(?:{_FRACTIONS_RE})\b)"
    rf"|(?P<digits>(?<![\w.,/-])\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|(?<![\w.,/-])\d+(?:\.\d+)?)"
    rf"(?:\s*(?P<percent>%|per\s*cent\b|percent\b))?"
    rf"|(?P<word>\b(?:{_WORDS_RE})\b)",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Quantity:
    start: int
    end: int
    value: float
    percent: bool
    unit_words: tuple[str, ...]  # the stems of the words just after it
    unit_end: int


def is_year(text: str, q: Quantity) -> bool:
    """Whether a number is a year: 1900 to 2100, whole, written without a comma or a unit."""
    return 1900 <= q.value <= 2100 and q.value.is_integer() and not q.percent and (
        "," not in text[q.start : q.end])  # fmt: skip


def is_money(text: str, q: Quantity) -> bool:
    """Whether a number is a sum of money or scaled ("£30 million", "30 million", "$5bn")."""
    return bool(re.search(r"[£$€]\s*$", text[max(0, q.start - 2) : q.start])) or bool(
        re.match(r"\s*(?:million|billion|thousand|m|bn|k)\b", text[q.end : q.end + 9], re.I)
    )


def quantities(text: str, start: int = 0, end: int | None = None) -> list[Quantity]:
    """The numbers of `text[start:end]` with the words that follow them."""
    return list(_quantities(text, start, len(text) if end is None else end))


def forget_texts() -> None:
    """Drop the texts `_quantities` keeps: a linker's caller calls it when a text is done, so
    that no pasted text stays in a server's memory after its request."""
    _quantities.cache_clear()


@lru_cache(maxsize=8)  # the checks of one claim read its sentence's numbers several times
def _quantities(text: str, start: int, end: int) -> tuple[Quantity, ...]:
    found = []
    for match in NUMBER.finditer(text, start, end):
        if match.group("fraction"):
            phrase = re.sub(r"[\s-]+", " ", match.group("fraction").lower())
            value = next(v for k, v in FRACTIONS.items() if k.replace("-", " ") == phrase)
            percent = True
        elif match.group("digits"):
            value = float(match.group("digits").replace(",", ""))
            percent = bool(match.group("percent"))
        else:
            value = float(NUMBER_WORDS[re.sub(r"\s+", " ", match.group("word").lower())])
            percent = False
        after = list(tokens(text, match.end(), min(end, match.end() + 60)))[:4]
        unit = tuple(stem(w) for _, _, w in after if norm(w) not in STOPWORDS)
        unit_end = after[0][1] if after else match.end()
        found.append(Quantity(match.start(), match.end(), value, percent, unit[:3], unit_end))
    return tuple(found)


# ----------------------------------------------------------------------------- the finder

_YEAR_ACT = re.compile(r"\b[Tt]he\s+(?P<year>(?:19|20)\d\d)\s+(?P<what>Act|Bill)\b")
_NUM = r"\d{1,3}[A-Z]{0,3}\b|[IVX]{1,6}\b"
_PROVISION = re.compile(
    rf"(?:\b(?P<word>[Ss]ections?|[Pp]arts?|[Ss]chedules?|[Pp]aragraphs?|[Pp]aras?\.?|"
    rf"[Ss]ch\.?|[Ss]s?\.?)|(?<![\w.])(?P<sign>§§?))\s*"
    rf"(?P<intro>(?<=sections)(?:,?\s*(?:among them|including|namely|in particular)\s+))?"
    rf"(?P<nums>(?:{_NUM})(?:\([0-9a-z]{{1,4}}\))*(?:\s*(?:,|and|or|to|-|–)\s*(?:{_NUM})"
    rf"(?:\([0-9a-z]{{1,4}}\))*)*)"
)
_PROVISION_NUMBER = re.compile(rf"(?P<n>{_NUM})(?P<sub>(?:\([0-9a-z]{{1,4}}\))*)")
_SECTION, _PART, _SCHEDULE, _PARAGRAPH = (
    k.token for k in (INSTRUMENT_KIND.SECTION, INSTRUMENT_KIND.PART, INSTRUMENT_KIND.SCHEDULE,
                      INSTRUMENT_KIND.PARAGRAPH)
)  # fmt: skip
#: How prose names a division of an Act, to the word in its legislation.gov.uk IRI.
_DIVISIONS = {
    "s": _SECTION, "ss": _SECTION, _SECTION: _SECTION, "sections": _SECTION, "§": _SECTION,
    "§§": _SECTION, _PART: _PART, "parts": _PART, _SCHEDULE: _SCHEDULE, "schedules": _SCHEDULE,
    "sch": _SCHEDULE, _PARAGRAPH: _PARAGRAPH, "paragraphs": _PARAGRAPH, "para": _PARAGRAPH,
    "paras": _PARAGRAPH,
}  # fmt: skip
_OF_ACT = re.compile(r"\s*(?:,\s*|\s)(?:of|into|in|to|under)?\s*(?:the\s+)?", re.IGNORECASE)
_CLAUSE = re.compile(r"\b(?P<new>[Nn]ew\s+)?[Cc]lauses?\s+(?P<n>\d{1,3})\b")
_CLAUSE_IN_TITLE = re.compile(r"\bclause\s+(\d{1,3})\b", re.IGNORECASE)
#: A recommendation's number as cited: digits, or a number word after the singular noun
#: ("Recommendation four"), not one that counts something ("the recommendation two years ago").
_REC_NUMBER_WORDS = "|".join(w for w, n in NUMBER_WORDS.items() if n <= 20 and " " not in w
                             and w != "dozen")  # fmt: skip
_REC = re.compile(
    r"(?:\b(?P<head>[Rr]ecommendations?|RECOMMENDATIONS?|R[Ee][Cc][Ss]?\.?|[Rr]ecs?\.?)"
    r"(?:[ \t]+|[ \t]*\n[ \t]*)"
    r"(?:(?:[Nn]umber|[Nn]o\.?)\s+)?(?P<paren>\((?=\d{1,3}\)))?|(?<![\w.])(?P<short>R)(?=\d{1,2}\b))"
    r"(?P<nums>\d{1,3}(?:[ \t]*(?:,|and|&|or|to|through|-|–|,[ \t]*and)[ \t]*R?\d{1,3})*\b"
    # a number word in any case, after the noun ("Recommendation Seven"), alone or in a list or
    # range of words ("Recommendations one to three")
    rf"|(?:(?<=[Rr]ecommendation[ \t])|(?<=[Rr]ecommendations[ \t])"
    rf"|(?<=RECOMMENDATION[ \t])|(?<=RECOMMENDATIONS[ \t]))"
    rf"(?i:{_REC_NUMBER_WORDS})\b"
    rf"(?:[ \t]*(?:,|and|or|to|through|-|–|,[ \t]*and)[ \t]*(?i:{_REC_NUMBER_WORDS})\b)*"
    r"(?!\s+(?:years?|months?|weeks?|days?|times|decades?|per|more|other|further|hundred|"
    r"thousand|people|children|victims|forces|areas)\b"
    # "one of the twelve", "two of them": a count, not a citation; "two of the Casey audit" is one
    rf"|\s+of\s+(?:the\s+|its\s+|their\s+|these\s+|those\s+)?(?:\d|(?i:{_REC_NUMBER_WORDS}|them|these|"
    r"those|which|whom|recommendations?)\b)))(?(paren)\))"
)
_REC_CONTENT = re.compile(r"\b(?P<head>recommendation)\b(?!\s+(?:\d|number|no\b))", re.I)
_ORDINAL_WORDS = "|".join([*ORDINALS, "final", "last"])
#: What follows an ordinal that stands alone for a recommendation (below): the clause's end, a
#: list's next item, "of the ...", or a verb of what a recommendation does or what became of it.
_ORDINAL_END = (
    r"\s*[,.;:)]|\s+(?:and|or)\b|\s+of\s+the\b|\s+(?:asked|asks|called|calls|"
    r"required|requires|urged|urges|recommended|proposed|proposes|sought|seeks|wanted|"
    r"told|gave|set|concerned|concerns|dealt|deals|covered|covers|was|were|is|are|"
    r"has|have|had|remains|remained|would|will|went|goes)\b|\s+[—–]\s|\s+\((?!\d)|\s+(?:without|in\s+full|now|also|too|immediately)\b"
)
#: An ordinal standing for "recommendation" when one was named in its sentence or the one
#: before (checked where it is used): at a clause's end ("... was the fifth."), in a list ("the
#: fifth and ..."), or as the subject of a verb that says what a recommendation does ("Its
#: eighth recommendation asked ... Its seventh asked ...": the noun left out).
_BARE_ORDINAL = re.compile(rf"(?:\b(?:the|its|her|his|their|whose)|(?<=\w)['’]s)\s+"
                           rf"(?P<ord>{'|'.join(ORDINALS)})\b"
                           rf"(?:(?={_ORDINAL_END})|(?P<weak>(?=\s+(?:on|to|for|about|with)\b)))",
                           re.IGNORECASE)  # fmt: skip
#: Where a sentence lists a report's recommendations by ordinal alone ("made recommendations:
#: the fourth to collect data, the fifth ..."): an ordinal followed by "to", "on", "for" (its
#: `weak` ending) is one of them only after such an opening or another citation in its sentence.
#: What a body named by its kind alone makes: "the inspectorate's fifth recommendation" is of
#: an inspection.
_MAKER_KINDS = {"inspectorate": "inspection", "auditor": "audit", "reviewer": "review"}
#: A kind of document or of its maker in prose ("the inquiry", "the inspectorate").
_KIND_OR_MAKER = re.compile(rf"(?:(?P<the>\b[Tt]he\s+{_ADJECTIVES})|\b)"
                            rf"(?P<w>{_TYPE_WORDS}|{'|'.join(_MAKER_KINDS)})\b",
                            re.IGNORECASE)  # fmt: skip
_SUBJECT_PRONOUN = re.compile(r"\s*(?:It|She|He|They)\s+(?!is\b|was\b|has\s+been\b)[a-z]")
_LIST_OPENS = re.compile(r"\brecommendations?\b[^.;]{0,40}?(?::|—|–|\bincluding\b)", re.I)
#: An ordinal listed after one of those: "the eleventh and twelfth", "the third, fourth and fifth".
_MORE_ORDINALS = re.compile(rf"(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:the\s+)?"
                            rf"(?P<ord>{'|'.join(ORDINALS)})\b(?={_ORDINAL_END})",
                            re.IGNORECASE)  # fmt: skip
#: Verbs that compare one recommendation with another ("repeats", "echoes", "goes back to").
_ECHO = re.compile(r"\b(?:repeat(?:s|ed|ing)?|echo(?:es|ed|ing)?|mirror(?:s|ed|ing)?|"
                   r"restat(?:es?|ed|ing)|reiterat(?:es?|ed|ing)|reviv(?:es?|ed|ing)|"
                   r"cop(?:y|ies|ied)|duplicat(?:es?|ed|ing)|(?:builds?|built)\s+on|"
                   r"(?:takes?|took|picks?|picked)\s+up|(?:goes|go|went)\s+back\s+to|"
                   r"recall(?:s|ed|ing)?)\b", re.IGNORECASE)  # fmt: skip
_REC_WORD = re.compile(r"\brecommendations?\b", re.IGNORECASE)
#: A table column's heading for recommendations' numbers: "Recommendation", "Rec.", "No.".
_REC_HEAD = re.compile(r"(?:recommendations?|recs?\.?)(?:\s+(?:no\.?|number))?", re.IGNORECASE)
#: Things counted between a recommendation cited and an ordinal ("makes three requests; the
#: first ..."): the ordinal is one of those, not a recommendation.
_COUNTED = re.compile(rf"\b(?:{_REC_NUMBER_WORDS}|\d{{1,3}})\s+(?:[a-z]+\s+)?(?P<noun>[a-z]+s)\b",
                      re.IGNORECASE)  # fmt: skip
_ORDINAL_OR_DIGITS = rf"(?:{_ORDINAL_WORDS}|\d{{1,2}}(?:st|nd|rd|th))"
#: An ordinal (or a list or range of them) before the noun: "its fourth recommendation", "the
#: 4th recommendation", "the fifth and sixth recommendations", "the third, fourth and fifth
#: recommendations", "the fourth to sixth recommendations", "the twelfth and final recommendation".
_REC_ORDINAL = re.compile(
    rf"(?:\b(?P<det>the|its|their|her|his|this|that|whose)|['’]s?)\s+(?P<ord>{_ORDINAL_OR_DIGITS})"
    rf"(?P<more>(?:\s*,\s*(?:and\s+|or\s+)?{_ORDINAL_OR_DIGITS}|\s+(?:and|or|to|through|-|–)\s+"
    rf"{_ORDINAL_OR_DIGITS}|[ \t]*[-–][ \t]*{_ORDINAL_OR_DIGITS})*)\s+(?P<head>recommendations?)\b",
    re.IGNORECASE,
)
_ORDINAL_PART = re.compile(rf"\b{_ORDINAL_OR_DIGITS}\b", re.IGNORECASE)


def _ordinal_value(word: str) -> int:
    """An ordinal's number ("fourth", "4th"); -1 for "final" and "last" (the report's last)."""
    word = word.lower()
    if word[:1].isdigit():
        return int(word[:-2])
    return ORDINALS.get(word, -1)


class Finder:
    """Everything needed to find mentions, built once from a catalogue."""

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self.trie = build_trie(catalogue)
        self.reports = report_names(catalogue)
        self.provisions: dict[tuple[str, str, str], Instrument] = {}
        self.provisions_anywhere: dict[tuple[str, str], list[Instrument]] = {}
        for inst in catalogue.instruments.values():
            act = catalogue.act_of(inst.iri)
            if inst.number and act is not None and act.iri != inst.iri:
                key = (inst.division, _arabic(inst.number))
                self.provisions[(act.iri, *key)] = inst
                self.provisions_anywhere.setdefault(key, []).append(inst)
        self.acts_by_year: dict[int, list[Instrument]] = {}
        for inst in catalogue.instruments.values():
            if inst.act and inst.year:
                self.acts_by_year.setdefault(inst.year, []).append(inst)
        self.clauses: dict[tuple[str, int], Instrument] = {}
        self.clauses_anywhere: dict[int, list[Instrument]] = {}
        for inst in catalogue.instruments.values():
            found = _CLAUSE_IN_TITLE.search(inst.title) if inst.kind == CLAUSE else None
            if found and inst.part_of:
                self.clauses[(inst.part_of, int(found.group(1)))] = inst
                self.clauses_anywhere.setdefault(int(found.group(1)), []).append(inst)
        self.figures = [
            (f, content_words(f.unit), content_words(f"{f.description} "
             f"{catalogue.findings[f.finding].title}"))
            for finding in catalogue.findings.values() for f in finding.figures
        ]  # fmt: skip
        # what each recommendation asks, in content words, and how rare each word is among
        # them (a word every recommendation uses tells them apart no better than none)
        self.asks = {iri: content_words(f"{rec.title} {rec.summary}")
                     for iri, rec in catalogue.recommendations.items()}  # fmt: skip
        used: dict[str, int] = {}
        for words in self.asks.values():
            for word in words:
                used[word] = used.get(word, 0) + 1
        self.rarity = {w: math.log(len(self.asks) / n) for w, n in used.items()}
        self._numbered: dict[tuple, list[str]] = {}  # _with_number's answers
        self._places = {iri: [p.lower() for p in _PLACE.findall(r.title) if p not in _NOT_PLACES]
                        for iri, r in catalogue.reports.items()}  # fmt: skip
        dated = [r for r in catalogue.reports.values() if r.issued and r.recommendations]
        self.newest = max(dated, key=lambda r: r.issued) if dated else None

    # -------------------------------------------------------------- the whole text

    def find(self, text: str) -> list[Mention]:
        words = list(tokens(text))
        self._name_hits = sorted(self._names_of_authors(text), key=lambda h: h[1])
        self._name_ends = [e for _, e, _, _ in self._name_hits]
        self._about_newest: bool | None = None
        self._kind_at: int | None = None  # where the kind word `_kind_near` found ends
        found = self._names(text, words) + self._report_references(text)
        found += self._keyed_references(text)
        base = settle(found, len(text))
        base = settle(base + self._year_acts(text, Spans(base)), len(text))
        base = self._owned(text, base)
        spans = Spans(base)
        more = self._provisions(text, spans) + self._clauses(text, spans)
        base = settle(base + more, len(text))
        base = settle(base + self._recommendations(text, Spans(base)), len(text))
        base = settle(base + self._recommendations_by_content(text, Spans(base)), len(text))
        base = settle(base + self._figures(text, Spans(base)), len(text))
        return base[:MAX_MENTIONS]

    def _owned(self, text: str, base: list[Mention]) -> list[Mention]:
        """A body's possessive just before a report it made is part of the report's mention
        ("IICSA's organised networks report"), no mention of the body of its own."""
        out: list[Mention] = []
        for m in base:
            last = out[-1] if out else None
            if (m.kind == REPORT and last is not None and last.kind == BODY
                    and _OWNER_GAP.fullmatch(text, last.end, m.start)
                    and (_POSSESSIVE_END.search(last.text) or text[last.end] in "'’")
                    and self._made(last.id, m.id)):  # fmt: skip
                out[-1] = replace(m, start=last.start, text=text[last.start : m.end])
            elif (m.kind == BODY and last is not None and last.kind == REPORT
                    and _POSSESSIVE.search(last.text)
                    and _SUBJECT_GAP.fullmatch(text, last.end, m.start)
                    and self._subject(m.id, last.id)):  # fmt: skip
                # "Louise Casey's inspection of Rotherham council": the council is what the
                # report is of, one mention of the report, no mention of the body inside it
                out[-1] = replace(last, end=m.end, text=text[last.start : m.end])
            else:
                out.append(m)
        return out

    def _subject(self, body: str, report: str) -> bool:
        """Whether the report's title names the body, or the place the body is named after."""
        b, r = self.catalogue.bodies.get(body), self.catalogue.reports.get(report)
        if b is None or r is None:
            return False
        names = [n for n in (*body_names(b.name), b.abbreviation) if n and len(n) > 2]
        if any(re.search(rf"\b{re.escape(n)}\b", r.title) for n in names):
            return True
        place = re.match(r"[A-Z][a-z]+", b.name)
        return (
            bool(place)
            and place.group(0) not in _NOT_PLACES
            and bool(re.search(rf"\b{place.group(0)}\b", r.title))
        )

    def _made(self, body: str, report: str) -> bool:
        """Whether the report's publisher or author names the body."""
        b, r = self.catalogue.bodies.get(body), self.catalogue.reports.get(report)
        if b is None or r is None:
            return False
        makers = f"{r.publisher} {r.author}"
        names = [n for n in (*body_names(b.name), b.abbreviation) if n and len(n) > 2]
        return any(re.search(rf"\b{re.escape(n)}\b", makers) for n in names)

    def mention(self, text: str, start: int, end: int, iri: str, score: float) -> Mention:
        entity = self.catalogue.entities[iri]
        return Mention(start, end, text[start:end], iri, entity.kind, entity.label,
                       min(1.0, score))  # fmt: skip

    # -------------------------------------------------------------- names

    def _names(self, text, words) -> list[Mention]:
        found = []
        words = [w for w in words if norm(w[2]) not in ARTICLES]
        for i, j, alias in self.trie.scan(text, words):
            inner = text[words[i][0] : words[j - 1][1]]
            if "\n\n" in inner or (set(inner) & _STOPS) - set(alias.stops) - {"."}:
                continue  # "Child Sexual Abuse: Inquiry Recommendations" names no inquiry
            after = text[words[j - 1][1] : words[j - 1][1] + 6]
            entity = self.catalogue.entities[alias.iri]
            year = re.match(r"\s+((?:1[89]|20)\d\d)\b", after)
            if year and entity.kind == ACT and self.catalogue.instruments[alias.iri].year != int(
                    year.group(1)):  # fmt: skip
                continue  # "the Children Act 1989": another Act of the same name
            if alias.score >= THRESHOLD:
                found.append(self.mention(text, words[i][0], words[j - 1][1], alias.iri,
                                          alias.score))  # fmt: skip
        return found

    def _report_references(self, text) -> list[Mention]:
        if self.reports.pattern is None:
            return []
        found, named = [], []
        for match in self.reports.pattern.finditer(text):
            name = match.group("name") or match.group("name2")
            kind = (match.group("type") or match.group("type2") or "").lower()
            kind = "scr" if kind.startswith("serious") else kind
            years = [match.group(g) for g in ("year0", "year1", "year2", "year3", "year4")]
            year = next((int(y[-4:]) for y in years if y), None)
            adjectives = set((match.group("adj") or "").lower().split())
            if match.groupdict().get("place"):  # "Jay's Rotherham report": a place in its title
                adjectives.add(f"@{match.group('place')}")
            best = self._choose_report(re.sub(r"\s+", " ", name).lower(), kind, year,
                                       adjectives, named)  # fmt: skip
            end = match.end()
            topic = _TOPIC.match(text, end)
            if topic and best is not None:
                said = {norm(w) for _, _, w in tokens(topic.group("words"))}
                keyed = [
                    iri
                    for iri, _ in self.reports.names.get(re.sub(r"\s+", " ", name).lower(), [])
                    if said & self.reports.key_words[iri]
                ]
                if len(keyed) == 1:  # "IICSA's 2022 report on organised networks"
                    keys = self.reports.key_words[keyed[0]]
                    last = [e for _, e, w in tokens(text, topic.start("words"), topic.end())
                            if norm(w) in keys]  # fmt: skip
                    best, end = (keyed[0], max(best[1], 0.85)), last[-1]  # to its last key word
            if best is not None:
                iri, score = best
                start = match.start()
                if text[start : start + 4].lower() == "the ":
                    start += 4
                found.append(self.mention(text, start, end, iri, score))
                named.append(iri)
        return found

    def _keyed_references(self, text) -> list[Mention]:
        """Reports named without a name, by what tells them apart (`_KEYED`): a mention when
        exactly one report in the graph fits every word said of it, its year and the kind of
        document (a word the text gives that fits no report rules them all out)."""
        found = []
        for match in _KEYED.finditer(text):
            kind = re.sub(r"\s+", " ", match.group("type").lower())
            kind = "scr" if kind.startswith("serious") else kind
            owner = (match.group("owner") or "").lower()
            year = int(match.group("year")) if match.group("year") else None
            words = [w for w in match.group("words").split()]
            strong = [w for w in words if w.lower() not in _NEUTRAL]
            if year is None and not owner and not strong:
                continue  # "the audit", "the final report": a kind of document, no more
            fitting = []
            for iri, report in self.catalogue.reports.items():
                types = self.reports.types.get(iri, set())
                if kind not in types or (owner and owner not in types):
                    continue
                if year is not None and (report.issued is None or report.issued.year != year):
                    continue
                marks = self.reports.key_words.get(iri, set()) | set(self._places[iri])
                if all(w.lower() in marks or w in self._places[iri] for w in strong):
                    fitting.append((sum(w.lower() in marks for w in words), iri))
            if len(fitting) > 1:  # "the inquiry's final report": the one whose key says "final"
                most = max(n for n, _ in fitting)
                fitting = [f for f in fitting if f[0] == most] if most else fitting
            if len(fitting) == 1:
                found.append(self.mention(text, match.start("named"), match.end(), fitting[0][1],
                                          0.8))  # fmt: skip
        return found

    def _choose_report(self, name, kind, year, adjectives, named) -> tuple[str, float] | None:
        candidates = self.reports.names.get(name, [])
        scored = []
        for iri, primary in candidates:
            report = self.catalogue.reports[iri]
            types = self.reports.types.get(iri, set())
            wrong_year = year is not None and report.issued is not None and \
                report.issued.year != year  # fmt: skip
            score = 0.6 + (0.15 if primary else 0.0) - (0.25 if wrong_year else 0.0)
            if kind in types and kind not in GENERIC_TYPES:
                score += 0.15
            elif kind not in types and kind not in GENERIC_TYPES and types:
                score -= 0.2  # a title that names no kind of document rules none out
            if iri in self.reports.published.get(name, ()) and len(candidates) > 1:
                score -= 0.1  # "the Home Office's paper": the one it wrote, not one it published
            if year is not None and not wrong_year:
                score += 0.15
            keys = self.reports.key_words.get(iri, set())
            if adjectives & keys:
                score += 0.15
            for word in (a for a in adjectives if a.startswith("@")):
                score += 0.15 if re.search(rf"\b{word[1:]}\b", report.title) else -0.3
            if iri in named:
                score += 0.05
            scored.append((score, report.issued.toordinal() if report.issued else 0, iri))
        if not scored:
            return None
        scored.sort(reverse=True)
        tied = len(scored) > 1 and scored[0][0] == scored[1][0]
        if tied and not (set(named) & {s[2] for s in scored[:2]}):
            return scored[0][2], scored[0][0] - 0.15  # the newest of equals, in doubt
        return scored[0][2], scored[0][0]

    # -------------------------------------------------------------- statutes

    def _year_acts(self, text, base) -> list[Mention]:
        found = []
        for match in _YEAR_ACT.finditer(text):
            year = int(match.group("year"))
            if match.group("what") == BILL:
                continue
            before = next(
                (
                    act
                    for m in base.before(match.start(), {ACT, BILL})
                    if (act := self._act_or_enacted(m.id)) is not None and act.year == year
                ),
                None,
            )
            if before is not None:  # the Act named before, or the one its bill became
                found.append(self.mention(text, match.start(), match.end(), before.iri, 0.9))
            elif len(self.acts_by_year.get(year, [])) == 1:
                act = self.acts_by_year[year][0]
                found.append(self.mention(text, match.start(), match.end(), act.iri, 0.8))
        return found

    def _act_or_enacted(self, iri: str) -> Instrument | None:
        """An Act, or the Act a bill became."""
        inst = self.catalogue.instruments.get(iri)
        if inst is not None and inst.kind == BILL and self.catalogue.legal is not None:
            facts = self.catalogue.legal.instruments.get(iri)
            inst = self.catalogue.instruments.get(facts.enacted_as) if facts and \
                facts.enacted_as else None  # fmt: skip
        return inst if inst is not None and inst.act else None

    def _act_named_with(self, text, base, start, end) -> tuple[str | None, float]:
        """The Act a provision reference belongs to: named just after it ("s. 9 SOA 2003",
        "section 9 of the Sexual Offences Act 2003") or just before it ("Sexual Offences Act
        2003, s 9"), else the Act named last before it."""
        gap = _OF_ACT.match(text, end)
        after = gap.end() if gap else end
        for m in base.starting(after, after + 2, {ACT}):
            return m.id, 0.95
        for m in base.before(start, {ACT}):
            if start - m.end <= 3 and text[m.end : start].strip() in (",", "", "s", "s."):
                return m.id, 0.95
            break
        if re.match(r"\s*(?:of|in|under)\s+(?:that|this|the)\s+Act\b", text[end : end + 20]):
            pass  # resolved by the Act named last, below
        acts = [a.iri for m in base.before(start, {ACT, SECTION})
                if (a := self.catalogue.act_of(m.id))]  # fmt: skip
        return (list(dict.fromkeys(acts)) or None), 0.85

    def _provisions(self, text, base) -> list[Mention]:
        found = []
        for match in _PROVISION.finditer(text):
            word = (match.group("word") or match.group("sign") or "").lower().rstrip(".")
            division = _DIVISIONS.get(word)
            if division is None:
                continue
            if word in ("s", "ss") and not match.group("nums")[:1].isdigit():
                continue
            numbers = list(_PROVISION_NUMBER.finditer(match.group("nums")))
            offset = match.start("nums")
            act, score = self._act_named_with(text, base, match.start(), match.end())
            for index, number in enumerate(numbers):
                key = (division, _arabic(number.group("n")))
                if isinstance(act, list):  # the Acts named before: the latest with the number
                    inst = next((self.provisions[(a, *key)] for a in act
                                 if (a, *key) in self.provisions), None)  # fmt: skip
                    if inst is None:
                        continue
                    inst_score = score if inst.part_of and self.catalogue.act_of(
                        inst.iri).iri == act[0] else score - 0.1  # fmt: skip
                elif act is not None:
                    inst = self.provisions.get((act, *key))
                    if inst is None:
                        continue
                    inst_score = score
                else:
                    anywhere = self.provisions_anywhere.get(key, [])
                    if len(anywhere) != 1 or division != _SECTION:
                        continue
                    inst, inst_score = anywhere[0], 0.6
                start = match.start() if index == 0 and not match.group("intro") else (
                    offset + number.start())  # fmt: skip
                end = offset + number.end()
                found.append(self.mention(text, start, end, inst.iri, inst_score))
        return found

    def _clauses(self, text, base) -> list[Mention]:
        found = []
        for match in _CLAUSE.finditer(text):
            n = int(match.group("n"))
            bills = list(base.before(match.start(), {BILL}))
            after = list(base.starting(match.end(), match.end() + 12, {BILL}))
            inst, score = None, 0.0
            for m in after + bills:
                inst = self.clauses.get((m.id, n))
                if inst is not None:
                    score = 0.9
                    break
            if inst is None and len(self.clauses_anywhere.get(n, [])) == 1 and match.group("new"):
                inst, score = self.clauses_anywhere[n][0], 0.7
            if inst is not None:
                found.append(self.mention(text, match.start(), match.end(), inst.iri, score))
        return found

    # -------------------------------------------------------------- recommendations

    def _reports_of(self, mention: Mention) -> list[str]:
        """The reports a mention puts in context: a report, a recommendation's report, the
        reports a body wrote."""
        if mention.kind == REPORT:
            return [mention.id]
        if mention.kind == RECOMMENDATION:
            return [self.catalogue.recommendations[mention.id].report]
        if mention.kind == BODY:
            body = self.catalogue.bodies[mention.id]
            names = {body.name.lower(), body.abbreviation.lower()} - {""}
            return sorted({iri for name in names for iri, _ in self.reports.names.get(name, [])})
        return []

    def _report_for(self, text, base, start, end, number, own, sentence,
                    segment=None) -> tuple[str, float]:  # fmt: skip
        """The report a numbered recommendation belongs to, with the score of that choice.
        `own`: the numbers the text gives recommendations of its own (headings); `segment`:
        the citation's clause, whose words are compared with what each candidate asks."""
        tail = text[end : end + 60]
        gap = re.match(r"\s*\)?,?\s*(?:of|in|from|made by|by|set out in)\s+(?:the\s+)?", tail)
        if gap:
            at = end + gap.end()
            for m in base.starting(at, at + 2):
                reports = self._with_number(self._reports_of(m), number)
                if reports:
                    return reports[0], 0.95
        # "the second recommendation of the same report", "... of its networks report": the
        # report named last before it (by its name or its maker's: a numbered recommendation
        # before it may be the text's own) that has the number, and whose key or title holds
        # the words said of it
        same = re.match(r"\s*\)?,?\s*(?:of|in|from)\s+(?:the same|that|this|(?P<its>its|their))\s+"
                        r"(?P<words>(?:[a-z][\w-]*\s+){0,2})report\b", tail)  # fmt: skip
        if same:
            said = {stem(w) for w in same.group("words").split()}
            for m in base.before(start):
                if start - m.end > 4000:
                    break
                if m.kind not in ((REPORT, BODY) if same.group("its") else (REPORT,)):
                    continue  # "the same report" is a report named; "its", a maker's too
                reports = self._with_number(self._reports_of(m), number)
                known = self.catalogue.reports
                reports = [
                    r for r in reports
                    if not said or said <= content_words(f"{known[r].key} {known[r].title}")
                ]  # fmt: skip
                if reports:
                    return reports[0], 0.9
        # "IICSA's recommendation 13", "the national audit's eighth ...": the citation may open
        # with the "'s" (an ordinal's pattern does) that the report's mention also holds
        lead = re.match(r"['’]s?", text[start:end])
        core = start + (lead.end() if lead else 0)
        for m in base.before(core):
            if core - m.end > 8:
                break
            if re.search(r"['’]s?\s*(?:own\s+)?$", text[m.start : core]) and re.fullmatch(
                r"(?:['’]s?)?\s*(?:own\s+)?", text[m.end : core]
            ):
                reports = self._with_number(self._reports_of(m), number)
                if reports:
                    return reports[0], 0.95
        named = re.search(r"(?P<name>[A-Z][\w]+)['’]?s?\s*$", text[max(0, start - 30) : start])
        dated = re.search(r"(?P<name>[A-Z][\w]+)\s*\((?P<year>(?:19|20)\d\d)\)\s*,\s*$",
                          text[max(0, start - 30) : start])  # fmt: skip
        named = named or dated
        if named and named.group("name").lower() in self.reports.names:  # "Casey Recommendation 1"
            reports = [r for r, _ in self.reports.names[named.group("name").lower()]]
            if dated:  # "Jay (2014)": the Jay report, not the inquiry Professor Jay chaired
                year = dated.group("year")
                issued = {r: str(self.catalogue.reports[r].issued or "") for r in reports}
                reports = [r for r in reports if issued[r].startswith(year)]
            fitting = self._with_number(reports, number)
            if fitting:
                return fitting[0], 0.85
            if dated:  # "Jay (2014), Recommendation 3": that report's, which the graph lacks
                return "", 0.0
        kind = self._kind_named(text, start, end)
        if kind is None and re.match(r"(?:its|their)\b", text[start:end], re.IGNORECASE):
            # "the assessment the inspectorate asked for in its third recommendation": the
            # pronoun's antecedent, a kind of maker or document named before it in its sentence
            lo = _bounds_of(self._sentences, max(0, sentence[0] - 2))  # and the sentence before
            lo = lo[0] if lo[1] <= sentence[0] else sentence[0]
            kind = self._kind_near(text, start, lo)
            named = self._kind_at is not None and next(
                base.starting(self._kind_at, start, {REPORT, BODY}), None)  # fmt: skip
            if named is not None:  # "... the audit. HMICFRS reported that its fourth ...": the
                kind = None  # body named after the kind word is the antecedent
        if kind is not None:  # "the inquiry's third recommendation", "... of the audit"
            kinded = [r for r in self.catalogue.reports if kind in self.reports.types.get(r, ())]
            if not self._with_number(kinded, number):
                kind = None  # no report of that kind has the number: the word decides nothing
        numbers = number if isinstance(number, tuple) else (number,)
        bare = re.match(r"rec", text[start:end], re.IGNORECASE) and not re.search(
            r"['’]s?\s*$", text[max(0, start - 4) : start]
        )
        if own and set(numbers) <= own and kind is None and bare:
            # a text that numbers recommendations of its own ("Recommendation 2: Every force
            # should ..."): "Recommendation 2", cited bare (no report, no kind of document, no
            # possessive: "its second recommendation" is another's), is its own
            return "", 0.0
        items = self._context(base, start)
        choice = self._contextual(text, base, start, end, number, sentence, kind, items)
        if isinstance(number, int) and kind is None:
            return self._by_content(text, start, end, number, segment or sentence, items, choice,
                                    sentence)  # fmt: skip
        return choice

    def _contextual(self, text, base, start, end, number, sentence, kind, items):
        """The report of a numbered recommendation the text does not attach it to, by the
        context before it (`_topic`), a report named just after, or the newest report."""
        voted = self._topic(text, start, end, number, sentence, kind, items)
        if voted is not None:
            return voted
        in_view = _report_in_view(text, start, items)
        if kind is None and not in_view:
            # "the inquiry recommended mandatory reporting; that was recommendation 13": the
            # kind of document just spoken of, with no report named near
            near = self._kind_near(text, start)
            if near is not None:
                return self._only_of_kind(near, number)
        after = next(base.starting(end, len(text), {REPORT}), None)
        if (
            after is not None
            and kind is not None
            and kind not in self.reports.types.get(after.id, ())
        ):
            after = None  # "the inquiry's nineteenth ... the Home Office report": not of that kind
        if after is not None:
            fitting = self._with_number([after.id], number)
            return (fitting[0], 0.75) if fitting else ("", 0.0)
        if kind is not None:  # "the inquiry's sixth recommendation", no inquiry named
            return self._only_of_kind(kind, number)
        if in_view:
            # a report in view just before, none with the number (the inspectorate's fifth and
            # sixth, then "The first recommendation"): not the newest report's
            return "", 0.0
        newest = self.newest
        if newest is not None and number in newest.recommendations:
            if self._about_newest is None:  # once per text
                self._about_newest = self._about(text, newest)
            if self._about_newest:
                return newest.iri, 0.6
        return "", 0.0

    def _only_of_kind(self, kind: str, number: int | tuple[int, ...]) -> tuple[str, float]:
        """The one report of a kind of document that has recommendation `number` ("the
        inquiry's nineteenth": only IICSA's final report has 19), or none when several do; the
        newest report is not of that kind."""
        kinded = [r for r in self.catalogue.reports if kind in self.reports.types.get(r, ())]
        fitting = self._with_number(kinded, number)
        return (fitting[0], 0.6) if len(fitting) == 1 else ("", 0.0)

    def _kind_near(self, text: str, start: int, lo: int = 0) -> str | None:
        """The kind of document the text spoke of last, in the 200 characters of its paragraph
        before `start` ("the inquiry's final recommendations concern money. Recommendation
        18 ..."), when that word names no report the text named."""
        lo = max(lo, start - 200, text.rfind("\n\n", 0, start))
        words = {w for t in self.reports.types.values() for w in t} - set(GENERIC_TYPES)
        found = self._kind_at = None
        for match in _KIND_OR_MAKER.finditer(text, lo, start):
            word = match.group("w").lower()
            word = _MAKER_KINDS.get(word, word)
            if match.group("the") and word in words:
                found, self._kind_at = word, match.end()
        return found

    #: How much each kind of context says about which report a numbered recommendation is of.
    #: A report named, or a recommendation already resolved to it, is the text's subject; an
    #: author's or maker's name ("Baroness Casey", "IICSA") nearly so; a body that merely
    #: commissioned or answers a report ("the Home Office") is named for many other reasons,
    #: so it counts for little: a paragraph about IICSA's report that mentions the Home Office
    #: must not make "the third recommendation" the Home Office-commissioned audit's.
    _CONTEXT_WEIGHT: ClassVar[dict[str, float]] = {
        REPORT: 1.0,
        RECOMMENDATION: 0.9,
        "name": 0.7,
        BODY: 0.3,
    }

    def _context(self, base, start) -> list[tuple[int, int, str, list[str]]]:
        """What the text named before `start` that puts reports in view, nearest first: each
        (start, end, kind of context, reports) for a report, body or recommendation mention
        within 4000 characters, an author's or maker's name, a recommendation resolved."""
        hits = self._name_hits
        at = bisect_right(self._name_ends, start)
        items: list[tuple[int, int, str, list[str]]] = []
        for m in base.before(start):
            if start - m.end > 4000:
                break
            items.append((m.start, m.end, m.kind, self._reports_of(m)))
        for index in range(max(0, at - Spans.LOOK_BACK), at):
            s, e, what, reports = hits[index]
            if start - e <= 4000 and not self._in_report[index]:
                items.append((s, e, what, reports))  # a name inside a report's title: once
        for s, e, report in self._cited:
            if e <= start and start - e <= 4000:
                items.append((s, e, RECOMMENDATION, [report]))
        items.sort(key=lambda item: -item[1])  # nearest first
        return items

    def _topic(self, text, start, end, number, sentence, kind, items) -> tuple[str, float] | None:
        """The report a numbered recommendation is of, by the context before it: each report
        named before (by a report mention, a recommendation already resolved, an author's name
        or a body's) that has the number gets a vote weighted by the kind of context (above)
        and by its nearness (the same sentence counts most; the weight halves every ~400
        characters back). When the text said what kind of document the recommendation is of
        ("the inquiry's", "of the audit") only reports of that kind vote. A possessive pronoun
        ("its fourth recommendation", "her sixth") points at its antecedent, the nearest of those
        that has the number, as the text named last; no vote. A report the sentence itself names
        (not by a body) outranks the rest. A clear winner is
        chosen; two reports close in votes from different context are a guess, so nothing is
        (not_found is better than a confident wrong link)."""
        votes: dict[str, float] = {}
        support: dict[str, set[int]] = {}
        same: set[str] = set()  # the reports the sentence itself names
        pronoun = re.match(r"(?:its|her|his|their|whose)\b", text[start:end], re.IGNORECASE)
        addressed = None  # for a pronoun: the nearest body with the number, if nothing else is
        echoed = self._echoed(text, start, sentence) if pronoun else set()
        passed = None  # for a pronoun: a report named in a sentence about another (below)
        for index, (s, e, what, reports) in enumerate(items):
            fitting = [r for r in self._with_number(reports, number) if r not in echoed]
            if kind is not None:
                fitting = [r for r in fitting if kind in self.reports.types.get(r, ())]
            if not fitting:
                continue
            if pronoun and what == BODY:
                # "HMICFRS ... told the Home Office to ... Its sixth recommendation": a body is
                # named as the one asked, or as a report's publisher, more often than as the
                # owner the pronoun means; a report, a recommendation or an author named
                # before it is the antecedent, the body only when there is none
                addressed = addressed or fitting[0]
                continue
            if pronoun and self._object_of_pronoun(text, s, sentence):
                # "The audit came out in June. It cited IICSA's report ... Its fourth
                # recommendation": a report named after "It" is what the subject did something
                # to; "its" goes on meaning the subject, named before
                passed = passed or (fitting[0], 0.7)
                continue
            if pronoun:  # "its fourth recommendation": of what was named last that has it
                return fitting[0], 0.85 if len(fitting) == 1 else 0.7
            if s >= sentence[0] and what != BODY:
                same.update(fitting[:1])
            weight = self._CONTEXT_WEIGHT.get(what, 0.3) / (1 + (start - e) / 400)
            if s >= sentence[0]:
                weight *= 2  # named in the same sentence
            for rank, report in enumerate(fitting):  # an ambiguous name: the newest first
                votes[report] = votes.get(report, 0.0) + weight * (1 if rank == 0 else 0.9)
                support.setdefault(report, set()).add(index)
        if pronoun and (passed or addressed):
            return passed or (addressed, 0.7)
        if not votes:
            return None
        if (not same and all(items[i][2] == BODY for r in votes for i in support[r])
                and _report_in_view(text, start, items)):  # fmt: skip
            # only a body that answers a report ("the Home Office had acted") votes, while the
            # report just cited lacks the number: "The first recommendation" is not the body's
            return None
        if len(same) == 1:  # "Baroness Casey's audit made recommendations 1 and 2"
            return same.pop(), 0.85
        ranked = sorted(votes.items(), key=lambda v: -v[1])
        best, top = ranked[0]
        if len(ranked) > 1:
            second, runner = ranked[1]
            if runner >= 0.75 * top and support[second] - support[best]:
                # two reports in view, neither clearly the subject nearby: the text's topic
                # if it has one, else a guess (nothing)
                return self._text_topic(start, items, number) or ("", 0.0)
        return best, 0.85 if len(ranked) == 1 else 0.75

    #: The least weight of shared words (about three rare ones) that lets what a recommendation
    #: asks overrule the context's choice of its report.
    CONTENT_FLOOR = 6.0

    def _by_content(self, text, start, end, number, segment, items, choice, sentence):
        """The contextual choice checked against what the text says of the recommendation:
        the words of its clause (its sentence, less other citations) are compared with what
        each report in view (in `items`) with that number asks, each shared word weighted by its
        rarity among all recommendations. When one report's recommendation shares clearly more
        than every other's ("we accepted Recommendation 4: ethnicity data on every suspect",
        with the audit and the inspectorate both in view), it is the one meant; the context's
        choice stands otherwise."""
        candidates = {r for _, _, _, reports in items for r in self._with_number(reports, number)}
        if choice[0]:
            candidates.add(choice[0])
        if (len(candidates) < 2 and choice[0]) or not candidates:
            return choice
        if self._echoed(text, start, sentence):
            return choice  # "A's fourth, on ethnicity data, repeats its fourth": words of both
        said = content_words(text[segment[0] : start] + " " + text[end : segment[1]])
        if _POINTS_BACK.match(text, segment[0]):
            # "This is how ministers chose to meet Recommendation 3": what "this" is, the
            # sentence before it in its paragraph, says what the recommendation asked
            lo, hi = _bounds_of(self._sentences, max(0, segment[0] - 2))
            if hi <= segment[0] and "\n\n" not in text[hi : segment[0]]:
                said |= content_words(text[lo:hi])
        scores = []
        for report in candidates:
            shared = said & self.asks[self.catalogue.reports[report].recommendations[number]]
            weight = math.fsum(self.rarity.get(w, 0.0) for w in shared)  # exact: any order
            scores.append((weight, len(shared), report))
        scores.sort(key=lambda x: (-x[0], -x[1], x[2]))
        weight, shared, best = scores[0]
        if best == choice[0] or shared < 2 or weight < self.CONTENT_FLOOR:
            return choice
        chosen = next((w for w, _, r in scores if r == choice[0]), 0.0)
        others = max((w for w, _, r in scores[1:]), default=0.0)
        if weight >= 1.5 * chosen and weight >= 1.25 * others:
            return best, 0.8
        return choice

    def _object_of_pronoun(self, text: str, at: int, sentence: tuple[int, int]) -> bool:
        """Whether what is named at `at` sits, in a sentence before `sentence`, after that
        sentence's subject pronoun ("It cited IICSA's report", "She praised the inquiry"):
        named there as what the earlier subject acted on, not as the subject itself."""
        if at >= sentence[0]:
            return False
        lo = _bounds_of(self._sentences, at)[0]
        return lo < at and bool(_SUBJECT_PRONOUN.match(text, lo))

    def _echoed(self, text: str, start: int, sentence: tuple[int, int]) -> set[str]:
        """The reports a possessive pronoun cannot mean because its sentence compares their
        recommendation with it: in "Casey's fourth recommendation repeats that report's call,
        its fourth" (or "Her eighth repeats its third") a recommendation does not repeat one
        of its own report's, so "its" is another report's: the one named before."""
        verbs = [v.start() for v in _ECHO.finditer(text, sentence[0], start)]
        if not verbs:
            return set()
        return {r for s, e, r in self._cited if sentence[0] <= s and e <= verbs[-1]}

    def _text_topic(self, start, items, number) -> tuple[str, float] | None:
        """The report the text is about so far, when one is: named (as a report, by a
        recommendation resolved to it or by its author) at least twice, and at least twice as
        often as any other. A news piece about the Casey audit that recalls IICSA's report in
        passing means the audit by "Recommendation 1". Bodies do not count (they are named
        for many reasons); nor does nearness (that was the vote). Only the reports in `items`
        (the context within reach) are counted; none without the number wins."""
        counts: dict[str, int] = {}
        for _, e, what, reports in items:
            if what in (REPORT, RECOMMENDATION, "name") and e <= start:
                for report in reports:  # "IICSA": each of its reports
                    counts[report] = counts.get(report, 0) + 1
        ranked = sorted(counts.items(), key=lambda c: -c[1])
        if not ranked or ranked[0][1] < 2:
            return None
        if len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1]:
            return None
        best = ranked[0][0]
        return (best, 0.6) if self._with_number([best], number) else None

    def _kind_named(self, text: str, start: int, end: int) -> str | None:
        """The kind of document a recommendation is said to be of, by a generic word rather
        than a name: "the inquiry's third recommendation", "recommendation 4 of the audit"."""
        cited = text[start:end]
        before = text[max(0, start - 30) : start] + (cited[:2] if cited[:1] in "'’" else "")
        words = {w for t in self.reports.types.values() for w in t}
        found = re.search(r"\b[Tt]he\s+(?:same\s+)?(?P<w>[a-z]+)['’]s?\s*(?:own\s+)?$", before)
        if found is None:
            found = re.match(rf"\s*,?\s*(?:of|in|from|made by)\s+the\s+{_ADJECTIVES}"
                             r"(?P<w>[a-z]+)\b", text[end : end + 40])  # fmt: skip
        kind = found and _MAKER_KINDS.get(found.group("w"), found.group("w"))
        if kind in words:  # "the inspectorate's fifth": the inspection's
            return kind
        return None

    def _names_of_authors(self, text: str) -> list[tuple[int, int, str, list[str]]]:
        """Where the text names a report's author or maker without naming the report ("Baroness
        Casey asked ..."): context for the recommendations that follow, not mentions. Each hit
        is (start, end, kind of context, reports): "name" for the reports the name wrote, BODY
        (weak) for those it only published ("the Home Office" for an audit it commissioned)."""
        if self.reports.pattern is None:
            return []
        found = []
        for name, listed in self.reports.names.items():
            published = self.reports.published.get(name, set())
            reports = [r for r, _ in listed if r not in published]
            only = [r for r, _ in listed if r in published]
            if len(name) < 3:
                continue
            spelled = re.escape(name).replace(r"\ ", r"\s+")
            flags = 0 if name.upper() == name else re.IGNORECASE
            pattern = rf"\b{spelled}\b" if flags else rf"\b{re.escape(name.upper())}\b"
            for match in re.finditer(pattern, text, flags):
                if flags and not match.group()[:1].isupper():
                    continue
                if reports:
                    found.append((match.start(), match.end(), "name", reports))
                if only:
                    found.append((match.start(), match.end(), BODY, only))
        return found

    def _with_number(self, reports: list[str], number: int | tuple[int, ...]) -> list[str]:
        """The reports that have recommendation `number` (every one of a list's numbers), the
        newest first."""
        key = (tuple(reports), number)
        found = self._numbered.get(key)
        if found is None:  # the same few lists of reports asked again and again: kept
            numbers = number if isinstance(number, tuple) else (number,)
            found = sorted(
                (r for r in reports
                 if all(n in self.catalogue.reports[r].recommendations for n in numbers)),
                key=lambda r: self.catalogue.reports[r].issued or "", reverse=True,
            )  # fmt: skip
            if len(self._numbered) < 10_000:
                self._numbered[key] = found
        return list(found)

    def _about(self, text: str, report: Report) -> bool:
        """Whether a text speaks of the report without naming it: it uses the report's kind of
        document or the surname its references use."""
        words = set(self.reports.types.get(report.iri, set())) - set(GENERIC_TYPES)
        words |= {n for n, rs in self.reports.names.items()
                  if any(r == report.iri and p for r, p in rs)}  # fmt: skip
        lowered = text.lower()
        return any(re.search(rf"\b{re.escape(w)}\b", lowered) for w in words)

    def _kinds_spoken_of(self, text, base) -> list[tuple[int, int, str, list[str]]]:
        """Where the text speaks of a report by its kind of document alone ("the audit was
        stark", "the inquiry's chair"): context for the recommendations that follow, as strong
        as the report named. "The audit" is the last audit the text spoke of: a report named
        before whose title gives that kind; none when the word last came outside a report's
        name ("a local audit", "the Vale review"); the one report of that kind in the graph
        when the text never used the word before. Generic words ("report", "review") name no
        kind of their own."""
        found: list[tuple[int, int, str, list[str]]] = []
        meant: dict[str, str] = {}  # kind word -> the report it meant last
        for match in _KIND_WORD.finditer(text):
            word = match.group("w").lower()
            at = match.start("w")
            inside = next((m for m in base.starting(max(0, at - 300), at, {REPORT})
                           if m.end > at), None)  # fmt: skip
            if inside is not None:  # the word in a report's name: what it means from now on
                if word in self.reports.types.get(inside.id, ()):
                    meant[word] = inside.id
                continue
            if word in GENERIC_TYPES:
                continue
            if not match.group("the"):
                meant[word] = ""  # "a local audit", "the Vale of Ashby inquiry": not one we know
                continue
            if word not in meant:
                kinded = [r for r, t in self.reports.types.items() if word in t]
                meant[word] = kinded[0] if len(kinded) == 1 else ""
            if meant[word]:
                found.append((match.start("w"), match.end("w"), REPORT, [meant[word]]))
        return found

    def _recommendations(self, text, base) -> list[Mention]:
        found = []
        spoken = self._kinds_spoken_of(text, base)
        if spoken:
            self._name_hits = sorted(self._name_hits + spoken, key=lambda h: h[1])
            self._name_ends = [e for _, e, _, _ in self._name_hits]
        reports = base.items and [m for m in base.items if m.kind == REPORT]
        ends = [m.end for m in reports]  # report mentions do not overlap: ends in order
        self._in_report = []  # whether each name is inside a report's mention (its title)
        for s, e, _, _ in self._name_hits:
            at = bisect_left(ends, e)
            self._in_report.append(at < len(reports) and reports[at].start <= s)
        self._cited: list[tuple[int, int, str]] = []  # recommendations resolved so far: context
        own = _own_recommendations(text)
        numbered = {int(re.search(r"\d+", text[at : at + 20]).group()) for at in own}
        labels = {m.start(): int(m.group("n")) for m in _OWN_LABEL.finditer(text)}
        numbered |= set(labels.values())
        references = []
        sentences = self._sentences = _sentence_bounds(text)
        for match in _REC.finditer(text):
            numbers = []
            nums = match.group("nums")
            offset = match.start("nums")
            parts = list(re.finditer(rf"\d{{1,3}}|\b(?:{_REC_NUMBER_WORDS})\b", nums, re.I))
            for index, part in enumerate(parts):
                span = (match.start(), offset + part.end()) if index == 0 else (
                    offset + part.start(), offset + part.end())  # fmt: skip
                value = part.group()
                if match.group("paren") and len(parts) == 1:
                    span = (match.start(), match.end())  # "recommendation (4)"
                numbers.append((int(value) if value.isdigit() else NUMBER_WORDS[value.lower()],
                                span))  # fmt: skip
            ranged = re.search(r"\w[ \t]*(?:to|through|-|–)[ \t]*R?\w", nums)
            if ranged and len(parts) == 2:
                low, high = numbers[0][0], numbers[1][0]
                if not 0 < high - low <= 20:
                    numbers = numbers[:1]
                elif high - low == 2:  # "recommendations 9 to 11": 10 is cited too, by the "to"
                    link = re.search(r"through|to|-|–", nums[parts[0].end() : parts[1].start()])
                    at = offset + parts[0].end() + link.start()
                    numbers.insert(1, (low + 1, (at, at + len(link.group()))))
            at = match.start()
            if at in own or at in labels or _OURS.search(text, max(0, at - 30), at):
                continue  # "Recommendation 3: ..." heading the text's own, "our Recommendation 3"
            if text[at - 1 : at] == "(" and _WE_RECOMMEND.search(
                    text, _bounds_of(sentences, at)[0], at):  # fmt: skip
                continue  # "We recommend that ... (Recommendation 1).": the text's own label
            references.append((match.start(), match.end(), numbers))
        for match in _REC_ORDINAL.finditer(text):
            numbers = []  # final, last: the report's last (-1), below
            words = [
                (p.start(), p.end(), _ordinal_value(p.group()))
                for p in _ORDINAL_PART.finditer(text, match.start("ord"), match.end("more"))
            ]
            for index, (s, e, number) in enumerate(words):
                if index and number == -1 and words[index - 1][2] != -1:
                    continue  # "the twelfth and final recommendation": one recommendation
                numbers.append((number, (s, e)))
                if index + 1 < len(words) and number > 0:
                    link = re.fullmatch(r"\s*(?:to|through|-|–)\s*", text[e : words[index + 1][0]])
                    high = words[index + 1][2]
                    if link and 0 < high - number <= 12:  # "the fourth to sixth": the fifth too
                        numbers += [(n, (e, words[index + 1][0])) for n in range(number + 1, high)]
            if numbers:  # the last of them runs to its noun ("sixth recommendations")
                numbers[-1] = (numbers[-1][0], (numbers[-1][1][0], match.end("head")))
                references.append((match.start(), match.end(), numbers))
        taken: list[int] = []  # where each bare ordinal taken for a recommendation starts
        for match in _BARE_ORDINAL.finditer(text):  # "the only recommendation ... was the fifth"
            number = ORDINALS.get(match.group("ord").lower())
            lo = _bounds_of(sentences, match.start())[0]
            before = _bounds_of(sentences, max(0, lo - 2))  # the sentence before, in its paragraph
            if before[1] <= lo and "\n\n" not in text[before[1] : lo]:
                lo = before[0]
            if any(a < match.end() and match.start() < b for a, b, _ in references):
                continue  # "the twelfth and twentieth recommendations": cited with its noun
            if match.group("weak"):  # "..., the fifth on the police and the sixth on taxis"
                own_lo = _bounds_of(sentences, match.start())[0]
                if not ((taken and own_lo <= taken[-1])
                        or any(own_lo <= a < match.start() for a, _, _ in references)
                        or _LIST_OPENS.search(text, own_lo, match.start())):  # fmt: skip
                    continue  # "the first to count the cases": no list of recommendations
            # a recommendation cited (with its noun or by an ordinal alone) up to two sentences
            # back in the paragraph: "The second required ... There is no statutory basis ...
            # The inspectorate's fourth, on record systems, ..."
            prior = _bounds_of(sentences, max(0, lo - 2))
            back = prior[0] if prior[1] <= lo and "\n\n" not in text[prior[1] : lo] else lo
            cited = [a for a, _, _ in references if back <= a < match.start()]
            cited += [a for a in taken[-1:] if back <= a < match.start()]
            if match.group()[:1] in "'’":  # "Casey's third", "the audit's second": of a report
                lo = max(0, text.rfind("\n\n", 0, lo))  # named, the noun anywhere in the paragraph
            if not number or not (_REC_WORD.search(text, lo, match.start()) or cited):
                # "... nine recommendations. Its second asked ... Its third asked ...": the
                # ordinal one before it stood for a recommendation too
                continue
            word = [w.end() for w in _REC_WORD.finditer(text, back, match.start())]
            counted = [
                c for c in _COUNTED.finditer(text, max(word + cited + [back]), match.start())
            ]
            if counted and counted[-1].group("noun").lower() != "recommendations":
                continue  # "the letter makes three requests; the first is ...": one of those
            if re.match(rf"\s+of\s+(?:{_MONTHS})\b", text[match.end() : match.end() + 14]) or (
                    text[max(0, match.start() - 3) : match.start()].lower() == "on "
                    and re.search(rf"\b(?:{_MONTHS})\b", text[lo : match.start()])):  # fmt: skip
                continue  # "on the eleventh", "the first of May": a day of a month
            # "HMICFRS's fourth": the ordinal alone, the body's name a mention of its own
            at = match.start("ord") if match.group()[:1] in "'’" else match.start()
            numbers = [(number, (at, match.end()))]
            end = match.end()
            while listed := _MORE_ORDINALS.match(text, end):  # "the eleventh and twelfth"
                end = listed.end()
                numbers.append((ORDINALS[listed.group("ord").lower()],
                                (listed.start("ord"), end)))  # fmt: skip
            references.append((at, end, numbers))
            taken.append(at)
        references.sort()
        for index, (start, end, numbers) in enumerate(references):
            sentence = _bounds_of(sentences, start)
            # its clause: the sentence, less the citations before and after it
            lo = max([sentence[0]] + [b for _, b, _ in references[:index] if b <= start])
            hi = min([sentence[1]] + [a for a, _, _ in references[index + 1 :] if a >= end])
            listed = tuple(n for n, _ in numbers if n != -1)
            shared = ("", 0.0)
            if len(listed) > 1:  # "the twelfth and twentieth": one report has them all
                shared = self._report_for(text, base, start, end, listed, numbered, sentence)
            for number, (s, e) in numbers:
                if number == -1:
                    iri = self._last_of(text, base, start, end, sentence)
                    if iri:
                        found.append(self.mention(text, s, e, iri, 0.75))
                    continue
                if _paragraph_number(text, s, e):
                    continue  # "recommendations\n6.1 ...": a paragraph's number, not a citation
                report, score = shared if shared[0] else self._report_for(
                    text, base, start, end, number, numbered, sentence, (lo, hi))  # fmt: skip
                if report and score >= THRESHOLD:
                    iri = self.catalogue.reports[report].recommendations[number]
                    found.append(self.mention(text, s, e, iri, score))
                    self._cited.append((s, e, report))
        if "|" in text:
            found += self._table_cells(text, base, numbered)
        return found

    def _table_cells(self, text, base, own) -> list[Mention]:
        """Recommendations cited in a table set as text, in a column headed "Recommendation"
        ("Report | Recommendation | Subject", then "Casey audit | 10 | research"): each number
        is of the report its row names (by a report, its maker or author), if that report has
        it. A row naming no report, or one without the number, links nothing."""
        found = []
        column = None
        at = 0
        for line in text.splitlines(keepends=True):
            start, at = at, at + len(line)
            if "|" not in line:
                column = None
                continue
            cells = line.rstrip("\n").split("|")
            heads = [i for i, c in enumerate(cells) if _REC_HEAD.fullmatch(c.strip())]
            if heads:
                column = (heads[0], len(cells))
                continue
            if column is None or len(cells) != column[1]:
                continue
            cell = cells[column[0]]
            digits = re.fullmatch(r"\s*(\d{1,2})\s*", cell)
            if not digits:
                continue
            number = int(digits.group(1))
            lo = start + sum(len(c) + 1 for c in cells[: column[0]])
            s, e = lo + digits.start(1), lo + digits.end(1)
            reports = [
                r for m in base.starting(start, at - 1, {REPORT}) for r in self._reports_of(m)
            ]
            if not reports:  # "HMICFRS 2023 | 3": its maker's or author's name
                reports = [
                    r for m in base.starting(start, at - 1, {BODY}) for r in self._reports_of(m)
                ]
                reports += [r for hs, he, _, rs in self._name_hits
                            if start <= hs and he <= at for r in rs]  # fmt: skip
            fitting = self._with_number(list(dict.fromkeys(reports)), number)
            if len(set(fitting)) == 1:
                iri = self.catalogue.reports[fitting[0]].recommendations[number]
                found.append(self.mention(text, s, e, iri, 0.8))
        return found

    def _recommendations_by_content(self, text, base) -> list[Mention]:
        """A recommendation named by its report and what it asks: "the Telford inquiry's
        recommendation on safeguarding training for drivers", "the recommendation in IICSA's
        investigation into organised networks for a mandatory aggravating factor". The
        recommendation of that report whose title and summary share most of the words (two at
        least, and more than any other) is named; else nothing."""
        found = []
        for match in _REC_CONTENT.finditer(text):
            head = match.start("head")
            report = None
            for m in base.before(head, {REPORT}):  # "<report>'s recommendation on ..."
                if re.fullmatch(r"['’]s?\s*", text[m.end : head]):
                    report = m
                break
            at = match.end("head")
            if report is None:  # "recommendation in <report> for ..."
                gap = re.match(r"\s+(?:in|of|from|made by)\s+(?:the\s+)?", text[at : at + 20])
                if gap is None:
                    continue
                report = next(base.starting(at + gap.end(), at + gap.end() + 1, {REPORT}), None)
                if report is None:
                    continue
                at = report.end
            said = re.match(r"[\s,]*(?:on|for|to|that|about|calling for|asking for)\s+"
                            r"(?P<words>[^.;:,()]{3,160})", text[at : at + 200])  # fmt: skip
            if said is None:
                continue
            words = [(at + said.start("words") + a, at + said.start("words") + b, stem(w))
                     for a, b, w in tokens(said.group("words"))
                     if len(w) > 2 and norm(w) not in STOPWORDS][:12]  # fmt: skip
            scored = []
            for iri in self.catalogue.reports[report.id].recommendations.values():
                rec = self.catalogue.recommendations[iri]
                own = content_words(f"{rec.title} {rec.summary}")
                hits = [e for _, e, w in words if w in own]
                scored.append((len(hits), iri, hits))
            scored.sort(key=lambda x: -x[0])
            if not scored or scored[0][0] < 2 or (len(scored) > 1 and scored[1][0] >= scored[0][0]):
                continue
            shared, iri, hits = scored[0]
            score = min(0.9, 0.55 + 0.08 * shared)
            if report.end <= head:
                found.append(self.mention(text, head, hits[-1], iri, score))
            else:  # the report's name is a mention of its own: the recommendation is its word
                found.append(self.mention(text, head, match.end("head"), iri, score))
        return found

    def _last_of(self, text, base, start, end, sentence) -> str:
        """The last recommendation of the report named just after ("the last recommendation of
        the Casey audit") or else the report named last before it."""
        gap = re.match(r"\s*,?\s*(?:of|in|from|made by)\s+(?:the\s+)?", text[end : end + 40])
        after = (
            next(base.starting(end + gap.end(), end + gap.end() + 2, {REPORT}), None)
            if gap
            else None
        )
        before = after or next(base.before(start, {REPORT}), None)
        if before is not None:
            report = self.catalogue.reports[before.id]
            if report.recommendations:
                return report.recommendations[max(report.recommendations)]
        return ""

    # -------------------------------------------------------------- figures

    def _figures(self, text, base) -> list[Mention]:
        found = []
        for q in quantities(text):
            if base.overlaps(q.start, q.end):
                continue
            if is_year(text, q):
                continue  # a year
            if _REFERENCE_BEFORE.search(text, max(0, q.start - 24), q.start):
                continue  # "Recommendation 3", "section 9", "paragraph 4.2"
            if is_money(text, q):
                continue  # "£30 million": a sum, which no figure's count is
            if re.match(r"\s*(?:to|-|–)\s*\d", text[q.end : q.end + 8]) or re.search(
                    r"\d\s*(?:to|-|–)\s*$", text[max(0, q.start - 8) : q.start]):  # fmt: skip
                continue  # "aged 10 to 18": the bound of a range, which no figure is
            own_unit = bool(q.unit_words) and not q.percent and re.match(
                r"\s*[-\s]?[A-Za-z]{3,}", text[q.end : q.end + 12]) is not None  # fmt: skip
            window = text[max(0, q.start - 160) : q.end + 160]
            context = content_words(window)
            # the rest of a figure's unit is said with it ("10 years of age", "aged 10"): not
            # a word in the paragraph ("up to ten years on indictment", an age said before)
            near = set(q.unit_words) | content_words(text[max(0, q.start - 50) : q.end + 40])
            best: list[tuple[float, str, bool]] = []
            for figure, unit, words in self.figures:
                percent_unit = figure.unit.lower() in ("percent", "per cent", "%")
                if percent_unit != q.percent:
                    continue
                tolerance = 1.0 if q.percent else max(0.0, abs(figure.value) * 0.001)
                if abs(figure.value - q.value) > tolerance:
                    continue
                overlap = len(context & words)
                head = _head(figure.unit)
                unit_match = q.percent or (head in q.unit_words[:2] and unit <= near)
                if q.percent and overlap == 0:
                    continue
                if unit_match:
                    score = 0.7 + 0.07 * min(3, overlap)
                elif overlap >= 2 and not own_unit:
                    score = 0.5 + 0.05 * min(4, overlap)
                else:
                    continue
                best.append((score, figure.finding, unit_match and not q.percent))
            if not best:
                continue
            best.sort(reverse=True)
            if len(best) > 1 and best[0][1] != best[1][1] and best[0][0] - best[1][0] < 0.05:
                continue  # two findings fit as well: name neither
            score, finding, with_unit = best[0]
            end = q.unit_end if with_unit else q.end
            found.append(self.mention(text, q.start, end, finding, score))
        return found


_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


def _arabic(number: str) -> str:
    """A provision number as compared: lower case, Roman numerals as digits ("II" -> "2")."""
    lowered = number.lower()
    if lowered and all(c in _ROMAN for c in lowered):
        total = 0
        for a, b in zip(lowered, lowered[1:] + " ", strict=True):
            value = _ROMAN[a]
            total += -value if b != " " and _ROMAN[b] > value else value
        return str(total)
    return lowered


_REFERENCE_BEFORE = re.compile(
    r"(?:\b(?:recommendations?|sections?|s|ss|clauses?|paragraphs?|paras?|chapters?|parts?|"
    r"pages?|pp?|no|nos|figure|table|annex|schedule|article|regulation|rule|amendment|"
    r"recs?)\.?|§)\s*(?:\d{1,3}[A-Z]{0,3}\s*(?:,|and|or|to|-|–)\s*)*$",
    re.IGNORECASE,
)


def _head(unit: str) -> str:
    """The counted noun of a figure's unit ("police force areas" -> "area", "years of age"
    -> "year")."""
    words = [w for _, _, w in tokens(re.split(r"\s(?:of|in|per)\s", unit)[0])]
    return stem(words[-1]) if words else ""


#: A sentence that opens by pointing back at the one before ("This is how ...").
_POINTS_BACK = re.compile(r"(?:This|That|These|Those|Such)\b(?!\s+(?:report|audit|inquiry|"
                          r"review|inspection|recommendation)s?\b)")  # fmt: skip
#: Between a body's possessive and the report it made: "IICSA's organised networks report".
_OWNER_GAP = re.compile(r"(?:['’]s?)?\s+(?:own\s+)?")
_POSSESSIVE_END = re.compile(r"['’]s?$")
_POSSESSIVE = re.compile(r"\w['’]s?\s")
_SUBJECT_GAP = re.compile(r"\s+(?:of|into|in|at)\s+(?:the\s+)?")


def settle(candidates: list[Mention], length: int) -> list[Mention]:
    """Non-overlapping mentions: the longest first, then the best scored; in text order. Work
    is linear in the characters the candidates cover."""
    chosen: list[Mention] = []
    taken = bytearray(length + 1)
    for m in sorted(candidates, key=lambda m: (-(m.end - m.start), -m.score, m.start)):
        if m.score < THRESHOLD or any(taken[m.start : m.end]):
            continue
        chosen.append(m)
        taken[m.start : m.end] = b"\x01" * (m.end - m.start)
    return sorted(chosen, key=lambda m: (m.start, m.end))


class Spans:
    """Settled (non-overlapping) mentions in text order, looked up by position with bisect:
    those ending before an offset, nearest first (at most LOOK_BACK of them: context further
    back is not consulted), and those starting in a window."""

    LOOK_BACK = 400

    def __init__(self, mentions: list[Mention]):
        self.items = sorted(mentions, key=lambda m: (m.start, m.end))
        self.starts = [m.start for m in self.items]
        self.ends = [m.end for m in self.items]

    def before(self, offset: int, kinds=None):
        at = bisect_right(self.ends, offset)
        for m in reversed(self.items[max(0, at - self.LOOK_BACK) : at]):
            if kinds is None or m.kind in kinds:
                yield m

    def starting(self, lo: int, hi: int, kinds=None):
        at = bisect_left(self.starts, lo)
        while at < len(self.items) and self.items[at].start <= hi:
            if kinds is None or self.items[at].kind in kinds:
                yield self.items[at]
            at += 1

    def overlaps(self, start: int, end: int) -> bool:
        at = bisect_left(self.starts, end) - 1
        return at >= 0 and self.items[at].end > start


_OWN = re.compile(r"(?m)^[ \t]*(?:[-•*]\s*)?(?:\*\*)?(?P<rec>Recommendation\s+\d{1,3})"
                  r"(?:\*\*)?(?:[ \t]*\([^)\n]{1,30}\))?\s*(?:[:.\-–—)]|$)"
                  # "Recommendation 4 The Department should ...": a heading with no stop
                  r"|^[ \t]*(?P<bare>Recommendation[ \t]+\d{1,3})[ \t]+"
                  r"(?=[A-Z][a-z]+\s+[A-Z]"
                  r"|[A-Z][\w'’]*(?:[ \t]+[\w'’]+){0,4}[ \t]+(?:should|must)\b)")  # fmt: skip


#: "R1 The Home Office should ...": a line labelled as the text's own recommendation.
_OWN_LABEL = re.compile(r"(?m)^[ \t]*(?:[-•*]\s*)?(?:\*\*)?R(?P<n>\d{1,2})\b(?:\*\*)?[:.)]?[ \t]")

#: Words before a numbered recommendation that make it the text's own: "our Recommendation 2",
#: "this report's recommendation 4".
_OURS = re.compile(r"\b(?:our|this\s+(?:report|chapter|review|paper|committee)['’]s)\s+"
                   r"(?:own\s+)?$", re.IGNORECASE)  # fmt: skip


#: A sentence that makes the text's own recommendation: "We recommend that ...", "We also
#: recommend ...".
_WE_RECOMMEND = re.compile(r"\b[Ww]e\s+(?:also\s+|further\s+|therefore\s+)?recommend\b")


def _report_in_view(text: str, start: int, items) -> bool:
    """Whether a report (or a recommendation resolved to one) was named in the 400 characters
    of the paragraph before `start`: the context a citation there is read in."""
    return any(what in (REPORT, RECOMMENDATION) and start - e <= 400
               and "\n\n" not in text[e:start] for _, e, what, _ in items)  # fmt: skip


def _own_recommendations(text: str) -> set[int]:
    """Where a text numbers recommendations of its own: a line that opens with
    "Recommendation N" as a heading ("Recommendation 3: ..." or alone on its line)."""
    return {m.start("rec") if m.group("rec") else m.start("bare") for m in _OWN.finditer(text)}


def _paragraph_number(text: str, start: int, end: int) -> bool:
    """Whether the number ending at `end` opens a line and numbers what follows it ("6",
    "6.1 The audit ...", "6 Data"), rather than continuing a wrapped citation."""
    digits = re.search(r"\d{1,3}$", text[start:end])
    at = start + digits.start() if digits else start
    line = text.rfind("\n", 0, at)
    if text[line + 1 : at].strip():
        return False
    return bool(re.match(r"(?:\.\d|\.?[ \t]+[A-Z(\"“]|\.?[ \t]*(?:\n|$))", text[end : end + 3]))


def _sentence_bounds(text: str) -> list[tuple[int, int]]:
    from .sentences import split

    return split(text)


def _bounds_of(sentences: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    lo, hi = 0, len(sentences)
    while lo < hi:
        mid = (lo + hi) // 2
        if sentences[mid][1] <= offset:
            lo = mid + 1
        else:
            hi = mid
    if lo < len(sentences) and sentences[lo][0] <= offset:
        return sentences[lo]
    return (offset, offset)
