"""Rows (dicts of plain values) as a text table, CSV or JSON: how `kg analyse` prints."""

from __future__ import annotations

import csv
import io
import json
import textwrap

FORMATS = ("table", "csv", "json")


def _cell(value) -> str:
    """A table cell: nothing for a missing value (CSV leaves it empty, JSON says null)."""
    return "" if value is None else str(value)


def render(rows: list[dict], fmt: str, columns: list[str] | None = None, width: int = 60) -> str:
    if fmt == "json":
        return json.dumps(rows, indent=2, ensure_ascii=False) + "\n"
    columns = columns or (list(rows[0]) if rows else [])
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.DictWriter(buffer, fieldnames=columns, extrasaction="ignore",
                                lineterminator="\n")  # fmt: skip
        writer.writeheader()
        writer.writerows(rows)
        return buffer.getvalue()
    if not rows:
        return "(nothing)\n"
    cells = [[textwrap.shorten(_cell(row.get(c)), width, placeholder="...") for c in columns]
             for row in rows]  # fmt: skip
    widths = [max(len(c), *(len(r[i]) for r in cells)) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)),
             "  ".join("-" * w for w in widths)]  # fmt: skip
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)) for r in cells]
    return "\n".join(line.rstrip() for line in lines) + "\n"
