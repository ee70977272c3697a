"""Local SPARQL servers on 127.0.0.1, for the remote-store tests and scripts/bench.py: the
Oxigraph server (PyPI `oxigraph`) and Virtuoso (Debian `virtuoso-opensource`), each in a data
directory of its own, on free ports, stopped (and checked gone) on exit. Kept out of the kg
package: the app never starts a store, it only connects to one."""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx


@dataclass(frozen=True)
class Server:
    query: str
    update: str

    @property
    def spec(self) -> str:
        return f"sparql:{self.query};update={self.update}"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url: str, process: subprocess.Popen, what: str, seconds: float = 120) -> None:
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


@contextlib.contextmanager
def oxigraph_server(data: Path) -> Iterator[Server]:
    binary = Path(sys.executable).parent / "oxigraph"
    if not binary.exists():
        raise RuntimeError("the oxigraph server is not installed: scripts/setup test installs it")
    port = free_port()
    process = subprocess.Popen(
        [str(binary), "serve", "--location", str(data), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/query", process, "oxigraph serve")
        yield Server(f"http://127.0.0.1:{port}/query", f"http://127.0.0.1:{port}/update")
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
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {d}
ServerThreads = 10
[SPARQL]
ResultSetMaxRows = 10000000
MaxQueryExecutionTime = 600
MaxQueryCostEstimationTime = 0
"""


@contextlib.contextmanager
def virtuoso_server(data: Path, buffers: int = 10000) -> Iterator[Server]:
    """Virtuoso configured for our loads and queries: a row cap far above any answer (over
    the cap it cuts results, saying so only in a header), and plain /sparql allowed to take
    updates (a loopback test instance: no Digest auth)."""
    binary, isql = shutil.which("virtuoso-t"), shutil.which("isql-vt")
    if not (binary and isql):
        raise RuntimeError("Virtuoso is not installed: scripts/setup test installs it")
    data.mkdir(parents=True, exist_ok=True)
    isql_port, http_port = free_port(), free_port()
    ini = data / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(d=data, isql=isql_port, http=http_port,
                                       buffers=buffers, dirty=buffers * 3 // 4))  # fmt: skip
    process = subprocess.Popen([binary, "+foreground", "+configfile", str(ini)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    url = f"http://127.0.0.1:{http_port}/sparql"
    admin = [isql, f"127.0.0.1:{isql_port}", "dba", "dba"]
    try:
        wait_for(url, process, "virtuoso-t")
        subprocess.run([*admin, 'exec=grant SPARQL_UPDATE to "SPARQL";'], check=True,
                       capture_output=True, timeout=60)  # fmt: skip
        yield Server(url, url)
    finally:
        subprocess.run([*admin, "exec=shutdown;"], capture_output=True, timeout=60)
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
