"""Targets in GraphQL over the fixture corpus: `Recommendation.targets` and root `overdue`.

follow-up.yaml: test-2025/1 has a target due 2025-10-31 (cites the report) and a later one
due 2025-11-30 that revises it (cites the press, which has no issue date, so the revision counts
as set whatever the day), met on 2025-12-05; its latest status from 2025-11-04 is legislating.
"""

import pytest

B = "https://policy-kg.example"
REC1 = f"{B}/report/test-2025/recommendation/1"
FIRST = f"{REC1}/target/test-clauses-laid"
LATER = f"{REC1}/target/test-clauses-laid-later"


@pytest.fixture(scope="module")
def ask(fixture_http):
    def ask(query):
        body = fixture_http.post("/graphql", json={"query": query}).json()
        assert "errors" not in body, body
        return body["data"]

    return ask


def test_a_recommendations_targets_with_revision_and_met(ask):
    data = ask("""{ recommendation(id: "test-2025/1") { targets {
        id key commitment due note confirmed recorded revises { key due }
        met { date confirmed citations { locator source { key } } }
        citations { locator source { key authority } } } } }""")
    assert data["recommendation"]["targets"] == [
        {
            "id": FIRST, "key": "test-clauses-laid",
            "commitment": "Lay the amending clauses before Parliament.", "due": "2025-10-31",
            "note": None, "confirmed": True, "recorded": "2024-01-02", "revises": None,
            "met": None,
            "citations": [{"locator": "Recommendation 1, response",
                           "source": {"key": "report-doc", "authority": "PRIMARY"}}],
        },
        {
            "id": LATER, "key": "test-clauses-laid-later",
            "commitment": "Lay the amending clauses before Parliament, later than first said.",
            "due": "2025-11-30", "note": 'The press gave the new date as "by the end of November".',
            "confirmed": False, "recorded": None,
            "revises": {"key": "test-clauses-laid", "due": "2025-10-31"},
            "met": {"date": "2025-12-05", "confirmed": False,
                    "citations": [{"locator": "para 1", "source": {"key": "press"}}]},
            "citations": [{"locator": "para 2",
                           "source": {"key": "press", "authority": "SECONDARY"}}],
        },
    ]  # fmt: skip
    only = ask('{ recommendation(id: "test-2025/1") { targets(confirmed: true) { key } } }')
    assert only["recommendation"]["targets"] == [{"key": "test-clauses-laid"}]


def test_overdue_as_of_a_day(ask):
    query = """{ overdue(asOf: "%s") { target { id key } recommendation { id number }
        commitment due asOf daysLate revisions status confirmed } }"""
    # On 1 December the revised date (30 November) has passed and the target was not yet met.
    assert ask(query % "2025-12-01")["overdue"] == [
        {
            "target": {"id": LATER, "key": "test-clauses-laid-later"},
            "recommendation": {"id": REC1, "number": 1},
            "commitment": "Lay the amending clauses before Parliament, later than first said.",
            "due": "2025-11-30", "asOf": "2025-12-01", "daysLate": 1,
            "revisions": ["2025-10-31"], "status": "LEGISLATING", "confirmed": False,
        }
    ]  # fmt: skip
    # On 5 December it was met; on 1 November the first date was already replaced.
    assert ask(query % "2025-12-05")["overdue"] == []
    assert ask(query % "2025-11-01")["overdue"] == []
    assert ask('{ overdue(asOf: "2025-12-01", first: 0) { daysLate } }')["overdue"] == []
