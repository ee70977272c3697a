"""Real SPARQL servers on 127.0.0.1 for the remote-store tests (servers.py starts and stops
them): the Oxigraph server (PyPI) and Virtuoso (Debian; `scripts/setup test` installs both)."""

from __future__ import annotations

import pytest

from .servers import oxigraph_server as start_oxigraph
from .servers import virtuoso_server as start_virtuoso

#: The remote engines every remote-store test runs on, by fixture name.
REMOTE_SERVERS = ["oxigraph_server", "virtuoso_server"]


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    with start_oxigraph(tmp_path_factory.mktemp("oxigraph")) as server:
        yield {"query": server.query, "update": server.update}


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory):
    with start_virtuoso(tmp_path_factory.mktemp("virtuoso")) as server:
        yield {"query": server.query, "update": server.update}


@pytest.fixture(params=REMOTE_SERVERS)
def remote_server(request):
    """Each real remote engine in turn: the endpoints of a running server."""
    return request.getfixturevalue(request.param)
