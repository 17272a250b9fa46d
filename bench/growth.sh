#!/usr/bin/env bash
# Growth with the data (P8), one command: bench/growth.sh
# The demo city generated at several scales (scripts/make-demo-data.py --scale N: 3,200 × N
# farmland parcels, 510 × N enterprises, the other layers fixed; scale 330 is the large dataset,
# data/bench/large.gpkg), and for each: the GeoPackage's size; OneMap's start-up time (launch to
# listening, data loaded); its resident memory (VmRSS, VmHWM from /proc/PID/status) after
# start-up and after a citywide screening (every rule, POST /processes/screening/execution
# {"inputs":{}}) and that screening's time; cold farmland tiles/s (tile cache off) and cached
# farmland tiles/s (cache warm, Accept-Encoding: gzip) on the fixed tile list of
# bench/make_tile_list.py (z8–z15), under wrk. Then a markdown table with the same figures per
# million features (and per million features above the first scale, where fixed costs cancel
# out), so linear growth shows as a constant, and memory over the GeoPackage's size.
# Environment: BENCH_GROWTH_SCALES ("1 10 50 330"), BENCH_SECONDS (10), BENCH_COLD_CONNS (8),
# BENCH_HOT_CONNS (64), BENCH_CACHE_MB (4096).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
read -r -a scales <<<"${BENCH_GROWTH_SCALES:-1 10 50 330}"
secs=${BENCH_SECONDS:-10}
cold_conns=${BENCH_COLD_CONNS:-8}
hot_conns=${BENCH_HOT_CONNS:-64}
cache_mb=${BENCH_CACHE_MB:-4096}

"$root/scripts/install-deps.sh" --bench >/dev/null
ONEMAP_BUILD_TARGET=onemap "$root/scripts/build.sh" >/dev/null
trap 'stop_onemap cold; stop_onemap hot' EXIT

mkdir -p "$root/data/bench"
tile_paths farmland 8 15 >"$work/growth-paths.txt"
write_config "$work/growth-cold.yaml" "tile_cache_mb: 0"
write_config "$work/growth-hot.yaml" "tile_cache_mb: $cache_mb"
per_m() { awk -v v="$1" -v n="$2" -v f="${3:-%.1f}" 'BEGIN { printf f, v / (n / 1e6) }'; }
# marginal VALUE FEATURES: per million features above the first scale's (fixed costs cancel out).
marginal() {
  if [[ -z ${first_features:-} || $2 == "$first_features" ]]; then echo "–"; return; fi
  awk -v v="$1" -v v0="$3" -v n="$2" -v n0="$first_features" -v f="$4" 'BEGIN { printf f, (v - v0) / ((n - n0) / 1e6) }'
}

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
rows=()
for scale in "${scales[@]}"; do
  gpkg="$root/data/bench/scale-$scale.gpkg"
  [[ $scale == 330 ]] && gpkg="$root/data/bench/large.gpkg"
  if [[ ! -f "$gpkg" ]]; then
    log "generating the demo city at scale $scale: $gpkg"
    /usr/bin/python3 "$root/scripts/make-demo-data.py" --scale "$scale" --output "$gpkg" 2>"$work/growth-make-$scale.log"
  fi
  features=$(ogrinfo -ro -so -al "$gpkg" | awk -F': ' '/^Feature Count/ {n += $2} END {print n}')
  parcels=$(ogrinfo -ro -so "$gpkg" farmland | sed -n 's/^Feature Count: //p')
  gpkg_mb=$(awk -v b="$(stat -L -c %s "$gpkg")" 'BEGIN { printf "%.1f", b / 1048576 }')

  start_onemap cold "$work/growth-cold.yaml" --data "$gpkg"
  read -r rss0 hwm0 < <(mem_mb "$cold_pid")
  log "scale $scale: citywide screening"
  t0=$(date +%s.%N)
  code=$(curl -s -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' -d '{"inputs":{}}' \
    "http://127.0.0.1:$cold_port/processes/screening/execution")
  screening_s=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')
  [[ $code == 200 ]] || log "WARNING: screening answered $code"
  read -r rss1 hwm1 < <(mem_mb "$cold_pid")
  log "scale $scale: cold farmland tiles, $cold_conns connections, ${secs}s"
  cold_rps=$(wrk_rps "http://127.0.0.1:$cold_port" "$work/growth-paths.txt" "$cold_conns" "$secs" --timeout 60s)
  stop_onemap cold

  start_onemap hot "$work/growth-hot.yaml" --data "$gpkg"
  while read -r path; do curl -s -o /dev/null -H 'Accept-Encoding: gzip' "http://127.0.0.1:$hot_port$path"; done <"$work/growth-paths.txt"
  log "scale $scale: cached farmland tiles (gzip), $hot_conns connections, ${secs}s"
  hot_rps=$(wrk_rps "http://127.0.0.1:$hot_port" "$work/growth-paths.txt" "$hot_conns" "$secs" -H 'Accept-Encoding: gzip')
  stop_onemap hot

  rows+=("| ${scale}× | $features ($parcels parcels) | $gpkg_mb | $cold_start_s | $rss0 / $hwm0 | $rss1 / $hwm1 | $screening_s | $cold_rps | $hot_rps | $(per_m "$gpkg_mb" "$features") | $(per_m "$rss0" "$features" %.0f) / $(per_m "$rss1" "$features" %.0f) | $(marginal "$rss0" "$features" "${first_rss:-}" %.0f) | $(per_m "$cold_start_s" "$features") | $(marginal "$cold_start_s" "$features" "${first_start:-}" %.1f) | $(ratio "$rss0" "$gpkg_mb") / $(ratio "$rss1" "$gpkg_mb") |")
  if [[ -z ${first_features:-} ]]; then first_features=$features first_rss=$rss0 first_start=$cold_start_s; fi
done

{
  echo "Growth, $(date -u +%Y-%m-%d), $(machine); tiles: $(wc -l <"$work/growth-paths.txt") farmland tiles z8–z15, ${secs}s each, cold $cold_conns / cached $hot_conns connections; load average before: $load_before"
  echo
  echo "| scale | features | GeoPackage MB | start-up s | VmRSS / VmHWM after start MB | VmRSS / VmHWM after screening MB | screening s | cold tiles/s | cached gzip tiles/s | GeoPackage MB per M features | VmRSS MB per M features (start / screening) | VmRSS MB per M features above ${scales[0]}× | start-up s per M features | start-up s per M features above ${scales[0]}× | VmRSS / GeoPackage (start / screening) |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} | tee "$work/growth-result.md"
