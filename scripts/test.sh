#!/usr/bin/env bash
# One command on a fresh clone: set up .venv/ the same way as scripts/demo.sh, then run the whole test suite.
# The evaluation tests read ../shared/eval beside the checkout; browser tests need Debian's chromium and
# chromium-driver, PostgreSQL tests Debian's postgresql (`.ci/run` installs both). Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/setup.sh
python -m pytest "$@"
