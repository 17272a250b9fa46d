#!/usr/bin/env bash
# Tiles under analysis load, one command: bench/load.sh [large|demo]   (default: large)
# OneMap with a warm tile cache; tile latency (p50, p99) under wrk, every request with
# Accept-Encoding: gzip over a fixed tile list, measured twice with the same wrk settings:
#  1. idle: nothing else asks the server anything;
#  2. under load: meanwhile BENCH_LOAD_LOOPS curl loops keep POSTing citywide analyses, one
#     after the other (loop 1 screening R1, loop 2 zonal-summary, loop 3 screening with every
#     rule, round-robin beyond three), so the worker pool is busy the whole time.
# Heavy routes run on the bounded worker pool, not on the I/O threads, so tiles should stay
# fast: the goal is p99(load) ≤ 3 × p99(idle) with no failed tile. A 503 with Retry-After for a
# process (queue full) is the server's answer by design, counted apart.
# Bounded: every loop stops by itself at the end of the measurement (an analysis still running
# then is cut by curl's --max-time) or after BENCH_LOAD_MAX requests; all traffic to 127.0.0.1.
# Environment: BENCH_SECONDS (30), BENCH_CONNS (16), BENCH_LAYERS (all: the ten-layer composite;
# or one layer id), BENCH_LOAD_LOOPS (3), BENCH_LOAD_MAX (1000 requests per loop),
# BENCH_SERVER (extra onemap.yaml server settings, e.g. "worker_threads: 1").
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
secs=${BENCH_SECONDS:-30}
conns=${BENCH_CONNS:-16}
target=${BENCH_LAYERS:-all}
nloops=${BENCH_LOAD_LOOPS:-3}
max_posts=${BENCH_LOAD_MAX:-1000}
server_extra=${BENCH_SERVER:-}
set_name=${1:-large}
lead=3  # seconds the loops run before wrk starts, so the pool is busy when measuring begins

"$root/scripts/install-deps.sh" --bench >/dev/null
ONEMAP_BUILD_TARGET=onemap "$root/scripts/build.sh" >/dev/null
"$root/scripts/demo-data.sh"
case $set_name in
  demo) gpkg="$root/data/demo/jiyuan.gpkg" ;;
  large)
    gpkg="$root/data/bench/large.gpkg"
    [[ -f "$gpkg" ]] || /usr/bin/python3 "$root/scripts/make-demo-data.py" --scale 330 --output "$gpkg" ;;
  *) echo "usage: bench/load.sh [large|demo]" >&2; exit 2 ;;
esac
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

loop_pids=()
stop_all() {
  local pid
  for pid in "${loop_pids[@]}"; do kill "$pid" 2>/dev/null; done
  [[ -n ${srv_pid:-} ]] && kill "$srv_pid" 2>/dev/null
  return 0
}
trap stop_all EXIT

if [[ $target == all ]]; then
  tile_layers=townships,water_sections,rivers,water_protection_zones,polluted_plots,farmland,enterprises,tailings_ponds,built_up_area,terrain_zones
else
  tile_layers=$target
fi
paths="$work/load-paths-$set_name-$target.txt"
"$root/bench/make_tile_list.py" | sed 's#^#/tiles/'"$tile_layers"'/#; s#$#.mvt#' >"$paths"

write_config "$work/load.yaml" "tile_cache_mb: 4096${server_extra:+, $server_extra}"
start_onemap srv "$work/load.yaml" --data "$gpkg"
url="http://127.0.0.1:$srv_port"

# Warm the cache, as a browser asks; the answers must be 2xx, and gzip where it is worth it.
log "warming the cache: $(wc -l <"$paths") tiles"
warm=$(while read -r path; do
  curl -s -o /dev/null -H 'Accept-Encoding: gzip' -w '%{http_code} %header{content-encoding}\n' "$url$path"
done <"$paths")
if grep -qv "^2" <<<"$warm"; then log "FAILED: tiles answered $(echo "$warm" | grep -v '^2' | sort | uniq -c | tr '\n' ' ')"; exit 1; fi
gzipped=$(grep -c " gzip$" <<<"$warm" || true)
((gzipped > 0)) || { log "FAILED: no tile came back with Content-Encoding: gzip"; exit 1; }
log "$gzipped of $(echo "$warm" | wc -l) tiles come back gzipped"

gzip_header=(-H 'Accept-Encoding: gzip')
field() { echo "$1" | awk -v k="$2" '$1 == k {print $2}'; }

log "idle: tiles, $conns connections, ${secs}s"
idle=$(wrk_paths "$url" "$paths" "$conns" "$secs" "${gzip_header[@]}")

