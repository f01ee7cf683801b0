#!/usr/bin/env bash
# Rebuild the guide's plotly.js: a partial bundle with only the trace types the guide draws,
# made from the pinned plotly.js package on npm with esbuild, as plotly.js documents for custom
# bundles (plotly.js/lib/core plus one module per trace type). The result is committed in
# src/coproduce/static/vendor/plotly/ with its licence, so building the site needs no network.
#
# Run it after changing TRACES or PLOTLY_JS_VERSION (keep that equal to the plotly.js inside the
# plotly Python package pinned in requirements.txt: tests/test_sphinx_assets.py checks both).
# Needs npm (only to download the two packages from the npm registry).
set -euo pipefail
PLOTLY_JS_VERSION=4.1.1
ESBUILD_VERSION=0.28.2
TRACES=(bar scatterpolar)   # scatter is part of plotly.js/lib/core

here=$(cd "$(dirname "$0")/.." && pwd)
dest="$here/src/coproduce/static/vendor/plotly"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$work"
npm init -y >/dev/null
npm install --no-audit --no-fund --silent --save-exact \
  "plotly.js@$PLOTLY_JS_VERSION" "esbuild@$ESBUILD_VERSION"
{
  echo "var Plotly = require('plotly.js/lib/core');"
  echo "Plotly.register(["
  for trace in "${TRACES[@]}"; do echo "  require('plotly.js/lib/$trace'),"; done
  echo "]);"
  echo "module.exports = Plotly;"
} > entry.js
# The same esbuild settings as plotly.js's own bundles (esbuild-config.js), minified. The map
# traces' stylesheet that core's registry imports is written to a separate .css and not kept.
npx esbuild entry.js --bundle --minify --format=iife --global-name=Plotly \
  --define:global=window --define:define.amd=false --target=es2016 \
  --legal-comments=inline --log-level=warning --outfile=plotly.min.js

mkdir -p "$dest"
{
  printf '/* plotly.js v%s, partial bundle for the co-production guide: core (scatter) + %s.\n' \
    "$PLOTLY_JS_VERSION" "${TRACES[*]}"
  printf '   Built by scripts/vendor_plotly_js.sh. MIT licence: see LICENSE beside this file. */\n'
  cat plotly.min.js
} > "$dest/plotly.min.js"
cp node_modules/plotly.js/LICENSE "$dest/LICENSE"
printf 'plotly.js %s\nesbuild %s\n' "$PLOTLY_JS_VERSION" "$ESBUILD_VERSION" > "$dest/VERSIONS.txt"
printf '%s\n' scatter "${TRACES[@]}" > "$dest/TRACES.txt"
echo "Vendored plotly.js $PLOTLY_JS_VERSION ($(du -h "$dest/plotly.min.js" | cut -f1)) with traces: scatter ${TRACES[*]}"
