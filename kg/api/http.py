"""GraphQL over HTTP (the GraphQL-over-HTTP specification), as one Starlette endpoint.

- POST with `application/json` bodies; GET with `query`, `variables`, `operationName` in the URL.
  Mutations over GET are refused with 405 (this API has none, but the rule stands).
- Responses are `application/graphql-response+json` when the client names it in Accept: then a
  request that fails to parse or validate gets 400. Otherwise (no Accept, `*/*`, or
  `application/json`) they are `application/json`, and any well-formed request gets 200 with
  the errors in the body.
- Other content types get 415; malformed JSON or variables get 400 with a message that says so.
- Persisted operations (kg/api/persisted.py) run by name: `op=NAME` (GET, or `"op"` in a POST
  body) with `variables`, in place of `query`; both at once, or an unknown name, get 400 (not
  a well-formed GraphQL-over-HTTP request for this server, whatever the media type). With
  `persisted_only`, query text gets 400 with the names to use instead.
- Errors from our own checks say what was wrong; anything else is logged with its traceback
  and answered with an opaque message and a reference, never a stack trace.
- A store that is down (kg.store.StoreUnavailable, in any resolver) is not a bug: the whole
  request gets 503 with `Retry-After` and a GraphQL response of one error (code
  `STORE_UNAVAILABLE`), in the negotiated media type, and nothing is logged here (the store
  logs the outage once).
"""

from __future__ import annotations

import json
import logging
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from graphql import (
    DocumentNode,
    ExecutionResult,
    GraphQLError,
    GraphQLSchema,
    OperationType,
    get_operation_ast,
    parse,
    validate,
)

from ..store import StoreUnavailable
from .context import RequestContext, UserError
from .execution import execute_request
from .limits import Limits, check_size
from .persisted import Operations

log = logging.getLogger("kg.api")

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"


#: Distinct query texts whose parsed, checked and validated document is kept.
PREPARED_CACHE = 512


def _as_legacy(response: Response) -> Response:
    """The same request error for a legacy application/json client: 200, errors in the body."""
    return Response(response.body, 200, media_type=JSON)


class HttpError(Exception):
    def __init__(self, status: int, message: str, headers: dict | None = None):
        super().__init__(message)
        self.status, self.message, self.headers = status, message, headers or {}


def _media_type(request: Request) -> str:
    """The response media type: graphql-response+json when the client names it, else JSON.

    The spec's SHOULD: a request with no Accept, or one that takes anything (`*/*`,
    `application/*`), is answered in `application/json`, which every client understands.
    A range with `q=0` is one the client refuses.
    """
    accept = request.headers.get("accept", "").strip()
    if not accept:
        return JSON
    ranges = {media for media, q in _accepted(accept) if q > 0}
    if GRAPHQL_RESPONSE in ranges:
        return GRAPHQL_RESPONSE
    if ranges & {JSON, "application/*", "*/*"}:
        return JSON
    raise HttpError(406, f"cannot answer in {accept!r}; ask for {GRAPHQL_RESPONSE} or {JSON}")


def _accepted(accept: str) -> list[tuple[str, float]]:
    """(media range, quality) for each element of an Accept header."""
    found = []
    for element in accept.split(","):
        media, *params = (part.strip() for part in element.split(";"))
        q = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    q = float(value)
                except ValueError:
                    q = 0.0  # a malformed weight is not an acceptance
        if media:
            found.append((media.lower(), q))
    return found


def _json_field(value, name: str):
    if value is None or isinstance(value, dict):
        return value
    if isinstance(value, str):
        if not value.strip():
            return None
        try:
            value = json.loads(value)
        except json.JSONDecodeError as exc:
            raise HttpError(
                400, f"{name} is not valid JSON: {exc.msg} at position {exc.pos}"
            ) from None
        if value is None or isinstance(value, dict):
            return value
    raise HttpError(400, f"{name} must be a JSON object")


