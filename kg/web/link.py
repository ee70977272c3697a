"""The /link page: paste a text (or upload a .txt, .html or .pdf file) and see it linked to the
graph, as `kg link --format html` shows it: each mention of an entity highlighted and linked to
its page, each claim marked supported, contradicted or not found, with the evidence and its
citations, and a legend.

GET shows the form; POST (multipart/form-data, or urlencoded without a file) answers with the
form again and the linked text below it. No script: the form works without one.

Untrusted input, bounded before any work is done:
- the request body is read as it arrives and refused (413) past MAX_BODY_BYTES, or at once when
  its Content-Length says so, so a huge upload is never held in memory;
- pasted text over MAX_TEXT_CHARS (the limit GraphQL `link(text:)` has too) and files over
  MAX_UPLOAD_BYTES are refused with the form and a message (413); a file that cannot be read
  (binary junk, a broken or hostile PDF, too many pages, too slow) gets the form and
  kg.text.extract's message (400);
- each POST spends tokens of the client's `pages` rate limit in proportion to its size (one per
  CHARS_PER_TOKEN bytes, a full bucket at most: a large PDF waits for a full bucket), on top of
  the one every request spends, so a client linking long texts is slowed down as a GraphQL
  client running costly queries is (kg/web/ratelimit.py); linking itself is bounded in time
  and in how many texts the server links at once (kg/api/link.py).

The form's errors are shown on the form (with the status that says what was wrong), where the
reader can correct them; a body too large to read is an error of the request (errors.respond).
"""

from __future__ import annotations

import dataclasses
import html
from collections import Counter
from email import policy as email_policy
from email.parser import BytesParser
from urllib.parse import parse_qsl

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import Route

from ..api.context import Build, UserError
from ..api.link import MAX_TEXT_CHARS, link_text, too_long
from ..text.verdict import Verdict
from .errors import WebError
from .pages import STYLE_BLOCK, entity_url

PATH = "/link"
#: The largest file the form takes.
MAX_UPLOAD_BYTES = 2 * 1024 * 1024
#: The most pages of an uploaded PDF that are read.
MAX_PDF_PAGES = 100
#: The largest request body read: a full file and a full text (UTF-8, percent-encoded at worst)
#: and the form's own framing.
MAX_BODY_BYTES = MAX_UPLOAD_BYTES + 9 * MAX_TEXT_CHARS + 64 * 1024
#: Bytes of a form (about a character of text each) that cost one more token of the client's
#: `pages` rate limit.
CHARS_PER_TOKEN = 1_000
ACCEPTED_FILES = ".txt,.html,.htm,.pdf,text/plain,text/html,application/pdf"


class TooLarge(WebError):
    """A request body over MAX_BODY_BYTES (no form to show it on: it was not read)."""

    status_code = 413


