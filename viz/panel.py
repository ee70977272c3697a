"""The filter panel of a network page: what it offers, and who applies it.

A panel either belongs to a server (`action` is the view's URL: report, theme, body, status and
kind are applied there, by loading the view again with the new query) or to the page itself
(`action` None: a file written by `kg viz`, or a neighbourhood view; the page's script applies
every filter to the data it holds). Link type and "confirmed only" are always applied in the
page. Either way the URL's query says what is shown, so a view can be shared.

When the page filters itself it follows the server's rules: the entities a choice selects are
those linked to the chosen one by one of `via` (and the chosen one itself with `itself`), or
those whose `field` has the chosen value; several choices select what they all select; the view
then shows what they select and what it links to, one step out, of the kinds ticked.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Choice:
    value: str  # what the URL carries: a key (`casey-2025`), a status, or an IRI
    label: str
    iri: str = ""  # the entity it names, when it names one


@dataclass(frozen=True)
class Select:
    name: str  # the query parameter: report, theme, body, status
    label: str  # what the panel calls it
    choices: tuple[Choice, ...]
    via: tuple[str, ...] = ()  # links (edge names) from a selected entity to the chosen one
    itself: bool = False  # the chosen entity is selected too
    field: str = ""  # or: the node data field whose value is the choice (e.g. `status`)
    selected: str = ""  # the value chosen now ("" for any)


@dataclass(frozen=True)
class FilterPanel:
    action: str | None = None  # the server view that applies the selects and kinds, or None
    selects: tuple[Select, ...] = ()
    kinds: tuple[str, ...] | None = None  # the kinds offered; None: those in the view
    selected_kinds: tuple[str, ...] = ()  # the kinds shown now; empty: every kind


def choices(nodes: Iterable[tuple[str, str]], key=None) -> tuple[Choice, ...]:
    """(IRI, label) pairs as choices sorted by label; `key(iri)` is what the URL carries (the
    IRI itself by default)."""
    found = {iri: label for iri, label in nodes}
    return tuple(
        Choice(value=key(iri) if key else iri, label=label, iri=iri)
        for iri, label in sorted(found.items(), key=lambda item: (item[1].casefold(), item[0]))
    )
