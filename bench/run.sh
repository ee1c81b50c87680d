#!/usr/bin/env bash
# Aigaq benchmarks: registrations through the full HTTP path on PostgreSQL and SQLite, the plain
# Npgsql floor, and registration-to-SMTP delivery. Results: bench/results/*.jsonl and a summary.
# Usage: bench/run.sh [runs=3] [seconds=60]; PARTS="smtp pg sqlite" picks the parts to run; PARTS=mail runs
# registrations with mail delivering, most in one region, beside the floor (issue 19, item 1; not in the default).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${1:-3}
SECONDS_PER_RUN=${2:-60}
PG_RATE=${PG_RATE:-1000}
SQLITE_RATE=${SQLITE_RATE:-300}
SMTP_RATE=${SMTP_RATE:-50}
# Offered rates of the saturation loads: each must be above what the part can take, or it measures the offer.
MAX_RATE=${MAX_RATE:-4000}
FLOOR_MAX_RATE=${FLOOR_MAX_RATE:-12000}
SQLITE_MAX_RATE=${SQLITE_MAX_RATE:-2000}
# The mail part: the share of registrations in the busy region, its connections, and its fixed rate besides 0.3 of
# the floor's saturation.
HOT_PERCENT=${HOT_PERCENT:-80}
MAIL_CONCURRENCY=${MAIL_CONCURRENCY:-32}
MAIL_RATE=${MAIL_RATE:-100}
PARTS=${PARTS:-"smtp pg sqlite"}
has() { [[ " $PARTS " == *" $1 "* ]]; }
OUT=${OUT:-bench/results}
mkdir -p "$OUT"
PG_ADMIN=${AIGAQ_BENCH_PG:-"Host=127.0.0.1;Username=aigaq;Password=aigaq"}
# Loopback: no TLS for the application and the floor alike (the server's self-signed TLS would
# cost both sides CPU on this one machine, and a deployment decides it in its connection string).
# BENCH_DB and URL let two benchmarks share the machine without sharing a database or a port.
DB=${BENCH_DB:-aigaq_bench}
PG="$PG_ADMIN;Database=$DB;Maximum Pool Size=100;SSL Mode=Disable"
URL=${URL:-http://127.0.0.1:5100}

if [ "${BUILD:-1}" = 1 ]; then dotnet build -c Release src/Aigaq >/dev/null
dotnet build -c Release bench/Aigaq.Bench >/dev/null; fi
# APP may name another build of the application (an A/B in the same minutes); BUILD=0 skips the builds.
APP=${APP:-"dotnet src/Aigaq/bin/Release/net10.0/aigaq.dll"}
BENCH="dotnet bench/Aigaq.Bench/bin/Release/net10.0/Aigaq.Bench.dll"
QUIET=(--Logging:LogLevel:Default=Warning --Logging:LogLevel:Microsoft.AspNetCore=Warning)

# The load generator's SMTP sink listens on a loopback port picked free just before each part starts (SMTP_PORT fixes
# one instead); the application is told the same port, so two runs on one machine do not collide.
SMTP_PORT_FIXED=${SMTP_PORT:-}
free_port() { python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }

pid=""
stop() { [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; pid=""; }
trap stop EXIT

start() { # start ARGS... : serve and wait until ready
  $APP serve --urls $URL "${QUIET[@]}" "$@" >"$OUT/app.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do curl -sf $URL/health/ready >/dev/null && return 0; sleep 0.2; done
  echo "app did not start"; cat "$OUT/app.log"; exit 1
}

REGIONS="KZ-71 KZ-75 KZ-79 KZ-10 KZ-11 KZ-15 KZ-19 KZ-23 KZ-27 KZ-31 KZ-33 KZ-35 KZ-39 KZ-43 KZ-47 KZ-55 KZ-59 KZ-61 KZ-62 KZ-63"
setup() { # setup ARGS... : users, tokens and one facility per region; writes $OUT/facilities.json and $OUT/tokens.json
  # (each region's officer's token: an officer registers in their own region only), sets TOKEN (KZ-75's officer)
  $APP db migrate "${QUIET[@]}" "$@" >/dev/null
  $APP users add --email admin@bench --role Administrator --password bench-password-1 "${QUIET[@]}" "$@" >/dev/null
  echo "{" >"$OUT/tokens.json"
  first=1
  for r in $REGIONS; do
    $APP users add --email "officer-$r@bench" --role Officer --region $r --password bench-password-1 "${QUIET[@]}" "$@" >/dev/null
    $APP users add --email "prosecutor-$r@bench" --role Prosecutor --region $r --password bench-password-1 "${QUIET[@]}" "$@" >/dev/null
    t=$($APP tokens issue --email "officer-$r@bench" "${QUIET[@]}" "$@")
    [ $first = 1 ] || echo "," >>"$OUT/tokens.json"; first=0
    echo "\"$r\": \"$t\"" >>"$OUT/tokens.json"
    if [ "$r" = KZ-75 ]; then TOKEN=$t; fi
  done
  echo "}" >>"$OUT/tokens.json"
  ADMIN=$($APP tokens issue --email admin@bench "${QUIET[@]}" "$@")
  start "$@"
  echo "{" >"$OUT/facilities.json"
  first=1
  for r in $REGIONS; do
    id=$(curl -sf -H "Authorization: Bearer $ADMIN" -H 'Content-Type: application/json' $URL/api/v1/facilities \
      -d "{\"name\":\"ИВС $r\",\"type\":\"policeHoldingCell\",\"region\":\"$r\",\"agency\":\"police\",\"address\":\"$r\",\"acceptsMinors\":false}" \
      | python3 -c 'import json,sys; print(json.load(sys.stdin)["id"])')
    [ $first = 1 ] || echo "," >>"$OUT/facilities.json"; first=0
    echo "\"$r\": \"$id\"" >>"$OUT/facilities.json"
  done
  echo "}" >>"$OUT/facilities.json"
  stop
}

measure() { # measure FILE DB ARGS... : one load, with CPU per registration and load average added to its line
  local file=$1 db=$2; shift 2
  python3 bench/cpu.py snap "$pid" "$db" >"$OUT/cpu-before.json"
  $BENCH http "$@" | python3 bench/cpu.py add "$OUT/cpu-before.json" "$pid" "$db" | tee -a "$file"
}

fresh_pg() {
  psql "postgresql://aigaq:aigaq@127.0.0.1/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB" >/dev/null
}

for part in $PARTS; do
  case $part in
    smtp) : >"$OUT/smtp.jsonl" ;;
    pg) : >"$OUT/pg-500.jsonl"; : >"$OUT/pg.jsonl"; : >"$OUT/npgsql.jsonl"; : >"$OUT/pg-max.jsonl"; : >"$OUT/npgsql-max.jsonl" ;;
    sqlite) : >"$OUT/sqlite.jsonl"; : >"$OUT/sqlite-max.jsonl" ;;
    mail) : >"$OUT/mail-floor.jsonl"; : >"$OUT/mail-max.jsonl"; : >"$OUT/mail-03.jsonl"; : >"$OUT/mail-rate.jsonl" ;;
  esac
