#!/usr/bin/env bash
# Configures and builds OneMap into build/ (incremental). Extra arguments go to cmake's
# configure step; ONEMAP_BUILD_TARGET builds one target only (run.sh builds just the server).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# ccache makes rebuilds after a branch switch or in a second work tree cheap.
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
export CCACHE_BASEDIR="$root"
cmake -S "$root" -B "$root/build" -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" "$@" >/dev/null
cmake --build "$root/build" -j"$(nproc)" ${ONEMAP_BUILD_TARGET:+--target "$ONEMAP_BUILD_TARGET"}
