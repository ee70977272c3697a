"""read_document: plain text, HTML and PDF in; hostile, huge, empty or binary input is a clear
TextInputError, never a crash or a hang."""

from __future__ import annotations

import codecs
import time

import pytest

from kg.text import Limits, TextInputError, read_document
from kg.text.extract import sniff

SMALL = Limits(max_bytes=200_000, max_chars=100_000, max_pages=5, max_seconds=5)


def test_plain_text_keeps_its_characters_and_finds_paragraphs():
    data = b"Title\n\nFirst paragraph,\nwrapped.\n\n\nSecond one.\n"
    doc = read_document(data, "notes.txt")
    assert doc.kind == "text" and doc.text == data.decode()
    assert [doc.text[b.start : b.end] for b in doc.blocks] == [
        "Title", "First paragraph,\nwrapped.", "Second one."]  # fmt: skip
    assert [b.paragraph for b in doc.blocks] == [1, 2, 3]
    assert doc.block_at(doc.text.index("wrapped")).paragraph == 2


def test_newlines_and_a_byte_order_mark_are_normalised():
    assert read_document(codecs.BOM_UTF8 + b"a\r\nb\rc", "x.txt").text == "a\nb\nc"
    utf16 = codecs.BOM_UTF16_LE + "The Home Office".encode("utf-16-le")
    assert read_document(utf16, "x.txt").text == "The Home Office"


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "the input is empty"),
        (b"  \n\t\n", "the input is empty"),
        (b"ok line\nbad \xe9 byte\n", "notes.txt: line 2: not UTF-8 text (byte 0xe9)"),
        (b"\x00\x01\x02binary" * 50, "binary data, not text"),
        (bytes(range(1, 9)) * 200, "binary data, not text"),
        (b"x" * 200_001, "200,001 bytes is more than the limit of 200,000"),
    ],
)
def test_bad_text_input_is_a_clear_error(data, words):
    with pytest.raises(TextInputError) as error:
        read_document(data, "notes.txt", limits=SMALL)
    message = str(error.value)
    assert message.startswith("notes.txt: ") and words in message
    assert "\n" not in message


def test_too_many_characters_is_refused():
    with pytest.raises(TextInputError, match="more than 100,000 characters"):
        read_document(b"word " * 30_000, "long.txt", limits=SMALL)


def test_an_unknown_kind_is_refused():
    with pytest.raises(TextInputError, match="unknown kind 'doc'"):
        read_document(b"text", "x", kind="doc")


def test_sniffing_reads_the_content_before_the_name():
    assert sniff(b"%PDF-1.7\n...", "report.txt") == "pdf"
    assert sniff(b"<!DOCTYPE html><html>", "x") == "html"
    assert sniff(b"<p>Hello</p>", "x") == "html"
    assert sniff(b"Plain words about s. 9 < 10", "x") == "text"
    assert sniff(b"words", "page.htm") == "html"


# ------------------------------------------------------------------ HTML


def test_html_gives_the_visible_text_in_paragraphs():
    source = (
        "<html><head><title>T</title><style>p {color: red}</style></head><body>"
        "<h1>Casey &amp; the audit</h1><p>The <b>Home Office</b> accepted<br>all twelve.</p>"
        "<script>alert('no')</script><!-- a comment --><ul><li>One</li><li>Two</li></ul>"
        "<table><tr><td>a</td><td>b</td></tr></table></body></html>"
    )
    doc = read_document(source.encode(), "page.html")
    assert doc.kind == "html"
    assert [doc.text[b.start : b.end] for b in doc.blocks] == [
        "Casey & the audit",
        "The Home Office accepted",
        "all twelve.",
        "One",
        "Two",
        "a b",
    ]
    assert "alert" not in doc.text and "color" not in doc.text and "comment" not in doc.text


def test_html_without_a_closed_head_still_has_its_body():
    doc = read_document(b"<html><head><meta charset=utf-8><body><p>Body text</p>", "x.html")
    assert doc.text == "Body text"


