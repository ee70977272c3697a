"""How a server is run: every option of `kg serve`, declared once.

Each option can be given on the command line (`--rate-graphql 20`), in the environment
(`KG_RATE_GRAPHQL=20`) or in a TOML config file (`--config FILE`, keys in a `[serve]` table:
`rate_graphql = 20`); the command line wins over the environment, which wins over the file,
which wins over the default. `kg serve --help` lists every option with its default.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

#: Where the named GraphQL operations live (persisted queries run them by name).
OPERATIONS = Path(__file__).resolve().parents[2] / "graphql" / "operations"


class SettingsError(ValueError):
    """An option's value cannot be used; the message names the option and where it came from."""


def _words(text: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in text.split(",") if part.strip())


def _addresses(text: str) -> tuple[str, ...]:
    """IP addresses or networks (`10.0.0.0/8`), comma-separated."""
    words = _words(text)
    for word in words:
        try:
            ipaddress.ip_network(word, strict=False)
        except ValueError:
            raise ValueError(f"{word!r} is not an IP address or network") from None
    return words


def _origins(text: str) -> tuple[str, ...]:
    """Web origins, comma-separated, written as a browser sends them in its Origin header
    (they are compared exactly): scheme, host and port only, in lower case, no default port."""
    words = _words(text)
    for word in words:
        parts = urlsplit(word)
        default_port = {"http": 80, "https": 443}.get(parts.scheme)
        try:
            port_ok = parts.port != default_port
        except ValueError:  # not a number from 0 to 65535
            port_ok = False
        if (default_port is None or not parts.hostname or "@" in parts.netloc or not port_ok
                or word != f"{parts.scheme}://{parts.netloc}" or word != word.lower()):  # fmt: skip
            raise ValueError(f"{word!r} is not an origin as a browser sends it, e.g. "
                             "https://example.org or http://localhost:3000")  # fmt: skip
    return words


def _flag(text: str) -> bool:
    value = text.strip().lower()
    if value in ("1", "true", "yes", "on"):
        return True
    if value in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"expected true or false, got {text!r}")


def _positive(cast: Callable[[str], Any]) -> Callable[[str], Any]:
    def parse(text: str):
        value = cast(text)
        if value <= 0:
            raise ValueError(f"must be more than 0, got {text!r}")
        return value

    return parse


def _not_negative(cast: Callable[[str], Any]) -> Callable[[str], Any]:
    def parse(text: str):
        value = cast(text)
        if value < 0:
            raise ValueError(f"must be 0 or more, got {text!r}")
        return value

    return parse


def _choice(*choices: str) -> Callable[[str], str]:
    def parse(text: str) -> str:
        if text not in choices:
            raise ValueError(f"expected one of {', '.join(choices)}, got {text!r}")
        return text

    return parse


@dataclass(frozen=True)
class Option:
    """One setting: its name (the field, `--name-with-dashes`, `KG_NAME`), how to read it from
    text, and what it does."""

    name: str
    parse: Callable[[str], Any]
    help: str
    metavar: str = "VALUE"

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")

    @property
    def env(self) -> str:
        return "KG_" + self.name.upper()


@dataclass(frozen=True)
class ServeSettings:
    """What a running server does beyond serving the build (see OPTIONS for each)."""

    host: str = "127.0.0.1"
    port: int = 8000
    cors_origins: tuple[str, ...] = ()
    trusted_proxies: tuple[str, ...] = ()
    rate_limits: bool = True
    rate_graphql: float = 20.0
    burst_graphql: int = 100
    rate_sparql: float = 10.0
    burst_sparql: int = 50
    rate_pages: float = 50.0
    burst_pages: int = 200
    cost_per_token: int = 1000
    log_format: str = "text"
    log_queries: bool = False
    persisted_only: bool = False
    metrics: bool = True
    workers: int = 1
    reload_interval: float = 1.0


