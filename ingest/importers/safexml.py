"""Parse XML from the network safely, with errors that name the file and line.

legislation.gov.uk's data never needs a DTD or entity declarations, so any document that
declares one is refused outright: that closes billion-laughs and quadratic blowups (entities
expanding into gigabytes) and external entities (reads of local files or requests to other
hosts) without having to judge how dangerous a particular declaration is.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from xml.parsers import expat

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser

__all__ = ["XmlError", "parse_xml"]

# Expat's "no element found": at the end of non-empty input, the root element is still open.
_NO_ELEMENTS = expat.errors.codes[expat.errors.XML_ERROR_NO_ELEMENTS]
# Other errors met when the input stops early: a download cut off, a file half written.
_CUT_OFF = {
    expat.errors.codes[expat.errors.XML_ERROR_UNCLOSED_TOKEN],
    expat.errors.codes[expat.errors.XML_ERROR_PARTIAL_CHAR],
    expat.errors.codes[expat.errors.XML_ERROR_UNCLOSED_CDATA_SECTION],
}
_POSITION_SUFFIX = re.compile(r": line \d+, column \d+$")
_REFUSED = "refused: the document declares a DTD/entities, which legislation data never needs"


class XmlError(Exception):
    """A document that could not be parsed; str() is "FILE:LINE: message" like a compiler's."""

    def __init__(self, file: str, line: int | None, message: str) -> None:
        self.file = file
        self.line = line
        self.message = message
        super().__init__(file, line, message)

    def __str__(self) -> str:
        where = self.file if self.line is None else f"{self.file}:{self.line}"
        return f"{where}: {self.message}"


def parse_xml(data: bytes, name: str) -> ET.Element:
    """The root element of `data`; `name` (a file name or URL) is only used in errors."""
    if not data or data.isspace():
        raise XmlError(name, None, "empty document")
    # The standard TreeBuilder, as defusedxml's own fromstring passes: left to itself the parser
    # would build elements of its private pure-Python copy of ElementTree (another class).
    parser = DefusedXMLParser(
        target=ET.TreeBuilder(), forbid_dtd=True, forbid_entities=True, forbid_external=True
    )
    try:
        parser.feed(data)
        return parser.close()
    except DefusedXmlException as exc:
        # defusedxml's exceptions carry no position, but expat still knows where it stopped.
        raise XmlError(name, parser.parser.CurrentLineNumber, _REFUSED) from exc
    except ET.ParseError as exc:
        line, column = exc.position
        detail = _POSITION_SUFFIX.sub("", str(exc))
        if exc.code == _NO_ELEMENTS:
            message = "the document ends before its root element is complete (cut off?)"
        elif exc.code in _CUT_OFF:
            message = f"the document ends early (cut off?): {detail} at column {column}"
        else:
            message = f"malformed XML: {detail} at column {column}"
        raise XmlError(name, line, message) from exc
