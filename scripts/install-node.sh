#!/usr/bin/env bash
# Install Node.js and npm (Debian/Ubuntu packages) if they are missing. The tests use npm only to
# install axe-core, the accessibility checker, pinned in package.json.
set -euo pipefail
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if command -v node >/dev/null && command -v npm >/dev/null; then
  exit 0
fi
echo "Installing Node.js and npm..."
as_root apt-get update -qq
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm
