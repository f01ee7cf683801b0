#!/usr/bin/env bash
# Refresh the widget JavaScript the built site serves from its own _static folder.
# Versions are pinned here; bump them together with ipywidgets in requirements.txt.
# Needs npm (only to download the two packages' tarballs from the npm registry).
set -euo pipefail
REQUIREJS_VERSION=2.3.8
HTML_MANAGER_VERSION=1.0.15   # the @jupyter-widgets/html-manager 1.x that pairs with ipywidgets 8

here=$(cd "$(dirname "$0")/.." && pwd)
dest="$here/src/coproduce/static/vendor"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$work"
npm pack --silent "requirejs@$REQUIREJS_VERSION" "@jupyter-widgets/html-manager@$HTML_MANAGER_VERSION" >/dev/null
mkdir rjs hm
tar xzf "requirejs-$REQUIREJS_VERSION.tgz" -C rjs --strip-components=1
tar xzf "jupyter-widgets-html-manager-$HTML_MANAGER_VERSION.tgz" -C hm --strip-components=1

rm -rf "$dest"
mkdir -p "$dest/requirejs" "$dest/html-manager"
cp rjs/require.js "$dest/requirejs/require.js"
# embed-amd.js plus the Font Awesome files its CSS points at (same folder, found via the script URL).
find hm/dist -maxdepth 1 -type f \( -name 'embed-amd.js' -o -name '*.woff2' -o -name '*.woff' \
  -o -name '*.ttf' -o -name '*.eot' -o -name '*.svg' \) -exec cp {} "$dest/html-manager/" \;
cp hm/dist/embed.js.LICENSE.txt "$dest/html-manager/THIRD-PARTY-NOTICES.txt"
cat > "$dest/requirejs/LICENSE" <<'LIC'
MIT License

Copyright jQuery Foundation and other contributors, https://jquery.org/

This software consists of voluntary contributions made by many individuals. For exact
contribution history, see the revision history available at https://github.com/requirejs/requirejs

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and
associated documentation files (the "Software"), to deal in the Software without restriction,
including without limitation the rights to use, copy, modify, merge, publish, distribute,
sublicense, and/or sell copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all copies or
substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR IMPLIED, INCLUDING BUT
NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS FOR A PARTICULAR PURPOSE AND
NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM,
DAMAGES OR OTHER LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT
OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.
LIC
cat > "$dest/html-manager/LICENSE" <<'LIC'
BSD 3-Clause License (@jupyter-widgets/html-manager, part of ipywidgets)

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

The bundle also contains Font Awesome 4 (fonts under the SIL Open Font License 1.1, CSS under the
MIT License, https://fontawesome.com/license/free) and the libraries listed in
THIRD-PARTY-NOTICES.txt, each under the licence named there.
LIC
printf 'requirejs %s\n@jupyter-widgets/html-manager %s\n' "$REQUIREJS_VERSION" "$HTML_MANAGER_VERSION" > "$dest/VERSIONS.txt"
echo "Vendored into $dest:"; cat "$dest/VERSIONS.txt"
