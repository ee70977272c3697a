"""kg.rules.status in Python: the order of events, and when a status must be read."""

from kg.rules import status as rule
from ontology.vocabulary import STATUS


def test_the_python_order_reads_a_status_only_for_events_sharing_a_date():
    events = [
        ("2026-03-01", STATUS.STALLED, "e/2"),
        ("2026-01-10", STATUS.IN_PROGRESS, "e/9"),
        ("2026-03-01", STATUS.IN_PROGRESS, "e/3"),
        ("2026-03-01", STATUS.IN_PROGRESS, "e/1"),
    ]
    asked = []

    def status(e):
        asked.append(e[2])
        return e[1]

    ordered = rule.in_order(events, date=lambda e: e[0], status=status, iri=lambda e: e[2])
    assert [e[2] for e in ordered] == ["e/9", "e/1", "e/3", "e/2"]
    asked.clear()
    untied = events[:2]
    assert [e[2] for e in rule.in_order(untied, lambda e: e[0], status, lambda e: e[2])] == [
        "e/9",
        "e/2",
    ]
    assert asked == []