async def read_params(request: Request) -> dict:
    if request.method == "GET":
        params = dict(request.query_params)
    else:
        content_type = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if content_type != JSON:
            raise HttpError(415, f"POST bodies must be {JSON}, not {content_type or 'missing'}")
        body = await request.body()
        try:
            params = json.loads(body)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise HttpError(400, f"the request body is not valid JSON: {exc}") from None
        if not isinstance(params, dict):
            raise HttpError(400, "the request body must be a JSON object with a `query`")
    op = params.get("op")
    if op is not None and (not isinstance(op, str) or not op.strip()):
        raise HttpError(400, "op must be the name of a persisted operation")
    query = params.get("query")
    if op is not None:
        if query not in (None, ""):
            raise HttpError(400, "send either `op` (a persisted operation's name) or `query`, "
                                 "not both")  # fmt: skip
    elif not isinstance(query, str) or not query.strip():
        raise HttpError(400, "the request has no `query` string "
                             "(or `op`: a persisted operation's name)")  # fmt: skip
    operation = params.get("operationName")
    if operation is not None and not isinstance(operation, str):
        raise HttpError(400, "operationName must be a string")
    return {
        "query": query,
        "variables": _json_field(params.get("variables"), "variables"),
        "extensions": _json_field(params.get("extensions"), "extensions"),
        "operation": operation or None,
        "op": op,
    }


def _format(error: GraphQLError, reference_sink: list) -> dict:
    original = error.original_error
    if original is not None and not isinstance(original, UserError | GraphQLError):
        reference = uuid.uuid4().hex[:12]
        log.error("error %s in %s", reference, error.path, exc_info=original)
        reference_sink.append(reference)
        formatted = error.formatted
        formatted["message"] = f"internal error (reference {reference}); it has been logged"
        return formatted
    return error.formatted


