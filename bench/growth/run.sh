#!/usr/bin/env bash
# The growth benchmark (issue 19 item 7; figures in bench/GROWTH.md): the same requests against a
# SMALL log and a LARGE one (by default the 1,000,000- and 10,000,000-entry logs that
# bench/audit/run.sh builds), both served at once, timed in alternation in the same minutes:
# the checkpoint, hash tiles of levels 0-1 (the middle and the last full one) and the partial one of
# level 2, an entry bundle,
# inclusion and consistency proofs and a receipt; then `aigaq log audit` of each, alternating.
#
# Usage: bench/growth/run.sh [rounds=3] [audits=3]
# Build the logs first (REUSE=1 keeps them between runs):
#   OUT=bench/results-growth DB=aigaq_auditbench10m bench/audit/run.sh 1 10000000
#   OUT=bench/results-growth DB=aigaq_auditbench1m DATA=bench/results-growth/auditbench1m-data bench/audit/run.sh 1 1000000
# SMALL_DB/SMALL_DATA and LARGE_DB/LARGE_DATA name them (defaults below).
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${1:-3}
AUDITS=${2:-3}
OUT=${OUT:-bench/results-growth}
PG_ADMIN=${AIGAQ_BENCH_PG:-"Host=127.0.0.1;Username=aigaq;Password=aigaq"}
SMALL_DB=${SMALL_DB:-aigaq_auditbench1m}
SMALL_DATA=${SMALL_DATA:-$OUT/auditbench1m-data}
LARGE_DB=${LARGE_DB:-aigaq_auditbench10m}
LARGE_DATA=${LARGE_DATA:-$OUT/auditbench-data}
JSONL="$OUT/growth.jsonl"
mkdir -p "$OUT"

# The deployment build (README, "Deploying"), as bench/audit/run.sh times it.
# SKIP_BUILD=1 reuses the copy already in $OUT/aigaq (e.g. the one bench/audit/run.sh published there).
if [ "${SKIP_BUILD:-0}" != 1 ]; then
  dotnet build -c Release bench/Aigaq.Bench >/dev/null
  dotnet publish -c Release -r linux-x64 --self-contained false src/Aigaq -o "$OUT/aigaq" >/dev/null
fi
APP="dotnet $OUT/aigaq/aigaq.dll"
BENCH="dotnet bench/Aigaq.Bench/bin/Release/net10.0/Aigaq.Bench.dll"

args() { # db data: sets ARGS
  ARGS=("--Aigaq:DataDir=$2" --Aigaq:Database:Provider=Postgres "--ConnectionStrings:Aigaq=$PG_ADMIN;Database=$1;SSL Mode=Disable"
    --Logging:LogLevel:Default=Warning)
}

# C2SP tlog-tiles: N as zero-padded 3-digit path elements, all but the last prefixed with x.
tile_index() {
  local n=$1 s
  s=$(printf '%d' "$n")
  while [ $(( ${#s} % 3 )) -ne 0 ]; do s="0$s"; done
  local out="" i
  for ((i = 0; i < ${#s}; i += 3)); do
    if [ $((i + 3)) -lt ${#s} ]; then out+="x${s:i:3}/"; else out+="${s:i:3}"; fi
  done
  echo "$out"
}

PIDS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done' EXIT
serve() { # db data port
  args "$1" "$2"
  $APP db migrate "${ARGS[@]}" >/dev/null
  $APP serve --urls "http://127.0.0.1:$3" "${ARGS[@]}" --Aigaq:Workers=false >"$OUT/serve-$3.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 300); do
    curl -sf "http://127.0.0.1:$3/log/checkpoint" >/dev/null && return 0
    sleep 1
  done
  echo "the application on port $3 did not start" >&2
  exit 1
}

paths_for() { # port -> the paths to time, at this log's size
  local size last mid
  size=$(curl -sf "http://127.0.0.1:$1/log/checkpoint" | sed -n 2p)
  last=$((size / 256 - 1))
  mid=$((size / 512))
  local p=(
    "/log/checkpoint"
    "/log/tile/0/$(tile_index "$mid")"
    "/log/tile/0/$(tile_index "$last")"
    "/log/tile/1/$(tile_index $((size / 65536 - 1)))"
    "/log/tile/2/000.p/$((size / 65536))"
    "/log/tile/entries/$(tile_index "$mid")"
    "/api/v1/log/proof/inclusion?index=$((size / 3))&size=$size"
    "/api/v1/log/proof/inclusion?index=$((size - 7))&size=$size"
    "/api/v1/log/proof/consistency?from=$((size / 2 + 1))&to=$size"
    "/api/v1/log/receipts/$((size / 3))"
  )
  echo "$size ${p[*]}"
}

serve "$SMALL_DB" "$SMALL_DATA" 5611
serve "$LARGE_DB" "$LARGE_DATA" 5612
read -r SMALL_SIZE SMALL_PATHS <<<"$(paths_for 5611)"
read -r LARGE_SIZE LARGE_PATHS <<<"$(paths_for 5612)"
echo "small log: $SMALL_SIZE entries; large log: $LARGE_SIZE entries"

for r in $(seq 1 "$ROUNDS"); do
  for which in small large; do
    if [ $which = small ]; then port=5611; paths=$SMALL_PATHS; size=$SMALL_SIZE; else port=5612; paths=$LARGE_PATHS; size=$LARGE_SIZE; fi
    $BENCH get --url "http://127.0.0.1:$port" --warmup 20 --runs 50 --label "growth-$which-$size-round$r" --paths "$paths" \
      | tee -a "$JSONL"
  done
done
for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done

for r in $(seq 1 "$AUDITS"); do
  for which in small large; do
    if [ $which = small ]; then db=$SMALL_DB; data=$SMALL_DATA; else db=$LARGE_DB; data=$LARGE_DATA; fi
    args "$db" "$data"
    /usr/bin/time -f "%e %U %S %M" -o "$OUT/growth-audit.time" $APP log audit "${ARGS[@]}" >"$OUT/growth-audit.out" 2>&1 \
      || { cat "$OUT/growth-audit.out"; echo "audit failed" >&2; exit 1; }
    read -r t user sys rss <"$OUT/growth-audit.time"
    echo "{\"mode\":\"growth-audit\",\"log\":\"$which\",\"round\":$r,\"wall\":$t,\"cpu\":$(echo "$user + $sys" | bc),\"maxRssMb\":$((rss / 1024)),\"load\":$(cut -d' ' -f1 /proc/loadavg),\"result\":\"$(tail -1 "$OUT/growth-audit.out" | tr -d '"')\"}" \
      | tee -a "$JSONL"
  done
done
