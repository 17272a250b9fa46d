#!/usr/bin/env bash
# The tile budget side by side (P8), one command: bench/thinning_screenshots.sh [ARGS...]
# Installs what it needs (Chromium, the web map's and the browser tests' npm packages, pngquant),
# builds OneMap, generates the large dataset if missing, then runs bench/thinning_screenshots.mjs
# (two servers on data/bench/large.gpkg, unthinned and thinned; the web map shot at z9, z11 and
# z13 in Debian's Chromium; docs/images/tile-budget-z{9,11,13}.png) and shrinks the PNGs to 64
# colours with pngquant. ARGS go to the .mjs (--center LON,LAT, --zooms, --size WxH, --out DIR).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

"$root/scripts/install-deps.sh" --bench >/dev/null
"$root/scripts/web-deps.sh" >/dev/null
ONEMAP_BUILD_TARGET=onemap "$root/scripts/build.sh" >/dev/null
large="$root/data/bench/large.gpkg"
[[ -f "$large" ]] || /usr/bin/python3 "$root/scripts/make-demo-data.py" --scale 330 --output "$large"

out="$root/docs/images"
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do [[ ${args[i]} == --out ]] && out=${args[i + 1]}; done
node "$root/bench/thinning_screenshots.mjs" --data "$large" "$@"
for png in "$out"/tile-budget-z*.png; do
  pngquant 64 --force --skip-if-larger --strip --output "$png" -- "$png" || true  # 98/99: already small
  log "$png: $(($(stat -c %s "$png") / 1024)) KB"
done
