"""/viz views over HTTP (kg.web.network): filters, neighbourhoods, traces, limits and clear
errors."""

import json
import re
from urllib.parse import quote

import pytest

B = "https://policy-kg.example"
REC1 = f"{B}/report/test-2025/recommendation/1"
ACT = "http://www.legislation.gov.uk/id/ukpga/2003/42"
Q_REC1 = quote(REC1, safe="")


@pytest.fixture(scope="module")
def get(fixture_http):
    return fixture_http.get


def node_ids(page: str) -> set[str]:
    data = re.search(r'<script type="application/json" id="kg-nodes">(.*?)</script>', page, re.S)
    return {node["id"] for node in json.loads(data.group(1))}


def test_overview_and_kind_filter(get):
    everything = node_ids(get("/viz").text)
    # every entity of the fixture corpus: 2 reports, 2 findings, 3 recommendations, 2 bodies,
    # 5 instruments, 1 theme, 1 proposal
    assert len(everything) == 16
    bodies = node_ids(get("/viz?kind=Body").text)
    assert bodies == {f"{B}/body/dept", f"{B}/body/agency"}


def test_report_filter_keeps_what_it_links_to(get):
    shown = node_ids(get("/viz?report=earlier-2014").text)
    assert f"{B}/report/earlier-2014/recommendation/3" in shown
    assert REC1 in shown  # it echoes the earlier recommendation
    assert f"{B}/body/dept" not in shown


def test_neighbourhood_depth(get):
    one = node_ids(get(f"/viz/entity?id={quote(REC1, safe='')}&depth=1").text)
    two = node_ids(get(f"/viz/entity?id={quote(REC1, safe='')}&depth=2").text)
    assert REC1 in one and ACT not in one and ACT in two and one < two


def test_trace_view(get):
    shown = node_ids(get(f"/viz/trace?from={quote(REC1, safe='')}&to={quote(ACT, safe='')}").text)
    assert {REC1, ACT, f"{ACT}/section/9"} <= shown


def test_large_views_are_cut_down_and_say_so(get):
    page = get("/viz?limit=5").text
    assert len(node_ids(page)) == 5
    assert "Showing 5 of 16 entities" in page and "Filter with ?report=" in page


def test_tooltips_carry_sources(get):
    page = get(f"/viz/entity?id={quote(REC1, safe='')}").text
    assert "Test report (primary), Recommendation 1" in page


@pytest.mark.parametrize(
    ("url", "status", "message"),
    [
        ("/viz?kind=Nonsense", 400, "unknown kind"),
        ("/viz?theme=nope", 400, "nothing matches theme"),
        ("/viz?limit=0", 400, "limit must be"),
        ("/viz/entity", 400, "give the entity"),
        (f"/viz/entity?id={quote(B + '/body/nobody', safe='')}", 404, "no entity"),
        (f"/viz/entity?id={quote(REC1, safe='')}&depth=9", 400, "depth must be"),
        ("/viz/trace?from=x", 400, "is not an IRI"),
        (f"/viz/trace?from={Q_REC1}&to={quote(B + '/body/nobody', safe='')}", 404, "no entity"),
        (f"/viz/trace?from={Q_REC1}&to={quote(B + '/theme/data', safe='')}", 404, "no path of"),
        # a malformed IRI is a bad request whatever its text says
        (f"/viz/trace?from=no%20such&to={quote(ACT, safe='')}", 400, "is not an IRI"),
    ],
)
def test_bad_view_requests_explain_themselves(get, url, status, message):
    response = get(url)
    assert response.status_code == status
    assert message in response.text


def test_view_errors_are_pages_with_a_way_back(get):
    response = get(f"/viz/entity?id={quote(B + '/body/nobody', safe='')}")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/html")
    assert response.text == (
        f"<!doctype html><title>policy-kg</title><p>no entity {B}/body/nobody in the graph</p>"
        '<p><a href="/viz">Back to the overview</a></p>'
    )


def test_highlights_mark_gaps_and_recurrence(get):
    import re as _re

    page = get("/viz?highlight=recurrence").text
    assert "recurrence" in page  # the legend explains the mark
    data = _re.search(r'id="kg-nodes">(.*?)</script>', page, _re.S).group(1)
    marked = {n["id"] for n in json.loads(data) if n.get("borderWidth") == 4}
    # the repeated call (test-2025/1 echoes earlier-2014/3) and the failure found again
    # (test-2025's finding no-data echoes earlier-2014's data-poor)
    assert marked == {REC1, f"{B}/report/earlier-2014/recommendation/3",
                      f"{B}/report/test-2025/finding/no-data",
                      f"{B}/report/earlier-2014/finding/data-poor"}  # fmt: skip
    assert get("/viz?highlight=nonsense").status_code == 400


def test_status_filter_takes_only_known_statuses(get):
    assert REC1 in node_ids(get("/viz?status=LEGISLATING").text)
    response = get("/viz?status=X%20%7D%20UNION%20%7B")
    assert response.status_code == 400 and "unknown status" in response.text
