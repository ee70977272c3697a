"""Refuse query texts that are too long to be a real query (before parsing them)."""

MAX_QUERY_CHARS = 20_000


def check_size(query: str, limit: int = MAX_QUERY_CHARS) -> str | None:
    if len(query) > limit:
        return f"query text is {len(query)} characters; the limit is {limit}"
    return None
