#!/usr/bin/env bash
# The server the end-to-end tests talk to: a production build on its own, new embedded database,
# served by two web worker processes (WEB_CONCURRENCY) as in production on two cores, so every
# journey also shows that sessions, forms and exams work whichever process answers a request.
set -euo pipefail
export DATA_DIR="${E2E_DATA_DIR:-./data-e2e}" PORT="${E2E_PORT:-3100}" EMBEDDED_PG_PORT="${E2E_PG_PORT:-54331}" NODE_ENV=production
export WEB_CONCURRENCY="${E2E_WEB_CONCURRENCY:-2}"
rm -rf "$DATA_DIR"
exec npx tsx server/index.ts
