"""The search index (kg.search): made from a build file or a store alike, ranked by BM25 with a
label hit above a summary-only hit, filtered, counted, paged, with snippets whose highlights
mark the matched words, safe against FTS5 syntax in user text, and remade when stale."""

from __future__ import annotations

import shutil
import sqlite3

import pytest

import kg.search as search
from kg.build import build_id_of
from kg.search import SearchError, SearchIndex, ensure_index, index_from_store, write_index
from kg.store import open_build

BASE = "https://policy-kg.example"


@pytest.fixture(scope="module")
def build(fixture_build, tmp_path_factory):
    """A private copy of the fixture build (its index is written beside it)."""
    copy = tmp_path_factory.mktemp("search") / "kg.nq"
    shutil.copy(fixture_build, copy)
    return copy


@pytest.fixture(scope="module")
def index(build):
    return SearchIndex.open(write_index(build))


def iris(results):
    return [hit.iri for hit in results.hits]


def test_the_index_records_its_build_and_sits_beside_it(build, index):
    assert search.default_path(build) == build.with_name("kg.nq.search.sqlite")
    assert search.default_path(build).is_file()
    assert index.build_id == build_id_of(build)
    assert index.entities == 16  # every searchable entity of the fixture corpus


def test_a_label_hit_ranks_above_a_summary_only_hit(index):
    found = index.query("act")
    # "Test Act 2003" (its label) before recommendation 1 ("Amend the Act.": its summary)
    assert iris(found)[:2] == [
        "http://www.legislation.gov.uk/id/ukpga/2003/42",
        f"{BASE}/report/test-2025/recommendation/1",
    ]
    scores = [hit.score for hit in found.hits]
    assert scores == sorted(scores, reverse=True) and scores[0] > scores[1] > 0


def test_words_are_stemmed_and_all_required(index):
    assert iris(index.query("missing")) == iris(index.query("MISS"))
    assert iris(index.query("data missing")) == [f"{BASE}/report/test-2025/finding/no-data"]
    assert index.query("data nowhere-to-be-found").total == 0


def test_filters_by_kind_report_and_confirmed(index):
    everything = index.query("data")
    assert everything.total == len(everything.hits) == 4
    findings = index.query("data", kinds=["Finding"])
    assert {h.kind for h in findings.hits} == {"Finding"} and findings.total == 2
    report = index.query("data", report=f"{BASE}/report/test-2025")
    assert iris(report) == [f"{BASE}/report/test-2025/finding/no-data"]
    unconfirmed = index.query("test", confirmed=False)
    confirmed = index.query("test", confirmed=True)
    assert unconfirmed.total and confirmed.total
    assert unconfirmed.total + confirmed.total == index.query("test").total
    assert f"{BASE}/body/agency" in iris(unconfirmed)


def test_pages_follow_one_order_without_gaps(index):
    whole = iris(index.query("test", first=100))
    assert len(whole) >= 5
    paged = []
    for offset in range(0, len(whole), 2):
        page = index.query("test", first=2, offset=offset)
        assert page.total == len(whole)
        paged += iris(page)
    assert paged == whole


def test_snippets_mark_the_matched_words(index):
    found = index.query("poorly kept")
    (hit,) = found.hits
    assert hit.snippet == "Data were poorly kept."
    assert [hit.snippet[s:e] for s, e in hit.highlights] == ["poorly", "kept"]
    (act,) = [h for h in index.query("act").hits if h.kind == "Instrument"]
    assert [act.snippet[s:e] for s, e in act.highlights] == ["Act"]


@pytest.mark.parametrize("text", ['"', "AND (", "NEAR(", "data*", 'label:"x', "^data", "-", "OR"])
def test_user_text_is_never_fts5_syntax(index, text):
    try:
        index.query(text)
    except SearchError as exc:  # a word-less text is refused with a message
        assert "at least one word" in str(exc)


@pytest.mark.parametrize("text", ["", "   ", '"', "()*:"])
def test_a_text_with_no_word_is_refused(index, text):
    with pytest.raises(SearchError, match="at least one word"):
        index.query(text)


def test_too_many_words_are_refused(index):
    with pytest.raises(SearchError, match="at most"):
        index.query(" ".join(["data"] * (search.MAX_WORDS + 1)))


def test_the_store_gives_the_same_index_as_the_build_file(build, index):
    from_store = index_from_store(open_build(build), index.build_id)
    for text in ["data", "test", "act", "recommendation", "rape", "law change"]:
        assert from_store.query(text, first=100) == index.query(text, first=100), text


def test_frequent_terms_ranked_in_advance_answer_as_scoring_does(build, tmp_path, monkeypatch):
    monkeypatch.setattr(search, "FREQUENT", 3)
    ranked = SearchIndex.open(write_index(build, tmp_path / "ranked.sqlite"))
    monkeypatch.setattr(search, "FREQUENT", 10**9)
    scored = SearchIndex.open(write_index(build, tmp_path / "scored.sqlite"))
    assert ranked._frequent and not scored._frequent
    for text in ["test", "Data", "data"]:
        for options in [{}, {"kinds": ["Instrument", "Body"]}, {"confirmed": True},
                        {"first": 2, "offset": 1},
                        {"report": f"{BASE}/report/test-2025"}]:  # fmt: skip
            assert ranked.query(text, **options) == scored.query(text, **options)


def test_a_missing_or_stale_index_is_made_again(build, tmp_path, caplog):
    out = tmp_path / "index.sqlite"
    build_id = build_id_of(build)
    with caplog.at_level("INFO", logger="kg.search"):
        made = ensure_index(build, build_id, out)
    assert made.build_id == build_id and "missing" in caplog.text
    made.close()
    db = sqlite3.connect(out)  # as if made from another build
    db.execute("UPDATE meta SET value = 'another' WHERE key = 'build_id'")
    db.commit()
    db.close()
    caplog.clear()
    with caplog.at_level("INFO", logger="kg.search"):
        again = ensure_index(build, build_id, out)
    assert again.build_id == build_id and "another build" in caplog.text
    caplog.clear()
    with caplog.at_level("INFO", logger="kg.search"):
        kept = ensure_index(build, build_id, out)
    assert kept.build_id == build_id and caplog.text == ""  # current: opened as it is
    assert not list(tmp_path.glob(".index.sqlite.tmp-*"))  # no temporary left behind
