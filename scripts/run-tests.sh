#!/usr/bin/env bash
# Run the whole suite once per backend; fail if any backend fails.
set -uo pipefail
cd "$(dirname "$0")/.."
BACKENDS=${BACKENDS:-"spatialite postgis"}
PG_URL=${PG_URL:-postgis://postgres@127.0.0.1:5432/conflictmap}
export DJANGO_ALLOW_ASYNC_UNSAFE=true
status=0
summary=()
# After the whole PostGIS suite: reads from a real streaming replica of the same
# server (scripts/ensure-replica.sh: cluster "replica" on port 5433).
replica_tests() {
  [ $# -eq 0 ] || return 0
  echo "=== read replica tests on postgis ==="
  scripts/ensure-replica.sh || { echo "!!! read replica tests FAILED: no streaming replica !!!"; return 1; }
  DATABASE_URL="$PG_URL" DATABASE_REPLICA_URL="${REPLICA_URL:-${PG_URL/:5432\//:5433/}}" \
    .venv/bin/pytest -q tests/test_replica.py
}
for backend in $BACKENDS; do
  echo "=== tests on $backend ==="
  if [ "$backend" = postgis ]; then
    scripts/ensure-postgis.sh
    rc=$?
    if [ $rc -ne 0 ]; then
      echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
      echo "!!! PostGIS tests SKIPPED: no PostgreSQL reachable at 127.0.0.1:5432 !!!"
      echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
      summary+=("postgis: SKIPPED (no server)")
      # In CI a missing database is a failure, not a skip.
      [ "${CI:-}" = "true" ] && status=1
      continue
    fi
    env -u DATABASE_REPLICA_URL DATABASE_URL="$PG_URL" ARTIFACTS_DIR="test-artifacts/postgis" \
      .venv/bin/pytest "$@" && replica_tests "$@"
  else
    env -u DATABASE_URL -u DATABASE_REPLICA_URL ARTIFACTS_DIR="test-artifacts/spatialite" .venv/bin/pytest "$@"
  fi
  rc=$?
  summary+=("$backend: $([ $rc -eq 0 ] && echo passed || echo "FAILED (exit $rc)")")
  [ $rc -eq 0 ] || status=1
done
echo "=== summary ==="
printf '  %s\n' "${summary[@]}"
exit $status
