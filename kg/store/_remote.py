"""A remote SPARQL 1.1 store (Oxigraph server, Virtuoso, Fuseki, GraphDB, Neptune ...).

Reads go through the SPARQL 1.1 Protocol, writes through SPARQL Update, with HTTP Basic
credentials if given. No blank nodes are ever sent (remote stores cannot round-trip them).

Builds are versioned so that readers never see half of one: a load writes the new build into a
graph of its own (`urn:policy-kg:build:<id>`), then swaps a pointer (one triple in the graph
`urn:policy-kg:builds` names the current build's graph), and readers restrict every query to
that graph (a FROM clause), re-reading the pointer every few seconds. The pointer is a single
triple, and the new one is added before the old one is removed, because not every engine makes
an update's changes visible at once (Virtuoso showed readers a pointer half rewritten): a reader
sees the old pointer, both (and takes the one it did not hold), or the new one. The previous
build is kept until the next load, so a reader holding the old pointer still sees a whole build.

One graph per build, not one per source file as in the build file and the embedded stores:
stores answer a query over one FROM graph quickly, but slow down badly over hundreds. Which file
a fact came from stays in the build file, and in every entity's citations.

No index lookups, and LATERAL is not declared (`capabilities.lateral`): the engine behind the
URL is unknown, so the API's own queries keep to SPARQL 1.1. The store answers CONSTRUCTs and
compact SELECTs (`capabilities.construct`), so kg.describe fetches a level of a query and the
levels under it in one round trip, of only the predicates that the same operation read before;
entity pages get whole descriptions, one round trip per batch. Whether the engine evaluates
LATERAL as Oxigraph does is asked once, with a query of one row (`nests`): kg.describe's
batches are then fetched by nested groups.

A store that cannot be reached, does not answer within the timeout (KG_SPARQL_TIMEOUT, 60 s;
connecting, at most 5 s) or answers with an HTTP error raises StoreUnavailable, whose message
names the URL and the cause in one line. Every request tries the store again, so service comes
back with the store; an outage of a store that was up is logged once when it starts (a warning)
and once when it ends, never per request.

Requests go over http.client (kg.store._http: a keep-alive connection per thread); our own
queries go as the request's body itself where the engine takes that (`direct`, asked once
with `nests`), which spares encoding them as a form (~0.1 ms a request), and compact
tables come as SPARQL TSV read by hand (`read_tsv`, a term made once per distinct cell, and
IRIs left as strings in the columns the caller asks so), read as the answer arrives when the
caller takes rows as they come (`table(each=)`, `_TsvPieces`): the Oxigraph server writes a
planned query's answer in bursts of ~16 KB, and reading the first ones while it writes the rest
took ~0.5 ms off HomeOfficeLeads at 10^5 (a 41 KB answer).
"""

from __future__ import annotations

import json
import logging
import os
import re
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from ..sparql.results import Result
from ._errors import BadStoreSpec, QueryRefused, RemoteError, StoreUnavailable
from ._http import Answer, Client, Unreachable
from ._protocol import SPARQL_PREFIXES, Capabilities, Fact, Row, describe_facts, describe_query

if TYPE_CHECKING:
    from ._spec import StoreSpec

XSD_BOOLEAN = "http://www.w3.org/2001/XMLSchema#boolean"
POINTER_GRAPH = "urn:policy-kg:builds"
BUILD_GRAPH = "urn:policy-kg:build:"
CURRENT = "urn:policy-kg:current"
HAS_GRAPH = "https://policy-kg.example/ns#graph"
#: Triples per INSERT DATA request (Virtuoso refuses much more than 1,000 in one).
CHUNK = 500
RETRIES = 3
POINTER_TTL = 2.0  # seconds a reader trusts the pointer before reading it again
TIMEOUT = 60.0  # seconds to wait for an answer (KG_SPARQL_TIMEOUT)
TSV = "text/tab-separated-values"
#: Bytes of a TSV answer read at a time as it arrives (the Oxigraph server writes ~16 KB at
#: once, in chunks of 1 KB): fewer blocks cost less, smaller ones leave less to read at its end.
TSV_BLOCK = 4096
#: A query of one row (?b = 1) where LATERAL is evaluated as Oxigraph does.
LATERAL_PROBE = "SELECT ?b WHERE { VALUES ?a { 1 } LATERAL { BIND(?a AS ?b) } }"
#: Seconds to wait for the answer to a query sent as the request's body (see _probe_direct).
DIRECT_PROBE_TIMEOUT = 5.0

