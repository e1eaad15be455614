#!/usr/bin/env bash
# Every test: types, unit tests, upstream conformance cases, end-to-end in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
step() { printf '\n=== %s ===\n' "$1"; }
step "typecheck";   npm run --silent typecheck
step "unit tests";  npx vitest run
step "conformance"; npm run --silent conformance
step "end-to-end";  bash scripts/e2e.sh
