"""Real SPARQL servers on 127.0.0.1 for the remote-store tests (kg.backends.local starts and
stops them): the Oxigraph server (PyPI) and Virtuoso (Debian; scripts/test installs it)."""

from __future__ import annotations

import pytest

from kg.backends.local import oxigraph_server as start_oxigraph
from kg.backends.local import virtuoso_server as start_virtuoso


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    with start_oxigraph(tmp_path_factory.mktemp("oxigraph")) as server:
        yield {"query": server.query, "update": server.update}


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory):
    with start_virtuoso(tmp_path_factory.mktemp("virtuoso")) as server:
        yield {"query": server.query, "update": server.update}
