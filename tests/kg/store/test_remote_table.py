"""RemoteStore.table, the compact SELECT kg.describe fills batches with: on each real engine,
the same terms as the embedded store (datatypes, languages, IRIs, unbound columns), whether
the engine answers in SPARQL 1.1 TSV (Oxigraph) or only in JSON (Virtuoso's TSV loses types)."""

from __future__ import annotations

import pytest

from kg.build import build_id_of
from kg.store import StoreSpec, load, open_build, open_store

QUERY = """SELECT DISTINCT ?x ?k ?o ?none WHERE {
  VALUES ?x { <https://policy-kg.example/report/casey-2025> }
  { ?x ?p ?o FILTER(?p IN (dcterms:issued, dcterms:title, pkg:confirmed, rdf:type))
    BIND(IF(?p = dcterms:issued, 0, IF(?p = dcterms:title, 1, 2)) AS ?k) }
  UNION { ?o pkg:report ?x BIND(3 AS ?k) } }"""


@pytest.fixture(scope="module")
def embedded(bundled_build):
    return open_build(bundled_build)


@pytest.mark.parametrize("server", ["oxigraph_server", "virtuoso_server"])
def test_table_answers_the_terms_the_embedded_store_holds(request, server, embedded,
                                                          bundled_build):  # fmt: skip
    endpoints = request.getfixturevalue(server)
    spec = StoreSpec.parse(f"sparql:{endpoints['query']};update={endpoints['update']}")
    load(spec, bundled_build, build_id_of(bundled_build))
    remote, _ = open_store(spec, bundled_build)
    try:
        rows = remote.table(QUERY)
        again = remote.table(QUERY)  # Virtuoso: asked in JSON from the first answer on
    finally:
        remote.close()
    assert rows and sorted(map(str, rows)) == sorted(map(str, again))
    result = embedded.select(QUERY)
    wanted = sorted(str(tuple(row.get(v) for v in ("x", "k", "o", "none"))) for row in result)
    assert sorted(map(str, rows)) == wanted
    kinds = {type(o).__name__ for _, _, o, _ in rows}
    assert kinds == {"NamedNode", "Literal"}
    assert all(none is None for *_, none in rows)


@pytest.mark.parametrize("server", ["oxigraph_server", "virtuoso_server"])
def test_nests_where_the_engine_evaluates_lateral_and_rows_read_as_they_arrive(
    request, server, embedded, bundled_build
):
    """The Oxigraph server evaluates LATERAL (kg.describe then nests its groups), Virtuoso
    does not; rows handed over as they arrive (`each`) are the rows, IRIs as strings in the
    `plain` columns."""
    endpoints = request.getfixturevalue(server)
    spec = StoreSpec.parse(f"sparql:{endpoints['query']};update={endpoints['update']}")
    load(spec, bundled_build, build_id_of(bundled_build))
    remote, _ = open_store(spec, bundled_build)
    try:
        nests = remote.nests
        assert remote.nests is nests  # asked once
        whole = remote.table(QUERY, (0,))
        handed: list[tuple] = []
        assert remote.table(QUERY, (0,), handed.extend) == []
    finally:
        remote.close()
    assert nests is (server == "oxigraph_server")
    assert sorted(map(str, handed)) == sorted(map(str, whole))
    assert all(type(x) is str for x, *_ in whole)
    wanted = sorted(str((row["x"].value, row.get("k"), row.get("o"), row.get("none")))
                    for row in embedded.select(QUERY))  # fmt: skip
    assert sorted(map(str, whole)) == wanted
