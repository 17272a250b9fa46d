#!/usr/bin/env bash
# Where cold tile rendering spends its time (P8), one command: bench/perf_tiles.sh
# OneMap on the large dataset with its tile cache off; wrk fetches the farmland tiles z8–z14 of
# the fixed list (bench/make_tile_list.py) with BENCH_COLD_CONNS connections, each request with
# Accept-Encoding: gzip as browsers send it (BENCH_GZIP=0: without, as bench/tiles_best.sh
# measures against PostGIS), while `perf record` samples the server with call graphs (DWARF
# unwinding: the libraries have no frame pointers) for BENCH_SECONDS. Prints (bench/perf_groups.py)
# self time summed by stage, the top functions, and each step's inclusive share; perf.data and
# both reports stay in ONEMAP_BENCH_DIR.
# Environment: BENCH_SECONDS (20), BENCH_COLD_CONNS (8), BENCH_BUDGET_KB (unset: the default
# budget; 0: nothing thinned), BENCH_ZOOMS ("8 14").
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
secs=${BENCH_SECONDS:-20}
conns=${BENCH_COLD_CONNS:-8}
read -r zmin zmax <<<"${BENCH_ZOOMS:-8 14}"
accept=(-H 'Accept-Encoding: gzip')
[[ ${BENCH_GZIP:-1} == 0 ]] && accept=(-H 'Accept-Encoding: identity')

"$root/scripts/install-deps.sh" --bench >/dev/null
ONEMAP_BUILD_TARGET=onemap "$root/scripts/build.sh" >/dev/null
large="$root/data/bench/large.gpkg"
[[ -f "$large" ]] || /usr/bin/python3 "$root/scripts/make-demo-data.py" --scale 330 --output "$large"
trap 'stop_onemap perf' EXIT

tile_paths farmland "$zmin" "$zmax" >"$work/perf-paths.txt"
write_config "$work/perf.yaml" "tile_cache_mb: 0${BENCH_BUDGET_KB:+, tile_budget_kb: $BENCH_BUDGET_KB}"
start_onemap perf "$work/perf.yaml" --data "$large" --log-level warn
url="http://127.0.0.1:$perf_port"
# One pass over the list first, so the profile shows steady rendering rather than first touches.
while read -r path; do curl -s -o /dev/null "${accept[@]}" "$url$path"; done <"$work/perf-paths.txt"

log "perf record on pid $perf_pid for ${secs}s while wrk fetches cold farmland tiles z$zmin–z$zmax"
wrk_paths "$url" "$work/perf-paths.txt" "$conns" "$((secs + 4))" --timeout 60s "${accept[@]}" >"$work/perf-wrk.txt" &
wrk_pid=$!
sleep 2
perf record --call-graph dwarf,16384 -F 199 -p "$perf_pid" -o "$work/perf.data" -- sleep "$secs" 2>"$work/perf-record.log"
wait "$wrk_pid"
grep -E 'Requests/sec|p50_ms|p99_ms|non2xx' "$work/perf-wrk.txt" >&2

perf report -i "$work/perf.data" --no-children --sort dso,symbol -g none --percent-limit 0 --stdio 2>/dev/null \
  >"$work/perf-self.txt"
perf report -i "$work/perf.data" --children --sort symbol -g none --percent-limit 0.5 --stdio 2>/dev/null \
  >"$work/perf-children.txt"
echo "Cold farmland tiles z$zmin–z$zmax, large dataset, $(date -u +%Y-%m-%d), $(machine); budget ${BENCH_BUDGET_KB:-default} KB; ${accept[*]:1}; $conns connections; $(sed -n 's/^Requests\/sec: *//p' "$work/perf-wrk.txt") tiles/s under perf"
/usr/bin/python3 "$root/bench/perf_groups.py" "$work/perf-self.txt" "$work/perf-children.txt"