log = logging.getLogger("kg.store")


@dataclass
class Endpoint:
    query_url: str
    update_url: str
    user: str | None = None
    password: str | None = None
    timeout: float = TIMEOUT

    def client(self, timeout: float | None = None) -> Client:
        return Client(self.timeout if timeout is None else timeout, self.user, self.password)


def unreachable(url: str, exc: Unreachable) -> StoreUnavailable:
    """The error for a request to `url` that got no answer."""
    if exc.connecting and exc.timed_out:
        hint = "is the server running and the address right?"
    elif exc.timed_out:
        hint = "is it overloaded? KG_SPARQL_TIMEOUT sets the timeout"
    else:  # refused, no such host, or the connection broke mid-answer
        hint = "is the server running?"
    return StoreUnavailable(f"the SPARQL store at {url} cannot be reached ({exc}); {hint}",
                            f"the graph store cannot be reached ({exc})")  # fmt: skip


def failing(url: str, response: Answer) -> StoreUnavailable:
    """The error for an HTTP error answer (not a refused query: 400 is the query's fault)."""
    status = f"{response.status} {response.reason}".strip()
    if response.status in (401, 403):
        hint = "; check KG_SPARQL_USER and KG_SPARQL_PASSWORD"
    elif response.status in (404, 405):
        hint = "; is that its SPARQL query endpoint?"
    else:
        detail = " ".join(response.text[:300].split())
        hint = f": {detail}" if detail else ""
    return StoreUnavailable(f"the SPARQL store at {url} answered {status}{hint}",
                            f"the graph store answered {status}")  # fmt: skip


def _term(binding: dict):
    kind, value = binding["type"], binding["value"]
    if kind == "uri":
        return ox.NamedNode(value)
    if kind == "bnode":
        return ox.BlankNode(value)
    if "xml:lang" in binding:
        return ox.Literal(value, language=binding["xml:lang"])
    if "datatype" in binding:
        datatype = binding["datatype"]
        if datatype == XSD_BOOLEAN and value in ("1", "0"):  # Virtuoso's booleans
            value = "true" if value == "1" else "false"
        return ox.Literal(value, datatype=ox.NamedNode(datatype))
    return ox.Literal(value)


_XSD = "http://www.w3.org/2001/XMLSchema#"
#: Turtle's bare numbers and booleans, as TSV may write them: their datatypes.
_BARE = (
    (re.compile(r"[+-]?\d+"), ox.NamedNode(_XSD + "integer")),
    (re.compile(r"[+-]?\d*\.\d+"), ox.NamedNode(_XSD + "decimal")),
    (re.compile(r"[+-]?(\d+\.?\d*|\.\d+)[eE][+-]?\d+"), ox.NamedNode(_XSD + "double")),
    (re.compile(r"true|false"), ox.NamedNode(_XSD + "boolean")),
)
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)
_ECHAR = {"t": "\t", "b": "\b", "n": "\n", "r": "\r", "f": "\f", '"': '"', "'": "'", "\\": "\\"}


class _NotPlain(ValueError):
    """A TSV cell read_tsv leaves to pyoxigraph's reader."""


def _unescape(text: str) -> str:
    def one(match: re.Match) -> str:
        short, long, char = match.groups()
        if char is not None:
            if char not in _ECHAR:
                raise _NotPlain(text)
            return _ECHAR[char]
        return chr(int(short or long, 16))

    return _ESCAPE.sub(one, text)


#: Datatype IRI -> its term, made once (a literal's datatype is one of a few).
_DATATYPES: dict[str, ox.NamedNode] = {}


def _datatype(iri: str) -> ox.NamedNode:
    found = _DATATYPES.get(iri)
    if found is None:
        found = ox.NamedNode(iri)
        if len(_DATATYPES) < 256:
            _DATATYPES[iri] = found
    return found


