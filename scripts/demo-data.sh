#!/usr/bin/env bash
# Builds data/demo/jiyuan.gpkg from the bundled base data, unless it is already newer than
# the generator. Deterministic: the same seed always gives the same features.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/data/demo/jiyuan.gpkg"
if [[ -f "$out" && "$out" -nt "$root/scripts/make-demo-data.py" ]]; then exit 0; fi
echo "demo-data: generating $out"
/usr/bin/python3 "$root/scripts/make-demo-data.py" --output "$out"
