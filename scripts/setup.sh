#!/usr/bin/env bash
# Create (or update) the project's virtual environment in .venv and install a requirements file
# into it. Usage: bash scripts/setup.sh [requirements.txt|requirements-dev.txt]
# Needs Python 3.11 or newer. On Debian or Ubuntu it installs python3-venv if venv is missing.
set -euo pipefail
cd "$(dirname "$0")/.."
requirements=${1:-requirements.txt}
python=${PYTHON:-python3}

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
  echo "The guide needs Python 3.11 or newer; $python is $("$python" --version 2>&1)." >&2
  exit 1
fi

if [ ! -x .venv/bin/python ]; then
  if ! "$python" -m venv .venv 2>/dev/null; then
    echo "Installing the python3-venv package (needed to create .venv)..."
    rm -rf .venv
    as_root apt-get update -qq
    version=$("$python" -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv "python$version-venv" \
      || as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv
    "$python" -m venv .venv
  fi
fi

# Reinstall only when a requirements file changed since the last install.
stamp=".venv/.installed-$(basename "$requirements")"
digest=$(cat requirements.txt requirements-dev.txt constraints.txt pyproject.toml | sha256sum | cut -d' ' -f1)
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$digest" ]; then
  echo "Installing $requirements into .venv (first run takes a few minutes)..."
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -r "$requirements"
  echo "$digest" > "$stamp"
fi
