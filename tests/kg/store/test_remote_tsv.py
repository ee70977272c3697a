"""The remote store's own reader of SPARQL 1.1 TSV (kg.store._remote.read_tsv) gives the very
terms pyoxigraph's reader gives: on every kind of term Oxigraph writes, on the forms Turtle
allows that it does not write (escapes, bare numbers), and on what it leaves to pyoxigraph."""

from __future__ import annotations

import pyoxigraph as ox
import pytest

from kg.store._remote import read_tsv

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
    with pytest.raises(type(expected.value)):
        read_tsv(content)


def test_a_cell_repeated_is_one_term():
    content = b"?x\t?k\n<http://example.org/a>\t1\n<http://example.org/a>\t1\n"
    first, second = read_tsv(content)
    assert first == second and first[0] is second[0] and first[1] is second[1]
