"""GraphiQL in the browser, with every asset served by the app itself (no CDN, works offline).

The assets are npm packages (graphiql 4.1.2, the last plain-script build, with React 18 UMD)
installed by scripts/setup into node_modules/; only the files listed here are served. Our own
script and style (graphiql.js, graphiql.css beside this module) add the panel of named
operations and start GraphiQL; the page has no inline script, only a JSON block of settings
(data, never run), so it works under a strict Content-Security-Policy.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response

from graphql import print_schema

from ..web.security import style_nonce
from .schema import schema

#: URL name -> path under node_modules
ASSETS = {
    "graphiql.min.js": "graphiql/graphiql.min.js",
    "graphiql.min.css": "graphiql/graphiql.min.css",
    "react.production.min.js": "react/umd/react.production.min.js",
    "react-dom.production.min.js": "react-dom/umd/react-dom.production.min.js",
}

#: URL name -> our own file beside this module (the GraphiQL page's script and style)
OWN_ASSETS = {
    "kg-graphiql.js": Path(__file__).with_name("graphiql.js"),
    "kg-graphiql.css": Path(__file__).with_name("graphiql.css"),
}

DEFAULT_QUERY = """# Recommendations the Home Office leads, with their latest status.
# Press the run button (or Ctrl-Enter). Docs: the book icon on the left.
query HomeOfficeLeads {
  body(id: "home-office") {
    name
    responsibilities(role: LEAD) {
      number
      title
      status { status date note }
    }
  }
}
"""


def assets_dir() -> Path:
    """Where the npm assets are: KG_ASSETS, else node_modules beside the project."""
    return Path(os.environ.get("KG_ASSETS", Path(__file__).parents[2] / "node_modules"))


def missing_assets() -> list[str]:
    return [name for name, rel in ASSETS.items() if not (assets_dir() / rel).is_file()]


async def asset(request: Request) -> Response:
    name = request.path_params["name"]
    if name in OWN_ASSETS:  # they change with the code: revalidated (ETag) on each load
        return FileResponse(OWN_ASSETS[name], headers={"Cache-Control": "no-cache"})
    if name not in ASSETS:
        return PlainTextResponse("no such asset", 404)
    path = assets_dir() / ASSETS[name]
    if not path.is_file():
        return PlainTextResponse(
            f"{name} is not installed: run scripts/setup (it installs the npm assets)", 503
        )
    return FileResponse(path, headers={"Cache-Control": "public, max-age=86400"})


PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>policy-kg: GraphiQL</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/graphiql.min.css">
<link rel="stylesheet" href="/assets/kg-graphiql.css">
<style>html, body, #graphiql {{ height: 100%; margin: 0; }}</style>
</head>
<body>
<div id="graphiql">{fallback}</div>
<script type="application/json" id="kg-graphiql-config">{config}</script>
<script src="/assets/react.production.min.js"></script>
<script src="/assets/react-dom.production.min.js"></script>
<script src="/assets/graphiql.min.js"></script>
<script src="/assets/kg-graphiql.js"></script>
</body>
</html>
"""


async def graphiql_page(request: Request) -> Response:
    missing = missing_assets()
    fallback = (
        "GraphiQL's assets are not installed (" + ", ".join(missing) + "): run scripts/setup."
        if missing
        else "Loading GraphiQL..."
    )
    return HTMLResponse(PAGE.format(fallback=fallback, config=_config(request)))


def _config(request: Request) -> str:
    """The page's settings for graphiql.js, as JSON safe inside a <script> element: the named
    operations (the app's, read at start), the default query and, when the server runs only
    named operations, the schema's SDL (GraphiQL cannot introspect: that is query text)."""
    state = request.app.state
    operations = getattr(state, "operations", None) or {}
    settings = getattr(state, "settings", None)
    persisted_only = bool(settings and settings.persisted_only)
    default = DEFAULT_QUERY
    if persisted_only and operations:  # one the server runs
        default = (operations.get("HomeOfficeLeads") or next(iter(operations.values()))).text
    config = {
        # GraphiQL's dialogs add a <style> measured at run time: the CSP allows it by nonce.
        "styleNonce": style_nonce(request.scope),
        "defaultQuery": default,
        "persistedOnly": persisted_only,
        "schema": print_schema(schema.graphql_schema) if persisted_only else None,
        "operations": [
            {"name": op.name, "text": op.text, "description": op.description,
             "defaults": op.defaults}
            for op in operations.values()
        ],
    }  # fmt: skip
    # "<" escaped: no "</script>" or "<!--" in the data can end the element early.
    return json.dumps(config).replace("<", "\\u003c")


def wants_html(request: Request) -> bool:
    """A browser opening /graphql (no query or op in the URL) gets GraphiQL."""
    accept = request.headers.get("accept", "")
    asks = "query" in request.query_params or "op" in request.query_params
    return request.method == "GET" and "text/html" in accept and not asks


def graphiql_link(query: str, variables: dict | None = None) -> str:
    """A link that opens GraphiQL with this query (and variables) ready to run."""
    from urllib.parse import urlencode

    params = {"query": query}
    if variables:
        params["variables"] = json.dumps(variables)
    return "/graphiql?" + urlencode(params)
