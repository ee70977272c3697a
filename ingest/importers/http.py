"""A polite HTTP client for the importers.

It says who it is (USER_AGENT), keeps every reply in an on-disk cache and revalidates it with
conditional requests (a 304 costs the service almost nothing), backs off on 429 and 5xx as the
service asks (Retry-After), and can run offline from the cache alone. Errors are one line each,
fit for the command line to print as they are.
"""

from __future__ import annotations

import datetime
import email.utils
import hashlib
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from types import TracebackType

import httpx

from .files import write_atomically

__all__ = [
    "USER_AGENT",
    "Client",
    "FetchError",
    "Fetched",
    "IncompleteError",
    "NetworkError",
    "NotFoundError",
    "OfflineMissError",
]


def _version() -> str:
    try:
        return metadata.version("policy-kg")
    except metadata.PackageNotFoundError:  # a checkout that was never installed
        return "0+unknown"


# Services ask that automated clients name themselves and give a way to reach their authors.
def user_agent() -> str:
    """Who we are, as fair use asks; a deployment adds who to contact about our requests by
    setting KG_IMPORT_CONTACT (an e-mail address or a URL): the project has no public address."""
    contact = os.environ.get("KG_IMPORT_CONTACT", "").strip()
    return f"policy-kg/{_version()} (kg import{'; +' + contact if contact else ''})"


USER_AGENT = user_agent()

# The longest wait a Retry-After (or our own backoff) may impose before one retry.
MAX_DELAY = 60.0
_OFFLINE_HINT = "(use --offline to read only the cache)"


class FetchError(Exception):
    """A document could not be fetched; str() is one line, for the command line to print."""


class NotFoundError(FetchError):
    """The service has no such document (HTTP 404 or 410)."""


class NetworkError(FetchError):
    """The service could not be reached (connection, DNS, timeouts), even after retries."""


class OfflineMissError(FetchError):
    """Offline, and the document is not in the cache."""


class IncompleteError(FetchError):
    """The reply ended before its Content-Length: a connection cut mid-body."""


@dataclass(frozen=True)
class Fetched:
    url: str  # the URL asked for (before any redirect)
    body: bytes
    retrieved: datetime.date  # the day the body came from the service, kept across 304s
    from_cache: bool


@dataclass(frozen=True)
class _Entry:
    body: bytes
    etag: str | None
    last_modified: str | None
    retrieved: datetime.date


class _Transient(Exception):
    """A failed attempt worth retrying; if it was the last, `final` says why it all failed."""

    def __init__(
        self, reason: str, kind: type[FetchError] = FetchError, retry_after: float | None = None
    ):
        super().__init__(reason)
        self.reason = reason
        self.kind = kind
        self.retry_after = retry_after

    def final(self, url: str, attempts: int) -> FetchError:
        tries = f"{attempts} attempt{'s' if attempts != 1 else ''}"
        if self.kind is NetworkError:
            return NetworkError(f"cannot fetch {url} after {tries}: {self.reason} {_OFFLINE_HINT}")
        if self.kind is IncompleteError:
            return IncompleteError(f"incomplete reply from {url} after {tries}: {self.reason}")
        return FetchError(f"{self.reason} from {url} after {tries}")


def _one_line(text: str) -> str:
    return " ".join(text.split())


class _Cache:
    """One entry per URL: `KEY.json` (url, validators, date, body hash) and `KEY-HASH.body`.

    The body file is named by its content and written first; the JSON, written last, is the
    entry's commit point. So an interrupted update leaves the previous entry whole, and an
    entry is only ever read with the body it was written with.
    """

    def __init__(self, directory: Path):
        self.directory = directory

    @staticmethod
    def _key(url: str) -> str:
        return hashlib.sha256(url.encode()).hexdigest()

    def _body_path(self, key: str, digest: str) -> Path:
        return self.directory / f"{key}-{digest[:16]}.body"

    def read(self, url: str) -> _Entry | None:
        key = self._key(url)
        try:
            meta = json.loads((self.directory / f"{key}.json").read_bytes())
            digest = meta["sha256"]
            body = self._body_path(key, digest).read_bytes()
            retrieved = datetime.date.fromisoformat(meta["retrieved"])
        except (OSError, ValueError, KeyError, TypeError):
            return None  # absent or damaged: as good as absent
        if meta.get("url") != url or hashlib.sha256(body).hexdigest() != digest:
            return None
        return _Entry(body, meta.get("etag"), meta.get("last_modified"), retrieved)

    def write(self, url: str, entry: _Entry) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        key = self._key(url)
        digest = hashlib.sha256(entry.body).hexdigest()
        body_path = self._body_path(key, digest)
        write_atomically(body_path, entry.body)
        meta = {
            "url": url,
            "etag": entry.etag,
            "last_modified": entry.last_modified,
            "retrieved": entry.retrieved.isoformat(),
            "sha256": digest,
        }
        write_atomically(self.directory / f"{key}.json", json.dumps(meta, indent=1).encode())
        for stale in self.directory.glob(f"{key}-*.body"):
            if stale != body_path:
                stale.unlink(missing_ok=True)


def _retry_after(value: str | None) -> float | None:
    """Seconds to wait from a Retry-After header (delay-seconds or HTTP-date), None if absent."""
    if value is None:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, (when - datetime.datetime.now(datetime.UTC)).total_seconds())


def _content_length(response: httpx.Response) -> int | None:
    value = response.headers.get("Content-Length", "")
    return int(value) if value.isdigit() else None


