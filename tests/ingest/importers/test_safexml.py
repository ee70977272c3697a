"""ingest.importers.safexml: XML from the network parses safely, and failures name file and line."""

from __future__ import annotations

import pickle
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ingest.importers.safexml import XmlError, parse_xml

LEG = "http://www.legislation.gov.uk/namespaces/legislation"
UKM = "http://www.legislation.gov.uk/namespaces/metadata"

CLML = f"""<?xml version="1.0" encoding="UTF-8"?>
<Legislation xmlns="{LEG}" xmlns:ukm="{UKM}" xmlns:dc="http://purl.org/dc/elements/1.1/">
  <ukm:Metadata>
    <dc:title>Example Act 2026 — Café</dc:title>
    <ukm:EnactmentDate Date="2026-03-01"/>
  </ukm:Metadata>
  <Primary><Body><P1 id="section-1" RestrictExtent="E+W"><Text>Hello</Text></P1></Body></Primary>
</Legislation>
""".encode()


def refused(error: XmlError) -> bool:
    return "refused: the document declares a DTD/entities" in str(error)


def test_well_formed_document_with_namespaces_parses():
    root = parse_xml(CLML, "ukpga-2026-1.xml")
    assert isinstance(root, ET.Element)
    assert root.tag == f"{{{LEG}}}Legislation"
    ns = {"leg": LEG, "ukm": UKM, "dc": "http://purl.org/dc/elements/1.1/"}
    assert root.findtext("ukm:Metadata/dc:title", namespaces=ns) == "Example Act 2026 — Café"
    assert root.find(".//leg:P1", ns).get("RestrictExtent") == "E+W"


def test_malformed_xml_names_file_and_line():
    data = b"<a>\n  <b>\n  </c>\n</a>\n"
    with pytest.raises(XmlError) as caught:
        parse_xml(data, "data.xml")
    assert caught.value.file == "data.xml"
    assert caught.value.line == 3
    assert str(caught.value) == "data.xml:3: malformed XML: mismatched tag at column 4"


def test_error_without_a_line_reads_file_colon_message():
    assert str(XmlError("f.xml", None, "bad")) == "f.xml: bad"
    assert str(XmlError("f.xml", 7, "bad")) == "f.xml:7: bad"
    copied = pickle.loads(pickle.dumps(XmlError("f.xml", 7, "bad")))
    assert (copied.file, copied.line, copied.message) == ("f.xml", 7, "bad")


@pytest.mark.parametrize("data", [b"", b"  \n\t"])
def test_empty_input(data: bytes):
    with pytest.raises(XmlError) as caught:
        parse_xml(data, "empty.xml")
    assert str(caught.value) == "empty.xml: empty document"
    assert caught.value.line is None


def test_cut_off_document_says_so_with_the_last_line():
    data = CLML[: CLML.index(b"<Primary>")]
    with pytest.raises(XmlError) as caught:
        parse_xml(data, "cut.xml")
    assert caught.value.line == data.count(b"\n") + 1
    assert "ends before its root element is complete (cut off?)" in str(caught.value)


def test_every_cut_of_a_document_is_reported_as_cut_off():
    # Wherever a download stops (inside a tag, a name, a multi-byte character, text), the
    # error says the document ended early rather than blaming its syntax.
    end = CLML.rindex(b"</Legislation>")
    for size in range(CLML.index(b"<Legislation") + 1, end):
        with pytest.raises(XmlError) as caught:
            parse_xml(CLML[:size], "cut.xml")
        assert "cut off?" in str(caught.value), (size, str(caught.value))


def test_document_with_no_root_element():
    with pytest.raises(XmlError, match="cut off"):
        parse_xml(b'<?xml version="1.0"?>\n<!-- nothing -->\n', "x.xml")


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<lolz>&lol9;</lolz>
"""


def test_billion_laughs_is_refused_at_the_doctype():
    with pytest.raises(XmlError) as caught:
        parse_xml(BILLION_LAUGHS, "bomb.xml")
    assert refused(caught.value)
    assert caught.value.line == 2  # stopped at the DOCTYPE, before any entity was declared


def test_quadratic_blowup_is_refused():
    entity = "x" * 100_000
    data = f'<!DOCTYPE r [<!ENTITY a "{entity}">]>\n<r>{"&a;" * 10_000}</r>'.encode()
    with pytest.raises(XmlError) as caught:
        parse_xml(data, "quadratic.xml")
    assert refused(caught.value)


def test_harmless_internal_dtd_is_refused_too():
    with pytest.raises(XmlError) as caught:
        parse_xml(b"<!DOCTYPE a>\n<a/>", "dtd.xml")
    assert str(caught.value).startswith("dtd.xml:1: refused:")


def test_external_entity_on_a_local_file_is_refused():
    data = b"""<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<r>&secret;</r>"""
    with pytest.raises(XmlError) as caught:
        parse_xml(data, "xxe.xml")
    assert refused(caught.value)
    assert "root:" not in str(caught.value)


class _Recorder(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.server.contacted.append(self.path)  # type: ignore[attr-defined]
        body = b'<!ENTITY leak "fetched">'
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: object) -> None:  # keep test output quiet
        pass


@pytest.fixture
def recorder() -> Iterator[tuple[str, list[str]]]:
    """A local server that records every request: (base URL, paths requested)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    server.contacted = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}", server.contacted  # type: ignore[attr-defined]
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@pytest.mark.parametrize(
    "template",
    [
        '<!DOCTYPE r [<!ENTITY x SYSTEM "{url}/general">]>\n<r>&x;</r>',
        '<!DOCTYPE r [<!ENTITY % p SYSTEM "{url}/parameter"> %p;]>\n<r>&leak;</r>',
        '<!DOCTYPE r SYSTEM "{url}/external.dtd">\n<r/>',
        '<!DOCTYPE r PUBLIC "-//X//DTD X//EN" "{url}/public.dtd">\n<r/>',
    ],
    ids=["general-entity", "parameter-entity", "external-dtd", "public-dtd"],
)
def test_external_references_are_refused_without_a_fetch(recorder, template: str):
    url, contacted = recorder
    with pytest.raises(XmlError) as caught:
        parse_xml(template.format(url=url).encode(), "xxe.xml")
    assert refused(caught.value)
    assert contacted == []


def test_recorder_does_record(recorder):
    # Guards the test above: an empty record must mean "not contacted", not "cannot record".
    import urllib.request

    url, contacted = recorder
    with urllib.request.urlopen(f"{url}/probe") as reply:
        reply.read()
    assert contacted == ["/probe"]


def test_huge_benign_document_parses():
    items = b"".join(
        b'<P1 id="s-%d"><Text>Provision %d of a long Act.</Text></P1>\n' % (i, i)
        for i in range(200_000)
    )
    data = b'<?xml version="1.0"?>\n<Body xmlns="' + LEG.encode() + b'">\n' + items + b"</Body>\n"
    assert len(data) > 10_000_000
    root = parse_xml(data, "big.xml")
    assert len(root) == 200_000
    assert root[-1].get("id") == "s-199999"
