#!/usr/bin/env bash
# Install Debian packages with apt unless the program they provide is already there.
#   scripts/debian-package.sh /usr/bin/chromium chromium chromium-driver
# Used by browser.sh and proxy.sh; idempotent, and quiet when nothing is missing.
set -euo pipefail
program="$1"
shift
if [ -x "$program" ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "$@" >/dev/null
