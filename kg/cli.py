"""`kg`: build, validate, export and describe the knowledge graph.

Exit codes: 0 success; 1 the data is invalid (every error is listed); 2 bad usage or a missing
input (argparse's convention); 3 a store could not be loaded; 130 interrupted. A failed build
never touches the previous one.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from ontology.vocabulary import ROLE

from . import config
from .store import NoBuild, Store, default_spec, open_build
from .web import settings as serve_settings

EXIT_OK, EXIT_INVALID, EXIT_USAGE, EXIT_STORE, EXIT_INTERRUPTED = 0, 1, 2, 3, 130


class Reporter:
    """Progress on stderr, with elapsed time, unless --quiet."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.start = time.perf_counter()

    def __call__(self, message: str) -> None:
        if not self.quiet:
            print(
                f"[{time.perf_counter() - self.start:6.2f}s] {message}", file=sys.stderr, flush=True
            )


def _print_errors(title: str, errors: Sequence[object]) -> None:
    print(f"{title} ({len(errors)}):", file=sys.stderr)
    for error in errors:
        print(f"  {error}", file=sys.stderr)


def cmd_build(args) -> int:
    from ingest import SourceErrors

    from .build import BuildFailed, build, build_id_of

    progress = Reporter(args.quiet)
    try:
        summary = build(
            args.sources, args.out, args.base, progress, full=getattr(args, "full", False)
        )
    except SourceErrors as exc:
        _print_errors(
            "build failed: invalid source files; the previous build is unchanged", exc.errors
        )
        return EXIT_INVALID
    except BuildFailed as exc:
        _print_errors(
            "build failed: the dataset violates the shapes; the previous build is unchanged",
            exc.violations,
        )
        return EXIT_INVALID
    for line in summary.lines():
        print(line)
    if args.store != "memory":
        from .store import BadStoreSpec, RemoteError, StoreSpec, load

        try:
            spec = StoreSpec.parse(args.store)
            progress(f"loading into {args.store}")
            print(load(spec, args.out, build_id_of(args.out), progress))
        except (BadStoreSpec, RemoteError) as exc:
            print(f"kg build: the build file was written, but loading the store failed: {exc}",
                  file=sys.stderr)  # fmt: skip
            return EXIT_STORE
    progress("done")
    return EXIT_OK


def cmd_validate(args) -> int:
    from ingest import SourceErrors, source_files

    from .build import BuildFailed, validate

    progress = Reporter(args.quiet)
    try:
        validate(args.sources, args.base, progress, out=args.build, full=args.full)
    except SourceErrors as exc:
        _print_errors("invalid source files", exc.errors)
        return EXIT_INVALID
    except BuildFailed as exc:
        _print_errors("the dataset violates the shapes", exc.violations)
        return EXIT_INVALID
    files = len(source_files(args.sources))
    print(f"valid: {files} source files conform to the format and the shapes")
    return EXIT_OK


