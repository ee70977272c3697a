"""The remote store's own reader of SPARQL 1.1 TSV (kg.store._remote.read_tsv) gives the very
terms pyoxigraph's reader gives: on every kind of term Oxigraph writes, on the forms Turtle
allows that it does not write (escapes, bare numbers), and on what it leaves to pyoxigraph;
IRIs as strings in the columns asked so; and the same rows read as the answer arrives, in
pieces cut anywhere (kg.store._remote._TsvPieces)."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.store import _remote
from kg.store._remote import _TsvPieces, read_tsv

TSV = ox.QueryResultsFormat.TSV


def pyoxigraph_reads(content: bytes) -> list[tuple]:
    return [tuple(row) for row in ox.parse_query_results(content, TSV)]


def test_every_kind_of_term_oxigraph_writes():
    store = ox.Store()
    results = store.query("""SELECT ?iri ?plain ?escaped ?lang ?typed ?int ?dec ?dbl ?bool ?blank
        ?none WHERE {
          VALUES (?iri ?plain ?escaped ?lang ?typed ?int ?dec ?dbl ?bool) {
            (<http://example.org/a?b=c#d> "plain" "tab\\tline\\nreturn\\rquote\\"back\\\\slash"
             "wörd"@en-GB "2024-01-31"^^<http://www.w3.org/2001/XMLSchema#date> 42 1.5 1e3 true)
            (<http://example.org/é> "" "" "x"@fr "7"^^<http://example.org/own> -7 -0.25 -2.5E-3
             false)
            (<http://example.org/a> "plain" "\\u0007 bell" "wörd"@en-GB "x"^^<http://example.org/own>
             0042 +1.0 1.0e0 true)
          }
          BIND(BNODE() AS ?blank) }""")  # fmt: skip
    content = results.serialize(format=TSV)
    rows = read_tsv(content)
    assert rows == pyoxigraph_reads(content)
    assert len(rows) == 3 and all(row[-1] is None for row in rows)
    kinds = {type(term).__name__ for row in rows for term in row if term is not None}
    assert kinds == {"NamedNode", "Literal", "BlankNode"}


@pytest.mark.parametrize(
    "cell",
    [
        "<http://example.org/\\u00e9t\\U0001F600>",  # an IRI with escapes
        '"caf\\u00e9 \\U0001F600"',
        '"a \\"quoted\\" word"@en',
        '"\\b\\f\\\'"',
        '"tab\\there"^^<http://www.w3.org/2001/XMLSchema#string>',
        "12",
        "+12",
        "-0",
        ".5",
        "-1.25",
        "1e10",
        "1.E-3",
        "-.5e+2",
        "true",
        "false",
        "_:b0",
    ],
)
def test_forms_turtle_allows(cell):
    content = f"?a\t?b\t?c\n{cell}\t\t{cell}\n".encode()
    assert read_tsv(content) == pyoxigraph_reads(content)
    [(a, b, c)] = read_tsv(content)
    assert a == c and b is None


def test_an_answer_with_no_rows_and_one_of_unbound_cells():
    assert read_tsv(b"?x\t?y\n") == []
    assert read_tsv(b"?x\n\n") == pyoxigraph_reads(b"?x\n\n") == [(None,)]


@pytest.mark.parametrize(
    "content",
    [
        b"?a\n'single quoted'\n",  # Turtle's, but not pyoxigraph's: it refuses it, and so do we
        b"?a\t?b\n<http://example.org/a>\n",  # a cell short
        b"?a\nnot-a-term\n",
        b'?a\n"unknown escape \\q"\n',
    ],
)
def test_what_it_does_not_read_is_left_to_pyoxigraph(content):
    with pytest.raises(SyntaxError) as expected:
        pyoxigraph_reads(content)
    kind = type(expected.value)
    # pyoxigraph's error holds its results object, which must be dropped in this thread: not
    # kept in a reference cycle (this frame and its ExceptionInfo) for the garbage collector
    # to drop in another (a server's), which PyO3 refuses
    del expected
    with pytest.raises(kind):
        read_tsv(content)


def test_a_cell_repeated_is_one_term():
    content = b"?x\t?k\n<http://example.org/a>\t1\n<http://example.org/a>\t1\n"
    first, second = read_tsv(content)
    assert first == second and first[0] is second[0] and first[1] is second[1]


def _oxigraph_answer() -> bytes:
    store = ox.Store()
    results = store.query("""PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
        SELECT ?k ?y ?x ?v ?w WHERE {
          VALUES (?k ?y ?x ?v ?w) {
            (0 UNDEF <http://example.org/a> "wörd"@en-GB 42)
            (1 <http://example.org/a> <http://example.org/é> "tab\\tx" UNDEF)
            (1 <http://example.org/a> "a literal" <http://example.org/b> 1.5)
            (2 <http://example.org/b> <http://example.org/c> "2024-01-31"^^xsd:date true)
          } }""")  # fmt: skip
    return results.serialize(format=TSV)


def test_plain_columns_give_iris_as_strings_and_other_terms_as_terms():
    content = _oxigraph_answer()
    rows = read_tsv(content, (1, 2))
    assert len(rows) == 4
    for row, terms in zip(rows, pyoxigraph_reads(content), strict=True):
        for i, (cell, term) in enumerate(zip(row, terms, strict=True)):
            if i in (1, 2) and isinstance(term, ox.NamedNode):
                assert cell == term.value and type(cell) is str
            else:
                assert cell == term


@pytest.mark.parametrize("block", [1, 7, 64, 4096])
@pytest.mark.parametrize("size", [1, 2, 3, 5, 11, 1000])
def test_read_as_it_arrives_in_pieces_cut_anywhere(monkeypatch, block, size):
    """Pieces cut inside a line, a cell or a character of UTF-8; blocks of any size."""
    monkeypatch.setattr(_remote, "TSV_BLOCK", block)
    content = _oxigraph_answer()
    got: list[tuple] = []
    pieces = _TsvPieces((1, 2), got.extend)
    for start in range(0, len(content), size):
        pieces.take(content[start : start + size])
    pieces.finish()
    assert pieces.trusted and got == read_tsv(content, (1, 2))


@pytest.mark.parametrize("content", [b"?x\t?y\n", b"?x\t?y", b"?x\n\n", b"?x\n<urn:a>"])
def test_read_as_it_arrives_short_answers(content):
    got: list[tuple] = []
    pieces = _TsvPieces((), got.extend)
    pieces.take(content)
    pieces.finish()
    expected = [(ox.NamedNode("urn:a"),)] if b"urn:a" in content else read_tsv(content)
    assert pieces.trusted and got == expected


def test_an_answer_that_is_not_sparql_tsv_is_kept_whole():
    """Virtuoso's TSV has no `?` before its variables: kept whole for the caller to judge."""
    content = b'"x"\t"k"\nhttp://example.org/a\t1\n' * 200
    got: list[tuple] = []
    pieces = _TsvPieces((), got.extend)
    for start in range(0, len(content), 100):
        pieces.take(content[start : start + 100])
    pieces.finish()
    assert pieces.trusted is False and not got and pieces.pending == content
