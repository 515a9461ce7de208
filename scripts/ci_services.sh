#!/usr/bin/env bash
# What the PostgreSQL tests need in CI: Debian's PostgreSQL server binaries (apt-get, only when missing) and psycopg
# in the active Python (a dependency in pyproject.toml: normally installed already). The tests start and stop their
# own throwaway server on 127.0.0.1 from these binaries (scripts/pg_test_server.sh); under CI=true a PostgreSQL
# test fails when no server can be started, elsewhere it skips with a message.
#
#   scripts/ci_services.sh            # from .ci/run, after the project is installed into the active venv
set -euo pipefail
cd "$(dirname "$0")/.."

if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    # Debian's package starts a cluster of its own: the tests do not use it
    if command -v pg_lsclusters >/dev/null 2>&1; then
      pg_lsclusters --no-header 2>/dev/null | while read -r version name _; do
        pg_ctlcluster "$version" "$name" stop 2>/dev/null || true
      done
    fi
  else
    echo "ci_services: PostgreSQL binaries missing and apt-get unavailable (not root?): PostgreSQL tests cannot run" >&2
    exit 1
  fi
fi
if ! id postgres >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "ci_services: no 'postgres' user to run the test server as" >&2
  exit 1
fi
python -c "import psycopg" 2>/dev/null || python -m pip install -q "psycopg[binary]==3.3.9"
ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1
