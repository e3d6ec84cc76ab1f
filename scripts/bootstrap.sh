#!/usr/bin/env bash
# Create the project's Python 3.10 virtual environment (.venv) and install the locked set.
# Idempotent: re-installs only when requirements.lock changed since the last install.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.venv
STAMP="$VENV/.lock-installed"
UV_VERSION=0.13.8

is_python310() {
  [ -n "$1" ] && "$1" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 10))' >/dev/null 2>&1
}

find_python310() {
  # An explicit choice wins, then pyenv's 3.10.x, then any python3.10 that actually runs.
  local candidates=("${PYTHON310:-}")
  if command -v pyenv >/dev/null 2>&1; then
    candidates+=("$(pyenv prefix 3.10 2>/dev/null)/bin/python")
    local version
    for version in $(pyenv versions --bare 2>/dev/null | grep -E '^3\.10\.' | sort -rV); do
      candidates+=("$(pyenv root)/versions/$version/bin/python")
    done
  fi
  candidates+=("$(command -v python3.10 || true)" /usr/local/bin/python3.10 /usr/bin/python3.10)
  local candidate
  for candidate in "${candidates[@]}"; do
    if is_python310 "$candidate"; then echo "$candidate"; return 0; fi
  done
  return 1
}

if ! is_python310 "$VENV/bin/python"; then
  PY=$(find_python310) || {
    echo "bootstrap: Python 3.10 is required (Rasa 3.6 refuses 3.11). Install it (e.g. 'pyenv install 3.10') or set PYTHON310=/path/to/python3.10." >&2
    exit 1
  }
  echo "bootstrap: creating $VENV with $PY"
  rm -rf "$VENV"
  "$PY" -m venv "$VENV"
fi

if [ -f "$STAMP" ] && cmp -s requirements.lock "$STAMP"; then
  exit 0
fi

if [ ! -x "$VENV/bin/uv" ] || [ "$("$VENV/bin/uv" --version | cut -d' ' -f2)" != "$UV_VERSION" ]; then
  "$VENV/bin/python" -m pip install --quiet "uv==$UV_VERSION"
fi
echo "bootstrap: installing the locked dependencies into $VENV (first run takes a few minutes)"
UV_PYTHON_DOWNLOADS=never "$VENV/bin/uv" pip sync --python "$VENV/bin/python" --require-hashes requirements.lock
# uv pip sync removes what the lock does not list; keep uv itself for the next sync.
"$VENV/bin/python" -m pip install --quiet "uv==$UV_VERSION"
cp requirements.lock "$STAMP"
echo "bootstrap: done"
