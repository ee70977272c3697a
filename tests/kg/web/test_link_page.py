"""The /link page (kg.web.link) over real HTTP against the bundled corpus: the form, the linked
view of a pasted or uploaded text (what the linker says, escaped), the size limits enforced
on the server, the rate limit, and hostile uploads answered with a clear error while the server
stays up."""

from __future__ import annotations

import re
import zlib
from pathlib import Path

import httpx
import pytest

from kg.api.link import MAX_TEXT_CHARS
from kg.store import open_build
from kg.text.linker import Linker
from kg.text.render import entity_href
from kg.web import create_app, security
from kg.web.link import MAX_BODY_BYTES, MAX_UPLOAD_BYTES
from kg.web.settings import ServeSettings

FIXTURES = Path(__file__).parents[2] / "fixtures" / "draft"
CHAPTER = FIXTURES / "harrowfield-review-2026.txt"
TEXT = (
    "The Home Office accepted recommendation 1 of the Casey audit. Under section 9 of the "
    "Sexual Offences Act 2003 the CPS charged fewer cases. Perpetrator ethnicity was not "
    "recorded in about two-thirds of cases. The moon is made of cheese."
)
HOME_OFFICE = "https://policy-kg.example/body/home-office"


@pytest.fixture(scope="module")
def server(bundled_build, live_server):
    app = create_app(bundled_build, settings=ServeSettings(rate_limits=False))
    with live_server(app) as running:
        yield running


@pytest.fixture(scope="module")
def http(server):
    with httpx.Client(base_url=server.url, timeout=60) as client:
        yield client


@pytest.fixture(scope="module")
def linker(bundled_build):
    return Linker.from_store(open_build(bundled_build))


def alert(page: str) -> str | None:
    found = re.search(r'<p class="alert" role="alert">(.*?)</p>', page, re.S)
    return found.group(1) if found else None


def assert_up(http):
    assert http.get("/healthz").json()["status"] == "ok"


# ------------------------------------------------------------------------------ the form


def test_the_form_has_labels_and_states_its_limits(http):
    response = http.get("/link")
    assert response.status_code == 200
    page = response.text
    assert '<label for="text">' in page and '<textarea id="text" name="text"' in page
    assert '<label for="file">' in page and '<input type="file" id="file" name="file"' in page
    assert 'aria-describedby="limits"' in page
    limits = re.search(r'<p id="limits"[^>]*>(.*?)</p>', page, re.S).group(1)
    assert f"{MAX_TEXT_CHARS:,} characters" in limits and "2 MB" in limits
    assert f'maxlength="{MAX_TEXT_CHARS}"' in page
    assert 'method="post" action="/link" enctype="multipart/form-data"' in page
    assert '<a href="/link" aria-current="page">Link a text</a>' in page.replace("\n", " ")
    # offline: nothing from another origin
    assert not re.search(r'(src|href)="(https?:)?//', page)


def test_the_sites_navigation_links_to_it(http):
    for path in ("/", "/timeline?report=casey-2025", "/report/casey-2025", "/body/home-office"):
        page = http.get(path).text
        nav = re.search(r'<nav aria-label="Site">(.*?)</nav>', page, re.S).group(1)
        assert '<a href="/link">Link a text</a>' in nav, path


def test_its_inline_style_is_allowed_by_the_policy_and_it_has_no_style_attribute(http):
    response = http.get("/link")
    csp = response.headers["content-security-policy"]
    for text in security.inline_blocks(response.text)["style"]:
        assert security.csp_hash(text) in csp
    assert security.inline_blocks(response.text)["script"] == []
    assert re.search(r"<[a-z][^>]*\sstyle\s*=", response.text, re.I) is None


# ------------------------------------------------------------------------------ linking


