"""Running the server: one process, or `--workers N` processes over one build.

With N workers the parent binds the port, then forks N processes that each open the build
themselves (the disk store read-only, the memory store loaded once per worker: N copies) and
accept connections on the same socket, so that the machine's cores serve concurrent clients.
The parent opens no store and serves nothing: it says where the server listens once every worker
is ready, restarts a worker that dies (and says so), and on SIGINT or SIGTERM stops every worker
(SIGTERM, then SIGKILL for one that has not stopped within `GRACE` seconds) before it exits. A
worker that fails to start (a bad build, a store that is down) stops the whole server with that
worker's exit code and its one-line message. Rate limits, metrics and hot reload are each
worker's own.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import os
import select
import signal
import socket
import sys
import time
from collections.abc import Callable
from typing import Any

import uvicorn

log = logging.getLogger("kg.serve")

EXIT_OK, EXIT_STORE = 0, 3
#: Seconds a stopping worker gets to finish its requests before it is killed.
GRACE = 30.0
#: More restarts than this within RESTART_WINDOW seconds: the workers keep dying, give up.
MAX_RESTARTS, RESTART_WINDOW = 5, 60.0
#: Seconds after the server listens when the start's garbage is collected (see _frozen).
SETTLE = 1.0


class StartFailed(Exception):
    """The build cannot be served: the message for stderr, and the exit code."""

    def __init__(self, message: str, code: int):
        super().__init__(message)
        self.code = code


class _Server(uvicorn.Server):
    """Calls `started(port)` once it listens (--port 0: the port it got), then settles the
    collector (see _frozen) a moment later, off the path to the first answer."""

    def __init__(self, config: uvicorn.Config, started: Callable[[int], None]):
        super().__init__(config)
        self._started = started

    async def startup(self, sockets=None):
        await super().startup(sockets)
        if self.started:
            self._started(self.servers[0].sockets[0].getsockname()[1])
            asyncio.get_running_loop().call_later(SETTLE, _frozen)


def _config(app: Any, host: str, port: int) -> uvicorn.Config:
    # proxy_headers=False: X-Forwarded-For is believed only from --trusted-proxies, by the app
    # (kg/web/ratelimit.py), not from 127.0.0.1 as uvicorn would by default.
    return uvicorn.Config(app, host=host, port=port, log_level="warning", proxy_headers=False,
                          # uvicorn's records go through kg.web.logs' handler
                          log_config=None, access_log=False)  # fmt: skip


def _bind(host: str, port: int) -> socket.socket:
    """The listening socket the workers share. Made with IPPROTO_TCP (uvicorn's bind_socket
    leaves it 0), so that asyncio sets TCP_NODELAY on each connection: without it a small
    answer can wait for the client's delayed ACK, about 40 ms (Nagle's algorithm)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        raise StartFailed(f"cannot listen on {host}:{port}: {exc.strerror}", EXIT_STORE) from None
    return sock


def _unsettled() -> None:
    """No collection while the server starts: importing and opening make many objects and
    little garbage, and a collection then would only delay the first answer (by about 10%)."""
    gc.disable()


#: Objects made (net) between two collections of the youngest generation: Python's 700 is
#: met several times by every request (a remote store's answer of 200 rows is some 2,000
#: containers, all dropped when it ends), and each collection walks what is alive then.
YOUNG_COLLECTION = 10_000


def _frozen() -> None:
    """Everything made at the start (modules, the schema, the store) lives as long as the
    server: keep it out of the collector's sight, or each full collection walks all of it
    again. The garbage of the start is collected first (a pause of 50 to 100 ms, once).
    Requests leave no reference cycles (kg.describe), so the young generation is collected
    less often than by default (~0.05 ms a request off HomeOfficeLeads on a remote store)."""
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_COLLECTION, middle, old)
    gc.enable()


def serve(start: Callable[[], Any], host: str, port: int, workers: int, label: str) -> int:
    """Serve the app `start()` makes (raising StartFailed) on host:port; the exit code."""
    if workers > 1:
        try:
            return _Supervisor(start, host, port, workers, label).run()
        except StartFailed as exc:
            print(f"kg serve: {exc}", file=sys.stderr)
            return exc.code
    began = time.perf_counter()
    _unsettled()
    try:
        app = start()
    except StartFailed as exc:
        print(f"kg serve: {exc}", file=sys.stderr)
        return exc.code
    opened = time.perf_counter() - began

    def started(bound: int) -> None:
        # A log record, so that with --log-format json it is a JSON line as well.
        log.info("serving %s (build %s, opened in %.2fs) on http://%s:%s/  GraphQL: /graphql"
                 "  GraphiQL: /graphiql", label, app.state.build.build_id, opened, host,
                 bound)  # fmt: skip

    server = _Server(_config(app, host, port), started)
    # As uvicorn.run does: Ctrl-C (SIGINT) stops the server cleanly, which is success, and a
    # server that never started exits 3 (uvicorn's startup failure).
    with contextlib.suppress(KeyboardInterrupt):
        server.run()
    return EXIT_OK if server.started else EXIT_STORE


