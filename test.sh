#!/usr/bin/env bash
# Runs every test project of the solution and ends with one line: "N passed, N failed, N skipped".
# Extra arguments go to `dotnet test` (e.g. ./test.sh -c Release --no-build, or --filter ...).
# PostgreSQL tests use AIGAQ_TEST_PG (default Host=127.0.0.1;Username=aigaq;Password=aigaq).
set -uo pipefail
cd "$(dirname "$0")"

results="$PWD/TestResults/run"
rm -rf "$results"
mkdir -p "$results"

# -m:1: one test assembly at a time; on 2 cores the browser tests time out when they share the CPU.
dotnet test Aigaq.slnx -m:1 --logger "trx" --results-directory "$results" "$@"
rc=$?

passed=0
failed=0
skipped=0
shopt -s nullglob
for trx in "$results"/*.trx "$results"/*/*.trx; do
    counters=$(grep -o '<Counters [^>]*>' "$trx" || true)
    [ -n "$counters" ] || continue
    value() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]\+' || echo 0; }
    passed=$((passed + $(value passed)))
    failed=$((failed + $(value failed) + $(value error) + $(value timeout) + $(value aborted)))
    skipped=$((skipped + $(value notExecuted)))
done

if [ "$rc" -ne 0 ] && [ "$failed" -eq 0 ]; then
    # The run broke before tests could report (a build error, a crashed host): count it as a failure.
    failed=1
fi

if [ $((passed + failed)) -eq 0 ]; then
    echo "no test ran" >&2
    failed=1
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ] && [ "$rc" -eq 0 ]
