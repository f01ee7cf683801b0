#!/usr/bin/env bash
# Rebuild the widget JavaScript the built site serves from its own _static folder.
#
# scripts/widget-manager/entry.js is a small widget manager (what @jupyter-widgets/html-manager's
# embed script does, without the Output widget, JupyterLab's rendermime, the ipywidgets 7 models,
# the schema validator, require.js and Font Awesome 5). This script bundles it with esbuild from
# the ipywidgets 8 packages pinned in scripts/widget-manager/package-lock.json (npm ci, so every
# run uses the same versions), and writes into src/coproduce/static/vendor/widgets/:
#   widget-manager.min.js and .css  the bundle and its stylesheet (widget pages load both);
#   THIRD-PARTY-NOTICES.txt         every bundled package with its version, licence and licence text;
#   LICENSE, VERSIONS.txt           ipywidgets' licence; the package versions in the bundle.
# Run it after changing the versions in scripts/widget-manager/package.json (keep
# @jupyter-widgets/controls the one ipywidgets in requirements.txt ships: tests check it).
# Needs npm (only to download the packages from the npm registry).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
src="$here/scripts/widget-manager"
dest="$here/src/coproduce/static/vendor/widgets"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cp "$src/package.json" "$src/package-lock.json" "$src/entry.js" "$work/"
cd "$work"
npm ci --no-audit --no-fund --silent
npx esbuild entry.js --bundle --minify --format=iife --target=es2017 \
  --legal-comments=none --log-level=warning --metafile=meta.json \
  --outfile=widget-manager.min.js

rm -rf "$dest" "$here/src/coproduce/static/vendor/html-manager" \
  "$here/src/coproduce/static/vendor/requirejs" "$here/src/coproduce/static/vendor/VERSIONS.txt"
mkdir -p "$dest"
{
  printf '/* The co-production guide'"'"'s widget manager (scripts/widget-manager/entry.js), bundled by\n'
  printf '   scripts/vendor_widget_js.sh. Licences: see THIRD-PARTY-NOTICES.txt beside this file. */\n'
  cat widget-manager.min.js
} > "$dest/widget-manager.min.js"
cp widget-manager.min.css "$dest/widget-manager.min.css"

# One entry per npm package that has code in the bundle: name, version, licence, licence text.
node - "$dest" <<'NODE'
const fs = require("fs");
const path = require("path");
const dest = process.argv[2];
const meta = JSON.parse(fs.readFileSync("meta.json", "utf8"));
const dirs = new Set();
for (const output of Object.values(meta.outputs)) {
  for (const [input, info] of Object.entries(output.inputs || {})) {
    const match = input.match(/^((?:[^(][^:]*\/)?node_modules\/(?:@[^/]+\/)?[^/]+)\//);
    if (match && info.bytesInOutput > 0) dirs.add(match[1]);
  }
}
const entries = [...dirs]
  .map((dir) => ({ dir, pkg: JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) }))
  .sort((a, b) => a.pkg.name.localeCompare(b.pkg.name));
const parts = [
  "Packages bundled into widget-manager.min.js and widget-manager.min.css, each under its own licence.\n",
];
const versions = [];
for (const { dir, pkg } of entries) {
  versions.push(`${pkg.name} ${pkg.version}`);
  const licence = fs.readdirSync(dir).find((name) => /^(licen[cs]e|copying)/i.test(name));
  const text = licence
    ? fs.readFileSync(path.join(dir, licence), "utf8").trim()
    : `The package ships no licence file; its package.json declares ${pkg.license}.`;
  parts.push(`\n${"=".repeat(78)}\n${pkg.name} ${pkg.version} (${pkg.license || "see text"})\n${"=".repeat(78)}\n${text}\n`);
}
fs.writeFileSync(path.join(dest, "THIRD-PARTY-NOTICES.txt"), parts.join(""));
fs.writeFileSync(path.join(dest, "VERSIONS.txt"), versions.join("\n") + "\n");
NODE
cat > "$dest/LICENSE" <<'LIC'
BSD 3-Clause License (the ipywidgets JavaScript packages @jupyter-widgets/base, base-manager and
controls; the guide's entry.js that uses them is under the same licence)

Copyright (c) 2015 Project Jupyter Contributors
All rights reserved.

Redistribution and use in source and binary forms, with or without modification, are permitted
provided that the following conditions are met:

1. Redistributions of source code must retain the above copyright notice, this list of
   conditions and the following disclaimer.

2. Redistributions in binary form must reproduce the above copyright notice, this list of
   conditions and the following disclaimer in the documentation and/or other materials provided
   with the distribution.

3. Neither the name of the copyright holder nor the names of its contributors may be used to
   endorse or promote products derived from this software without specific prior written
   permission.

THIS SOFTWARE IS PROVIDED BY THE COPYRIGHT HOLDERS AND CONTRIBUTORS "AS IS" AND ANY EXPRESS OR
IMPLIED WARRANTIES, INCLUDING, BUT NOT LIMITED TO, THE IMPLIED WARRANTIES OF MERCHANTABILITY AND
FITNESS FOR A PARTICULAR PURPOSE ARE DISCLAIMED. IN NO EVENT SHALL THE COPYRIGHT HOLDER OR
CONTRIBUTORS BE LIABLE FOR ANY DIRECT, INDIRECT, INCIDENTAL, SPECIAL, EXEMPLARY, OR CONSEQUENTIAL
DAMAGES (INCLUDING, BUT NOT LIMITED TO, PROCUREMENT OF SUBSTITUTE GOODS OR SERVICES; LOSS OF USE,
DATA, OR PROFITS; OR BUSINESS INTERRUPTION) HOWEVER CAUSED AND ON ANY THEORY OF LIABILITY, WHETHER
IN CONTRACT, STRICT LIABILITY, OR TORT (INCLUDING NEGLIGENCE OR OTHERWISE) ARISING IN ANY WAY OUT
OF THE USE OF THIS SOFTWARE, EVEN IF ADVISED OF THE POSSIBILITY OF SUCH DAMAGE.

The bundle also contains the libraries listed in THIRD-PARTY-NOTICES.txt, each under the
licence named there.
LIC
echo "Vendored the widget manager into $dest:"
ls -l "$dest"
