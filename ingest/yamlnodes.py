"""Reading YAML while keeping the line of every value, so errors can point at it.

PyYAML's composer gives a node tree with marks; we turn it into plain Python values where
every mapping is a `Located` dict that remembers its own line and the line of each key.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .errors import SourceError


class Located(dict):
    """A YAML mapping that remembers where it and each of its fields start (1-based lines)."""

    line: int
    lines: dict[str, int]

    def line_of(self, field: str) -> int:
        return self.lines.get(field, self.line)


class LocatedList(list):
    """A YAML sequence that remembers the line of each item."""

    line: int
    lines: list[int]


_scalars = yaml.constructor.SafeConstructor()
# libyaml's parser when PyYAML has it (several times faster); marks and errors are the same.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR = "tag:yaml.org,2002:str"


def _convert(node: yaml.Node, path: Path, where: str, errors: list[SourceError]) -> Any:
    line = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        result = Located()
        result.line, result.lines = line, {}
        for key_node, value_node in node.value:
            key = _convert(key_node, path, where, errors)
            if not isinstance(key, str):
                errors.append(
                    SourceError(
                        path,
                        key_node.start_mark.line + 1,
                        where,
                        f"field names must be text, not {key!r}",
                    )
                )
                continue
            field = f"{where}.{key}" if where else key
            if key in result:
                errors.append(
                    SourceError(
                        path,
                        key_node.start_mark.line + 1,
                        field,
                        "field given twice in the same record",
                    )
                )
                continue
            result.lines[key] = key_node.start_mark.line + 1
            result[key] = _convert(value_node, path, field, errors)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = LocatedList()
        items.line, items.lines = line, []
        for index, item in enumerate(node.value):
            items.lines.append(item.start_mark.line + 1)
            items.append(_convert(item, path, f"{where}[{index}]", errors))
        return items
    if node.tag == _STR:  # most values: what the constructor gives for them is the text
        return node.value
    try:
        return _scalars.construct_object(node, deep=True)
    except (yaml.YAMLError, ValueError) as exc:  # e.g. an impossible date: 2025-02-30
        problem = getattr(exc, "problem", None) or str(exc)
        errors.append(SourceError(path, line, where, f"cannot read this value: {problem}"))
        return None


def read_yaml(path: Path) -> tuple[Any, list[SourceError]]:
    """Parse one YAML file into located values; syntax errors come back as SourceErrors."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        return None, [SourceError(path, 0, "", f"not UTF-8 text ({exc.reason})")]
    try:
        documents = list(yaml.compose_all(text, Loader=_LOADER))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        problem = exc.problem or exc.context or "invalid YAML"
        if exc.context and exc.context_mark and exc.context_mark.line + 1 != line:
            problem += f" ({exc.context} that starts on line {exc.context_mark.line + 1})"
        return None, [SourceError(path, line, "", f"YAML syntax error: {problem}")]
    if len(documents) != 1 or documents[0] is None:
        return None, [SourceError(path, 1, "", "expected exactly one YAML document")]
    errors: list[SourceError] = []
    try:
        return _convert(documents[0], path, "", errors), errors
    finally:  # the constructor keeps every node it made (and its value) until cleared
        _scalars.constructed_objects.clear()
