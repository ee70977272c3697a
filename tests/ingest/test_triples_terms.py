"""The terms TripleWriter makes without rdflib's constructors are rdflib's own, attribute for
attribute (ingest/triples.py: a build makes millions of them)."""

from __future__ import annotations

import datetime as dt

import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from ingest import triples
from ontology import DCTERMS, PKG, RDF


def _all_of(literal: Literal) -> tuple:
    return (
        type(literal),
        str.__str__(literal),
        literal.language,
        literal.datatype,
        type(literal.datatype),
        literal.value,
        type(literal.value),
        literal.ill_typed,
        hash(literal),
        literal.n3(),
    )


TEXTS = ["", "a", "  spaced  ", "two\nlines", 'a "quote" and \\', "é ü 中文 🙂", "\ud800 lone"]


@pytest.mark.parametrize("value", TEXTS)
def test_text_is_rdflibs_string_literal(value):
    made, expected = triples._text(value), Literal(value, datatype=XSD.string)
    assert _all_of(made) == _all_of(expected)
    assert made == expected and made.eq(expected)


class _Text(str):
    pass


def test_text_of_a_str_subclass_goes_through_rdflib():
    made = triples._text(_Text("x"))
    assert _all_of(made) == _all_of(Literal(_Text("x"), datatype=XSD.string))


@pytest.mark.parametrize("day", [dt.date(2020, 1, 2), dt.date(1, 1, 1), dt.date(9999, 12, 31)])
def test_date_is_rdflibs_date_literal_and_made_once(day):
    made = triples._date(day)
    assert _all_of(made) == _all_of(Literal(day, datatype=XSD.date))
    assert triples._date(day) is made


def test_date_of_a_datetime_goes_through_rdflib():
    moment = dt.datetime(2020, 1, 2, 3, 4, 5)
    assert _all_of(triples._date(moment)) == _all_of(Literal(moment, datatype=XSD.date))


@pytest.mark.parametrize("value", [True, False])
def test_boolean_is_rdflibs(value):
    assert _all_of(triples._boolean(value)) == _all_of(Literal(value))


def test_namespace_terms_are_rdflibs_made_once():
    for ours, theirs, name in ((triples.PKG, PKG, "citation"), (triples.RDF, RDF, "type"),
                               (triples.DCTERMS, DCTERMS, "title")):  # fmt: skip
        term = getattr(ours, name)
        assert type(term) is URIRef and term == getattr(theirs, name)
        assert getattr(ours, name) is term
    with pytest.raises(AttributeError):
        triples.PKG.__wrapped__  # noqa: B018 - dunder names are not terms