def _tsv_term(cell: str):
    """One TSV cell as a term (SPARQL 1.1 TSV: a term in Turtle's syntax; empty if unbound)."""
    first = cell[:1]
    if first == "<" and cell[-1] == ">":
        iri = cell[1:-1]
        return ox.NamedNode(_unescape(iri) if "\\" in iri else iri)
    if first == '"':
        end = cell.rindex('"')  # a language tag or datatype IRI holds no quote
        if end == 0:
            raise _NotPlain(cell)
        text = cell[1:end]
        if "\\" in text:
            text = _unescape(text)
        rest = cell[end + 1 :]
        if not rest:
            return ox.Literal(text)
        if rest[0] == "@":
            return ox.Literal(text, language=rest[1:])
        if rest.startswith("^^<") and rest[-1] == ">":
            return ox.Literal(text, datatype=_datatype(rest[3:-1]))
        raise _NotPlain(cell)
    if first == "_" and cell.startswith("_:"):
        return ox.BlankNode(cell[2:])
    for form, datatype in _BARE:
        if form.fullmatch(cell):
            return ox.Literal(cell, datatype=datatype)
    raise _NotPlain(cell)


def _tsv_plain(cell: str):
    """A cell of a `plain` column: an IRI as its string, anything else as a term."""
    if cell[:1] == "<" and cell[-1] == ">":
        iri = cell[1:-1]
        return iri if "\\" not in iri else _unescape(iri)
    return _tsv_term(cell) if cell else None


def _terms_of(cells: set[str]) -> dict[str, object]:
    """Each of `cells` -> its term (None if empty): IRIs and plain and typed literals without
    escapes made here (most of a planned query's cells, read as the engine writes the rest,
    where each microsecond shows), the rest by _tsv_term."""
    made: dict[str, object] = {}
    literal, named = ox.Literal, ox.NamedNode
    for cell in cells:
        first = cell[:1]
        if first == "<" and cell[-1] == ">" and "\\" not in cell:
            made[cell] = named(cell[1:-1])
        elif first == '"' and "\\" not in cell:
            if cell[-1] == '"' and len(cell) > 1:
                made[cell] = literal(cell[1:-1])
                continue
            end = cell.rfind('"^^<')  # a typed literal's text holds no quote unescaped
            if end > 0 and cell[-1] == ">":
                made[cell] = literal(cell[1:end], datatype=_datatype(cell[end + 4 : -1]))
            else:
                made[cell] = _tsv_term(cell)  # a language tag, say
        else:
            made[cell] = _tsv_term(cell) if cell else None
    return made


def read_tsv(content: bytes, plain: tuple[int, ...] = ()) -> list[tuple]:
    """SPARQL 1.1 TSV results as rows of terms (None where unbound), except that in the
    columns `plain` an IRI comes as its string. A planned query's answer repeats its nodes
    and codes on many rows, so each distinct cell is made a term once, and the rows are cut
    from one list of cells. The same terms as pyoxigraph's reader, which reads what this one
    does not (a single-quoted literal, say) and raises on what is not TSV."""
    text = content.decode("utf-8")
    head, _, body = text.partition("\n")
    if body.endswith("\n"):  # the last row's end
        body = body[:-1]
    width = head.count("\t") + 1
    empty = not body and not (width == 1 and text.endswith("\n\n"))
    return [] if empty else _TsvRows(head, plain).rows(body, content)


