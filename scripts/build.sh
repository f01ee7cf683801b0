#!/usr/bin/env bash
# Set everything up and build the site, strictly: any warning fails the build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements.txt
.venv/bin/jupyter-book build . -W -n --keep-going
echo
echo "Built. Open $(pwd)/_build/html/index.html in a web browser."
