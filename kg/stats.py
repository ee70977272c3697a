"""What a build holds: counts by class, how much rests on primary sources, what is unconfirmed."""

from __future__ import annotations

from dataclasses import dataclass, field

from ontology import PKG
from ontology.vocabulary import AUTHORITY

from .store import Store


@dataclass
class Stats:
    quads: int = 0
    graphs: int = 0
    by_class: dict[str, int] = field(default_factory=dict)
    facts: int = 0  # entities and links that carry a confirmed flag
    confirmed: int = 0
    primary: int = 0  # facts with at least one citation of a primary source
    unconfirmed: list[tuple[str, str, str]] = field(default_factory=list)  # iri, label, note

    @property
    def confirmed_share(self) -> float:
        return self.confirmed / self.facts if self.facts else 0.0

    def as_dict(self) -> dict:
        primary = AUTHORITY.PRIMARY.token  # facts backed by a primary source
        return {
            "quads": self.quads,
            "graphs": self.graphs,
            "by_class": self.by_class,
            "facts": self.facts,
            "confirmed": self.confirmed,
            "confirmed_share": round(self.confirmed_share, 4),
            primary: self.primary,
            f"{primary}_share": round(self.primary / self.facts, 4) if self.facts else 0.0,
            "unconfirmed": [
                {"id": iri, "label": label, "note": note} for iri, label, note in self.unconfirmed
            ],
        }

    def markdown(self) -> str:
        rows = [
            "# Data report",
            "",
            f"{self.quads} quads in {self.graphs} named graphs.",
            "",
            "| class | count |",
            "|---|---:|",
            *[f"| {cls} | {n} |" for cls, n in sorted(self.by_class.items())],
            "",
            f"Facts (entities and links that carry citations): {self.facts}.",
            "",
            f"- backed by at least one primary source: {self.primary} "
            f"({self.primary / self.facts if self.facts else 0:.1%});",
            f"- confirmed (a primary source, and no curator doubt): {self.confirmed} "
            f"({self.confirmed_share:.1%}).",
            "",
            f"## Unconfirmed facts ({len(self.unconfirmed)})",
            "",
            *[f"- `{iri}` {label}: {note}" for iri, label, note in self.unconfirmed],
        ]
        return "\n".join(rows) + "\n"


def _value(term) -> str:
    return term.value if term is not None else ""


def compute(store: Store) -> Stats:
    """Stats of the build in a store (named graphs as written by `kg build`)."""
    stats = Stats()
    [sizes] = store.select(
        "SELECT (COUNT(*) AS ?quads) (COUNT(DISTINCT ?g) AS ?graphs) "
        "WHERE { GRAPH ?g { ?s ?p ?o } }"
    )
    stats.quads, stats.graphs = int(sizes["quads"].value), int(sizes["graphs"].value)
    for row in store.select(
        """
        SELECT ?cls (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s a ?cls } }
        GROUP BY ?cls ORDER BY ?cls"""
    ):
        name = row["cls"].value
        if name.startswith(str(PKG)):
            stats.by_class[name[len(str(PKG)) :]] = int(row["n"].value)
    for row in store.select(
        """
        SELECT (COUNT(DISTINCT ?s) AS ?n) (SUM(IF(?c, 1, 0)) AS ?ok)
        WHERE { { SELECT DISTINCT ?s ?c WHERE { GRAPH ?g { ?s pkg:confirmed ?c } } } }"""
    ):
        stats.facts = int(row["n"].value)
        stats.confirmed = int(row["ok"].value) if "ok" in row else 0
    for row in store.select(
        """
        SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { GRAPH ?g { ?s pkg:confirmed ?c } .
          GRAPH ?h { ?s pkg:citation ?cite } . GRAPH ?i { ?cite pkg:source ?src } .
          GRAPH ?j { ?src pkg:authority pkg:Primary } }"""
    ):
        stats.primary = int(row["n"].value)
    for row in store.select(
        """
        SELECT DISTINCT ?s ?label ?note WHERE { GRAPH ?g {
            ?s pkg:confirmed false .
            OPTIONAL { ?s rdfs:label ?label }
            OPTIONAL { ?s pkg:unconfirmedNote ?note } } }
        ORDER BY ?s"""
    ):
        stats.unconfirmed.append(
            (row["s"].value, _value(row.get("label")), _value(row.get("note")))
        )
    return stats
