"""The named operations' answers on the bundled corpus, against answers recorded before the code
was reorganised ("One home for each thing"): a refactoring that changes an answer fails here.

A change to the corpus or to what an operation asks changes the answers on purpose; record them
again with `KG_RECORD_GOLDEN=1 ./scripts/test tests/kg/api/test_golden.py` and review the diff.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import httpx
import pytest

OPERATIONS = Path(__file__).parents[3] / "graphql" / "operations"
GOLDEN = Path(__file__).parents[2] / "fixtures" / "golden" / "operations.json"
NAMES = sorted(path.stem for path in OPERATIONS.glob("*.graphql"))


@pytest.fixture(scope="module")
def answers(bundled_build, live_server):
    from kg.web import create_app

    with live_server(create_app(bundled_build)) as server, httpx.Client(timeout=60) as client:
        found = {}
        for name in NAMES:
            query = (OPERATIONS / f"{name}.graphql").read_text()
            response = client.post(f"{server.url}/graphql", json={"query": query})
            found[name] = response.json()
    if os.environ.get("KG_RECORD_GOLDEN"):
        GOLDEN.parent.mkdir(parents=True, exist_ok=True)
        GOLDEN.write_text(json.dumps(found, indent=1, sort_keys=True, ensure_ascii=False) + "\n")
    return found


def test_every_operation_has_a_recorded_answer():
    assert sorted(json.loads(GOLDEN.read_text())) == NAMES


@pytest.mark.parametrize("name", NAMES)
def test_answer_is_unchanged(answers, name):
    recorded = json.loads(GOLDEN.read_text())[name]
    assert "errors" not in recorded and recorded["data"], "a recorded answer must be data"
    assert answers[name] == recorded
