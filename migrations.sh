#!/usr/bin/env bash
# Regenerates a migration for both providers: ./migrations.sh Name
set -euo pipefail
cd "$(dirname "$0")"
name=${1:?usage: migrations.sh Name}
dotnet tool restore >/dev/null
dotnet ef migrations add "$name" --project src/Aigaq --context SqliteAigaqDb --output-dir Data/Migrations/Sqlite
dotnet ef migrations add "$name" --project src/Aigaq --context PostgresAigaqDb --output-dir Data/Migrations/Postgres
