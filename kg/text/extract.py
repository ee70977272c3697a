"""Untrusted documents in, plain text out: `read_document(data, name, kind, limits)`.

Plain text, HTML and PDF are read into one `Document`: its text, and the span of each paragraph
in that text with its page (PDF), so that whoever quotes the text can say where it came from.

Everything here assumes the input is hostile (a pasted text on a public page, an uploaded PDF):
- size: more than `limits.max_bytes` bytes, or more than `limits.max_chars` characters of text
  after extraction (a decompression bomb in a PDF stream), is refused;
- time: every reader checks the clock as it goes and gives up after `limits.max_seconds`;
- PDF: more than `limits.max_pages` pages is refused before any page is read; pypdf runs with
  its decompression and parsing limits lowered to ours (pypdf 7's `Configuration`, per context,
  so concurrent requests do not share them);
- HTML: read by a tokenizer of our own that never nests and never looks back, so its work is
  linear in the input (Python's html.parser is quadratic on unclosed comments: measured, 80 KB
  of `<!--` took 3.7 s and 160 KB 15.7 s);
- encodings: UTF-8 (with or without a byte-order mark) or UTF-16 with a byte-order mark, else an
  error naming the line of the first bad byte; binary data is refused.
Each problem is a `TextInputError` naming the file and, where it can, the line or page.
"""

from __future__ import annotations

import codecs
import html
import re
import time
from dataclasses import dataclass, field

from .errors import TextInputError

KINDS = ("text", "html", "pdf")


@dataclass(frozen=True)
class Limits:
    """Bounds on one input: bytes read, characters of text, PDF pages, seconds of work."""

    max_bytes: int = 20_000_000
    max_chars: int = 2_000_000
    max_pages: int = 2_000
    max_seconds: float = 30.0


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Block:
    """One paragraph: `text[start:end]`, its page (PDF only, from 1) and its number in the
    document (from 1)."""

    start: int
    end: int
    page: int | None = None
    paragraph: int | None = None

    def locator(self) -> str:
        """Where it is, for a citation: `page 3, paragraph 12` or `paragraph 12`."""
        parts = [f"page {self.page}"] if self.page is not None else []
        parts += [f"paragraph {self.paragraph}"] if self.paragraph is not None else []
        return ", ".join(parts)


@dataclass(frozen=True)
class Document:
    text: str
    kind: str
    name: str
    blocks: list[Block] = field(default_factory=list)

    def block_at(self, offset: int) -> Block | None:
        """The paragraph holding the character at `offset`, if any."""
        lo, hi = 0, len(self.blocks)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.blocks[mid].end <= offset:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(self.blocks) and self.blocks[lo].start <= offset:
            return self.blocks[lo]
        return None


class _Clock:
    """The time budget of one read."""

    def __init__(self, name: str, limits: Limits):
        self.name, self.limits = name, limits
        self.deadline = time.monotonic() + limits.max_seconds

    def check(self, page: int | None = None) -> None:
        if time.monotonic() > self.deadline:
            raise TextInputError(
                self.name,
                f"took longer than {self.limits.max_seconds:g} s to read; the input is too "
                "large or malformed",
                page=page,
            )

    def chars(self, count: int, page: int | None = None) -> None:
        if count > self.limits.max_chars:
            raise TextInputError(self.name, f"more than {self.limits.max_chars:,} characters of "
                                 "text (the limit)", page=page)  # fmt: skip


def read_document(
    data: bytes, name: str = "-", kind: str | None = None, limits: Limits = DEFAULT_LIMITS
) -> Document:
    """`data` read as `kind` ("text", "html" or "pdf"; sniffed from the content and the name when
    None), within `limits`. Raises TextInputError on anything it cannot read."""
    if not isinstance(data, bytes | bytearray | memoryview):
        raise TextInputError(name, f"expected bytes, got {type(data).__name__}")
    data = bytes(data)
    if len(data) > limits.max_bytes:
        raise TextInputError(name, f"{len(data):,} bytes is more than the limit of "
                             f"{limits.max_bytes:,}")  # fmt: skip
    if not data.strip():
        raise TextInputError(name, "the input is empty")
    if kind is not None and kind not in KINDS:
        raise TextInputError(name, f"unknown kind {kind!r}: expected one of {', '.join(KINDS)}")
    clock = _Clock(name, limits)
    kind = kind or sniff(data, name)
    if kind == "pdf":
        from ._pdf import read_pdf  # pypdf is imported only for PDFs

        pages = read_pdf(data, name, limits, clock)
        document = _from_pages(pages, name, clock)
    else:
        text = decode(data, name)
        if kind == "html":  # markup is bounded by max_bytes, its text by max_chars
            document = _from_paragraphs(html_paragraphs(text, name, clock), "html", name, clock)
        else:
            clock.chars(len(text))
            document = _from_plain(text, name, clock)
    if not document.text.strip():
        raise TextInputError(name, f"no text found in this {kind} input")
    return document


