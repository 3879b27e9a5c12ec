#!/usr/bin/env bash
# Builds the app and runs the Playwright suite against a production server on a fresh database.
set -euo pipefail
bash scripts/ensure-chromium.sh
npx remix build >/dev/null
npx playwright test "$@"
