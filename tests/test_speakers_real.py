"""Speakers on the real articles of other outlets (read from /work/shared at run time; skipped where it is absent)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

REAL = Path("/work/shared/eval/real")

pytestmark = pytest.mark.skipif(not (REAL / "raw").is_dir(), reason="the shared real set is not on this machine")


def test_speakers_of_real_articles_reach_the_floor():
    from multivector import ingest
    from multivector.data.catalogue import fold
    from multivector.nlp.assemble import analyze_document, pipeline

    nlp = pipeline()
    tp = predicted = expected = 0
    for raw in sorted((REAL / "raw").glob("*.txt")):
        gold = json.loads((REAL / "gold" / f"{raw.stem}.json").read_text(encoding="utf-8"))
        want = _keys(gold["speakers"], fold)
        got = _keys([{"name": s.name} for s in analyze_document(ingest.load(raw), nlp=nlp).speakers], fold)
        tp, predicted, expected = tp + len(want & got), predicted + len(got), expected + len(want)
    precision, recall = tp / max(predicted, 1), tp / max(expected, 1)
    f1 = 2 * precision * recall / max(precision + recall, 1e-9)
    assert f1 >= 0.9, f"speakers on the real set: P {precision:.2f} R {recall:.2f} F1 {f1:.2f}"


def _keys(speakers: list[dict], fold) -> set[str]:
    """A speaker by folded surname (the last word of the name), as the scorer matches people."""
    return {fold(s["name"].split()[-1]) for s in speakers if s.get("name")}
