"""What the graph says of a claim: its own small module, so that the GraphQL schema and the
/link page name the verdicts without loading the linker (kg.text.claims judges the claims)."""

from enum import Enum


class Verdict(Enum):
    SUPPORTED = "supported"
    CONTRADICTED = "contradicted"
    NOT_FOUND = "not_found"
