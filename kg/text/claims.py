"""Claims: the sentences of a text that assert something, each with a verdict against the graph.

A claim is a sentence that states (not a question, not a heading, at least four words). Its
verdict comes from the facts about the entities it mentions (kg.text.catalogue), and about those
the text named just before it (the report it goes on speaking of as "the audit" or "the
inquiry", the recommendation "that recommendation" is), each check saying which fact decided:
- stance: "the government accepted / rejected / accepted in principle recommendation 4", "all
  12 recommendations", "every one of its recommendations", "the national redress scheme" (a
  recommendation by its title) against the response's stance; "accepted nineteen" against how
  many were; a date of the acceptance against the response's issue date;
- count: "the audit made ten recommendations" against the report's recommendations ("every
  one", "each of" are quantifiers, not counts; "two of its recommendations" is a part);
- status: "recommendation 3 has been enacted / is in progress / came into force on ..." against
  the latest reported status (kg.rules.status) and its date, else the legal status
  (kg.rules.legal); "the Act is in force" (said of the instrument that is the subject of the
  words) against kg.rules.inforce, and the curator's recorded status where the rule knows
  only that no commencement was found; a bill's stages ("its third reading in the Lords on
  ...", "has cleared the Commons") and Royal Assent or lapse;
- dates: a date is compared only with the date of the same kind of fact: the issue date for
  "published", the enactment for "Royal Assent", the response's date for "accepted", a stage's
  date for a reading;
- makers: "published / issued by <body>" against a report's publisher and author or an
  instrument's issuer;
- figures: a number with its unit against the figures of the findings of the same measure;
- content: "recommendation 11 calls for an end to out-of-area taxis" against what that
  recommendation says (and the report's others: the same words under another number
  contradict); "the audit found that ..." against the report's findings;
- responsibilities and instruments: "the Department for Transport leads on recommendation 11",
  "with Ofsted as a partner", "recommendation 1 would amend the Sexual Offences Act 2003"
  against the cited links.
Where no structured check applies, the facts in words (kg.text.facts) may decide, but they
support only a claim whose every number and date the same fact holds, keyed to the same thing.
Any contradiction makes the claim contradicted; else any support makes it supported; else it
is not_found: the linker never forces a verdict.
"""

from __future__ import annotations

import datetime as dt
import re
from bisect import bisect_left
from dataclasses import dataclass, replace

from ontology.vocabulary import (
    BILL_STAGE,
    HOUSE,
    IN_FORCE_STATE,
    LEGAL_STAGE,
    ROLE,
    STANCE,
    STATUS,
    Concept,
)

from ..analysis import CitationRef
from ..rules import inforce
from .catalogue import ACT, BILL, BODY, CLAUSE, FINDING, RECOMMENDATION, REPORT, SECTION, Catalogue
from .evidence import Evidence
from .facts import (
    COMMON,
    DONE,
    About,
    _after,
    _between,
    _durations,
    _references,
    periods,
    slots_of,
)
from .mentions import (
    _ECHO,
    _REFERENCE_BEFORE,
    NUMBER_WORDS,
    Mention,
    body_names,
    content_words,
    is_money,
    is_year,
    quantities,
    report_names,
    stem,
)
from .sentences import split
from .verdict import Verdict

#: At most this many claims per text.
MAX_CLAIMS = 2_000
#: A sentence longer than this (no prose has one) is not judged: its verdict is not_found.
MAX_SENTENCE = 2_000


@dataclass(frozen=True)
class ClaimLink:
    id: str
    kind: str
    label: str
    score: float
    evidence: tuple[CitationRef, ...] = ()

    def as_json(self) -> dict:
        return {
            "id": self.id, "kind": self.kind, "label": self.label,
            "score": round(self.score, 3),
            "evidence": [{"source": c.source, "title": c.source_title, "locator": c.locator,
                          "url": c.url, "authority": c.authority} for c in self.evidence],
        }  # fmt: skip


@dataclass(frozen=True)
class Claim:
    text: str
    start: int
    end: int
    verdict: Verdict
    links: tuple[ClaimLink, ...] = ()
    reason: str = ""

    def as_json(self) -> dict:
        return {"text": self.text, "start": self.start, "end": self.end,
                "verdict": self.verdict.value, "links": [link.as_json() for link in self.links],
                "reason": self.reason}  # fmt: skip


@dataclass(frozen=True)
class Check:
    """What one fact says of a claim."""

    verdict: Verdict
    entity: str  # the entity the fact is about
    node: str  # the node whose citations back the fact
    reason: str
    span: tuple[int, int] | None = None  # the words of the sentence it checked (a date)
    #: a fact in words that holds every date and number of the text it was matched to
    in_words: bool = False


@dataclass(frozen=True)
class Dated:
    """A date a sentence gives (day or month may be None), and the kind of fact it dates."""

    day: int | None
    month: int | None
    year: int
    kind: str  # "stance", "published", "found", "assent", "force", "stage", "other" or ""
    start: int
    end: int


@dataclass(frozen=True)
class Context:
    """What the text named before a sentence."""

    reports: tuple[str, ...] = ()  # the reports named, the latest first
    recommendations: tuple[str, ...] = ()  # the recommendations the sentence before named
    instruments: tuple[str, ...] = ()  # the instruments named, the latest first
    last_recommendation: str = ""  # the recommendation named last
    named: tuple[str, ...] = ()  # what the two sentences before named


#: Words for any kind of document: "the paper" is whichever report was named last.
GENERIC_KINDS = ("report", "paper", "study")
#: How many entities of each kind the context keeps.
CONTEXT = 6

# ----------------------------------------------------------------------------- what is said

_NEGATION = re.compile(r"\b(?:not|never|no longer|yet to|has yet|have yet|n't|nor|neither|"
                       r"failed to|refused to|without)\b|n't\b", re.IGNORECASE)  # fmt: skip
STANCE_WORDS = [
    (re.compile(r"\baccept(?:ed|s)?\s+(?:[\w'’-]+\s+){0,6}?in principle\b", re.I),
     STANCE.ACCEPTED_IN_PRINCIPLE),
    (re.compile(r"\b(?:partially|partly)\s+accept(?:ed|s)?\b|\baccept(?:ed|s)?\s+"
                r"(?:[\w'’-]+\s+){0,6}?in part\b", re.I), STANCE.PARTIALLY_ACCEPTED),
    (re.compile(r"\b(?:rejected|rejects|reject|turned down|refused|declined|dismissed|"
                r"did not accept|has not accepted|have not accepted|not accepted|shelved|"
                r"abandoned|decided against|(?:was|were|been|be)\s+(?:set aside|dropped)|"
                r"dropped|"
                r"(?:decided|chose|opted|agreed) not to (?:take|implement|proceed|pursue|go ahead)|"
                r"not to take (?:it|them|this|that|the \w+) forward)\b", re.I),
     STANCE.REJECTED),
    (re.compile(r"\b(?:merely\s+|only\s+)?noted\b", re.I), STANCE.NOTED),
    (re.compile(r"\b(?:accepted|accepts|accept|agreed to|endorsed|signed up to|"
                r"(?:did|does|do)\s+agree|agreed\s+(?:in\s+\w+\s+(?:\d{4}\s+)?)?to|"
                r"decided\s+(?:in\s+\w+\s+(?:\d{4}\s+)?)?to\s+(?!not\b|reject|decline|consult|"
                r"consider|review|wait|delay|defer)\w+)\b", re.I),
     STANCE.ACCEPTED),
]  # fmt: skip
_GOVERNMENT = re.compile(r"\b(?:government|ministers?|Home Secretary|Home Office|minister|"
                         r"Secretary of State|Prime Minister|response)\b", re.I)  # fmt: skip
_PASSIVE_STANCE = re.compile(r"\b(?:was|were|been|being)\s+(?:\w+\s+)?(?:accepted|rejected|"
                             r"noted|agreed)", re.I)  # fmt: skip
#: "all 12 recommendations", "every one of its recommendations", "each of them"
_WHOLE = re.compile(r"\ball\s+(?:of\s+)?(?:[\w'’-]+\s+){0,2}recommendations\b|"
                    r"\ball\s+(?:\d{1,3}|[a-z]+)\s+of\s+(?:[\w'’-]+\s+){1,3}recommendations\b|"
                    r"\ball\s+(?:of\s+)?them\b|\bevery\s+(?:one|single one)\s+of\b|"
                    r"\beach\s+(?:one\s+)?of\s+(?:its|the|their|her|his|them)\b|"
                    r"\bevery recommendation\b", re.I)  # fmt: skip
_NUMBER_WORD = "|".join(sorted((w for w in NUMBER_WORDS if " " not in w), key=len, reverse=True))
#: "accepted nineteen", "accepted 12 of its 20 recommendations"
_STANCE_COUNT = re.compile(rf"\s*(?:only\s+|just\s+)?(?P<n>\d{{1,3}}|{_NUMBER_WORD})\b"
                           rf"(?!\s*(?:per\s*cent|%))", re.I)  # fmt: skip

#: Reported statuses a phrase claims (kg.rules.status's values), and whether it speaks of the
#: law (then the legal status decides where no status is reported). Each status is said by a
#: participle or adjective after a form of "be" or "have" in any tense ("has been implemented",
#: "was met", "is now complete", "had since been written into law"), or in the active past with
#: its object ("completed the review"); negation is read apart ("has not been implemented").
#: Done: what the recommendation asked for has happened.
_DONE_WORDS = (
    r"(?:implemented|delivered|completed|met|carried\s+out|fulfilled|achieved|"
    r"put\s+in\s+place)"
)
#: Between an auxiliary and its participle: "has now been", "was largely", "is since".
_ADVERBS = r"(?:(?:now|already|since|fully|largely|finally|also|then|therefore|duly|been)\s+)*"
#: A form of "be" or "have" that says what holds, in any tense ("being" says it is under way).
_PERFECT_BE = rf"\b(?:(?:has|have|had)\s+{_ADVERBS}been|(?:is|are|was|were)\s+)\s*{_ADVERBS}"
_STATUS_PHRASES = [
    (re.compile(rf"\b(?:(?:fully\s+)?implemented in full|{_PERFECT_BE}{_DONE_WORDS}"
                r"(?!\s+(?:with|by\s+(?:criticism|opposition|resistance)))"
                # done, said with "complete": "has completed that review", "found that
                # recommendation complete" (an inspectorate's assessment); not "incomplete"
                r"|(?:has|have|had)\s+(?:now\s+|already\s+|since\s+)?(?:completed|implemented|"
                r"fulfilled|delivered\s+on)\b"
                r"|(?:completed|fulfilled)\s+(?:that|this|the|its|their)\s+\w+"
                rf"|{_PERFECT_BE}complete\b(?!\s+(?:the|a|an|its|their|with)\b)"
                r"|\bas\s+(?:fully\s+|now\s+)?complete(?:d)?\b(?!\s+as\b)"
                r"|(?:found|judged|assessed|rated|deemed|declared|described)\s+(?:as\s+)?"
                r"(?:[\w'’]+\s+){0,3}?complete(?:d)?(?!\s+(?:the|a|an|its|their)\b))\b", re.I),
     {STATUS.DELIVERED, STATUS.IN_FORCE}, False),
    (re.compile(r"\b(?:in force|came into force|come into force|comes into force|been commenced|"
                r"commenced|took effect|with effect from|statutory (?:duty|requirement)|"
                r"legal (?:duty|requirement)|required by law)\b", re.I),
     {STATUS.IN_FORCE, STATUS.DELIVERED}, True),
    (re.compile(r"\b(?:enacted|became law|become law|is now law|is law|now the law|"
                r"received Royal Assent|passed into law|on the statute book|been legislated|"
                r"made law|(?:written|put|enshrined|placed)\s+(?:into|in)\s+law|"
                r"(?:placed|put)\s+on\s+the\s+statute\s+book)\b", re.I),
     {STATUS.ENACTED, STATUS.IN_FORCE, STATUS.DELIVERED}, True),
    (re.compile(r"\b(?:being legislated|legislation (?:has been|was|is being) introduced|"
                r"before Parliament|going through Parliament|legislating|in the (?:\w+\s+){0,6}"
                r"Bill|bill (?:has been|was) introduced|clauses? (?:has been |have been |was |"
                r"were )?tabled)\b", re.I), {STATUS.LEGISLATING}, False),
    (re.compile(r"\b(?:in progress|under way|underway|work has (?:begun|started)|being taken "
                r"forward|progressing|being (?:implemented|delivered|carried out|progressed|"
                r"put in place)|work is ongoing|(?:is|are|remains?)\s+ongoing|has begun|"
                r"have begun|started work)\b", re.I), {STATUS.IN_PROGRESS, STATUS.LEGISLATING},
     False),
    (re.compile(r"\b(?:stalled|has stalled|stuck)\b", re.I), {STATUS.STALLED}, False),
    (re.compile(r"\b(?:not (?:yet )?(?:been )?started|no progress|nothing has been done|yet to "
                r"(?:start|begin)|not (?:yet )?begun)\b", re.I), {STATUS.NOT_STARTED}, False),
]  # fmt: skip
_NOT_DONE = re.compile(r"\b(?:not (?:yet )?(?:been )?(?:implemented|delivered|enacted|"
                       r"legislated|commenced|in force|law|met|completed|carried out|fulfilled|"
                       r"achieved)|yet to be (?:implemented|delivered|enacted|commenced|met|"
                       r"completed)|yet to reach the statute book|no legislation|incomplete|"
                       r"(?:remains?|remained|still)\s+outstanding)\b",
                       re.I)  # fmt: skip
#: What a recommendation asked for, in the same clause: its content, not a status.
#: Saying again what another report said ("made the same point", "the same call").
_SAME = re.compile(r"\bsame\s+(?:point|call|view|finding|concern|warning|conclusion)s?\b", re.I)
_ASKED = re.compile(r"\b(?:ask(?:s|ed)?|call(?:s|ed)? for|recommend(?:s|ed)?|urg(?:es|ed)|"
                    r"propos(?:es|ed)|wants?|wanted|s(?:eeks|ought))\b[^,.;:]*$",
                    re.I)  # fmt: skip
#: What is still to come: no claim about what holds now.
_MODAL = re.compile(r"\b(?:will|would|shall|may|might|could|should|must|to be|expected to|due to|"
                    r"set to|going to|plans? to|intends? to|is to|are to|once|when|if|until)\s+"
                    r"(?:\w+\s+){0,2}$", re.I)  # fmt: skip
#: An instrument being (or not being) in force, said of it.
_IN_FORCE = re.compile(
    r"\b(?:(?:is|are|was|were|been|being|remains?|remained|stays?|stayed|now|already|still|"
    r"fully|wholly|partly|partially)\s+(?:(?:now|already|fully|wholly|partly|partially|still|"
    r"not|yet|therefore|also)\s+)*(?:in force|binding|in effect|operative)"
    r"|(?:came|come|comes|coming|brought|entered|enters)\s+into\s+force"
    r"|in force (?:since|from)|(?:has|have|had) been commenced|(?:was|were) commenced"
    r"|(?:has|have|had)\s+(?:\w+\s+)?bound|binds|took effect|takes effect|has effect)\b",
    re.I,
)
_PARTLY = re.compile(r"\b(?:partly|partially|in part)\b", re.I)
#: What a curator's recorded legal status says of being in force: (words, in force?, whether
#: only its first clause counts).
_RECORDED_IN_FORCE = [
    (re.compile(r"\bnot (?:yet |shown to be )?in force|prospective|not commenced|no commencement"),
     False, False),
    (re.compile(r"\bpartly in force|partially in force|in force in part"), "partly", True),
    (re.compile(r"^\s*(?:wholly )?in force\b|\bin force on passing|\bcame into force\b"), True,
     True),
]  # fmt: skip
_QUALIFIED = re.compile(r"\s*,?\s*(?:except|save|so far as|in so far as|other than|apart from)\b",
                        re.I)  # fmt: skip

_MONTHS = {
    m: i
    for i, m in enumerate(
        ["january", "february", "march", "april", "may", "june", "july", "august", "september",
         "october", "november", "december"],
        start=1,
    )
}  # fmt: skip
_DATE = re.compile(
    r"\b(?:(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+)?(?P<month>January|February|March|April|May|"
    r"June|July|August|September|October|November|December)\s+(?P<year>(?:19|20)\d\d)\b"
    r"|\b(?P<iso>(?:19|20)\d\d-\d\d-\d\d)\b"
    r"|\b(?:in|of|during)\s+(?P<bare>(?:19|20)\d\d)\b(?!\s*(?:-|–|to)\s*\d)"
)
#: Royal Assent on a day of a month, its year left unsaid.
_ASSENT_ON = re.compile(r"\b(?:received|was given|got)\s+Royal Assent\s+on\s+"
                        r"(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month>January|February|March|"
                        r"April|May|June|July|August|September|October|November|December)\b"
                        r"(?!,?\s+\d)")  # fmt: skip
_PUBLISHED = re.compile(r"\b(?:published|issued|released|came out|presented|laid before)\b",
                        re.I)  # fmt: skip
