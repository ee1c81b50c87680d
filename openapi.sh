#!/usr/bin/env bash
# Rewrites docs/openapi/v1.json from the document the application serves, for the generated client of
# tests/Aigaq.ClientTests and the test that compares the two (tests/Aigaq.Tests/Web/OpenApiSnapshotTests.cs).
# Extra arguments go to `dotnet test` (e.g. --no-build).
set -euo pipefail
cd "$(dirname "$0")"
AIGAQ_OPENAPI_REFRESH=1 dotnet test tests/Aigaq.Tests/Aigaq.Tests.csproj --filter "FullyQualifiedName~Aigaq.Tests.Web.OpenApiSnapshotTests" "$@"
git --no-pager diff --stat -- docs/openapi/v1.json
