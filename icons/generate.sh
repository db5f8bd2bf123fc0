#!/usr/bin/env bash
# Makes every icon file from icons/berth.svg: PNGs (16…512), berth.ico (Windows) and berth.icns
# (macOS). The results are committed, so builds never need these tools; run this after editing
# the SVG. Needs rsvg-convert (librsvg2-bin), icotool (icoutils), png2icns (icnsutils); installs
# them with apt when it can.
set -euo pipefail
DIR=$(cd "$(dirname "$0")" && pwd -P)
SVG="$DIR/berth.svg"

tools=(rsvg-convert:librsvg2-bin icotool:icoutils png2icns:icnsutils)
missing=()
for t in "${tools[@]}"; do command -v "${t%%:*}" >/dev/null || missing+=("${t#*:}"); done
if ((${#missing[@]})); then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  else
    echo "icons: missing tools; install them with: sudo apt-get install ${missing[*]}" >&2
    exit 2
  fi
fi

mkdir -p "$DIR/png"
for s in 16 24 32 48 64 128 256 512; do
  rsvg-convert -w "$s" -h "$s" "$SVG" -o "$DIR/png/berth-$s.png"
done
# Windows: small sizes as bitmaps, 256 stored as PNG (as Windows expects for the large size)
icotool -c -o "$DIR/berth.ico" "$DIR"/png/berth-{16,24,32,48,64,128}.png --raw="$DIR/png/berth-256.png"
# macOS: png2icns picks the icon type from each PNG's size
png2icns "$DIR/berth.icns" "$DIR"/png/berth-{16,32,48,128,256,512}.png >/dev/null
ls -l "$DIR/berth.ico" "$DIR/berth.icns" "$DIR"/png/*.png