_ASSENT = re.compile(r"\b(?:Royal Assent|enacted|became law|passed into law)\b", re.I)
#: Words a date in a sentence may be the date of, by kind of fact.
_EVENTS = [
    ("stance", re.compile(r"\b(?:accept(?:ed|s)?|reject(?:ed|s)?|agreed to|noted|responded|"
                          r"response|turned down|shelved|set aside|abandoned|decided)\b", re.I)),
    ("published", re.compile(_PUBLISHED.pattern + r"|\b(?:followed|appeared)\s+(?:in|on)\b",
                             re.I)),
    ("found", re.compile(r"\b(?:found|finds|reported|concluded|estimated|showed|counted)\b",
                         re.I)),
    ("assent", _ASSENT),
    ("force", re.compile(r"\b(?:in force|into force|commenced|took effect|takes effect|"
                         r"with effect from|binding|"
                         r"bound|binds)\b", re.I)),
    ("stage", re.compile(r"\b(?:reading|committee|report stage|on Report|at Report|introduced|"
                         r"cleared|tabled|agreed|passed)\b", re.I)),
    ("other", re.compile(r"\b(?:updated|revised|appointed|announced|opened|closed|launched|"
                         r"set up|established|commissioned|wrote|written|letter|between|from|"
                         r"since|until|by|before|after)\b", re.I)),
]  # fmt: skip

#: Words of the "other" event that are only prepositions: they date a fact only when the date
#: follows them at once ("by 31 March 2025"); "accepted by the government in principle in May
#: 2023" is an acceptance dated May 2023, its "by" the agent of the verb, not a deadline.
_PREPOSITION = re.compile(r"between|from|since|until|by|before|after", re.I)

_COUNT = re.compile(
    rf"\b(?P<n>\d{{1,3}}|{_NUMBER_WORD})\s+(?:(?!of\b)[\w-]+\s+){{0,2}}?recommendations\b",
    re.I,
)
_AGE = re.compile(r"\b(?:under|over|aged|age of|below|above)\s+\d{1,2}\b", re.I)
#: The noun a count counts, just after it ("35,000 people"), not a verb or a small word.
_COUNTED = re.compile(r"(?!(?:is|are|was|were|be|been|has|have|had|do|does|did|of|to|in|on|at|"
                      r"by|for|and|or|the|a|an|who|which|that|years?|months?|weeks?|days?)\b)"
                      r"[A-Za-z][\w-]+", re.I)  # fmt: skip
_QUANTIFIED = re.compile(r"\b(?:every|each|any|no|none)\s+$", re.I)

_APPROXIMATE = re.compile(r"\b(?:about|around|roughly|approximately|some|nearly|almost|"
                          r"more than|over|at least|up to|fewer than|less than|under|"
                          r"close to|an estimated|estimated)\s*$", re.I)  # fmt: skip
#: A report spoken of by its kind: "the audit", "the inquiry's", "that review".
_KIND_SAID = re.compile(r"\b(?:the|its|this|that|their|her|his)\s+(?:(?:own|final|national|"
                        r"original|\d{4})\s+)?(?P<kind>audit|inquiry|inspection|review|"
                        r"investigation|paper|study)\b", re.I)  # fmt: skip
#: a conclusion asserted ("concluded that"), not a suggestion reported ("suggested that").
_CONCLUDED = re.compile(
    r"\b(?:concluded|concludes|found|finds|showed|shows|established|"
    r"establishes|proved|proves|confirmed|confirms)\s+that\b",
    re.I,
)
_BUT = re.compile(r",?\s+but\s+")
#: a finding that says no conclusion could be drawn
_NO_CONCLUSION = re.compile(
    r"\bno\s+(?:firm\s+|clear\s+)?conclusions?\b|\b(?:could|can)\s*"
    r"not\s+(?:be\s+)?(?:conclude|draw)|\bto\s+conclude\b",
    re.I,
)
#: A length of time that says when ("eighteen months later", "two years after the audit").
_WHEN_AFTER = re.compile(r"\s+(?:calendar\s+)?(?:years?|months?|weeks?|days?)\s+"
                         r"(?:later|after|earlier|before|ago|on|since)\b", re.I)  # fmt: skip
#: What names a part of an Act, not the whole: "the change in the Act", "its duty".
_A_PART = re.compile(r"\b(?:the|its|that|this)\s+(?:change|changes|duty|power|powers|provision|"
                     r"provisions|offence|measure|amendment)\b", re.I)  # fmt: skip
_FOUND = re.compile(r"\b(?:found|finds|concluded|concludes|showed|shows|identified|"
                    r"reported|revealed|said|says|noted|highlighted|described|warned|"
                    r"estimated|counted|suggested|suggests|indicated|indicates)\b",
                    re.I)  # fmt: skip
#: "recommendation 4 asked for", "the first recommendation would change the law": what it says.
_CALLS = re.compile(r"\b(?:calls? for|called for|recommend(?:s|ed)?|asks?|asked|proposes?|"
                    r"proposed|urges?|urged|wants?|wanted|would|seeks?|sought|required|requires|"
                    r"told|tells|is about|was about|concerns|concerned|deals with|dealt with)\b",
                    re.I)  # fmt: skip
#: "the national police operation, which was recommendation 1": what it is said to be.
_IS = re.compile(r"\b(?:which|that|it)\s+(?:was|is)\s*$|\b(?:was|is)\s+(?:also\s+)?$", re.I)
#: Said of a time to come or of a time the graph cannot check.
_TIME = re.compile(r"\b(?:next|last|this|by|from|until|within|early|late)\s+(?:spring|summer|"
                   r"autumn|winter|year|month|week|session|decade|(?:19|20)\d\d)\b|\b(?:took "
                   r"effect|takes effect)\b", re.I)  # fmt: skip
_LEADS = re.compile(r"\b(?:leads?|led|lead responsibility|in charge of|owns|is responsible|"
                    r"are responsible|responsibility for|been given the lead)\b", re.I)  # fmt: skip
#: "fell to the Department for Transport", "rests with the Home Office", "was given to the
#: DfT": whose it is to do.
_FELL_TO = re.compile(r"\b(?:fell|falls|fallen|rests?|rested|lies|lay|given|assigned|allocated|"
                      r"handed)\s+(?:to|with)\s+"
                      r"(?:the\s+)?$", re.I)  # fmt: skip
#: "was addressed to the Department for Transport": whom a recommendation asks to act.
_ADDRESSED = re.compile(r"\b(?:addressed|directed)\s+(?:to|at)\s+(?:the\s+)?$", re.I)
#: "asked the College of Policing", "called on the NCA": whom a recommendation asks, in some
#: role (a lead's or a partner's).
_ASKED_OF = re.compile(r"\b(?:asked|asks|asking|urged|urges|called\s+on|calls\s+on)\s+"
                       r"(?:the\s+)?$", re.I)  # fmt: skip
_PARTNER = re.compile(r"\s*,?\s*(?:as|is|are)\s+(?:\w+\s+){0,3}?partners?\b",
                      re.I)  # fmt: skip
_CARRIES = re.compile(r"\b(?:amend|amends|amending|change|changes|implement|implemented|"
                      r"implementing|carried|carries|carry|deliver|delivered|delivers|through|"
                      r"via|rel(?:y|ies|ied) on|under|in the|using|create|creates|insert|"
                      r"inserted|answer|answers|answered|answering|response to|meets|met)\b",
                      re.I)  # fmt: skip
#: A sentence that goes on speaking of what the sentence before named.
#: ("that review", "this work": a demonstrative names again what was just named, in its own words)
_ANAPHORA = re.compile(r"\b(?:that|this|the) (?:recommendation|reform|change|proposal|duty|"
                       r"requirement|measure)\b|\b(?:both|it|they|them)\b|\b(?:that|this) "
                       r"(?:review|research|work|scheme|plan|commitment|standard|call)\b",
                       re.I)  # fmt: skip
_STAGES = [
    (re.compile(r"\b(?:first reading|introduced)\b", re.I), BILL_STAGE.FIRST_READING),
    (re.compile(r"\bsecond reading\b", re.I), BILL_STAGE.SECOND_READING),
    (re.compile(r"\bcommittee stage\b|\bin committee\b", re.I), BILL_STAGE.COMMITTEE_STAGE),
    (re.compile(r"\breport stage\b|\b(?:on|at) Report\b", re.I), BILL_STAGE.REPORT_STAGE),
    (re.compile(r"\bthird reading\b|\b(?:cleared|passed)\s+(?:the\s+)?(?:House of\s+)?"
                r"(?:Commons|Lords)\b", re.I), BILL_STAGE.THIRD_READING),
]  # fmt: skip
#: The House a stage was in: named, or by its members ("peers were told at committee stage":
#: the Lords; "MPs agreed it at report stage": the Commons).
_HOUSE_SAID = re.compile(r"\b(?:House of\s+)?(?P<house>Commons|Lords)\b|\b(?P<there>there)\b"
                         r"|\b(?P<members>[Pp]eers|[Tt]heir Lordships|MPs)\b")  # fmt: skip
_NOT_INTRODUCED = re.compile(r"\b(?:draft bill|not (?:yet )?(?:been )?introduced|no bill text|"
                             r"pre-legislative scrutiny)\b", re.I)  # fmt: skip
_THESE = re.compile(r"^\W*(?:\w+\W+){0,4}?(?:these|those|the) (?:provisions|sections|clauses|"
                    r"powers|changes)\b", re.I)  # fmt: skip
#: ("As enacted, it applies ...": a short phrase before it, set off by a comma)
_IT = re.compile(r"^\W*(?:[\w ]{1,25},\s+)?(?:It|(?:This|That|The) (?:clause|section|provision|"
                 r"Act|Bill|power|duty))\b", re.I)  # fmt: skip
_OF = re.compile(r"\s*(?:of|in|to|under|from)\s+(?:the\s+)?")
#: An age limit a provision sets: "aged 18 or over", "the defendant is 21 or older" (the age
#: from which it applies) and "a child under 16", "aged under 13" (the age below which).
_AGE_LIMIT = re.compile(r"\b(?:(?:aged|age of)\s+)?(?P<over>\d{1,2})\s+or\s+(?:over|older|above)\b"
                        r"|\b(?:aged\s+)?(?:under|below)\s+(?:the\s+age\s+of\s+)?(?P<under>\d{1,2})"
                        r"\b(?!\s*(?:%|per\s*cent|months?|weeks?|days?|years? ago|hours?))",
                        re.I)  # fmt: skip
#: A phrase set off by commas ("accepted Casey's third recommendation, to review and disregard
#: the convictions of exploited children, in June 2025"): a date after it is still the date of
#: the verb before it, however long the phrase.
#: A claim of what a clause or provision became: "became section 57", "is now s. 12".
_BECAME = re.compile(r"\b(?:became|becomes|become|renumbered(?:\s+as)?|is now)\s+(?:section|"
                     r"clause|s\.)\s*(?P<n>\d)", re.I)  # fmt: skip
#: "Baroness Casey found", "Professor Jay reported": a person's finding (in the report they
#: wrote).
_AUTHOR_FOUND = re.compile(r"\b(?:Baroness|Lord|Lady|Professor|Dame|Sir|Dr|Ms|Mrs|Mr)\s+"
                           r"(?:[A-Z][a-z]+\s+)?(?P<name>[A-Z][a-z]+)(?:['’]s\s+\w+)?\s+"
                           r"(?:found|reported|concluded|estimated|counted|showed)\b")  # fmt: skip
_APPOSITION = re.compile(r",[^,;:]*,")
#: The start of a relative clause just before its verb: "a model that the College of Policing
#: [published]", "guidance which it [issued]".
#: A date attached to a report's name: "review of March 2013", ", made in December 2023",
#: " asked in 2021", "'s inspection of December 2023".
_MONTH_NAMES = ("January|February|March|April|May|June|July|August|September|October|November|"
                "December")  # fmt: skip
_DATED_REPORT = re.compile(
    r"(?:['’]s?)?\s*,?\s*(?:(?:which|that)\s+(?:was\s+)?)?(?:(?P<verb>published|issued|made|"
    r"released|reported|asked|recommended|found|concluded|said|called for|presented)\s+)?"
    rf"(?:of|in|from)\s+(?P<when>(?:(?P<day>\d{{1,2}})\s+)?(?:(?P<month>{_MONTH_NAMES})\s+)?"
    r"(?P<year>(?:19|20)\d\d))\b(?!\s*(?:-|–|to|and)\s*\d)")  # fmt: skip
#: A report's own act dated at its clause's end: "the review had made the same point in
#: 2013, finding ...", "the inquiry set out these proposals in October 2022." (no finding's
#: verb: what it found may be dated by the events it found)
_DID_IN = re.compile(
    r"\s+(?:(?:had|has|have)\s+)?(?:already\s+)?(?P<verb>made|raised|set\s+out|published|"
    r"issued|released|presented)\s+(?:[\w'’-]+\s+){1,4}?"
    rf"(?:in|of)\s+(?P<when>(?:(?P<day>\d{{1,2}})\s+)?(?:(?P<month>{_MONTH_NAMES})\s+)?"
    r"(?P<year>(?:19|20)\d\d))(?=\s*(?:[,.;:]|$))")  # fmt: skip
#: A report's own act dated at its clause's end, a few words or a parenthesis after its name:
#: "the Telford inquiry, chaired by ..., reported in March 2022 that", "the inquiry in Telford,
#: which reported in 2023,", "the Jay report had made the same point about Rotherham in 2012."
_ACT_DATED = re.compile(
    r"(?:\s+(?:in|of|on|for)\s+[A-Z][\w'’-]*)?(?:\s*,[^,;:]*,)?\s*,?\s*(?:(?:which|that)\s+)?"
    r"(?:(?:had|has|have|was|were)\s+)?(?:first\s+|already\s+|originally\s+)?"
    r"(?P<verb>reported|published|issued|released|came\s+out|appeared|made|raised|set\s+out|"
    r"presented)\b(?:\s+(?!in\b|of\b|on\b)[\w'’-]+){0,5}?"
    rf"\s+(?:in|of|on)\s+(?P<when>(?:(?P<day>\d{{1,2}})\s+)?(?:(?P<month>{_MONTH_NAMES})\s+)?"
    r"(?P<year>(?:19|20)\d\d))(?=\s*(?:[,.;:]|that\b|$))")  # fmt: skip
#: A body's mention followed by the kind of report it made: "HMICFRS, in an inspection",
#: "IICSA's report", "HMICFRS's inspection".
_KIND_AFTER = re.compile(r"(?:['’]s?)?\s*,?\s*(?:in\s+)?(?:an?|its|the|their)?\s*(?:own\s+)?"
                         r"(?P<kind>report|audit|inquiry|inspection|review|investigation|paper|"
                         r"study)\b", re.I)  # fmt: skip
#: What a report did, in the clause after its date: "... of March 2013 found that".
_REPORT_VERB = re.compile(r",?\s*(?:[\w'’-]+\s+){0,2}?(?:found|finds|concluded|recommended|"
                          r"asked|called for|said|noted|reported|heard|described|recounted|"
                          r"warned|gave|set|showed|urged|made)\b", re.I)  # fmt: skip
#: A finding's verb and the start of what it found, before a date: the date is of that.
_WHAT_FOUND = re.compile(r"\b(?:found|finds|reported|concluded|estimated|showed|counted)\s+"
                         r"(?:that|how|whether)\b[^;:]*$", re.I)  # fmt: skip
_RELATIVE_BEFORE = re.compile(r"\b(?:that|which)\s+(?:[\w'’.-]+\s+){0,6}$", re.I)
#: A sentence that says when "it" (what the text named last) was published.
_IT_PUBLISHED = re.compile(
    r"\W*(?:It|This|That)\s+(?:was|had been)\s+(?:first\s+)?"
    r"(?:published|issued|released)\b|\W*(?:It|This|That)\s+came out\b"
)
_ISSUER = re.compile(r"\b(?:from|by)\s+(?:the\s+)?$", re.I)
#: A sentence that speaks of what a report asked for: a recommendation named by its content.
_NAMED_BY_CONTENT = re.compile(r"\b(?:recommendations?|ask(?:s|ed)?|call(?:s|ed)? for|"
                               r"recommend(?:s|ed)?|urg(?:es|ed)|propos(?:es|ed)|wanted|"
                               r"s(?:eeks|ought)|told\s+(?:[\w'’-]+\s+){1,4}?to|set\s+"
                               r"(?:[\w'’-]+\s+){1,4}?a\s+deadline)\b", re.I)  # fmt: skip
#: "In 2023 HMICFRS asked ...": the year a body asked something in (its report's year).
_MAKER_YEAR = re.compile(r"\W*(?:And\s+|But\s+)?[Ii]n\s+(?P<year>(?:19|20)\d\d),?\s+"
                         r"(?:the\s+)?")  # fmt: skip
#: What follows the body: "HMICFRS asked", "HMICFRS, in its fifth recommendation, told".
_ASKED_AFTER = re.compile(r"(?:['’]s\b[^,;]*?|,[^,;]*,)?\s+(?:\w+\s+)?(?:asked|told|"
                          r"recommended|urged|called for|proposed|wanted|sought|"
                          r"set)\b")  # fmt: skip
#: Where a sentence joins two clauses (each a claim of its own).
_JOINT = re.compile(r";\s*|,\s+(?:and|but|while|whereas)\s+|\s+and\s+(?=to\s)")
#: Words that say nothing of which recommendation a sentence means by its content.
_CONTENT_COMMON = frozenset(stem(w) for w in (*_MONTHS, "recommendation", "recommended",
                                              "asked", "should", "government", "report",
                                              "said"))  # fmt: skip


