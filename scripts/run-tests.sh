#!/usr/bin/env bash
# Run the whole suite once per backend; fail if any backend fails.
# The backends run side by side (one per core), each with its own var/ and
# artifacts folder; each backend's output is printed when it ends.
# PARALLEL=0 runs them one after the other.
set -uo pipefail
cd "$(dirname "$0")/.."
BACKENDS=${BACKENDS:-"spatialite postgis"}
PG_URL=${PG_URL:-postgis://postgres@127.0.0.1:5432/conflictmap}
PARALLEL=${PARALLEL:-1}
export DJANGO_ALLOW_ASYNC_UNSAFE=true

run_backend() {  # run_backend NAME LOGFILE -- pytest args...
  local backend=$1 log=$2; shift 2
  local artifacts="test-artifacts/$backend"
  mkdir -p "$artifacts/var"
  local start=$SECONDS
  if [ "$backend" = postgis ]; then
    env -u DATABASE_REPLICA_URL DATABASE_URL="$PG_URL" ARTIFACTS_DIR="$artifacts" \
      CONFLICTMAP_VAR_DIR="$PWD/$artifacts/var" .venv/bin/pytest "$@" >"$log" 2>&1 &&
      replica_tests "$@" >>"$log" 2>&1
  else
    env -u DATABASE_URL -u DATABASE_REPLICA_URL ARTIFACTS_DIR="$artifacts" CONFLICTMAP_VAR_DIR="$PWD/$artifacts/var" \
      .venv/bin/pytest "$@" >"$log" 2>&1
  fi
  local rc=$?
  echo "($backend took $((SECONDS - start)) s)" >>"$log"
  return $rc
}

# After the whole PostGIS suite: reads from a real streaming replica of the same
# server (scripts/ensure-replica.sh: cluster "replica" on port 5433).
replica_tests() {
  [ $# -eq 0 ] || return 0
  echo "=== read replica tests on postgis ==="
  scripts/ensure-replica.sh || { echo "!!! read replica tests FAILED: no streaming replica !!!"; return 1; }
  DATABASE_URL="$PG_URL" DATABASE_REPLICA_URL="${REPLICA_URL:-${PG_URL/:5432\//:5433/}}" \
    CONFLICTMAP_VAR_DIR="$PWD/test-artifacts/postgis/var" .venv/bin/pytest -q tests/test_replica.py
}

status=0
summary=()
pids=()
names=()
logs=()
mkdir -p test-artifacts
for backend in $BACKENDS; do
  if [ "$backend" = postgis ] && ! scripts/ensure-postgis.sh; then
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
    echo "!!! PostGIS tests SKIPPED: no PostgreSQL reachable at 127.0.0.1:5432 !!!"
    echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"
    summary+=("postgis: SKIPPED (no server)")
    # In CI a missing database is a failure, not a skip.
    [ "${CI:-}" = "true" ] && status=1
    continue
  fi
  log="test-artifacts/pytest-$backend.log"
  echo "=== tests on $backend (log: $log) ==="
  if [ "$PARALLEL" = 1 ]; then
    run_backend "$backend" "$log" "$@" &
    pids+=($!)
  else
    run_backend "$backend" "$log" "$@"
    pids+=("done:$?")
  fi
  names+=("$backend")
  logs+=("$log")
done

for i in "${!names[@]}"; do
  pid=${pids[$i]}
  if [[ $pid == done:* ]]; then rc=${pid#done:}; else wait "$pid"; rc=$?; fi
  echo "=== output of the $([ $rc -eq 0 ] && echo passing || echo FAILING) run on ${names[$i]} ==="
  cat "${logs[$i]}"
  summary+=("${names[$i]}: $([ $rc -eq 0 ] && echo passed || echo "FAILED (exit $rc)")")
  [ $rc -eq 0 ] || status=1
done
echo "=== summary ==="
printf '  %s\n' "${summary[@]}"
exit $status
