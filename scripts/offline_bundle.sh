#!/usr/bin/env bash
# Make the offline bundle: a zip of the built site that works from a USB stick or an intranet
# share, opened straight from disk. Writes _build/guide-offline.zip. Builds the site first if
# it has not been built. Trainers: unzip it anywhere and open START-HERE.html.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -f _build/html/book/index.html ]; then
  bash scripts/build.sh
fi
# The teaching packs go in the bundle too: make them again from the site as it is built now.
bash scripts/install-chromium.sh
.venv/bin/python scripts/teaching_packs.py
bundle=$(mktemp -d)
trap 'rm -rf "$bundle"' EXIT
folder="$bundle/coproduction-guide"
mkdir -p "$folder"
cp -R _build/html/. "$folder/"
rm -rf "$folder/.doctrees" "$folder/.buildinfo"
# Opened from disk, browsers refuse the search page's requests for result snippets (CORS on
# file://), which breaks search: show titles only in the bundle.
sed -i 's/SHOW_SEARCH_SUMMARY: true/SHOW_SEARCH_SUMMARY: false/' "$folder/_static/documentation_options.js"
grep -q 'SHOW_SEARCH_SUMMARY: false' "$folder/_static/documentation_options.js"
cat > "$folder/START-HERE.html" <<'HTML'
<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="refresh" content="0; url=book/index.html">
<title>Co-producing physical health: open the guide</title>
</head>
<body>
<p><a href="book/index.html">Open the guide</a> (it works without an internet connection).</p>
</body>
</html>
HTML
cat > "$folder/README.txt" <<'TXT'
Co-producing physical health with people who live with serious mental illness: offline copy

Open START-HERE.html in a web browser (double-click it). Everything the guide needs is in this
folder: charts, search and the example widgets work without an internet connection. Keep the
folder together: copy the whole folder, not single pages. The handout PDF, if present, is
guide-handout.pdf. Each Easy Read page and paper form has its own A4 PDF beside it, in
book/easy-read. The teaching packs (a session plan and a learner handout for each teaching
chapter) are in the packs folder. Notebooks need Python to run: see the "Using the guide offline" page.
TXT
rm -f _build/guide-offline.zip _build/html/guide-offline.zip
(cd "$bundle" && python3 -m zipfile -c "$OLDPWD/_build/guide-offline.zip" coproduction-guide)
# The published site offers the bundle for download too (made after zipping, so not inside it).
cp _build/guide-offline.zip _build/html/guide-offline.zip
echo "Offline bundle written to $(pwd)/_build/guide-offline.zip ($(du -h _build/guide-offline.zip | cut -f1))"