def is_claim(text: str) -> bool:
    """Whether a sentence asserts something: not a question, not a heading, four words or more."""
    stripped = text.strip()
    if stripped.endswith("?") or len(stripped.split()) < 4:
        return False
    if not stripped.endswith((".", "!", '"', "”", "'", "’", ")", ";", ":")):
        return len(stripped.split()) > 12  # a heading has no closing punctuation
    return True


#: A question that asserts what it asks about: "Is she aware that X?", "And is it not true
#: that X?", "Does the Minister accept that X?" (X is the claim).
_ASSERTING = re.compile(
    r"^(?:[^:?.!]{1,80}:\s+)?\W*(?:(?:And|But|So|Yet)\s+)?(?:is|isn['’]t|was|wasn['’]t|does|doesn['’]t|do|don['’]t)"
    r"\s+(?:(?:it|she|he|they|you|the\s+(?:noble\s+|hon\.\s+|right\s+hon\.\s+)?(?:Minister|"
    r"Lord|Lady|Baroness|Member|Secretary\s+of\s+State|Government)|my\s+(?:right\s+)?(?:hon\.|"
    r"noble|honourable)\s+(?:friend|Lord|Lady|Baroness))\s+)?(?:not\s+)?(?:aware|true|the case|"
    r"right|correct|accept|agree|recognise|know)\s+that\s+",
    re.I,
)
#: A statement with a question tagged on: "X came into force on 29 June, did it not?"
_TAG = re.compile(r",\s+(?:did|does|do|has|have|had|is|was|were|are)(?:n['’]t\s+\w+|\s+\w+\s+"
                  r"not)\s*\?\W*$", re.I)  # fmt: skip


def asserted(text: str) -> tuple[int, int] | None:
    """The span of what a question asserts ("Is she aware that X?": X; "X, did it not?": X),
    or None for a question that asks (or for no question)."""
    stripped = text.rstrip()
    if not stripped.endswith("?"):
        return None
    said = _ASSERTING.match(stripped)
    tag = _TAG.search(stripped)
    start = said.end() if said else 0
    end = tag.start() if tag else len(stripped) - 1
    if not (said or tag) or len(text[start:end].split()) < 4:
        return None
    return start, end


def _front(items: list[str], item: str, most: int = CONTEXT) -> None:
    """Put `item` first, once, keeping at most `most` items."""
    if item in items:
        items.remove(item)
    items.insert(0, item)
    del items[most:]


# ----------------------------------------------------------------------------- judging