def test_pasted_text_comes_back_linked(http, linker):
    response = http.post("/link", data={"text": TEXT})
    assert response.status_code == 200
    page = response.text
    expected = linker.link(TEXT).to_json()
    # every mention is a link to its entity's page, and the page says how many
    hrefs = re.findall(r'<a class="kg-mention[^"]*" href="([^"]+)"', page)
    assert hrefs == [entity_href("", m["id"]).replace("&", "&amp;") for m in expected["mentions"]]
    assert http.get(hrefs[0].replace("&amp;", "&")).status_code == 200  # the page exists
    summary = re.search(r'<p id="link-summary">(.*?)</p>', page, re.S).group(1)
    assert summary.split()[0] == str(len(expected["mentions"]))
    # each claim marked by its verdict, in the text and in the list with its evidence
    marked = re.findall(r'<span class="kg-claim kg-([a-z_]+)"', page.split('id="legend"')[1])
    assert marked[3:] == [c["verdict"] for c in expected["claims"]]  # after the legend's three
    listed = re.findall(r'<li><span class="verdict verdict-([a-z_]+)">', page)
    assert listed == [c["verdict"] for c in expected["claims"]]
    for claim in expected["claims"]:
        for link in claim["links"]:
            for evidence in link["evidence"]:
                assert f">{evidence['title']}</a>" in page.replace("&#x27;", "'")
    assert '<h3 id="legend">Legend</h3>' in page
    # the text stays in the box, to change and send again
    assert f">{TEXT}</textarea>" in page


def test_every_piece_of_the_text_is_escaped(http):
    nasty = ('<script>alert(1)</script> The Home Office "quoted" & <b>bold</b> '
             "<img src=x onerror=alert(2)></textarea><p>")  # fmt: skip
    page = http.post("/link", data={"text": nasty}).text
    assert "<script>alert" not in page and "<img src=x" not in page and "<b>bold" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert page.count("</textarea>") == 1


def test_an_uploaded_text_html_or_pdf_file_is_linked(http):
    pdf = CHAPTER.with_suffix(".pdf")
    for name, data, kind, named in [
        ("notes.txt", TEXT.encode(), "text/plain", HOME_OFFICE),
        ("notes.html", f"<html><body><h1>Notes</h1><p>{TEXT}</p></body></html>".encode(),
         "text/html", HOME_OFFICE),
        (pdf.name, pdf.read_bytes(), "application/pdf",
         "https://policy-kg.example/body/department-for-education"),
    ]:  # fmt: skip
        response = http.post("/link", files={"file": (name, data, kind)})
        assert response.status_code == 200, (name, alert(response.text))
        assert alert(response.text) is None
        assert f'href="{entity_href("", named)}"' in response.text, name
        assert "></textarea>" in response.text  # a file's text is not put in the box


def test_a_multipart_form_with_text_and_an_empty_file_input_links_the_text(http):
    """What a browser sends when no file is chosen: an empty part named "file"."""
    empty = {"file": ("", b"", "application/octet-stream")}
    response = http.post("/link", data={"text": TEXT}, files=empty)
    assert response.status_code == 200 and "kg-mention" in response.text


# ------------------------------------------------------------------------------ what is refused


