"""The facts in words (kg.text.facts): a date backs a claim only when it is the date of the same
event, of the same thing, and of what happened rather than what was to come."""

from kg.text.facts import _compare, slots_of


def judged(claim: str, fact: str, own: bool = True):
    fact_slots = slots_of(fact)
    words = frozenset(w for k in fact_slots.date_words for w in k) | frozenset(
        w for s in fact_slots.subjects for w in s
    )
    return _compare(slots_of(claim), fact_slots, True, 0.8, frozenset(), own, words)


def test_the_same_day_of_another_provision_neither_supports_nor_contradicts():
    agree, conflict, checked = judged(
        "The disregard provisions were brought into force on 29 June 2026.",
        "The Act received Royal Assent; its first provisions came into force on 29 June 2026.",
    )
    assert (agree, conflict, checked) == ([], [], 0)


def test_the_same_day_of_the_same_provision_supports():
    _, conflict, checked = judged(
        "The first provisions came into force on 29 June 2026.",
        "The Act received Royal Assent; its first provisions came into force on 29 June 2026.",
    )
    assert checked == 1 and not conflict


def test_a_plans_date_is_no_evidence_that_it_happened():
    agree, conflict, checked = judged(
        "Overseas employers have had access to barred list information since January 2026.",
        "The update spoke of letting overseas employers access barred list information, "
        "expected by January 2026.",
    )
    assert (agree, conflict, checked) == ([], [], 0)


def test_a_deadline_after_its_target_words_is_a_deadline():
    slots = slots_of("By 31 March 2026 the Home Office should introduce a data requirement.")
    assert slots.deadlines == (True,)
    assert slots_of("every force should have a profile by the end of 2025").deadlines == (True,)


def test_a_rival_date_of_an_event_about_something_else_is_no_contradiction():
    _, conflict, _ = judged(
        'The ministry opened a consultation on a "Romeo and Juliet" exception in January 2026.',
        "The ministry opened a consultation on the scheme's scope and time limits in July 2023.",
        own=False,
    )
    assert not conflict


def test_by_a_month_with_had_is_what_held_by_then_not_a_deadline():
    slots = slots_of("By November 2025 it had received 1,273 cases referred by 23 forces.")
    assert slots.asof == (True,) and slots.deadlines == (False,)
    assert slots_of("By 31 March 2026 the Home Office should introduce it.").asof == (False,)


def test_a_record_dated_before_an_as_of_date_holds_it_with_its_numbers():
    fact = "(2025-11-04) A briefing: 1,273 cases referred by 23 forces."
    agree, conflict, checked = judged("By November 2025 it had received 1,273 cases.", fact)
    assert checked == 2 and not conflict and "November 2025" in agree
    agree, conflict, checked = judged("By October 2025 it had received 1,273 cases.", fact)
    assert checked == 1 and not conflict


def test_an_infinitive_joined_to_a_request_keeps_its_deadline():
    slots = slots_of("to bring in a new annual data requirement by March 2026.")
    assert slots.deadlines == (True,)


def test_a_length_of_time_is_said_but_not_an_age_a_year_or_a_time_ago():
    from kg.text.facts import _durations

    assert _durations("refreshed at least every two years") == {(2.0, "year")}
    assert _durations("a decision within 28 days") == {(28.0, "day")}
    assert _durations("aged under 16 years, five months later, two years ago") == set()
    assert _durations("the three-year limitation period; in December 2025, weeks after") == set()


def test_where_a_duty_applies_is_the_nations_named():
    from kg.text.facts import _nations

    assert _nations("applies in England and Wales") == {"England", "Wales"}
    assert _nations("a duty on persons in England") == {"England"}