class Judge:
    """The checks of one linker's graph."""

    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self.rec_words = {
            iri: content_words(f"{rec.title} {rec.summary}")
            for iri, rec in catalogue.recommendations.items()
        }
        self.title_words = {iri: content_words(rec.title)
                            for iri, rec in catalogue.recommendations.items()}  # fmt: skip
        self.finding_words = {
            iri: content_words(f"{f.title} {f.summary}") for iri, f in catalogue.findings.items()
        }
        self.figure_words = {
            id(figure): (content_words(figure.unit),
                         content_words(f"{figure.description} {finding.title}"))
            for finding in catalogue.findings.values() for figure in finding.figures
        }  # fmt: skip
        self.name_words: set[str] = set()
        for entity in catalogue.entities.values():
            if entity.kind in (BODY, REPORT, ACT, BILL):
                self.name_words |= content_words(entity.label)
        self.report_kinds = report_names(catalogue).types
        #: The age limits each provision's recorded status sets ("18 or over": ("over", 18)),
        #: and the parts of each instrument (a bill's clauses), for `_ages`.
        self.age_limits: dict[str, frozenset[tuple[str, int]]] = {}
        self.parts: dict[str, list[str]] = {}
        for inst in catalogue.instruments.values():
            if inst.part_of:
                self.parts.setdefault(inst.part_of, []).append(inst.iri)
            limits = frozenset(_age_limits(inst.status_text))
            if limits:
                self.age_limits[inst.iri] = limits
        #: Every fact in words, for claims no check decides (kg.text.evidence); a finding's
        #: or recommendation's report dates it too ("the audit of June 2025 recommended ...")
        issued = {iri: (r.issued,) for iri, r in catalogue.reports.items() if r.issued}
        dated = {x.iri: issued[x.report] for x in (*catalogue.recommendations.values(),
                                                   *catalogue.findings.values())
                 if x.report in issued}  # fmt: skip
        parts = {*catalogue.recommendations, *catalogue.findings}
        parts |= {i.iri for i in catalogue.instruments.values() if i.part_of}
        names = {b.iri: tuple(n for n in (*body_names(b.name), b.abbreviation) if len(n) > 2)
                 for b in catalogue.bodies.values()}  # fmt: skip
        self.evidence = (Evidence(catalogue.texts, frozenset(parts), dated,
                                  frozenset(catalogue.recommendations), names)
                         if catalogue.texts is not None else None)  # fmt: skip
        self.made_by: dict[str, set[str]] = {}  # report IRI -> the bodies that made it
        self.issuers: dict[str, set[str]] = {}  # instrument IRI -> the bodies that issued it
        for body in catalogue.bodies.values():
            names = [n for n in (*body_names(body.name), body.abbreviation) if n and len(n) > 2]
            for report in catalogue.reports.values():
                makers = f"{report.publisher} {report.author}"
                if any(re.search(rf"\b{re.escape(n)}\b", makers) for n in names):
                    self.made_by.setdefault(report.iri, set()).add(body.iri)
            for inst in catalogue.instruments.values():
                for n in names:
                    for hit in re.finditer(rf"\b{re.escape(n)}\b", inst.status_text):
                        if _ISSUER.search(inst.status_text[max(0, hit.start() - 12) : hit.start()]):
                            self.issuers.setdefault(inst.iri, set()).add(body.iri)

    def claims(self, text: str, mentions: list[Mention]) -> list[Claim]:
        """The claims of `text` in order (at most MAX_CLAIMS), each judged with the mentions
        inside it and what the text named before it: linear in the text."""
        found = []
        mentions = sorted(mentions, key=lambda m: m.start)
        starts = [m.start for m in mentions]
        reports: list[str] = []
        instruments: list[str] = []
        previous: tuple[str, ...] = ()
        last_rec = ""
        named: list[tuple[str, ...]] = [(), ()]
        for start, end in split(text):
            lo, hi = bisect_left(starts, start), bisect_left(starts, end)
            inside = [m for m in mentions[lo:hi] if m.end <= end]
            sentence = text[start:end]
            if is_claim(sentence) and len(sentence) > MAX_SENTENCE:
                found.append(Claim(sentence, start, end, Verdict.NOT_FOUND,
                                   reason="too long to be one sentence: not checked"))  # fmt: skip
            elif is_claim(sentence):
                context = Context(tuple(reports), previous, tuple(instruments), last_rec,
                                  tuple(dict.fromkeys(named[0] + named[1])))  # fmt: skip
                found.append(self.judge(sentence, start, end, inside, context))
                if len(found) >= MAX_CLAIMS:
                    break
            elif asserted(sentence) and len(sentence) <= MAX_SENTENCE:
                a, b = asserted(sentence)  # "Is she aware that X?": X, judged as said
                context = Context(tuple(reports), previous, tuple(instruments), last_rec,
                                  tuple(dict.fromkeys(named[0] + named[1])))  # fmt: skip
                part = [m for m in inside if m.start >= start + a and m.end <= start + b]
                claim = self.judge(sentence[a:b], start + a, start + b, part, context)
                found.append(replace(claim, text=sentence, start=start, end=end))
                if len(found) >= MAX_CLAIMS:
                    break
            for m in mentions[lo:hi]:
                if m.kind == REPORT:
                    _front(reports, m.id)
                elif m.kind == RECOMMENDATION:
                    _front(reports, self.catalogue.recommendations[m.id].report)
                    last_rec = m.id
                elif m.id in self.catalogue.instruments:
                    _front(instruments, m.id, 2 * CONTEXT)
            previous = tuple(dict.fromkeys(m.id for m in inside if m.kind == RECOMMENDATION))
            named = [named[1], tuple(m.id for m in mentions[lo:hi])]
        return found

    def judge(self, sentence: str, start: int, end: int, inside: list[Mention],
              context: Context = Context(), whole: bool = True) -> Claim:  # fmt: skip
        """The verdict on one claim. `whole`: a sentence, not one of its parts (a part is
        judged alone when no check that supports the sentence bears on it)."""
        checks: list[Check] = []
        for check in (self._titles, self._stances, self._count, self._statuses,
                      self._instruments_status, self._stages, self._dates, self._figures,
                      self._content, self._responsibility, self._instrument_links,
                      self._findings, self._ages, self._echoes):  # fmt: skip
            try:
                checks += check(sentence, start, inside, context)
            except (KeyError, ValueError, AttributeError):  # a fact the graph lacks
                continue
        if not checks:  # the facts in words where no structured fact decides
            checks = self._in_words(sentence, start, inside, context)
            year = self._maker_year(sentence, start, inside) if not checks else None
            if year is not None:  # "In 2023 HMICFRS asked ...": the rest in words must hold
                more = self._in_words(sentence, start, inside, context, False, [year.span])
                if more and all(c.verdict is Verdict.SUPPORTED for c in more):
                    checks = [year, *more]
        elif all(c.verdict is Verdict.SUPPORTED for c in checks):  # or to say what else is wrong
            done = [c.span for c in checks if c.span]
            checks += self._in_words(sentence, start, inside, context, True, done)
            if all(c.verdict is Verdict.SUPPORTED for c in checks):
                checks = self._unchecked(sentence, start, inside, context, checks, done)
        if not any(c.verdict is not Verdict.NOT_FOUND for c in checks):
            checks += self._evidence(sentence, start, inside, context)
        contradicted = [c for c in checks if c.verdict is Verdict.CONTRADICTED]
        supported = [c for c in checks if c.verdict is Verdict.SUPPORTED]
        if supported and not contradicted and whole:
            left = self._unsupported_part(sentence, start, inside, context, supported)
            if left is not None:  # what the graph backs is no warrant for the rest
                checks = [replace(c, verdict=Verdict.NOT_FOUND,
                                  reason=f'{c.reason}; but nothing in the graph bears on '
                                         f'"{_clip(left, 80)}"') for c in checks]  # fmt: skip
                supported = []
        deciding = contradicted or supported
        verdict = (Verdict.CONTRADICTED if contradicted else
                   Verdict.SUPPORTED if supported else Verdict.NOT_FOUND)  # fmt: skip
        undecided = [c for c in checks if c.verdict is Verdict.NOT_FOUND]
        if deciding or undecided:  # what decided, or what the graph backs and what it cannot
            reason = "; ".join(dict.fromkeys(c.reason for c in deciding or undecided))
        elif inside:
            reason = "no fact in the graph bears on what it says of " + ", ".join(
                dict.fromkeys(m.label for m in inside[:4])
            )
        else:
            reason = "it names nothing in the graph"
        links: dict[str, ClaimLink] = {}
        evidence: dict[str, list[CitationRef]] = {}
        for c in deciding:
            evidence.setdefault(c.entity, []).extend(self.catalogue.cite(c.node))
        for m in inside:
            if m.id not in links:
                links[m.id] = ClaimLink(m.id, m.kind, m.label, m.score,
                                        tuple(dict.fromkeys(evidence.get(m.id, ()))))  # fmt: skip
        for c in deciding:  # a fact about an entity the sentence names only by context
            if c.entity not in links and c.entity in self.catalogue.entities:
                entity = self.catalogue.entities[c.entity]
                links[c.entity] = ClaimLink(
                    c.entity,
                    entity.kind,
                    entity.label,
                    0.6,
                    tuple(dict.fromkeys(evidence.get(c.entity, ()))),
                )
        return Claim(sentence, start, end, verdict, tuple(links.values()), reason)

    def _unsupported_part(self, sentence, start, inside, context, supported) -> str | None:
        """The first part of a sentence of several ("X; Y", "X, and Y", "X and is now Y", "X,
        which Y") that no supporting check bears on and that is not supported judged alone,
        or None. A check bears on the part that holds what it checked (its span), else the
        part that names what its fact is about."""
        parts = _parts(sentence)
        if len(parts) == 1:
            return None
        for a, b in parts:
            here = [m for m in inside if start + a <= m.start and m.end <= start + b]
            ids = {m.id for m in here}
            if any(c.span[0] >= a and c.span[1] <= b if c.span else
                   (c.entity in ids or c.node in ids) for c in supported):  # fmt: skip
                continue
            text = sentence[a:b]
            said = _checkable(text)
            if not said or (said == "slot" and any(c.in_words for c in supported)):
                # "and I commend that to every authority": nothing a fact could settle; a date
                # or number a fact in words held with the rest of the sentence
                continue
            if _MODAL.search(text[: (_CHECKABLE.search(text) or _DATE.search(text) or
                                     re.search(r"\d|$", text)).start()]):  # fmt: skip
                continue  # "is expected to finish within three years": what is to come
            before = [m for m in inside if m.end <= start + a]
            which = re.match(r"which\s+", text)
            if which and before and not sentence[before[-1].end - start : a].strip(" ,"):
                # ", which received Royal Assent on ...": said of the name just before it
                m, at = before[-1], len(before[-1].text) + 1
                here = [replace(m, start=0, end=len(m.text))] + [
                    replace(o, start=o.start - start - a - which.end() + at,
                            end=o.end - start - a - which.end() + at) for o in here]  # fmt: skip
                text = f"{m.text} {text[which.end() :]}"
                part = self.judge(text, 0, len(text), here, self._after(context, before[:-1]),
                                  whole=False)  # fmt: skip
            else:
                part = self.judge(text, start + a, start + b, here,
                                  self._after(context, before), whole=False)  # fmt: skip
            if part.verdict is not Verdict.SUPPORTED:
                return sentence[a:b]
        return None

    def _after(self, context: Context, named: list[Mention]) -> Context:
        """The context of a sentence's part: what the text named before the sentence, and
        what the sentence named before the part."""
        if not named:
            return context
        reports, instruments = list(context.reports), list(context.instruments)
        last_rec, recs = context.last_recommendation, []
        for m in named:
            if m.kind == REPORT:
                _front(reports, m.id)
            elif m.kind == RECOMMENDATION:
                _front(reports, self.catalogue.recommendations[m.id].report)
                last_rec = m.id
                recs.append(m.id)
            elif m.id in self.catalogue.instruments:
                _front(instruments, m.id, 2 * CONTEXT)
        recs = tuple(dict.fromkeys(recs)) or context.recommendations
        said = tuple(dict.fromkeys(context.named + tuple(m.id for m in named)))
        return Context(tuple(reports), recs, tuple(instruments), last_rec, said)

    # -------------------------------------------------------------- helpers

    def _recs(self, inside: list[Mention]) -> list[str]:
        return list(dict.fromkeys(m.id for m in inside if m.kind == RECOMMENDATION))

    def _recs_or_said(self, sentence: str, inside: list[Mention], context: Context) -> list[str]:
        """The recommendations a sentence names, else the one the sentence before named when
        this one goes on speaking of it ("that recommendation", "the reform", "both") and
        names no instrument or report of its own."""
        recs = self._recs(inside)
        if recs or any(m.kind == REPORT or m.id in self.catalogue.instruments for m in inside):
            return recs
        if re.search(r"\b(?:that|this|the) recommendation\b", sentence, re.I) and \
                context.last_recommendation:  # fmt: skip
            return [context.recommendations[0] if len(context.recommendations) == 1
                    else context.last_recommendation]  # fmt: skip
        if len(context.recommendations) != 1:
            return []
        return list(context.recommendations) if _ANAPHORA.search(sentence) else []

    def _report_in(self, inside: list[Mention], context: Context, sentence: str = "",
                   start: int | None = None) -> str | None:  # fmt: skip
        """The report a sentence is about: one it names, else one named before it that fits
        the kind of document it speaks of ("the inquiry's twenty recommendations": the latest
        inquiry named), else the one named last."""
        for m in inside:
            if m.kind == REPORT:
                return m.id
            if m.kind == RECOMMENDATION:
                return self.catalogue.recommendations[m.id].report
        for m in inside:  # "IICSA's recommendations": the newest report the body made
            if (
                m.kind == BODY
                and start is not None
                and re.match(
                    r"(?:['’]s?)?\s+(?:[\w-]+\s+){0,2}recommendations?\b", sentence[m.end - start :]
                )
            ):
                made = [r for r, bodies in self.made_by.items() if m.id in bodies
                        and self.catalogue.reports[r].recommendations]  # fmt: skip
                if made:
                    return max(made, key=lambda r: (self.catalogue.reports[r].issued
                                                    or dt.date.min, r))  # fmt: skip
        said = _KIND_SAID.search(sentence) if sentence else None
        if said is not None and said.group("kind").lower() not in GENERIC_KINDS:
            kind = said.group("kind").lower()
            return next((r for r in context.reports if kind in self.report_kinds.get(r, ())), None)
        return context.reports[0] if context.reports else None

    def _names(self, iris) -> frozenset[str]:
        """How the graph names these bodies, statutes and reports (for finding them in words)."""
        names = set()
        for iri in iris:
            entity = self.catalogue.entities.get(iri)
            if entity is not None and (entity.kind in (BODY, REPORT)
                                       or iri in self.catalogue.instruments):  # fmt: skip
                names |= {entity.label, getattr(entity, "abbreviation", "")}
        return frozenset(n for n in names if len(n) > 2)

    def _label(self, iri: str) -> str:
        return self.catalogue.entities[iri].label if iri in self.catalogue.entities else iri

    def _dated(self, sentence: str) -> list[Dated]:
        """The sentence's dates, each with the kind of fact it is the date of (the event word
        nearest before it in its clause, else just after it) and where it starts."""
        events = []
        for kind, pattern in _EVENTS:
            events += [(m.start(), m.end(), kind) for m in pattern.finditer(sentence)]
        found = []
        # an event's date is the first after it: "published in December 2023, gave every force
        # until the end of 2024" (the later date is not of the publishing)
        spans = [m.span() for m in _DATE.finditer(sentence)]
        for match in _DATE.finditer(sentence):
            date = _parse_date(match)
            before = [e for e in events if e[1] <= match.start()
                      and not any(e[1] <= a and b <= match.start() for a, b in spans)
                      and not re.search(r"[;:]|,\s+and\b|\band\s+(?:the|its)\b",
                                        sentence[e[1] : match.start()])
                      and len(_APPOSITION.sub("", sentence[e[1] : match.start()])) <= 70
                      and not (_PREPOSITION.fullmatch(sentence[e[0] : e[1]])
                               and sentence[e[1] : match.start()].strip())
                      ]  # fmt: skip
            after = [e for e in events if e[0] >= match.end() and e[0] - match.end() <= 50
                     and not re.search(r"[;:,]", sentence[match.end() : e[0]])]  # fmt: skip
            if before:
                kind = max(before, key=lambda e: (e[1], e[2] != "other"))[2]
            elif after:
                kind = min(after, key=lambda e: e[0])[2]
            else:
                kind = ""
            found.append(Dated(*date, kind, match.start(), match.end()))
        return found

    def _dates_of(self, sentence: str, kind: str) -> list[Dated]:
        return [d for d in self._dated(sentence) if d.kind == kind]

    def _subject(self, sentence: str, start: int, inside: list[Mention], at: int,
                 kinds: set[str] | None = None) -> Mention | None:  # fmt: skip
        """The mention a predicate at `at` (in the sentence) is said of: the one just before
        it, with only a few words or a parenthesis (", issued under section 177 of the Act,")
        between them."""
        for m in sorted((m for m in inside if m.end - start <= at), key=lambda m: -m.end):
            gap = sentence[m.end - start : at]
            if re.fullmatch(r"\s*,[^,;]*,\s*(?:[\w'’]+\s+){0,3}", gap):
                gap = re.sub(r",[^,;]*,", " ", gap)  # a parenthesis after it
            gap = re.sub(r"^\s*,\s*(?=(?:which|that|who)\b)", " ", gap)  # ", which received"
            if "," in gap or ";" in gap or len(gap.split()) > 4:
                continue  # in a parenthesis itself, or too far to be what it is said of
            m = self._head(sentence, start, inside, m)
            if kinds is not None and m.kind not in kinds:
                return None
            return m
        return None

    def _head(self, sentence: str, start: int, inside: list[Mention], m: Mention) -> Mention:
        """The mention a name is part of the phrase of: "Section 16LA" for "the Children Act
        2004" in "Section 16LA of the Children Act 2004", "Recommendation 11" in
        "Recommendation 11 of the Casey audit"."""
        for _ in range(3):
            # "Section 16LA of the Children Act 2004", or a part just before its whole: "s. 16LA
            # CA 2004"
            head = next((o for o in inside if o.end <= m.start and (_OF.fullmatch(
                sentence[o.end - start : m.start - start]) or (
                    getattr(self.catalogue.instruments.get(o.id), "part_of", None) == m.id
                    and not sentence[o.end - start : m.start - start].strip()))),
                None)  # fmt: skip
            if head is None:
                break
            m = head
        return m

    def _unchecked(self, sentence, start, inside, context, checks, done) -> list[Check]:
        """Checks that support a claim, unless it states a number no check looked at ("which
        80 per cent of the public supported"): then the facts in words must hold it too, or
        the claim is not found (the part the graph backs is no warrant for the rest)."""
        skip = [(m.start - start, m.end - start) for m in inside] + list(done)
        said = slots_of(sentence, skip)
        ages = [(m.start(), m.end()) for m in _AGE.finditer(sentence)]
        said = slots_of(sentence, skip + ages)  # "under 13", "aged 18": an age, no count
        said = replace(said, counts=tuple(c for c in said.counts if _COUNTED.match(c[3])))
        spans = _between(skip, len(sentence))
        durations = sorted(d for a, b in spans for d in _durations(sentence, a, b))
        horizon = self.catalogue.texts.horizon
        late = [d for d, due, plan in zip(said.dates, said.deadlines,
                                          said.planned or (False,) * len(said.dates),
                                          strict=True)
                if horizon is not None and not due and not plan and _after(d, horizon)]  # fmt: skip
        if late and not _MODAL.search(sentence):
            # "a revised edition was issued by the department in September 2026": who issues
            # it is held, but the graph records nothing dated so late; what it backs is no
            # warrant for an event it has not reached
            return [replace(c, verdict=Verdict.NOT_FOUND,
                            reason=f"{c.reason}; but the graph records nothing after "
                                   f"{horizon.day} {horizon:%B %Y}") for c in checks]  # fmt: skip
        if not (said.counts or said.money or said.percents or durations):
            return checks  # "under 13", "aged 18": no count of anything
        more = self._in_words(sentence, start, inside, context, False, done)
        if more:
            return checks + more
        numbers = ", ".join(
            [_number(v) + (f" {noun}" if noun else "") for v, _, _, noun in said.counts]
            + [f"£{v:,.0f}" for v in said.money]
            + [f"{_number(v)}%" for v, _ in said.percents]
            + [f"{_number(v)} {unit}s" for v, unit in durations]
        )
        return [replace(c, verdict=Verdict.NOT_FOUND,
                        reason=f"{c.reason}; but nothing in the graph bears on {numbers}")
                for c in checks]  # fmt: skip

    def _in_words(self, sentence, start, inside, context, conflicts_only=False,
                  done=()) -> list[Check]:  # fmt: skip
        """What the facts in words say (kg.text.facts): notes, summaries, recorded statuses. A
        sentence no one fact holds whole may be two claims joined ("HMICFRS asked ... by 30 May
        2025, and its progress report of October 2025 found that still in progress"): it is
        supported when a fact supports each of its clauses, and no fact contradicts it."""
        found = self._words_judged(sentence, start, inside, context, None, conflicts_only, done)
        if found is not None and found[0].verdict == "supported":
            return [self._word_check(*found)]
        parts = _clauses(sentence)
        if len(parts) == 1:
            return [self._word_check(*found)] if found is not None else []
        judged = [self._words_judged(sentence[a:b], start + a, inside, context,
                                     (sentence, start), conflicts_only,
                                     [(x - a, y - a) for x, y in done if a <= x < b])
                  for a, b in parts]  # fmt: skip
        wrong = [j for j in judged if j is not None and j[0].verdict == "contradicted"]
        if found is not None and wrong:  # a rival the clause of the claim's number holds too
            return [self._word_check(*found)]
        if not conflicts_only and all(j is not None and j[0].verdict == "supported"
                                      for j in judged):  # fmt: skip
            # each clause's check bears on that clause
            return [replace(self._word_check(*j), span=part)
                    for j, part in zip(judged, parts, strict=True)]  # fmt: skip
        # a rival date or number of the whole that no clause alone holds is of another
        # clause's thing ("to stop ... by March 2025 and to bring in ... by March 2026")
        return []

    def _word_check(self, found, named, near) -> Check:
        catalogue = self.catalogue
        entity = (
            sorted(found.fact.about & named)
            or sorted(found.fact.about & near)
            or sorted(a for a in found.fact.about if a in catalogue.entities)
            or [found.fact.node]
        )[0]
        verdict = Verdict.SUPPORTED if found.verdict == "supported" else Verdict.CONTRADICTED
        said = _clip(found.fact.text, 160)
        return Check(verdict, entity, found.fact.node,
                     f'{self._label(entity)}: "{said}" ({found.reason})',
                     in_words=True)  # fmt: skip

    def _words_judged(self, sentence, start, inside, context, whole, conflicts_only=False,
                      done=()):  # fmt: skip
        """(the facts' judgement, what the claim names, what came just before) of `sentence`,
        or of a part of it (`whole`: the sentence and where it starts; `inside`: its
        mentions), or None."""
        catalogue = self.catalogue
        named = {m.id for m in inside if m.kind in (REPORT, RECOMMENDATION, FINDING, BODY)
                 or m.id in catalogue.instruments}  # fmt: skip
        recs = {m.id for m in inside if m.kind == RECOMMENDATION}
        if not recs:  # "HMICFRS asked the Home Office to introduce a new annual data requirement"
            recs = set(self._named_by_content(sentence, start, inside, context,
                                              whole[0] if whole else None))  # fmt: skip
            if not recs and whole:
                recs = set(self._named_by_content(*whole, inside, context))
            named |= recs
        # (a report named beside one of its recommendations still leaves its other
        # recommendations' facts to them: "tabled it, answering Recommendation 11 of the Casey
        # audit" is not a fact of its Recommendation 3)
        via = {catalogue.recommendations[r].report for r in recs} - named
        via |= {catalogue.recommendations[m.id].report for m in inside
                if m.kind == RECOMMENDATION}  # fmt: skip
        named |= via
        others = {o for r in via if r in catalogue.reports
                  for o in catalogue.reports[r].recommendations.values()} - recs  # fmt: skip
        # "section 16LA of the Children Act 2004": a fact of another section of the Act (its
        # s. 16LC) is not about the one the claim names
        provisions = {m.id for m in inside if getattr(catalogue.instruments.get(m.id),
                                                      "part_of", None)}  # fmt: skip
        wholes = {catalogue.instruments[p].part_of for p in provisions} & named
        via |= wholes
        others |= {o for w in wholes for o in self.parts.get(w, ())} - provisions
        subjects = {iri for iri in named if iri in catalogue.reports
                    or iri in catalogue.recommendations or iri in catalogue.findings}  # fmt: skip
        near = set(context.recommendations) | set(context.reports[:1])
        about = About(
            frozenset(named), frozenset(subjects),
            frozenset(iri for iri in named if iri not in catalogue.bodies), frozenset(near),
            self._names(m.id for m in inside if m.kind != FINDING),
            self._names(iri for iri in context.named if iri not in named),
            frozenset(others), frozenset(via),
        )  # fmt: skip
        skip = [(max(0, m.start - start), m.end - start) for m in inside
                if m.end > start and m.start < start + len(sentence)] + list(done)  # fmt: skip
        found = catalogue.texts.judge(sentence, skip, about, conflicts_only, catalogue.as_of)
        return None if found is None else (found, named, near)

    def _evidence(self, sentence, start, inside, context) -> list[Check]:
        """A fact in words found among all the graph's facts that says what the claim says
        (kg.text.evidence): a fact about what it names, or the report or recommendations the
        text named just before, is preferred."""
        if self.evidence is None:
            return []
        catalogue = self.catalogue
        names, tied, leaves = [], set(), set()
        for m in inside:
            if not (m.start >= start and m.end <= start + len(sentence)):
                continue
            names.append((m.start - start, m.end - start, m.id))
            tied.add(m.id)
            if m.kind == RECOMMENDATION:
                tied.add(catalogue.recommendations[m.id].report)
                leaves.add(m.id)
            elif m.kind == FINDING:
                tied.add(catalogue.findings[m.id].report)
                leaves.add(m.id)
            elif m.id in catalogue.instruments and catalogue.instruments[m.id].part_of:
                leaves.add(m.id)
        tied |= set(context.recommendations) | set(context.reports[:1])
        found = self.evidence.find(sentence, names, frozenset(tied), frozenset(leaves))
        if found is None:
            return []
        fact = found.fact
        entity = (sorted(fact.about & tied) or sorted(a for a in fact.about
                                                      if a in catalogue.entities)
                  or [fact.node])[0]  # fmt: skip
        said = _clip(fact.text, 160)
        verdict = Verdict.CONTRADICTED if found.contradicts else Verdict.SUPPORTED
        return [Check(verdict, entity, fact.node,
                      f'{self._label(entity)}: "{said}" ({found.reason})',
                      in_words=True)]  # fmt: skip

    # -------------------------------------------------------------- echoes

    def _echoes(self, sentence, start, inside, context) -> list[Check]:
        """ "Recommendation 4 echoes IICSA's first recommendation": two recommendations (or
        findings) the sentence names, compared by a verb of repeating, that the graph links by
        `echoes` (either way). Only a link held supports; none held decides nothing (the
        graph's links are not all the echoes there are)."""
        said = _ECHO.search(sentence) or _SAME.search(sentence)
        if said is None or _NEGATION.search(sentence):
            return []
        named = list(dict.fromkeys(m.id for m in inside if m.kind in (RECOMMENDATION, FINDING)))
        checks = []
        for i, a in enumerate(named):
            for b in named[i + 1 :]:
                if b in self.catalogue.echoes.get(a, ()):
                    checks.append(
                        Check(Verdict.SUPPORTED, a, a, f"{self._label(a)} echoes {self._label(b)}")
                    )
        return checks

    # -------------------------------------------------------------- stance

    def _stances(self, sentence, start, inside, context) -> list[Check]:
        # of two stances, the one said nearest the recommendation it is about ("accepted 19
        # of them and rejected only the fifth"), else the first ("accepted in April 2025 and
        # then quietly dropped": the response accepted it; what came later is no response);
        # at one place, the pattern listed first ("accepted in principle" before "accepted")
        recs_at = [(m.start - start, m.end - start) for m in inside if m.kind == RECOMMENDATION]
        said = [(min((max(a - m.end(), m.start() - b, 0) for a, b in recs_at), default=0),
                 m.start(), i, m, stance) for i, (pattern, stance) in enumerate(STANCE_WORDS)
                if (m := pattern.search(sentence)) is not None]  # fmt: skip
        if not said:
            return []
        *_, verb, claimed = min(said, key=lambda s: s[:3])
        if not (_GOVERNMENT.search(sentence) or _PASSIVE_STANCE.search(sentence)
                or any(m.kind in (BODY, RECOMMENDATION) for m in inside)
                or re.search(r"\brecommendations?\b", sentence, re.I)):  # fmt: skip
            return []  # "the court accepted the evidence": no response to a recommendation
        # "did not accept" is a pattern of its own; "has never accepted", "yet to accept" here
        negated = claimed is STANCE.ACCEPTED and bool(
            _NEGATION.search(sentence[max(0, verb.start() - 24) : verb.start()]))  # fmt: skip
        recs = self._recs_or_said(sentence, inside, context)
        if not recs:
            report = self._report_in(inside, context, sentence, start)
            if report is None:
                return []
            whole = _WHOLE.search(sentence)
            if whole:
                recs = list(self.catalogue.reports[report].recommendations.values())
            else:
                counted = _STANCE_COUNT.match(sentence, verb.end())
                if counted is not None:
                    return [replace(c, span=counted.span("n")) for c in
                            self._stance_count(report, claimed, counted.group("n"))]  # fmt: skip
                reports = [report, *(r for r in context.reports[:2] if r != report)]
                recs = self._by_title(sentence, reports)
                if not recs and re.search(r"\brecommendation\b", sentence, re.I):
                    recs = self._by_content(sentence, report)  # "the recommendation ... for X"
                if not recs:  # "the report called for X, and the Government accepted it"
                    recs = self._named_by_content(sentence, start, inside, context)
            if not recs:
                return []
        dates = self._dates_of(sentence, "stance")
        checks = []
        for rec in recs:
            held = self.catalogue.stances.get(rec)
            if held is None:
                continue
            label = self._label(rec)
            if negated:  # "never accepted": right if rejected or noted, wrong if accepted
                if held.stance is STANCE.ACCEPTED:
                    checks.append(Check(Verdict.CONTRADICTED, rec, held.node,
                                        f"the response to {label} was accepted"))  # fmt: skip
                elif held.stance in (STANCE.REJECTED, STANCE.NOTED):
                    checks.append(Check(Verdict.SUPPORTED, rec, held.node,
                                        f"the response to {label} was "
                                        f"{held.stance.label}"))  # fmt: skip
                continue
            if held.stance is not claimed:
                checks.append(Check(Verdict.CONTRADICTED, rec, held.node,
                                    f"the response to {label} was {held.stance.label}, "
                                    f"not {claimed.label}"))  # fmt: skip
                continue
            checks.append(Check(Verdict.SUPPORTED, rec, held.node,
                                f"the response to {label} was {held.stance.label}"))  # fmt: skip
            for date in dates[:1]:
                if held.issued is not None:
                    checks.append(
                        self._date_check(
                            date, held.issued, rec, held.node, f"the response to {label} was issued"
                        )
                    )
        return checks

    def _stance_count(self, report: str, claimed: Concept, said: str) -> list[Check]:
        """ "the government has accepted nineteen (of its recommendations)" against how many of
        the report's recommendations have that stance (when every one has a response)."""
        n = int(said) if said.isdigit() else NUMBER_WORDS.get(said.lower())
        recs = list(self.catalogue.reports[report].recommendations.values())
        held = [self.catalogue.stances.get(rec) for rec in recs]
        if n is None or not recs or any(h is None for h in held):
            return []
        count = sum(1 for h in held if h.stance is claimed)
        label = self._label(report)
        verdict = Verdict.SUPPORTED if count == n else Verdict.CONTRADICTED
        return [Check(verdict, report, report,
                      f"{count} of the {len(recs)} recommendations of {label} in the graph were "
                      f"{claimed.label}")]  # fmt: skip

    def _by_title(self, sentence: str, reports: list[str]) -> list[str]:
        """The one recommendation of `reports` whose title's words (two at least) are all in
        the sentence: "the national redress scheme" for "A national redress scheme"."""
        said = content_words(sentence)
        found = [iri for report in reports
                 for iri in self.catalogue.reports[report].recommendations.values()
                 if len(self.title_words[iri]) >= 2 and self.title_words[iri] <= said]  # fmt: skip
        return found if len(found) == 1 else []

    def _by_content(self, sentence: str, report: str) -> list[str]:
        """The one recommendation of `report` whose words the sentence shares most (three at
        least, and clearly more than any other)."""
        said = content_words(sentence) - self.name_words
        scored = sorted(
            (
                (len(said & self.rec_words[iri]), iri)
                for iri in self.catalogue.reports[report].recommendations.values()
            ),
            reverse=True,
        )
        if scored and scored[0][0] >= 3 and (len(scored) == 1 or scored[0][0] > scored[1][0] + 1):
            return [scored[0][1]]
        return []

    def _named_by_content(self, sentence, start, inside, context, whole=None) -> list[str]:
        """The one recommendation a sentence names by what it asks, not by its number: of a
        report it names, or one a body it or the two sentences before name made, or the report
        the text spoke of last;
        its title's words all in the sentence, or three words more of its title and summary
        than any other's (names, months and common words aside)."""
        if not _NAMED_BY_CONTENT.search(whole or sentence):
            return []  # a finding or an event on the same topic is no recommendation
        reports = [m.id for m in inside if m.kind == REPORT]
        bodies = [m.id for m in inside if m.kind == BODY]
        bodies += [iri for iri in context.named if iri in self.catalogue.bodies]
        reports += sorted(r for b in bodies for r, makers in self.made_by.items() if b in makers)
        reports += list(context.reports[:1])
        reports = [r for r in dict.fromkeys(reports) if self.catalogue.reports[r].recommendations]
        if not reports:
            return []
        spans = [(m.start - start, m.end - start) for m in inside]
        skip = "".join(" " if any(a <= i < b for a, b in spans) else c
                       for i, c in enumerate(sentence))  # fmt: skip
        said = content_words(skip) - _CONTENT_COMMON
        by_title = [iri for report in reports
                    for iri in self.catalogue.reports[report].recommendations.values()
                    if len(self.title_words[iri] - _CONTENT_COMMON) >= 3
                    and self.title_words[iri] - _CONTENT_COMMON <= said]  # fmt: skip
        if len(by_title) == 1:
            return by_title
        scored = sorted(
            ((len(said & (self.rec_words[iri] - _CONTENT_COMMON)), iri) for report in reports
             for iri in self.catalogue.reports[report].recommendations.values()),
            reverse=True,
        )  # fmt: skip
        if not scored or scored[0][0] < 4:
            return []
        best, runner = scored[0][0], scored[1][0] if len(scored) > 1 else 0
        if best >= runner + 2 or (best > runner and best * 3 >= len(said) * 2):
            return [scored[0][1]]
        return []

    # -------------------------------------------------------------- count

    def _count(self, sentence, start, inside, context) -> list[Check]:
        for match in _COUNT.finditer(sentence):
            if _QUANTIFIED.search(sentence[max(0, match.start() - 8) : match.start()]):
                continue  # "every one of its recommendations": a quantifier, not a count
            if _ASKED.search(sentence[: match.start()]):
                continue  # "asked for a report on progress against all twelve": what it asked
            word = match.group("n").lower()
            n = int(word) if word.isdigit() else NUMBER_WORDS.get(word)
            if n is None or (_STANCE_COUNT.match(sentence, match.start()) and re.search(
                    r"\b(?:accept|reject)\w*\s*$", sentence[: match.start()], re.I)):  # fmt: skip
                continue
            report_iri = self._report_in(inside, context, sentence, start)
            if report_iri is None:
                return []
            return [replace(c, span=match.span("n")) for c in self._count_of(report_iri, n)]
        return []

    def _count_of(self, report_iri: str, n: int) -> list[Check]:
        report = self.catalogue.reports[report_iri]
        numbers = sorted(report.recommendations)
        for fact in self.catalogue.texts.about(report_iri):  # "published with 20 recommendations"
            said = _COUNT.search(fact.text)
            if said:
                word = said.group("n").lower()
                held = int(word) if word.isdigit() else NUMBER_WORDS.get(word)
                if held is not None:
                    verdict = Verdict.SUPPORTED if held == n else Verdict.CONTRADICTED
                    return [
                        Check(verdict, report_iri, fact.node, f'{report.label}: "{said.group()}"')
                    ]
        if not numbers:
            return []
        complete = numbers == list(range(1, len(numbers) + 1))
        if n < numbers[-1]:
            return [
                Check(
                    Verdict.CONTRADICTED,
                    report_iri,
                    report_iri,
                    f"{report.label} has a recommendation {numbers[-1]}, so more than {n}",
                )
            ]
        if complete and n == numbers[-1]:
            return [
                Check(
                    Verdict.SUPPORTED,
                    report_iri,
                    report_iri,
                    f"{report.label} holds recommendations 1 to {n}",
                )
            ]
        return []

    # -------------------------------------------------------------- statuses

    def _claimed_statuses(self, sentence) -> tuple[set[Concept], bool, bool, int] | None:
        """(statuses the sentence claims, about the law?, negated?, where it says so)."""
        reported = bool(re.search(r"\b(?:delivery|reported)\s+status\b", sentence, re.I))
        undone = _NOT_DONE.search(sentence)
        if undone:
            law = bool(re.search(r"enacted|legislat|commenced|in force|law", undone.group(), re.I))
            if re.search(r"\b(?:in force|commenced)\b", undone.group(), re.I):
                return {STATUS.IN_FORCE, STATUS.DELIVERED}, law and not reported, True, \
                    undone.start()  # fmt: skip
            return set(DONE), law and not reported, True, undone.start()
        for pattern, statuses, law in _STATUS_PHRASES:
            said = next((m for m in pattern.finditer(sentence) if not _described(sentence, m)),
                        None)  # fmt: skip
            if said:
                before = sentence[max(0, said.start() - 30) : said.end()]
                if _MODAL.search(sentence[max(0, said.start() - 40) : said.start()]):
                    return None  # "will be commenced": what is to come
                if _ASKED.search(sentence[: said.start()]):
                    return None  # "asked ... to place reporters under a statutory duty": asked
                negated = bool(_NEGATION.search(before)) and statuses != {STATUS.NOT_STARTED}
                return set(statuses), law and not reported, negated, said.start()
        return None

    def _statuses(self, sentence, start, inside, context) -> list[Check]:
        claimed = self._claimed_statuses(sentence)
        if not claimed:
            return []
        statuses, law, negated, at = claimed
        recs = self._recs_or_said(sentence, inside, context)
        if not recs:
            return []
        subject = self._subject(sentence, start, inside, at)
        if subject is not None and subject.id in self.catalogue.instruments:
            return []  # "the Act, which received Royal Assent on ...": said of the Act
        kind = "force" if STATUS.ENACTED not in statuses else "assent"
        dates = self._dates_of(sentence, kind)
        # a date after the status of another kind of event ("through a model that the College
        # of Policing published in March 2026"): a fact of its own, that the status leaves open
        other = next((d for d in self._dated(sentence) if d.start > at
                      and d.kind in ("published", "stance", "assent", "stage") and d.kind != kind),
                     None)  # fmt: skip
        checks = []
        for rec in recs:
            label = self._label(rec)
            latest = self.catalogue.latest_status(rec)
            status = STATUS.by_notation(latest.value) if latest else None
            if status is not None:  # the reported status decides; the legal one where none is
                holds = (status in statuses) != negated
                if not holds and not negated and status is STATUS.IN_PROGRESS and (
                        statuses == {STATUS.LEGISLATING}):  # fmt: skip
                    # "an instrument ... was laid before Parliament": legislating is work in
                    # progress; a record of "in progress" neither shows nor rules out that step
                    continue
                when = f" on {latest.date.isoformat()}" if latest.date else ""
                verdict = Verdict.SUPPORTED if holds else Verdict.CONTRADICTED
                words = f"the latest reported status of {label} is {status.label}{when}"
                if not holds and not negated and latest.date and other is not None and _after(
                        (other.day, other.month, other.year), latest.date):  # fmt: skip
                    # "has been delivered through a model published in March 2026": a step
                    # after the latest report (December 2025), that the record has not reached
                    words += "; the claim speaks of a later day"
                    checks.append(Check(Verdict.NOT_FOUND, rec, latest.node, words))
                    continue
                if holds and other is not None:
                    verdict = Verdict.NOT_FOUND
                    said = sentence[other.start : other.end]
                    words += f"; but nothing in the graph bears on {said}"
                checks.append(Check(verdict, rec, latest.node, words))
                if holds and not negated and dates:
                    first = next(
                        (
                            e
                            for e in self.catalogue.facts[rec].status_events
                            if STATUS.by_notation(e.value) in statuses and e.date
                        ),
                        None,
                    )
                    if first is not None:
                        checks.append(
                            self._date_check(
                                dates[0],
                                first.date,
                                rec,
                                first.node,
                                f"{label} was {STATUS.by_notation(first.value).label}",
                            )
                        )
                continue
            legal = self.catalogue.legal_status(rec) if law else None
            if legal is not None:
                reached = legal.stage.order >= (
                    LEGAL_STAGE.IN_FORCE.order if STATUS.ENACTED not in statuses
                    else LEGAL_STAGE.ROYAL_ASSENT.order)  # fmt: skip
                node = legal.links[-1].evidence if legal.links else rec
                holds = reached != negated
                verdict = Verdict.SUPPORTED if holds else Verdict.CONTRADICTED
                checks.append(Check(verdict, rec, node, f"the legal status of {label} is "
                                    f"{legal.stage.label} (kg.rules.legal)"))  # fmt: skip
        return checks

    def _instruments_status(self, sentence, start, inside, context) -> list[Check]:
        checks = []
        for said in _IN_FORCE.finditer(sentence):
            subject = self._subject(sentence, start, inside, said.start())
            iri = subject.id if subject is not None else None
            if subject is None and not any(m.id in self.catalogue.instruments for m in inside):
                if _references(re.split(r"[.;:]\s", sentence[: said.start()])[-1]):
                    continue  # "section 96 ... came into force": a provision the graph does
                    # not hold, whose state is not its Act's
                iri = next(iter(self._instruments_said(sentence, inside, context)), None)
            if iri not in self.catalogue.instruments:  # "The Act is now in force": the last one
                continue
            inst = self.catalogue.instruments[iri]
            if inst.kind not in (ACT, SECTION) and not inst.number:
                continue
            if _MODAL.search(sentence[max(0, said.start() - 40) : said.start()]):
                continue  # "will be commenced in January": what is to come
            negated = bool(_NEGATION.search(sentence[max(0, said.start() - 12) : said.end()]))
            partly = bool(_PARTLY.search(said.group())) or bool(
                _QUALIFIED.search(sentence[said.end() : said.end() + 40])
            )  # "except for ..."
            known, words, node, since = self._in_force(inst)
            if known is None:
                continue
            # (what precedes the Act it names: "section 96 of the 2026 Act", "the change in
            # the Crime and Policing Act 2026")
            head = said.start() if subject is None else subject.start - start
            clause = re.split(r"[.;:]\s", sentence[:head])[-1]
            if known == "partly" and not partly and not negated and (
                    subject is None or inst.kind == ACT) and (
                    _references(clause) or _A_PART.search(clause)):  # fmt: skip
                continue  # "the change in the Act came into force": some part of an Act partly
                # in force, which the graph does not say is not that part
            part = self._part_in_force(inst, sentence[: said.start()]) if known == "partly" \
                else None  # fmt: skip
            if part is not None:  # "the powers in section 4 to make regulations": that part
                partly, node, since = True, part.node, part.date
                words = f"in force on {part.date.isoformat()} {part.qualification}"
            known = known is True or (partly and known == "partly")
            holds = known != negated
            verdict = Verdict.SUPPORTED if holds else Verdict.CONTRADICTED
            dates = self._dates_of(sentence, "force")
            if holds and not negated and dates and since is None:
                # in force, but since when the graph cannot say: the date claimed is unchecked
                verdict, words = Verdict.NOT_FOUND, f"{words}; nothing in the graph dates it"
            checks.append(Check(verdict, inst.iri, node, f"{inst.title}: {words}"))
            if holds and not negated and since is not None and dates:
                checks.append(self._date_check(dates[0], since, inst.iri, node,
                                               f"{inst.title} came into force"))  # fmt: skip
            break
        for iri, at in self._bills_said(sentence, start, inside, context):
            checks += self._bill(self.catalogue.instruments[iri], sentence[at:])
        return checks

    def _bills_said(self, sentence, start, inside, context) -> list[tuple[str, int]]:
        """(bill, where what is said of it starts) for the bills a sentence names, else the
        bill named last before it when it speaks of "the Bill" (or opens with "It", the last
        instrument named being a bill)."""
        named = [(m.id, m.end - start) for m in inside
                 if getattr(self.catalogue.instruments.get(m.id), "kind", "") == BILL]  # fmt: skip
        if named or any(m.id in self.catalogue.instruments for m in inside):
            return named
        said = re.search(r"\b(?:[Tt]he|[Tt]his|[Tt]hat) Bill\b", sentence)
        latest = [i for i in context.instruments if self.catalogue.instruments[i].kind == BILL]
        if said and latest:
            return [(latest[0], said.end())]
        it = re.match(r"\W*It\b", sentence)
        if it and context.instruments and context.instruments[0] in latest[:1]:
            return [(latest[0], it.end())]
        return []

    def _part_in_force(self, inst, said: str):
        """The commencement of a provision partly in force whose qualification is the part a
        claim speaks of ("The powers in section 4 to make regulations came into force": in
        force "so far as it confers power to make regulations"): two of its words or more in
        what the claim says came into force."""
        words = content_words(said) - {stem(w) for w in ("provision", "far")}
        for e in self.catalogue.in_force(inst.iri).evidence:
            if e.qualification and e.date and not inforce.is_whole(e.qualification) and \
                    len(words & content_words(e.qualification)) >= 2:  # fmt: skip
                return e
        return None

    def _in_force(self, inst) -> tuple[object, str, str, dt.date | None]:
        """(True, False, "partly" or None when unknown; in words; the node; since when) for
        a provision: kg.rules.inforce, unless all it knows is that no commencement was found,
        where the curator's recorded status ("in force on passing") says more."""
        state = self.catalogue.in_force(inst.iri)
        only_enacted = state.state is IN_FORCE_STATE.NOT_IN_FORCE and all(
            e.what == inforce.ENACTMENT for e in state.evidence)  # fmt: skip
        if state.state is IN_FORCE_STATE.NO_INFORMATION or only_enacted:
            parts = [p.strip() for p in re.split(r";\s|\.\s+(?=[A-Z])", inst.status_text)
                     if p.strip()]  # fmt: skip
            for pattern, known, first_only in _RECORDED_IN_FORCE:
                for part in parts[:1] if first_only else parts:
                    if pattern.search(part.lower()):
                        words = f'its recorded legal status says "{_clip(part, 120)}"'
                        on_passing = known is True and "on passing" in part.lower()
                        since = self.catalogue.enacted(inst.iri) if on_passing else None
                        return known, words, inst.iri, since
            return None, "", inst.iri, None
        words = f"it is {state.state.label} on {state.as_of.isoformat()} (kg.rules.inforce)"
        node = state.evidence[0].node if state.evidence else inst.iri
        if state.state is IN_FORCE_STATE.IN_FORCE:
            return True, words, node, state.date
        if state.state is IN_FORCE_STATE.PARTLY_IN_FORCE:
            return "partly", words, node, state.date
        return False, words, node, None

    def _bill(self, inst, tail) -> list[Check]:
        facts = self.catalogue.legal
        bill = facts.bills.get(inst.iri) if facts else None
        enacted = facts.instruments[inst.iri].enacted_as if facts and inst.iri in \
            facts.instruments else None  # fmt: skip
        assented = enacted is not None or (
            bill is not None
            and any(
                s.stage is BILL_STAGE.ROYAL_ASSENT
                for s in bill.stages
                if s.date <= self.catalogue.as_of
            )
        )
        lapsed = bill is not None and (bill.lapsed or bill.withdrawn)
        tail = re.split(r"[;:]|,\s+(?:and|but|while|although)\b", tail)[0]
        if re.search(r"\b(?:lapsed|fell|was withdrawn|fallen)\b", tail, re.I):
            holds = bool(lapsed) != bool(_NEGATION.search(tail))
            return [
                Check(
                    Verdict.SUPPORTED if holds else Verdict.CONTRADICTED,
                    inst.iri,
                    inst.iri,
                    f"{inst.title} " + ("lapsed" if lapsed else "did not lapse"),
                )
            ]
        if _ASSENT.search(tail) or re.search(r"\bbecame the\b.*\bAct\b", tail):
            if _MODAL.search(tail[: (_ASSENT.search(tail) or re.search("became", tail)).start()]):
                return []
            negated = bool(_NEGATION.search(tail))
            holds = assented != negated
            said = "received Royal Assent" if assented else "has not received Royal Assent"
            return [
                Check(
                    Verdict.SUPPORTED if holds else Verdict.CONTRADICTED,
                    inst.iri,
                    inst.iri,
                    f"{inst.title} {said}",
                )
            ]
        return []

    def _stages(self, sentence, start, inside, context) -> list[Check]:
        """A bill's stages: "had its second reading in the Lords on 1 May 2025", "was introduced
        in the House of Lords in December 2024", "has cleared the Commons"; the bill named, or
        "the Bill" named before."""
        bills = [iri for iri, _ in self._bills_said(sentence, start, inside, context)]
        facts = self.catalogue.legal
        if len(bills) != 1 or facts is None:
            return []
        inst = self.catalogue.instruments[bills[0]]
        bill = facts.bills.get(inst.iri)
        stages = [s for s in (bill.stages if bill else ()) if s.date <= self.catalogue.as_of]
        checks, house = [], None
        said = sorted((m.start(), m.end(), stage) for pattern, stage in _STAGES
                      for m in pattern.finditer(sentence))  # fmt: skip
        for at, end, stage in said:
            if _MODAL.search(sentence[max(0, at - 40) : at]):
                continue
            clause = re.split(r"[;,]|\band\b", sentence[end:])[0]
            named = _HOUSE_SAID.search(sentence[end : end + len(clause) + 1]) or \
                _HOUSE_SAID.search(sentence[max(0, at - 30) : at])  # fmt: skip
            if named is not None and (named.group("house") or named.group("members")):
                house = (HOUSE.COMMONS if (named.group("house") or named.group("members"))
                         in ("Commons", "MPs") else HOUSE.LORDS)  # fmt: skip
            elif named is None or not named.group("there"):
                house = None if stage is not BILL_STAGE.FIRST_READING else house
            dates = [_parse_date(d) for d in _DATE.finditer(clause)]
            if not stages:  # no stage recorded: a draft, or nothing known
                if _NOT_INTRODUCED.search(inst.status_text):
                    checks.append(
                        Check(
                            Verdict.CONTRADICTED,
                            inst.iri,
                            inst.iri,
                            f'{inst.title}: "{_clip(inst.status_text, 140)}"',
                        )
                    )
                return checks
            fitting = [s for s in stages if s.stage is stage
                       and (house is None or s.house is None or s.house is house)]  # fmt: skip
            if stage is BILL_STAGE.FIRST_READING and house is not None and bill.originating_house \
                    and bill.originating_house is not house and not fitting:  # fmt: skip
                checks.append(Check(Verdict.CONTRADICTED, inst.iri, inst.iri,
                                    f"{inst.title} was introduced in the "
                                    f"{bill.originating_house.label}"))  # fmt: skip
                continue
            if not fitting:
                continue  # the graph's stages may be incomplete: nothing said
            if not dates:
                checks.append(Check(Verdict.SUPPORTED, inst.iri, fitting[0].node,
                                    _stage_words(inst, fitting[0])))  # fmt: skip
                continue
            day, month, year = dates[0]
            same = [s for s in fitting if s.date.year == year and month in (None, s.date.month)
                    and day in (None, s.date.day)]  # fmt: skip
            chosen = same[0] if same else fitting[0]
            checks.append(Check(Verdict.SUPPORTED if same else Verdict.CONTRADICTED, inst.iri,
                                chosen.node, _stage_words(inst, chosen)))  # fmt: skip
        return checks

    # -------------------------------------------------------------- dates and makers

    def _dates(self, sentence, start, inside, context) -> list[Check]:
        checks = self._reference_years(inside) + self._year_of_body(sentence, inside)
        checks += self._report_dated(sentence, start, inside)
        checks += self._made_by(sentence, start, inside, context)
        for claimed in self._dated(sentence):
            kind = claimed.kind
            if kind == "found" and _WHAT_FOUND.search(sentence, 0, claimed.start):
                continue  # "found that three earlier reports, in 2002, ...": a date of what it
                # found, not of its finding
            if kind in ("published", "found"):
                report = self._report_said(sentence, start, inside, context, claimed.start, kind)
                if report is not None and report.issued:
                    check = self._date_check(claimed, report.issued, report.iri, report.iri,
                                             f"{report.label} was issued")  # fmt: skip
                    if kind == "found" and any(
                        m.kind == REPORT and m.start - start <= claimed.start
                        and claimed.end <= m.end - start for m in inside
                    ):  # fmt: skip
                        # "the paper of December 2020 concluded that ...": the date names the
                        # paper (its year is checked with the reference); what it concluded is
                        # the claim, for other checks to bear out
                        continue
                    checks.append(check)
            elif kind == "assent":  # of the Act or bill named, else "The Act" named before
                said = [m.id for m in inside] + [
                    iri for iri, _ in self._bills_said(sentence, start, inside, context)
                ] or self._instruments_said(sentence, inside, context)
                for iri in dict.fromkeys(said):
                    inst = self.catalogue.instruments.get(iri)
                    if inst is None or inst.kind not in (ACT, BILL):
                        continue
                    act = inst.iri
                    if inst.kind == BILL and self.catalogue.legal:
                        act = self.catalogue.legal.instruments[inst.iri].enacted_as or ""
                    day = self.catalogue.enacted(act) if act else None
                    if day is None and act in self.catalogue.instruments:  # the recorded status
                        said = re.search(r"Royal Assent\s*(?:on\s+)?(\d{1,2} \w+ \d{4})",
                                         self.catalogue.instruments[act].status_text)  # fmt: skip
                        parsed = _DATE.search(said.group(1)) if said else None
                        if parsed:
                            d = _parse_date(parsed)
                            day = dt.date(d[2], d[1], d[0]) if d[0] and d[1] else None
                    if day is not None:
                        checks.append(
                            self._date_check(
                                claimed, day, inst.iri, act, f"{self._label(act)} was enacted"
                            )
                        )
                        break
        for said in _ASSENT_ON.finditer(sentence):  # "The Crime and Policing Act 2026
            # received Royal Assent on 29 April": an Act's year is the year of its Royal Assent
            act = self._subject(sentence, start, inside, said.start(), {ACT})
            year = re.search(r"\b(?:19|20)\d\d\b", act.label) if act is not None else None
            day = self.catalogue.enacted(act.id) if act is not None else None
            if year is None or day is None:
                continue
            month = _MONTHS[said.group("month").lower()]
            claimed = Dated(int(said.group("day")), month, int(year.group()), "assent",
                            said.start("day"), said.end())  # fmt: skip
            checks.append(self._date_check(claimed, day, act.id, act.id,
                                           f"{act.label} was enacted"))  # fmt: skip
        return checks

    def _report_dated(self, sentence, start, inside) -> list[Check]:
        """A date attached to a report, or to a recommendation (its report's), in the clause of
        what it found or asked: "the Oxfordshire review of March 2013 found ...", "the fourth
        recommendation of the networks report asked in 2021", "its sixth recommendation, made
        in December 2023, gave ...": the report's issue date. Only a date that differs decides
        (the claim is contradicted); one that agrees leaves the rest to be checked."""
        checks = []
        for m in inside:
            if m.kind == REPORT:
                report = self.catalogue.reports.get(m.id)
            elif m.kind == RECOMMENDATION:
                report = self.catalogue.reports.get(self.catalogue.recommendations[m.id].report)
            elif m.kind == BODY:  # "HMICFRS, in an inspection published in ...": its report
                report, m = self._made_report(sentence, start, m)
            else:
                continue
            if report is None or report.issued is None:
                continue
            owner = re.match(r"(?:the\s+)?(.+?)['’]s?\s", m.text, re.I)
            makers = self.made_by.get(report.iri, ())
            if owner and m.kind == REPORT and any(
                    owner.group(1) in (b.name, b.abbreviation) and b.iri not in makers
                    for b in self.catalogue.bodies.values()):  # fmt: skip
                continue  # "the Home Office's own paper" taken for a report it did not make
            said = _DATED_REPORT.match(sentence, m.end - start)
            if said is None or (said.group("verb") is None and not _REPORT_VERB.match(
                    sentence, said.end())):  # fmt: skip
                said = _DID_IN.match(sentence, m.end - start) if m.kind == REPORT else None
            if said is None and m.kind == REPORT:  # its own act, the date ending its clause
                said = _ACT_DATED.match(sentence, m.end - start)
            if said is None:
                continue
            month = said.group("month")
            claimed = Dated(int(said.group("day")) if said.group("day") else None,
                            _MONTHS[month.lower()] if month else None, int(said.group("year")),
                            "published", said.start("when"), said.end())  # fmt: skip
            check = self._date_check(claimed, report.issued, report.iri, report.iri,
                                     f"{report.label} was issued")  # fmt: skip
            if check.verdict is Verdict.CONTRADICTED:
                checks.append(check)
        return checks

    def _made_report(self, sentence, start, body: Mention):
        """(the report, a mention of it) a body's mention goes on to name by its kind ("HMICFRS,
        in an inspection ...", "IICSA's report"): the one report of that kind the body made,
        else (None, the body)."""
        said = _KIND_AFTER.match(sentence, body.end - start)
        if said is None:
            return None, body
        kind = said.group("kind").lower()
        made = [r for r, bodies in self.made_by.items() if body.id in bodies
                and kind in self.report_kinds.get(r, ())]  # fmt: skip
        if len(made) != 1:
            return None, body
        at = start + said.end()
        return self.catalogue.reports[made[0]], replace(
            body, id=made[0], kind=REPORT, start=at - len(said.group("kind")), end=at
        )

    def _report_said(self, sentence, start, inside, context, at, kind):
        """The report whose publication (or finding) a date in the sentence dates: one it
        names before the date, else (for "published") the report it speaks of by its kind."""
        named = [m for m in inside if m.kind == REPORT]
        if kind == "found":  # "In February 2015 Louise Casey's inspection found ...": named only
            named = [
                m
                for m in named
                if re.match(
                    r"\W*(?:\w+\W+){0,1}(?:found|reported|"
                    r"concluded|estimated|counted|showed)\b",
                    sentence[m.end - start :],
                )
            ]
            return self.catalogue.reports[named[0].id] if named else None
        verbs = [v for v in _PUBLISHED.finditer(sentence, 0, at)]
        relative = _RELATIVE_BEFORE.search(sentence, 0, verbs[-1].start()) if verbs else None
        if relative is not None and not sentence[: relative.start()].strip(" \"'‘“(-"):
            relative = None  # "That report came out in ...": a demonstrative, no relative
        if relative is not None and not any(
                m.end - start <= relative.start() and not sentence[m.end - start : relative.start()]
                .strip(" ,") for m in named):  # fmt: skip
            # "a national operating model that the College of Policing published in March
            # 2026": the date of what the relative clause is of, no report named in it
            return None
        if named:
            return self.catalogue.reports[named[0].id]
        if any(m.id in self.catalogue.instruments for m in inside):
            return None
        own = re.search(
            r"\b(?:published|issued|released)\s+(?:its|their)\s+(?P<adj>(?:\w+\s+){0,2})"
            r"(?:report|audit|inquiry|inspection|review|investigation)\b",
            sentence,
        )
        body = self._subject(sentence, start, inside, own.start(), {BODY}) if own else None
        if body is not None:  # "IICSA published its final report": the one of its reports
            made = [r for r, bodies in self.made_by.items() if body.id in bodies]
            keyed = [r for r in made if set(own.group("adj").lower().split())
                     & set(self.catalogue.reports[r].key.split("-"))]  # fmt: skip
            chosen = keyed if len(keyed) == 1 else made if len(made) == 1 else []
            return self.catalogue.reports[chosen[0]] if chosen else None
        said = _KIND_SAID.search(sentence)
        if _IT_PUBLISHED.match(sentence) and not inside:
            # "It was published in September 2014": the one document the text just named (a
            # body is no document), when it is a report
            said = [x for x in context.named if x in self.catalogue.reports
                    or x in self.catalogue.instruments]  # fmt: skip
            return self.catalogue.reports.get(said[0]) if len(set(said)) == 1 else None
        if said is None and not re.search(r"\b(?:the|its|this|that) report\b", sentence, re.I):
            return None
        iri = self._report_in([], context, sentence)
        return self.catalogue.reports.get(iri) if iri else None

    def _instruments_said(self, sentence: str, inside: list[Mention],
                          context: Context) -> list[str]:  # fmt: skip
        """The instruments a sentence names, else those it goes on speaking of: "It" or "This
        clause" (the one named last), "these provisions" (those named before)."""
        named = [m.id for m in inside if m.id in self.catalogue.instruments]
        if named or not context.instruments:
            return named
        if _THESE.match(sentence):
            return list(context.instruments)
        if _IT.match(sentence):
            return list(context.instruments[:1])
        return []

    def _titles(self, sentence, start, inside, context) -> list[Check]:
        """A provision or clause with what its title says: "Section 16LA imposes a duty to share
        information" (title "Duty to share information"; "It defines ..." of the clause named
        before)."""
        checks = []
        said = [Mention(start, start, "", iri, self.catalogue.instruments[iri].kind, "", 0.6)
                for iri in self._instruments_said(sentence, inside, context)
                if all(m.id != iri for m in inside)][:1]  # fmt: skip
        for m in [*inside, *said]:
            inst = self.catalogue.instruments.get(m.id)
            if inst is None or inst.kind not in (SECTION, CLAUSE):
                continue
            title = content_words(re.sub(r"\(.*?\)", "", inst.title))
            # what the claim says outside the names of statutes ("Children" of "the Children
            # Act 2004" is no word of the title "Consistent identifiers for children"; a
            # body's name is: "the National Crime Agency, established under section 1")
            names = [(o.start - start, o.end - start) for o in inside
                     if o.end > o.start and o.id in self.catalogue.instruments]  # fmt: skip
            rest = content_words(" ".join(sentence[a:b] for a, b in _between(names, len(sentence))))
            # "Clause 43 ... became section 57 of the 2026 Act": what a provision became is part
            # of what the claim says, and no title holds it (a number the graph does not link)
            if any(not any(o.start - start <= b.start("n") < o.end - start for o in inside)
                   for b in _BECAME.finditer(sentence)):  # fmt: skip
                continue
            if len(title) >= 2 and len(title & rest) * 5 >= len(title) * 4:
                # a title that holds a number must hold the claim's: "a child under 14"
                # against the title "Rape of a child under 13" is contradicted (a title
                # without numbers says nothing of the claim's: dates, provisions' numbers)
                own = self._numbers(re.sub(r"\(.*?\)", "", inst.title))  # not "(clause 43 ...)"
                stated = self._numbers(sentence, start, inside) - own
                if stated and own and not own & self._numbers(sentence, start, inside):
                    shown = ", ".join(_number(n) for n in sorted(own))
                    said = ", ".join(_number(n) for n in sorted(stated))
                    reason = f"{inst.title}: its title says {shown}, not {said}"
                    checks.append(Check(Verdict.CONTRADICTED, inst.iri, inst.iri, reason))
                else:
                    checks.append(Check(Verdict.SUPPORTED, inst.iri, inst.iri,
                                        f"{inst.title}: its title"))  # fmt: skip
        return checks

    def _ages(self, sentence, start, inside, context) -> list[Check]:
        """An age limit a claim gives a provision against the one its recorded status states:
        "s. 9 applies only where the defendant is 21 or over" (recorded: 18 or over). Said of
        the provision the sentence names, else (when it opens with "It", "As enacted, it")
        of the one named just before that records an age limit of the same kind. Only a
        contradiction: an age that agrees says nothing of the rest of the claim."""
        taken = [(m.start - start, m.end - start) for m in inside]  # "Rape of a child under 13"
        said = set(_age_limits(sentence, taken))
        if not said:
            return []
        named = [m.id for m in inside if m.id in self.catalogue.instruments]
        if not named and _IT.match(sentence):  # of what was named just before
            named = [iri for iri in (*context.instruments[:1], *context.named)
                     if iri in self.catalogue.instruments]  # fmt: skip
        kinds = {k for k, _ in said}

        def recorded_of(iris) -> dict[str, frozenset[tuple[str, int]]]:
            return {iri: self.age_limits[iri] for iri in dict.fromkeys(iris)
                    if {k for k, _ in self.age_limits.get(iri, ())} & kinds}  # fmt: skip

        recorded = recorded_of(named)
        if not recorded:  # "the Bill ... it applies to anyone aged 16 or over": of its clause
            recorded = recorded_of(p for iri in named for p in self.parts.get(iri, ()))
        if len(recorded) != 1:  # none, or two provisions with limits: which one is meant?
            return []
        ((iri, limits),) = recorded.items()
        checks = []
        for kind, age in sorted(said):
            rivals = sorted(n for k, n in limits if k == kind)
            if rivals and age not in rivals:
                # every limit of the kind, the record's (a provision may set one for each
                # party: "the defendant is 18 or over ... the child is 16 or over")
                shown = " and ".join(f"{n} or over" if kind == "over" else f"under {n}"
                                     for n in rivals)  # fmt: skip
                said_words = f"{age} or over" if kind == "over" else f"under {age}"
                checks.append(Check(Verdict.CONTRADICTED, iri, iri,
                                    f"{self._label(iri)}: its recorded status says {shown}, "
                                    f"not {said_words}"))  # fmt: skip
        return checks

    def _reference_years(self, inside) -> list[Check]:
        """ "the Jay report of 2012": a year in a reference to a report that is not its year."""
        checks = []
        for m in inside:
            report = self.catalogue.reports.get(m.id)
            said = re.search(r"\b((?:19|20)\d\d)\b", m.text)
            if report is None or said is None or report.issued is None:
                continue
            if int(said.group(1)) != report.issued.year:
                checks.append(Check(Verdict.CONTRADICTED, report.iri, report.iri,
                                    f"{report.label} was issued on {report.issued.isoformat()}, "
                                    f"not in {said.group(1)}"))  # fmt: skip
        return checks

    def _year_of_body(self, sentence, inside) -> list[Check]:
        """ "recommended by IICSA in 2022", "IICSA found in 2022": the year against the issue
        dates of the reports the body made."""
        said = re.search(
            r"\b(?:(?:recommended|published|reported|found|concluded) by\s+(?:the\s+)?"
            r"(?P<who>[\w'’ ]+?)|(?P<who2>[A-Z][\w'’]*(?: [A-Z][\w'’]*)*)\s+(?:found|reported|"
            r"concluded|recommended))\s+in\s+(?P<year>(?:19|20)\d\d)\b",
            sentence,
        )
        if said is None:
            return []
        who = said.group("who") or said.group("who2")
        for m in inside:
            body = self.catalogue.bodies.get(m.id)
            if body is None or m.text not in who:
                continue
            made = [self.catalogue.reports[r] for r, bodies in self.made_by.items()
                    if m.id in bodies and self.catalogue.reports[r].issued]  # fmt: skip
            if not made:
                return []
            year = int(said.group("year"))
            hit = [r for r in made if r.issued.year == year]
            report = hit[0] if hit else made[0]
            verdict = Verdict.SUPPORTED if hit else Verdict.CONTRADICTED
            return [Check(verdict, report.iri, report.iri,
                          f"{report.label} was issued on {report.issued.isoformat()}",
                          (said.start("year") - 3, said.end("year")))]  # fmt: skip
        return []

    def _maker_year(self, sentence, start, inside) -> Check | None:
        """ "In 2023 HMICFRS asked ...": a check that a report of that year by the body that
        opens the sentence exists (with the span of the year), else None."""
        said = _MAKER_YEAR.match(sentence)
        if said is None:
            return None
        body = next((m for m in inside if m.start - start == said.end()), None)
        after = sentence[body.end - start :] if body is not None else ""
        if body is None or body.kind != BODY or not _ASKED_AFTER.match(after):
            return None
        year = int(said.group("year"))
        made = sorted(r for r, bodies in self.made_by.items() if body.id in bodies
                      and self.catalogue.reports[r].issued is not None
                      and self.catalogue.reports[r].issued.year == year)  # fmt: skip
        if not made:
            return None
        report = self.catalogue.reports[made[0]]
        return Check(Verdict.SUPPORTED, report.iri, report.iri,
                     f"{report.label} was issued on {report.issued.isoformat()}",
                     said.span("year"))  # fmt: skip

    def _made_by(self, sentence, start, inside, context) -> list[Check]:
        """ "published / commissioned / written / issued by <body>" of a report against its
        publisher and author, or of an instrument against the body its record says issued it."""
        # (a date between: "published in June 2025 by the Department for Education")
        found = re.search(r"\b(?:published|commissioned|written|produced|issued|carried out|"
                          r"led)(?:\s+(?:in|on)\s+(?:\d{1,2}\s+)?[A-Za-z]*\s*\d{4})?,?\s+by\b",
                          sentence, re.I)  # fmt: skip
        if found is None:
            found = re.search(r"\b(?:published|produced|written|prepared|laid)\s+"
                              r"(?:before\s+Parliament\s+)?for\b", sentence, re.I)  # fmt: skip
            if found is not None:
                return self._made_for(sentence, start, inside, found)
        if found is None:
            return self._made_by_active(sentence, start, inside)
        bodies = [m for m in inside if m.kind == BODY and m.start - start >= found.end()
                  and m.start - start - found.end() <= 6]  # fmt: skip
        if not bodies:
            return []
        body = bodies[0]
        subject = self._subject(sentence, start, inside, found.start())
        if subject is not None and subject.kind not in (REPORT,) and \
                subject.id not in self.catalogue.instruments:  # fmt: skip
            return []  # "Recommendation 11 of the audit is led by ...": not the report's maker
        what = [m for m in inside if m.end - start <= found.start()
                and (m.kind == REPORT or m.id in self.catalogue.instruments)]  # fmt: skip
        if what and what[-1].id in self.catalogue.instruments:
            inst = self.catalogue.instruments[what[-1].id]
            issuers = self.issuers.get(inst.iri, set())
            if not issuers:
                return []
            holds = body.id in issuers
            names = ", ".join(sorted(self._label(b) for b in issuers))
            return [Check(Verdict.SUPPORTED if holds else Verdict.CONTRADICTED, inst.iri,
                          inst.iri, f"{inst.title}: issued by {names}")]  # fmt: skip
        if what:
            report = self.catalogue.reports[what[-1].id]
        else:  # "That review, published by ...": the report it speaks of by its kind
            said = _KIND_SAID.search(sentence[: found.start()])
            iri = self._report_in([], context, sentence[: found.start()]) if said else None
            if iri is None:
                return []
            report = self.catalogue.reports[iri]
        if not report.publisher and not report.author:
            return []
        holds = body.id in self.made_by.get(report.iri, set())
        verdict = Verdict.SUPPORTED if holds else Verdict.CONTRADICTED
        return [
            Check(
                verdict,
                report.iri,
                report.iri,
                f"{report.label}: published by {report.publisher or report.author}",
            )
        ]

    def _made_for(self, sentence, start, inside, found) -> list[Check]:
        """ "<report>, published for the Home Office": the body a report was made for, as its
        publisher's record says ("House of Commons, for the Department for Communities and
        Local Government"). Decides only where that record names whom it was for."""
        body = next((m for m in inside if m.kind == BODY and 0 <= m.start - start - found.end()
                     <= 6), None)  # fmt: skip
        what = [m for m in inside if m.end - start <= found.start() and m.kind == REPORT]
        if body is None or not what:
            return []
        report = self.catalogue.reports[what[-1].id]
        made_for = re.search(r"\bfor\s+(?:the\s+)?(.+)$", report.publisher or "")
        if made_for is None:
            return []
        entity = self.catalogue.bodies.get(body.id)
        names = [n for n in (*body_names(entity.name), entity.abbreviation) if n and len(n) > 2]
        holds = any(re.search(rf"\b{re.escape(n)}\b", made_for.group(1)) for n in names)
        return [Check(Verdict.SUPPORTED if holds else Verdict.CONTRADICTED, report.iri,
                      report.iri, f"{report.label}: published by {report.publisher}")]  # fmt: skip

    def _made_by_active(self, sentence, start, inside) -> list[Check]:
        """ "<body> published / issued <report or instrument>": the same check, said actively;
        or in a relative clause, "<report>, which <body> published in March 2015"."""
        for what in inside:
            if what.kind != REPORT and what.id not in self.catalogue.instruments:
                continue
            for body in inside:
                if body.kind == BODY and re.fullmatch(
                    r"\s*,?\s*(?:which|that)\s+(?:the\s+)?",
                    sentence[what.end - start : body.start - start],
                ) and re.match(r"\s+(?:published|issued|produced)\b",
                               sentence[body.end - start :]):  # fmt: skip
                    return self._maker_check(what, body)
        for said in re.finditer(r"\b(?:published|issued|produced)\s+(?:the\s+|its\s+)?", sentence):
            body = self._subject(sentence, start, inside, said.start(), {BODY})
            what = next(
                (
                    m
                    for m in inside
                    if m.start - start == said.end()
                    and (m.kind == REPORT or m.id in self.catalogue.instruments)
                ),
                None,
            )
            if body is None or what is None:
                continue
            found = self._maker_check(what, body)
            if found:
                return found
        return []

    def _maker_check(self, what: Mention, body: Mention) -> list[Check]:
        """Whether `body` published or issued the report or instrument `what` (a report's
        publisher and author, an instrument's issuer): a maker not among them contradicts."""
        makers = self.made_by.get(what.id) or self.issuers.get(what.id)
        report = self.catalogue.reports.get(what.id)
        if not makers and report is not None and (report.publisher or report.author):
            makers = set()  # the report's makers are known, and none is a body in the graph
        elif not makers:
            return []
        names = ", ".join(sorted(self._label(b) for b in makers)) or (
            report.publisher or report.author)  # fmt: skip
        holds = body.id in makers
        return [Check(Verdict.SUPPORTED if holds else Verdict.CONTRADICTED, what.id, what.id,
                      f"{self._label(what.id)}: published or issued by {names}")]  # fmt: skip

    def _by_author(self, sentence: str, context: Context) -> list[str]:
        """The reports a person is said to have found something in: "Baroness Casey found that
        ..." (those whose author has that surname: the one the text named last, else each)."""
        said = _AUTHOR_FOUND.search(sentence)
        if said is None:
            return []
        name = said.group("name")
        written = sorted(r.iri for r in self.catalogue.reports.values()
                         if re.search(rf"\b{re.escape(name)}\b", r.author or ""))  # fmt: skip
        named = [r for r in context.reports if r in written]
        return named[:1] or written

    def _date_check(self, claimed: Dated, actual: dt.date, entity, node, words) -> Check:
        same = actual.year == claimed.year and claimed.month in (None, actual.month) and (
            claimed.day in (None, actual.day))  # fmt: skip
        verdict = Verdict.SUPPORTED if same else Verdict.CONTRADICTED
        return Check(verdict, entity, node, f"{words} on {actual.isoformat()}",
                     (claimed.start, claimed.end))  # fmt: skip

    # -------------------------------------------------------------- figures

    def _figures(self, sentence, start, inside, context) -> list[Check]:
        checks = []
        said = self._report_said(sentence, start, inside, context, 0, "published")
        report = self._report_in(inside, Context()) or (said.iri if said else None)
        # "Baroness Casey found ...": the reports she wrote (the one named last, else each)
        authored = self._by_author(sentence, context) if report is None else []
        for m in inside:
            if m.kind == FINDING:  # found by its figure, value and unit
                finding = self.catalogue.findings[m.id]
                # "The audit found ... about two-thirds of cases, a gap that Jay's inquiry had
                # warned about": the report said by its kind before the figure found it, not
                # one named only after it
                own = report
                if report is not None and not any(
                    o.kind in (REPORT, RECOMMENDATION) and o.end <= m.start for o in inside
                ):
                    before = sentence[: m.start - start]
                    if _KIND_SAID.search(before) and _FOUND.search(before):
                        own = self._report_in([], context, before)
                if own is not None and finding.report != own:
                    continue  # the figure of another report: checked below
                other = _other_figure(sentence, m.start - start, m.end - start, finding)
                other = other or _other_period(sentence, finding)
                if other is not None:  # "52 per cent ... were white": the record's 52 is Asian
                    checks.append(Check(other[0], m.id, m.id, other[1]))
                    continue
                checks.append(
                    Check(
                        Verdict.SUPPORTED, m.id, m.id, f"{finding.title} ({_figure_words(finding)})"
                    )
                )
        if checks:
            return checks
        words = content_words(sentence) - self.name_words
        taken = [(m.start - start, m.end - start) for m in inside if m.kind != FINDING]
        for q in quantities(sentence):
            if any(s < q.end and q.start < e for s, e in taken):
                continue
            if is_year(sentence, q) or is_money(sentence, q):
                continue
            approximate = bool(_APPROXIMATE.search(sentence[max(0, q.start - 20) : q.start]))
            measure = _measure(sentence, q)
            best = None
            for finding in self.catalogue.findings.values():
                if (report is not None and finding.report != report) or (
                        authored and finding.report not in authored):  # fmt: skip
                    continue
                for figure in finding.figures:
                    percent = figure.unit.lower() in ("percent", "per cent", "%")
                    if percent != q.percent:
                        continue
                    unit, described = self.figure_words[id(figure)]
                    if not percent and not (unit & set(q.unit_words)):
                        continue
                    if percent and measure and not (measure & described):
                        continue  # a share of something else
                    overlap = len(words & described)
                    if overlap < 2:
                        continue
                    tolerance = (4.0 if approximate or q.value % 1 else 1.5) if percent else (
                        abs(figure.value) * (0.1 if approximate else 0.01))  # fmt: skip
                    agrees = abs(figure.value - q.value) <= tolerance
                    key = (agrees, overlap)
                    if best is None or key > best[0]:
                        best = (key, finding, figure, agrees)
            if best is None:
                continue
            _, finding, figure, agrees = best
            said = f"{finding.title}: {_number(figure.value)} {figure.unit}"
            other = _other_period(sentence, finding) if agrees else None
            if other is not None:
                checks.append(Check(other[0], finding.iri, finding.iri, other[1]))
            elif agrees:
                checks.append(Check(Verdict.SUPPORTED, finding.iri, finding.iri, said,
                                    (q.start, q.end)))  # fmt: skip
            elif report is not None or authored:  # only the report's own figure contradicts
                checks.append(Check(Verdict.CONTRADICTED, finding.iri, finding.iri,
                                    f"{said}, not {_number(q.value)}"))  # fmt: skip
        return checks

    # -------------------------------------------------------------- content

    def _content(self, sentence, start, inside, context) -> list[Check]:
        """What a recommendation is said to ask for. Its own words support it only where that
        is what the sentence says ("recommendation 4 asked for ..."), not where they only pick
        it out for something else ("the research ..., the tenth recommendation, would be
        published next spring"); the words of another recommendation of its report contradict
        ("the national police operation, which was recommendation 1")."""
        recs = [m for m in inside if m.kind == RECOMMENDATION]
        if len(recs) != 1:
            return []
        m = recs[0]
        rec = self.catalogue.recommendations[m.id]
        before, after = sentence[: m.start - start], sentence[m.end - start :]
        said_after = re.sub(
            r"^\s*(?:of|in|from)\s+[^,;]{0,60}?(?=,|\s+(?:calls?|called|asks?|"
            r"asked|would|recommend|proposed|urged|sought|wants?|requires?|"
            r"required|told)\b)",
            "",
            after,
        )  # "of the audit asked": what it asked
        said_after = re.sub(r"^\s*,?\s*(?:which|that|who)?\s*", "", said_after)
        calls = _CALLS.match(said_after)
        relative = re.search(r"\b(?:that|which|who)\s+$", before)
        identified = _IS.search(before) is not None
        if not (calls or identified):
            return []
        rest = before + " " + after
        said = content_words(rest) - content_words(" ".join(x.text for x in inside))
        said -= {stem(w) for w in ("recommendation", "call", "government", "report", "audit")}
        if len(said) < 2:
            return []
        own = len(said & self.rec_words[rec.iri])
        others = []
        for number, iri in self.catalogue.reports[rec.report].recommendations.items():
            if iri != rec.iri:
                others.append((len(said & self.rec_words[iri]), number, iri))
        other = max(others, default=(0, 0, ""))
        if own <= 1 and other[0] >= 3 and other[0] * 2 >= len(said):
            return [
                Check(
                    Verdict.CONTRADICTED,
                    rec.iri,
                    other[2],
                    f"that is recommendation {other[1]} ({self._label(other[2])}); {rec.label}",
                )
            ]
        # "The ICO has issued a code ..., as IICSA's seventeenth recommendation asked": what the
        # recommendation asked is an aside; the claim is that it was done, and a request is no
        # evidence of that (a "done" claim needs a "done" fact)
        aside = bool(
            re.search(r"\bas\s+(?:[\w'’]+\s+){0,3}$", before, re.I) and not _NEGATION.search(before)
        )  # "Nor is there ..., as ... asked": not done
        if not calls or relative or aside or _TIME.search(sentence) or _DATE.search(sentence):
            return []  # it picks the recommendation out; what it says of it is not its content
        if own >= 2 and own * 2 >= min(len(said), 6) and own >= other[0]:
            return [Check(Verdict.SUPPORTED, rec.iri, rec.iri, f"{rec.label}: {rec.summary}")]
        return []

    def _findings(self, sentence, start, inside, context) -> list[Check]:
        if not _FOUND.search(sentence) or any(m.kind == RECOMMENDATION for m in inside):
            return []
        report = self._report_in(inside, context, sentence)
        reports = [report] if report else []
        if not any(m.kind == REPORT for m in inside):  # "IICSA found ...": the body's reports
            made = [r for m in inside if m.kind == BODY for r, bodies in self.made_by.items()
                    if m.id in bodies]  # fmt: skip
            reports = made or reports
        # a finding the sentence names by its figure ("about two-thirds of cases") is the
        # finding of its own report, whatever other report the sentence names
        reports = list(dict.fromkeys([*(self.catalogue.findings[m.id].report for m in inside
                                        if m.kind == FINDING), *reports]))  # fmt: skip
        if not reports:
            return []
        negated = bool(_NEGATION.search(sentence))
        denied = None if negated else self._denied(sentence, start, inside, reports)
        if denied is not None:
            return [denied]
        said = content_words(sentence) - self.name_words
        said -= {stem(w) for w in ("found", "report", "audit", "inquiry", "said", "concluded")}
        if len(said) < 3:
            return []
        best = None
        for report in reports:
            for iri in self.catalogue.reports[report].findings:
                shared = len(said & self.finding_words[iri])
                if best is None or shared > best[0]:
                    best = (shared, iri)
        if best is None:
            return []
        shared, iri = best
        finding = self.catalogue.findings[iri]
        summary_negated = bool(_NEGATION.search(f"{finding.title} {finding.summary}"))
        if shared >= 3 and shared * 5 >= len(said) * 3 and negated == summary_negated:
            # its words are the finding's; every number it states must be the finding's too
            stated = self._numbers(sentence, start, inside)
            held = self._numbers(f"{finding.title}. {finding.summary}") | {
                f.value for f in finding.figures}  # fmt: skip
            if stated - held:
                missing = ", ".join(_number(v) for v in sorted(stated - held))
                if held:  # the finding says how many, and it is another number
                    return [Check(Verdict.CONTRADICTED, iri, iri, f"finding: {finding.title} "
                                  f"({finding.summary}), not {missing}")]  # fmt: skip
                return []
            return [Check(Verdict.SUPPORTED, iri, iri, f"finding: {finding.title}")]
        return []

    def _denied(self, sentence, start, inside, reports) -> Check | None:
        """ "The 2020 paper concluded that Asian offenders were over-represented" where the
        paper found that some studies suggested it but that no conclusion could be drawn: a
        conclusion the finding denies. What the claim says must be what the finding reports
        as suggested (before its "but"), not the reasons it gives for drawing no conclusion."""
        asserted = _CONCLUDED.search(sentence)
        if asserted is None:
            return None
        rest = list(sentence)
        for m in inside:  # what the claim says, outside the names it gives
            rest[max(0, m.start - start) : m.end - start] = " " * (m.end - m.start)
        said = content_words("".join(rest[asserted.end() :]))
        if len(said) < 2:
            return None
        for report in reports:
            for iri in self.catalogue.reports[report].findings:
                finding = self.catalogue.findings[iri]
                parts = _BUT.split(finding.summary, maxsplit=1)
                if len(parts) < 2 or not _NO_CONCLUSION.search(f"{parts[1]} {finding.title}"):
                    continue
                suggested, reasons = content_words(parts[0]), content_words(parts[1])
                if (len(said & suggested) >= 2 and not (said - suggested) - self.name_words
                        and len(said & suggested) > len((said & reasons) - suggested)):  # fmt: skip
                    return Check(Verdict.CONTRADICTED, iri, iri, f"finding: {finding.title} "
                                 f"({_clip(finding.summary, 160)})")  # fmt: skip
        return None

    def _numbers(self, text: str, start: int = 0, inside=()) -> set[float]:
        """The numbers a text states (not a paragraph's number, a year, a date's day, nor one
        inside a name)."""
        taken = [(m.start - start, m.end - start) for m in inside]
        taken += [d.span() for d in _DATE.finditer(text)]
        # the number of a provision or recommendation ("became section 57", "Clause 43") names
        # it; it is no figure the claim states
        taken += [(q.start, q.end) for q in quantities(text)
                  if _REFERENCE_BEFORE.search(text, max(0, q.start - 24), q.start)]  # fmt: skip
        # "Eighteen months later", "four years after": when it happened, no figure it states
        taken += [(q.start, q.end) for q in quantities(text) if _WHEN_AFTER.match(text, q.end)]
        numbering = re.match(r"\s*\d{1,3}(?:\.\d{1,3})+\s", text)  # "8.2 The review found"
        taken += [numbering.span()] if numbering else []
        return {q.value for q in quantities(text) if not q.percent and not is_year(text, q)
                and not any(a < q.end and q.start < b for a, b in taken)}  # fmt: skip

    def _responsibility(self, sentence, start, inside, context) -> list[Check]:
        """ "The Home Office leads on Recommendation 1, with the Ministry of Justice as its
        partner"; "the Ministry of Justice, not the Home Office, has been given the lead"."""
        bodies = [m for m in inside if m.kind == BODY]
        recs = self._recs_or_said(sentence, inside, context)
        if (
            not recs
            and _ANAPHORA.search(sentence)
            and not any(m.kind == REPORT or m.id in self.catalogue.instruments for m in inside)
        ):
            recs = list(context.recommendations)  # "the reform": each of those named before
        if not bodies or not recs:
            return []
        lead_claim = bool(re.search(r"\blead", sentence, re.I)) and bool(_LEADS.search(sentence))
        leading = self._leading(sentence, start, bodies) if lead_claim else set()
        checks = []
        for rec in recs:
            facts = self.catalogue.facts.get(rec)
            if facts is None or not facts.responsibilities:
                continue
            leads = [r for r in facts.responsibilities if r.role == ROLE.LEAD.token]
            for body in dict((m.id, m) for m in bodies).values():
                held = [r for r in facts.responsibilities if r.body == body.id]
                negated = bool(
                    re.search(
                        r"\bnot\s+(?:the\s+)?$",
                        sentence[max(0, body.start - start - 10) : body.start - start],
                    )
                )
                before = sentence[max(0, body.start - start - 24) : body.start - start]
                partner = _PARTNER.match(sentence, body.end - start) or re.search(
                    r"\bpartners?\s+(?:\w+\s+){0,2}$", sentence[: body.start - start])  # fmt: skip
                if partner:
                    role = ROLE.PARTNER.token
                elif _ADDRESSED.search(sentence, max(0, body.start - start - 24),
                                       body.start - start):  # fmt: skip
                    role = ROLE.LEAD.token  # "was addressed to the Department for Transport"
                elif lead_claim and body.id not in leading:
                    continue  # "sharing between safeguarding partners, which the DfE leads"
                elif lead_claim:
                    role = ROLE.LEAD.token
                elif _LEADS.search(sentence) or _FELL_TO.search(before):
                    role = None  # responsible, in some role ("fell to the Department for ...")
                elif _ASKED_OF.search(before):
                    # asked of it, in some role: no proof of what else the claim says, but one
                    # the record does not give the task contradicts it
                    role = None
                    if held:
                        continue
                else:
                    continue
                label = self._label(rec)
                if held and (role is None or held[0].role == role):
                    verdict = Verdict.CONTRADICTED if negated else Verdict.SUPPORTED
                    checks.append(Check(verdict, rec, held[0].node, f"{held[0].body_label} is "
                                        f"{held[0].role} on {label}"))  # fmt: skip
                elif negated:
                    continue
                elif held:
                    checks.append(
                        Check(
                            Verdict.CONTRADICTED,
                            rec,
                            held[0].node,
                            f"{held[0].body_label} is {held[0].role} on {label}",
                        )
                    )
                elif role in (ROLE.LEAD.token, None) and leads:
                    # a body given the task that holds no role on it: the record's lead has it
                    checks.append(Check(Verdict.CONTRADICTED, rec, leads[0].node,
                                        f"{leads[0].body_label} leads on {label}"))  # fmt: skip
        return checks

    def _leading(self, sentence: str, start: int, bodies: list[Mention]) -> set[str]:
        """The bodies a claim says lead: of several bodies, the one nearest a word of leading
        ("which the Department for Education leads", "led by the Home Office"), with those
        joined to it by "and"; the others are named for something else (what a recommendation
        asks of them)."""
        if len({m.id for m in bodies}) < 2:
            return {m.id for m in bodies}
        chosen: set[str] = set()
        ordered = sorted(bodies, key=lambda m: m.start)
        for said in _LEADS.finditer(sentence):
            a, b = said.start() + start, said.end() + start
            near = min(ordered, key=lambda m: max(a - m.end, m.start - b, 0))
            chosen.add(near.id)
            at = ordered.index(near)
            for step in (-1, 1):  # "the Home Office and the Ministry of Justice lead"
                i = at
                while 0 <= i + step < len(ordered):
                    x, y = sorted((ordered[i], ordered[i + step]), key=lambda m: m.start)
                    if not re.fullmatch(r"\s*(?:,\s*)?(?:and\s+)?(?:the\s+)?",
                                        sentence[x.end - start : y.start - start]):  # fmt: skip
                        break
                    i += step
                    chosen.add(ordered[i].id)
        return chosen

    def _instrument_links(self, sentence, start, inside, context) -> list[Check]:
        recs = self._recs(inside)
        instruments = [m for m in inside if m.id in self.catalogue.instruments] or [
            Mention(start, start, "", iri, self.catalogue.instruments[iri].kind, "", 0.6)
            for iri in self._instruments_said(sentence, inside, context)]  # fmt: skip
        if not recs or not instruments or not _CARRIES.search(sentence):
            return []
        checks = []
        legal = self.catalogue.legal
        for rec in recs:
            holders = [rec, *(legal.proposals.get(rec, []) if legal else [])]
            links = [link for h in holders for link in (legal.links.get(h, []) if legal else [])]
            for m in instruments:
                family = {m.id}
                inst = self.catalogue.instruments[m.id]
                if inst.part_of:
                    family.add(inst.part_of)
                for link in links:
                    target = self.catalogue.instruments.get(link.instrument)
                    ancestry = {link.instrument, target.part_of if target else None}
                    if m.id in ancestry or link.instrument in family:
                        checks.append(Check(Verdict.SUPPORTED, m.id, link.node,
                                            f"{self._label(rec)} {link.relation.label} "
                                            f"{self._label(link.instrument)}"))  # fmt: skip
                        break
        return checks


