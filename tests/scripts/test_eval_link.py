"""The linking gold set fits the bundled graph, and the scorer's arithmetic is right (checked on
hand-made predictions, so it needs no linker)."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

import pytest

from kg.store import open_build

SCRIPTS = Path(__file__).parents[2] / "scripts"


def load(name: str):
    spec = importlib.util.spec_from_file_location(name, SCRIPTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


ev = load("eval_link")


@pytest.fixture(scope="module")
def gold():
    return ev.load_gold()


@pytest.fixture(scope="module")
def kinds(bundled_build):
    return ev.kinds_in(open_build(bundled_build))


# ----------------------------------------------------------------------------- the gold set


#: Every gold set (tuning sets and sealed ones): each must keep fitting the bundled graph as the
#: corpus grows, or its figures stop meaning anything.
GOLD_SETS = sorted(p.name for p in ev.GOLD_DIR.parent.iterdir() if p.is_dir())


def test_there_are_gold_sets_beside_the_first():
    assert "link" in GOLD_SETS and len(GOLD_SETS) >= 2


@pytest.mark.parametrize("name", GOLD_SETS)
def test_every_annotation_fits_its_text_and_the_bundled_build(name, kinds):
    gold = ev.load_gold(ev.GOLD_DIR.parent / name)
    assert gold, f"{name}: no gold texts"
    assert ev.check_gold(gold, kinds) == []
    for doc in gold:
        for m in doc.mentions:
            assert doc.text[m.start : m.end] == m.text
        for c in doc.claims:
            assert doc.text[c.start : c.end] == c.text
            assert c.verdict in ev.VERDICTS
            assert c.basis.strip(), f"{doc.id}: a claim without the fact checked"


def test_the_gold_set_is_big_enough_and_balanced(gold):
    size = ev.gold_size(gold)
    assert size["mentions"] >= 80
    assert size["claims"] >= 40
    for style in ev.STYLES:
        assert size["styles"][style]["texts"] >= 3, style
    for doc in gold:
        assert 150 <= len(doc.text.split()) <= 500, doc.id
    verdicts = Counter(c.verdict for d in gold for c in d.claims)
    assert verdicts[ev.NOT_FOUND] >= 0.25 * size["claims"]
    assert verdicts[ev.CONTRADICTED] >= 0.25 * size["claims"]
    groups = Counter(g for d in gold for m in d.mentions for g in ev._rows_of(m.kind, m.text))
    assert groups["statutes"] >= 30 and groups["bodies"] >= 30
    assert groups[ev.BY_NUMBER] >= 20


@pytest.mark.parametrize("name", GOLD_SETS)
def test_every_name_the_graph_holds_is_annotated(name, bundled_build):
    """A body, Act, bill, guidance or report named exactly in a gold text is a gold mention
    there; this fails when the graph gains an entity that a text names as a distractor."""
    store = open_build(bundled_build)
    assert ev.unannotated_names(ev.load_gold(ev.GOLD_DIR.parent / name), store) == []
    doc = ev.GoldDoc("x", "news", "The Home Office and Ofsted met. Ofstedish is no name.")
    assert ev.unannotated_names([doc], store) == [
        "x @4: 'Home Office' (https://policy-kg.example/body/home-office) is not annotated",
        "x @20: 'Ofsted' (https://policy-kg.example/body/ofsted) is not annotated",
    ]


def test_a_missing_surface_names_the_file(tmp_path):
    (tmp_path / "a.txt").write_text("The Home Office said so.")
    (tmp_path / "a.json").write_text(json.dumps({
        "id": "a", "style": "news", "claims": [],
        "mentions": [{"text": "Home Office", "occurrence": 2, "id": "x", "kind": "y"}],
    }))  # fmt: skip
    with pytest.raises(ev.GoldError, match=r"a\.json: mention 0: 'Home Office' does not occur 2"):
        ev.load_gold(tmp_path)


# ----------------------------------------------------------------------------- the scorer

HO, NCA, TELFORD, IITCSE = "ho", "nca", "telford-report", "iitcse-body"
REC1, REC2 = "rec-1", "rec-2"
KINDS = {HO: "Body", NCA: "Body", TELFORD: "Report", IITCSE: "Body", REC1: "Recommendation",
         REC2: "Recommendation"}  # fmt: skip
TEXT = (
    "The Home Office and the NCA agreed. The Telford inquiry reported. "
    "Recommendation 1 was accepted. The first recommendation is law. The NCA has 9 staff."
)


def at(surface: str, occurrence: int = 1) -> tuple[int, int]:
    start = ev.nth(TEXT, surface, occurrence)
    return start, start + len(surface)


def gold_doc() -> ev.GoldDoc:
    doc = ev.GoldDoc("t", "news", TEXT)
    for surface, ident, n, alts in (
        ("Home Office", HO, 1, ()),
        ("NCA", NCA, 1, ()),
        ("Telford inquiry", TELFORD, 1, (IITCSE,)),
        ("Recommendation 1", REC1, 1, ()),
        ("first recommendation", REC1, 1, ()),
        ("NCA", NCA, 2, ()),
    ):
        start, end = at(surface, n)
        doc.mentions.append(
            ev.GoldMention(start, end, surface, ident, KINDS[ident], frozenset([ident, *alts]))
        )
    for sentence, verdict in (
        ("The Home Office and the NCA agreed.", ev.SUPPORTED),
        ("Recommendation 1 was accepted.", ev.SUPPORTED),
        ("The first recommendation is law.", ev.CONTRADICTED),
        ("The NCA has 9 staff.", ev.NOT_FOUND),
        ("The Telford inquiry reported.", ev.NOT_FOUND),
    ):
        start, end = at(sentence)
        doc.claims.append(ev.GoldClaim(start, end, sentence, verdict, "hand-made"))
    return doc


def mention(surface: str, ident: str, n: int = 1, cut: int = 0) -> dict:
    start, end = at(surface, n)
    return {"text": surface[cut:], "start": start + cut, "end": end, "id": ident,
            "kind": KINDS.get(ident, "?"), "label": "", "score": 0.9}  # fmt: skip


def claim(sentence: str, verdict: str, pad: int = 0) -> dict:
    start, end = at(sentence)
    return {"text": sentence, "start": start, "end": end + pad, "verdict": verdict,
            "links": [], "reason": "stub"}  # fmt: skip


def test_mentions_match_by_overlap_and_id_one_to_one():
    prediction = {
        "mentions": [
            mention("Home Office", HO, cut=5),  # a part of the span: correct
            mention("NCA", HO),  # the wrong entity: a false positive, and NCA 1 missed
            mention("Telford inquiry", IITCSE),  # an accepted alternative: correct
            mention("Recommendation 1", REC1),  # correct
            mention("Recommendation 1", REC1),  # the same again: a false positive
            mention("first recommendation", REC2),  # the wrong number
            mention("staff", NCA),  # no gold mention there: a false positive
        ],
        "claims": [],
    }
    report = ev.score([gold_doc()], {"t": prediction}, KINDS)
    bodies = report["groups"]["bodies"]
    # gold bodies: Home Office, NCA, NCA; predicted bodies: HO (x2), IITCSE, NCA (on "staff")
    assert (bodies["gold"], bodies["predicted"], bodies["correct"], bodies["found"]) == (3, 4, 2, 1)
    assert bodies["precision"] == 0.5 and bodies["recall"] == pytest.approx(1 / 3)
    reports = report["groups"]["reports"]  # found through the body alternative
    assert (reports["gold"], reports["predicted"], reports["found"]) == (1, 0, 1)
    assert reports["precision"] is None and reports["recall"] == 1.0
    recs = report["groups"]["recommendations"]
    assert (recs["gold"], recs["predicted"], recs["correct"], recs["found"]) == (2, 3, 1, 1)
    assert report["groups"][ev.BY_NUMBER] == recs  # both cite a number or an ordinal
    everything = report["groups"][ev.ALL]
    assert (everything["gold"], everything["predicted"], everything["correct"]) == (6, 7, 3)
    assert everything["found"] == 3
    kinds = Counter(e["error"] for e in report["errors"])
    # and no claim predicted: the three gold claims that are not not_found are wrong
    assert kinds == {"missed": 3, "false positive": 4, "verdict": 3}
    missed = [e for e in report["errors"] if e["error"] == "missed"]
    assert missed[0]["text"] == "NCA" and missed[0]["instead"] == [{"text": "NCA", "id": HO}]


def test_claim_verdicts_take_the_most_overlapping_prediction():
    prediction = {
        "mentions": [],
        "claims": [
            claim("The Home Office and the NCA agreed.", ev.SUPPORTED),  # right
            # one predicted claim across two gold sentences: it overlaps the first more
            claim("Recommendation 1 was accepted.", ev.SUPPORTED, pad=20),  # right
            claim("The NCA has 9 staff.", ev.SUPPORTED),  # not_found called supported
            # "The Telford inquiry reported." has no prediction: counts as not_found (right)
        ],
    }
    report = ev.score([gold_doc()], {"t": prediction}, KINDS)["claims"]
    assert report["total"] == 5 and report["correct"] == 3
    assert report["accuracy"] == pytest.approx(0.6)
    assert report["confusion"][ev.SUPPORTED] == {ev.SUPPORTED: 2, ev.CONTRADICTED: 0,
                                                 ev.NOT_FOUND: 0}  # fmt: skip
    # "The first recommendation is law." overlaps the padded claim only
    assert report["confusion"][ev.CONTRADICTED] == {ev.SUPPORTED: 1, ev.CONTRADICTED: 0,
                                                    ev.NOT_FOUND: 0}  # fmt: skip
    assert report["confusion"][ev.NOT_FOUND] == {ev.SUPPORTED: 1, ev.CONTRADICTED: 0,
                                                 ev.NOT_FOUND: 1}  # fmt: skip
    assert (report["unsupported"], report["unsupported_marked_supported"]) == (3, 2)
    assert report["unsupported_marked_supported_rate"] == pytest.approx(2 / 3)


def test_numbers_and_ordinals_make_a_recommendation_cited_by_number():
    assert ev.by_number("recommendation 4")
    assert ev.by_number("the first recommendation")
    assert ev.by_number("Recommendations 5")
    assert not ev.by_number("the recommendation on taxis")


def test_the_command_runs_with_a_stub_linker(bundled_build, gold, monkeypatch, capsys):
    """A linker that returns the gold annotations scores 1 everywhere (through main, the JSON
    output and the error listing)."""

    def as_predicted(doc):
        mentions = [
            {"text": m.text, "start": m.start, "end": m.end, "id": m.id, "kind": m.kind,
             "label": "", "score": 1.0}
            for m in doc.mentions
        ]  # fmt: skip
        claims = [
            {"text": c.text, "start": c.start, "end": c.end, "verdict": c.verdict, "links": [],
             "reason": ""}
            for c in doc.claims
        ]  # fmt: skip
        return {"mentions": mentions, "claims": claims}

    def perfect(build, docs):
        return {d.id: as_predicted(d) for d in docs}, 0.0, 0.0

    monkeypatch.setattr(ev, "run_linker", perfect)
    assert ev.main(["--build", str(bundled_build), "--format", "json", "--show-errors"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["errors"] == []
    assert report["groups"]["all"]["precision"] == report["groups"]["all"]["recall"] == 1.0
    assert report["claims"]["accuracy"] == 1.0
    assert report["gold"]["claims"] == sum(len(d.claims) for d in gold)
    assert ev.main(["--build", str(bundled_build)]) == 0
    assert "claims: verdict accuracy 1.00" in capsys.readouterr().out


def test_no_build_is_a_clear_error(tmp_path, capsys):
    assert ev.main(["--build", str(tmp_path / "none.nq")]) == 2
    assert "no build at" in capsys.readouterr().err
