#!/usr/bin/env bash
# The first README command: install what is missing, build, generate the Jiyuan demo data and
# serve it with the web map on http://localhost:8080/ (arguments are passed to `onemap serve`).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-deps.sh"
"$root/scripts/web-deps.sh" web
ONEMAP_BUILD_TARGET=onemap "$root/scripts/build.sh"
"$root/scripts/demo-data.sh"
exec "$root/build/src/onemap" serve --config "$root/onemap.yaml" "$@"