def _clauses(sentence: str) -> list[tuple[int, int]]:
    """The spans of the clauses of a sentence joined by a semicolon or by ", and", ", but",
    ", while" (each of four words or more), else the whole sentence."""
    spans, at = [], 0
    for joint in _JOINT.finditer(sentence):
        if len(sentence[at : joint.start()].split()) >= 4 and \
                len(sentence[joint.end() :].split()) >= 4:  # fmt: skip
            spans.append((at, joint.start()))
            at = joint.end()
    return [*spans, (at, len(sentence))]


#: Where a sentence joins parts that each say something of their own: a semicolon, ", and",
#: ", but", ", while", "and" before a verb of its own ("... and is now law", "... and has
#: since written"), ", which" (what follows says more of what it names).
_PART_JOINT = re.compile(r";\s*|,\s+(?:and|but|while|whereas)\s+|,\s+(?=which\s)|"
                         r"\s+and\s+(?=(?:has|have|had|is|are|was|were)\s)")  # fmt: skip


#: What a part of a sentence may state that the graph records: a stance, a status, an
#: instrument's being in force, its assent or lapse (dates and numbers are found apart).
_CHECKABLE = re.compile("|".join([*(p.pattern for p, _ in STANCE_WORDS),
                                  *(p.pattern for p, _, _ in _STATUS_PHRASES), _NOT_DONE.pattern,
                                  _IN_FORCE.pattern, _ASSENT.pattern,
                                  r"\b(?:lapsed|fell|was withdrawn)\b"]), re.I)  # fmt: skip


