#!/usr/bin/env bash
# What the browser tests need: Debian's chromium (apt-get, as `make test` runs as root
# here) and the dashboard's npm libraries vendored into the package (npm ci from
# src/marsad/web/package-lock.json). Idempotent; a failure leaves the browser tests to
# skip with their reason instead of stopping the suite.
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PY="${1:-$ROOT/.venv/bin/python}"
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) \
      >/dev/null 2>&1 || echo "browser.sh: could not install chromium; browser tests will skip"
  else
    echo "browser.sh: no chromium and no root apt-get; browser tests will skip"
  fi
fi
if command -v npm >/dev/null 2>&1; then
  "$PY" -m marsad.web.build >/dev/null || echo "browser.sh: npm build failed; browser tests will skip"
else
  echo "browser.sh: no npm; browser tests will skip"
fi
exit 0
