"""rdflib terms as pyoxigraph terms: the one conversion between the two libraries.

The ingest writes rdflib terms (ingest/triples.py); the build's chunks, the validation store and
the serialiser are pyoxigraph's. A literal keeps its language or its datatype (xsd:string when
rdflib has none); a build has no blank nodes, but a graph validated on its own may.
"""

from __future__ import annotations

import pyoxigraph as ox
from rdflib import BNode, Literal
from rdflib.namespace import XSD


def ox_term(term) -> ox.NamedNode | ox.Literal | ox.BlankNode:
    """An rdflib term (or an IRI as a str) as a pyoxigraph term."""
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(term.datatype or XSD.string))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    return ox.NamedNode(str(term))
