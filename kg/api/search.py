"""GraphQL search: `search(text, first)` (the core contract: ranked entities) and
`searchResults`, a connection with BM25 scores, snippets with their highlighted words,
`totalCount`, filters by kind, report and confirmed, and cursors (kg.api.pagination: they carry
the build id, so a cursor from another build is refused).

Both ask the build's search index (kg.search), found on first use: beside the build file and
made from it if it is missing or was made from another build, or, with no build file at hand
(a server over a store alone), made from the store. The index gives IRIs in order; the nodes
are described through the store, in one round trip per page.
"""

from __future__ import annotations

import re
import threading

import graphene
from graphene import relay

from ontology.vocabulary import KIND

from .. import search as index_module
from .context import Build, UserError
from .pagination import DEFAULT_PAGE, decode, encode
from .types import CONFIRMED_ARG, Entity

_MEMO_KEY = "search-index"
_opening = threading.Lock()


def index_of(build: Build) -> index_module.SearchIndex:
    """The build's search index, opened (or made) on first use and then kept; a second thread
    asking meanwhile waits for it rather than making it again."""
    if _MEMO_KEY not in build.memos:
        with _opening:
            if _MEMO_KEY not in build.memos:
                if build.build_path is not None and build.build_path.is_file():
                    build.memo(_MEMO_KEY, lambda: index_module.ensure_index(
                        build.build_path, build.build_id))  # fmt: skip
                else:
                    index_module.log.info("search index: no build file at hand; made from "
                                          "the store")  # fmt: skip
                    build.memo(_MEMO_KEY, lambda: index_module.index_from_store(
                        build.store, build.build_id))  # fmt: skip
    return build.memos[_MEMO_KEY]


def _enum_name(kind_name: str) -> str:
    """ProposedChange -> PROPOSED_CHANGE."""
    return re.sub(r"(?<!^)(?=[A-Z])", "_", kind_name).upper()


EntityKind = graphene.Enum(
    "EntityKind",
    [(_enum_name(kind.name), kind.name) for kind in KIND],
    description="The kinds of entity people browse and search.",
)


class SearchHighlight(graphene.ObjectType):
    """A matched word in a snippet: its characters [start, end)."""

    start = graphene.Int(required=True)
    end = graphene.Int(required=True)


class SearchConnection(relay.Connection):
    """Entities matching a search, best first (BM25: a label or name hit counts above a
    summary hit), with how many match in all."""

    class Meta:
        node = Entity

    class Edge:
        score = graphene.Float(required=True, description="BM25 relevance: higher is better")
        snippet = graphene.String(
            required=True, description="the best-matching text, shortened around its matches"
        )
        highlights = graphene.List(
            graphene.NonNull(SearchHighlight),
            required=True,
            description="where the searched words are in `snippet`",
        )

    total_count = graphene.Int(required=True)

    def resolve_total_count(connection, info):
        if connection.total_count is None:  # counted only when asked for
            connection.total_count = connection.count()
        return connection.total_count


def _checked_first(first: int | None, ctx) -> int:
    first = DEFAULT_PAGE if first is None else first
    if first < 0:
        raise UserError(f"first: must be 0 or more, got {first}")
    if first > ctx.max_page_size:
        raise UserError(f"first: {first} exceeds the maximum page size of {ctx.max_page_size}")
    return first


def _query(ctx, text: str, **options) -> index_module.Results:
    try:
        return index_of(ctx.build).query(text, **options)
    except index_module.SearchError as exc:
        raise UserError(str(exc)) from None


class SearchQuery:
    """The root fields `search` and `searchResults` (mixed into Query)."""

    search = graphene.List(
        graphene.NonNull(Entity),
        required=True,
        text=graphene.String(required=True),
        first=graphene.Int(),
        confirmed=CONFIRMED_ARG,
        description="Entities whose label, title, summary, name or definition holds every word "
        "of the text (stemmed: taxi finds taxis), best first; `searchResults` adds scores, "
        "snippets, filters and pages.",
    )
    search_results = graphene.Field(
        SearchConnection,
        required=True,
        text=graphene.String(required=True, description="words, each of which must occur"),
        kind=graphene.List(graphene.NonNull(EntityKind), description="only these kinds"),
        report=graphene.ID(description="only this report, its findings and recommendations"),
        confirmed=CONFIRMED_ARG,
        first=graphene.Int(),
        after=graphene.String(),
    )

    def resolve_search(root, info, text, first=None, confirmed=None):
        ctx = info.context
        first = _checked_first(first, ctx)
        found = _query(ctx, text, confirmed=confirmed, first=first, count=False, snippets=False)
        return ctx.describer.get_many([hit.iri for hit in found.hits])

    def resolve_search_results(root, info, text, kind=None, report=None, confirmed=None,
                               first=None, after=None):  # fmt: skip
        ctx = info.context
        first = _checked_first(first, ctx)
        start = decode(after, ctx.build.build_id) + 1 if after else 0
        options = {
            "kinds": None if kind is None else [k.value for k in kind],
            "report": ctx.iri(report, "report") if report else None,
            "confirmed": confirmed,
        }
        # One more than asked for: whether there is a next page, without counting them all.
        found = _query(ctx, text, **options, first=first + 1, offset=start, count=False)
        hits = found.hits[:first]
        nodes = ctx.describer.get_many([hit.iri for hit in hits])  # one round trip
        Edge = SearchConnection.Edge
        edges = [
            Edge(node=node, cursor=encode(ctx.build.build_id, i), score=hit.score,
                 snippet=hit.snippet,
                 highlights=[SearchHighlight(start=s, end=e) for s, e in hit.highlights])
            for i, (hit, node) in enumerate(zip(hits, nodes, strict=True), start=start)
        ]  # fmt: skip
        connection = SearchConnection(
            edges=edges,
            page_info=relay.PageInfo(
                has_next_page=len(found.hits) > first,
                has_previous_page=start > 0,
                start_cursor=edges[0].cursor if edges else None,
                end_cursor=edges[-1].cursor if edges else None,
            ),
            total_count=None,
        )
        connection.count = lambda: _query(ctx, text, **options, first=0, snippets=False).total
        return connection
