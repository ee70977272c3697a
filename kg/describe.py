"""Batched descriptions of graph nodes, so a request costs round trips by depth, not by results.

Nodes loaded together form a *batch*. When a resolver follows a predicate from one node
(`related`, `referrers`), the describer follows it from every node of that node's batch at once,
so the siblings a GraphQL list resolves one after the other find their neighbours already loaded:
a bounded number of round trips per level of the query, whatever the number of results.

Two ways to fill a batch, chosen by the store's capabilities:
- *by predicate* (stores whose index lookups are cheap, `capabilities.lookups`: the embedded
  ones): a batch starts empty and the first read of a predicate from any node fetches that
  predicate for the whole batch. A query decodes only the triples it reads: most nodes carry
  many more (a recommendation has about twenty predicates; an operation reads three or four).
- *by plan* (stores without lookups but with `capabilities.selective`: remote ones, where each
  round trip is an HTTP request): a batch is filled at its first read, in one query, with every
  predicate that batches of the same *lineage* were read on by earlier requests of the same
  operation (its `Plans`); a predicate not in the plan is fetched for the whole batch when
  first read, and joins the plan. A batch's lineage is how it was reached: the n-th batch a
  request loaded directly, or the predicate followed from the batch of another lineage. So an
  operation's first request costs a round trip per predicate it reads, and later ones a round
  trip per level, each for only the predicates that level reads, whatever the variables:
  a plan that reads too little costs a round trip, one that reads too much costs bytes.
  The query takes one of three shapes, by what the engine does best: where it evaluates
  LATERAL (`nests`: the Oxigraph server), nested groups that write each node once per path
  to it, with its values of the predicates it holds one of as columns of that one row, and
  read as the answer arrives (`Planned._group`; HomeOfficeLeads at 10^5: 193 rows, 41 KB,
  3.0 ms on the Oxigraph server, where the flat form took 592 rows, 72 KB, 4.1 ms: the
  server spends one to two microseconds on every IRI and long literal it writes); else a
  flat SELECT of (node, predicate's code, value) rows where the engine writes compact
  tables; else a CONSTRUCT (Virtuoso).
- *whole* (other stores without lookups; and entity pages, which show everything): one round
  trip per batch fetches every outgoing triple and the incoming links on the predicates the
  API walks backwards (INCOMING).
"""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable, Iterable
from typing import ClassVar

import pyoxigraph as ox

from ontology import ELI, ORG, PKG

from .store import Lookups, Store

#: Predicates the API follows from object to subject (a body's responsibilities, a section's Act).
INCOMING = (
    PKG.report, PKG.addresses, PKG.echoes, PKG.body, PKG.instrument, PKG.implicates,
    PKG.proposedBy, PKG.responsibility, PKG.instrumentLink, PKG.theme, PKG.enactedAs,
    ELI.is_part_of, ORG.subOrganizationOf,
)  # fmt: skip
INCOMING_IRIS = tuple(str(p) for p in INCOMING)
_WALKED_BACKWARDS = frozenset(INCOMING_IRIS)
#: IRIs per VALUES block; beyond this a level takes several round trips.
BATCH = 2000
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
#: Operations whose plans a store keeps; beyond this they are forgotten (a public endpoint
#: may be sent any number of distinct queries).
PLANNED_OPERATIONS = 512
#: Batches a request loads directly that get a lineage of their own; later ones share one.
ROOT_LINEAGES = 32
#: Levels below a batch whose planned reads the batch's first query fetches as well.
PREFETCH_LEVELS = 5

Lineage = Hashable
Read = tuple[bool, str]  # (incoming?, predicate)