@pytest.mark.parametrize(
    ("send", "status", "message"),
    [
        ({"data": {"text": ""}}, 400, "paste a text or choose a file to link"),
        ({"data": {"text": "x" * (MAX_TEXT_CHARS + 1)}}, 413,
         f"the pasted text: the text is {MAX_TEXT_CHARS + 1:,} characters; the limit is "
         f"{MAX_TEXT_CHARS:,}"),
        ({"data": {"text": TEXT}, "files": {"file": ("a.txt", b"more text", "text/plain")}}, 400,
         "paste text or choose a file, not both"),
        ({"files": {"file": ("junk.txt", bytes(range(256)) * 64, "text/plain")}}, 400,
         "junk.txt: binary data, not text"),
        ({"files": {"file": ("big.txt", b"The Home Office. " * (MAX_UPLOAD_BYTES // 17 + 1),
                             "text/plain")}}, 413, "big.txt: the file is"),
        ({"content": b'{"text": "hi"}', "headers": {"content-type": "application/json"}}, 415,
         "send the form as multipart/form-data"),
        ({"content": b"--x\r\nnot really multipart",
          "headers": {"content-type": "multipart/form-data; boundary=x"}}, 400,
         "the form's data could not be read"),
    ],
)  # fmt: skip
def test_what_cannot_be_linked_gets_the_form_and_a_message(http, send, status, message):
    response = http.post("/link", **send)
    assert response.status_code == status
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    shown = alert(response.text)
    assert shown is not None and shown.startswith(message.replace("'", "&#x27;")), shown
    assert "<form" in response.text  # to try again
    assert_up(http)


def test_a_body_over_the_limit_is_refused_before_it_is_read(http):
    too_big = b"x" * (MAX_BODY_BYTES + 1)
    response = http.post("/link", content=too_big,
                         headers={"content-type": "application/x-www-form-urlencoded"})  # fmt: skip
    assert response.status_code == 413
    assert "the request is larger than the limit" in response.text

    def chunks():  # no Content-Length: the body is counted as it comes
        for _ in range(MAX_BODY_BYTES // 65536 + 2):
            yield b"y" * 65536

    response = http.post("/link", content=chunks(),
                         headers={"content-type": "application/x-www-form-urlencoded"})  # fmt: skip
    assert response.status_code == 413
    assert_up(http)


def _deflate_bomb() -> bytes:
    """A one-page PDF whose content stream inflates to 200 MB of zeros."""
    stream = zlib.compress(b"0" * 200_000_000, 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream
        + b"\nendstream",
    ]  # fmt: skip
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("bomb.pdf", _deflate_bomb()),
        ("truncated.pdf", (FIXTURES / "harrowfield-review-2026.pdf").read_bytes()[:2000]),
        ("nested.pdf", b"%PDF-1.4\n1 0 obj\n" + b"[" * 200_000 + b"\nendobj\n%%EOF"),
        ("pages.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << "
         b"/Type /Pages /Count 999999999 /Kids [2 0 R] >> endobj\ntrailer << /Root 1 0 R >>\n"
         b"%%EOF"),
        ("junk.pdf", b"%PDF-" + bytes(range(256)) * 2000),
        ("fake.html", b"<html>" + b"<!--" * 100_000),
    ],
)  # fmt: skip
def test_a_hostile_upload_gets_a_clear_error_and_the_server_stays_up(http, name, data):
    response = http.post("/link", files={"file": (name, data, "application/octet-stream")})
    assert response.status_code in (200, 400, 413), response.text[:300]
    if response.status_code != 200:
        shown = alert(response.text)
        assert shown and shown.startswith(f"{name}: "), shown
    assert_up(http)
    assert http.post("/link", data={"text": TEXT}).status_code == 200


# ------------------------------------------------------------------------------ rate limit


def test_linking_spends_tokens_by_length(bundled_build, live_server):
    """A long text costs more of the client's page tokens than a short one: with a burst of
    60 and no time to regain any, a 50,000-character text (1 + 50 tokens) goes through once and
    is then refused with 429 and Retry-After, while short texts still go through."""
    settings = ServeSettings(rate_pages=0.001, burst_pages=60)
    app = create_app(bundled_build, settings=settings)
    long_text = ("The Home Office met the CPS. " * 2000)[:MAX_TEXT_CHARS]
    with live_server(app) as running, httpx.Client(base_url=running.url, timeout=60) as client:
        assert client.post("/link", data={"text": long_text}).status_code == 200
        refused = client.post("/link", data={"text": long_text})
        assert refused.status_code == 429
        assert int(refused.headers["retry-after"]) >= 1
        assert "rate limit exceeded for pages" in refused.text
        assert client.post("/link", data={"text": TEXT}).status_code == 200
