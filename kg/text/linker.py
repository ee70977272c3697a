"""The linker: a text's mentions of the graph's entities and its claims, each with a verdict.

    linker = Linker.from_store(store)      # reads the graph once (four SELECTs)
    result = linker.link(text)             # no store access: bounded, linear in the text
    result.to_json()                       # {"mentions": [...], "claims": [...]}

One linker serves `kg link`, `kg draft`, the /link page and GraphQL `link(text:)`; build it once
per store and share it (it is read-only after `from_store`).
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field

from ..store import Store
from .catalogue import Catalogue
from .claims import Claim, Judge, Verdict
from .errors import TextInputError
from .extract import DEFAULT_LIMITS, Limits
from .mentions import Finder, Mention, forget_texts


@dataclass
class LinkResult:
    text: str
    mentions: list[Mention] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)

    def to_json(self) -> dict:
        """The contract's shape: {"mentions": [...], "claims": [...]}."""
        return {
            "mentions": [m.as_json() for m in self.mentions],
            "claims": [c.as_json() for c in self.claims],
        }

    def counts(self) -> dict[str, int]:
        """Claims by verdict."""
        found = {v.value: 0 for v in Verdict}
        for claim in self.claims:
            found[claim.verdict.value] += 1
        return found


class Linker:
    def __init__(self, catalogue: Catalogue):
        self.catalogue = catalogue
        self.finder = Finder(catalogue)
        self.judge = Judge(catalogue)

    @classmethod
    def from_store(cls, store: Store, as_of: dt.date | None = None) -> Linker:
        """A linker over the graph in `store`; verdicts on statuses are as of `as_of` (today)."""
        return cls(Catalogue.from_store(store, as_of))

    def link(self, text: str, limits: Limits = DEFAULT_LIMITS, name: str = "-") -> LinkResult:
        """The mentions and claims of `text` (at most `limits.max_chars` characters; raises
        TextInputError beyond that, or when the work takes longer than `limits.max_seconds`)."""
        if not isinstance(text, str):
            raise TextInputError(name, f"expected text, got {type(text).__name__}")
        if len(text) > limits.max_chars:
            raise TextInputError(name, f"more than {limits.max_chars:,} characters of text "
                                 "(the limit)")  # fmt: skip
        began = time.monotonic()
        try:
            mentions = self.finder.find(text)
            if time.monotonic() - began > limits.max_seconds:
                raise TextInputError(name, f"linking took longer than {limits.max_seconds:g} s")
            claims = self.judge.claims(text, mentions)
        finally:
            forget_texts()
        return LinkResult(text, mentions, claims)
