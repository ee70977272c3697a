from graphql import parse
from kg.api.limits.depth import check_depth, depth_of


def test_depth_counts_nested_fields_through_fragments():
    document = parse("""
        query { a { b { ...F } } }
        fragment F on T { c { d } }
    """)
    assert depth_of(document) == 4


def test_fragment_cycles_do_not_hang():
    document = parse("query { a { ...F } } fragment F on T { b { ...F } }")
    assert depth_of(document) == 2


def test_introspection_is_not_counted():
    assert depth_of(parse("{ __schema { types { fields { type { ofType { name } } } } } }")) == 0


def test_message_names_the_limit():
    document = parse("{ a { b { c { d } } } }")
    assert check_depth(document, 4) is None
    assert check_depth(document, 3) == "query depth 4 exceeds the limit of 3"