def _checkable(text: str) -> str:
    """What of a part of a sentence a fact of the graph could settle: "event" (a stance, a
    status, an instrument's force, assent or lapse), "slot" (only a date or a number) or ""
    ("and I commend that to every authority", "which she regards as far below the true
    scale")."""
    if _CHECKABLE.search(text):
        return "event"
    said = slots_of(text)
    return "slot" if _DATE.search(text) or said.money or said.percents else ""


def _parts(sentence: str) -> list[tuple[int, int]]:
    """The spans of the parts of a sentence (`_PART_JOINT`), each of three words or more (a
    shorter one stays with the part before it), else the whole sentence."""
    spans, at = [], 0
    for joint in _PART_JOINT.finditer(sentence):
        if "," in sentence[joint.end() :] and sentence.startswith("which", joint.end()):
            continue  # ", which took effect in 2024, restricts ...": a parenthesis
        if len(sentence[at : joint.start()].split()) >= 3 and \
                len(sentence[joint.end() :].split()) >= 3:  # fmt: skip
            spans.append((at, joint.start()))
            at = joint.end()
    return [*spans, (at, len(sentence))]


def _described(sentence: str, said: re.Match) -> bool:
    """Whether words of a status are part of a description set off by commas ("The thirteenth
    recommendation, a legal duty on professionals to report abuse, was accepted"): what a thing
    is, not how far it has got."""
    return bool(re.search(r",\s*(?:a|an)\s+[^,;()]*$", sentence[: said.start()])) and bool(
        re.match(r"[^,;()]*,", sentence[said.start() :]))  # fmt: skip


