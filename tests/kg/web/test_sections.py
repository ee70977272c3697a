"""A finding's page (kg.web.sections.finding) over HTTP on the fixture corpus: the earlier
reports' findings of the same failure, and the later findings that found it again."""

import re

import pytest

B = "https://policy-kg.example"


@pytest.fixture(scope="module")
def get(fixture_http):
    return fixture_http.get


def section(page: str, ident: str) -> str:
    found = re.search(rf'<section aria-labelledby="{ident}">(.*?)</section>', page, re.S)
    assert found, f"no section {ident!r}"
    return found.group(1)


def test_a_finding_page_shows_the_earlier_finding_it_echoes(get):
    # main-report.yaml: test-2025's finding no-data echoes earlier.yaml's data-poor (2014).
    response = get("/report/test-2025/finding/no-data", headers={"accept": "text/html"})
    assert response.status_code == 200
    page = response.text
    earlier = section(page, "echoes")
    assert '<h2 id="echoes">Earlier findings of the same failure</h2>' in earlier
    assert '<a href="/report/earlier-2014/finding/data-poor">Data poor</a>' in earlier
    assert '<a href="/report/earlier-2014">An earlier report</a> (2014)' in earlier
    later = section(page, "echoed-by")
    assert '<h2 id="echoed-by">Found again later by</h2>' in later
    assert "No later finding recorded here found it again." in later
    # the contents list links both sections, then the facts
    assert '<a href="#echoes">Earlier findings of the same failure</a>' in page
    assert '<a href="#echoed-by">Found again later by</a>' in page


def test_the_earlier_finding_page_shows_who_found_it_again(get):
    page = get("/report/earlier-2014/finding/data-poor").text
    assert "It echoes no earlier finding recorded here." in section(page, "echoes")
    later = section(page, "echoed-by")
    assert '<a href="/report/test-2025/finding/no-data">Data missing</a>' in later
    assert '<a href="/report/test-2025">Test report</a> (2025)' in later


def test_a_recommendation_page_keeps_its_own_echoes_section(get):
    page = get("/report/test-2025/recommendation/1").text
    assert '<h2 id="echoes">Earlier recommendations it repeats</h2>' in page
    assert "Earlier findings of the same failure" not in page


def test_each_echoes_link_shows_who_says_so(get):
    """The link's own citations and confirmation, on both ends: a reader must see who says
    the two findings (or recommendations) are the same failure."""
    link_source = (
        'Linked by: <a href="https://example.org/report" rel="noreferrer">Test report</a>, '
        'para 4.3 <span class="authority primary">primary</span>'
    )
    earlier = section(get("/report/test-2025/finding/no-data").text, "echoes")
    assert link_source in earlier and "unconfirmed" not in earlier
    later = section(get("/report/earlier-2014/finding/data-poor").text, "echoed-by")
    assert link_source in later
    # a recommendation's link resting on a news summary alone is marked unconfirmed
    repeats = section(get("/report/test-2025/recommendation/1").text, "echoes")
    assert 'A news summary</a> <span class="authority secondary">secondary</span>' in repeats
    assert '<span class="tag" title="' in repeats and "unconfirmed</span>" in repeats
