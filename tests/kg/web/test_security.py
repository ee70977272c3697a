"""Security headers over real HTTP (kg.web.security): on every response, errors and refusals
included, and a Content-Security-Policy whose hashes are exactly those of our pages' inline
blocks (hashed here independently of the app's own parser)."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from urllib.parse import quote

import httpx
import pytest
from starlette.routing import Route

from kg.web import create_app
from kg.web.settings import ServeSettings

B = "https://policy-kg.example"
REC1 = f"{B}/report/test-2025/recommendation/1"
ACT = "http://www.legislation.gov.uk/id/ukpga/2003/42"

#: Every directive of the policy in its order, and its sources (the hashes checked apart).
FIXED = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    "frame-ancestors": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
    "object-src": ["'none'"],
}
#: Every page we serve with inline blocks, and an HTML error page (which has none).
HTML_PAGES = [
    "/",
    "/viz",
    f"/viz/entity?id={quote(REC1, safe='')}&depth=2",
    f"/viz/trace?from={quote(REC1, safe='')}&to={quote(ACT + '/section/9', safe='')}",
    "/report/test-2025/recommendation/1",
    "/timeline?report=test-2025",  # the entity pages' style
    f"/entity?id={quote(ACT, safe='')}",
    "/graphiql",
    "/link",  # the pages' style and its own
]
INLINE = re.compile(r"<(script|style)\b([^>]*)>(.*?)</\1\s*>", re.S | re.I)


def sha256_source(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def inline_hashes(page: str) -> dict[str, set[str]]:
    """The hash of each inline script a browser runs and of each style element."""
    found: dict[str, set[str]] = {"script": set(), "style": set()}
    for tag, attributes, text in INLINE.findall(page):
        tag = tag.lower()
        if tag == "script" and ("src=" in attributes or 'type="application/json"' in attributes):
            continue
        found[tag].add(sha256_source(text))
    return found


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        name, *sources = part.split()
        assert name not in parsed
        parsed[name] = sources
    return parsed


def assert_security_headers(response: httpx.Response, nonce: str | None = None) -> dict:
    """The three headers, each once, and the policy's fixed parts; its directives back."""
    for name in ("x-content-type-options", "referrer-policy", "content-security-policy"):
        assert len(response.headers.get_list(name)) == 1, name
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    policy = directives(response.headers["content-security-policy"])
    assert list(policy) == list(FIXED)
    for name, sources in FIXED.items():
        extra = [s for s in policy[name] if s.startswith("'sha256-")]
        if nonce is not None and name == "style-src":
            assert policy[name][-1] == f"'nonce-{nonce}'"
            extra.append(f"'nonce-{nonce}'")
        assert policy[name] == sources + extra, name
        if name not in ("script-src", "style-src"):
            assert extra == []
    return policy


@pytest.fixture(scope="module")
def server(fixture_build, live_server):
    """The app with an extra route that fails, as an unexpected error would."""

    def fails(request):
        raise RuntimeError("an unexpected failure")

    app = create_app(fixture_build, settings=ServeSettings(rate_limits=False))
    app.router.routes.append(Route("/test-failure", fails))
    with live_server(app) as running:
        yield running


@pytest.fixture(scope="module")
def http(server):
    with httpx.Client(base_url=server.url, timeout=30) as client:
        yield client


@pytest.fixture(scope="module")
def policy(http) -> str:
    """The policy every response but GraphiQL's carries."""
    return http.get("/healthz").headers["content-security-policy"]


@pytest.mark.parametrize(
    ("method", "path", "status", "media"),
    [
        ("GET", "/viz", 200, "text/html; charset=utf-8"),
        ("GET", "/report/test-2025/recommendation/1", 200, "text/html; charset=utf-8"),
        ("GET", "/report/test-2025/recommendation/1?format=ttl", 200, "text/turtle; charset=utf-8"),
        ("GET", "/healthz", 200, "application/json"),
        ("POST", "/graphql", 200, "application/json"),
        ("GET", "/sparql?query=ASK%7B%7D", 200, "application/sparql-results+json"),
        ("GET", "/assets/graphiql.min.css", 200, "text/css; charset=utf-8"),
        ("GET", "/assets/vis-network.min.js", 200, "text/javascript; charset=utf-8"),
        ("GET", "/no/such/page", 404, "text/plain; charset=utf-8"),
        ("GET", "/viz/entity?id=https%3A%2F%2Fpolicy-kg.example%2Fnone", 404,
         "text/html; charset=utf-8"),
        ("GET", "/viz?kind=Nothing", 400, "text/html; charset=utf-8"),
        ("PUT", "/graphql", 405, "text/plain; charset=utf-8"),
        ("DELETE", "/sparql", 405, "text/plain; charset=utf-8"),
        ("GET", "/favicon.ico", 204, None),
        ("GET", "/", 200, "text/html; charset=utf-8"),
        ("GET", "/tracker.csv", 200, "text/csv; charset=utf-8"),
        ("GET", "/static/tracker.js", 200, "text/javascript; charset=utf-8"),
    ],
)  # fmt: skip
def test_every_response_carries_the_headers(http, policy, method, path, status, media):
    body = {"query": "{ __typename }"} if method == "POST" else None
    response = http.request(method, path, json=body, headers={"accept": "*/*"})
    assert response.status_code == status
    assert response.headers.get("content-type") == media
    assert_security_headers(response)
    assert response.headers["content-security-policy"] == policy


