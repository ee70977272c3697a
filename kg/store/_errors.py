"""What goes wrong at the seam, whichever store is behind it."""

from __future__ import annotations


class NoBuild(Exception):
    """There is no build to read."""


class QueryRefused(Exception):
    """A user's SPARQL query cannot be answered as asked (syntax, an update, too many results)."""


class BadStoreSpec(ValueError):
    """A `--store` option that names no store we know."""


class RemoteError(Exception):
    """The remote store failed or refused a request (the message says which and why)."""
