#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster on a loopback port for the test suite and prints
# `export TEST_DATABASE_URL=…`. Installs Debian's postgresql package when it is missing.
# Usage: eval "$(scripts/start-postgres.sh [PORT])"; stop with scripts/stop-postgres.sh.
set -euo pipefail
port="${1:-54329}"
base="${PGTEST_DIR:-/tmp/custos-pg-$port}"
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  echo "installing postgresql from Debian packages…" >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) >&2
fi
bin=$(dirname "$(ls /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)")
if [ -f "$base/data/postmaster.pid" ]; then
  runuser -u postgres -- "$bin/pg_ctl" -D "$base/data" -m fast -w stop >/dev/null 2>&1 || true
fi
rm -rf "$base"
mkdir -p "$base/data" "$base/socket"
password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
echo "$password" > "$base/pwfile"
chown -R postgres:postgres "$base"
chmod 700 "$base/data"
runuser -u postgres -- "$bin/initdb" -D "$base/data" --auth-local=trust --auth-host=scram-sha-256 --pwfile="$base/pwfile" -U postgres >/dev/null
runuser -u postgres -- "$bin/pg_ctl" -D "$base/data" -l "$base/log" -w \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $base/socket -c fsync=off -c max_connections=200" start >/dev/null
runuser -u postgres -- psql -h "$base/socket" -p "$port" -U postgres -q -c "CREATE DATABASE custos_test" >/dev/null
echo "export TEST_DATABASE_URL=postgres://postgres:$password@127.0.0.1:$port/custos_test"
echo "export PGTEST_STOP='runuser -u postgres -- $bin/pg_ctl -D $base/data -m fast -w stop'"
