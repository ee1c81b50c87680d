#!/usr/bin/env bash
# The audit benchmark (bench/AUDIT.md): builds a log of ENTRIES entries (default 1,000,000) on
# PostgreSQL in its own database, then times `aigaq log audit` over it RUNS times and prints each
# time and the median. Usage: bench/audit/run.sh [runs=3] [entries=1000000]; REUSE=1 skips the
# generation when the database and data directory are already there.
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-3}
ENTRIES=${2:-1000000}
OUT=${OUT:-bench/results}
mkdir -p "$OUT"
PG_ADMIN=${AIGAQ_BENCH_PG:-"Host=127.0.0.1;Username=aigaq;Password=aigaq"}
DB=${DB:-aigaq_auditbench}
DATA=${DATA:-$OUT/auditbench-data}
PG="$PG_ADMIN;Database=$DB;SSL Mode=Disable"

dotnet build -c Release src/Aigaq >/dev/null
dotnet build -c Release bench/Aigaq.Bench >/dev/null
APP="dotnet src/Aigaq/bin/Release/net10.0/aigaq.dll"
BENCH="dotnet bench/Aigaq.Bench/bin/Release/net10.0/Aigaq.Bench.dll"

if [ "${REUSE:-0}" != 1 ]; then
  # Generation: migrate, COPY facilities/detentions/contacts/events/entries, integrate (one JSON line).
  $BENCH auditlog --pg "$PG_ADMIN" --db "$DB" --datadir "$DATA" --entries "$ENTRIES" | tee -a "$OUT/auditlog.jsonl"
fi

times=()
for i in $(seq 1 "$RUNS"); do
  start=$(date +%s.%N)
  $APP log audit --Aigaq:DataDir="$DATA" --Aigaq:Database:Provider=Postgres --ConnectionStrings:Aigaq="$PG" \
    --Logging:LogLevel:Default=Warning >"$OUT/audit-run.out" 2>&1 || { cat "$OUT/audit-run.out"; echo "audit failed" >&2; exit 1; }
  end=$(date +%s.%N)
  t=$(echo "$end - $start" | bc)
  times+=("$t")
  echo "audit run $i: ${t}s ($(tail -1 "$OUT/audit-run.out"))"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
echo "{\"mode\":\"audit\",\"entries\":$ENTRIES,\"runs\":[$(IFS=,; echo "${times[*]}")],\"median\":$median}" | tee -a "$OUT/audit.jsonl"
