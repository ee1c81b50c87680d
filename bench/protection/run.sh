#!/usr/bin/env bash
# The protected-persons matching benchmark (bench/PROTECTION.md, issue 15: "matching a registration against 100,000
# protected persons adds at most 1 ms to its p50"). For each provider (PostgreSQL, SQLite): `Aigaq.Bench protection`
# builds a database of PERSONS protected persons (default 100,000) and an empty one, by the application's migrations;
# then RUNS processes (default 5) each time MatchDetentions.OnRegisteredAsync ITERATIONS times (default 2,000, after
# WARMUP) per case, the cases interleaved: a new person against the empty and the full table, a protected person by IIN
# and by names in Latin without IIN, the two keyed hashes alone, and SELECT 1 through the same context.
# bench/protection/summary.py prints the medians over runs and the ratios against the empty table.
# Usage: bench/protection/run.sh [runs=5] [persons=100000]; PROVIDERS="pg sqlite"; KEEP=1 keeps the databases.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-5}
PERSONS=${2:-100000}
ITERATIONS=${ITERATIONS:-2000}
WARMUP=${WARMUP:-500}
PROVIDERS=${PROVIDERS:-"pg sqlite"}
OUT=${OUT:-bench/results}
PG_ADMIN=${AIGAQ_BENCH_PG:-"Host=127.0.0.1;Username=aigaq;Password=aigaq"}
DB=${DB:-aigaq_bench_protection}
DIR="$OUT/protection"
mkdir -p "$DIR"
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
JSONL="$OUT/protection-$STAMP.jsonl"
LOG="$OUT/protection-$STAMP.log"

dotnet build -c Release bench/Aigaq.Bench >/dev/null
BENCH=(dotnet bench/Aigaq.Bench/bin/Release/net10.0/Aigaq.Bench.dll protection --pg "$PG_ADMIN" --db "$DB" --dir "$DIR")

{ lscpu | grep -E "Model name|^CPU\(s\)"; echo "nproc: $(nproc)"; } | tee -a "$LOG"
for provider in $PROVIDERS; do
  "${BENCH[@]}" --provider "$provider" --persons "$PERSONS" --iterations 0 --warmup 0 --rounds 0 | tee -a "$JSONL"
  for run in $(seq 1 "$RUNS"); do
    echo "$provider run $run, load before: $(uptime)" | tee -a "$LOG"
    "${BENCH[@]}" --provider "$provider" --persons "$PERSONS" --reuse 1 --iterations "$ITERATIONS" --warmup "$WARMUP" \
      | sed "s/\"round\":1,/\"round\":$run,/" | tee -a "$JSONL"
  done
  if [ "${KEEP:-0}" != 1 ]; then
    "${BENCH[@]}" --provider "$provider" --drop 1
  fi
done
echo "load after: $(uptime)" | tee -a "$LOG"
python3 bench/protection/summary.py "$JSONL" | tee -a "$LOG"