@pytest.mark.parametrize(
    "source",
    [
        "<div>" * 100_000 + "deep" + "</div>" * 100_000,  # deeply nested
        "<p>a" + "<!--" * 150_000,  # quadratic for html.parser
        "<p>a" + "<" * 150_000,
        "<p>a" + "</" * 90_000,
        "<p>a" + "<!" * 90_000,
        "<p>a<script>" * 20_000,
        "<p>a<a " + 'b="c" ' * 30_000,
        "<p>" + "&#" * 90_000,
    ],
)
def test_hostile_html_is_read_in_linear_time(source):
    began = time.perf_counter()
    try:
        doc = read_document(source.encode(), "hostile.html", limits=Limits(max_bytes=2_000_000))
    except TextInputError as error:
        assert str(error).startswith("hostile.html: ")
    else:
        assert len(doc.text) <= 200_000
    assert time.perf_counter() - began < 5


def test_html_that_is_all_markup_has_no_text():
    with pytest.raises(TextInputError, match=r"page\.html: no text found in this html input"):
        read_document(b"<html><script>x</script></html>", "page.html")


# ------------------------------------------------------------------ PDF


def test_pdf_text_comes_page_by_page_with_paragraph_locators(pdf_of):
    data = pdf_of([["Recommendation 1", "The Home Office should act.", "", "A new para-",
                    "graph on page one."], ["Page two text."]])  # fmt: skip
    doc = read_document(data, "report.pdf")
    assert doc.kind == "pdf"
    paragraphs = [(doc.text[b.start : b.end], b.page, b.paragraph) for b in doc.blocks]
    assert paragraphs[0] == ("Recommendation 1", 1, 1)
    assert paragraphs[-1] == ("Page two text.", 2, len(paragraphs))
    assert "paragraph on page one." in doc.text  # a hyphen at a line break is joined
    assert doc.blocks[-1].locator() == f"page 2, paragraph {len(paragraphs)}"


def test_a_pdf_with_too_many_pages_is_refused_before_reading_them(pdf_of):
    data = pdf_of([["x"]] * 6)
    began = time.perf_counter()
    with pytest.raises(TextInputError, match=r"big\.pdf: 6 pages is more than the limit of 5"):
        read_document(data, "big.pdf", limits=SMALL)
    assert time.perf_counter() - began < 5


def test_a_pdf_decompression_bomb_is_stopped(pdf_with_stream):
    bomb = pdf_with_stream(b"BT /F1 11 Tf " + b"(word word word word) Tj " * 2_000_000 + b"ET")
    assert len(bomb) < 200_000  # about 50 MB once inflated
    began = time.perf_counter()
    with pytest.raises(TextInputError) as error:
        read_document(bomb, "bomb.pdf")
    assert str(error.value).startswith("bomb.pdf: page 1: ")
    assert time.perf_counter() - began < 10


def test_a_page_of_endless_text_operators_is_stopped(pdf_with_stream):
    flood = pdf_with_stream(b"BT /F1 11 Tf " + b"(w) Tj " * 400_000 + b"ET")
    began = time.perf_counter()
    with pytest.raises(TextInputError, match=r"flood.pdf: page 1: "):
        read_document(flood, "flood.pdf")
    assert time.perf_counter() - began < 10


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n" + bytes(range(256)) * 40,
        b"%PDF-1.4\n1 0 obj\n" + b"[" * 50_000 + b"\nendobj\n",
        b"%PDF-",
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 1 0 R >> endobj\ntrailer << /Root 1 0 R >>",
    ],
)
def test_a_malformed_pdf_is_a_clear_error(data):
    with pytest.raises(TextInputError) as error:
        read_document(data, "junk.pdf")
    assert str(error.value).startswith("junk.pdf: ")


def test_a_pdf_without_text_says_so(pdf_with_stream):
    with pytest.raises(TextInputError, match=r"empty\.pdf: no text found in this pdf input"):
        read_document(pdf_with_stream(b"0 0 m 10 10 l S"), "empty.pdf")


def test_reading_stops_when_time_runs_out(pdf_of):
    data = pdf_of([["Some words on a page."]] * 3)
    with pytest.raises(TextInputError, match="took longer than 0 s"):
        read_document(data, "slow.pdf", limits=Limits(max_seconds=0))
