"""GraphQL `link(text:)`: a text's mentions of the graph's entities and its claims, each claim
with a verdict (supported, contradicted, not found) and the evidence for it, from the linker
(kg.text.linker) that `kg link` and the /link page use too.

The linker reads the graph once per build and day (`linker_of`, kept by `Build.memo`: its
verdicts on statuses are as of the day it was made). The text is bounded: at most
MAX_TEXT_CHARS characters (the /link page's limit too; a longer one is refused with an error that
names the argument), LINK_SECONDS of work, and LINK_SLOTS texts linked at once by the whole
server (a request that waits longer than BUSY_SECONDS for a slot is told to try again), so that
long texts sent fast cannot take every core. A query's own text is limited to 20,000 characters
(kg/api/limits), so send a long text as a variable:
`query ($t: String!) { link(text: $t) { ... } }`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import threading

import graphene

from ontology.vocabulary import AUTHORITY

from ..text.errors import TextInputError
from ..text.extract import DEFAULT_LIMITS
from ..text.verdict import Verdict
from .context import Build, UserError
from .types import Authority, Entity, is_entity

#: The longest text `link` (and the /link page) takes, in characters.
MAX_TEXT_CHARS = 50_000
#: The most seconds the linker may work on one text.
LINK_SECONDS = 10.0
#: Texts the server links at once, and how long a request waits for its turn (a waiting
#: request holds a worker thread: not long).
LINK_SLOTS, BUSY_SECONDS = 2, 5.0
_MEMO_KEY = "text-linker"
_building = threading.Lock()
_slots = threading.BoundedSemaphore(LINK_SLOTS)


def linker_of(build: Build, today: dt.date | None = None):
    """The build's linker for `today` (default: today), made on first use and then kept; a
    second thread asking meanwhile waits for it rather than reading the graph again, and the
    linker of an earlier day is let go."""
    from ..text.linker import Linker  # the linker's modules load on its first use, not at start

    day = today or dt.date.today()
    key = (_MEMO_KEY, day)
    if key not in build.memos:
        with _building:
            if key not in build.memos:
                for old in [k for k in build.memos if isinstance(k, tuple) and k[0] == _MEMO_KEY]:
                    del build.memos[old]
                build.memo(key, lambda: Linker.from_store(build.store, day))
    return build.memos[key]


def too_long(text: str, name: str = "text") -> str | None:
    """The refusal of a text over MAX_TEXT_CHARS, naming the argument (or field) `name`."""
    if len(text) > MAX_TEXT_CHARS:
        return (f"{name}: the text is {len(text):,} characters; the limit is "
                f"{MAX_TEXT_CHARS:,}")  # fmt: skip
    return None


def link_text(build: Build, text: str, name: str = "text"):
    """The linker's answer for `text` (a kg.text LinkResult), or UserError naming `name` when
    the text is empty, too long, or one the linker refuses (kg.text.errors.TextInputError)."""
    refused = too_long(text, name)
    if refused:
        raise UserError(refused)
    if not text.strip():
        raise UserError(f"{name}: the text is empty")
    limits = dataclasses.replace(DEFAULT_LIMITS, max_chars=MAX_TEXT_CHARS,
                                 max_seconds=LINK_SECONDS)  # fmt: skip
    linker = linker_of(build)
    if not _slots.acquire(timeout=BUSY_SECONDS):
        raise UserError(f"{name}: the server is busy linking other texts; try again shortly")
    try:
        return linker.link(text, limits, name)
    except TextInputError as exc:
        raise UserError(f"{name}: {exc.problem}") from None
    finally:
        _slots.release()


#: What the graph says of a claim (kg.text.claims.Verdict: SUPPORTED, CONTRADICTED, NOT_FOUND).
LinkVerdict = graphene.Enum.from_enum(
    Verdict, name="LinkVerdict", description="What the graph says of a claim: a fact backs it, a "
    "fact conflicts with it, or nothing in the graph bears on it")  # fmt: skip


def _entity(info, iri: str):
    d = info.context.describer.get(iri)
    return d if is_entity(d) else None


class LinkMention(graphene.ObjectType):
    """A span of the text that names an entity of the graph."""

    text = graphene.String(required=True, description="the span as the text writes it")
    start = graphene.Int(
        required=True,
        description="offset of its first character (in Unicode code points, as Python counts; "
        "JavaScript counts UTF-16 units)",
    )
    end = graphene.Int(required=True, description="offset just after its last character")
    id = graphene.ID(required=True, description="the entity's IRI")
    kind = graphene.String(required=True, description="the entity's kind, e.g. Body, Act, "
                           "Section, Recommendation")  # fmt: skip
    label = graphene.String(required=True)
    score = graphene.Float(required=True, description="how sure the linker is, from 0 to 1")
    entity = graphene.Field(Entity, description="the entity itself (null if the build no longer "
                            "holds it)")  # fmt: skip

    def resolve_entity(mention, info):
        return _entity(info, mention["id"])


class LinkEvidence(graphene.ObjectType):
    """A citation for the facts a verdict rests on."""

    source = graphene.String(required=True, description="the source's IRI")
    title = graphene.String()
    locator = graphene.String()
    url = graphene.String()
    authority = graphene.Field(Authority)

    def resolve_authority(evidence, info):
        value = evidence.get("authority")
        if not value:
            return None
        concept = AUTHORITY.by_token(str(value).lower()) or AUTHORITY.by_iri(str(value))
        return concept.notation if concept else None


class LinkClaimLink(graphene.ObjectType):
    """An entity a claim is about, with the evidence the verdict found there."""

    id = graphene.ID(required=True)
    kind = graphene.String(required=True)
    label = graphene.String(required=True)
    score = graphene.Float(required=True)
    evidence = graphene.List(graphene.NonNull(LinkEvidence), required=True)
    entity = graphene.Field(Entity)

    def resolve_entity(link, info):
        return _entity(info, link["id"])


class LinkClaim(graphene.ObjectType):
    """A sentence of the text that states something the graph can check."""

    text = graphene.String(required=True)
    start = graphene.Int(required=True)
    end = graphene.Int(required=True)
    verdict = graphene.Field(LinkVerdict, required=True)
    links = graphene.List(graphene.NonNull(LinkClaimLink), required=True)
    reason = graphene.String(description="why the verdict, in words")


class LinkResult(graphene.ObjectType):
    """The linker's answer (its fields are read from kg.text's JSON, dicts all the way down)."""

    mentions = graphene.List(graphene.NonNull(LinkMention), required=True)
    claims = graphene.List(graphene.NonNull(LinkClaim), required=True)


class LinkQuery:
    """The root field `link` (mixed into Query)."""

    link = graphene.Field(
        LinkResult,
        required=True,
        text=graphene.String(
            required=True,
            description=f"at most {MAX_TEXT_CHARS:,} characters (send a long text as a variable)",
        ),
        description="The entities a text mentions and the claims it makes, each claim with a "
        "verdict (SUPPORTED, CONTRADICTED, NOT_FOUND) and the evidence for it, as `kg link` "
        "gives them.",
    )

    def resolve_link(root, info, text):
        found = link_text(info.context.build, text).to_json()
        # every entity the answer may show, in one round trip
        info.context.describer.get_many(
            [m["id"] for m in found["mentions"]]
            + [link["id"] for c in found["claims"] for link in c["links"]]
        )
        return found