class GraphQLEndpoint:
    """An ASGI endpoint serving one schema over a build."""

    def __init__(self, schema: GraphQLSchema, context: Callable[[], RequestContext],
                 limits: Limits | None = None, limiter=None, *,
                 operations: Operations | None = None, persisted_only: bool = False):  # fmt: skip
        """`limiter` (kg.web.ratelimit.RateLimiter, or None: no rate limit) charges a request's
        estimated cost to its client: `limiter.spend_cost(scope, cost)` gives a refusal or None.
        `operations` run by name (`op`; none by default); `persisted_only` refuses query text."""
        self.schema = schema
        self.context = context
        self.limits = limits or Limits()
        self.limiter = limiter
        self.operations = operations if operations is not None else Operations()
        self.persisted_only = persisted_only
        self._prepared: OrderedDict[str, DocumentNode] = OrderedDict()
        self._lock = threading.Lock()

    async def __call__(self, scope, receive, send):
        request = Request(scope, receive)
        response = await self.handle(request)
        await response(scope, receive, send)

    async def handle(self, request: Request) -> Response:
        request.state.operation = None  # a GraphQL request, for the log (kg/web/logs.py)
        media_type = JSON
        try:
            if request.method not in ("GET", "POST"):
                raise HttpError(405, "use GET or POST", {"Allow": "GET, POST"})
            media_type = _media_type(request)
            params = self.persisted(request, await read_params(request))
            # For the request log and metrics (kg/web/logs.py); run() names the operation run.
            request.state.operation = params["operation"] or params["op"]
            request.state.query, request.state.variables = params["query"], params["variables"]
            # Resolvers are synchronous (cheaper per field); keep them off the event loop.
            # Server-Timing counts from here, the hop to the worker thread included, as
            # /sparql does, so that the two compare like with like (benchmarks read it).
            started = time.perf_counter()
            response = await run_in_threadpool(self.run, request, params, media_type)
            elapsed = (time.perf_counter() - started) * 1e3
            response.headers["Server-Timing"] = f"app;dur={elapsed:.3f}"
            return response
        except HttpError as exc:
            return JSONResponse(
                {"errors": [{"message": exc.message}]}, exc.status, headers=exc.headers
            )
        except StoreUnavailable as exc:
            error = {"message": f"{exc.public}; try again in a few seconds",
                     "extensions": {"code": "STORE_UNAVAILABLE"}}  # fmt: skip
            return JSONResponse({"errors": [error]}, 503, media_type=media_type,
                                headers={"Retry-After": str(exc.retry_after)})  # fmt: skip

    def persisted(self, request: Request, params: dict) -> dict:
        """The request with a persisted operation's text in place of its name (`op`), which
        makes the answer the same as sending the text; with persisted_only, query text is
        refused (400, as any request this server cannot take as it is: the client must change
        it, and no credential would let it through, which 403 would suggest)."""
        name = params["op"]
        if name is None:
            if self.persisted_only:
                request.state.refused = "persisted-only"
                raise HttpError(400, "this server runs only persisted operations: use ?op=NAME; "
                                     f"names: {self.operations.names()}")  # fmt: skip
            return params
        operation = self.operations.get(name)
        if operation is None:
            raise HttpError(400, f"no persisted operation {name!r}; "
                                 f"known: {self.operations.names()}")  # fmt: skip
        return {**params, "query": operation.text}

    def prepare(self, query: str, request: Request | None = None) -> DocumentNode | Response:
        """Parse, check the shape limits and validate a query text, once per distinct text:
        that is most of the work of a small request, and clients repeat their queries. A
        refusal is marked on the `request` (its state's `refused`) for the log and metrics."""
        with self._lock:  # requests run in a thread pool
            cached = self._prepared.get(query)
            if cached is not None:
                self._prepared.move_to_end(query)
                return cached
        try:
            document = parse(query)
        except GraphQLError as error:
            prepared = JSONResponse({"errors": [error.formatted]}, 400, media_type=GRAPHQL_RESPONSE)
        else:
            refused = self.limits.check_shape(document)
            errors = [] if refused else validate(self.schema, document)
            if refused:
                if request is not None:
                    request.state.refused = "shape"  # depth or aliases
                prepared = JSONResponse({"errors": [{"message": refused}]}, 400,
                                        media_type=GRAPHQL_RESPONSE)  # fmt: skip
            elif errors:
                prepared = JSONResponse({"errors": [e.formatted for e in errors]}, 400,
                                        media_type=GRAPHQL_RESPONSE)  # fmt: skip
            else:
                prepared = document
        if not isinstance(prepared, Response):  # failures are cheap to redo; keep the good
            with self._lock:
                self._prepared[query] = prepared
                if len(self._prepared) > PREPARED_CACHE:
                    self._prepared.popitem(last=False)
        return prepared

    def _request_error(self, message: str, media_type: str) -> Response:
        status = 400 if media_type == GRAPHQL_RESPONSE else 200
        return JSONResponse({"errors": [{"message": message}]}, status, media_type=media_type)

    def run(self, request: Request, params: dict, media_type: str) -> Response:
        too_long = check_size(params["query"], self.limits.query_chars)
        if too_long:
            request.state.refused = "size"
            return self._request_error(too_long, media_type)
        prepared = self.prepare(params["query"], request)
        if isinstance(prepared, Response):
            return prepared if media_type == GRAPHQL_RESPONSE else _as_legacy(prepared)
        document = prepared
        operation = get_operation_ast(document, params["operation"])
        if operation is None:
            return self._request_error(
                "no operation to run: name one with operationName"
                if params["operation"] is None
                else f"no operation named {params['operation']!r}",
                media_type,
            )
        request.state.operation = operation.name.value if operation.name else None
        if request.method == "GET" and operation.operation != OperationType.QUERY:
            raise HttpError(405, f"{operation.operation.value}s are not allowed over GET; use POST",
                            {"Allow": "POST"})  # fmt: skip
        cost, refused = self.limits.cost_and_check(document, self.schema, params["variables"])
        if refused:
            request.state.refused = "cost"
            return self._request_error(refused, media_type)
        if self.limiter is not None:  # a costly query spends as many tokens as many small ones
            too_many = self.limiter.spend_cost(request.scope, cost)
            if too_many is not None:
                raise HttpError(429, too_many.message, too_many.headers)
        result = execute_request(self.schema, document, self.context(), params["variables"],
                                 params["operation"])  # fmt: skip
        assert isinstance(result, ExecutionResult), "resolvers are synchronous"
        for error in result.errors or ():
            if isinstance(error.original_error, StoreUnavailable):  # the store, not a bug
                raise error.original_error
        return self._result(result, media_type)

    def _result(self, result: ExecutionResult, media_type: str) -> Response:
        body: dict = {}
        references: list = []
        if result.errors:
            body["errors"] = [_format(e, references) for e in result.errors]
        body["data"] = result.data
        # Variable coercion errors leave no data: a request error (400 in the new media type).
        status = 400 if result.data is None and media_type == GRAPHQL_RESPONSE else 200
        return JSONResponse(body, status, media_type=media_type)
