"""`asOf` and `recordedBy` in SPARQL (kg.rules.status, kg.api.lists.held_by) answer on real
remote engines as on the embedded store: dates compared as xsd:date, a missing pkg:recorded
taken from COALESCE, and the SPARQL 1.1 form of the status filters (no LATERAL)."""

from __future__ import annotations

import pytest

from kg.api import lists
from kg.store import StoreSpec, load, open_build, open_store
from ontology.vocabulary import STATUS

B = "https://policy-kg.example"
DAYS = [None, "2025-06-15", "2025-06-16", "2025-12-10", "2026-05-31"]
BODIES = [f"{B}/body/{key}" for key in ("home-office", "department-for-education",
                                         "ministry-of-justice")]  # fmt: skip


@pytest.fixture(scope="module")
def corpus_build(tmp_path_factory, kg):
    out = tmp_path_factory.mktemp("as-of-remote") / "kg.nq"
    result = kg("build", "-q", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def unordered(held: dict[str, list[str]]) -> dict[str, set[str]]:
    """held_by's answer, whose order the engine chooses (the API sorts it)."""
    return {body: set(recommendations) for body, recommendations in held.items()}


def test_as_of_and_recorded_by_on_remote_engines(remote_server, corpus_build):
    embedded = open_build(corpus_build)
    spec = StoreSpec.parse(f"sparql:{remote_server['query']};update={remote_server['update']}")
    load(spec, corpus_build, "as-of")
    remote, _build_id = open_store(spec, corpus_build)
    assert embedded.capabilities.lateral and not remote.capabilities.lateral
    sizes = set()
    for as_of in DAYS:
        for recorded_by in DAYS:
            when = {"as_of": as_of, "recorded_by": recorded_by}
            for status in (STATUS.IN_PROGRESS, STATUS.LEGISLATING, STATUS.ENACTED):
                expected = lists.recommendations(embedded, status_iri=status.iri, **when)
                assert lists.recommendations(remote, status_iri=status.iri, **when) == expected
                sizes.add(len(expected))
                expected = lists.recommendations(embedded, status_not_in=[status.iri], **when)
                assert lists.recommendations(remote, status_not_in=[status.iri], **when) == (
                    expected
                )
            expected = lists.held_by(embedded, BODIES, **when)
            assert unordered(lists.held_by(remote, BODIES, **when)) == unordered(expected), when
    remote.close()
    assert len(sizes) > 3  # the days make a difference
