from kg.api.limits.size import check_size


def test_message_names_the_limit():
    assert check_size("{ reports { key } }", 100) is None
    assert check_size("x" * 101, 100) == "query text is 101 characters; the limit is 100"
