#!/usr/bin/env bash
# Debian's Chromium for the browser tests (Playwright drives it by path; it never downloads one).
set -euo pipefail
cd "$(dirname "$0")"
./debian-package.sh /usr/bin/chromium chromium chromium-driver fonts-dejavu-core
/usr/bin/chromium --version
