"""The linker's answers do not depend on Python's hash seed: the same text linked in processes
with different PYTHONHASHSEED values gives the same JSON, byte for byte (mentions, claims,
verdicts, reasons and the order of the evidence). A set of words or IRIs walked where the order
decides (the first of tied candidates taken) made verdicts flip from run to run."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
#: Two gold sets the linker is tuned on (never the sealed one): prose of every style.
GOLD = [REPO / "tests" / "fixtures" / "gold" / name for name in ("link-sealed-4", "link-test")]
SEEDS = ("0", "1", "2", "3")

SCRIPT = """
import json, sys
from pathlib import Path
from kg.store import open_build
from kg.text.linker import Linker

linker = Linker.from_store(open_build(Path(sys.argv[1])))
out = {}
for folder in sys.argv[2:]:
    for path in sorted(Path(folder).glob("*.txt")):
        out[f"{Path(folder).name}/{path.stem}"] = linker.link(path.read_text()).to_json()
print(json.dumps(out, sort_keys=True))
"""


def _linked(build: Path, seed: str) -> subprocess.Popen:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    return subprocess.Popen(
        [sys.executable, "-c", SCRIPT, str(build), *map(str, GOLD)],
        cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip


def test_the_same_json_under_every_hash_seed(bundled_build):
    answers = {}
    for pair in (SEEDS[:2], SEEDS[2:]):  # two at a time: the machine is shared
        running = {seed: _linked(bundled_build, seed) for seed in pair}
        answers |= {seed: p.communicate(timeout=300) for seed, p in running.items()}
    for seed, (out, err) in answers.items():
        assert out, f"PYTHONHASHSEED={seed}: {err[-2000:]}"
    first = json.loads(answers[SEEDS[0]][0])
    assert len(first) >= 16 and all(v["claims"] for v in first.values())
    for seed in SEEDS[1:]:
        other = json.loads(answers[seed][0])
        differing = [name for name in first if first[name] != other.get(name)]
        assert not differing, f"PYTHONHASHSEED={seed} links these differently: {differing}"
