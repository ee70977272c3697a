"""kg.web.errors: each typed error answers with its own status, in the form its path calls for."""

import httpx
import pytest
from starlette.applications import Starlette
from starlette.routing import Route

from kg.web.errors import HANDLERS, BadRequest, NotFound, WebError


def raising(exc: Exception):
    def endpoint(request):
        raise exc

    return endpoint


@pytest.fixture(scope="module")
def client(live_server):
    app = Starlette(
        exception_handlers=HANDLERS,
        routes=[
            Route("/viz/missing", raising(NotFound("no entity <x> in the graph"))),
            Route("/viz/bad", raising(BadRequest("depth must be 1, 2 or 3"))),
            Route("/body/missing", raising(NotFound("no entity <x> in the graph"))),
            Route("/vizier", raising(BadRequest("not a view"))),
            Route("/boom", raising(RuntimeError("not ours"))),
        ],
    )
    with live_server(app) as server, httpx.Client(base_url=server.url) as client:
        yield client


def test_errors_carry_their_status():
    assert issubclass(NotFound, WebError) and issubclass(BadRequest, WebError)
    assert (NotFound.status_code, BadRequest.status_code) == (404, 400)


@pytest.mark.parametrize(("path", "status"), [("/viz/missing", 404), ("/viz/bad", 400)])
def test_network_view_errors_are_html_pages_with_a_way_back(client, path, status):
    response = client.get(path)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert '<a href="/viz">Back to the overview</a>' in response.text
    assert "no entity &lt;x&gt; in the graph" in response.text or "depth must be" in response.text


def test_other_errors_are_plain_text(client):
    response = client.get("/body/missing")
    assert response.status_code == 404
    assert response.headers["content-type"].startswith("text/plain")
    assert response.text == "no entity <x> in the graph\n"
    response = client.get("/vizier")  # not under /viz/ although it starts with the same letters
    assert response.status_code == 400 and response.text == "not a view\n"


def test_other_exceptions_are_not_turned_into_user_errors(client):
    response = client.get("/boom")
    assert response.status_code == 500
    assert "not ours" not in response.text
