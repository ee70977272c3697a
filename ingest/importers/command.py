"""`kg import legislation ID` and `kg import bill ID`: fetch (or read), parse, write one file.

Each run writes one source file (`legislation-ukpga-2026-21.yaml`, `bill-3938.yaml`) in the
imported directory (default `<sources>/imported`), or nothing at all: every document is fetched
and parsed before the file is rendered, and the file is replaced in one rename. Errors are one
line on stderr and exit code 2; progress lines go to stderr too (not with --quiet).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx

from ontology.vocabulary import AUTHORITY, INSTRUMENT_KIND

from ..loader import IMPORTED
from .bills import BillsError, parse_bill, parse_json, parse_stages
from .files import write_atomically
from .http import Client, FetchError, NotFoundError
from .legislation import (
    LegislationError,
    LegislationId,
    merge_effects,
    parse_clml,
    parse_effects_feed,
)
from .safexml import XmlError, parse_xml
from .writer import ImportedFile, Source, render

__all__ = ["BILLS_API", "LEGISLATION_GOV_UK", "add_arguments", "run"]

LEGISLATION_GOV_UK = "https://www.legislation.gov.uk"
BILLS_API = "https://bills-api.parliament.uk"
TNA = "The National Archives (legislation.gov.uk)"
PARLIAMENT = "UK Parliament"
LEGISLATION = "legislation"
EXIT_OK, EXIT_FAILED = 0, 2
MAX_PAGES = 200  # of one feed or stage list: far more than any item has


def _bill_command() -> str:
    # The subcommand is named after the kind of instrument it imports.
    return INSTRUMENT_KIND.BILL.token


def _date_argument(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date YYYY-MM-DD, got {text!r}") from None


def add_arguments(parser: argparse.ArgumentParser, default_sources: Path) -> None:
    """The `kg import` subcommands and their options."""
    sub = parser.add_subparsers(dest="what", required=True, metavar="WHAT")

    def common(p: argparse.ArgumentParser, from_help: str) -> None:
        p.add_argument("--from", dest="from_file", type=Path, metavar="FILE", help=from_help)
        p.add_argument(
            "--sources",
            type=Path,
            default=default_sources,
            help="the sources directory; the file goes in its imported/ folder (env KG_SOURCES)",
        )
        p.add_argument("--out", type=Path, metavar="DIR",
                       help="where to write the file (default: SOURCES/imported)")  # fmt: skip
        p.add_argument("--offline", action="store_true",
                       help="read only the download cache, never the network")  # fmt: skip
        p.add_argument(
            "--cache",
            type=Path,
            default=Path(os.environ.get("KG_IMPORT_CACHE", "build/import-cache")),
            help="the download cache (default build/import-cache; env KG_IMPORT_CACHE)",
        )
        p.add_argument("--retrieved", type=_date_argument, metavar="DATE",
                       help="with --from: the day the file was downloaded (default: its "
                            "modification date)")  # fmt: skip
        p.add_argument("--base-url", metavar="URL", help="the service's address (for tests)")
        p.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")

    p = sub.add_parser(
        LEGISLATION,
        help="an Act or SI from legislation.gov.uk: structure, versions, effects",
        description="Import legislation.gov.uk's data for an item (or one provision of it): "
        "its CLML XML and the Atom feeds of the effects to and by it.",
    )
    p.add_argument("id", metavar="ID", help="e.g. ukpga/2003/42, or ukpga/2003/42/section/9")
    common(p, "a CLML data.xml already downloaded, instead of fetching it")
    p.add_argument("--effects-from", dest="second_from", type=Path, action="append",
                   default=[], metavar="FILE",
                   help="an Atom feed of changes already downloaded (repeatable); with --from "
                        "and without this, only the effects inside the XML are read")  # fmt: skip

    p = sub.add_parser(
        _bill_command(),
        help="a bill from the UK Parliament Bills API: stages, sessions, the Act it became",
        description="Import a bill's record, stages and (if it became an Act) publications "
        "from the UK Parliament Bills API.",
    )
    p.add_argument("id", metavar="ID", help="the Bills API's billId, e.g. 3938")
    common(p, "the bill's JSON (/api/v1/Bills/ID) already downloaded")
    p.add_argument("--stages-from", dest="second_from", type=Path, action="append",
                   default=[], metavar="FILE",
                   help="the bill's stages JSON (/api/v1/Bills/ID/Stages) already downloaded "
                        "(repeatable, one per page)")  # fmt: skip
    p.add_argument("--publications-from", type=Path, metavar="FILE",
                   help="the bill's publications JSON, to find the Act it became")  # fmt: skip
    p.add_argument("--lapsed", type=_date_argument, metavar="DATE",
                   help="the end of the session at which the bill fell (the API does not "
                        "say)")  # fmt: skip


class ImportFailed(Exception):
    """One line for stderr."""


@dataclass
class Document:
    url: str  # what was fetched, or the address a local copy stands for
    name: str  # for error messages: the URL or the file name
    body: bytes
    retrieved: dt.date
    local: bool


class Reader:
    """Documents from the network (through the polite client) or from local files."""

    def __init__(self, args, client_factory: Callable[[], Client], progress: Callable[[str], None]):
        self.args = args
        self._factory = client_factory
        self._client: Client | None = None
        self.progress = progress

    def fetch(self, url: str, not_found: str) -> Document:
        if self._client is None:
            self._client = self._factory()
        got = self._client.get(url, not_found=not_found)
        return Document(got.url, got.url, got.body, got.retrieved, local=False)

    def read(self, path: Path, stands_for: str) -> Document:
        try:
            body = path.read_bytes()
            modified = dt.date.fromtimestamp(path.stat().st_mtime)
        except OSError as exc:
            raise ImportFailed(f"cannot read {path}: {exc.strerror or exc}") from exc
        self.progress(f"reading {path}")
        return Document(stands_for, str(path), body, self.args.retrieved or modified, local=True)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()


def _local_note(document: Document) -> str | None:
    if not document.local:
        return None
    return (
        f"Read from a downloaded copy ({Path(document.name).name}), not fetched by kg import; "
        "the address is where the service publishes it."
    )


def _rebase(href: str, base: str) -> str:
    """A link the service gave (a next page) moved onto the base URL we were asked to use."""
    link = urllib.parse.urlsplit(href)
    root = urllib.parse.urlsplit(base)
    return urllib.parse.urlunsplit((root.scheme, root.netloc, link.path, link.query, ""))


# ------------------------------------------------------------------ legislation


def _import_legislation(args, reader: Reader) -> tuple[str, ImportedFile, str]:
    try:
        wanted = LegislationId.parse(args.id)
    except ValueError as exc:
        raise ImportFailed(str(exc)) from exc
    base = (args.base_url or LEGISLATION_GOV_UK).rstrip("/")
    data_url = f"{LEGISLATION_GOV_UK}/{wanted.path}/data.xml"
    if args.from_file:
        document = reader.read(args.from_file, data_url)
    else:
        document = reader.fetch(f"{base}/{wanted.path}/data.xml",
                                f"no such legislation: {wanted.path}")  # fmt: skip
    scope = f"{wanted.slug}-{wanted.fragment_slug}" if wanted.fragment else wanted.slug
    key = f"lgu-{scope}-data-xml"
    clml = parse_clml(parse_xml(document.body, document.name), document.name, wanted, key)
    version = f"version of {clml.valid.isoformat()}" if clml.valid else "current version"
    if clml.status == "final":
        version = "as enacted or made"
    primary = AUTHORITY.PRIMARY.token
    sources = [
        Source(
            key=key,
            title=f"{clml.title}{': ' + wanted.fragment if wanted.fragment else ''} "
            f"(legislation.gov.uk CLML XML, {version})",
            publisher=TNA,
            url=document.url if not document.local else (clml.self_url or document.url),
            authority=primary,
            retrieved=document.retrieved,
            issued=clml.modified,
            note=_local_note(document),
        )
    ]
    groups = [clml.effects]
    skipped = list(clml.skipped)

    feeds: list[tuple[str, Document]] = []
    for number, path in enumerate(args.second_from, start=1):
        feeds.append((f"lgu-{wanted.slug}-changes-{number}", reader.read(path, path.name)))
    if not args.second_from and not args.from_file and not wanted.fragment:
        for direction in ("affected", "affecting"):
            url = f"{base}/changes/{direction}/{wanted.item}/data.feed"
            seen = set()
            for page in range(1, MAX_PAGES + 1):
                if url in seen:
                    break
                seen.add(url)
                try:
                    got = reader.fetch(url, f"no changes listed at {url}")
                except NotFoundError:
                    reader.progress(f"no changes feed at {url}")
                    break
                suffix = f"-p{page}" if page > 1 else ""
                feeds.append((f"lgu-{wanted.slug}-changes-{direction}{suffix}", got))
                feed_root = parse_xml(got.body, got.name)
                next_url = parse_effects_feed(feed_root, got.name, "unused").next_url
                if not next_url:
                    break
                url = _rebase(next_url, base)
    for feed_key, got in feeds:
        feed = parse_effects_feed(parse_xml(got.body, got.name), got.name, feed_key)
        groups.append(feed.effects)
        skipped += feed.skipped
        sources.append(
            Source(
                key=feed_key,
                title=f"{feed.title or 'Changes to legislation'} "
                "(legislation.gov.uk Atom feed of effects)",
                publisher=TNA,
                url=got.url
                if not got.local
                else (feed.self_url or f"{LEGISLATION_GOV_UK}/changes"),
                authority=primary,
                retrieved=got.retrieved,
                issued=feed.updated,
                note=_local_note(got),
            )
        )
    for why in skipped:
        reader.progress(f"left out an effect: {why}")
    effects = merge_effects(groups)
    imported = ImportedFile(
        description=f"legislation.gov.uk's data for {clml.title} "
        f"({clml.act.citation or wanted.item})"
        + (f", {wanted.fragment}" if wanted.fragment else "")
        + ": its structure, versions and the effects recorded against it. Generated by kg import.",
        sources=sources,
        instruments=[clml.act],
        effects=effects,
    )
    name = f"legislation-{wanted.slug}.yaml"
    return name, imported, f"{LEGISLATION} {wanted.path}"


# ------------------------------------------------------------------ bills


def _import_bill(args, reader: Reader) -> tuple[str, ImportedFile, str]:
    text = args.id.strip()
    if not text.isdigit() or int(text) < 1:
        raise ImportFailed(f"not a bill id: {text!r} (expected the Bills API's billId, e.g. 3938)")
    bill_id = int(text)
    base = (args.base_url or BILLS_API).rstrip("/")
    bill_url = f"{BILLS_API}/api/v1/Bills/{bill_id}"
    if args.from_file:
        bill_doc = reader.read(args.from_file, bill_url)
    else:
        bill_doc = reader.fetch(f"{base}/api/v1/Bills/{bill_id}", f"no such bill: {bill_id}")
    record = parse_json(bill_doc.body, bill_doc.name)
    if isinstance(record, dict) and record.get("billId") not in (None, bill_id):
        raise ImportFailed(f"{bill_doc.name}: this is bill {record.get('billId')}, not {bill_id}")

    stage_docs: list[Document] = []
    if args.second_from:
        stage_docs = [reader.read(path, f"{bill_url}/Stages") for path in args.second_from]
    elif not args.from_file:
        url, collected = f"{base}/api/v1/Bills/{bill_id}/Stages", 0
        for _page in range(MAX_PAGES):
            got = reader.fetch(url, f"no such bill: {bill_id}")
            stage_docs.append(got)
            items, total = parse_stages(parse_json(got.body, got.name), got.name)
            collected += len(items)
            if not items or total is None or collected >= total:
                break
            query = urllib.parse.urlencode({"Skip": collected, "Take": len(items)})
            url = f"{base}/api/v1/Bills/{bill_id}/Stages?{query}"
    else:
        reader.progress("no --stages-from: the bill's stages are left out")
    stages = []
    for got in stage_docs:
        stages.append(parse_stages(parse_json(got.body, got.name), got.name)[0])

    publications_doc = None
    if isinstance(record, dict) and record.get("isAct") is True:
        if args.publications_from:
            publications_doc = reader.read(args.publications_from, f"{bill_url}/Publications")
        elif not args.from_file:
            publications_doc = reader.fetch(
                f"{base}/api/v1/Bills/{bill_id}/Publications", f"no such bill: {bill_id}"
            )
    publications = (
        parse_json(publications_doc.body, publications_doc.name) if publications_doc else None
    )

    key = f"parliament-bill-{bill_id}"
    stage_keys = [
        f"{key}-stages" + (f"-p{n}" if n > 1 else "") for n in range(1, len(stage_docs) + 1)
    ]
    bill = parse_bill(
        record,
        list(zip(stage_keys, stages, strict=True)),
        name=bill_doc.name,
        bill_source=key,
        publications=publications,
        publications_source=f"{key}-publications" if publications_doc else None,
        lapsed=args.lapsed,
    )
    primary = AUTHORITY.PRIMARY.token
    sources = [
        Source(
            key=key,
            title=f"{bill.title}: bill record (UK Parliament Bills API)",
            publisher=PARLIAMENT,
            url=bill_doc.url,
            authority=primary,
            retrieved=bill_doc.retrieved,
            issued=bill.last_update,
            note=_local_note(bill_doc),
        )
    ]
    for stage_key, got in zip(stage_keys, stage_docs, strict=True):
        sources.append(
            Source(
                key=stage_key,
                title=f"{bill.title}: stages (UK Parliament Bills API)",
                publisher=PARLIAMENT,
                url=got.url,
                authority=primary,
                retrieved=got.retrieved,
                note=_local_note(got),
            )
        )
    if publications_doc:
        sources.append(
            Source(
                key=f"{key}-publications",
                title=f"{bill.title}: publications (UK Parliament Bills API)",
                publisher=PARLIAMENT,
                url=publications_doc.url,
                authority=primary,
                retrieved=publications_doc.retrieved,
                note=_local_note(publications_doc),
            )
        )
    imported = ImportedFile(
        description=f"The {bill.title} in Parliament, from the UK Parliament Bills API: its "
        "sessions, stages and houses and its current stage"
        + (", and the Act it became" if bill.instrument.enacted_as else "")
        + ". Generated by kg import.",
        sources=sources,
        instruments=[bill.instrument],
    )
    return f"bill-{bill_id}.yaml", imported, f"{_bill_command()} {bill_id}"


# ------------------------------------------------------------------ the command


def run(
    args,
    *,
    sleep: Callable[[float], None] = time.sleep,
    transport: httpx.BaseTransport | None = None,
) -> int:
    """Run one import from parsed arguments; returns the exit code."""
    start = time.perf_counter()

    def progress(message: str) -> None:
        if not args.quiet:
            elapsed = time.perf_counter() - start
            print(f"[{elapsed:6.2f}s] {message}", file=sys.stderr, flush=True)

    def client() -> Client:
        return Client(
            args.cache, offline=args.offline, sleep=sleep, transport=transport, progress=progress
        )

    reader = Reader(args, client, progress)
    try:
        if args.what == LEGISLATION:
            name, document, command = _import_legislation(args, reader)
        else:
            name, document, command = _import_bill(args, reader)
        text = render(
            document,
            [
                f"Generated by `kg import {command}`: do not edit this file by hand.",
                "Importing again replaces it; keep curated facts in files of their own.",
            ],
        )
        out = args.out if args.out is not None else args.sources / IMPORTED
        target = out / name
        try:
            write_atomically(target, text.encode("utf-8"))
        except OSError as exc:
            raise ImportFailed(f"cannot write {target}: {exc.strerror or exc}") from exc
    except (ImportFailed, FetchError, XmlError, LegislationError, BillsError) as exc:
        print(f"kg import: {exc}", file=sys.stderr)
        return EXIT_FAILED
    finally:
        reader.close()
    instruments = _count(document.instruments)
    progress(
        f"wrote {target} ({len(document.sources)} sources, {instruments} instruments, "
        f"{len(document.effects)} effects)"
    )
    return EXIT_OK


def _count(instruments) -> int:
    return sum(1 + _count(i.parts) for i in instruments)
