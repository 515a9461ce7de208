"""End to end: `multivector analyze` over the seed scrapes, scored by ../shared/eval/score.py.

The floors are issue 3's: quality cannot silently drop below them.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import SEEDS_GOLD, SEEDS_RAW, SHARED_EVAL

FLOORS = {
    "actors": 0.90,
    "people": 0.85,
    "speakers": 0.90,
    "authors": 0.80,
    "meta_title": 1.0,
    "meta_published": 1.0,
    "meta_outlet": 1.0,
    "body_start": 1.0,
    "body_end": 1.0,
    "boilerplate_clean": 1.0,
    "evidence_verbatim": 1.0,
    "memberships": 0.80,
    "figures": 0.80,
    "event_dates": 0.75,
    "relation_pairs": 0.60,
    "relations_polarity": 0.50,
    "stance_targets": 0.50,
    "stances_polarity": 0.40,
}


@pytest.fixture(scope="module")
def predictions(tmp_path_factory, seeds_dir):
    out = tmp_path_factory.mktemp("pred")
    cli = [sys.executable, "-m", "multivector.interfaces.cli", "analyze", str(seeds_dir), "--out", str(out)]
    done = subprocess.run(cli, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return out


@pytest.fixture(scope="module")
def scores(predictions, tmp_path_factory):
    summary = tmp_path_factory.mktemp("score") / "summary.json"
    cmd = [
        sys.executable,
        str(SHARED_EVAL / "score.py"),
        "--gold",
        str(SEEDS_GOLD),
        "--pred",
        str(predictions),
        "--raw",
        str(SEEDS_RAW),
        "--json",
        str(summary),
    ]
    cmd += [f"--min={field}={floor}" for field, floor in FLOORS.items()]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    print(done.stdout)
    return done, json.loads(summary.read_text())


def test_every_seed_gets_an_analysis_with_every_key(predictions, seeds_dir):
    keys = {
        "id",
        "source",
        "language",
        "title",
        "published",
        "outlet",
        "authors",
        "speakers",
        "body",
        "actors",
        "people",
        "relations",
        "memberships",
        "stances",
        "figures",
        "events",
    }
    for raw in sorted(seeds_dir.glob("*.txt")):
        data = json.loads((predictions / f"{raw.stem}.json").read_text(encoding="utf-8"))
        assert keys <= data.keys()
        for key in ("relations", "memberships", "stances", "figures", "events"):
            for record in data[key]:
                start, end = record["span"]
                assert data["body"][start:end] == record["evidence"]


def test_scores_meet_the_floors(scores):
    done, summary = scores
    below = {f: summary[f]["f1"] for f, floor in FLOORS.items() if summary[f]["f1"] < floor}
    assert not below, f"below floor: {below}\n{done.stdout}"
    assert done.returncode == 0, done.stdout
    assert not summary["problems"]


# Two dev sets we wrote, with gold, measure how the rules generalise beyond the seeds: eval/dev (eight articles in
# other outlets' layouts and forms: news analyses, an op-ed, a conference report, long-reads) and eval/dev2 (six
# seed-style interviews, annotated to the seeds' density). Floors sit a little under the scores of 2026-11-23, so a
# change that breaks another page layout or article form fails here even when the seeds still pass.
EVAL_DIR = Path(__file__).resolve().parents[1] / "eval"
# page layouts, metadata and speakers are exact on both sets: any loss there is a regression
_LAYOUT_AND_SPEAKER_FLOORS = {
    "people": 0.95,
    "speakers": 0.95,
    "authors": 0.95,
    "meta_title": 1.0,
    "meta_published": 1.0,
    "meta_outlet": 1.0,
    "body_start": 1.0,
    "body_end": 1.0,
    "boilerplate_clean": 1.0,
    "evidence_verbatim": 1.0,
}
DEV_FLOORS = {
    "dev": {
        "actors": 0.80,
        **_LAYOUT_AND_SPEAKER_FLOORS,
        "figures": 0.85,
        "event_dates": 0.90,
        "relation_pairs": 0.38,
        "relations_polarity": 0.27,
        "stance_targets": 0.28,
        "stances_polarity": 0.14,
    },
    "dev2": {
        "actors": 0.85,
        **_LAYOUT_AND_SPEAKER_FLOORS,
        "memberships": 0.50,
        "figures": 0.85,
        "event_dates": 0.80,
        "relation_pairs": 0.58,
        "relations_polarity": 0.47,
        "stance_targets": 0.33,
        "stances_polarity": 0.24,
    },
}


@pytest.mark.parametrize("name", sorted(DEV_FLOORS))
def test_dev_set_scores_meet_their_floors(tmp_path, name: str):
    if not (SHARED_EVAL / "score.py").is_file():
        pytest.skip("the scorer (../shared/eval/score.py) is not beside this checkout")
    raw, gold, out = EVAL_DIR / name / "raw", EVAL_DIR / name / "gold", tmp_path / "pred"
    cli = [sys.executable, "-m", "multivector.interfaces.cli", "analyze", str(raw), "--out", str(out)]
    done = subprocess.run(cli, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    summary_path = tmp_path / "summary.json"
    cmd = [sys.executable, str(SHARED_EVAL / "score.py"), "--gold", str(gold), "--pred", str(out)]
    cmd += ["--raw", str(raw), "--json", str(summary_path)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    summary = json.loads(summary_path.read_text())
    floors = DEV_FLOORS[name]
    below = {f: summary[f]["f1"] for f, floor in floors.items() if summary[f]["f1"] < floor}
    assert not below, f"below floor: {below}\n{done.stdout}"
    assert not summary["problems"]
