"""Traces with their evidence: every hop of a path carries the citations that support it.

The legal team needs, for each hop from a recommendation to a statute, the document, the place
in it and the link. kg.trace finds the paths; this module attaches the citations of every
step's evidence node with one batched SELECT for the whole answer, so the cost does not grow
with the number of hops or paths.
"""

from __future__ import annotations

from dataclasses import dataclass

from ontology.vocabulary import AUTHORITY

from ..projection import Projection, build_projection
from ..store import Store
from ..trace import Step, trace

#: Authority IRIs, with their notations (PRIMARY, SECONDARY).
AUTHORITIES = {a.iri: a.notation for a in AUTHORITY}


@dataclass(frozen=True)
class CitationRef:
    citation: str  # the pkg:Citation node
    source: str
    source_title: str
    authority: str | None  # PRIMARY | SECONDARY
    locator: str | None
    url: str | None  # the citation's deep link, else the source's URL

    def text(self) -> str:
        where = f", {self.locator}" if self.locator else ""
        return f"{self.source_title}{where} <{self.url}>" if self.url else self.source_title + where


@dataclass(frozen=True)
class CitedStep:
    source: str
    source_label: str
    target: str
    target_label: str
    predicate: str
    inverse: bool  # True when the stored fact points from target to source
    evidence: str  # the node whose citations support the step
    citations: tuple[CitationRef, ...]

    def as_row(self) -> dict:
        return {
            "source": self.source,
            "source_label": self.source_label,
            "predicate": self.predicate,
            "inverse": self.inverse,
            "target": self.target,
            "target_label": self.target_label,
            "evidence": self.evidence,
            "citation_count": len(self.citations),
            AUTHORITY.PRIMARY.token: any(
                c.authority == AUTHORITY.PRIMARY.notation for c in self.citations
            ),
            "citations": "; ".join(c.text() for c in self.citations),
        }


@dataclass(frozen=True)
class CitedPath:
    steps: tuple[CitedStep, ...]

    @property
    def fully_cited(self) -> bool:
        return all(step.citations for step in self.steps)

    def as_row(self) -> dict:
        hops = [self.steps[0].source_label] if self.steps else []
        for step in self.steps:
            arrow = f"<-{step.predicate}-" if step.inverse else f"-{step.predicate}->"
            hops += [arrow, step.target_label]
        return {
            "start": self.steps[0].source if self.steps else None,
            "end": self.steps[-1].target if self.steps else None,
            "hops": len(self.steps),
            "path": " ".join(hops),
            "fully_cited": self.fully_cited,
            "citations": " | ".join(
                "; ".join(c.text() for c in step.citations) for step in self.steps
            ),
        }


def trace_with_citations(
    store: Store,
    projection: Projection | None,
    start: str,
    end: str | None = None,
    max_hops: int = 4,
    limit: int = 5,
) -> list[CitedPath]:
    """kg.trace.trace, each step with its citations (one SELECT, none when no path)."""
    projection = projection or build_projection(store)
    paths = trace(projection, start, end, max_hops, limit)
    citations = citations_of(store, {step.evidence for path in paths for step in path})
    labels = projection.graph.nodes
    return [
        CitedPath(tuple(_cite(step, labels, citations.get(step.evidence, ())) for step in path))
        for path in paths
    ]


def citations_of(store: Store, nodes: set[str]) -> dict[str, tuple[CitationRef, ...]]:
    """The citations of each node, in one SELECT (none for no nodes)."""
    if not nodes:
        return {}
    values = " ".join(f"<{n}>" for n in sorted(nodes))
    found: dict[str, set[CitationRef]] = {}
    for row in store.select(f"""
        SELECT DISTINCT ?node ?citation ?source ?title ?authority ?locator ?url ?sourceUrl WHERE {{
          VALUES ?node {{ {values} }}
          ?node pkg:citation ?citation . ?citation pkg:source ?source .
          OPTIONAL {{ ?source dcterms:title ?title }}
          OPTIONAL {{ ?source pkg:authority ?authority }}
          OPTIONAL {{ ?citation pkg:locator ?locator }}
          OPTIONAL {{ ?citation pkg:url ?url }}
          OPTIONAL {{ ?source pkg:url ?sourceUrl }} }}"""):
        source = row["source"].value
        url = row.get("url") or row.get("sourceUrl")
        found.setdefault(row["node"].value, set()).add(
            CitationRef(
                citation=row["citation"].value,
                source=source,
                source_title=row["title"].value if "title" in row else source,
                authority=AUTHORITIES.get(row["authority"].value) if "authority" in row else None,
                locator=row["locator"].value if "locator" in row else None,
                url=url.value if url is not None else None,
            )
        )
    return {node: tuple(sorted(refs, key=_citation_order)) for node, refs in found.items()}


def _citation_order(ref: CitationRef) -> tuple:
    """Citation nodes are numbered (`.../citation/2`); keep the curator's order."""
    head, _, number = ref.citation.rpartition("/")
    return (head, int(number) if number.isdigit() else 0, ref.citation)


def _cite(step: Step, labels, citations: tuple[CitationRef, ...]) -> CitedStep:
    return CitedStep(
        source=step.source,
        source_label=labels[step.source].get("label", step.source),
        target=step.target,
        target_label=labels[step.target].get("label", step.target),
        predicate=step.predicate,
        inverse=step.inverse,
        evidence=step.evidence,
        citations=citations,
    )