class Client:
    """Fetches documents through the cache in `cache_dir`; use as a context manager."""

    def __init__(
        self,
        cache_dir: Path,
        *,
        offline: bool = False,
        timeout: float = 30.0,
        retries: int = 4,
        backoff: float = 1.0,
        max_bytes: int = 50_000_000,
        sleep: Callable[[float], None] = time.sleep,
        transport: httpx.BaseTransport | None = None,
        progress: Callable[[str], None] | None = None,
    ) -> None:
        self.offline = offline
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_bytes = max_bytes
        self._cache = _Cache(Path(cache_dir))
        self._sleep = sleep
        self._transport = transport
        self._progress = progress
        self._http: httpx.Client | None = None  # made on first use: offline never makes one

    def __enter__(self) -> Client:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        if self._http is not None:
            self._http.close()
            self._http = None

    def _report(self, message: str) -> None:
        if self._progress is not None:
            self._progress(message)

    def _client(self) -> httpx.Client:
        if self._http is None:
            self._http = httpx.Client(
                transport=self._transport,
                timeout=self.timeout,
                headers={"User-Agent": user_agent()},
                follow_redirects=True,  # e.g. legislation.gov.uk's /id/ URIs redirect to documents
            )
        return self._http

    def get(self, url: str, *, not_found: str) -> Fetched:
        """The body at `url`, from the service or the cache.

        `not_found` is the whole message of the NotFoundError raised on 404 or 410, in the
        caller's terms (e.g. "no such legislation: ukpga/2003/999").
        """
        entry = self._cache.read(url)
        if self.offline:
            if entry is None:
                raise OfflineMissError(f"not in the cache (offline): {url}")
            self._report(f"cached {url}")
            return Fetched(url, entry.body, entry.retrieved, from_cache=True)

        headers: dict[str, str] = {}
        if entry is not None and entry.etag:
            headers["If-None-Match"] = entry.etag
        if entry is not None and entry.last_modified:
            headers["If-Modified-Since"] = entry.last_modified

        self._report(f"fetching {url}")
        attempts = self.retries + 1
        for attempt in range(1, attempts + 1):
            try:
                return self._attempt(url, headers, entry, not_found)
            except _Transient as failure:
                if attempt == attempts:
                    raise failure.final(url, attempts) from failure
                delay = min(self.backoff * 2 ** (attempt - 1), MAX_DELAY)
                if failure.retry_after is not None:
                    delay = max(delay, min(failure.retry_after, MAX_DELAY))
                self._report(f"retrying in {delay:g} s ({failure.reason}): {url}")
                self._sleep(delay)
        raise AssertionError("unreachable")  # pragma: no cover

    def _attempt(
        self, url: str, headers: dict[str, str], entry: _Entry | None, not_found: str
    ) -> Fetched:
        try:
            with self._client().stream("GET", url, headers=headers) as response:
                status = response.status_code
                if status == 304 and entry is not None:
                    self._report(f"cached {url}")
                    return Fetched(url, entry.body, entry.retrieved, from_cache=True)
                if status in (404, 410):
                    raise NotFoundError(not_found)
                described = f"HTTP {status} {response.reason_phrase}".rstrip()
                if status == 429 or 500 <= status <= 599:
                    retry_after = _retry_after(response.headers.get("Retry-After"))
                    raise _Transient(described, FetchError, retry_after)
                if status != 200:
                    raise FetchError(f"{described} from {url}")
                body = self._read_body(url, response)
                etag = response.headers.get("ETag")
                last_modified = response.headers.get("Last-Modified")
        except (httpx.TimeoutException, httpx.NetworkError, httpx.RemoteProtocolError) as exc:
            reason = "timed out" if isinstance(exc, httpx.TimeoutException) else str(exc)
            reason = _one_line(reason) or type(exc).__name__
            raise _Transient(reason, NetworkError) from exc
        except httpx.InvalidURL as exc:
            raise FetchError(f"invalid URL {url}: {_one_line(str(exc))}") from exc
        except httpx.HTTPError as exc:  # redirect loops, unsupported schemes, bad encodings
            raise FetchError(f"cannot fetch {url}: {_one_line(str(exc))}") from exc

        fetched = _Entry(body, etag, last_modified, datetime.date.today())
        self._cache.write(url, fetched)
        return Fetched(url, body, fetched.retrieved, from_cache=False)

    def _read_body(self, url: str, response: httpx.Response) -> bytes:
        """The whole body, read in chunks so an oversized one is refused before it is held."""
        declared = _content_length(response)
        if declared is not None and declared > self.max_bytes:
            raise FetchError(f"refused: {url} is {declared} bytes, over the {self.max_bytes} limit")
        chunks = []
        size = 0
        try:
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > self.max_bytes:
                    raise FetchError(f"refused: {url} is over the {self.max_bytes} byte limit")
                chunks.append(chunk)
        except (httpx.RemoteProtocolError, httpx.ReadError) as exc:
            raise self._incomplete(url, response, declared) from exc
        if declared is not None and response.num_bytes_downloaded < declared:
            raise self._incomplete(url, response, declared)
        return b"".join(chunks)

    @staticmethod
    def _incomplete(url: str, response: httpx.Response, declared: int | None) -> _Transient:
        got = response.num_bytes_downloaded
        of = f" of {declared}" if declared is not None else ""
        return _Transient(f"cut off after {got}{of} bytes", IncompleteError)
