#!/usr/bin/env bash
# Set everything up and build the site, strictly: any warning fails the build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements.txt
.venv/bin/jupyter-book build . -W -n --keep-going
# Each Easy Read page and paper form gets its own A4 PDF, printed by headless Chromium.
bash scripts/install-chromium.sh
.venv/bin/python scripts/easyread_pdfs.py _build/html
# The teaching packs (a session plan and a learner handout, A4 PDFs, for each teaching chapter)
# are printed from the built chapters the same way; the site links them.
.venv/bin/python scripts/teaching_packs.py
echo
echo "Built. Open $(pwd)/_build/html/index.html in a web browser."