def cmd_export(args) -> int:
    if not args.build.is_file():
        print(f"kg export: no build at {args.build}: run `kg build` first", file=sys.stderr)
        return EXIT_USAGE
    from .export import export

    data = export(args.build, args.format)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_bytes(data)
        print(f"wrote {len(data)} bytes to {args.out}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(data)
    return EXIT_OK


def _open_build_or_say(command: str, path: Path) -> Store | None:
    """The build at `path`, or None once the user has been told there is none."""
    try:
        return open_build(path)
    except NoBuild as exc:
        print(f"kg {command}: {exc}", file=sys.stderr)
        return None


def cmd_stats(args) -> int:
    store = _open_build_or_say("stats", args.build)
    if store is None:
        return EXIT_USAGE
    from .stats import compute

    stats = compute(store)
    if args.format == "json":
        print(json.dumps(stats.as_dict(), indent=2))
    elif args.format == "markdown":
        print(stats.markdown(), end="")
    else:
        print(f"{stats.quads} quads in {stats.graphs} named graphs")
        for cls, n in sorted(stats.by_class.items()):
            print(f"  {cls:<22} {n:>6}")
        share = stats.primary / stats.facts if stats.facts else 0.0
        print(f"backed by a primary source: {stats.primary}/{stats.facts} ({share:.1%})")
        print(
            f"confirmed (primary source, not in doubt): {stats.confirmed}/{stats.facts} "
            f"({stats.confirmed_share:.1%})"
        )
        print(f"unconfirmed facts: {len(stats.unconfirmed)} (see --format markdown)")
    return EXIT_OK


def _same_build_file(spec, build_file: Path, build_id: str | None) -> Path | None:
    """The build file, when it holds the build the store serves: the search index and the
    analyses are kept beside it. A disk or remote store may hold another build than the file
    (loaded earlier or later): then nothing is kept beside the file for it."""
    if spec.scheme == "memory":
        return build_file  # the store was loaded from it
    from .build import build_id_of

    if build_id and build_file.is_file() and build_id_of(build_file) == build_id:
        return build_file
    return None


def cmd_serve(args) -> int:
    from .web import logs, workers

    try:
        settings = serve_settings.resolve(vars(args), config=args.config)
    except serve_settings.SettingsError as exc:
        print(f"kg serve: {exc}", file=sys.stderr)
        return EXIT_USAGE
    # Every record, the request log's and uvicorn's included, as text lines or JSON lines.
    logs.configure(settings.log_format)
    if args.store == "memory" and not args.build.is_file():
        print(f"no build at {args.build}: building {args.sources} first", file=sys.stderr)
        args.out = args.build
        code = cmd_build(args)
        if code != EXIT_OK:
            return code
    from .store import BadStoreSpec, StoreSpec, marker

    try:
        spec = StoreSpec.parse(args.store)
    except BadStoreSpec as exc:
        print(f"kg serve: {exc}", file=sys.stderr)
        return EXIT_USAGE

    def open_app():
        """The app over the build the store holds now (raises what stops a start)."""
        from .store import open_store
        from .web import create_app

        store, build_id = open_store(spec, args.build)
        try:
            return create_app(_same_build_file(spec, args.build, build_id), store, build_id,
                              settings)  # fmt: skip
        except BaseException:
            store.close()
            raise

    def start():
        """The app to serve, reloaded when a new build is swapped in; at start, a build that
        cannot be served is one line and an exit code."""
        from .api.persisted import PersistedOperationError
        from .store import RemoteError
        from .web.reload import Reloading

        try:
            app = open_app()
        except (BadStoreSpec, NoBuild) as exc:
            raise workers.StartFailed(str(exc), EXIT_USAGE) from None
        except PersistedOperationError as exc:  # a named operation that cannot be served
            raise workers.StartFailed(str(exc), EXIT_INVALID) from None
        except RemoteError as exc:  # down, unreachable, failing or empty: one line
            raise workers.StartFailed(str(exc), EXIT_STORE) from None
        return Reloading(open_app, marker(spec, args.build), settings.reload_interval, app)

    return workers.serve(start, settings.host, settings.port, settings.workers, args.store)


def cmd_viz(args) -> int:
    """Self-contained HTML network views that open from disk, offline."""
    import re

    from .projection import build_projection
    from .web import network, pages

    store = _open_build_or_say("viz", args.build)
    if store is None:
        return EXIT_USAGE
    from .build import base_of

    base = base_of(store)
    projection = build_projection(store)
    server = args.server.rstrip("/")

    def node_url(iri: str) -> str:  # clicking a node opens its page on a running `kg serve`
        return server + pages.entity_url(base, iri)

    views = {"overview.html": (projection.graph, "policy-kg: the whole corpus", None)}
    if args.entity:
        iri = args.entity if args.entity.startswith(("http://", "https://")) else None
        if iri is None or iri not in projection.graph:
            print(f"kg viz: --entity must be the IRI of an entity in the build, got "
                  f"{args.entity!r}", file=sys.stderr)  # fmt: skip
            return EXIT_USAGE
        label = projection.graph.nodes[iri].get("label", iri)
        name = re.sub(r"[^a-z0-9]+", "-", iri.split("://", 1)[1].lower()).strip("-") + ".html"
        views[name] = (network.around(projection, iri, args.depth),
                       f"Around {label} (depth {args.depth})", iri)  # fmt: skip
    args.out.mkdir(parents=True, exist_ok=True)
    for name, (graph, title, focus) in views.items():
        html_text = network.page(graph, store, title=title, base=base, vis_js=None,
                                 limit=args.limit, focus=focus, node_url=node_url)  # fmt: skip
        (args.out / name).write_text(html_text, encoding="utf-8")
        print(f"wrote {args.out / name} ({len(html_text) // 1024} KiB, "
              f"{min(graph.number_of_nodes(), args.limit)} entities)")  # fmt: skip
    return EXIT_OK


#: What `kg analyse` shows in a table (CSV and JSON have every field).
TABLE_COLUMNS = {
    "gaps": ["kind", "label", "reason"],
    "recurrence": ["kind", "label", "reports", "earliest_report", "earliest_issued",
                   "latest_status", "years_outstanding", "years_since", "chain"],
    "load": ["label", ROLE.LEAD.token, ROLE.PARTNER.token, ROLE.CONSULTED.token, "centrality",
             "centrality_estimated"],
    "clusters": ["number", "size", "members", "themes", "bodies"],
    "trace": ["hops", "path", "fully_cited", "citations"],
    "overdue": ["key", "recommendation_key", "due", "days_late", "revisions", "status",
                "commitment"],
    "claims": ["recommendation_key", "kind", "reported", "reported_date", "legal", "legal_date",
               "explanation"],
}  # fmt: skip


def cmd_analyse(args) -> int:
    import datetime as dt

    from . import analysis, tables
    from .projection import build_projection

    store = _open_build_or_say("analyse", args.build)
    if store is None:
        return EXIT_USAGE
    try:
        as_of = dt.date.fromisoformat(args.as_of) if args.as_of else dt.date.today()
    except ValueError:
        print(f"kg analyse: --as-of must be a date YYYY-MM-DD, got {args.as_of!r}",
              file=sys.stderr)  # fmt: skip
        return EXIT_USAGE
    if args.analysis == "gaps":
        results = analysis.gaps(store)
    elif args.analysis == "recurrence":
        # repeated calls (recommendations), then recurring problems (findings)
        results = analysis.recurrence(store, as_of) + analysis.recurring_problems(store, as_of)
    elif args.analysis == "overdue":
        results = analysis.overdue(store, as_of)
    elif args.analysis == "claims":
        results = analysis.claims(store, as_of)
    elif args.analysis == "load":
        results = analysis.load(store, build_projection(store))
    elif args.analysis == "clusters":
        results = analysis.clusters(store, build_projection(store))
    else:
        if not args.start:
            print("kg analyse trace: give --from IRI (and --to IRI)", file=sys.stderr)
            return EXIT_USAGE
        projection = build_projection(store)
        for name, iri in (("--from", args.start), ("--to", args.end)):
            if iri and iri not in projection.graph:
                print(f"kg analyse trace: {name}: no entity {iri!r} in the build",
                      file=sys.stderr)  # fmt: skip
                return EXIT_USAGE
        results = analysis.trace_with_citations(store, projection, args.start, args.end,
                                                args.max_hops, args.limit)  # fmt: skip
    rows = [r.as_row() for r in results]
    if args.analysis == "recurrence":  # one set of columns: each row fills its kind's
        rows = [{c: row.get(c) for c in analysis.RECURRENCE_COLUMNS} for row in rows]
    sys.stdout.write(tables.render(rows, args.format, TABLE_COLUMNS[args.analysis]
                                   if args.format == "table" else None))  # fmt: skip
    return EXIT_OK


def cmd_synth(args) -> int:
    from .synth import write_corpus

    progress = Reporter(args.quiet)
    try:
        summary = write_corpus(args.out, args.triples, args.seed, progress)
    except (ValueError, FileExistsError, NotADirectoryError) as exc:
        print(f"kg synth: {exc}", file=sys.stderr)
        return EXIT_USAGE
    for line in summary.lines():
        print(line)
    progress("done")
    return EXIT_OK


def cmd_diff(args) -> int:
    from . import diff

    try:
        result = diff.between(args.old, args.new, args.repo, args.base, Reporter(args.quiet))
    except diff.DiffInputError as exc:
        print(f"kg diff: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except diff.RevisionDoesNotBuild as exc:
        _print_errors(f"kg diff: {exc}", exc.errors)
        return EXIT_INVALID
    if args.format == "json":
        print(json.dumps(result.as_json(), indent=2, ensure_ascii=False))
    else:
        sys.stdout.write(result.text())
    return EXIT_OK


def cmd_import(args) -> int:
    from ingest.importers.command import run

    return run(args)


def cmd_schema(args) -> int:
    from .api.schema import schema

    text = str(schema) + "\n"
    if args.out:
        args.out.write_text(text, encoding="utf-8")
        print(f"wrote {args.out}", file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_link(args) -> int:
    """A text's mentions of the graph and its claims with verdicts (kg/text/)."""
    from .text import read_document
    from .text.errors import TextInputError
    from .text.linker import Linker
    from .text.render import to_html, to_text

    name = "-" if str(args.file) == "-" else str(args.file)
    try:
        data = sys.stdin.buffer.read() if name == "-" else Path(args.file).read_bytes()
    except OSError as exc:
        print(f"kg link: {name}: cannot read the file ({exc.strerror or exc})", file=sys.stderr)
        return EXIT_USAGE
    try:
        document = read_document(data, name, args.kind)
    except TextInputError as exc:
        print(f"kg link: {exc}", file=sys.stderr)
        return EXIT_USAGE
    store = _open_build_or_say("link", args.build)
    if store is None:
        return EXIT_USAGE
    try:
        result = Linker.from_store(store).link(document.text, name=name)
    except TextInputError as exc:
        print(f"kg link: {exc}", file=sys.stderr)
        return EXIT_USAGE
    if args.format == "json":
        print(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    elif args.format == "html":
        print(to_html(result))
    else:
        sys.stdout.write(to_text(result))
    return EXIT_OK


def cmd_draft(args) -> int:
    """A report's text as a draft source file (kg/text/draft.py), linked against the build."""
    from .text.draft import run
    from .text.errors import TextInputError

    store = _open_build_or_say("draft", args.build)
    if store is None:
        return EXIT_USAGE
    try:
        text = run(args.file, args.report, store=store, out=args.out, kind=args.kind,
                   source_key=args.source)  # fmt: skip
    except TextInputError as exc:
        print(f"kg draft: {exc}; nothing was written", file=sys.stderr)
        return EXIT_USAGE
    if args.out:
        print(f"wrote {args.out}: fill in each FILL-IN, review, then `kg validate`",
              file=sys.stderr)  # fmt: skip
    else:
        sys.stdout.write(text)
    return EXIT_OK


class _Later(argparse.ArgumentParser):
    """A command's parser whose arguments are added when it is first used (`later`): `kg
    import`'s bring in httpx and the importers, about 40 ms that no other command should pay."""

    later: Callable[[argparse.ArgumentParser], None] | None = None

    def _complete(self) -> None:
        if self.later is not None:
            add, self.later = self.later, None
            add(self)

    def parse_known_args(self, args=None, namespace=None):
        self._complete()
        return super().parse_known_args(args, namespace)

    def format_usage(self) -> str:
        self._complete()
        return super().format_usage()

    def format_help(self) -> str:
        self._complete()
        return super().format_help()


def parser() -> argparse.ArgumentParser:
    from .export import FORMATS

    top = argparse.ArgumentParser(prog="kg", description=__doc__.splitlines()[0])
    sub = top.add_subparsers(dest="command", required=True, metavar="COMMAND",
                             parser_class=_Later)  # fmt: skip

    def sources_option(p):
        p.add_argument(
            "--sources",
            type=Path,
            default=config.default_sources(),
            help="directory of YAML source files (default: the bundled corpus; env KG_SOURCES)",
        )
        p.add_argument(
            "--base", default=config.default_base(), help="base IRI of our entities (env KG_BASE)"
        )
        p.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")

    def store_option(p):
        p.add_argument(
            "--store",
            default=default_spec(),
            help="memory (default), disk:DIR or sparql:QUERY_URL[;update=URL] (env KG_STORE)",
        )

    def build_option(p):
        p.add_argument(
            "--build",
            type=Path,
            default=config.default_build(),
            help="the built dataset to read (default build/kg.nq; env KG_BUILD)",
        )

    def full_option(p):
        p.add_argument(
            "--full",
            "--no-cache",
            action="store_true",
            help="use nothing from the build's cache (<build>'s sibling .<name>.cache/): "
            "read, write and validate every source file",
        )

    p = sub.add_parser("build", help="load, validate and atomically write the dataset")
    sources_option(p)
    p.add_argument(
        "--out",
        type=Path,
        default=config.default_build(),
        help="where to write the N-Quads build (default build/kg.nq; env KG_BUILD)",
    )
    store_option(p)
    full_option(p)
    p.set_defaults(run=cmd_build)

    p = sub.add_parser("validate", help="the build's checks, writing nothing")
    sources_option(p)
    build_option(p)
    full_option(p)
    p.set_defaults(run=cmd_validate)

    p = sub.add_parser("export", help="the built dataset in a standard RDF format")
    build_option(p)
    p.add_argument(
        "--format",
        choices=sorted(FORMATS),
        default="trig",
        help="ttl is the union of all named graphs (Turtle has none)",
    )
    p.add_argument("--out", type=Path, help="file to write (default: stdout)")
    p.set_defaults(run=cmd_export)

    p = sub.add_parser(
        "serve",
        help="serve GraphQL, GraphiQL, SPARQL, views and pages (builds first if needed)",
        description="Options below --config can also be set in the environment (KG_NAME) or "
        "in a TOML file's [serve] table; the command line wins, then the environment, then "
        "the file.",
    )
    build_option(p)
    sources_option(p)
    store_option(p)
    serve_settings.add_arguments(p)
    p.set_defaults(run=cmd_serve)

    p = sub.add_parser("viz", help="write network views as HTML files that open offline")
    build_option(p)
    p.add_argument("--out", type=Path, default=Path("build/viz"), help="directory (build/viz)")
    p.add_argument("--entity", help="also draw the neighbourhood of this entity (its IRI)")
    p.add_argument("--depth", type=int, choices=(1, 2, 3), default=1, help="neighbourhood depth")
    p.add_argument("--limit", type=int, default=400, help="most entities per view (400)")
    p.add_argument("--server", default="http://127.0.0.1:8000",
                   help="where `kg serve` runs: clicking a node opens its page there")  # fmt: skip
    p.set_defaults(run=cmd_viz)

    p = sub.add_parser(
        "analyse",
        help="gaps, recurrence, body load, clusters, traces, overdue targets or claims "
        "(reported status against legal evidence), as a table/CSV/JSON",
    )
    p.add_argument("analysis", choices=sorted(TABLE_COLUMNS))
    build_option(p)
    p.add_argument("--format", choices=("table", "csv", "json"), default="table")
    p.add_argument("--as-of", help="recurrence: count years outstanding (and years since a "
                   "recurring problem was first found) to this date; "
                   "overdue: the day to judge targets on (default today)")  # fmt: skip
    p.add_argument("--from", dest="start", help="trace: the starting entity's IRI")
    p.add_argument("--to", dest="end", help="trace: the end (default: every statute in reach)")
    p.add_argument("--max-hops", type=int, default=4, help="trace: longest path (4)")
    p.add_argument("--limit", type=int, default=5, help="trace: most paths (5)")
    p.set_defaults(run=cmd_analyse)

    p = sub.add_parser("synth", help="write a deterministic synthetic corpus of about N triples")
    p.add_argument("--out", type=Path, required=True,
                   help="directory for the YAML files (created; only files an earlier "
                        "kg synth wrote are replaced)")  # fmt: skip
    p.add_argument(
        "--triples",
        type=int,
        default=100_000,
        help="about how many quads `kg build` of it will write (at least 1000)",
    )
    p.add_argument(
        "--seed",
        type=int,
        default=1,
        help="the same seed and --triples give byte-identical files (default 1)",
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    p.set_defaults(run=cmd_synth)

    p = sub.add_parser(
        "diff",
        help="entities added, removed and changed between two builds",
        description="OLD and NEW are each a build file (.nq) or a git revision, whose "
        "ingest/sources is then built with the current code into a temporary build.",
    )
    p.add_argument("old", metavar="OLD", help="a build file or a git revision")
    p.add_argument("new", metavar="NEW", help="a build file or a git revision")
    p.add_argument("--repo", type=Path,
                   help="the git repository revisions are read from (default: the current "
                        "directory's)")  # fmt: skip
    p.add_argument("--format", choices=("text", "json"), default="text")
    p.add_argument(
        "--base", default=config.default_base(), help="base IRI for revisions' builds (env KG_BASE)"
    )
    p.add_argument("-q", "--quiet", action="store_true", help="no progress on stderr")
    p.set_defaults(run=cmd_diff)

    p = sub.add_parser(
        "import",
        help="write a source file from legislation.gov.uk or the UK Parliament Bills API",
        description="Import an item of legislation or a bill as one generated source file "
        "(kept apart from curated ones, in SOURCES/imported), every fact cited to the address "
        "it was fetched from. Exit code 2 on any error, and nothing is written.",
    )

    def import_arguments(p):
        from ingest.importers.command import add_arguments

        add_arguments(p, config.default_sources())

    p.later = import_arguments
    p.set_defaults(run=cmd_import)

    p = sub.add_parser(
        "draft",
        help="a draft source file from a report's text (plain, HTML or PDF), for review",
        description="Drafts a source file (docs/source-format.md) from a report's text: its "
        "metadata, numbered recommendations with locators, candidate findings (sentences with "
        "figures) and the bodies and statutes the linker finds, every fact marked unconfirmed. "
        "Fill in each FILL-IN placeholder, review, then run `kg validate`. Exit code 2 on a "
        "bad, empty or unreadable input, and nothing is written.",
    )
    p.add_argument("file", metavar="FILE", help="the report's text: a .txt, .html or .pdf file, "
                   "or - for standard input")  # fmt: skip
    p.add_argument("--report", required=True, metavar="KEY",
                   help="the new report's key, e.g. harrowfield-2026")  # fmt: skip
    p.add_argument("--source", metavar="KEY", help="the report's key as a source (default: a "
                   "FILL-IN placeholder to replace)")  # fmt: skip
    p.add_argument("--out", type=Path, help="file to write (default: stdout)")
    p.add_argument("--kind", choices=("text", "html", "pdf"),
                   help="the input's format (default: sniffed from content and name)")  # fmt: skip
    build_option(p)
    p.set_defaults(run=cmd_draft)

    p = sub.add_parser(
        "link",
        help="link a text (plain, HTML or PDF) to the graph: mentions, and claims with verdicts",
        description="Exit code 2, with a one-line error naming the file, on an input that cannot "
        "be read (empty, too large, binary, not UTF-8, a malformed or hostile PDF or HTML).",
    )
    p.add_argument("file", metavar="FILE", help="the text to link; - reads standard input")
    build_option(p)
    p.add_argument("--format", choices=("json", "html", "text"), default="json")
    p.add_argument(
        "--kind",
        choices=("text", "html", "pdf"),
        help="what the file is (default: sniffed from its content and name)",
    )
    p.set_defaults(run=cmd_link)

    p = sub.add_parser("schema", help="print the GraphQL schema (SDL)")
    p.add_argument("--out", type=Path, help="file to write, e.g. graphql/schema.graphql")
    p.set_defaults(run=cmd_schema)

    p = sub.add_parser("stats", help="counts by class, primary-source share, unconfirmed facts")
    build_option(p)
    p.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    p.set_defaults(run=cmd_stats)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("interrupted; nothing was replaced", file=sys.stderr)
        return EXIT_INTERRUPTED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