def test_an_unexpected_error_is_answered_with_the_headers(server, policy):
    # Its own connection: the error goes on up to the server, which logs it and then closes
    # the connection (as it does without this middleware).
    response = httpx.get(server.url + "/test-failure")
    assert (response.status_code, response.text) == (500, "Internal Server Error")
    assert response.headers["content-type"] == "text/plain; charset=utf-8"
    assert_security_headers(response)
    assert response.headers["content-security-policy"] == policy


def test_non_html_bodies_pass_through_unchanged(http):
    """Assets stream as they are (byte for byte, with their length and validators)."""
    from kg.api.graphiql import ASSETS, assets_dir

    response = http.get("/assets/graphiql.min.js")
    expected = (assets_dir() / ASSETS["graphiql.min.js"]).read_bytes()
    assert response.content == expected
    assert response.headers["content-length"] == str(len(expected))
    assert response.headers["etag"]


def test_the_policy_allows_exactly_the_inline_blocks_of_our_pages(http, policy):
    allowed = directives(policy)
    scripts = {s for s in allowed["script-src"] if s != "'self'"}
    styles = {s for s in allowed["style-src"] if s != "'self'"}
    seen_scripts: set[str] = set()
    seen_styles: set[str] = set()
    for path in HTML_PAGES:
        response = http.get(path, headers={"accept": "text/html"})
        assert response.status_code == 200, path
        assert response.headers["content-type"] == "text/html; charset=utf-8"
        found = inline_hashes(response.text)
        assert found["script"] <= scripts, path
        assert found["style"] <= styles, path
        seen_scripts |= found["script"]
        seen_styles |= found["style"]
        # no style attribute anywhere: no hash could allow it
        assert re.search(r"<[a-z][^>]*\sstyle\s*=", response.text, re.I) is None, path
    # nothing allowed that no page needs: the network views' script; the views', the entity
    # pages', the tracker's, GraphiQL's and the link page's styles
    assert (len(seen_scripts), len(seen_styles)) == (1, 5)
    assert (scripts, styles) == (seen_scripts, seen_styles)


def test_an_error_page_has_no_inline_block(http):
    response = http.get("/viz?kind=Nothing")
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert inline_hashes(response.text) == {"script": set(), "style": set()}


def test_graphiql_gets_its_own_style_nonce_each_time(http, policy):
    nonces = []
    for path in ("/graphiql", "/graphiql", "/graphql"):
        response = http.get(path, headers={"accept": "text/html"})
        assert response.status_code == 200
        config = re.search(
            r'<script type="application/json" id="kg-graphiql-config">(.*?)</script>',
            response.text,
            re.S,
        )
        nonce = json.loads(config.group(1))["styleNonce"]
        assert re.fullmatch(r"[A-Za-z0-9_-]{24}", nonce)
        assert_security_headers(response, nonce=nonce)
        # the same policy as everywhere else, with the nonce added
        assert response.headers["content-security-policy"] == policy.replace(
            "; img-src", f" 'nonce-{nonce}'; img-src"
        )
        nonces.append(nonce)
    assert len(set(nonces)) == 3


def test_a_refusal_by_the_rate_limit_carries_the_headers(fixture_build, live_server):
    settings = ServeSettings(burst_pages=1, rate_pages=0.001)
    with live_server(create_app(fixture_build, settings=settings)) as running:
        first = httpx.get(running.url + "/favicon.ico")
        refused = httpx.get(running.url + "/favicon.ico")
    assert (first.status_code, refused.status_code) == (204, 429)
    assert_security_headers(refused)
    assert refused.headers["content-security-policy"] == first.headers["content-security-policy"]
