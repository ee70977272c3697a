"""kg.startcache: a value worked out once from its inputs and kept by their hash."""

import json

from kg import startcache


def test_a_value_is_computed_once_then_read(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    calls = []

    def compute():
        calls.append(1)
        return {"a": [1, 2.5, "x", None]}

    assert startcache.cached("thing", "k1", compute) == {"a": [1, 2.5, "x", None]}
    assert startcache.cached("thing", "k1", compute) == {"a": [1, 2.5, "x", None]}
    assert len(calls) == 1


def test_other_inputs_compute_again_and_replace_the_old_value(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    startcache.cached("thing", "k1", lambda: 1)
    startcache.cached("other", "k1", lambda: 3)
    assert startcache.cached("thing", "k2", lambda: 2) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == ["other-k1.json", "thing-k2.json"]


def test_a_damaged_value_is_computed_again(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", str(tmp_path))
    (tmp_path / "thing-k1.json").write_text("{not json")
    assert startcache.cached("thing", "k1", lambda: [1]) == [1]
    assert json.loads((tmp_path / "thing-k1.json").read_text()) == [1]


def test_an_empty_cache_dir_turns_it_off(tmp_path, monkeypatch):
    monkeypatch.setenv("KG_CACHE_DIR", "")
    monkeypatch.chdir(tmp_path)
    calls = []
    for _ in range(2):
        startcache.cached("thing", "k1", lambda: calls.append(1))
    assert len(calls) == 2
    assert list(tmp_path.iterdir()) == []


def test_a_cache_that_cannot_be_written_does_not_fail(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("KG_CACHE_DIR", str(blocker / "cache"))  # under a file: no directory
    assert startcache.cached("thing", "k1", lambda: 5) == 5


def test_the_key_changes_with_any_file_and_keeps_parts_apart(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    a.write_text("one")
    b.write_text("two")
    before = startcache.files_digest([a, b])
    b.write_text("two!")
    assert startcache.files_digest([b, a]) != before
    assert startcache.digest(["ab", "c"]) != startcache.digest(["a", "bc"])
