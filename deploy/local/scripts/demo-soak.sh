#!/usr/bin/env bash
# `make up` from a clean state, N times in a row (default 10): each run wipes the data, starts
# PostgreSQL, Kafka and the five services, and seeds the demo. Any failure stops the loop and
# prints the end of that run's output. The last stack is stopped at the end.
#
#   deploy/local/scripts/demo-soak.sh [RUNS]
#
# Set JENJANG_STATE_DIR and the JENJANG_*_PORT variables to keep it apart from a stack you run.
set -euo pipefail
cd "$(dirname "$0")/../../.."
runs="${1:-10}"
logs="$(mktemp -d)"
trap '.venv/bin/jenjang down >/dev/null 2>&1 || true' EXIT
for run in $(seq 1 "$runs"); do
  .venv/bin/jenjang down --purge >/dev/null 2>&1 || true
  started=$(date +%s)
  if ! make up >"$logs/run-$run.log" 2>&1; then
    echo "run $run of $runs FAILED after $(( $(date +%s) - started )) s; its last lines:" >&2
    tail -n 40 "$logs/run-$run.log" >&2
    exit 1
  fi
  echo "run $run of $runs: make up and the demo passed in $(( $(date +%s) - started )) s"
done
echo "$runs of $runs runs passed (logs in $logs)"
