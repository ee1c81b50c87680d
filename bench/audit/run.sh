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

# The audit runs from the deployment build (README, "Deploying": ReadyToRun); BUILD=plain times the plain build.
dotnet build -c Release bench/Aigaq.Bench >/dev/null
if [ "${BUILD:-deploy}" = plain ]; then
  APP="dotnet src/Aigaq/bin/Release/net10.0/aigaq.dll"
else
  dotnet publish -c Release -r linux-x64 --self-contained false src/Aigaq -o "$OUT/aigaq" >/dev/null
  APP="dotnet $OUT/aigaq/aigaq.dll"
fi
BENCH="dotnet bench/Aigaq.Bench/bin/Release/net10.0/Aigaq.Bench.dll"

APPARGS=(--Aigaq:DataDir="$DATA" --Aigaq:Database:Provider=Postgres --ConnectionStrings:Aigaq="$PG" --Logging:LogLevel:Default=Warning)

if [ "${REUSE:-0}" = 1 ]; then
  # A reused database must have this build's schema. Migrations this build adds are applied by
  # `aigaq db migrate`; a migration the database has and this build does not know (one regenerated
  # on a merge, under another id) cannot be migrated from, so the database is generated again.
  known=$(ls src/Aigaq/Data/Migrations/Postgres | grep -E '^[0-9]+_.*\.cs$' | grep -v '\.Designer\.cs$' | sed 's/\.cs$//' | sort)
  field() { echo "$PG_ADMIN" | tr ';' '\n' | sed -n "s/^$1=//p"; }
  applied=$(PGPASSWORD=$(field Password) psql -h "$(field Host)" -U "$(field Username)" -d "$DB" -At \
    -c 'SELECT "MigrationId" FROM "__EFMigrationsHistory" ORDER BY 1' 2>/dev/null || echo "no-database")
  unknown=$(comm -23 <(echo "$applied" | sort) <(echo "$known"))
  if [ -n "$unknown" ] || [ ! -d "$DATA/keys" ]; then
    echo "database $DB is not from this build's migrations ($(echo $unknown)) or $DATA is missing: generating it again" >&2
    REUSE=0
  else
    $APP db migrate "${APPARGS[@]}" >/dev/null
  fi
fi

if [ "${REUSE:-0}" != 1 ]; then
  # Generation: migrate, COPY facilities/detentions/contacts/events/entries, integrate (one JSON line).
  $BENCH auditlog --pg "$PG_ADMIN" --db "$DB" --datadir "$DATA" --entries "$ENTRIES" | tee -a "$OUT/auditlog.jsonl"
fi

times=()
for i in $(seq 1 "$RUNS"); do
  # Wall time, and the CPU seconds of the audit process (user+sys; the machine is shared, so wall time
  # depends on what else runs; PostgreSQL's own CPU is not in it).
  /usr/bin/time -f "%e %U %S %M" -o "$OUT/audit-run.time" $APP log audit "${APPARGS[@]}" >"$OUT/audit-run.out" 2>&1 \
    || { cat "$OUT/audit-run.out"; echo "audit failed" >&2; exit 1; }
  read -r t user sys rss <"$OUT/audit-run.time"
  times+=("$t")
  echo "audit run $i: ${t}s wall, $(echo "$user + $sys" | bc)s cpu, $((rss / 1024)) MB max RSS, load $(cut -d' ' -f1 /proc/loadavg) ($(tail -1 "$OUT/audit-run.out"))"
done
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
echo "{\"mode\":\"audit\",\"entries\":$ENTRIES,\"runs\":[$(IFS=,; echo "${times[*]}")],\"median\":$median}" | tee -a "$OUT/audit.jsonl"
