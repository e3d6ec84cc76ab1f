#!/usr/bin/env bash
# Debian's nginx, the reverse proxy the README recommends (deploy/nginx/), for the tests that
# send requests through it (installed with apt when missing). The tests start their own nginx in
# the foreground; Debian's nginx service is not needed, so it is stopped and disabled if the
# package's scripts started it.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x /usr/sbin/nginx ]; then
  ./debian-package.sh /usr/sbin/nginx nginx-light
  if command -v systemctl >/dev/null && systemctl is-active --quiet nginx 2>/dev/null; then
    systemctl disable --now nginx >/dev/null 2>&1 || sudo systemctl disable --now nginx >/dev/null 2>&1 || true
  fi
fi
/usr/sbin/nginx -v