class _TsvRows:
    """Rows of a TSV answer read a block of lines at a time, with the terms made so far."""

    def __init__(self, head: str, plain: tuple[int, ...]):
        self.head = head
        self.width = head.count("\t") + 1
        self.plain = plain
        self.made: dict[str, object] = {}  # cell -> its term

    def rows(self, body: str, content: bytes | None = None) -> list[tuple]:
        """The rows of `body`, whole lines without the last one's end (`content`: the same
        with the head line, as bytes, for pyoxigraph's reader if need be)."""
        width, plain = self.width, self.plain
        rows = body.count("\n") + 1
        # A cell holds no tab or newline (TSV escapes them), so a row is `width` cells:
        # counted over the whole block rather than row by row (a row short of a cell and
        # another with one too many would pass, which no valid TSV has).
        cells = body.replace("\n", "\t").split("\t")
        try:
            if len(cells) != rows * width:
                raise _NotPlain("rows of another width")
            if not plain:
                made = self.made
                for cell in set(cells).difference(made):
                    made[cell] = _tsv_term(cell) if cell else None
                terms = list(map(made.__getitem__, cells))
                return list(zip(*[iter(terms)] * width, strict=True))
            columns = [cells[j::width] for j in range(width)]
            made = self.made
            for j, column in enumerate(columns):
                if j in plain:  # mostly IRIs, a node's on each row: cut, not looked up
                    columns[j] = [c[1:-1] if c[:1] == "<" and c[-1:] == ">" and "\\" not in c
                                  else _tsv_plain(c) for c in column]  # fmt: skip
                    continue
                new = set(column).difference(made)
                if new:
                    made.update(_terms_of(new))
                columns[j] = list(map(made.__getitem__, column))
            return list(zip(*columns, strict=True))
        except ValueError:  # _NotPlain, or a language tag pyoxigraph refuses
            if content is None:
                content = f"{self.head}\n{body}\n".encode()
        return _pyoxigraph_rows(content, plain)


def _pyoxigraph_rows(content: bytes, plain: tuple[int, ...]) -> list[tuple]:
    """The rows pyoxigraph's reader reads. Its error, if any, is raised afresh: the one it
    raised holds (through its traceback) its results object, which must be dropped in the
    thread that made it, and an error ending in a reference cycle is dropped in whichever
    thread the garbage collector next runs in."""
    problem = None
    try:
        found = ox.parse_query_results(content, ox.QueryResultsFormat.TSV)
        return [tuple(_plain(t) if j in plain else t for j, t in enumerate(row))
                for row in found]  # fmt: skip
    except SyntaxError as error:
        problem = type(error)(*error.args)
    found = None
    raise problem


class _TsvPieces:
    """A TSV answer read as it arrives (kg.store._http hands it over piece by piece): each
    block of whole lines (TSV_BLOCK bytes or more) becomes rows, handed to `each`, while the
    engine writes the rest. An answer that does not start as SPARQL 1.1 TSV (Virtuoso's lacks
    the `?` of each variable) is kept whole in `pending` instead, `trusted` False."""

    def __init__(self, plain: tuple[int, ...], each: Callable[[list[tuple]], None]):
        self.plain = plain
        self.each = each
        self.pending = b""
        self.reader: _TsvRows | None = None
        self.trusted: bool | None = None  # not known before the head line

    def take(self, piece: bytes, last: bool = False) -> None:
        data = self.pending + piece
        if self.trusted is False or (len(data) < TSV_BLOCK and not last):
            self.pending = data
            return
        if last and data and not data.endswith(b"\n"):
            data += b"\n"
        end = data.rfind(b"\n")
        if end < 0:
            self.pending = data
            return
        lines, self.pending = data[:end], data[end + 1 :]
        if self.reader is None:
            self.trusted = lines.startswith(b"?")
            if not self.trusted:
                self.pending = data
                return
            head, cut, lines = lines.partition(b"\n")
            self.reader = _TsvRows(head.decode("utf-8"), self.plain)
            if not cut:  # the head line alone so far
                return
        # a newline never falls inside a character of UTF-8: whole lines decode alone
        rows = self.reader.rows(lines.decode("utf-8"))
        if rows:
            self.each(rows)

    def finish(self) -> None:
        """The answer's end: what is left of it."""
        if self.trusted is not False and self.pending:
            self.take(b"", last=True)


def _handed(rows: list[tuple], each: Callable[[list[tuple]], None] | None) -> list[tuple]:
    """`rows`, or none once handed to `each` (see RemoteStore.table)."""
    if each is None:
        return rows
    if rows:
        each(rows)
    return []


def _plain(term):
    """A term as a `plain` column holds it: an IRI as its string."""
    return term.value if isinstance(term, ox.NamedNode) else term


def _nt(term) -> str:
    """A term in N-Triples syntax (pyoxigraph's str() is exactly that)."""
    return str(term)