class FormError(Exception):
    """Something wrong with what the form sent; shown on the form, with `status`."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


# ------------------------------------------------------------------------------ the page

#: The link page's own rules (the entity pages' stylesheet comes first). Verdicts and mentions
#: differ by more than colour: a verdict has its word and a border style, a mention is
#: underlined, and the legend says what each looks like.
LINK_STYLE = """
 nav a { white-space: nowrap; display: inline-block; }
 form.link-form { display: grid; gap: .75rem; margin: 1rem 0 1.5rem; }
 form.link-form label { font-weight: 600; display: block; margin-bottom: .25rem; }
 form.link-form textarea { width: 100%; box-sizing: border-box; font: inherit; padding: .5rem;
   border: 1px solid #666; border-radius: 3px; min-height: 12rem; }
 form.link-form input[type=file] { font: inherit; max-width: 100%; }
 form.link-form button { justify-self: start; font: inherit; padding: .35rem 1.2rem;
   border: 1px solid #0b57a4; border-radius: 3px; background: #0b57a4; color: #fff;
   cursor: pointer; }
 form.link-form textarea:focus-visible, form.link-form input:focus-visible,
 form.link-form button:focus-visible { outline: 3px solid #a65200; outline-offset: 2px; }
 .limits { color: #4d4d4d; font-size: .9rem; margin: 0; }
 .alert { background: #fdecea; border-left: 4px solid #b3261e; padding: .5rem 1rem; }
 .kg-linked { border: 1px solid #ccc; border-radius: 4px; padding: .75rem 1rem;
   overflow-wrap: anywhere; line-height: 1.8; }
 .kg-mention { background: #e8f0fb; border-radius: 2px; padding: 0 .1em;
   text-decoration: underline; text-decoration-thickness: 2px; text-underline-offset: 3px; }
 .kg-claim { border-bottom: 3px solid transparent; }
 .kg-supported { background: #e3f4e8; border-bottom: 3px solid #1b7f3b; }
 .kg-contradicted { background: #fdecea; border-bottom: 3px double #b3261e; }
 .kg-not_found { border-bottom: 3px dotted #6b6b6b; }
 .verdict { font-weight: 600; white-space: nowrap; padding: 0 .35em; border-radius: .3em; }
 .verdict.verdict-supported { background: #d4edda; color: #0f5323; }
 .verdict.verdict-contradicted { background: #f8d7da; color: #7d1a14; }
 .verdict.verdict-not_found { background: #eee; color: #333; }
 ol.claims > li { margin-bottom: 1rem; }
 ol.claims blockquote { margin: .25rem 0; padding-left: .75rem; border-left: 3px solid #ccc; }
 ol.claims ul { margin: .25rem 0; padding-left: 1.2rem; }
 .score { color: #4d4d4d; font-size: .85rem; }
 dl.legend-list { display: grid; grid-template-columns: max-content 1fr; gap: .3rem 1rem;
   margin: .5rem 0 1rem; }
 dl.legend-list dd { margin: 0; }
 @media (max-width: 40rem) { dl.legend-list { grid-template-columns: 1fr; }
   dl.legend-list dd { margin-bottom: .4rem; } }
"""

PAGE = (
    """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} - policy-kg</title>
<link rel="icon" href="data:,">
"""
    + STYLE_BLOCK
    + "<style>"
    + LINK_STYLE.replace("{", "{{").replace("}", "}}")
    + """</style>
</head>
<body>
<nav aria-label="Site"><a href="/">Tracker</a><a href="/viz">Network overview</a><a
 href="/graphiql">GraphiQL</a><a href="/link" aria-current="page">Link a text</a></nav>
<p class="kind">Text</p>
<h1>Link a text to the graph</h1>
<p>Paste a commentary, a news report or a debate extract, or upload one, to see which
recommendations, bodies and statutes it mentions, and whether the graph supports, contradicts
or does not hold what it claims.</p>
{message}
<form class="link-form" method="post" action="/link" enctype="multipart/form-data">
 <div><label for="text">Text to link</label>
 <textarea id="text" name="text" rows="12" maxlength="{max_chars}"
  aria-describedby="limits">{text}</textarea></div>
 <div><label for="file">Or upload a file (.txt, .html or .pdf)</label>
 <input type="file" id="file" name="file" accept="{accept}" aria-describedby="limits"></div>
 <p id="limits" class="limits">Up to {max_chars_words} characters of text, or one file of up
 to {max_upload_words} (a PDF of up to {max_pages} pages). Paste text or choose a file, not
 both. Nothing you send is kept.</p>
 <div><button type="submit">Link the text</button></div>
</form>
{result}
</body></html>
"""
)


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _size_words(n: int) -> str:
    return f"{n // (1024 * 1024)} MB" if n % (1024 * 1024) == 0 else f"{n:,} bytes"


def page_html(*, text: str = "", message: str = "", result: str = "",
              title: str = "Link a text") -> str:  # fmt: skip
    alert = f'<p class="alert" role="alert">{_e(message)}</p>' if message else ""
    return PAGE.format(
        title=_e(title),
        message=alert,
        text=_e(text),
        max_chars=MAX_TEXT_CHARS,
        max_chars_words=f"{MAX_TEXT_CHARS:,}",
        max_upload_words=_size_words(MAX_UPLOAD_BYTES),
        max_pages=MAX_PDF_PAGES,
        accept=ACCEPTED_FILES,
        result=result,
    )


#: Each verdict (kg.text.claims.Verdict's values) in words, and what it means.
VERDICT_WORDS = {v.value: v.value.replace("_", " ") for v in Verdict}
VERDICT_MEANING = {
    Verdict.SUPPORTED.value: "a fact in the graph backs it; its citation is shown",
    Verdict.CONTRADICTED.value: "a fact in the graph conflicts with it (a different number, "
    "date, stance or status)",
    Verdict.NOT_FOUND.value: "nothing in the graph matches it",
}


def _verdict(verdict: str) -> str:
    return (f'<span class="verdict verdict-{_e(verdict)}">'
            f"{_e(VERDICT_WORDS.get(verdict, verdict))}</span>")  # fmt: skip


def legend() -> str:
    """What the highlights and the verdicts mean (in words, not by colour alone)."""
    items = [
        '<dt><span class="kg-mention">a linked name</span></dt>'
        "<dd>a mention of an entity in the graph: it links to the entity's page, and its "
        "tooltip names the entity, its kind and the linker's score</dd>"
    ]
    for verdict, meaning in VERDICT_MEANING.items():
        items.append(f'<dt><span class="kg-claim kg-{verdict}">a claim</span> '
                     f"{_verdict(verdict)}</dt><dd>{_e(meaning)}</dd>")  # fmt: skip
    return ('<h3 id="legend">Legend</h3><dl class="legend-list" aria-labelledby="legend">'
            + "".join(items) + "</dl>")  # fmt: skip


def _evidence(items: list[dict]) -> str:
    if not items:
        return ""
    rows = []
    for e in items:
        title = _e(e.get("title") or e.get("source") or "a source")
        if e.get("url"):
            title = f'<a href="{_e(e["url"])}" rel="noreferrer">{title}</a>'
        where = f", {_e(e['locator'])}" if e.get("locator") else ""
        authority = e.get("authority")
        badge = (f' <span class="authority {_e(str(authority).lower())}">'
                 f"{_e(str(authority).lower())}</span>" if authority else "")  # fmt: skip
        rows.append(f"<li>{title}{where}{badge}</li>")
    return "<ul>" + "".join(rows) + "</ul>"


def claims_list(claims: list[dict], base: str) -> str:
    """Each claim with its verdict, why, the entities it is about and their evidence."""
    if not claims:
        return "<p>No claim the graph could check was found in the text.</p>"
    items = []
    for c in claims:
        links = []
        for link in c.get("links", ()):
            href = _e(entity_url(base, link["id"]))
            links.append(f'<li><a href="{href}">{_e(link.get("label") or link["id"])}</a> '
                         f'<span class="score">({_e(link.get("kind", ""))}, score '
                         f'{float(link.get("score") or 0):.2f})</span>'
                         f"{_evidence(link.get('evidence') or [])}</li>")  # fmt: skip
        reason = f"<p>{_e(c['reason'])}</p>" if c.get("reason") else ""
        about = f"<ul>{''.join(links)}</ul>" if links else ""
        items.append(f"<li>{_verdict(c['verdict'])}<blockquote>{_e(c['text'])}</blockquote>"
                     f"{reason}{about}</li>")  # fmt: skip
    return f'<ol class="claims">{"".join(items)}</ol>'


def result_html(result, found: dict, base: str) -> str:
    """The linked view of a text: a summary, the legend, the text with its highlights
    (kg.text.render.to_html) and the claims one by one."""
    from ..text import render

    verdicts = Counter(c["verdict"] for c in found["claims"])
    entities = {m["id"] for m in found["mentions"]}
    counts = ", ".join(f"{verdicts.get(v, 0)} {VERDICT_WORDS[v]}" for v in VERDICT_WORDS)
    return f"""<section aria-labelledby="result-heading">
<h2 id="result-heading">The text, linked</h2>
<p id="link-summary">{len(found["mentions"])} mentions of {len(entities)} entities;
{len(found["claims"])} claims: {counts}.</p>
{legend()}
<div id="linked-text">{render.to_html(result)}</div>
<h2 id="claims-heading">Claims</h2>
{claims_list(found["claims"], base)}
</section>"""


# ------------------------------------------------------------------------------ the request


async def read_body(request: Request, limit: int = MAX_BODY_BYTES) -> bytes:
    """The request body, read as it comes; TooLarge past `limit` (at once when the declared
    length says so)."""
    declared = request.headers.get("content-length")
    too_large = (f"the request is larger than the limit of {_size_words(limit)}; the page "
                 f"takes up to {MAX_TEXT_CHARS:,} characters of text or a file of up to "
                 f"{_size_words(MAX_UPLOAD_BYTES)}")  # fmt: skip
    if declared and declared.isdigit() and int(declared) > limit:
        raise TooLarge(too_large)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge(too_large)
        chunks.append(chunk)
    return b"".join(chunks)


@dataclasses.dataclass
class Sent:
    """What the form sent: the pasted text, and a file's name and bytes (None: no file)."""

    text: str = ""
    filename: str | None = None
    data: bytes | None = None


def _text_field(value: bytes) -> str:
    try:
        return value.decode("utf-8").replace("\r\n", "\n")
    except UnicodeDecodeError:
        raise FormError("the text is not UTF-8") from None


def parse_form(body: bytes, content_type: str) -> Sent:
    """The form's fields from a multipart/form-data or urlencoded body (FormError if neither,
    or malformed)."""
    media = content_type.split(";")[0].strip().lower()
    sent = Sent()
    if media == "application/x-www-form-urlencoded":
        try:
            fields = parse_qsl(body.decode("ascii"), keep_blank_values=True,
                               max_num_fields=10, strict_parsing=False)  # fmt: skip
        except (UnicodeDecodeError, ValueError):
            raise FormError("the form's data could not be read") from None
        for name, value in fields:
            if name == "text":
                sent.text = value.replace("\r\n", "\n")
        return sent
    if media != "multipart/form-data" or "boundary=" not in content_type:
        raise FormError("send the form as multipart/form-data (or urlencoded, without a file)",
                        415)  # fmt: skip
    header = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n"
    message = BytesParser(policy=email_policy.HTTP).parsebytes(
        header.encode("latin-1", "replace") + body
    )
    if not message.is_multipart() or message.defects:
        raise FormError("the form's data could not be read (malformed multipart body)")
    parts = list(message.iter_parts())
    if len(parts) > 10:
        raise FormError("the form has too many fields")
    for part in parts:
        name = part.get_param("name", header="content-disposition")
        payload = part.get_payload(decode=True) or b""
        if name == "text":
            sent.text = _text_field(payload)
        elif name == "file":
            filename = part.get_filename()
            if filename or payload:  # an empty file input sends a part with no name and no data
                sent.filename, sent.data = filename or "upload", payload
    return sent


def _spend(request: Request, size: int) -> Response | None:
    """Charge a form of `size` bytes to the client's `pages` tokens (one per CHARS_PER_TOKEN,
    a full bucket at most), before any work is done; a 429 if it has too few (the answer the
    rate limit's middleware gives)."""
    limiter = getattr(request.app.state, "limiter", None)
    tokens = size // CHARS_PER_TOKEN
    if limiter is None or tokens <= 0:
        return None
    refusal = limiter.spend("pages", limiter.client(request.scope), tokens)
    if refusal is None:
        return None
    limiter.refuse(request.scope, refusal)
    return PlainTextResponse(refusal.message + "\n", 429, headers=refusal.headers)


def _limits():
    from ..text import extract

    return dataclasses.replace(extract.DEFAULT_LIMITS, max_bytes=MAX_UPLOAD_BYTES,
                               max_chars=MAX_TEXT_CHARS, max_pages=MAX_PDF_PAGES)  # fmt: skip


def text_of(sent: Sent) -> tuple[str, str]:
    """The text to link and what to call it; FormError when there is none, both, or the file
    cannot be read."""
    from ..text import extract
    from ..text.errors import TextInputError

    if sent.data is not None and sent.text.strip():
        raise FormError("paste text or choose a file, not both")
    if sent.data is None:
        if not sent.text.strip():
            raise FormError("paste a text or choose a file to link")
        refused = too_long(sent.text, "the pasted text")
        if refused:
            raise FormError(refused, 413)
        return sent.text, "the pasted text"
    name = (sent.filename or "upload").replace("\\", "/").rsplit("/", 1)[-1][:200]
    if len(sent.data) > MAX_UPLOAD_BYTES:
        raise FormError(f"{name}: the file is {len(sent.data):,} bytes; the limit is "
                        f"{_size_words(MAX_UPLOAD_BYTES)}", 413)  # fmt: skip
    try:
        document = extract.read_document(sent.data, name, None, _limits())
    except TextInputError as exc:
        raise FormError(str(exc)) from None
    if not document.text.strip():
        raise FormError(f"{name}: the file holds no text")
    return document.text, name


def routes(build: Build) -> list[Route]:
    """GET /link: the form; POST /link: the form and the linked text."""

    async def show(request: Request):
        if request.method == "GET":
            return HTMLResponse(page_html())
        body = await read_body(request)
        refused = _spend(request, len(body))
        if refused is not None:
            return refused
        return await run_in_threadpool(answer, body, request.headers.get("content-type", ""))

    def answer(body: bytes, content_type: str) -> Response:
        """The page for what was sent (in a worker thread: parsing the form, reading a file and
        linking take time the event loop must not wait for)."""
        shown = ""
        try:
            sent = parse_form(body, content_type)
            shown = sent.text if sent.data is None else ""
            text, name = text_of(sent)
            result = link_text(build, text, name)
        except FormError as exc:
            return HTMLResponse(page_html(text=shown, message=str(exc)), exc.status)
        except UserError as exc:
            return HTMLResponse(page_html(text=shown, message=str(exc)), 400)
        found = result.to_json()
        return HTMLResponse(page_html(text=shown, result=result_html(result, found, build.base),
                                      title="Linked text"))  # fmt: skip

    return [Route(PATH, show, methods=["GET", "POST"])]
