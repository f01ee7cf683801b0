#!/usr/bin/env bash
# Set everything up and run every test: unit tests, data contract, notebooks, the strict build,
# and the built site in headless Chromium. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements-dev.txt
bash scripts/install-chromium.sh
bash scripts/install-node.sh
npm ci --no-audit --no-fund --silent   # axe-core, for the accessibility tests
.venv/bin/ruff check .
.venv/bin/python -m pytest "$@"