def sniff(data: bytes, name: str) -> str:
    """The kind of `data`: its content decides, then its name's suffix."""
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF-"):
        return "pdf"
    lowered = name.lower()
    if lowered.endswith(".pdf"):
        return "pdf"  # without the header, the PDF reader says what is wrong
    if lowered.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if re.match(rb"(?is)(\xef\xbb\xbf)?\s*(<!doctype\s+html|<html|<head|<body|<!--|<\?xml)", head):
        return "html"
    if re.search(rb"(?i)<(p|div|br|h[1-6]|article|section|li|table)[\s>/]", data[:4096]):
        return "html"
    return "text"


_BOMS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
         (codecs.BOM_UTF16_BE, "utf-16-be"))  # fmt: skip
#: Control characters that never occur in text (tab, newline, carriage return, form feed do).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode(data: bytes, name: str) -> str:
    """UTF-8 (a BOM is dropped) or BOM-marked UTF-16, with newlines made `\\n`; binary data
    and other encodings are refused with the line of the first bad byte."""
    encoding = "utf-8"
    for bom, codec in _BOMS:
        if data.startswith(bom):
            data, encoding = data[len(bom) :], codec
            break
    if encoding == "utf-8" and b"\x00" in data[:8192]:
        raise TextInputError(name, "binary data, not text (it holds NUL bytes)")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise TextInputError(name, f"not {encoding.upper()} text (byte 0x{data[exc.start]:02x}); "
                             "save the file as UTF-8", line=line) from None  # fmt: skip
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    controls = len(_CONTROL.findall(text[:65536]))
    if controls > max(8, len(text[:65536]) // 100):
        raise TextInputError(name, "binary data, not text (it is full of control characters)")
    return _CONTROL.sub(" ", text)


# ------------------------------------------------------------------ plain text

_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")


def _from_plain(text: str, name: str, clock: _Clock) -> Document:
    """Plain text keeps its characters (offsets point into the file as read); paragraphs are
    separated by blank lines, or are its lines when it has none."""
    spans, start = [], 0
    separator = _BLANK_LINES if _BLANK_LINES.search(text) else re.compile(r"\n+")
    for found in separator.finditer(text):
        spans.append((start, found.start()))
        start = found.end()
    spans.append((start, len(text)))
    blocks, number = [], 0
    for start, end in spans:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            number += 1
            blocks.append(Block(start, end, None, number))
    clock.check()
    return Document(text, "text", name, blocks)


# ------------------------------------------------------------------ paragraphs to a document


def _from_paragraphs(paragraphs: list[tuple[str, int | None]], kind: str, name: str,
                     clock: _Clock) -> Document:  # fmt: skip
    """Paragraphs (text, page) joined by blank lines into one text, each a block."""
    parts: list[str] = []
    blocks: list[Block] = []
    offset = 0
    for text, page in paragraphs:
        text = text.strip()
        if not text:
            continue
        if parts:
            parts.append("\n\n")
            offset += 2
        parts.append(text)
        blocks.append(Block(offset, offset + len(text), page, len(blocks) + 1))
        offset += len(text)
        clock.chars(offset, page)
    clock.check()
    return Document("".join(parts), kind, name, blocks)


def _from_pages(pages: list[str], name: str, clock: _Clock) -> Document:
    paragraphs = [
        (paragraph, number)
        for number, page in enumerate(pages, start=1)
        for paragraph in pdf_paragraphs(page)
    ]
    return _from_paragraphs(paragraphs, "pdf", name, clock)


_HYPHEN_BREAK = re.compile(r"(\w)-\n(\w)")
_NUMBERED = re.compile(r"^\s*(\(?\d{1,3}(\.\d{1,3})*[.)]\s|[•▪◦·*\-–]\s|Recommendation\s+\d)",
                       re.IGNORECASE)  # fmt: skip


def _heading(line: str, width: int) -> bool:
    """A short line that opens with a capital or a number and does not run on."""
    words = line.split()
    return (
        0 < len(words) <= 10
        and len(line) < 0.6 * width
        and (line.lstrip()[:1].isupper() or line.lstrip()[:1].isdigit())
        and not line.rstrip().endswith((",", ";", "-", "and", "or", "the", "of"))
    )


def pdf_paragraphs(page: str) -> list[str]:
    """A page's extracted lines grouped into paragraphs: blank lines separate them; so does a
    line that opens a numbered paragraph or a list item, and a short line that ends a
    sentence (the last line of a paragraph rarely fills the width)."""
    page = page.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line.rstrip() for line in page.split("\n")]
    width = max((len(line) for line in lines), default=0)
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        current = paragraphs[-1]
        if not line.strip():
            if current:
                paragraphs.append([])
            continue
        if current and _NUMBERED.match(line):
            paragraphs.append([line])
            continue
        ends = line.rstrip().endswith((".", ":", "?", "!", '."', ".”"))
        if not ends and _heading(line, width):  # a heading is a paragraph of its own
            if current:
                paragraphs.append([])
            paragraphs[-1].append(line)
            paragraphs.append([])
            continue
        current.append(line)
        if ends and len(line) < 0.8 * width:
            paragraphs.append([])
    joined = []
    for lines_ in paragraphs:
        if lines_:
            text = _HYPHEN_BREAK.sub(r"\1\2", "\n".join(lines_))
            joined.append(re.sub(r"[ \t]*\n[ \t]*", " ", text))
    return joined


