"""A PDF's text, page by page, within limits (pypdf, pure Python).

pypdf 7 carries its own guards (decompressed bytes per stream, parsing work per content stream,
form XObjects per page, page tree depth); they are lowered here to our limits for the duration
of one read, through its per-context `apply_configuration`, so that a server reading two PDFs at
once does not share them. Our own checks come on top: the page count before any page is read,
the clock and the characters after each page. Whatever pypdf raises on a malformed file becomes
a TextInputError naming the page.
"""

from __future__ import annotations

import io
import logging
import warnings

from .errors import TextInputError

#: The most bytes one decompressed stream may hold: a page's content is rarely over 1 MB.
MAX_STREAM_BYTES = 5_000_000
#: The most operands and operators in one content stream: a page of text has a few thousand,
#: and pypdf takes about 120 µs for each text-showing operator (measured), so this bounds
#: one page to some seconds where its own default (2,000,000) allowed minutes.
MAX_STREAM_TOKENS = 60_000


def read_pdf(data: bytes, name: str, limits, clock) -> list[str]:
    """The text of each page of the PDF `data`."""
    import pypdf
    from pypdf.errors import PyPdfError

    stream_bytes = min(MAX_STREAM_BYTES, max(limits.max_bytes * 4, 1_000_000))
    guard = dict(
        maximum_declared_stream_length=stream_bytes,
        zlib_maximum_output_length=stream_bytes,
        lzw_maximum_output_length=stream_bytes,
        run_length_maximum_output_length=stream_bytes,
        array_based_stream_maximum_output_length=stream_bytes,
        brotli_maximum_output_length=stream_bytes,
        stream_decoding_work_maximum_length=stream_bytes * 2,
        stream_parsing_work_maximum_count=MAX_STREAM_TOKENS,
        page_tree_maximum_entries=limits.max_pages * 4 + 16,
        page_tree_maximum_page_entries=limits.max_pages * 8 + 16,
        xform_maximum_invocations_per_extraction=500,
        jbig2dec_binary=None,  # never run an external program on untrusted input
    )
    pages: list[str] = []
    total = 0
    page_number: int | None = None
    quiet = logging.getLogger("pypdf")
    level = quiet.level
    try:
        quiet.setLevel(logging.CRITICAL)  # malformed files log warnings by the hundred
        with pypdf.apply_configuration(**guard), warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = pypdf.PdfReader(io.BytesIO(data), strict=False)
            if reader.is_encrypted:
                try:
                    opened = reader.decrypt("")
                except Exception:
                    opened = 0
                if not opened:
                    raise TextInputError(name, "the PDF is encrypted with a password")
            count = len(reader.pages)
            clock.check()
            if count > limits.max_pages:
                raise TextInputError(name, f"{count:,} pages is more than the limit of "
                                     f"{limits.max_pages:,}")  # fmt: skip
            if count == 0:
                raise TextInputError(name, "the PDF has no pages")
            for index in range(count):
                page_number = index + 1
                text = reader.pages[index].extract_text() or ""
                total += len(text)
                clock.chars(total, page_number)
                clock.check(page_number)
                pages.append(text)
    except TextInputError:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, AttributeError, IndexError,
            AssertionError, OverflowError, RecursionError, ZeroDivisionError, UnicodeError,
            LookupError, OSError, EOFError, MemoryError) as exc:  # fmt: skip
        problem = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        what = "the page's text could not be read" if page_number else "not a readable PDF"
        raise TextInputError(name, f"{what} ({problem})", page=page_number) from None
    finally:
        quiet.setLevel(level)
    return pages