class _Supervisor:
    def __init__(self, start: Callable[[], Any], host: str, port: int, workers: int,
                 label: str):  # fmt: skip
        self.start, self.host, self.workers, self.label = start, host, workers, label
        self.wanted = port  # 0: any free port
        self.children: dict[int, int] = {}  # pid -> worker number
        self.ready: dict[int, tuple[str, float]] = {}  # worker number -> (build id, opened in)
        self.stopping = False
        self.announced = False  # every worker has been ready once
        self.restarts: list[float] = []

    def run(self) -> int:
        self.socket = _bind(self.host, self.wanted)  # shared by every worker
        self.port = self.socket.getsockname()[1]
        self.reader, self.writer = os.pipe()  # workers say "ready" on it
        previous = {sig: signal.signal(sig, self._stop) for sig in (signal.SIGINT, signal.SIGTERM)}
        try:
            for number in range(1, self.workers + 1):
                self._fork(number)
            return self._watch()
        finally:
            self._stop_all()
            for sig, handler in previous.items():
                signal.signal(sig, handler)
            self.socket.close()
            os.close(self.reader)
            os.close(self.writer)

    def _stop(self, signum, frame) -> None:
        self.stopping = True

    def _fork(self, number: int) -> None:
        pid = os.fork()
        if pid:
            self.children[pid] = number
            return
        code = EXIT_STORE
        try:  # the worker: never returns into the parent's code
            code = self._work(number)
        except BaseException:  # said, then the worker exits
            log.exception("worker %d failed", number)
        finally:
            logging.shutdown()
            os._exit(code)

    def _work(self, number: int) -> int:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent stops us (SIGTERM)
        # Stopped by SIGTERM (uvicorn finishes the requests, then raises it again): exit 0.
        signal.signal(signal.SIGTERM, lambda signum, frame: os._exit(EXIT_OK))
        os.close(self.reader)
        began = time.perf_counter()
        _unsettled()
        try:
            app = self.start()
        except StartFailed as exc:
            print(f"kg serve: {exc}", file=sys.stderr, flush=True)
            return exc.code
        opened = time.perf_counter() - began

        def started(bound: int) -> None:
            message = f"{number} {app.state.build.build_id} {opened:.3f}\n".encode()
            os.write(self.writer, message)  # one short write: atomic on a pipe

        server = _Server(_config(app, self.host, self.port), started)
        server.run(sockets=[self.socket])
        return EXIT_OK if server.started else EXIT_STORE

    def _watch(self) -> int:
        pending = b""
        while not self.stopping:
            with contextlib.suppress(InterruptedError):
                readable, _, _ = select.select([self.reader], [], [], 0.2)
                if readable:
                    pending += os.read(self.reader, 4096)
            *lines, pending = pending.split(b"\n")
            for line in lines:
                number, build_id, opened = line.decode().split()
                self.ready[int(number)] = (build_id, float(opened))
            if not self.announced and len(self.ready) == self.workers:
                self.announced = True
                builds = sorted({b for b, _ in self.ready.values()})
                slowest = max(o for _, o in self.ready.values())
                log.info("serving %s (build %s, opened in %.2fs, %d workers) on http://%s:%s/"
                         "  GraphQL: /graphql  GraphiQL: /graphiql", self.label,
                         ", ".join(builds), slowest, self.workers, self.host,
                         self.port)  # fmt: skip
            code = self._reap()
            if code is not None:
                return code
        return EXIT_OK

    def _reap(self) -> int | None:
        """Restart each worker that died; an exit code if the server must stop."""
        while self.children:
            try:
                pid, status = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                return EXIT_STORE
            if not pid or self.stopping:
                return None
            number = self.children.pop(pid)
            code = os.waitstatus_to_exitcode(status)
            if not self.announced and code > 0:  # a worker could not start: it said why
                return code
            how = f"was killed by signal {-code}" if code < 0 else f"exited with code {code}"
            now = time.monotonic()
            self.restarts = [t for t in self.restarts if now - t < RESTART_WINDOW] + [now]
            if len(self.restarts) > MAX_RESTARTS:
                log.error("kg serve: worker %d (pid %d) %s, the %dth restart within %gs: "
                          "stopping", number, pid, how, len(self.restarts),
                          RESTART_WINDOW)  # fmt: skip
                return EXIT_STORE
            log.warning("worker %d (pid %d) %s: starting another", number, pid, how)
            self.ready.pop(number, None)
            self._fork(number)
        return None

    def _stop_all(self) -> None:
        for pid in self.children:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + GRACE
        while self.children:
            try:
                pid, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                break
            if pid:
                self.children.pop(pid, None)
            elif time.monotonic() > deadline:
                for pid in self.children:
                    with contextlib.suppress(ProcessLookupError):
                        os.kill(pid, signal.SIGKILL)
                deadline = float("inf")
            else:
                time.sleep(0.05)
