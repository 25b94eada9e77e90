#!/usr/bin/env bash
# The browser tests drive Debian's Chromium. Install it when it is missing and
# we may (root on Debian); never download a browser build of a test tool's own.
set -euo pipefail
browser="${WHYRELU_CHROMIUM:-/usr/bin/chromium}"
if [[ -x "$browser" ]]; then
  exit 0
fi
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "Installing Chromium from Debian's packages for the browser tests..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium chromium-driver >/dev/null
  exit 0
fi
echo "No Chromium at $browser, and it cannot be installed here (needs root and apt-get)." >&2
echo "Install Chromium or Chrome, then point the tests at it: WHYRELU_CHROMIUM=/path/to/chromium make test" >&2
echo "(The browser tests will fail until then; the other tests run as usual.)" >&2
