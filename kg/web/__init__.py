"""HTTP: the Starlette app over one loaded build, and the pages it serves to people.

- `app`: the app factory, `create_app`: the routes table, the home page, the health check;
- `network`: the network views under /viz, with their routes and the vis-network script;
- `pages`: the entity pages at each IRI's path and /entity?id=, with content negotiation;
- `sections`: what each kind's entity page shows above its facts, shaped for its reader;
- `timeline`: /timeline?report=, a report's recommendations on one time axis (server SVG);
- `errors`: typed errors (`NotFound`, `BadRequest`) and the one place they become responses;
- `settings`: every option of `kg serve`, from the command line, the environment or a file;
- `logs`: the request log (a middleware, the outermost) and the text or JSON log format;
- `metrics`: /metrics in the Prometheus text format, counted by a middleware;
- `ratelimit`: token buckets per client and family of routes (a middleware, the innermost),
  and who the client is (X-Forwarded-For only from trusted proxies).
- `security`: X-Content-Type-Options, Referrer-Policy and the Content-Security-Policy on every
  response (a middleware, inside logs and metrics), with the hashes of our inline blocks;
- `cors`: CORS for /graphql and /sparql, for the origins in `cors_origins` (a middleware, just
  inside `security`).

The GraphQL API (kg.api) and the SPARQL endpoint (kg.sparql) are their own packages; the app
mounts them.
"""

__all__ = ["create_app"]


def __getattr__(name: str):
    # The app pulls in Starlette, graphene and the schema: only when it is asked for, so that
    # `kg build` and friends, which read kg.web.settings for their --help, stay quick to start.
    if name == "create_app":
        from .app import create_app

        return create_app
    raise AttributeError(name)
