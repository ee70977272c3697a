"""Derived facts, one definition each, in the two forms callers need: SPARQL for the lists and
filters that run in the store, Python for the readers that already hold the facts.

- `status`: a recommendation's latest status, with its same-date tie-break;
- `confirmed`: whether a fact is confirmed by a primary source;
- `addressed`: whether a finding is addressed by a recommendation.

The kinds of gap and the chains of repeated calls are analyses with one home each in
`kg.analysis` (`gaps`, `recurrence`); GraphQL, `kg analyse` and the network view's highlights
call them.
"""

from . import addressed, confirmed, status

__all__ = ["addressed", "confirmed", "status"]
