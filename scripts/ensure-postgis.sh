#!/usr/bin/env bash
# Make sure PostgreSQL answers and PostGIS is available to new databases.
# Exit 0 when ready, 3 when no server can be reached.
set -uo pipefail
host=${PGHOST:-127.0.0.1}; port=${PGPORT:-5432}
if ! pg_isready -q -h "$host" -p "$port"; then
  if command -v pg_ctlcluster >/dev/null; then
    for version in $(ls /etc/postgresql 2>/dev/null); do
      pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null || true
    done
    for _ in $(seq 1 20); do pg_isready -q -h "$host" -p "$port" && break; sleep 0.5; done
  fi
fi
pg_isready -q -h "$host" -p "$port" || exit 3
# CREATE EXTENSION needs a superuser: put PostGIS in template1 so the test
# database Django creates has it already.
psql -q -h "$host" -p "$port" -U postgres -d template1 -v ON_ERROR_STOP=1 \
  -c "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null
