"""The one error of text input: what was wrong with a file, a page or a pasted text."""

from __future__ import annotations


class TextInputError(ValueError):
    """A bad, empty, too large, too slow or malformed input. The message names the file (and the
    line or page where it can) and says what is wrong, in one line:

        report.pdf: page 3: the page's text could not be read (...)
        notes.txt: line 12: not UTF-8 text (byte 0xe9); save the file as UTF-8
    """

    def __init__(self, name: str, problem: str, *, line: int | None = None,
                 page: int | None = None):  # fmt: skip
        where = f"line {line}: " if line is not None else f"page {page}: " if page else ""
        super().__init__(f"{name}: {where}{problem}")
        self.name = name
        self.problem = problem
        self.line = line
        self.page = page