OPTIONS = (
    Option("host", str, "interface to listen on", "HOST"),
    Option("port", int, "port to listen on (0: any free port, printed at start)", "PORT"),
    Option("cors_origins", _origins,
           "origins allowed to call /graphql and /sparql from a browser, comma-separated "
           "(none: CORS off)", "ORIGINS"),
    Option("trusted_proxies", _addresses,
           "addresses (or networks) of reverse proxies whose X-Forwarded-For names the client, "
           "comma-separated (none: the connection's address is the client)", "ADDRESSES"),
    Option("rate_limits", _flag, "limit each client's request rate (true or false)", "BOOL"),
    Option("rate_graphql", _positive(float), "GraphQL tokens a client regains per second", "N"),
    Option("burst_graphql", _positive(int), "GraphQL tokens a client may spend at once", "N"),
    Option("rate_sparql", _positive(float), "SPARQL tokens a client regains per second", "N"),
    Option("burst_sparql", _positive(int), "SPARQL tokens a client may spend at once", "N"),
    Option("rate_pages", _positive(float),
           "page tokens (views, entity pages, assets) a client regains per second", "N"),
    Option("burst_pages", _positive(int), "page tokens a client may spend at once", "N"),
    Option("cost_per_token", _positive(int),
           "a GraphQL request's estimated cost that spends one more token", "N"),
    Option("log_format", _choice("text", "json"),
           "text lines, or one JSON object per request", "FORMAT"),
    Option("log_queries", _flag, "put GraphQL query text and variables in the request log",
           "BOOL"),
    Option("persisted_only", _flag,
           "refuse GraphQL query text: only named operations (?op=NAME) run", "BOOL"),
    Option("metrics", _flag, "serve Prometheus metrics at /metrics", "BOOL"),
    Option("workers", _positive(int),
           "server processes over one build, sharing the port (each opens the build itself: "
           "with the memory store each holds a copy, N times the memory; the disk store is "
           "opened read-only and shares the OS page cache); rate limits and metrics are per "
           "worker", "N"),
    Option("reload_interval", _not_negative(float),
           "seconds between looks at the build (the build file, or the disk store's current "
           "build) to serve a new one when it is swapped in; 0: never reload", "SECONDS"),
)  # fmt: skip

assert [o.name for o in OPTIONS] == [f.name for f in fields(ServeSettings)], "one option a field"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """Every option, with its environment variable and default in its help."""
    defaults = ServeSettings()
    parser.add_argument("--config", type=Path, metavar="FILE",
                        help="a TOML file whose [serve] table sets any option below "
                             "(env KG_CONFIG)")  # fmt: skip
    for option in OPTIONS:
        default = getattr(defaults, option.name)
        shown = ",".join(default) if isinstance(default, tuple) else str(default).lower()
        parser.add_argument(
            option.flag,
            dest=option.name,
            metavar=option.metavar,
            default=None,
            help=f"{option.help} (default {shown or 'none'}; env {option.env})",
        )


def resolve(arguments: Mapping[str, Any], environ: Mapping[str, str] | None = None,
            config: Path | None = None) -> ServeSettings:  # fmt: skip
    """The settings from the command line's `arguments` (None where not given), the
    environment and the config file, in that order of precedence."""
    environ = os.environ if environ is None else environ
    config = config or (Path(environ["KG_CONFIG"]) if environ.get("KG_CONFIG") else None)
    from_file = _read_config(config) if config else {}
    chosen = {}
    for option in OPTIONS:
        for where, value in (
            (f"option {option.flag}", arguments.get(option.name)),
            (f"environment variable {option.env}", environ.get(option.env)),
            (f"{config} [serve] {option.name}", from_file.get(option.name)),
        ):
            if value is None:
                continue
            try:
                chosen[option.name] = option.parse(value)
            except ValueError as exc:
                raise SettingsError(f"{where}: {exc}") from None
            break
    return replace(ServeSettings(), **chosen)


def _read_config(path: Path) -> dict[str, Any]:
    try:
        document = tomllib.loads(path.read_text())
    except OSError as exc:
        raise SettingsError(f"cannot read config file {path}: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(f"{path}: {exc}") from None
    table = document.get("serve", {})
    known = {option.name for option in OPTIONS}
    for key in table:
        if key not in known:
            raise SettingsError(f"{path} [serve] {key}: unknown option; known: "
                                + ", ".join(sorted(known)))  # fmt: skip
    return {key: _as_text(value) for key, value in table.items()}


def _as_text(value: Any) -> str:
    """A TOML value as the text an option parses, so the file's values are checked alike."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list):
        return ",".join(str(v) for v in value)
    return str(value)