class Plans:
    """What each lineage of batches was read on, per operation, for one store: learnt as
    requests run, kept while the store is open. Plans are immutable frozensets replaced whole,
    so concurrent requests (one per thread) never see one change under them; two adding to the
    same plan at once may lose one addition, which costs a later request one round trip."""

    _of_store: ClassVar[weakref.WeakKeyDictionary] = weakref.WeakKeyDictionary()

    def __init__(self) -> None:
        self.operations: dict[Hashable, dict[Lineage, frozenset[Read]]] = {}
        #: per operation, per lineage: the predicates some node of a batch of that lineage
        #: held more than one value of (nested queries fetch them on rows of their own)
        self.multi: dict[Hashable, dict[Lineage, frozenset[str]]] = {}

    @classmethod
    def of(cls, store: Store) -> Plans:
        plans = cls._of_store.get(store)
        if plans is None:
            plans = cls._of_store[store] = cls()
        return plans

    def for_operation(self, operation: Hashable) -> dict[Lineage, frozenset[Read]]:
        plan = self.operations.get(operation)
        if plan is None:
            if len(self.operations) >= PLANNED_OPERATIONS:
                self.operations, self.multi = {}, {}
            plan = self.operations[operation] = {}
        return plan

    def multi_for(self, operation: Hashable) -> dict[Lineage, frozenset[str]]:
        multi = self.multi.get(operation)
        if multi is None:
            multi = self.multi[operation] = {}
        return multi


