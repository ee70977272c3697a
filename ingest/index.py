"""What every source file declares, and the check that every reference resolves.

Keys must be unique across the whole corpus, and a file may refer to keys that another file
declares (a finding in casey-2025.yaml implicates a body declared in bodies.yaml), so these
checks run over all files together, after each file has passed its own format check.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .errors import SourceError
from .yamlnodes import Located


@dataclass(frozen=True)
class Declaration:
    file: Path
    line: int
    record: Located


@dataclass
class Index:
    """Everything declared in the corpus, by kind and key."""

    sources: dict[str, Declaration] = field(default_factory=dict)
    themes: dict[str, Declaration] = field(default_factory=dict)
    bodies: dict[str, Declaration] = field(default_factory=dict)
    instruments: dict[str, Declaration] = field(default_factory=dict)
    reports: dict[str, Declaration] = field(default_factory=dict)
    findings: dict[tuple[str, str], Declaration] = field(default_factory=dict)
    recommendations: dict[str, Declaration] = field(default_factory=dict)  # "report/number"
    responses: dict[str, Declaration] = field(default_factory=dict)
    status_events: dict[str, Declaration] = field(default_factory=dict)
    proposals: dict[str, Declaration] = field(default_factory=dict)
    targets: dict[str, Declaration] = field(default_factory=dict)
    effects: dict[str, Declaration] = field(default_factory=dict)
    errors: list[SourceError] = field(default_factory=list)

    def declare(self, table: dict, key, path: Path, record: Located, where: str, what: str):
        if key in table:
            first = table[key]
            self.errors.append(
                SourceError(
                    path,
                    record.line,
                    where,
                    f"{what} {key!r} is already declared at {first.file.name}:{first.line}",
                )
            )
            return
        table[key] = Declaration(path, record.line, record)


def walk_instruments(
    records, parent: str | None = None
) -> Iterator[tuple[Located, str | None, str]]:
    """Every instrument record with the id of the instrument it is nested in, and its path."""
    for index, record in enumerate(records or []):
        if record is None:
            continue
        yield record, parent, f"instruments[{index}]"
        for child, child_parent, child_where in walk_instruments(
            record.get("parts"), record.get("id")
        ):
            yield child, child_parent, f"instruments[{index}].parts.{child_where}"


def build_index(files: list[tuple[Path, Located]]) -> Index:
    index = Index()
    for path, doc in files:
        for i, rec in enumerate(doc.get("sources", [])):
            index.declare(index.sources, rec["key"], path, rec, f"sources[{i}].key", "source")
        for i, rec in enumerate(doc.get("themes", [])):
            index.declare(index.themes, rec["key"], path, rec, f"themes[{i}].key", "theme")
        for i, rec in enumerate(doc.get("bodies", [])):
            index.declare(index.bodies, rec["key"], path, rec, f"bodies[{i}].key", "body")
        for rec, _parent, where in walk_instruments(doc.get("instruments")):
            index.declare(index.instruments, rec["id"], path, rec, f"{where}.id", "instrument")
        report = doc.get("report")
        if report:
            key = report["key"]
            index.declare(index.reports, key, path, report, "report.key", "report")
            for i, finding in enumerate(report.get("findings", [])):
                index.declare(
                    index.findings,
                    (key, finding["key"]),
                    path,
                    finding,
                    f"report.findings[{i}].key",
                    "finding",
                )
            for i, rec in enumerate(report.get("recommendations", [])):
                index.declare(
                    index.recommendations,
                    f"{key}/{rec['number']}",
                    path,
                    rec,
                    f"report.recommendations[{i}].number",
                    "recommendation",
                )
        for i, rec in enumerate(doc.get("responses", [])):
            index.declare(
                index.responses,
                rec["recommendation"],
                path,
                rec,
                f"responses[{i}].recommendation",
                "response to recommendation",
            )
        for i, rec in enumerate(doc.get("proposals", [])):
            index.declare(index.proposals, rec["key"], path, rec, f"proposals[{i}].key", "proposal")
        for i, rec in enumerate(doc.get("status_events", [])):
            key = f"{rec['recommendation']} {rec['status']} on {rec['date']}"
            index.declare(
                index.status_events, key, path, rec, f"status_events[{i}]", "status event"
            )
        for i, rec in enumerate(doc.get("targets", [])):
            index.declare(index.targets, rec["key"], path, rec, f"targets[{i}].key", "target")
        for i, rec in enumerate(doc.get("effects", [])):
            index.declare(index.effects, rec["id"], path, rec, f"effects[{i}].id", "effect")
    for path, doc in files:
        _check_references(index, path, doc)
    return index


def _check_references(index: Index, path: Path, doc: Located) -> None:
    def need(table, key, record: Located, field_name: str, where: str, what: str) -> None:
        if key not in table:
            index.errors.append(
                SourceError(
                    path,
                    record.line_of(field_name),
                    where,
                    f"unknown {what} {key if isinstance(key, str) else key[1]!r}: "
                    f"declare it in a `{_section_of(what)}:` list first",
                )
            )

    def citations(record: Located, where: str) -> None:
        for i, cite in enumerate(record.get("cite", [])):
            need(
                index.sources, cite["source"], cite, "source", f"{where}.cite[{i}].source", "source"
            )

    def links(record: Located, name: str, table, where: str, what: str, key=lambda r: r) -> None:
        for i, link in enumerate(record.get(name, [])):
            need(table, key(link["ref"]), link, "ref", f"{where}.{name}[{i}]", what)
            citations(link, f"{where}.{name}[{i}]")

    def duties(record: Located, where: str, links_field: str) -> None:
        """Responsibilities (to bodies) and instrument links of a recommendation or proposal."""
        for j, resp in enumerate(record.get("responsibilities", [])):
            need(
                index.bodies,
                resp["body"],
                resp,
                "body",
                f"{where}.responsibilities[{j}].body",
                "body",
            )
            citations(resp, f"{where}.responsibilities[{j}]")
        for j, link in enumerate(record.get(links_field, [])):
            need(
                index.instruments,
                link["instrument"],
                link,
                "instrument",
                f"{where}.{links_field}[{j}].instrument",
                "instrument",
            )
            citations(link, f"{where}.{links_field}[{j}]")

    for i, rec in enumerate(doc.get("themes", [])):
        citations(rec, f"themes[{i}]")
    for i, rec in enumerate(doc.get("bodies", [])):
        citations(rec, f"bodies[{i}]")
        if "parent" in rec:
            need(index.bodies, rec["parent"], rec, "parent", f"bodies[{i}].parent", "body")
    for rec, _parent, where in walk_instruments(doc.get("instruments")):
        citations(rec, where)
        for name in ("part_of", "enacted_as"):
            if name in rec:
                need(index.instruments, rec[name], rec, name, f"{where}.{name}", "instrument")
        for j, stage in enumerate(rec.get("passage", {}).get("stages", [])):
            citations(stage, f"{where}.passage.stages[{j}]")
    report = doc.get("report")
    if report:
        key = report["key"]
        citations(report, "report")
        need(index.sources, report["document"], report, "document", "report.document", "source")
        for i, finding in enumerate(report.get("findings", [])):
            where = f"report.findings[{i}]"
            citations(finding, where)
            links(finding, "implicates", index.bodies, where, "body")
            links(finding, "themes", index.themes, where, "theme")
            _check_finding_echoes(index, path, key, finding, where)
            for j, link in enumerate(finding.get("echoes", [])):
                citations(link, f"{where}.echoes[{j}]")
        for i, rec in enumerate(report.get("recommendations", [])):
            where = f"report.recommendations[{i}]"
            citations(rec, where)
            links(
                rec,
                "addresses",
                index.findings,
                where,
                "finding",
                key=lambda ref, key=key: (key, ref),
            )
            links(rec, "echoes", index.recommendations, where, "recommendation")
            links(rec, "themes", index.themes, where, "theme")
            duties(rec, where, "instruments")
            if "no_instrument" in rec:
                citations(rec["no_instrument"], f"{where}.no_instrument")
    for i, rec in enumerate(doc.get("proposals", [])):
        where = f"proposals[{i}]"
        citations(rec, where)
        need(
            index.recommendations,
            rec["proposed_by"],
            rec,
            "proposed_by",
            f"{where}.proposed_by",
            "recommendation",
        )
        duties(rec, where, "changes")
        if "no_bill_statement" in rec:
            citations(rec["no_bill_statement"], f"{where}.no_bill_statement")
    for section in ("responses", "status_events"):
        for i, rec in enumerate(doc.get(section, [])):
            need(
                index.recommendations,
                rec["recommendation"],
                rec,
                "recommendation",
                f"{section}[{i}].recommendation",
                "recommendation",
            )
            citations(rec, f"{section}[{i}]")
    for i, rec in enumerate(doc.get("effects", [])):
        # An effect's ends need not be in the corpus: an Act amends many others.
        citations(rec, f"effects[{i}]")
    for i, rec in enumerate(doc.get("targets", [])):
        where = f"targets[{i}]"
        need(
            index.recommendations,
            rec["recommendation"],
            rec,
            "recommendation",
            f"{where}.recommendation",
            "recommendation",
        )
        citations(rec, where)
        if "met" in rec:
            citations(rec["met"], f"{where}.met")
        if "revises" in rec:
            need(index.targets, rec["revises"], rec, "revises", f"{where}.revises", "target")
            _check_revision(index, path, rec, f"{where}.revises")


def _check_finding_echoes(
    index: Index, path: Path, report: str, finding: Located, where: str
) -> None:
    """Each `echoes` ref of a finding names a declared finding (`REPORT-KEY/FINDING-KEY`) of a
    report issued before this finding's own: an echo points back in time, never to itself, to
    its own report or to a later one."""
    issued = index.reports[report].record["issued"]
    for i, link in enumerate(finding.get("echoes", [])):
        ref, at = link["ref"], f"{where}.echoes[{i}]"

        def fail(message: str, at=at, link=link) -> None:
            index.errors.append(SourceError(path, link.line_of("ref"), at, message))

        other_report, other_key = ref.split("/", 1)
        if other_report not in index.reports:
            fail(f"unknown finding {ref!r}: no report {other_report!r} is declared "
                 "(a finding reference is 'REPORT-KEY/FINDING-KEY')")  # fmt: skip
        elif (other_report, other_key) not in index.findings:
            declared = index.reports[other_report]
            fail(f"unknown finding {ref!r}: report {other_report!r} ({declared.file.name}:"
                 f"{declared.line}) declares no finding {other_key!r}")  # fmt: skip
        elif (other_report, other_key) == (report, finding["key"]):
            fail(f"finding {ref!r} echoes itself: an echo points back to an earlier report's "
                 "finding")  # fmt: skip
        else:
            other_issued = index.reports[other_report].record["issued"]
            if other_issued >= issued:
                fail(f"finding {ref!r} is of a report issued {other_issued.isoformat()}, not "
                     f"before this finding's report {report!r} ({issued.isoformat()}): an echo "
                     "points back to an earlier report's finding")  # fmt: skip


def _check_revision(index: Index, path: Path, rec: Located, where: str) -> None:
    """A target revises an earlier target of the same recommendation, never itself (directly or
    round a loop), and a target is revised by one target at most: revisions form chains."""
    key, earlier = rec["key"], rec["revises"]
    if earlier not in index.targets:
        return  # reported as unknown

    def fail(message: str) -> None:
        index.errors.append(SourceError(path, rec.line_of("revises"), where, message))

    first = index.targets[earlier]
    step, seen = earlier, set()
    while step is not None and step in index.targets and step not in seen:
        if step == key:
            fail(f"target {key!r} revises itself" + ("" if earlier == key else
                 f" (through {earlier!r})"))  # fmt: skip
            return
        seen.add(step)
        step = index.targets[step].record.get("revises")
    if first.record["recommendation"] != rec["recommendation"]:
        fail(f"target {earlier!r} ({first.file.name}:{first.line}) is a target of "
             f"{first.record['recommendation']}, not of {rec['recommendation']}")  # fmt: skip
        return
    for other, declaration in index.targets.items():
        if other == key:
            break
        if declaration.record.get("revises") == earlier:
            fail(f"target {earlier!r} is already revised by target {other!r} "
                 f"({declaration.file.name}:{declaration.line})")  # fmt: skip
            return


def _section_of(what: str) -> str:
    return {
        "source": "sources",
        "body": "bodies",
        "theme": "themes",
        "instrument": "instruments",
        "finding": "report.findings",
        "recommendation": "report.recommendations",
        "target": "targets",
    }[what]