# One bounded loop: POSTs one analysis after the other until the deadline or max_posts; one
# line per request in its log: analysis, HTTP status, seconds.
post_loop() {
  local n=$1 deadline=$2 out=$3 process label body i=0 now answer
  case $(((n - 1) % 3)) in
    0) process=screening label=screening-R1 body='{"inputs":{"rules":["R1"]}}' ;;
    1) process=zonal-summary label=zonal-summary body='{"inputs":{}}' ;;
    2) process=screening label=screening-all body='{"inputs":{}}' ;;
  esac
  : >"$out"
  while now=$(date +%s) && ((now < deadline && i < max_posts)); do
    i=$((i + 1))
    answer=$(curl -s -o /dev/null --connect-timeout 2 --max-time "$((deadline - now))" \
      -H 'Content-Type: application/json' -d "$body" -w '%{http_code} %{time_total}' \
      "http://127.0.0.1:$srv_port/processes/$process/execution" || true)
    echo "$label $answer" >>"$out"
    # A full queue answers 503 with Retry-After; wait a moment rather than hammer it.
    [[ $answer == 503* ]] && sleep 1
  done
  ((i < max_posts || $(date +%s) >= deadline)) || log "WARNING: loop $n ($label) stopped at BENCH_LOAD_MAX=$max_posts before the end of the measurement"
  return 0
}

deadline=$(($(date +%s) + lead + secs + 1))
for n in $(seq 1 "$nloops"); do
  post_loop "$n" "$deadline" "$work/load-loop-$n.log" &
  loop_pids+=($!)
done
log "$nloops analysis loops running until $(date -d "@$deadline" +%T); tiles in ${lead}s"
sleep "$lead"
log "under load: tiles, $conns connections, ${secs}s"
loaded=$(wrk_paths "$url" "$paths" "$conns" "$secs" "${gzip_header[@]}")
for pid in "${loop_pids[@]}"; do wait "$pid" || true; done
loop_pids=()
kill "$srv_pid"; wait "$srv_pid" 2>/dev/null || true; srv_pid=

cat "$work"/load-loop-*.log >"$work/load-posts.log"
# An answer cut at the deadline is "000" from curl (or 503 "stopped" if the server saw it first
# while queued); status 200 is a completed analysis.
done_n=$(awk '$2 == 200' "$work/load-posts.log" | wc -l)
busy_n=$(awk '$2 == 503' "$work/load-posts.log" | wc -l)
cut_n=$(awk '$2 == "000"' "$work/load-posts.log" | wc -l)
other_n=$(awk '$2 != 200 && $2 != 503 && $2 != "000"' "$work/load-posts.log" | wc -l)
per_process=$(awk '$2 == 200 { n[$1]++; t[$1] += $3 } END { for (p in n) { printf "%s%s %d (mean %.1f s)", sep, p, n[p], t[p] / n[p]; sep = ", " } }' "$work/load-posts.log")
[[ $other_n == 0 ]] || log "WARNING: $other_n analysis answers were neither 200, 503 nor cut: $(awk '$2 != 200 && $2 != 503 && $2 != "000" {print $2}' "$work/load-posts.log" | sort | uniq -c | tr '\n' ' ')"

p99_idle=$(field "$idle" p99_ms)
p99_load=$(field "$loaded" p99_ms)
{
  echo "Tiles under analysis load, $(date -u +%Y-%m-%d), $(machine); load average before: $load_before"
  echo "$set_name data, $(wc -l <"$paths") tiles z8–z15 ($target), Accept-Encoding: gzip, cache warm; wrk $conns connections ${secs}s each;"
  echo "$nloops analysis loops from ${lead}s before the loaded measurement to its end${server_extra:+; server: $server_extra}"
  echo
  echo "| data | layers | p50 idle | p99 idle | p50 load | p99 load | p99 load/idle | non-2xx tiles idle / load | tiles/s idle / load | analyses completed | 503 busy | cut at the end |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
  echo "| $set_name | $target | $(field "$idle" p50_ms) ms | $p99_idle ms | $(field "$loaded" p50_ms) ms | $p99_load ms | **$(ratio "$p99_load" "$p99_idle")×** | $(field "$idle" non2xx) / $(field "$loaded" non2xx) | $(echo "$idle" | awk '/Requests\/sec/ {print $2}') / $(echo "$loaded" | awk '/Requests\/sec/ {print $2}') | $done_n${per_process:+: $per_process} | $busy_n | $cut_n |"
} | tee "$work/load-result-$set_name.md"
