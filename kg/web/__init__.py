"""HTTP: the Starlette app over one loaded build, and the pages it serves to people.

- `app`: the app factory, `create_app`: the routes table, the home page, the health check;
- `network`: the network views under /viz, with their routes and the vis-network script;
- `pages`: the entity pages at each IRI's path and /entity?id=, with content negotiation;
- `errors`: typed errors (`NotFound`, `BadRequest`) and the one place they become responses.

The GraphQL API (kg.api) and the SPARQL endpoint (kg.sparql) are their own packages; the app
mounts them.
"""

from .app import create_app

__all__ = ["create_app"]