class RemoteStore:
    """Reads the current build of a remote SPARQL store."""

    capabilities = Capabilities(construct=True)

    def __init__(self, endpoint: Endpoint):
        self.endpoint = endpoint
        self.http = endpoint.client()
        self.round_trips = 0
        self._graphs: list[str] = []
        self._read_at = 0.0
        self.build_id = ""
        #: Since when (time.monotonic) the store has failed, None while it answers; outages
        #: are logged only once it has been up (at the start, the caller says what failed).
        self._down_since: float | None = None
        self._was_up = False
        self._state = threading.Lock()
        self._tsv = True  # the engine writes SPARQL 1.1 TSV, as far as we know (see table)
        #: our queries go as the request's body itself (see nests), else as a form
        self._direct = False
        self._lateral: bool | None = None  # the engine evaluates LATERAL (see nests)

    @property
    def tables(self) -> bool:
        return self._tsv

    @property
    def nests(self) -> bool:
        """Whether the engine evaluates LATERAL (a subquery correlated with each solution),
        as the Oxigraph server does: asked once, with a query of one row."""
        if self._lateral is None:
            self._lateral = self._probe_lateral()
            if self._lateral:
                self._direct = self._probe_direct()
        return bool(self._lateral)

    @property
    def direct(self) -> bool:
        """Whether our queries go as the request's body itself (known once `nests` is)."""
        return self._direct

    def _probe_direct(self) -> bool:
        """Whether the engine takes a query sent as the request's body itself (SPARQL 1.1
        Protocol's "query via POST directly"), which spares our queries their encoding as a
        form: asked once, of engines that evaluate LATERAL, within DIRECT_PROBE_TIMEOUT
        (Virtuoso 7.2 never answers such a request)."""
        self.round_trips += 1
        client = self.endpoint.client(min(self.endpoint.timeout, DIRECT_PROBE_TIMEOUT))
        try:
            response = client.post(self.endpoint.query_url, LATERAL_PROBE,
                                   "application/sparql-results+json")  # fmt: skip
            [row] = json.loads(response.content)["results"]["bindings"]
            return response.status == 200 and row["b"]["value"] == "1"
        except (Unreachable, ValueError, KeyError, TypeError):
            return False
        finally:
            client.close()

    def _probe_lateral(self) -> bool | None:
        """True or False, or None if the store could not say for now (asked again later).
        Any error answer is a no: engines answer a syntax they lack with 400, or 500."""
        self.round_trips += 1
        url = self.endpoint.query_url
        try:
            response = self.http.post(url, {"query": LATERAL_PROBE},
                                      "application/sparql-results+json")  # fmt: skip
        except Unreachable as exc:
            raise self._failed(unreachable(url, exc)) from None
        if response.status in (502, 503, 504):  # down for a moment
            return None
        try:
            [row] = json.loads(response.content)["results"]["bindings"]
            return row["b"]["value"] == "1"
        except (ValueError, KeyError, TypeError):  # 400 (not its syntax), or another answer
            return False

    def close(self) -> None:
        self.http.close()

    # -- the pointer -------------------------------------------------------------------------

    def current_graphs(self) -> list[str]:
        if time.monotonic() - self._read_at > POINTER_TTL or not self._graphs:
            rows = self._select_raw(
                f"SELECT ?g WHERE {{ GRAPH <{POINTER_GRAPH}> {{ <{CURRENT}> <{HAS_GRAPH}> ?g }} }}"
            )
            pointed = sorted({row["g"].value for row in rows})
            if not pointed:
                raise RemoteError(
                    f"{self.endpoint.query_url} holds no policy-kg build: load one with "
                    "`kg build --store sparql:URL`"
                )
            # Mid-swap both builds are named: the one this reader did not hold is the new one.
            new = [g for g in pointed if g not in self._graphs] or pointed
            self._graphs = [new[0]]
            self.build_id = new[0].removeprefix(BUILD_GRAPH)
            self._read_at = time.monotonic()
        return self._graphs

    def _from(self) -> str:
        graphs = self.current_graphs()
        return "".join(f"FROM <{g}>\n" for g in graphs) + "".join(
            f"FROM NAMED <{g}>\n" for g in graphs
        )

    # -- up or down --------------------------------------------------------------------------

    def _failed(self, error: StoreUnavailable) -> StoreUnavailable:
        """Note that the store is down (logged once per outage); the error to raise."""
        with self._state:
            starts = self._down_since is None
            if starts:
                self._down_since = time.monotonic()
            tell = starts and self._was_up
        if tell:
            log.warning("%s; answering 503 until it is back", error)
        return error

    def _answered(self) -> None:
        """Note that the store answered: the end of an outage, if there was one."""
        self._was_up = True
        if self._down_since is None:  # the usual case: no lock
            return
        with self._state:
            since, self._down_since = self._down_since, None
        if since is not None:
            log.info("the SPARQL store at %s answers again, after %.1f s",
                     self.endpoint.query_url, time.monotonic() - since)  # fmt: skip

    def _post(self, params: dict | str, accept: str, pieces=None) -> Answer:
        """One request to the query endpoint (`params`: a form, or a query sent as the body
        itself); StoreUnavailable if it got no answer."""
        self.round_trips += 1
        url = self.endpoint.query_url
        try:
            response = self.http.post(url, params, accept, pieces)
        except Unreachable as exc:
            raise self._failed(unreachable(url, exc)) from None
        if response.status > 400:  # 400: the store refused the query
            raise self._failed(failing(url, response))
        self._answered()
        return response

    # -- reading -----------------------------------------------------------------------------

    def _post_query(self, query: str, accept: str, pieces: _TsvPieces | None = None) -> Answer:
        response = self._post(query if self._direct else {"query": query}, accept,
                              (TSV, pieces.take) if pieces is not None else None)  # fmt: skip
        if response.status == 400:  # one of our queries: the engine does not take it
            raise RemoteError(f"{self.endpoint.query_url} answered 400 to our query: "
                              f"{' '.join(response.text[:300].split())}")  # fmt: skip
        return response

    def _whole(self, response: Answer) -> Answer:
        cut = response.headers.get("x-sparql-maxrows")
        if cut:  # Virtuoso cut the result
            raise RemoteError(f"{self.endpoint.query_url} truncated a result at {cut} rows "
                              "(raise ResultSetMaxRows)")  # fmt: skip
        return response

    def _select_raw(self, query: str) -> list[Row]:
        response = self._whole(self._post_query(query, "application/sparql-results+json"))
        data = json.loads(response.content)
        return [{name: _term(value) for name, value in binding.items()}
                for binding in data["results"]["bindings"]]  # fmt: skip

    def _over_build(self, query: str) -> str:
        """Our query, over the current build's graphs only."""
        head, sep, body = query.partition("WHERE")
        if not sep:
            raise ValueError("our queries always have a WHERE clause")
        return SPARQL_PREFIXES + head + self._from() + "WHERE" + body

    def select(self, query: str) -> list[Row]:
        return self._select_raw(self._over_build(query))

    def construct(self, query: str) -> Iterable[ox.Triple]:
        response = self._whole(self._post_query(self._over_build(query), "application/n-triples"))
        return ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES)

    def table(self, query: str, plain: tuple[int, ...] = (),
              each: Callable[[list[tuple]], None] | None = None) -> list[tuple]:  # fmt: skip
        """SPARQL 1.1 TSV where the engine writes it (the smallest answer, see read_tsv), else
        SPARQL JSON: Virtuoso answers TSV without the `?` of each variable and with its terms'
        types lost, so a TSV answer without them is not trusted, and the store is asked in
        JSON from then on. In the columns `plain`, an IRI comes as its string. With `each`,
        the rows go to it, some at a time, as they arrive (a TSV answer is read while the
        engine still writes it), and none are returned."""
        query = self._over_build(query)
        if self._tsv:
            pieces = _TsvPieces(plain, each) if each is not None else None
            response = self._whole(self._post_query(query, TSV, pieces))
            if pieces is not None:
                pieces.finish()
                if pieces.trusted:
                    return []
            if pieces is not None and pieces.pending:  # kept whole: not SPARQL 1.1 TSV
                response = Answer(response.status, response.reason, response.headers,
                                  pieces.pending)  # fmt: skip
            if response.media == TSV and response.content.startswith(b"?"):
                rows = read_tsv(response.content, plain)
                return _handed(rows, each)
            self._tsv = False
        response = self._whole(self._post_query(query, "application/sparql-results+json"))
        data = json.loads(response.content)
        names = data["head"]["vars"]
        rows = [tuple(_term(b[n]) if n in b else None for n in names)
                for b in data["results"]["bindings"]]  # fmt: skip
        if plain:
            rows = [tuple(_plain(t) if j in plain else t for j, t in enumerate(row))
                    for row in rows]  # fmt: skip
        return _handed(rows, each)

    def describe(self, iris: list[str], incoming: tuple[str, ...]) -> list[Fact]:
        return describe_facts(self.construct(describe_query(iris, incoming)), iris, incoming)

    def run_query(self, query: str, *, default_graphs: list[str], named_graphs: list[str],
                  cap: int) -> Result:  # fmt: skip
        """A user's query, passed through with the current build as its dataset."""
        graphs = default_graphs or self.current_graphs()
        named = named_graphs or self.current_graphs()
        params = {"query": query, "default-graph-uri": graphs, "named-graph-uri": named}
        accept = "application/sparql-results+json, application/n-triples;q=0.9"
        response = self._post(params, accept)
        if response.status == 400:
            raise QueryRefused(f"the store refused the query: {response.text[:300]}")
        if "json" in response.media:
            data = json.loads(response.content)
            if "boolean" in data:
                return Result("ask", boolean=data["boolean"])
            variables = data["head"]["vars"]
            if [v.lower() for v in variables] == ["__ask_retval"]:  # Virtuoso's ASK answer
                [binding] = data["results"]["bindings"]
                value = next(iter(binding.values()))["value"]
                return Result("ask", boolean=value in ("1", "true"))
            rows = [{k: _term(v) for k, v in b.items()} for b in data["results"]["bindings"]]
            if len(rows) > cap:
                raise QueryRefused(f"the result has more than {cap} rows, the cap of this "
                                   "endpoint: narrow the query or page through it with LIMIT "
                                   "and OFFSET")  # fmt: skip
            return Result("select", variables=variables, rows=rows)
        triples = list(ox.parse(response.content, format=ox.RdfFormat.N_TRIPLES))
        if len(triples) > cap:
            raise QueryRefused(f"the result has more than {cap} triples, the cap of this "
                               "endpoint")  # fmt: skip
        return Result("graph", triples=[ox.Triple(q.subject, q.predicate, q.object)
                                        for q in triples])  # fmt: skip


