#!/usr/bin/env bash
# Install headless Chromium and ChromeDriver (Debian/Ubuntu packages) if they are missing.
# The browser tests drive the built site in the real browser; they fail without it.
set -euo pipefail
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
if command -v chromium >/dev/null && command -v chromedriver >/dev/null; then
  exit 0
fi
echo "Installing Chromium and ChromeDriver..."
as_root apt-get update -qq
as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver
