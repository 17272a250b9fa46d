#!/usr/bin/env bash
# Builds data/demo/jiyuan.gpkg from the bundled base data, unless it is already newer than
# every file of the generator (scripts/make-demo-data.py and its package scripts/demodata/).
# Deterministic: the same seed always gives the same features.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/data/demo/jiyuan.gpkg"
newest="$(ls -t "$root/scripts/make-demo-data.py" "$root"/scripts/demodata/*.py | head -n 1)"
if [[ -f "$out" && "$out" -nt "$newest" ]]; then exit 0; fi
echo "demo-data: generating $out"
/usr/bin/python3 "$root/scripts/make-demo-data.py" --output "$out"