# ------------------------------------------------------------------------------ loading


def _update(http: Client, endpoint: Endpoint, update: str) -> None:
    """One SPARQL Update, retried with backoff on failure (it is idempotent by design)."""
    url = endpoint.update_url
    for attempt in range(1, RETRIES + 1):
        try:
            response = http.post(url, {"update": update})
            if response.status < 400:
                return
            problem = failing(url, response)
            if response.status < 500:  # refused, not failing: retrying will not help
                break
        except Unreachable as exc:
            problem = unreachable(url, exc)
        time.sleep(0.2 * 2**attempt)
    raise problem


def load_build(endpoint: Endpoint, quads: Iterable[ox.Quad], build_id: str,
               progress: Callable[[str], None] | None = None) -> int:  # fmt: skip
    """Load a build's quads as a new version, then point readers at it; returns quads sent."""
    http = endpoint.client()
    try:
        return _load_build(http, endpoint, quads, build_id, progress)
    finally:
        http.close()


def _load_build(http: Client, endpoint: Endpoint, quads: Iterable[ox.Quad], build_id: str,
                progress: Callable[[str], None] | None) -> int:  # fmt: skip
    graph = f"{BUILD_GRAPH}{build_id}"
    lines = sorted({f"{_nt(q.subject)} {_nt(q.predicate)} {_nt(q.object)} ." for q in quads})
    previous = _graphs_of_builds(http, endpoint)
    _update(http, endpoint, f"DROP SILENT GRAPH <{graph}>")  # a repeated load starts clean
    sent = 0
    for start in range(0, len(lines), CHUNK):
        chunk = "\n".join(lines[start : start + CHUNK])
        _update(http, endpoint, f"INSERT DATA {{ GRAPH <{graph}> {{ {chunk} }} }}")
        sent += min(CHUNK, len(lines) - start)
        if progress and (sent // CHUNK) % 20 == 0:
            progress(f"sent {sent}/{len(lines)} quads")
    # The new pointer first, then the old one goes: a reader never finds none (see above).
    _update(
        http,
        endpoint,
        f"INSERT DATA {{ GRAPH <{POINTER_GRAPH}> {{ <{CURRENT}> <{HAS_GRAPH}> <{graph}> }} }}",
    )
    _update(http, endpoint,
            f"DELETE {{ GRAPH <{POINTER_GRAPH}> {{ <{CURRENT}> <{HAS_GRAPH}> ?old }} }} "
            f"WHERE {{ GRAPH <{POINTER_GRAPH}> {{ <{CURRENT}> <{HAS_GRAPH}> ?old }} "
            f"FILTER(?old != <{graph}>) }}")  # fmt: skip
    # Keep the build readers may still hold (the one just replaced); drop older ones.
    keep = {graph} | previous.get("current", set())
    for old in previous.get("all", set()) - keep:
        _update(http, endpoint, f"DROP SILENT GRAPH <{old}>")
    return sent


def _graphs_of_builds(http: Client, endpoint: Endpoint) -> dict[str, set[str]]:
    """Graphs of every loaded build, and those of the current one."""
    query = (f"SELECT DISTINCT ?g ?current WHERE {{ GRAPH ?g {{ ?s ?p ?o }} "
             f"FILTER(STRSTARTS(STR(?g), \"{BUILD_GRAPH}\")) OPTIONAL {{ GRAPH <{POINTER_GRAPH}> "
             f"{{ <{CURRENT}> <{HAS_GRAPH}> ?g . BIND(true AS ?current) }} }} }}")  # fmt: skip
    try:
        response = http.post(endpoint.query_url, {"query": query},
                             "application/sparql-results+json")  # fmt: skip
    except Unreachable as exc:
        raise unreachable(endpoint.query_url, exc) from None
    if response.status >= 400:
        raise failing(endpoint.query_url, response)
    found: dict[str, set[str]] = {"all": set(), "current": set()}
    for binding in json.loads(response.content)["results"]["bindings"]:
        found["all"].add(binding["g"]["value"])
        if "current" in binding:
            found["current"].add(binding["g"]["value"])
    return found


# -------------------------------------------------------------- the `sparql` scheme (see _spec)


def parse(rest: str) -> dict[str, str] | None:
    if not rest.startswith(("http://", "https://")):
        return None
    url, _, options = rest.partition(";")
    update = ""
    for option in filter(None, options.split(";")):
        key, _, value = option.partition("=")
        if key != "update" or not value:
            raise BadStoreSpec(f"unknown store option {option!r}; use update=URL")
        update = value
    return {"location": url, "update": update or url}


def endpoint(spec: StoreSpec) -> Endpoint:
    timeout = os.environ.get("KG_SPARQL_TIMEOUT", "").strip()
    try:
        seconds = float(timeout) if timeout else TIMEOUT
    except ValueError:
        seconds = 0.0
    if not seconds > 0:
        raise BadStoreSpec(f"KG_SPARQL_TIMEOUT must be a number of seconds, not {timeout!r}")
    return Endpoint(spec.location, spec.update, os.environ.get("KG_SPARQL_USER"),
                    os.environ.get("KG_SPARQL_PASSWORD"), seconds)  # fmt: skip


def load_spec(spec: StoreSpec, build_file: Path, build_id: str,
              progress: Callable[[str], None] | None = None) -> str:  # fmt: skip
    quads = ox.parse(path=str(build_file), format=ox.RdfFormat.N_QUADS)
    sent = load_build(endpoint(spec), quads, build_id, progress)
    return f"sent {sent} quads to {spec.update} as build {build_id} and made it current"


def open_spec(spec: StoreSpec, build_file: Path) -> tuple[RemoteStore, str]:
    store = RemoteStore(endpoint(spec))
    store.current_graphs()  # fails clearly now if nothing was loaded
    return store, store.build_id
