#!/usr/bin/env bash
# Replicas behind nginx (issue P9), one command: bench/cluster.sh
# Side by side in one run, on the demo data in PostGIS (schema bench_cluster), through nginx
# (scripts/cluster.sh), with 1 and then 2 replicas:
#  1. throughput under wrk (2 threads, BENCH_CONNS connections, Accept-Encoding: gzip), a mixed
#     URL list cycled by bench/wrk/paths.lua: the fixed tile list (bench/make_tile_list.py) of all
#     ten layers in one tile, plus items pages of enterprises and farmland —
#     (a) tiles with ?v= as TileJSON gives them (nginx caches them: as deployed),
#     (b) the same tiles without v (nginx passes every request to a replica);
#     and, as the peer of (b), replica 1 asked directly with the same list (1-replica run);
#  2. with 2 replicas, the time from a committed edit to every replica serving it
#     (bench/edit_latency.py: BENCH_EDITS renames, each replica polled every 10 ms).
# Environment: BENCH_SECONDS (15), BENCH_CONNS (64), BENCH_EDITS (10), BENCH_CLUSTER_PORT (18290).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
secs=${BENCH_SECONDS:-15}
conns=${BENCH_CONNS:-64}
edits=${BENCH_EDITS:-10}
export ONEMAP_CLUSTER_PORT=${BENCH_CLUSTER_PORT:-18290}
export ONEMAP_CLUSTER_DIR="$work/cluster"
export ONEMAP_CLUSTER_SCHEMA=bench_cluster
export ONEMAP_CLUSTER_LOG_LEVEL=warn  # no line per request: the replicas' disk is not measured
cluster="$root/scripts/cluster.sh"
nginx_url="http://127.0.0.1:$ONEMAP_CLUSTER_PORT"
replica1="http://127.0.0.1:$((ONEMAP_CLUSTER_PORT + 1))"
layers=townships,water_sections,rivers,water_protection_zones,polluted_plots,farmland,enterprises,tailings_ponds,built_up_area,terrain_zones

"$root/scripts/install-deps.sh" --bench >/dev/null
ONEMAP_BUILD_TARGET=onemap "$root/scripts/build.sh" >/dev/null
"$root/scripts/demo-data.sh"
trap '"$cluster" stop' EXIT
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

# The URL lists: one line per request, tiles first then items pages, cycled by paths.lua.
write_paths() {
  local v=$1 out=$2
  "$root/bench/make_tile_list.py" | sed "s#^#/tiles/$layers/#; s#\$#.mvt${v:+?v=$v}#" >"$out"
  for offset in $(seq 0 100 500); do echo "/collections/enterprises/items?limit=100&offset=$offset"; done >>"$out"
  for offset in $(seq 0 100 3100); do echo "/collections/farmland/items?limit=100&offset=$offset"; done >>"$out"
}

# measure NAME URL PATHS: a 3 s warm-up (nginx and tile caches), then wrk; prints req/s and
# appends the whole wrk output to wrk.log. Any non-2xx answer or socket error fails the run.
measure() {
  local name=$1 url=$2 paths=$3 out rps
  wrk_paths "$url" "$paths" "$conns" 3 -H 'Accept-Encoding: gzip' >/dev/null
  log "$name: wrk 2 threads, $conns connections, ${secs}s"
  out=$(wrk_paths "$url" "$paths" "$conns" "$secs" -H 'Accept-Encoding: gzip')
  if ! echo "$out" | grep -q '^non2xx 0$' || ! echo "$out" | grep -q '^socket_errors 0$'; then
    log "FAILED: $name had errors"; echo "$out" >&2; exit 1
  fi
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  echo "$rps $(echo "$out" | awk '/^p50_ms/ {p50 = $2} /^p99_ms/ {p99 = $2} END {print p50, p99}')"
}

declare -A result
for n in 1 2; do
  log "cluster with $n replica(s)"
  ONEMAP_CLUSTER_REPLICAS=$n ONEMAP_CLUSTER_LOAD=$((n == 1 ? 1 : 0)) "$cluster" start >/dev/null
  v=$(curl -sf "$nginx_url/tiles/$layers.json" | python3 -c 'import json, re, sys
print(re.search(r"[?&]v=([0-9a-f]+)", json.load(sys.stdin)["tiles"][0]).group(1))')
  write_paths "$v" "$work/cluster-versioned.txt"
  write_paths "" "$work/cluster-unversioned.txt"
  result[$n,versioned]=$(measure "$n replica(s), versioned tiles through nginx" "$nginx_url" "$work/cluster-versioned.txt")
  result[$n,unversioned]=$(measure "$n replica(s), tiles without v through nginx" "$nginx_url" "$work/cluster-unversioned.txt")
  if ((n == 1)); then
    result[direct]=$(measure "replica 1 directly, tiles without v" "$replica1" "$work/cluster-unversioned.txt")
  fi
done

log "edit → every replica, $edits edits, 2 replicas"
edit_out=$("$root/bench/edit_latency.py" --schema "$ONEMAP_CLUSTER_SCHEMA" --edits "$edits" \
  --replica "$replica1" --replica "http://127.0.0.1:$((ONEMAP_CLUSTER_PORT + 2))")
echo "$edit_out" >&2
read -r _ median _ worst < <(echo "$edit_out" | tail -1)

row() { read -r rps p50 p99 <<<"$2"; echo "| $1 | $rps | $p50 | $p99 |"; }
{
  echo "Machine: $(machine); load average before: $load_before; $(wc -l <"$work/cluster-versioned.txt") URLs"
  echo "($(grep -c '^/tiles/' "$work/cluster-versioned.txt") tiles, $(grep -c '^/collections/' "$work/cluster-versioned.txt") items pages), ${secs}s each, $conns connections."
  echo
  echo "| through | requests/s | p50 ms | p99 ms |"
  echo "|---|---|---|---|"
  row "nginx → 1 replica, tiles with v (nginx-cached)" "${result[1,versioned]}"
  row "nginx → 2 replicas, tiles with v (nginx-cached)" "${result[2,versioned]}"
  row "replica 1 directly, tiles without v" "${result[direct]}"
  row "nginx → 1 replica, tiles without v" "${result[1,unversioned]}"
  row "nginx → 2 replicas, tiles without v" "${result[2,unversioned]}"
  echo
  echo "2 replicas / 1, tiles with v: **$(ratio "${result[2,versioned]%% *}" "${result[1,versioned]%% *}")×**;" \
       "tiles without v: **$(ratio "${result[2,unversioned]%% *}" "${result[1,unversioned]%% *}")×**;" \
       "nginx → 1 replica / replica directly: $(ratio "${result[1,unversioned]%% *}" "${result[direct]%% *}")×"
  echo
  echo "Committed edit → served by every replica (2 replicas, $edits edits): median **${median} s**, max **${worst} s**."
} | tee "$work/cluster-results.md"
