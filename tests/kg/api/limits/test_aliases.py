from graphql import parse
from kg.api.limits.aliases import check_aliases, count_aliases


def test_aliases_are_counted_everywhere():
    document = parse("{ x: a y: a { z: b } ...F } fragment F on Q { w: c }")
    assert count_aliases(document) == 4


def test_message_names_the_limit():
    document = parse("{ " + " ".join(f"a{i}: reports {{ key }}" for i in range(31)) + " }")
    assert check_aliases(document, 30) == "query uses 31 aliases; the limit is 30"
    assert check_aliases(document, 31) is None
