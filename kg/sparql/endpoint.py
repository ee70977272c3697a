"""A read-only SPARQL 1.1 Protocol endpoint over the store seam.

- Queries by GET (`?query=`), POST form (`application/x-www-form-urlencoded`) or POST body
  (`application/sparql-query`), with `default-graph-uri` and `named-graph-uri`.
- Updates (an `update` parameter or `application/sparql-update`) are refused with 403.
- Results by content negotiation: SELECT/ASK as SPARQL JSON, XML, CSV or TSV; CONSTRUCT and
  DESCRIBE as Turtle, N-Triples, JSON-LD or RDF/XML. `?format=json|xml|csv|tsv|turtle|...`
  overrides the Accept header for browsers.
- A timeout and a result cap: a query that runs too long or returns too much is answered with
  an error that says so (503 or 413), never with a silently truncated result.
- A store that is down (kg.store.StoreUnavailable) gets 503 with `Retry-After` and a line that
  says so; the store logs the outage once, so nothing is logged per request here.
"""

from __future__ import annotations

import asyncio
import logging
import time
from urllib.parse import parse_qs

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response

from ..store import QueryRefused, Store, StoreUnavailable
from .results import GRAPH_TYPES, SOLUTION_TYPES, graph, solutions

log = logging.getLogger("kg.sparql")

FORMAT_NAMES = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "ntriples": "application/n-triples",
    "jsonld": "application/ld+json",
    "rdfxml": "application/rdf+xml",
}


def _error(status: int, message: str, headers: dict | None = None) -> Response:
    return PlainTextResponse(message + "\n", status, headers=headers)


def _accepted(accept: str) -> list[str]:
    """Media types from an Accept header, best first (q-values honoured)."""
    ranked = []
    for index, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        quality = 1.0
        for field in fields[1:]:
            if field.startswith("q="):
                try:
                    quality = float(field[2:])
                except ValueError:
                    quality = 0.0
        if fields[0] and quality > 0:
            ranked.append((-quality, index, fields[0].lower()))
    return [media for _q, _i, media in sorted(ranked)]


def choose(accept: str, kind: str) -> str | None:
    """The response media type for a result of `kind`, or None when nothing acceptable."""
    offered = SOLUTION_TYPES if kind in ("select", "ask") else GRAPH_TYPES
    default = "application/sparql-results+json" if kind in ("select", "ask") else "text/turtle"
    wanted = _accepted(accept) or ["*/*"]
    for media in wanted:
        if media in offered:
            return media
        if media in ("*/*", "application/*", "text/*") or media.startswith("text/html"):
            return default
    return None


class SparqlEndpoint:
    def __init__(self, store: Store, *, timeout: float = 10.0, cap: int = 10_000):
        self.store = store
        self.timeout = timeout
        self.cap = cap

    async def __call__(self, scope, receive, send):
        response = await self.handle(Request(scope, receive))
        await response(scope, receive, send)

    async def _params(self, request: Request) -> dict[str, list[str]] | Response:
        params = parse_qs(request.url.query, keep_blank_values=True)
        if request.method == "POST":
            content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
            body = (await request.body()).decode("utf-8", errors="replace")
            if content_type == "application/x-www-form-urlencoded":
                for key, values in parse_qs(body, keep_blank_values=True).items():
                    params.setdefault(key, []).extend(values)
            elif content_type == "application/sparql-query":
                params["query"] = [body]
            elif content_type == "application/sparql-update":
                params["update"] = [body]
            else:
                return _error(415, "POST a query as application/sparql-query or as "
                                   "application/x-www-form-urlencoded (query=...)")  # fmt: skip
        return params

    async def handle(self, request: Request) -> Response:
        if request.method not in ("GET", "POST"):
            return _error(405, "use GET or POST", {"Allow": "GET, POST"})
        params = await self._params(request)
        if isinstance(params, Response):
            return params
        if "update" in params:
            return _error(403, "this endpoint is read-only: SPARQL updates are refused")
        queries = params.get("query", [])
        if len(queries) != 1 or not queries[0].strip():
            return _error(400, "give exactly one `query` (GET ?query=..., or POST it)")
        accept = request.headers.get("accept", "*/*")
        if "format" in params:
            name = params["format"][0].lower()
            if name not in FORMAT_NAMES:
                return _error(400, f"unknown format {name!r}; use one of "
                                   + ", ".join(sorted(FORMAT_NAMES)))  # fmt: skip
            accept = FORMAT_NAMES[name]
        started = time.perf_counter()
        try:
            result = await asyncio.wait_for(
                run_in_threadpool(
                    self.store.run_query,
                    queries[0],
                    default_graphs=params.get("default-graph-uri", []),
                    named_graphs=params.get("named-graph-uri", []),
                    cap=self.cap,
                ),
                timeout=self.timeout,
            )
        except TimeoutError:
            log.warning("SPARQL query timed out after %ss", self.timeout)
            return _error(503, f"the query ran longer than this endpoint's timeout of "
                               f"{self.timeout:g} s: narrow it or add a LIMIT")  # fmt: skip
        except QueryRefused as exc:
            status = 413 if "the cap of this endpoint" in str(exc) else 400
            return _error(status, str(exc))
        except StoreUnavailable as exc:
            return _error(503, f"{exc.public}; try again in a few seconds",
                          {"Retry-After": str(exc.retry_after)})  # fmt: skip
        media = choose(accept, result.kind)
        if media is None:
            offered = SOLUTION_TYPES if result.kind in ("select", "ask") else GRAPH_TYPES
            return _error(406, f"cannot answer a {result.kind.upper()} result as {accept!r}; "
                               "offered: " + ", ".join(offered))  # fmt: skip
        if result.kind in ("select", "ask"):
            body = solutions(result, SOLUTION_TYPES[media])
        else:
            body = graph(result, GRAPH_TYPES[media])
        charset = "; charset=utf-8" if media.startswith("text/") else ""
        timing = f"app;dur={(time.perf_counter() - started) * 1e3:.3f}"
        return Response(body, 200, media_type=media + charset, headers={"Server-Timing": timing})
