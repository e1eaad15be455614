#!/usr/bin/env bash
# Playwright cannot download its own browser here: the e2e tests drive Debian's Chromium.
# Safe to run twice at once (CI starts it early in the background): the second run waits for the
# first under a lock, then finds Chromium installed.
set -euo pipefail
CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
# The lock comes first: a half-installed Chromium is already on its path while apt configures it.
if command -v flock >/dev/null; then
  exec 9>"${TMPDIR:-/tmp}/netpol-designer-chromium.lock"
  flock 9
fi
if [ -x "$CHROMIUM_PATH" ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "Installing Debian's chromium for the end-to-end tests..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
else
  echo "Chromium not found at $CHROMIUM_PATH. Install it (e.g. 'sudo apt-get install chromium') or set CHROMIUM_PATH." >&2
  exit 1
fi
