#!/usr/bin/env bash
# The second README command: install what is missing (PostgreSQL/PostGIS included), build with
# warnings as errors, generate the demo data, start the private PostGIS, run every test.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
"$root/scripts/install-deps.sh" --test
"$root/scripts/web-deps.sh"
"$root/scripts/build.sh" -DONEMAP_WERROR=ON -DBUILD_TESTING=ON
"$root/scripts/demo-data.sh"
"$root/scripts/postgis.sh" start >/dev/null
cd "$root/build"
ctest --output-on-failure -j"$(nproc)" --timeout 900 "$@"
