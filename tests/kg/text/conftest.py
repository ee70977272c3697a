"""PDFs made in the test (pypdf writes them): ordinary ones with text, and hostile ones."""

from __future__ import annotations

import io
import zlib

import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject, StreamObject


def _font(writer: PdfWriter):
    return writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"),
        NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
    }))  # fmt: skip


def pdf_of(pages: list[list[str]]) -> bytes:
    """A PDF whose pages show these lines of text (Helvetica, one line each)."""
    writer = PdfWriter()
    font = _font(writer)
    for lines in pages:
        page = writer.add_blank_page(612, 792)
        ops = ["BT /F1 11 Tf 72 740 Td 14 TL"]
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(f"({escaped}) Tj T*")
        ops.append("ET")
        content = DecodedStreamObject()
        content.set_data("\n".join(ops).encode("latin-1"))
        page[NameObject("/Contents")] = writer._add_object(content)
        page[NameObject("/Resources")] = DictionaryObject(
            {NameObject("/Font"): DictionaryObject({NameObject("/F1"): font})}
        )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def pdf_with_stream(body: bytes) -> bytes:
    """A one-page PDF whose content stream is `body`, Flate-compressed: a small file that
    inflates to len(body) bytes."""
    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): _font(writer)})}
    )
    stream = StreamObject()
    stream._data = zlib.compress(body, 9)
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    page[NameObject("/Contents")] = writer._add_object(stream)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@pytest.fixture(name="pdf_of")
def pdf_of_fixture():
    return pdf_of


@pytest.fixture(name="pdf_with_stream")
def pdf_with_stream_fixture():
    return pdf_with_stream


@pytest.fixture(scope="session")
def linker(bundled_build):
    """A linker over the bundled corpus, as of a fixed day."""
    import datetime as dt

    from kg.store import open_build
    from kg.text.linker import Linker

    return Linker.from_store(open_build(bundled_build), as_of=dt.date(2026, 11, 30))
