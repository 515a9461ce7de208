#!/usr/bin/env bash
# One command on a fresh clone: set up .venv/ and run the main job on the example articles the project ships.
# Writes one analysis JSON per article to out/ and a corpus to out/corpus.db, then says how to look at them.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/setup.sh
multivector analyze examples --out out/
rm -f out/corpus.db*
multivector ingest examples --db out/corpus.db
cat <<MSG

Done. The analyses are in out/*.json (one per article; the format is docs/format.md).
The corpus is out/corpus.db. To see it in the browser (http://127.0.0.1:8000/):

    .venv/bin/multivector serve --db out/corpus.db

or write a self-contained report:  .venv/bin/multivector report --db out/corpus.db --out out/report.html
MSG
