#!/usr/bin/env bash
# Refresh the pictures the Easy Read pages and paper forms use: copy only the OpenMoji SVGs
# listed below from the openmoji package on npm into src/coproduce/static/easyread/pictures,
# with the licence (CC BY-SA 4.0) and an attribution file. The site serves them itself.
# Needs npm (only to download the package's tarball from the npm registry).
# To add a picture: add a line "name hexcode" (hexcode as in OpenMoji's color/svg folder),
# run this script and use the name in an {easyread} row.
set -euo pipefail
OPENMOJI_VERSION=17.0.0

# name            OpenMoji hexcode (the emoji it draws)
PICTURES="
heart             2764
people            1F465
together          1F9D1-200D-1F91D-200D-1F9D1
hospital          1F3E5
calendar          1F4C5
smoking           1F6AC
alcohol           1F37A
blood             1FA78
scales            2696
stethoscope       1FA7A
question          2753
say-no            1F645
talk              1F4AC
ladder            1FA9C
handshake         1F91D
idea              1F4A1
clipboard         1F4CB
running           1F3C3
home              1F3E0
chart-up          1F4C8
magnifier         1F50D
report            1F4C4
pencil            270F
face-1            2639
face-2            1F641
face-3            1F610
face-4            1F642
face-5            1F604
printer           1F5A8
back              2B05
target            1F3AF
lock              1F512
art               1F3A8
brain             1F9E0
tick              2705
bar-chart         1F4CA
training          1F393
hourglass         23F3
family            1F46A
map               1F5FA
microphone        1F3A4
bed               1F6CF
door              1F6AA
wheelchair        267F
shield            1F6E1
chair             1FA91
sun               2600
thumbs-up         1F44D
test-tube         1F9EA
book              1F4D6
"

here=$(cd "$(dirname "$0")/.." && pwd)
dest="$here/src/coproduce/static/easyread"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "openmoji@$OPENMOJI_VERSION" >/dev/null \
  && mkdir pkg && tar xzf "openmoji-$OPENMOJI_VERSION.tgz" -C pkg --strip-components=1)

rm -rf "$dest/pictures"
mkdir -p "$dest/pictures"
cp "$work/pkg/LICENSE.txt" "$dest/LICENSE-OpenMoji-CC-BY-SA-4.0.txt"
{
  echo "# Pictures on the Easy Read pages and paper forms"
  echo
  echo "All emojis designed by OpenMoji (https://openmoji.org/), the open-source emoji and icon"
  echo "project. License: CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/), full"
  echo "text in LICENSE-OpenMoji-CC-BY-SA-4.0.txt. Copied unchanged from the npm package"
  echo "openmoji@$OPENMOJI_VERSION (color/svg) by scripts/vendor_easyread_pictures.sh; only the"
  echo "files below are kept, renamed to say what they show."
  echo
  echo "| File | OpenMoji hexcode |"
  echo "| --- | --- |"
} > "$dest/ATTRIBUTION.md"
echo "$PICTURES" | while read -r name hexcode; do
  [ -n "$name" ] || continue
  cp "$work/pkg/color/svg/$hexcode.svg" "$dest/pictures/$name.svg"
  echo "| pictures/$name.svg | $hexcode |" >> "$dest/ATTRIBUTION.md"
done
echo "Vendored $(find "$dest/pictures" -name '*.svg' | wc -l) OpenMoji pictures into $dest"
