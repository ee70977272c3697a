"""HTTP: the Starlette app over one loaded build, and the pages it serves to people.

- `app`: the app factory, `create_app`: the routes table, the home page, the health check;
- `network`: the network views under /viz, with their routes and the vis-network script;
- `pages`: the entity pages at each IRI's path and /entity?id=, with content negotiation;
- `errors`: typed errors (`NotFound`, `BadRequest`) and the one place they become responses;
- `settings`: every option of `kg serve`, from the command line, the environment or a file.

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
