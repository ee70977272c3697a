"""Every analysis result turns into flat rows that CSV and JSON exports can write as they are."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import kg.analysis as analysis

SCALARS = (str, int, float, bool, type(None))


def _all_rows(store, projection) -> dict[str, list[dict]]:
    start = "https://policy-kg.example/report/casey-2025/recommendation/11"
    paths = analysis.trace_with_citations(store, projection, start, None, 4, 5)
    return {
        "traces": [p.as_row() for p in paths],
        "steps": [s.as_row() for p in paths for s in p.steps],
        "gaps": [g.as_row() for g in analysis.gaps(store)],
        "recurrence": [i.as_row() for i in analysis.recurrence(store, dt.date(2026, 6, 16))],
        "chain": [c.as_row() for i in analysis.recurrence(store) for c in i.chain],
        "problems": [p.as_row() for p in analysis.recurring_problems(store, dt.date(2026, 6, 16))],
        "problem_chain": [c.as_row() for p in analysis.recurring_problems(store) for c in p.chain],
        "load": [b.as_row() for b in analysis.load(store, projection)],
        "clusters": [c.as_row() for c in analysis.clusters(store, projection)],
        "overdue": [o.as_row() for o in analysis.overdue(store, dt.date(2026, 11, 30))],
    }


def test_rows_are_flat_and_serialisable(bundled):
    for name, rows in _all_rows(*bundled).items():
        assert rows, name
        keys = list(rows[0])
        for row in rows:
            assert list(row) == keys, name  # the same columns in the same order
            assert all(isinstance(v, SCALARS) for v in row.values()), (name, row)
        assert json.loads(json.dumps(rows)) == rows
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=keys)
        writer.writeheader()
        writer.writerows(rows)
        assert len(list(csv.DictReader(io.StringIO(out.getvalue())))) == len(rows)


def test_the_public_namespace():
    assert set(analysis.__all__) <= set(dir(analysis))
    for name in ("trace_with_citations", "gaps", "recurrence", "recurring_problems", "load",
                 "clusters", "overdue"):  # fmt: skip
        assert callable(getattr(analysis, name))
