"""The entity-level networkx projection of the graph, built once per build and reused.

Nodes are entities (reports, findings, recommendations, bodies, instruments, themes, proposals)
with their kind and label; literals stay off the graph. A qualified link (a responsibility, an
instrument link) becomes one edge from the recommendation to the body or instrument, keyed by
its predicate (e.g. `lead`, `amends`), and remembers the node whose citations are its evidence
and when the link was recorded: its evidence's `pkg:recorded`, else (no cited source of the
link has an issue date) that of the entity stating it, else None; as ISO text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # networkx is imported when a projection is first built, not at start-up
    import networkx as nx

from ontology import PKG
from ontology.vocabulary import KIND, RELATION, ROLE, Concept

from .store import Store

P = str(PKG)
KINDS = KIND.names

#: Direct predicates kept on the projection, with the name an edge carries.
DIRECT = {
    f"{P}addresses": "addresses",
    f"{P}implicates": "implicates",
    f"{P}echoes": "echoes",
    f"{P}theme": "theme",
    f"{P}report": "report",
    f"{P}proposedBy": "proposedBy",
    f"{P}enactedAs": "enactedAs",
    "http://data.europa.eu/eli/ontology#is_part_of": "isPartOf",
    "http://www.w3.org/ns/org#subOrganizationOf": "subOrganizationOf",
}


def edge_name(concept: Concept) -> str:
    """The key of the edge a responsibility or instrument link becomes: its role's or
    relation's local name in lower camel case (`lead`, `reliesOn`)."""
    return concept.local[:1].lower() + concept.local[1:]


#: Role and relation IRIs, with the name the edge of a qualified link carries.
QUALIFIED_NAMES = {c.iri: edge_name(c) for c in (*ROLE, *RELATION)}


@dataclass(eq=False)  # compared (and hashed) by identity: one per build
class Projection:
    graph: nx.MultiDiGraph

    def kind(self, node: str) -> str | None:
        return self.graph.nodes[node].get("kind") if node in self.graph else None


def _recorded(row) -> str | None:
    """When a link was recorded: its evidence's `pkg:recorded` (`said`), else its holder's."""
    term = row.get("said")
    if term is None:
        term = row.get("own")
    return term.value if term is not None else None


def build_projection(store: Store) -> Projection:
    import networkx as nx

    graph = nx.MultiDiGraph()
    kinds = " ".join(f"pkg:{k}" for k in KINDS)
    for row in store.select(f"""
        SELECT ?s ?kind ?label WHERE {{
          VALUES ?kind {{ {kinds} }} ?s a ?kind . OPTIONAL {{ ?s rdfs:label ?label }} }}"""):
        graph.add_node(
            row["s"].value,
            kind=row["kind"].value.rsplit("#", 1)[-1],
            label=row["label"].value if "label" in row else row["s"].value,
        )
    predicates = " ".join(f"<{p}>" for p in DIRECT)
    for row in store.select(f"""
        SELECT ?s ?p ?o ?statement ?said ?own WHERE {{
          VALUES ?p {{ {predicates} }} ?s ?p ?o .
          OPTIONAL {{ ?statement rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o
                      OPTIONAL {{ ?statement pkg:recorded ?said }} }}
          OPTIONAL {{ ?s pkg:recorded ?own }} }}"""):
        s, o = row["s"].value, row["o"].value
        if s in graph and o in graph:
            evidence = row["statement"].value if "statement" in row else s
            graph.add_edge(s, o, key=DIRECT[row["p"].value], evidence=evidence,
                           recorded=_recorded(row))  # fmt: skip
    for row in store.select("""
        SELECT ?s ?o ?q ?how ?said ?own WHERE {
          { ?s pkg:responsibility ?q . ?q pkg:body ?o ; pkg:role ?how }
          UNION { ?s pkg:instrumentLink ?q . ?q pkg:instrument ?o ; pkg:relation ?how }
          OPTIONAL { ?q pkg:recorded ?said } OPTIONAL { ?s pkg:recorded ?own } }"""):
        s, o = row["s"].value, row["o"].value
        if s in graph and o in graph:
            graph.add_edge(s, o, key=QUALIFIED_NAMES[row["how"].value], evidence=row["q"].value,
                           recorded=_recorded(row))  # fmt: skip
    return Projection(graph)
