"""Real SPARQL servers on 127.0.0.1 for the remote-store tests, started and stopped here:
the Oxigraph server (PyPI `oxigraph`) and Virtuoso (Debian `virtuoso-opensource`, which
scripts/test installs). Each is given its own data directory and free ports."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, what: str, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with {process.returncode}")
        try:
            if httpx.get(url, params={"query": "ASK {}"}, timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not answer at {url} within {seconds} s")


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory):
    binary = Path(sys.executable).parent / "oxigraph"
    assert binary.exists(), "the oxigraph server is not installed: scripts/setup installs it"
    port = free_port()
    data = tmp_path_factory.mktemp("oxigraph")
    process = subprocess.Popen(
        [str(binary), "serve", "--location", str(data), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        wait_for(f"http://127.0.0.1:{port}/query", process, "oxigraph serve")
        yield {
            "query": f"http://127.0.0.1:{port}/query",
            "update": f"http://127.0.0.1:{port}/update",
        }
    finally:
        process.terminate()
        process.wait(timeout=30)


VIRTUOSO_INI = """[Database]
DatabaseFile = {d}/virtuoso.db
ErrorLogFile = {d}/virtuoso.log
LockFile = {d}/virtuoso.lck
TransactionFile = {d}/virtuoso.trx
xa_persistent_file = {d}/virtuoso.pxa
[TempDatabase]
DatabaseFile = {d}/virtuoso-temp.db
TransactionFile = {d}/virtuoso-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{isql}
DisableUnixSocket = 1
DirsAllowed = ., {d}
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
ServerThreads = 10
[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 0
"""


@pytest.fixture(scope="session")
def virtuoso_server(tmp_path_factory):
    binary, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    assert binary and isql, "Virtuoso is not installed: scripts/test installs virtuoso-opensource"
    data = tmp_path_factory.mktemp("virtuoso")
    isql_port, http_port = free_port(), free_port()
    ini = data / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(d=data, isql=isql_port, http=http_port))
    process = subprocess.Popen([binary, "+foreground", "+configfile", str(ini)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    url = f"http://127.0.0.1:{http_port}/sparql"
    admin = [isql, f"127.0.0.1:{isql_port}", "dba", "dba"]
    try:
        wait_for(url, process, "virtuoso-t", seconds=120)
        # a loopback test instance: let plain /sparql take updates (no Digest auth in rdflib)
        subprocess.run([*admin, 'exec=grant SPARQL_UPDATE to "SPARQL";'], check=True,
                       capture_output=True, timeout=60)  # fmt: skip
        yield {"query": url, "update": url}
    finally:
        subprocess.run([*admin, "exec=shutdown;"], capture_output=True, timeout=60)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