class Planned:
    """Fills batches by plan through `store.table` (see the module): one per request,
    shared by its batches. It holds what its queries answered, never a batch or a description,
    so that no request leaves a reference cycle.

    A batch's first read fetches, in one SELECT, every read of its lineage's plan and, down
    to PREFETCH_LEVELS levels, the reads planned for the batches that following those
    predicates will make: one UNION branch per read, reaching its nodes from the batch's
    members by the predicates followed. The answer is kept (by query) until those batches are
    made, then fills them: every member of such a batch was reached by each branch of its
    lineage, so its facts on those predicates came back whole. A read the plan lacked is
    fetched alone for the batch."""

    __slots__ = ("answers", "multi", "plan", "prefetched", "store")

    def __init__(self, store: Store, plan: dict[Lineage, frozenset[Read]],
                 multi: dict[Lineage, frozenset[str]]):  # fmt: skip
        self.store = store
        self.plan = plan
        self.multi = multi  # lineage -> predicates found with several values on a node
        #: query number -> what it answered: (node -> predicate -> objects,
        #: node -> predicate -> subjects' IRIs, whether every predicate there is whole)
        self.answers: list[tuple[dict, dict, bool]] = []
        #: (query number, lineage) -> the reads that query fetched for batches of that lineage
        self.prefetched: dict[tuple[int, Lineage], frozenset[Read]] = {}

    def fetch(self, batch: Batch, predicate: str, incoming: bool) -> None:
        read = (incoming, predicate)
        plan = self.plan
        known = plan.get(batch.lineage, frozenset())
        if read not in known:
            plan[batch.lineage] = known = known | {read}
        first = not batch.fetched
        reads = known if first else frozenset((read,))
        query = len(self.answers)
        if self.store.tables and getattr(self.store, "nests", False):
            self.answers.append((*self._nested(batch, reads, first, query), True))
            self._fill(batch, reads, query)
            return
        branches: list[str] = []
        codes: dict[Read, str] = {}
        # a SELECT where the store writes compact tables, else a CONSTRUCT (see Constructs)
        compact = self.store.tables
        self._branches(batch.lineage, reads, "?s", "", PREFETCH_LEVELS if first else 0, query,
                       branches, codes if compact else None)  # fmt: skip
        where = f"WHERE {{ VALUES ?s {{ {' '.join(f'<{i}>' for i in batch.outgoing)} }}\n"
        where += " UNION ".join(branches) + " }"
        outgoing: dict[str, dict[str, list]] = {}
        incoming_: dict[str, dict[str, list[str]]] = {}
        if compact:
            read_of = {code: read for read, code in codes.items()}
            # DISTINCT: a node reached twice (two paths to it) comes once
            for node, code, term in self.store.table("SELECT DISTINCT ?x ?k ?o " + where):
                inward, found = read_of[code.value]
                if inward:
                    incoming_.setdefault(node.value, {}).setdefault(found, []).append(term.value)
                else:
                    outgoing.setdefault(node.value, {}).setdefault(found, []).append(term)
        else:
            # once each: the same triple may be reached twice
            for triple in dict.fromkeys(self.store.construct(
                "CONSTRUCT { ?x ?p ?o . ?o ?q ?x } " + where
            )):  # fmt: skip
                subject, found, term = triple.subject.value, triple.predicate.value, triple.object
                outgoing.setdefault(subject, {}).setdefault(found, []).append(term)
                if isinstance(term, ox.NamedNode):
                    incoming_.setdefault(term.value, {}).setdefault(found, []).append(subject)
        self.answers.append((outgoing, incoming_, False))
        self._fill(batch, reads, query)

    def _nested(self, batch: Batch, reads: frozenset[Read], first: bool, query: int):
        """Fetch `reads` of `batch` (and, if `first`, the planned reads below) in one SELECT
        of nested LATERAL groups, for engines that evaluate LATERAL (see `_group`): what it
        answered, as `fetch` keeps it."""
        kinds: list[tuple] = []
        alone = len(batch.outgoing) == 1
        group, width = self._group(batch.lineage, reads, "?s", None, None,
                                   PREFETCH_LEVELS if first else 0, query, kinds,
                                   alone)  # fmt: skip
        member = next(iter(batch.outgoing)) if alone else None
        members = " ".join(f"<{i}>" for i in batch.outgoing)
        columns = " ".join(f"?c{i}" for i in range(1, width + 1))
        outgoing: dict[str, dict[str, list]] = {}
        incoming: dict[str, dict[str, list[str]]] = {}
        multi = self.multi
        kind_of: dict = {}  # ?k's term -> its kind

        def take(rows: list[tuple]) -> None:
            """Keep what `rows` say; called on the rows as they arrive, so that this work
            overlaps the engine's writing the rest. No DISTINCT (it costs the engine more than
            this): a value found twice, by two paths to its node or as a product of two
            columns, is kept once. ?y and ?x come as IRIs (strings), or as a literal's term
            where an outgoing link reaches one."""
            for row in rows:
                kind = kind_of.get(row[0])
                if kind is None:
                    link, columns, lineage = kinds[int(row[0].value)]
                    if type(columns) is tuple:  # (predicate, its column in the row) each
                        columns = tuple(zip(columns, range(3, 3 + len(columns)), strict=True))
                    kind = kind_of[row[0]] = (link, columns, lineage)
                link, columns, lineage = kind
                x = row[2]
                if link is not None:
                    inward, predicate = link
                    y = row[1] or member
                    if inward:
                        _keep_once(incoming, y, predicate, x)
                    elif type(x) is str:
                        _keep_once(outgoing, y, predicate, ox.NamedNode(x))
                    else:  # a literal: no facts of its own
                        _keep_once(outgoing, y, predicate, x)
                        continue
                if columns is None:
                    continue
                if type(columns) is str:  # a row of one incoming link: (?k, ?x, its subject)
                    _keep_once(incoming, x, columns, row[3].value)
                    continue
                table = outgoing.get(x)
                if table is None:
                    table = outgoing[x] = {}
                # _keep_once, inlined: a node's own row holds most of an answer's values
                for predicate, column in columns:  # no zip(): it costs more than the loop
                    term = row[column]
                    if term is None:
                        continue
                    found = table.get(predicate)
                    if found is None:
                        table[predicate] = [term]
                    elif term not in found:
                        found.append(term)
                        several = multi.get(lineage, frozenset())
                        if predicate not in several:
                            multi[lineage] = several | {predicate}

        self.store.table(f"SELECT ?k ?y ?x {columns} WHERE {{ VALUES ?s {{ {members} }}"
                         f" LATERAL {{ {group} }} }}", (1, 2), take)  # fmt: skip
        return outgoing, incoming

    def _group(self, lineage: Lineage, reads: frozenset[Read], node: str, parent: str | None,
               link: Read | None, levels: int, query: int, kinds: list[tuple],
               alone: bool = False) -> tuple[str, int]:  # fmt: skip
        """The group of UNION branches that reads `reads` of the nodes bound to `node` (reached
        from `parent` by `link`), and below, and the number of value columns it uses. Each
        row is (?k its kind's number in `kinds`, ?y the parent, ?x the node, ?c1 ...):
        - a node's own row: its link to its parent (if it has one) and, one per column, its
          values of the outgoing predicates it is read on (`LATERAL { OPTIONAL ... }`, which
          the engine evaluates once per node), kind (link, predicates, lineage);
        - a row per value of a predicate found with several values on a node (in `multi`; as
          columns they would multiply a node's rows), kind (None, (predicate,)), and per
          subject linking to the node by an incoming predicate, kind (None, predicate);
        - for a predicate followed to nodes whose reads are planned, their group, nested in a
          LATERAL that binds them (the engine correlates a LATERAL only with what its own
          group binds).
        The same node's facts are thus written once per path to it, not once per fact: the
        Oxigraph server spends a microsecond or so on every IRI it writes."""
        followed: dict[Read, frozenset[Read]] = {}
        if levels:
            for read in reads:
                below = self.plan.get((lineage, *read))
                if below:
                    followed[read] = below
        multi = self.multi.get(lineage, ())
        columns = tuple(p for inward, p in sorted(reads)
                        if not (inward or p in multi or (False, p) in followed))  # fmt: skip
        parts: list[str] = []
        width = 1
        if parent is not None or columns:
            kinds.append((link, columns, lineage))
            # one LATERAL for all of them: cheaper for the engine than one each
            values = " ".join(f"OPTIONAL {{ {node} <{p}> ?c{i} }}"
                              for i, p in enumerate(columns, 1))  # fmt: skip
            values = f" LATERAL {{ {values} }}" if columns else ""
            # a batch of one: its children's parent goes without saying (one IRI less a row)
            up = "" if parent is None or (alone and parent == "?s") else f" BIND({parent} AS ?y)"
            parts.append(f"{{{values} BIND({len(kinds) - 1} AS ?k){up} BIND({node} AS ?x) }}")
            width = max(width, len(columns))
        for read in sorted(reads):
            inward, predicate = read
            p = f"<{predicate}>"
            below = followed.get(read)
            if below is not None:
                child = (lineage, inward, predicate)
                self.prefetched[(query, child)] = below
                step = f"?n{levels}"
                triple = f"{step} {p} {node}" if inward else f"{node} {p} {step}"
                inner, used = self._group(child, below, step, node, read, levels - 1, query,
                                          kinds, alone)  # fmt: skip
                parts.append(f"{{ {triple} LATERAL {{ {inner} }} }}")
                width = max(width, used)
            elif inward:
                kinds.append((None, predicate, lineage))
                parts.append(f"{{ ?c1 {p} {node} BIND({len(kinds) - 1} AS ?k)"
                             f" BIND({node} AS ?x) }}")  # fmt: skip
            elif predicate in multi:
                kinds.append((None, (predicate,), lineage))
                parts.append(f"{{ {node} {p} ?c1 BIND({len(kinds) - 1} AS ?k)"
                             f" BIND({node} AS ?x) }}")  # fmt: skip
        return " UNION ".join(parts), width

    def adopt(self, batch: Batch, parent: Batch) -> tuple[dict, dict] | None:
        """For `batch`, just made by following a predicate from `parent` and not yet given
        members: what the query that filled `parent` fetched for it, if it did, as the tables
        its members take whole (answers of whole facts: made for this request alone, and a
        node has one Description per request), or None (filled by `fill` once made)."""
        query = parent.query
        reads = self.prefetched.get((query, batch.lineage)) if query is not None else None
        if not reads:
            return None
        outgoing, incoming, whole = self.answers[query]
        if not whole:
            return None
        batch.query = query
        batch.fetched.update(reads)
        return outgoing, incoming

    def fill(self, batch: Batch, parent: Batch) -> None:
        """Fill `batch` (see `adopt`, which returned None) with what the query that filled
        `parent` fetched for it, if it did."""
        query = parent.query
        reads = self.prefetched.get((query, batch.lineage)) if query is not None else None
        if reads:
            self._fill(batch, reads, query)

    def _fill(self, batch: Batch, reads: frozenset[Read], query: int) -> None:
        if batch.query is None:  # the query that prefetched its followers, if any
            batch.query = query
        batch.fetched.update(reads)
        outgoing, incoming, whole = self.answers[query]
        if whole:  # each node's facts on a predicate came back whole, whichever are read
            for found, tables in ((outgoing, batch.outgoing), (incoming, batch.incoming)):
                for iri, table in tables.items():
                    facts = found.get(iri)
                    if facts is not None:
                        table.update(facts)
            return
        for inward, predicate in reads:
            found, tables = (incoming, batch.incoming) if inward else (outgoing, batch.outgoing)
            for iri, table in tables.items():
                facts = found.get(iri)
                if facts is not None:
                    values = facts.get(predicate)
                    if values:
                        table[predicate] = values

    def _branches(self, lineage: Lineage, reads: frozenset[Read], node: str, path: str,
                  levels: int, query: int, out: list[str],
                  codes: dict[Read, str] | None) -> None:  # fmt: skip
        """UNION branches for `reads` of the nodes bound to `node` by `path`, and below. Each
        row is (?x the node read, ?k the read's code in `codes`, ?o the other end): a code of
        a digit or two where a CONSTRUCT would repeat the predicate's IRI on every row.
        Without `codes`, branches of a CONSTRUCT of the triples themselves."""
        for inward in (False, True):
            wanted = sorted(p for backwards, p in reads if backwards == inward)
            if not wanted:
                continue
            # one branch per node and direction (Virtuoso spends ~2 ms on every branch)
            if codes is None:  # a CONSTRUCT's: the predicate itself
                if len(wanted) == 1:
                    p = f"<{wanted[0]}>"
                    code = f" BIND({p} AS ?{'q' if inward else 'p'})"
                else:
                    p = "?q" if inward else "?p"
                    code = f" FILTER({p} IN ({', '.join(f'<{w}>' for w in wanted)}))"
                triple = f"?o {p} {node}" if inward else f"{node} {p} ?o"
                out.append(f"{{ {path}{triple} BIND({node} AS ?x){code} }}")
                continue
            keys = [codes.setdefault((inward, w), str(len(codes))) for w in wanted]
            if len(wanted) == 1:
                p, code = f"<{wanted[0]}>", f" BIND({keys[0]} AS ?k)"
            else:
                p = "?q" if inward else "?p"
                choice = keys[-1]
                for w, key in zip(wanted[-2::-1], keys[-2::-1], strict=True):
                    choice = f"IF({p} = <{w}>, {key}, {choice})"
                code = (f" FILTER({p} IN ({', '.join(f'<{w}>' for w in wanted)}))"
                        f" BIND({choice} AS ?k)")  # fmt: skip
            triple = f"?o {p} {node}" if inward else f"{node} {p} ?o"
            out.append(f"{{ {path}{triple} BIND({node} AS ?x){code} }}")
        for inward, predicate in sorted(reads):
            p = f"<{predicate}>"
            child = (lineage, inward, predicate)
            below = self.plan.get(child) if levels else None
            if below:
                self.prefetched[(query, child)] = below
                step = f"?n{levels}"
                link = f"{step} {p} {node} . " if inward else f"{node} {p} {step} . "
                self._branches(child, below, step, path + link, levels - 1, query, out, codes)


