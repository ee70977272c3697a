"""The HTML fragment escapes every piece of the input and links mentions; text lists all."""

from kg.text.render import to_html, to_text


def test_html_links_mentions_inside_claims_and_escapes_the_text(linker):
    text = 'The CPS <script>alert("x")</script> & the NCA accepted recommendation 4 of the audit.'
    result = linker.link(text)
    page = to_html(result, base="http://kg.test")
    assert "<script>" not in page and "&lt;script&gt;" in page and "&amp; the" in page
    assert page.startswith('<div class="kg-linked">') and page.endswith("</div>")
    assert (
        '<a class="kg-mention kg-kind-Body" href="http://kg.test/entity?id=https%3A%2F%2F'
        'policy-kg.example%2Fbody%2Fcrown-prosecution-service"'
    ) in page
    assert '<span class="kg-claim kg-' in page
    assert page.count("<a ") == len(result.mentions)


def test_html_of_hostile_labels_and_newlines(linker):
    result = linker.link('"><img src=x onerror=1>\n\nThe Home Office agreed it all.')
    page = to_html(result)
    assert "<img" not in page and "<br>" in page


def test_text_lists_mentions_and_claims_with_evidence(linker):
    out = to_text(linker.link("The government accepted recommendation 4 of the Casey audit."))
    assert out.startswith("mentions (")
    assert "[supported]" in out and "because the response to Recommendation 4" in out
    assert "evidence for Recommendation 4" in out