def _parse_date(match) -> tuple[int | None, int | None, int]:
    if match.group("iso"):
        day = dt.date.fromisoformat(match.group("iso"))
        return day.day, day.month, day.year
    if match.groupdict().get("bare"):
        return None, None, int(match.group("bare"))
    day = int(match.group("day")) if match.group("day") else None
    return day, _MONTHS[match.group("month").lower()], int(match.group("year"))


def _age_limits(text: str, taken=()) -> list[tuple[str, int]]:
    """The age limits a text states, ("over", 18) for "18 or over", ("under", 16) for "under
    16", less those inside the `taken` spans (a name: "Rape of a child under 13")."""
    return [("over" if a.group("over") else "under", int(a.group("over") or a.group("under")))
            for a in _AGE_LIMIT.finditer(text)
            if not any(x < a.end() and a.start() < y for x, y in taken)]  # fmt: skip


def _clip(text: str, size: int) -> str:
    """`text` cut to at most `size` characters at a word's end, marked "..." when cut."""
    text = text.strip()
    if len(text) <= size:
        return text
    return text[: size - 4].rsplit(" ", 1)[0].rstrip(" ,;:") + " ..."


def _measure(sentence: str, q) -> set[str]:
    """What a share is a share of: "52 per cent of suspects" -> {"suspect"}."""
    of = re.match(r"\s*(?:of\s+(?:the\s+|all\s+|its\s+)?)([\w-]+)", sentence[q.end : q.end + 40])
    return {stem(of.group(1))} if of and sentence[q.end :].lstrip().startswith("of") else set()


