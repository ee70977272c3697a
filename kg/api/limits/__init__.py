"""Protections for a public endpoint, each a small module with exact messages.

Each check returns a message naming the limit and its value, or None. The endpoint
(kg/api/http.py) runs `check_size` on the query text before parsing, `Limits.check_shape` (depth
and aliases) on the parsed document before validation, and `Limits.check_cost` (which depends on
the variables) before execution (`Limits.cost_and_check`: with the cost, which the rate limit
charges); `Limits.check` runs both of the last two.
"""

from __future__ import annotations

from dataclasses import dataclass

from graphql import DocumentNode, GraphQLSchema

from .aliases import MAX_ALIASES, check_aliases
from .cost import MAX_COST, check_cost, cost_of, refuse_cost
from .depth import MAX_DEPTH, check_depth
from .size import MAX_QUERY_CHARS, check_size

__all__ = ["MAX_ALIASES", "MAX_COST", "MAX_DEPTH", "MAX_QUERY_CHARS", "Limits", "check_size"]


@dataclass(frozen=True)
class Limits:
    depth: int = MAX_DEPTH
    aliases: int = MAX_ALIASES
    cost: int = MAX_COST
    query_chars: int = MAX_QUERY_CHARS

    def check_shape(self, document: DocumentNode) -> str | None:
        """The limits that depend on the query text alone (their verdict can be cached)."""
        return check_depth(document, self.depth) or check_aliases(document, self.aliases)

    def check_cost(self, document: DocumentNode, schema: GraphQLSchema,
                   variables: dict | None) -> str | None:  # fmt: skip
        """The limit that depends on the variables too (page sizes)."""
        return check_cost(document, schema, variables or {}, self.cost)

    def cost_and_check(self, document: DocumentNode, schema: GraphQLSchema,
                       variables: dict | None) -> tuple[int, str | None]:  # fmt: skip
        """The estimated cost, and the refusal when it is over the limit (the rate limiter
        charges by the same estimate)."""
        found = cost_of(document, schema, variables or {})
        return found, refuse_cost(found, self.cost)

    def check(self, document: DocumentNode, schema: GraphQLSchema,
              variables: dict | None) -> str | None:  # fmt: skip
        return self.check_shape(document) or self.check_cost(document, schema, variables)
