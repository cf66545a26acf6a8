#!/usr/bin/env bash
# Benchmarks: figures and ratios against a peer measured in the same run, on
# SpatiaLite and (when PostgreSQL answers) PostGIS. Never touches var/.
set -uo pipefail
cd "$(dirname "$0")/.."
shopt -s nullglob
benches=(benchmarks/bench_*.py)
if ((${#benches[@]} == 0)); then echo "no benchmarks yet"; exit 0; fi
backends=${BENCH_BACKENDS:-"spatialite postgis"}
PG_URL=${PG_URL:-postgis://postgres@127.0.0.1:5432/conflictmap}
status=0
for backend in $backends; do
  if [ "$backend" = postgis ] && ! scripts/ensure-postgis.sh; then
    echo "!!! PostGIS benchmarks SKIPPED: no PostgreSQL reachable !!!"; continue
  fi
  for bench in "${benches[@]}"; do
    echo "=== $bench on $backend ==="
    BENCH_BACKEND=$backend BENCH_PG_URL="$PG_URL" .venv/bin/python "$bench" || status=1
  done
done
exit $status
