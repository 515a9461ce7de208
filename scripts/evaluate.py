"""Score multivector on the four evaluation sets and print the tables of docs/accuracy.md.

usage: python scripts/evaluate.py [--sets real,dev,dev2,seeds] [--out DIR] [--markdown]

For each set it runs `multivector analyze SET/raw --out OUT/SET` (the CLI, as a user would), scores the output with
../shared/eval/score.py against SET/gold, and prints per field precision, recall and F1 side by side; then the
reliability table (scripts/reliability.py): the precision of the relations, stances and memberships whose confidence
is at least .5, .7 and .9. The sets in ../shared are other people's writing and are read from there.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared" / "eval"
SETS = {
    "real": SHARED / "real",
    "dev": REPO / "eval" / "dev",
    "dev2": REPO / "eval" / "dev2",
    "seeds": SHARED / "seeds",
}
FIELDS = [
    "relation_pairs", "relations_polarity", "stance_targets", "stances_polarity", "speakers", "memberships", "actors",
    "people", "figures", "event_dates", "meta_title", "meta_published", "meta_outlet", "authors", "body_start",
    "body_end", "boilerplate_clean", "evidence_verbatim",
]  # fmt: skip


def run(names: list[str], out: Path) -> dict[str, dict]:
    scores = {}
    for name in names:
        root, pred = SETS[name], out / name
        cli = [sys.executable, "-m", "multivector.interfaces.cli", "analyze", str(root / "raw"), "--out", str(pred)]
        subprocess.run(cli, check=True, capture_output=True)
        summary = out / f"{name}.json"
        cmd = [sys.executable, str(SHARED / "score.py"), "--gold", str(root / "gold"), "--pred", str(pred)]
        subprocess.run(cmd + ["--raw", str(root / "raw"), "--json", str(summary), "--quiet"], capture_output=True)
        scores[name] = json.loads(summary.read_text())
    return scores


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--out", type=Path, help="keep the analyses here (default: a temporary directory)")
    args = ap.parse_args(argv)
    if not (SHARED / "score.py").exists():
        print(f"error: the evaluation kit is not at {SHARED}: put shared/ beside the checkout", file=sys.stderr)
        return 2
    names = args.sets.split(",")
    out = args.out or Path(tempfile.mkdtemp(prefix="mv-eval-"))
    scores = run(names, out)
    print("| field | " + " | ".join(f"{n} P / R / F1" for n in names) + " |")
    print("|---|" + "---|" * len(names))
    for field in FIELDS:
        cells = [
            f"{s[field]['precision']:.2f} / {s[field]['recall']:.2f} / **{s[field]['f1']:.2f}**"
            for s in scores.values()
        ]
        print(f"| {field} | " + " | ".join(cells) + " |")
    sys.path.insert(0, str(REPO / "scripts"))
    import reliability

    print("\n| set | records | conf >= .5 | conf >= .7 | conf >= .9 |\n|---|---|---|---|---|")
    for name in names:
        data = reliability.rows(SETS[name] / "gold", out / name)
        for kind, t_rows in data.items():
            cells = []
            for t in (0.5, 0.7, 0.9):
                kept = [right for c, right in t_rows if c >= t]
                cells.append(f"{sum(kept) / len(kept):.2f} ({sum(kept)}/{len(kept)})" if kept else "- (0)")
            print(f"| {name} | {kind} | " + " | ".join(cells) + " |")
    print(f"\nanalyses kept in {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