# ------------------------------------------------------------------ HTML

#: Elements whose content is not text for a reader.
_SKIPPED = frozenset({"script", "style", "noscript", "template", "head", "svg", "math",
                      "iframe", "object", "select", "textarea", "title"})  # fmt: skip
#: Elements that start or end a paragraph.
_BLOCK = frozenset(  # one string: these are HTML's words, not the vocabulary's "section"
    re.findall(
        r"\S+",
        """p div br h1 h2 h3 h4 h5 h6 li ul ol dl dt dd tr table section article
    aside header footer main nav blockquote pre hr figure figcaption caption address details
    summary form fieldset body html""",
    )
)
_TAG_NAME = re.compile(r"/?([a-zA-Z][a-zA-Z0-9:-]*)")
_SPACES = re.compile(r"\s+")
#: Where a skipped element ends; a head also ends where the body starts.
_ENDS = {"head": re.compile(r"</head\s*>|(?=<body[\s>])", re.IGNORECASE)}


def html_paragraphs(source: str, name: str, clock: _Clock) -> list[tuple[str, None]]:
    """The paragraphs of an HTML document's visible text. One pass over the source: each step
    consumes what it looked at (a search that finds no end ends the document), so the work is
    linear in its length however the markup is nested or broken."""
    paragraphs: list[tuple[str, None]] = []
    current: list[str] = []
    total = 0
    position, length = 0, len(source)
    steps = 0

    def close_paragraph():
        nonlocal current, total
        text = _SPACES.sub(" ", html.unescape("".join(current))).strip()
        current = []
        if text:
            paragraphs.append((text, None))
            total += len(text)
            clock.chars(total)

    while position < length:
        steps += 1
        if steps % 4096 == 0:
            clock.check()
        lt = source.find("<", position)
        if lt < 0:
            current.append(source[position:])
            break
        if lt > position:
            current.append(source[position:lt])
        if source.startswith("<!--", lt):
            end = source.find("-->", lt + 4)
            position = length if end < 0 else end + 3
            continue
        following = source[lt + 1 : lt + 2]
        if following in ("!", "?"):  # a doctype, CDATA or processing instruction
            end = source.find(">", lt + 2)
            position = length if end < 0 else end + 1
            continue
        tag = _TAG_NAME.match(source, lt + 1)
        if tag is None:  # a lone "<" is text
            current.append("<")
            position = lt + 1
            continue
        end = source.find(">", tag.end())
        if end < 0:
            break  # an unfinished tag ends the document
        position = end + 1
        element = tag.group(1).lower()
        closing = source.startswith("</", lt)
        if not closing and element in _SKIPPED and source[end - 1 : end] != "/":
            # skip to its end tag; with none, the rest is its content
            closer = _ENDS.get(element) or re.compile(rf"</{element}\s*>", re.IGNORECASE)
            found = closer.search(source, position)
            position = length if found is None else found.end()
            continue
        if element in _BLOCK:
            close_paragraph()
        elif element in ("td", "th"):
            current.append(" ")
    close_paragraph()
    clock.check()
    return paragraphs