def _stage_words(inst, stage) -> str:
    house = f" in the {stage.house.label}" if stage.house else ""
    return f"{inst.title}: {stage.stage.label}{house} on {stage.date.isoformat()}"


def _number(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:g}"


def _other_figure(sentence: str, a: int, b: int, finding) -> tuple[Verdict, str] | None:
    """Whether the figure a finding is named by (`sentence[a:b]`, with a number) is said of what
    another of its figures describes: "52 per cent of suspects were white", where the finding's
    52 per cent is the Asian share and its white share is 38 per cent. The words that tell the
    finding's figures apart (in some of their descriptions, not all) said around the number,
    between the numbers before and after it: (contradicted, why) when another figure's
    description holds them all and the one of that value does not; (not found, why) when
    neither does; None when the figure of that value holds them (or the finding has one)."""
    if len(finding.figures) < 2:
        return None
    values = quantities(sentence, a, b)
    if not values:
        return None
    value = values[0].value
    around = [q for q in quantities(sentence) if not (a <= q.start < b)]
    lo = max([q.end for q in around if q.end <= a], default=0)
    hi = min([q.start for q in around if q.start >= b], default=len(sentence))
    said = content_words(sentence[lo:hi]) - COMMON
    same = [f for f in finding.figures if abs(f.value - value) <= 0.5]
    if not same:
        return None
    # the figures of the same measure (shares with shares, counts of reports with counts of them)
    described = [(f, content_words(f.description) - COMMON) for f in finding.figures
                 if f.unit == same[0].unit]  # fmt: skip
    if len(described) < 2:
        return None
    common = frozenset.intersection(*(frozenset(d) for _, d in described))
    telling = said & (set().union(*(d for _, d in described)) - common)
    same = [(f, d) for f, d in described if abs(f.value - value) <= 0.5]
    if not telling or any(telling <= d for _, d in same):
        return None
    rivals = [(f, d) for f, d in described if telling <= d]
    if len({f.value for f, _ in rivals}) == 1:
        rival = rivals[0][0]
        return (Verdict.CONTRADICTED, f"{finding.title}: the record gives {_number(rival.value)} "
                f"{rival.unit} as the {rival.description}, and {_number(value)} "
                f"{same[0][0].unit} as the {same[0][0].description}")  # fmt: skip
    return (Verdict.NOT_FOUND, f"{finding.title}: {_number(value)} {same[0][0].unit} is the "
            f"{same[0][0].description}, not what the claim says it is")  # fmt: skip


def _other_period(sentence: str, finding) -> tuple[Verdict, str] | None:
    """A span of years the sentence gives its figure ("373 victims between 2004 and 2014")
    that is not the finding's own ("1999-2014"): the same count over another span
    contradicts. None when the sentence gives none, or the finding states none."""
    claimed = periods(sentence)
    if not claimed:
        return None
    held = periods(f"{finding.title} {finding.summary} {_figure_words(finding)}")
    if not held or claimed <= held:
        return None
    spans = ", ".join(f"{a}-{b}" for a, b in sorted(held))
    return Verdict.CONTRADICTED, f"{finding.title}: over {spans}, not " + ", ".join(
        f"{a}-{b}" for a, b in sorted(claimed - held)
    )


def _figure_words(finding) -> str:
    return "; ".join(f"{_number(f.value)} {f.unit}" for f in finding.figures)


__all__ = ["MAX_CLAIMS", "Claim", "ClaimLink", "Context", "Judge", "Verdict", "is_claim"]
