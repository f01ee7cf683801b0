#!/usr/bin/env bash
# Make the A4 handout PDF of the whole guide, as a reader's edition (no code cells, widgets or
# Easy Read pages, which have their own PDFs): build the single-page HTML, then print it with
# headless Chromium. Writes _build/guide-handout.pdf and a copy at _build/html/guide-handout.pdf,
# where the website links to it (build the website first with scripts/build.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh requirements-dev.txt
bash scripts/install-chromium.sh
.venv/bin/jupyter-book build . --builder singlehtml -W -n --keep-going
# Sphinx writes the single page as book/index.html but links its assets from the build root.
cp _build/singlehtml/book/index.html _build/singlehtml/handout.html
.venv/bin/python scripts/handout.py _build/singlehtml/handout.html _build/guide-handout.pdf
mkdir -p _build/html
cp _build/guide-handout.pdf _build/html/guide-handout.pdf
echo "Handout written to $(pwd)/_build/guide-handout.pdf"
