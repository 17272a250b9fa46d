#!/usr/bin/env bash
# Installs the web map's npm packages (web/: MapLibre GL JS, terra-draw and its MapLibre adapter),
# the browser tests' (tests/browser/: playwright-core, the MapLibre style spec) and the JavaScript
# lint's (the repository's root: ESLint, for scripts/lint.sh eslint) and the API
# document's check (tests/api/: swagger-parser), exactly as their
# package-lock.json pin them. A folder is installed again only when its node_modules is missing or
# older than its package-lock.json, so a second run does nothing.
#   scripts/web-deps.sh            every folder
#   scripts/web-deps.sh web        one of them (. for the root)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if ! command -v npm >/dev/null 2>&1; then
  echo "web-deps: npm is not installed (Debian: apt-get install -y nodejs npm)" >&2
  exit 1
fi

dirs=("$@")
[ ${#dirs[@]} -gt 0 ] || dirs=(web tests/browser tests/api .)

for dir in "${dirs[@]}"; do
  path="$root/$dir"
  lock="$path/package-lock.json"
  stamp="$path/node_modules/.package-lock.json"  # npm writes it on every install
  if [ ! -f "$lock" ]; then
    echo "web-deps: $dir/package-lock.json is missing" >&2
    exit 1
  fi
  if [ -f "$stamp" ] && [ ! "$lock" -nt "$stamp" ]; then
    echo "web-deps: $dir is up to date"
    continue
  fi
  echo "web-deps: npm ci in $dir"
  (cd "$path" && npm ci --no-audit --no-fund --loglevel=error)
done
