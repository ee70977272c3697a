"""Hot reload: a running server picks up a new build when one is swapped in, with no failed
request.

`Reloading` is the ASGI app the server runs. It holds the app of the build being served (made by
kg.web.app.create_app) and hands each request to it. A watcher thread looks at the build's
marker every `interval` seconds (the build file for the memory store, which `kg build` replaces
by an atomic rename; the disk store's `current` symlink, which a load swaps): when its identity
(inode, modification time, size, link target) changes, the watcher opens the new build and makes
its app, off the event loop, and the event loop swaps it in with one assignment. A request
already running finishes on the app it started on; the old app's store is closed once no request
uses it. A new build that cannot be opened (not N-Quads, no source graphs, a named operation that
no longer validates ...) is logged, in one line, and the old build goes on being served; the
watcher tries again when the marker changes again.

The watcher does not follow a remote store (`sparql:`): whoever loads a remote store swaps what
every server reading it sees.
"""

from __future__ import annotations

import asyncio
import gc
import logging
import os
import stat
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

log = logging.getLogger("kg.serve")

#: What marks one build: (inode, modification time in ns, size, symlink target), None if absent.
Identity = tuple[int, int, int, str | None] | None


def identity(marker: Path) -> Identity:
    """The identity of the file (or symlink: not followed) that marks the build being served."""
    try:
        found = os.lstat(marker)
        target = os.readlink(marker) if stat.S_ISLNK(found.st_mode) else None
    except OSError:  # absent, or swapped between the two calls: looked at again next time
        return None
    return (found.st_ino, found.st_mtime_ns, found.st_size, target)


class Reloading:
    """An ASGI app that serves the current build's app and swaps in the next build's.

    `open_app()` opens the build the marker names and returns its app (kg.web.app.create_app);
    it raises if the build cannot be served. `marker` None: no watching (a remote store)."""

    def __init__(self, open_app: Callable[[], Any], marker: Path | None,
                 interval: float = 1.0, app: Any = None) -> None:  # fmt: skip
        self._open_app = open_app
        self.marker = marker if interval > 0 else None
        self.interval = interval
        self._seen = identity(marker) if self.marker else None
        self.app = app if app is not None else open_app()  # the one requests go to
        self._running: dict[int, int] = {}  # id(app) -> requests running on it
        self._retired: list[Any] = []  # swapped out, closed once idle
        self._stop = threading.Event()
        self._watcher: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self.reloads = 0  # builds swapped in since the start
        self.on_swap: Callable[[Any], None] | None = None  # told of each new app (the tests)

    @property
    def state(self):
        """The served app's state (its build, settings ...)."""
        return self.app.state

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] == "lifespan":
            await self._lifespan(receive, send)
            return
        app = self.app  # read once: the request stays on this app to the end
        key = id(app)
        self._running[key] = self._running.get(key, 0) + 1
        try:
            await app(scope, receive, send)
        finally:
            self._running[key] -= 1
            if not self._running[key]:
                del self._running[key]
                if self._retired:
                    self._close_idle()

    # -- the server's life ---------------------------------------------------------------------

    async def _lifespan(self, receive, send) -> None:
        while True:
            message = await receive()
            if message["type"] == "lifespan.startup":
                self.start(asyncio.get_running_loop())
                await send({"type": "lifespan.startup.complete"})
            elif message["type"] == "lifespan.shutdown":
                self.stop()
                await send({"type": "lifespan.shutdown.complete"})
                return

    def start(self, loop: asyncio.AbstractEventLoop) -> None:
        """Start watching the marker (nothing to watch: nothing started)."""
        self._loop = loop
        if self.marker is not None and self._watcher is None:
            self._watcher = threading.Thread(target=self._watch, name="kg-reload", daemon=True)
            self._watcher.start()

    def stop(self) -> None:
        """Stop watching, and let every store go (the server is stopping)."""
        self._stop.set()
        if self._watcher is not None:
            self._watcher.join(timeout=30)
        for app in [*self._retired, self.app]:
            _close(app)
        self._retired.clear()

    # -- the watcher ---------------------------------------------------------------------------

    def _watch(self) -> None:
        while not self._stop.wait(self.interval):
            self.check()

    def check(self) -> bool:
        """Swap in the build the marker names if it changed and opens; True if swapped. Runs
        on the watcher thread (the tests call it directly)."""
        assert self.marker is not None
        now = identity(self.marker)
        if now is None or now == self._seen:
            return False
        self._seen = now  # tried once per change, whether it opens or not
        serving = self.app.state.build.build_id
        try:
            app = self._open_app()
        except Exception as exc:  # any failure keeps the old build, said once
            reason = " ".join(str(exc).split()) or type(exc).__name__
            log.warning("a new build at %s cannot be served, still serving build %s: %s",
                        self.marker, serving, reason)  # fmt: skip
            return False
        if app.state.build.build_id == serving:  # touched, not changed: nothing to swap
            _close(app)
            return False
        done = threading.Event()

        def swap() -> None:
            old, self.app = self.app, app  # the one assignment requests see
            self.reloads += 1
            self._retired.append(old)
            self._close_idle()
            done.set()

        if self._loop is not None and self._loop.is_running():
            self._loop.call_soon_threadsafe(swap)
            done.wait(timeout=30)
        else:  # no server running (the tests): swap here
            swap()
        log.info("now serving build %s (was %s), from %s", app.state.build.build_id, serving,
                 self.marker)  # fmt: skip
        if self.on_swap is not None:
            self.on_swap(app)
        return True

    def _close_idle(self) -> None:
        """Close the stores of swapped-out apps that no request uses any more (event loop)."""
        idle = [app for app in self._retired if id(app) not in self._running]
        if not idle:
            return
        self._retired = [app for app in self._retired if id(app) in self._running]
        for app in idle:
            _close(app)
        del idle, app
        # The objects made before serving were frozen out of the collector's sight (kg serve):
        # let the old app's cycles be collected, then freeze what is left (once per reload).
        gc.unfreeze()
        gc.collect()
        gc.freeze()


def _close(app: Any) -> None:
    try:
        app.state.build.store.close()
    except Exception as exc:  # closing is best effort; say so and go on
        log.warning("closing the store of build %s: %s", app.state.build.build_id, exc)
