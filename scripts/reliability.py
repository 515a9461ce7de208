"""Reliability table: precision of the records whose confidence is at least a threshold, against gold.

usage: python scripts/reliability.py --gold GOLD_DIR --pred PRED_DIR [--thresholds .5 .7 .9]

A relation is right when its actor pair is in the gold (as ../shared/eval/score.py matches relation_pairs), a stance
when its (speaker, target) is, a membership when its (member, org) is. Prints, per record kind and threshold, the
records at or above it, how many are right and their precision.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

SCORER = Path(__file__).resolve().parents[1].parent / "shared" / "eval" / "score.py"


def _load_scorer(path: Path = SCORER):
    """The evaluation kit's scorer (../shared/eval/score.py), for its id canonicalisation and person matching."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("score", path)
    if spec is None or spec.loader is None or not path.exists():
        raise SystemExit(f"error: no scorer at {path}: put the evaluation kit's shared/ beside the checkout")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def rows(gold_dir: Path, pred_dir: Path) -> dict[str, list[tuple[float, bool]]]:
    score = _load_scorer()
    out: dict[str, list[tuple[float, bool]]] = {"relations": [], "stances": [], "memberships": []}
    for gpath in sorted(gold_dir.glob("*.json")):
        ppath = pred_dir / gpath.name
        if not ppath.exists():
            continue
        gold, pred = json.loads(gpath.read_text()), json.loads(ppath.read_text())
        pairs = {frozenset((score.canon_id(r["a"]), score.canon_id(r["b"]))) for r in score.records(gold, "relations")}
        for r in score.records(pred, "relations"):
            right = frozenset((score.canon_id(r["a"]), score.canon_id(r["b"]))) in pairs
            out["relations"].append((float(r.get("confidence", 0.5)), right))
        members = {(score.canon_id(m["member"]), score.canon_id(m["org"])) for m in score.records(gold, "memberships")}
        for m in score.records(pred, "memberships"):
            right = (score.canon_id(m["member"]), score.canon_id(m["org"])) in members
            out["memberships"].append((float(m.get("confidence", 0.5)), right))
        stances = score.records(gold, "stances")
        for s in score.records(pred, "stances"):
            right = any(
                score.canon_id(g.get("target")) == score.canon_id(s.get("target"))
                and score.same_person(g.get("speaker"), s.get("speaker"))
                for g in stances
            )
            out["stances"].append((float(s.get("confidence", 0.5)), right))
    return out


def table(data: dict[str, list[tuple[float, bool]]], thresholds: list[float]) -> list[tuple[str, float, int, int]]:
    result = []
    for kind, items in data.items():
        for t in thresholds:
            kept = [right for c, right in items if c >= t]
            result.append((kind, t, len(kept), sum(kept)))
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", required=True, type=Path)
    ap.add_argument("--pred", required=True, type=Path)
    ap.add_argument("--thresholds", nargs="+", type=float, default=[0.0, 0.5, 0.7, 0.9])
    args = ap.parse_args(argv)
    print(f"{'records':<12}{'conf >=':>8}{'kept':>6}{'right':>7}{'precision':>11}")
    for kind, t, kept, right in table(rows(args.gold, args.pred), args.thresholds):
        precision = f"{right / kept:.2f}" if kept else "-"
        print(f"{kind:<12}{t:>8.1f}{kept:>6}{right:>7}{precision:>11}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
