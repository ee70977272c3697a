"""Relay connections with opaque cursors that stay valid for the same build.

A cursor encodes the build's identity and an offset into the list's stable order; a cursor
from another build (or forged) is refused with a clear message rather than silently misread.
"""

from __future__ import annotations

import base64
import binascii

from graphene import relay

from .context import UserError

DEFAULT_PAGE = 20


def encode(build_id: str, offset: int) -> str:
    return base64.urlsafe_b64encode(f"v1:{build_id}:{offset}".encode()).decode()


def decode(cursor: str, build_id: str) -> int:
    try:
        version, build, offset = base64.urlsafe_b64decode(cursor.encode()).decode().split(":")
        if version != "v1" or not offset.isdigit():
            raise ValueError
    except (ValueError, binascii.Error, UnicodeDecodeError):
        raise UserError(f"after: {cursor!r} is not a cursor this API issued") from None
    if build != build_id:
        raise UserError("after: the cursor belongs to another build of the graph; "
                        "start again without `after`")  # fmt: skip
    return int(offset)


def page(connection_type, items: list, first: int | None, after: str | None, ctx):
    """Slice `items` (already in a stable order) into a connection of `connection_type`."""
    if first is None:
        first = DEFAULT_PAGE
    if first < 0:
        raise UserError(f"first: must be 0 or more, got {first}")
    if first > ctx.max_page_size:
        raise UserError(f"first: {first} exceeds the maximum page size of {ctx.max_page_size}")
    start = decode(after, ctx.build.build_id) + 1 if after else 0
    chosen = ctx.describer.get_many(items[start : start + first])  # one round trip
    edges = [
        connection_type.Edge(node=node, cursor=encode(ctx.build.build_id, i))
        for i, node in enumerate(chosen, start=start)
    ]
    return connection_type(
        edges=edges,
        page_info=relay.PageInfo(
            has_next_page=start + first < len(items),
            has_previous_page=start > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        total_count=len(items),
    )