done
PGARGS=(--Aigaq:Database:Provider=Postgres "--ConnectionStrings:Aigaq=$PG")

for run in $(seq 1 "$RUNS"); do
  if has smtp || has pg; then fresh_pg; setup "${PGARGS[@]}"; fi
  if has smtp; then
  echo "== run $run: PostgreSQL, registration to SMTP delivery"
  SMTP_PORT=${SMTP_PORT_FIXED:-$(free_port)}
  start "${PGARGS[@]}" --Aigaq:Smtp:Host=127.0.0.1 --Aigaq:Smtp:Port=$SMTP_PORT --Aigaq:Smtp:Tls=None
  $BENCH http --url $URL --token "$TOKEN" --tokens "$OUT/tokens.json" --facilities "$OUT/facilities.json" --rate "$SMTP_RATE" --seconds 30 --concurrency 64 --smtp-port $SMTP_PORT | tee -a "$OUT/smtp.jsonl"
  stop
  fi

  if has pg; then
  echo "== run $run: PostgreSQL, registrations"
  start "${PGARGS[@]}"
  measure "$OUT/pg.jsonl" "$DB" --url $URL --token "$TOKEN" --tokens "$OUT/tokens.json" --facilities "$OUT/facilities.json" --rate "$PG_RATE" --seconds "$SECONDS_PER_RUN" --concurrency 64 --checkpoints 1
  measure "$OUT/pg-500.jsonl" "$DB" --url $URL --token "$TOKEN" --tokens "$OUT/tokens.json" --facilities "$OUT/facilities.json" --rate 500 --seconds 30 --concurrency 64 --checkpoints 1 --warmup 5
  measure "$OUT/pg-max.jsonl" "$DB" --url $URL --token "$TOKEN" --tokens "$OUT/tokens.json" --facilities "$OUT/facilities.json" --rate "$MAX_RATE" --seconds 10 --concurrency 64 --warmup 5
  stop
  $BENCH npgsql --conn "$PG" --rate "$PG_RATE" --seconds "$SECONDS_PER_RUN" --concurrency 64 | tee -a "$OUT/npgsql.jsonl"
  $BENCH npgsql --conn "$PG" --rate "$FLOOR_MAX_RATE" --seconds 10 --concurrency 64 --warmup 5 | tee -a "$OUT/npgsql-max.jsonl"

  fi

  if has mail; then
  echo "== run $run: PostgreSQL, registrations with a relative's e-mail delivered, $HOT_PERCENT% in KZ-75, beside the floor"
  # REUSE=1 copies the database as set up once (users, tokens, facilities: minutes of process starts on a loaded
  # machine) from a template kept beside it, instead of setting it up again.
  TPL=${TEMPLATE_DIR:-$OUT}; mkdir -p "$TPL"
  if [ "${REUSE:-0}" = 1 ] && [ -s "$TPL/template.token" ] && [ -s "$TPL/template.tokens.json" ] && psql "postgresql://aigaq:aigaq@127.0.0.1/postgres" -tAc \
      "select 1 from pg_database where datname = '${DB}_template'" | grep -q 1; then
    psql "postgresql://aigaq:aigaq@127.0.0.1/postgres" -qc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB TEMPLATE ${DB}_template" >/dev/null
    TOKEN=$(cat "$TPL/template.token"); cp "$TPL/template.facilities.json" "$OUT/facilities.json"
    cp "$TPL/template.tokens.json" "$OUT/tokens.json"
  else
    fresh_pg; setup "${PGARGS[@]}"
    psql "postgresql://aigaq:aigaq@127.0.0.1/postgres" -qc "DROP DATABASE IF EXISTS ${DB}_template" -c "CREATE DATABASE ${DB}_template TEMPLATE $DB" >/dev/null
    echo "$TOKEN" >"$TPL/template.token"; cp "$OUT/facilities.json" "$TPL/template.facilities.json"
    cp "$OUT/tokens.json" "$TPL/template.tokens.json"
  fi
  # The floor first, in the same minutes: its saturation sets the fixed rate of 0.3 of it.
  $BENCH npgsql --conn "$PG" --rate "$FLOOR_MAX_RATE" --seconds 10 --concurrency 64 --warmup 5 | tee -a "$OUT/mail-floor.jsonl"
  FLOOR=$(tail -1 "$OUT/mail-floor.jsonl" | python3 -c 'import json,sys; print(int(json.load(sys.stdin)["Throughput"]))')
  RATE03=$(( FLOOR * 3 / 10 ))
  SMTP_PORT=${SMTP_PORT_FIXED:-$(free_port)}
  MAIL=(--url $URL --token "$TOKEN" --tokens "$OUT/tokens.json" --facilities "$OUT/facilities.json" --smtp-port $SMTP_PORT --hot-region KZ-75 --hot-percent "$HOT_PERCENT" --concurrency "$MAIL_CONCURRENCY")
  start "${PGARGS[@]}" --Aigaq:Smtp:Host=127.0.0.1 --Aigaq:Smtp:Port=$SMTP_PORT --Aigaq:Smtp:Tls=None
  measure "$OUT/mail-rate.jsonl" "$DB" "${MAIL[@]}" --rate "$MAIL_RATE" --seconds 30
  if [ -n "${PROFILE:-}" ]; then
    # PROFILE=1: 20 s of the 0.3 load (after its warm-up) sampled by dotnet-trace (on PATH, or DOTNET_TRACE) and
    # PostgreSQL's waits sampled every 100 ms; read with `dotnet-trace report FILE topN` and the JSON.
    ( sleep 13; ${DOTNET_TRACE:-dotnet-trace} collect -p "$pid" --duration 00:00:00:20 \
        -o "$OUT/mail-03-run$run.nettrace" >"$OUT/trace.log" 2>&1 ) &
    samplers=$!
    ( sleep 13; python3 bench/pgwaits.py "$DB" 20 >"$OUT/mail-03-waits-run$run.json" ) &
    samplers="$samplers $!"
  fi
  measure "$OUT/mail-03.jsonl" "$DB" "${MAIL[@]}" --rate "$RATE03" --seconds 30 --warmup 10
  [ -n "${PROFILE:-}" ] && wait $samplers
  measure "$OUT/mail-max.jsonl" "$DB" "${MAIL[@]}" --rate "$MAX_RATE" --seconds 10 --warmup 5
  stop
  fi

  if has sqlite; then
  echo "== run $run: SQLite"
  rm -rf /tmp/aigaq-bench-sqlite
  SQ=(--Aigaq:DataDir=/tmp/aigaq-bench-sqlite)
  setup "${SQ[@]}"
  start "${SQ[@]}"
  measure "$OUT/sqlite.jsonl" /tmp/aigaq-bench-sqlite/aigaq.db --url $URL --token "$TOKEN" --tokens "$OUT/tokens.json" --facilities "$OUT/facilities.json" --rate "$SQLITE_RATE" --seconds "$SECONDS_PER_RUN" --concurrency 64
  measure "$OUT/sqlite-max.jsonl" /tmp/aigaq-bench-sqlite/aigaq.db --url $URL --token "$TOKEN" --tokens "$OUT/tokens.json" --facilities "$OUT/facilities.json" --rate "$SQLITE_MAX_RATE" --seconds 10 --concurrency 64 --warmup 5
  stop
  fi
done

python3 bench/summarize.py "$OUT"
