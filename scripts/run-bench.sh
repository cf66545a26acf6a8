#!/usr/bin/env bash
# Benchmarks: figures and ratios against a peer measured in the same run.
set -uo pipefail
cd "$(dirname "$0")/.."
shopt -s nullglob
benches=(benchmarks/bench_*.py)
if ((${#benches[@]} == 0)); then echo "no benchmarks yet"; exit 0; fi
for bench in "${benches[@]}"; do
  echo "=== $bench ==="
  .venv/bin/python "$bench" || exit 1
done
