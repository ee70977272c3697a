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


def test_the_latest_is_the_last_in_order_reading_a_status_only_for_ties_on_the_latest_date():
    statuses = [None, STATUS.NOT_STARTED, STATUS.IN_PROGRESS, STATUS.STALLED, STATUS.DELIVERED]
    dates = ["2026-01-10", "2026-03-01", "2026-03-02"]
    events = [(dates[(i * 7) % 3], statuses[(i * 5) % 5], f"e/{i}") for i in range(12)]
    for n in range(len(events) + 1):
        for start in range(0, 12, 5):
            some = (events[start:] + events[:start])[:n]
            ordered = rule.in_order(some, lambda e: e[0], lambda e: e[1], lambda e: e[2])
            latest = rule.latest(some, lambda e: e[0], lambda e: e[1], lambda e: e[2])
            assert latest == (ordered[-1] if ordered else None)
    asked = []

    def status(e):
        asked.append(e[2])
        return e[1]

    earlier_tie = [("2026-01-10", STATUS.STALLED, "e/1"), ("2026-01-10", None, "e/2"),
                   ("2026-03-01", None, "e/3")]  # fmt: skip
    assert rule.latest(earlier_tie, lambda e: e[0], status, lambda e: e[2])[2] == "e/3"
    assert asked == []
    assert rule.latest([*earlier_tie, ("2026-03-01", STATUS.NOT_STARTED, "e/0")],
                       lambda e: e[0], status, lambda e: e[2])[2] == "e/0"  # fmt: skip
    assert sorted(asked) == ["e/0", "e/3"]
