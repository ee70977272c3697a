"""Persisted operations: the named operations in graphql/operations, run by name (`?op=NAME`).

Each file holds exactly one operation, named like the file (`HomeOfficeLeads.graphql` holds
`query HomeOfficeLeads`). They are read once, when the app is made; a file that breaks the rule,
does not parse or does not validate against the schema stops the start with its name. Running
an operation by name is running its text: the endpoint (kg/api/http.py) puts the text in place
of the name, so the answer is the same, byte for byte.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from graphql import (
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    parse,
    print_schema,
    validate,
    value_from_ast_untyped,
)


class PersistedOperationError(ValueError):
    """A file in the operations directory cannot be a persisted operation (the message names it)."""


@dataclass(frozen=True)
class Operation:
    """One persisted operation: its name, its text as in its file, what its leading comment says,
    and the variables that have defaults, with those defaults."""

    name: str
    text: str
    description: str = ""
    defaults: dict[str, Any] = field(default_factory=dict)


class Operations(Mapping[str, Operation]):
    """The persisted operations by name, in name order."""

    def __init__(self, operations: list[Operation] | tuple[Operation, ...] = ()):
        self._by_name = {op.name: op for op in sorted(operations, key=lambda op: op.name)}

    def __getitem__(self, name: str) -> Operation:
        return self._by_name[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_name)

    def __len__(self) -> int:
        return len(self._by_name)

    def names(self) -> str:
        """The names, comma-separated, for messages ("none" when there are none)."""
        return ", ".join(self._by_name) or "none"


def load(directory: Path, schema: GraphQLSchema | None = None) -> Operations:
    """Every `*.graphql` file in `directory` as a persisted operation, checked (and validated
    against `schema` when given); PersistedOperationError names the first file that fails.

    Checking 18 files takes about 0.1 s, so what the check found is kept (kg.startcache) by a
    hash of the files' names and texts and of the schema (as SDL): the same files against the
    same schema are read, not parsed and validated again. A file that fails is never kept."""
    if not directory.is_dir():
        raise PersistedOperationError(f"{directory}: no such directory of named operations")
    texts = {path: path.read_text(encoding="utf-8") for path in sorted(directory.glob("*.graphql"))}
    if schema is None:
        return Operations([_read(path, text, None) for path, text in texts.items()])
    from .. import startcache

    def check() -> list[list[Any]]:
        return [[op.name, op.description, op.defaults]
                for op in (_read(path, text, schema) for path, text in texts.items())]  # fmt: skip

    key = startcache.digest([print_schema(schema), *(f"{p}\0{t}" for p, t in texts.items())])
    found = startcache.cached("operations", key, check)
    if not isinstance(found, list) or len(found) != len(texts):  # a damaged cache file
        found = check()
    return Operations(
        [
            Operation(name, text, description, defaults)
            for (name, description, defaults), text in zip(found, texts.values(), strict=True)
        ]
    )


def _read(path: Path, text: str, schema: GraphQLSchema | None) -> Operation:
    try:
        document = parse(text)
    except GraphQLError as exc:
        raise PersistedOperationError(f"{path}: does not parse: {exc.message}") from None
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if len(operations) != 1:
        raise PersistedOperationError(
            f"{path}: must hold exactly one operation (named {path.stem}), found {len(operations)}"
        )
    (operation,) = operations
    name = operation.name.value if operation.name else None
    if name != path.stem:
        found = f"is named {name}" if name else "has no name"
        raise PersistedOperationError(
            f"{path}: the operation {found}; name it like its file: "
            f"{operation.operation.value} {path.stem}"
        )
    if schema is not None:
        errors = validate(schema, document)
        if errors:
            raise PersistedOperationError(f"{path}: does not validate: {errors[0].message}")
    return Operation(
        name=name,
        text=text,
        description=_leading_comment(text),
        defaults={
            v.variable.name.value: value_from_ast_untyped(v.default_value)
            for v in operation.variable_definitions
            if v.default_value is not None
        },
    )


def _leading_comment(text: str) -> str:
    lines = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        lines.append(line.lstrip("#").strip())
    return " ".join(lines)
