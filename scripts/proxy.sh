#!/usr/bin/env bash
# Debian's nginx, the reverse proxy the README recommends (deploy/nginx/), for the tests that
# send requests through it (installed with apt when missing). The tests start their own nginx in
# the foreground; Debian's nginx service is not needed, so it is stopped and disabled if the
# package's scripts started it.
set -euo pipefail
if [ -x /usr/sbin/nginx ]; then
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends nginx-light >/dev/null
if command -v systemctl >/dev/null && systemctl is-active --quiet nginx 2>/dev/null; then
  $SUDO systemctl disable --now nginx >/dev/null 2>&1 || true
fi
/usr/sbin/nginx -v
