"""GraphiQL in the browser, with every asset served by the app itself (no CDN, works offline).

The assets are npm packages (graphiql 4.1.2, the last plain-script build, with React 18 UMD)
installed by scripts/setup into node_modules/; only the files listed here are served.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response

#: URL name -> path under node_modules
ASSETS = {
    "graphiql.min.js": "graphiql/graphiql.min.js",
    "graphiql.min.css": "graphiql/graphiql.min.css",
    "react.production.min.js": "react/umd/react.production.min.js",
    "react-dom.production.min.js": "react-dom/umd/react-dom.production.min.js",
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
<style>html, body, #graphiql {{ height: 100%; margin: 0; }}</style>
</head>
<body>
<div id="graphiql">{fallback}</div>
<script src="/assets/react.production.min.js"></script>
<script src="/assets/react-dom.production.min.js"></script>
<script src="/assets/graphiql.min.js"></script>
<script>
  // /graphiql?query=...&variables=... opens with that query (entity pages link here).
  const params = new URLSearchParams(location.search);
  const fetcher = GraphiQL.createFetcher({{ url: "/graphql" }});
  ReactDOM.createRoot(document.getElementById("graphiql")).render(
    React.createElement(GraphiQL, {{
      fetcher,
      defaultQuery: {query},
      query: params.get("query") ?? undefined,
      variables: params.get("variables") ?? undefined,
      shouldPersistHeaders: false,
    }})
  );
</script>
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
    return HTMLResponse(PAGE.format(fallback=fallback, query=json.dumps(DEFAULT_QUERY)))


def wants_html(request: Request) -> bool:
    """A browser opening /graphql (no query in the URL) gets GraphiQL."""
    accept = request.headers.get("accept", "")
    return request.method == "GET" and "text/html" in accept and "query" not in request.query_params


def graphiql_link(query: str, variables: dict | None = None) -> str:
    """A link that opens GraphiQL with this query (and variables) ready to run."""
    from urllib.parse import urlencode

    params = {"query": query}
    if variables:
        params["variables"] = json.dumps(variables)
    return "/graphiql?" + urlencode(params)
