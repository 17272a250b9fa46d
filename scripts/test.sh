#!/usr/bin/env bash
# The second README command: install what is missing (PostgreSQL/PostGIS included), build with
# warnings as errors, generate the demo data, start the private PostGIS, run every test.
#   scripts/test.sh [ctest options]           every test
#   scripts/test.sh --fast [ctest options]    the edit-compile-test loop: the CTest labels unit and
#       lint only (tests/CMakeLists.txt), so no demo data, PostGIS, browser, fuzzing, integration
#       or security runs
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
fast=false
if [[ "${1:-}" == --fast ]]; then
  fast=true
  shift
fi
"$root/scripts/install-deps.sh" --test
"$root/scripts/web-deps.sh"
"$root/scripts/build.sh" -DONEMAP_WERROR=ON -DBUILD_TESTING=ON
if $fast; then
  cd "$root/build"
  exec ctest --output-on-failure -j"$(nproc)" --timeout 900 -L '^(unit|lint)$' "$@"
fi
"$root/scripts/demo-data.sh"
"$root/scripts/postgis.sh" start >/dev/null
cd "$root/build"
ctest --output-on-failure -j"$(nproc)" --timeout 900 "$@"
