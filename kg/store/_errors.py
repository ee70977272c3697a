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


class StoreUnavailable(RemoteError):
    """The store cannot answer just now: it cannot be reached, does not answer in time, or
    answers with an HTTP error. Not a bug of ours, and it passes: a server answers 503 with
    `Retry-After` while it lasts, and the next request after it tries the store again.

    `str(exc)` is for the operator (the store's URL and the cause, one line); `public` is for
    a client of the server (the cause, without the store's address)."""

    #: Seconds a client is asked to wait before trying again (the `Retry-After` header).
    retry_after = 5

    def __init__(self, message: str, public: str):
        super().__init__(message)
        self.public = public
