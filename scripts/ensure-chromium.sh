#!/usr/bin/env bash
# Makes sure a Chromium exists for the Playwright tests. Playwright cannot download
# its own browsers here, so we use Debian's package (or $CHROMIUM_PATH if set).
set -euo pipefail

if [[ -n "${CHROMIUM_PATH:-}" && -x "${CHROMIUM_PATH}" ]]; then
  exit 0
fi
if [[ -x /usr/bin/chromium ]]; then
  exit 0
fi

if [[ "$(id -u)" -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "ensure-chromium: Chromium not found; installing Debian's chromium package..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y chromium
  exit 0
fi

cat >&2 <<'MSG'
ensure-chromium: no Chromium found for the browser tests.
  Install it as root:   sudo apt-get update && sudo apt-get install -y chromium
  or point the tests at an existing Chromium/Chrome binary:
                        export CHROMIUM_PATH=/path/to/chromium
MSG
exit 1
