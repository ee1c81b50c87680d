#!/usr/bin/env bash
# The reports-and-cases benchmark (bench/CASES.md, issue 4 "Speed"): builds REPORTS reports (default
# 1,000,000) with their cases on PostgreSQL in database aigaq_casebench, and a baseline database of
# SMALL reports (default 10,000) made by the same generator; then, for each database in turn, starts
# the application on it and times, one request at a time after a warm-up:
#   GET /api/v1/statistics/funnel?year=Y                 (an analyst: statistics, no region)
#   GET /api/v1/statistics/funnel?year=Y&region=R
#   GET /api/v1/statistics/funnel?year=Y&agency=A
#   GET /reports                                         (the supervisory prosecutor of region R)
#   GET /health/ready                                    (one database round trip through the pipeline)
# ROUNDS times (default 3), RUNS measured requests each (default 30). Server time comes from the
# application's own "Request finished ... N ms" log (Microsoft.AspNetCore.Hosting.Diagnostics);
# client time on loopback is printed too. bench/cases/server.py prints medians, p95 and ratios.
# Usage: bench/cases/run.sh [rounds=3] [reports=1000000]; REUSE=1 reuses both databases;
# APP_DLL=path/aigaq.dll times that build instead of building src/Aigaq.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROUNDS=${1:-3}
REPORTS=${2:-1000000}
SMALL=${SMALL:-10000}
RUNS=${RUNS:-30}
WARMUP=${WARMUP:-10}
YEAR=${YEAR:-2025}
REGION=${REGION:-KZ-75}
AGENCY=${AGENCY:-police}
PORT=${PORT:-5187}
OUT=${OUT:-bench/results}
mkdir -p "$OUT"
PG_ADMIN=${AIGAQ_BENCH_PG:-"Host=127.0.0.1;Username=aigaq;Password=aigaq"}
BIG=${DB:-aigaq_casebench}
BASE=${BASE_DB:-aigaq_casebench_small}
DATA=${DATA:-$OUT/casebench-data}
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
LOG="$OUT/casebench-$STAMP.log"
JSONL="$OUT/casebench-$STAMP.jsonl"

# APP_DLL times another build of the application (e.g. a copy of main's) on the same databases.
if [ -z "${APP_DLL:-}" ]; then
  dotnet build -c Release src/Aigaq >/dev/null
fi
dotnet build -c Release bench/Aigaq.Bench >/dev/null
APP="dotnet ${APP_DLL:-src/Aigaq/bin/Release/net10.0/aigaq.dll}"
BENCH="dotnet bench/Aigaq.Bench/bin/Release/net10.0/Aigaq.Bench.dll"

if [ "${REUSE:-0}" != 1 ]; then
  $BENCH cases --pg "$PG_ADMIN" --db "$BASE" --reports "$SMALL" | tee -a "$OUT/casebench-generate.jsonl"
  $BENCH cases --pg "$PG_ADMIN" --db "$BIG" --reports "$REPORTS" | tee -a "$OUT/casebench-generate.jsonl"
fi

echo "load before: $(uptime)" | tee -a "$LOG"
for round in $(seq 1 "$ROUNDS"); do
  for db in "$BASE" "$BIG"; do
    PG="$PG_ADMIN;Database=$db;SSL Mode=Disable"
    ARGS=(--Aigaq:DataDir="$DATA" --Aigaq:Database:Provider=Postgres --ConnectionStrings:Aigaq="$PG")
    # The application's own migrations and roles (the generator applied the same migrations).
    $APP db migrate "${ARGS[@]}" --Logging:LogLevel:Default=Warning >/dev/null
    # The background workers (clock and case scanners, dispatchers) are off so that only the timed
    # requests run; the log line of each finished request gives its server time.
    SERVER_LOG="$OUT/casebench-app-$db.log"
    $APP serve --urls "http://127.0.0.1:$PORT" "${ARGS[@]}" --Aigaq:Workers=false \
      --Logging:LogLevel:Default=Warning --Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics=Information \
      --Logging:Console:FormatterName=simple --Logging:Console:FormatterOptions:SingleLine=true >"$SERVER_LOG" 2>&1 &
    APP_PID=$!
    trap 'kill $APP_PID 2>/dev/null || true' EXIT
    for _ in $(seq 1 120); do
      curl -sf "http://127.0.0.1:$PORT/health/ready" >/dev/null && break
      sleep 1
    done

    # Users and tokens (adding an existing user fails
    # harmlessly on a reused database).
    $APP users add --email "bench-prosecutor@example.kz" --role Prosecutor --region "$REGION" --password "Bench-pass-146!" "${ARGS[@]}" \
      --Logging:LogLevel:Default=Warning >/dev/null 2>&1 || true
    $APP users add --email "bench-analyst@example.kz" --role Analyst --password "Bench-pass-146!" "${ARGS[@]}" \
      --Logging:LogLevel:Default=Warning >/dev/null 2>&1 || true
    PROSECUTOR=$($APP tokens issue --email "bench-prosecutor@example.kz" "${ARGS[@]}" --Logging:LogLevel:Default=Warning | tail -1)
    ANALYST=$($APP tokens issue --email "bench-analyst@example.kz" "${ARGS[@]}" --Logging:LogLevel:Default=Warning | tail -1)

    label="$db round $round"
    $BENCH get --url "http://127.0.0.1:$PORT" --token "$ANALYST" --warmup "$WARMUP" --runs "$RUNS" --label "$label" \
      --paths "/api/v1/statistics/funnel?year=$YEAR /api/v1/statistics/funnel?year=$YEAR&region=$REGION /api/v1/statistics/funnel?year=$YEAR&agency=$AGENCY /health/ready" \
      | tee -a "$JSONL"
    $BENCH get --url "http://127.0.0.1:$PORT" --token "$PROSECUTOR" --warmup "$WARMUP" --runs "$RUNS" --label "$label" --paths "/reports" | tee -a "$JSONL"

    kill "$APP_PID"
    wait "$APP_PID" 2>/dev/null || true
    trap - EXIT
    python3 bench/cases/server.py --label "$label" "$SERVER_LOG" | tee -a "$JSONL"
  done
done
echo "load after: $(uptime)" | tee -a "$LOG"
python3 bench/cases/server.py --summary "$JSONL" | tee -a "$LOG"