def _keep_once(facts: dict[str, dict[str, list]], node: str, predicate: str, value) -> bool:
    """Add `value` to `facts[node][predicate]` unless it is there; True if it joined a value
    already there (the node holds several on that predicate)."""
    table = facts.get(node)
    if table is None:
        table = facts[node] = {}
    found = table.get(predicate)
    if found is None:
        table[predicate] = [value]
        return False
    if value in found:
        return False
    found.append(value)
    return True


class Batch:
    """Nodes loaded together. With `lookups` (a store answering per-predicate lookups), each
    predicate is fetched for every member the first time any member's value is read.

    A batch holds its members' fact tables (the very dicts their Descriptions read), never the
    Descriptions: a Description points at its batch, so a batch pointing back would make every
    request leave a reference cycle of all it loaded, which only the garbage collector frees,
    in a collection that some later request pays for."""

    __slots__ = ("fetched", "incoming", "lineage", "lookups", "nodes", "outgoing", "partial",
                 "planned", "query", "terms")  # fmt: skip

    def __init__(self, lookups: Lookups | None, terms: dict[str, ox.NamedNode],
                 planned: Planned | None = None, lineage: Lineage = None):  # fmt: skip
        self.lookups = lookups
        self.planned = planned  # fills the batch by plan (stores without lookups), or None
        self.lineage = lineage
        #: filled as it is read (by lookups or by plan), not whole
        self.partial = lookups is not None or planned is not None
        self.query: int | None = None  # the planned query that filled it (kg.describe.Planned)
        self.terms = terms  # the describer's: IRI -> its term, as a lookup returned it
        self.outgoing: dict[str, dict[str, list]] = {}  # member IRI -> its Description.outgoing
        self.incoming: dict[str, dict[str, list]] = {}  # member IRI -> its Description.incoming
        self.fetched: set[tuple[bool, str]] = set()  # (incoming?, predicate)
        self.nodes: list[ox.NamedNode] | None = None  # the members as terms, made at first fetch

    def fetch(self, predicate: str, incoming: bool) -> None:
        if self.planned is not None:
            self.planned.fetch(self, predicate, incoming)
            return
        self.fetched.add((incoming, predicate))
        nodes = self.nodes
        if nodes is None:  # reuse the terms lookups returned: making one parses its IRI
            known = self.terms
            nodes = self.nodes = [known.get(iri) or ox.NamedNode(iri) for iri in self.outgoing]
        # the lookups answer in the order of `nodes`, which is the order of the tables
        if incoming:
            found = self.lookups.sources_of(nodes, predicate, self.terms)
            tables = self.incoming.values()
        else:
            found = self.lookups.values_of(nodes, predicate)
            tables = self.outgoing.values()
        for table, values in zip(tables, found, strict=True):
            if values:
                table[predicate] = values


