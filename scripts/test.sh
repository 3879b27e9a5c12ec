#!/usr/bin/env bash
# The whole suite: types, unit and integration tests (real PostgreSQL), then end-to-end in Chromium.
set -euo pipefail
echo "== Type check"
npx tsc --noEmit
echo "== Unit and integration tests"
npx vitest run
echo "== End-to-end tests"
bash scripts/e2e.sh
