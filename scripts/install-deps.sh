#!/usr/bin/env bash
# Installs every Debian package OneMap needs to build, run and test. Idempotent: only
# packages that are missing are installed, so a second run costs a dpkg query.
set -euo pipefail

build_pkgs=(
  build-essential cmake pkg-config git ccache
  libgdal-dev gdal-bin libgeos-dev libproj-dev proj-bin proj-data
  libboost-dev libboost-system-dev libboost-program-options-dev
  nlohmann-json3-dev libyaml-cpp-dev libprotozero-dev libspdlog-dev libfmt-dev zlib1g-dev libdeflate-dev
  libfreetype-dev fonts-wqy-microhei fonts-dejavu-core
  libsqlite3-dev  # township packages' basemap.mbtiles
  libssl-dev  # API key hashes and URL token signatures (libcrypto)
  libpq-dev  # LISTEN for edits in PostGIS sources
  libgtest-dev googletest
  python3 python3-gdal python3-shapely python3-numpy
)
test_pkgs=(
  postgresql postgresql-15-postgis-3 postgis curl
  nginx-light  # cluster.replicas: replicas behind the shipped nginx template (scripts/cluster.sh)
  chromium  # the web map's browser tests (driven by playwright-core from npm)
  python3-qgis  # QGIS opens a township package (tests/integration/test_township_package_qgis.py)
  clang libclang-rt-14-dev llvm-14  # the fuzz targets (scripts/fuzz.sh): libFuzzer, ASan, UBSan, llvm-symbolizer
  clang-format-14 flake8  # lint.* (scripts/lint.sh): C++ formatting, Python; one clang-format version, one output
)

bench_pkgs=(
  "${test_pkgs[@]}" wrk
  linux-perf  # bench/perf_tiles.sh
  pngquant    # bench/thinning_screenshots.sh: the docs' screenshots in 256 colours
)

want=("${build_pkgs[@]}")
case "${1:-}" in
  --test) want+=("${test_pkgs[@]}") ;;
  --bench) want+=("${bench_pkgs[@]}") ;;
esac

# Node.js and npm install the web map's packages (scripts/web-deps.sh); playwright-core wants
# Node 20. A machine that already has a node keeps it. Only nodejs is asked for here: where the
# registry's nodejs is NodeSource's 20 it carries npm and conflicts with Debian's npm package,
# which is added below only if npm is still missing afterwards (Debian's own nodejs 18).
command -v node >/dev/null 2>&1 || want+=(nodejs)

missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
else
  echo "install-deps: all packages present"
fi

if ! command -v npm >/dev/null 2>&1; then
  echo "install-deps: installing npm"
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO=sudo
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends npm
fi