class Description:
    """What the store says about one node. Read it through its methods: `outgoing` and
    `incoming` hold only what has been fetched so far (everything, in a whole batch)."""

    __slots__ = ("batch", "incoming", "iri", "outgoing")

    def __init__(self, iri: str, batch: Batch, outgoing: dict | None = None,
                 incoming: dict | None = None):  # fmt: skip
        self.iri = iri
        self.batch = batch
        if outgoing is None:
            outgoing = {}
        if incoming is None:
            incoming = {}
        self.outgoing: dict[str, list[ox.NamedNode | ox.Literal]] = outgoing
        self.incoming: dict[str, list[str]] = incoming
        batch.outgoing[iri] = outgoing
        batch.incoming[iri] = incoming

    @classmethod
    def adopted(cls, iri: str, batch: Batch, outgoing: dict | None,
                incoming: dict | None) -> Description:  # fmt: skip
        """The same as Description(...), made without a call to __init__: a planned query
        makes a Description for every node it reached (HomeOfficeLeads at 10^5: 185)."""
        d = cls.__new__(cls)
        d.iri = iri
        d.batch = batch
        d.outgoing = batch.outgoing[iri] = {} if outgoing is None else outgoing
        d.incoming = batch.incoming[iri] = {} if incoming is None else incoming
        return d

    # The readers look the predicate up first and fall back to _read only when it is not there
    # yet: a query reads each of a node's predicates once per field, thousands of times a request.

    def values(self, predicate) -> list[ox.NamedNode | ox.Literal]:
        found = self.outgoing.get(predicate)
        return found if found is not None else self._read(self.outgoing, str(predicate), False)

    def value(self, predicate):
        found = self.outgoing.get(predicate)
        if found is None:
            found = self._read(self.outgoing, str(predicate), False)
        return found[0] if found else None

    def text(self, predicate) -> str | None:
        found = self.outgoing.get(predicate)
        if found is None:
            found = self._read(self.outgoing, str(predicate), False)
        return found[0].value if found else None

    def iris(self, predicate) -> list[str]:
        return [t.value for t in self.values(predicate) if isinstance(t, ox.NamedNode)]

    def sources(self, predicate) -> list[str]:
        """Subjects that point at this node with `predicate` (for whole batches, only the
        INCOMING predicates are known)."""
        found = self.incoming.get(predicate)
        return found if found is not None else self._read(self.incoming, str(predicate), True)

    def _read(self, facts: dict, key: str, incoming: bool) -> list:
        """`facts[key]`, fetched for the whole batch the first time any member reads it."""
        found = facts.get(key)
        batch = self.batch
        if found is None and batch.partial and (incoming, key) not in batch.fetched:
            batch.fetch(key, incoming)
            found = facts.get(key)
        return found or []

    @property
    def types(self) -> set[str]:
        return {t.value for t in self.values(RDF_TYPE)}

    def has(self, predicate, iri: str) -> bool:
        """Whether the node points at `iri` with `predicate`: `iri in d.iris(predicate)`
        without making the list (resolvers ask it of every node of a list)."""
        for t in self.values(predicate):  # noqa: SIM110 - any() of a generator is slower
            if t.value == iri and type(t) is ox.NamedNode:
                return True
        return False

    @property
    def exists(self) -> bool:
        """Whether the node is the subject of any triple. Known for whole descriptions only
        (entity pages); the API asks for a type instead (kg.api.types.is_entity)."""
        if self.batch.partial:
            raise TypeError("exists needs a whole description: Describer(store, whole=True)")
        return bool(self.outgoing)


