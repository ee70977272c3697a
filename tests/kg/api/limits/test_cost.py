from graphql import parse
from kg.api.limits.cost import check_cost, cost_of
from kg.api.schema import schema

SCHEMA = schema.graphql_schema


def test_cost_multiplies_by_page_and_list_sizes():
    # recommendations: 1 + 5 x [edges: 1 + 1 x (node: 1 + 1 x (number 1 + themes 1 + 10 x key 1))]
    document = parse("{ recommendations(first: 5) { edges { node { number themes { key } } } } }")
    assert cost_of(document, SCHEMA, {}) == 1 + 5 * (1 + 1 * (1 + 1 * (1 + 1 + 10 * 1)))


def test_variables_set_the_page_size():
    document = parse("query($n: Int) { bodies(first: $n) { totalCount } }")
    assert cost_of(document, SCHEMA, {"n": 50}) == 1 + 50 * 1
    assert cost_of(document, SCHEMA, {}) == 1 + 20 * 1  # the default page


def test_message_names_the_limit():
    document = parse("{ recommendations(first: 100) { edges { node { echoedBy { echoedBy {"
                     " echoedBy { number } } } } } } }")  # fmt: skip
    message = check_cost(document, SCHEMA, {}, 50_000)
    # 1 + 100 x (1 + (1 + (1 + 10 x (1 + 10 x (1 + 10 x 1)))))
    assert message.startswith(f"query cost {1 + 100 * (1 + (1 + (1 + 10 * (1 + 10 * 11))))} ")
    assert "exceeds the limit of 50000" in message
