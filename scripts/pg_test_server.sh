#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests and benchmarks, from Debian's binaries (apt-get install postgresql).
#
#   eval "$(scripts/pg_test_server.sh start DIR)"   # initdb DIR, start on 127.0.0.1 on a free port; prints
#                                                   #   export MULTIVECTOR_TEST_PG=postgresql://USER@127.0.0.1:PORT/postgres
#   scripts/pg_test_server.sh stop DIR              # stop it (DIR can then be deleted)
#
# The cluster trusts local connections (it listens on 127.0.0.1 only, its socket lives in DIR) and is run by the
# owner of DIR: as root, by the `postgres` user (initdb refuses to run as root).
set -euo pipefail

bin_dir() {
  local found
  found=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  if [ -z "$found" ] || [ ! -x "$found/initdb" ]; then
    echo "pg_test_server: no PostgreSQL binaries under /usr/lib/postgresql/*/bin (apt-get install postgresql)" >&2
    exit 1
  fi
  echo "$found"
}

as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

command=${1:-}
dir=${2:-}
[ -n "$command" ] && [ -n "$dir" ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }
bin=$(bin_dir)

case "$command" in
  start)
    mkdir -p "$dir"
    [ "$(id -u)" = 0 ] && chown postgres "$dir"
    user=$( [ "$(id -u)" = 0 ] && echo postgres || id -un )
    as_owner "$bin/initdb" -D "$dir/data" -U "$user" --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
      || { cat "$dir/initdb.log" >&2; exit 1; }
    port=$(free_port)
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
      -o "-h 127.0.0.1 -p $port -k $dir -c synchronous_commit=off -c max_connections=50" start >/dev/null \
      || { cat "$dir/server.log" >&2; exit 1; }
    echo "export MULTIVECTOR_TEST_PG=postgresql://$user@127.0.0.1:$port/postgres"
    ;;
  stop)
    as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null
    ;;
  *)
    echo "usage: $0 start|stop DIR" >&2
    exit 2
    ;;
esac
