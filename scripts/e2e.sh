#!/usr/bin/env bash
# End-to-end tests against the production build in a real Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-chromium.sh
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
npx vite build --logLevel warn --outDir "${E2E_OUT_DIR:-dist}"
npx playwright test "$@"
