"""The benchmark's raw SPARQL gives the same answer as its GraphQL operation: every value the
operation returns, and no value it does not (so neither side of GraphQL / raw does less work)."""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
from pathlib import Path

import pytest

from graphql import graphql_sync
from kg.api.context import Build, RequestContext
from kg.api.schema import schema
from kg.build import base_of
from kg.store import open_build

SCRIPTS = Path(__file__).parents[2] / "scripts"
OPERATIONS = SCRIPTS.parent / "graphql" / "operations"


def load(name: str):
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


raw_queries = load("raw_queries")
bench = load("bench")

#: Values a raw query may return beyond the answer: Search's ranking scores.
HELPERS = {"Search": {"1", "2"}}
#: Operations whose raw query answers a superset: a BM25 ranking (kg.search) has no SPARQL
#: form, so raw Search returns every entity whose texts contain the words, ordered by a
#: simpler score (it must scan and sort them all either way), and the operation's page, the
#: 20 best by the index, must be among them.
SUPERSETS = {"Search"}
#: Where the API's names differ from the ontology's.
NAMES = {"proposedchange": "proposal"}


def norm(value) -> str:
    """Compare across forms: IRI local names, enum names and literals all lower-case letters and
    digits (pkg:InProgress ~ IN_PROGRESS, "true" ~ True)."""
    text = str(value).rsplit("#", 1)[-1] if str(value).startswith("http") else str(value)
    text = re.sub(r"[^a-z0-9]", "", text.lower())
    return NAMES.get(text, text)


def leaves(data) -> set[str]:
    if isinstance(data, dict):
        return {v for value in data.values() for v in leaves(value)}
    if isinstance(data, list):
        return {v for value in data for v in leaves(value)}
    return set() if data is None else {norm(data)}


@pytest.fixture(scope="module", params=["bundled", "synthetic"])
def corpus(request, bundled_build, tmp_path_factory):
    if request.param == "bundled":
        return bundled_build, bench.CORPUS_VARIABLES
    work = tmp_path_factory.mktemp("synthetic")
    sources, build_file = str(work / "sources"), work / "kg.nq"
    for args in (["synth", "--out", sources, "--triples", "20000", "-q"],
                 ["build", "-q", "--sources", sources, "--out", str(build_file)]):  # fmt: skip
        result = subprocess.run([sys.executable, "-m", "kg", *args], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
    return build_file, bench.choose_variables(build_file)


@pytest.mark.parametrize("name", sorted(raw_queries.RAW))
@pytest.mark.parametrize("lateral", [True, False], ids=["oxigraph", "sparql-1.1"])
def test_raw_sparql_gives_the_graphql_answer(corpus, name, lateral):
    build_file, variables = corpus
    store = open_build(build_file)
    build = Build(store=store, base=base_of(store), build_id="test")
    result = graphql_sync(
        schema.graphql_schema,
        (OPERATIONS / f"{name}.graphql").read_text(),
        context_value=RequestContext(build),
        variable_values=bench.operation_variables(name, variables),
    )
    assert result.errors is None, result.errors
    answer = leaves(result.data)
    query = raw_queries.raw_query(name, variables, lateral)  # run as written, prefixes and all
    rows = store.run_query(query, default_graphs=[], named_graphs=[], cap=10**9).rows
    raw, raw_literals = set(), set()
    for row in rows:
        for term in row.values():
            raw |= {norm(term.value), term.value}
            if not term.value.startswith("http"):
                raw_literals.add(norm(term.value))
    assert len(answer) > 3, answer
    assert answer <= raw, f"missing from the raw answer: {sorted(answer - raw)}"
    if name in SUPERSETS:
        return
    extra = raw_literals - answer - HELPERS.get(name, set())
    assert not extra, f"the raw answer has more: {sorted(extra)}"
