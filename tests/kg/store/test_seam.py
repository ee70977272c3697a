"""Nothing above the seam asks which store it talks to: callers read `store.capabilities`, never
test a backend's class, and only kg.store (and its own tests) import a backend's module."""

from __future__ import annotations

import ast
import importlib
import inspect
from pathlib import Path

from kg.store._spec import BACKENDS

REPO = Path(__file__).parents[3]
SCANNED = ("kg", "scripts", "viz", "tests")
SEAM = REPO / "kg" / "store"
SEAM_TESTS = Path(__file__).parent


def backend_classes() -> set[str]:
    """The store classes the backends define (a class with a `select` is a store)."""
    names = set()
    for module_name, _usage in BACKENDS.values():
        module = importlib.import_module(f"kg.store.{module_name}")
        for name, value in vars(module).items():
            defined_here = inspect.isclass(value) and value.__module__ == module.__name__
            if defined_here and hasattr(value, "select"):
                names.add(name)
    return names


def sources(*, skip: tuple[Path, ...]) -> list[tuple[Path, ast.Module]]:
    found = []
    for folder in SCANNED:
        for path in sorted((REPO / folder).rglob("*.py")):
            if not any(path.is_relative_to(s) for s in skip):
                found.append((path, ast.parse(path.read_text(encoding="utf-8"), str(path))))
    return found


def names_in(node: ast.AST) -> set[str]:
    return {n.id for n in ast.walk(node) if isinstance(n, ast.Name)} | {
        n.attr for n in ast.walk(node) if isinstance(n, ast.Attribute)
    }


def test_the_backends_define_store_classes():
    assert {"EmbeddedStore", "RemoteStore"} <= backend_classes()


def test_nothing_outside_the_seam_tests_a_store_class():
    classes = backend_classes()
    offenders = []
    for path, tree in sources(skip=(SEAM,)):
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
                    and node.func.id in ("isinstance", "issubclass") and len(node.args) == 2
                    and names_in(node.args[1]) & classes):  # fmt: skip
                offenders.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert offenders == []


def private_store_import(node: ast.AST) -> bool:
    """An import of kg.store's private modules (or private names), absolute or relative."""
    if isinstance(node, ast.Import):
        return any(".store._" in f".{a.name}" for a in node.names)
    if isinstance(node, ast.ImportFrom):
        module = f".{node.module or ''}"
        if ".store._" in module:
            return True
        if module.endswith(".store"):
            return any(a.name.startswith("_") for a in node.names)
    return False


def test_only_the_seam_imports_a_backend_module():
    offenders = [
        f"{path.relative_to(REPO)}:{node.lineno}"
        for path, tree in sources(skip=(SEAM, SEAM_TESTS))
        for node in ast.walk(tree)
        if private_store_import(node)
    ]
    assert offenders == []
