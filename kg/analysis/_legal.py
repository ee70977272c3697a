"""The legal evidence of a corpus, read from the store in one SELECT, for kg.rules.legal and
kg.rules.inforce: instruments with their structure and dates, bills' stages, effects with their
in-force dates, and the links from recommendations and proposals to instruments.

`legal_facts(store)` reads them; GraphQL keeps one copy per build (`Build.memo`), and
`kg analyse claims` reads them once.
"""

from __future__ import annotations

import datetime as dt

from ontology.vocabulary import BILL_STAGE, HOUSE, INSTRUMENT_KIND, RELATION

from ..rules import inforce
from ..rules.legal import (
    BillFacts,
    InstrumentFacts,
    LegalFacts,
    LinkFacts,
    NoBillFacts,
    StageFacts,
)
from ..store import Store

QUERY = """
SELECT ?what ?node ?type ?value ?other ?date ?flag ?text WHERE {
  { ?node a pkg:Instrument ; a ?type . BIND("instrument" AS ?what)
    OPTIONAL { ?node rdfs:label ?text }
    OPTIONAL { ?node eli:is_part_of ?value }
    OPTIONAL { ?node pkg:enactedAs ?other } }
  UNION { ?node a pkg:Instrument ; pkg:enacted ?date . BIND("enactment" AS ?what) }
  UNION { ?node a pkg:Instrument ; pkg:tabled ?date . BIND("tabled" AS ?what) }
  UNION { ?node a pkg:Instrument ; pkg:inForceFrom ?date . BIND("from" AS ?what) }
  UNION { ?node a pkg:Instrument ; pkg:prospective ?flag . BIND("prospective" AS ?what) }
  UNION { ?node pkg:lapsed ?date . BIND("lapsed" AS ?what) }
  UNION { ?node pkg:withdrawn ?date . BIND("withdrawn" AS ?what) }
  UNION { ?node pkg:originatingHouse ?value . BIND("origin" AS ?what) }
  UNION { ?node pkg:billStage ?other . ?other pkg:stageKind ?value ; pkg:date ?date .
    OPTIONAL { ?other pkg:house ?type } BIND("stage" AS ?what) }
  UNION { ?node a pkg:Effect ; pkg:effectType ?text ; pkg:affected ?value .
    OPTIONAL { ?node pkg:affecting ?other } OPTIONAL { ?node pkg:affectedProvisions ?type }
    OPTIONAL { ?node pkg:applied ?flag } BIND("effect" AS ?what) }
  UNION { ?node pkg:requiresApplied ?flag . BIND("requires" AS ?what) }
  UNION { ?node pkg:inForce ?other . BIND("in-force" AS ?what)
    OPTIONAL { ?other pkg:date ?date } OPTIONAL { ?other pkg:qualification ?text }
    OPTIONAL { ?other pkg:prospective ?flag } }
  UNION { ?node pkg:instrumentLink ?other . ?other pkg:instrument ?value ; pkg:relation ?type .
    BIND("link" AS ?what) }
  UNION { ?node pkg:proposedBy ?value . BIND("proposal" AS ?what) }
  UNION { ?node pkg:noBill ?other . ?other pkg:date ?date . BIND("no-bill" AS ?what) }
}"""


def _date(row, name="date") -> dt.date | None:
    return dt.date.fromisoformat(row[name].value) if name in row else None


def _flag(row) -> bool | None:
    return row["flag"].value in ("true", "1") if "flag" in row else None


def legal_facts(store: Store) -> LegalFacts:
    """Every fact kg.rules.legal and kg.rules.inforce read (one SELECT)."""
    inst: dict[str, dict] = {}
    bills: dict[str, dict] = {}
    effects: dict[str, dict] = {}
    in_force: dict[str, dict[str, inforce.InForceDate]] = {}
    links: dict[str, list[LinkFacts]] = {}
    proposals: dict[str, list[str]] = {}
    no_bill: dict[str, list[NoBillFacts]] = {}
    for row in store.select(QUERY):
        what, node = row["what"].value, row["node"].value
        if what == "instrument":
            entry = inst.setdefault(node, {"kind": None})
            kind = INSTRUMENT_KIND.by_iri(row["type"].value)
            if kind is not None:
                entry["kind"] = kind
            entry["label"] = row["text"].value if "text" in row else node
            entry["part_of"] = row["value"].value if "value" in row else None
            entry["enacted_as"] = row["other"].value if "other" in row else None
        elif what in ("enactment", "tabled", "from"):
            inst.setdefault(node, {"kind": None})[what] = _date(row)
        elif what == "prospective":
            inst.setdefault(node, {"kind": None})[what] = bool(_flag(row))
        elif what in ("lapsed", "withdrawn"):
            bills.setdefault(node, {})[what] = _date(row)
        elif what == "origin":
            bills.setdefault(node, {})["origin"] = HOUSE.by_iri(row["value"].value)
        elif what == "stage":
            house = HOUSE.by_iri(row["type"].value) if "type" in row else None
            stage = StageFacts(
                row["other"].value, BILL_STAGE.by_iri(row["value"].value), _date(row), house
            )
            bills.setdefault(node, {}).setdefault("stages", {})[stage.node] = stage
        elif what == "effect":
            effects[node] = {
                "type": row["text"].value,
                "affected": row["value"].value,
                "affecting": row["other"].value if "other" in row else None,
                "applied": _flag(row),
                "provisions": row["type"].value if "type" in row else None,
            }
        elif what == "requires":
            effects.setdefault(node, {})["requires"] = _flag(row)
        elif what == "in-force":
            in_force.setdefault(node, {})[row["other"].value] = inforce.InForceDate(
                _date(row), row["text"].value if "text" in row else None, bool(_flag(row))
            )
        elif what == "link":
            relation = RELATION.by_iri(row["type"].value)
            link = LinkFacts(row["other"].value, node, row["value"].value, relation)
            links.setdefault(node, []).append(link)
        elif what == "proposal":
            proposals.setdefault(row["value"].value, []).append(node)
        elif what == "no-bill":
            no_bill.setdefault(node, []).append(NoBillFacts(row["other"].value, node, _date(row)))

    instruments = {
        iri: InstrumentFacts(
            iri,
            e["kind"],
            e.get("label", iri),
            e.get("part_of"),
            e.get("enacted_as"),
            e.get("tabled"),
        )
        for iri, e in inst.items()
    }
    provisions = {
        iri: inforce.ProvisionFacts(
            iri, e.get("part_of"), e.get("enactment"), e.get("from"), e.get("prospective", False)
        )
        for iri, e in inst.items()
    }
    effect_facts = [
        inforce.EffectFacts(
            iri,
            e["type"],
            e["affected"],
            e.get("affecting"),
            tuple(v for _, v in sorted(in_force.get(iri, {}).items())),
            e.get("applied"),
            e.get("requires"),
            e.get("provisions"),
        )
        for iri, e in sorted(effects.items())
        if "type" in e
    ]
    bill_facts = {
        iri: BillFacts(
            iri,
            tuple(sorted(b.get("stages", {}).values(), key=lambda s: (s.date, s.node))),
            b.get("origin"),
            b.get("lapsed"),
            b.get("withdrawn"),
        )
        for iri, b in bills.items()
    }
    for held in links.values():
        held.sort(key=lambda link: link.node)
    return LegalFacts(
        instruments,
        bill_facts,
        inforce.Provisions(provisions, effect_facts),
        links,
        {rec: sorted(ps) for rec, ps in proposals.items()},
        no_bill,
    )
