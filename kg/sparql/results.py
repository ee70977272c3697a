"""SPARQL query results in the standard formats.

SELECT and ASK: JSON (application/sparql-results+json), XML (application/sparql-results+xml),
CSV (text/csv) and TSV (text/tab-separated-values). CONSTRUCT and DESCRIBE: Turtle, N-Triples,
N-Quads-free RDF formats via pyoxigraph, and JSON-LD.
"""

from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

import pyoxigraph as ox

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass
class Result:
    """A materialised query result: solutions, a boolean, or triples."""

    kind: str  # "select" | "ask" | "graph"
    variables: list[str] = field(default_factory=list)
    rows: list[dict] = field(default_factory=list)
    boolean: bool = False
    triples: list = field(default_factory=list)


SOLUTION_TYPES = {
    "application/sparql-results+json": "json",
    "application/json": "json",
    "application/sparql-results+xml": "xml",
    "application/xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
}
GRAPH_TYPES = {
    "text/turtle": ox.RdfFormat.TURTLE,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "application/ld+json": ox.RdfFormat.JSON_LD,
    "application/rdf+xml": ox.RdfFormat.RDF_XML,
}


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != XSD_STRING:
        out["datatype"] = term.datatype.value
    return out


def _xml_term(term) -> str:
    if isinstance(term, ox.NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, ox.BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype.value != XSD_STRING:
        return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def _tsv_term(term) -> str:
    """TSV cells are SPARQL/Turtle terms (<iri>, "literal"@en, "1"^^<xsd:integer>)."""
    if term is None:
        return ""
    return str(term)


def _csv_term(term) -> str:
    """CSV cells are plain values (IRIs without brackets, literals without quotes or types)."""
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value


def solutions(result: Result, kind: str) -> bytes:
    if kind == "json":
        if result.kind == "ask":
            return json.dumps({"head": {}, "boolean": result.boolean}).encode()
        bindings = [{v: _json_term(row[v]) for v in result.variables if v in row}
                    for row in result.rows]  # fmt: skip
        return json.dumps(
            {"head": {"vars": result.variables}, "results": {"bindings": bindings}}
        ).encode()
    if kind == "xml":
        head = '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">'
        if result.kind == "ask":
            return (
                f"{head}<head/><boolean>{str(result.boolean).lower()}</boolean></sparql>".encode()
            )
        parts = [head, "<head>"]
        parts += [f"<variable name={quoteattr(v)}/>" for v in result.variables]
        parts.append("</head><results>")
        for row in result.rows:
            parts.append("<result>")
            parts += [f"<binding name={quoteattr(v)}>{_xml_term(row[v])}</binding>"
                      for v in result.variables if v in row]  # fmt: skip
            parts.append("</result>")
        parts.append("</results></sparql>")
        return "".join(parts).encode()
    if result.kind == "ask":  # CSV/TSV have no boolean form; answer with one cell
        return f"_askResult\n{str(result.boolean).lower()}\n".encode()
    buffer = io.StringIO()
    if kind == "csv":
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(result.variables)
        for row in result.rows:
            writer.writerow([_csv_term(row.get(v)) for v in result.variables])
    else:
        buffer.write("\t".join(f"?{v}" for v in result.variables) + "\n")
        for row in result.rows:
            buffer.write("\t".join(_tsv_term(row.get(v)) for v in result.variables) + "\n")
    return buffer.getvalue().encode()


def graph(result: Result, rdf_format) -> bytes:
    return ox.serialize(result.triples, format=rdf_format)