class Describer:
    """A per-request cache of node descriptions over a store. `whole=True` loads every node
    whole (for pages that show all of a node's facts)."""

    def __init__(self, store: Store, whole: bool = False):
        self.store = store
        self.lookups = store if store.capabilities.lookups and not whole else None
        self.planned = None
        if self.lookups is None and store.capabilities.construct and not whole:
            plans = Plans.of(store)
            self.planned = Planned(store, plans.for_operation(None), plans.multi_for(None))
        self.roots = 0  # batches loaded directly so far (their lineage is their rank)
        self.cache: dict[str, Description] = {}
        self.terms: dict[str, ox.NamedNode] = {}  # terms lookups returned, for batches to reuse
        self.followed: set[tuple[int, bool, str]] = set()  # (batch, incoming?, predicate)
        self.computed: dict[tuple[int, str], dict] = {}  # (batch, question) -> IRI -> answer

    @property
    def prefetches(self) -> bool:
        """Whether batches are filled by plan, several levels in one round trip: a resolver may
        then walk links one by one rather than ask the store a query of its own, at no cost in
        round trips after an operation's first request."""
        return self.planned is not None

    def operation(self, operation: Hashable) -> None:
        """Say which operation the request runs (its document and name), before it reads
        anything: its batches are then filled by that operation's plans."""
        if self.planned is not None:
            plans = Plans.of(self.store)
            self.planned.plan = plans.for_operation(operation)
            self.planned.multi = plans.multi_for(operation)

    def get(self, iri: str) -> Description:
        if iri not in self.cache:
            self._load([iri])
        return self.cache[iri]

    def get_many(self, iris: Iterable[str]) -> list[Description]:
        iris = list(dict.fromkeys(iris))
        missing = [i for i in iris if i not in self.cache]
        if missing:
            self._load(missing)
        return [self.cache[i] for i in iris]

    # related and referrers run once per field of every object a list resolves: they ask
    # whether the batch's predicate was followed before calling _follow, and read the cache
    # in one comprehension.

    def related(self, node: Description, predicate) -> list[Description]:
        """The nodes `node` points at with `predicate` (loaded for its whole batch at once)."""
        predicate = str(predicate)
        if (id(node.batch), False, predicate) not in self.followed:
            self._follow(node, False, predicate)
        cache = self.cache
        return [cache[t.value] for t in node.values(predicate) if type(t) is ox.NamedNode]

    def referrers(self, node: Description, predicate) -> list[Description]:
        """The nodes pointing at `node` with `predicate` (one of INCOMING), batch-wise."""
        predicate = str(predicate)
        if (id(node.batch), True, predicate) not in self.followed:
            self._follow(node, True, predicate)
        cache = self.cache
        return [cache[i] for i in node.sources(predicate)]

    def per_batch(self, node: Description, question: str,
                  answer: Callable[[list[str]], dict[str, list[str]]]) -> list[str]:  # fmt: skip
        """For a question the store answers better than lookups (a walk of several steps):
        `answer(iris)` asked once for all of `node`'s batch, so that siblings cost one round
        trip between them; `question` names it and its arguments. `node`'s answer, or []."""
        key = (id(node.batch), question)
        found = self.computed.get(key)
        if found is None:
            found = self.computed[key] = answer(list(node.batch.outgoing))
        return found.get(node.iri, [])

    def _follow(self, node: Description, incoming: bool, predicate: str) -> None:
        batch = node.batch
        key = (id(batch), incoming, predicate)
        if key in self.followed:
            return
        self.followed.add(key)
        if incoming and predicate not in _WALKED_BACKWARDS:
            # Whole batches (remote stores, entity pages) hold only these incoming links: a
            # walk on any other would find nothing there, silently. Fail on every store instead.
            raise LookupError(f"{predicate} is walked backwards: add it to kg.describe.INCOMING")
        # read through `node` first: that fetches the predicate for the whole batch
        if incoming:
            node.sources(predicate)
            wanted = [i for facts in batch.incoming.values() for i in facts.get(predicate, ())]
        else:
            node.values(predicate)
            terms = self.terms
            wanted = []
            for facts in batch.outgoing.values():
                for t in facts.get(predicate, ()):
                    if type(t) is ox.NamedNode:
                        iri = t.value
                        wanted.append(iri)
                        terms[iri] = t
        cache = self.cache
        missing = [i for i in dict.fromkeys(wanted) if i not in cache]
        if missing:
            self._load(missing, (batch.lineage, incoming, predicate), batch)

    def _load(self, iris: list[str], lineage: Lineage = None, parent: Batch | None = None) -> None:
        if lineage is None:
            lineage = min(self.roots, ROOT_LINEAGES)
            self.roots += 1
        for start in range(0, len(iris), BATCH):
            self._load_batch(iris[start : start + BATCH], lineage, parent)

    def _load_batch(self, iris: list[str], lineage: Lineage, parent: Batch | None) -> None:
        batch = Batch(self.lookups, self.terms, self.planned, lineage)
        cache = self.cache
        planned = self.planned if parent is not None else None
        found = planned.adopt(batch, parent) if planned is not None else None
        if found is not None:  # its members' facts, fetched with `parent`'s
            outgoing, incoming = found
            adopted = Description.adopted
            for iri in iris:
                cache[iri] = adopted(iri, batch, outgoing.get(iri), incoming.get(iri))
            return
        for iri in iris:
            cache[iri] = Description(iri, batch)
        if batch.partial:  # filled predicate by predicate, or by plan, as they are read
            if planned is not None:
                planned.fill(batch, parent)
            return
        # once each: the same triple may sit in several named graphs
        for subject, predicate, term, inward in dict.fromkeys(
            self.store.describe(iris, INCOMING_IRIS)
        ):
            if inward:
                batch.incoming[subject].setdefault(predicate, []).append(term.value)
            else:
                batch.outgoing[subject].setdefault(predicate, []).append(term)
