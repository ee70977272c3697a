"""Security headers on every response the app sends: the browser may not guess content types,
sends no referrer, and runs only our own scripts and styles (a Content-Security-Policy).

The policy allows scripts and styles from the app itself and the inline blocks our pages write,
each by the SHA-256 hash of its text. The hashes are taken once per process from the code that
writes the blocks (`our_inline_blocks`), never from a response: a hash taken from a response
would allow a script injected into it too. So the policy is one string made at start (the
GraphiQL page's adds a nonce, below), and every response streams through untouched, HTML
included: only the headers of its start are touched.

One thing a hash cannot allow: GraphiQL's dialogs add a `<style>` element whose text is
measured at run time (react-remove-scroll-bar). The GraphiQL page asks for a per-response nonce
(`style_nonce`), hands it to the library (which reads the global `__webpack_nonce__`), and only
that response's `style-src` names it.

A page with a new inline `<script>` or `<style>`: add the code that writes it to `_our_pages`.
Inline `style="..."` attributes are never allowed (no hash covers them): use a class.
`<script type="application/json">` data blocks are not run and need nothing.
"""

from __future__ import annotations

import base64
import hashlib
import importlib.util
import secrets
from collections import defaultdict
from collections.abc import Iterator
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

from starlette.datastructures import MutableHeaders
from starlette.responses import PlainTextResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .settings import ServeSettings

#: No page needs the referrer, and our URLs carry queries (GraphiQL's ?query=, the views'
#: filters) that other sites have no business reading.
REFERRER_POLICY = "no-referrer"
#: Where a page finds the function that gives it a style nonce (see `style_nonce`).
NONCE_SCOPE_KEY = "kg.style_nonce"
#: `<script type=...>` values a browser runs; any other type is a data block.
SCRIPT_TYPES = frozenset({"", "text/javascript", "application/javascript", "module"})


def csp_hash(text: str) -> str:
    """The CSP source that allows an inline block whose text is exactly `text`."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


class _InlineBlocks(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.blocks: dict[str, list[str]] = {"script": [], "style": []}
        self._open: str | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        runs = "src" not in attributes and (attributes.get("type") or "").lower() in SCRIPT_TYPES
        if tag == "style" or (tag == "script" and runs):
            self._open, self._text = tag, []

    def handle_data(self, data):
        if self._open:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == self._open:
            self.blocks[tag].append("".join(self._text))
            self._open = None


def inline_blocks(page: str) -> dict[str, list[str]]:
    """The text of each inline script a browser runs and of each style element in `page`."""
    parser = _InlineBlocks()
    parser.feed(page)
    parser.close()
    return parser.blocks


def _our_pages() -> Iterator[str]:
    """Each page template we serve, rendered with the values its inline blocks depend on."""
    import networkx as nx

    import viz

    from ..api import graphiql
    from . import link, network, pages, timeline, tracker

    # Their blocks depend on no value (GraphiQL's settings are a JSON block, not run).
    yield graphiql.PAGE.format_map(defaultdict(str))
    yield pages.PAGE.format_map(defaultdict(str))
    yield timeline.PAGE.format_map(defaultdict(str))  # the same style as the pages'
    yield tracker.PAGE.format_map(defaultdict(str))
    yield link.PAGE.format_map(defaultdict(str))  # the pages' style and its own
    yield viz.render(nx.MultiDiGraph(), title="", node_url=str, vis_js=network.VIS_JS)


def _rendered_blocks() -> dict[str, list[str]]:
    found: dict[str, set[str]] = {"script": set(), "style": set()}
    for page in _our_pages():
        for tag, texts in inline_blocks(page).items():
            found[tag].update(texts)
    return {tag: sorted(texts) for tag, texts in found.items()}


def _pages_code() -> list[Path]:
    """The files our pages' inline blocks come from, for `our_inline_blocks`' cache key: the
    web package, viz and its templates, GraphiQL's page, the vocabulary (status colours), and
    the Jinja and pyvis that render the network page."""
    here = Path(__file__).parent
    root = here.parents[1]
    files = [*here.glob("*.py"), *(root / "viz").rglob("*.py"),
             *(root / "viz" / "templates").iterdir(), root / "kg" / "api" / "graphiql.py",
             *(root / "ontology").glob("*.py"), *(root / "ontology").glob("*.ttl")]  # fmt: skip
    for package in ("jinja2", "pyvis"):
        spec = importlib.util.find_spec(package)
        if spec and spec.origin:
            files.extend(Path(spec.origin).parent.glob("*.py"))
    return files


@cache
def our_inline_blocks() -> dict[str, tuple[str, ...]]:
    """Every distinct inline script and style our pages carry: rendered once (importing
    networkx and pyvis, about a third of a second), then kept by a hash of the code they come
    from (kg.startcache), so that a start needs none of it."""
    from .. import startcache

    key = startcache.files_digest(_pages_code())
    found = startcache.cached("csp-blocks", key, _rendered_blocks)
    return {tag: tuple(found[tag]) for tag in ("script", "style")}


@cache
def _allowed_blocks() -> tuple[str, str]:
    """The hash sources of our inline scripts, and of our inline styles."""
    blocks = our_inline_blocks()
    return (" ".join(csp_hash(text) for text in blocks["script"]),
            " ".join(csp_hash(text) for text in blocks["style"]))  # fmt: skip


def policy(style_nonce: str | None = None) -> str:
    """The Content-Security-Policy; `style_nonce` adds a nonce to style-src."""
    scripts, styles = _allowed_blocks()
    if style_nonce:
        styles += f" 'nonce-{style_nonce}'"
    return "; ".join([
        "default-src 'self'",
        f"script-src 'self' {scripts}",
        f"style-src 'self' {styles}",
        "img-src 'self' data:",  # the pages' empty icon (href="data:,"), GraphiQL's CSS images
        "font-src 'self' data:",  # GraphiQL's CSS carries its fonts as data: URLs
        "connect-src 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "object-src 'none'",
    ])  # fmt: skip


def style_nonce(scope: Scope) -> str:
    """A nonce that this response's style-src allows, made on first asking; "" when the app
    runs without `SecurityHeaders` (then there is no policy to satisfy)."""
    make = scope.get(NONCE_SCOPE_KEY)
    return make() if make else ""


class _Nonce:
    def __init__(self) -> None:
        self.value: str | None = None

    def __call__(self) -> str:
        if self.value is None:
            self.value = secrets.token_urlsafe(18)
        return self.value


class SecurityHeaders:
    """ASGI middleware: X-Content-Type-Options, Referrer-Policy and Content-Security-Policy on
    every HTTP response, error responses included (an exception no handler answered gets a
    plain 500 here, with the headers, and goes on up to the server's log)."""

    def __init__(self, app: ASGIApp, settings: ServeSettings) -> None:
        self.app = app
        self.settings = settings
        self.policy = policy()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        nonce = scope[NONCE_SCOPE_KEY] = _Nonce()
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                message.setdefault("headers", [])
                headers = MutableHeaders(scope=message)
                headers["X-Content-Type-Options"] = "nosniff"
                headers["Referrer-Policy"] = REFERRER_POLICY
                headers["Content-Security-Policy"] = (
                    self.policy if nonce.value is None else policy(nonce.value)
                )
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            if not started:
                response = PlainTextResponse("Internal Server Error", status_code=500)
                await response(scope, receive, send_with_headers)
            raise
