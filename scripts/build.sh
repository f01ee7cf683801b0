#!/usr/bin/env bash
# Set everything up and build the site, strictly: any warning fails the build.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements.txt
.venv/bin/jupyter-book build . -W -n --keep-going
# Each Easy Read page and paper form gets its own A4 PDF, printed by headless Chromium.
bash scripts/install-chromium.sh
.venv/bin/python scripts/easyread_pdfs.py _build/html
# Everything else the site links, so that a site built here has no missing file: the reader's
# edition of the whole guide (A4 PDF), then the offline copy (zip). Making the offline copy
# first prints the teaching packs (a session plan and a learner handout, A4 PDFs, for each
# teaching chapter) from the built chapters the same way.
bash scripts/handout.sh
bash scripts/offline_bundle.sh
echo
echo "Built. Open $(pwd)/_build/html/index.html in a web browser."
