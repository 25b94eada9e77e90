#!/usr/bin/env bash
# The browser tests drive Debian's Chromium, and the print test reads the PDF
# with pdftotext (poppler-utils). Install what is missing when we may (root
# on Debian); never download a browser build of a test tool's own.
set -euo pipefail
browser="${WHYRELU_CHROMIUM:-/usr/bin/chromium}"
missing=()
[[ -x "$browser" ]] || missing+=(chromium chromium-driver)
command -v pdftotext >/dev/null || missing+=(poppler-utils)
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi
if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
  echo "Installing ${missing[*]} from Debian's packages for the browser tests..."
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${missing[@]}" >/dev/null
  exit 0
fi
echo "Missing for the browser tests: ${missing[*]}; they cannot be installed here (needs root and apt-get)." >&2
echo "Install Chromium or Chrome and poppler-utils, then point the tests at the browser:" >&2
echo "  WHYRELU_CHROMIUM=/path/to/chromium make test" >&2
echo "(The browser tests will fail until then; the other tests run as usual.)" >&2
