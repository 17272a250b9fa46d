#!/usr/bin/env bash
# Stress (P7), one command: bench/stress.sh
# wrk on loopback against OneMap on the demo data, bounded in time: STRESS_CONNS connections
# (256) over STRESS_THREADS wrk threads (2) for STRESS_SECONDS (60), every request with
# Accept-Encoding: gzip, mixing tiles, items pages, name searches and small analyses
# (bench/make_stress_requests.py: of every 20 requests 12 tiles, 4 items, 2 searches, 2
# processes). A 10 s warm-up with the same mix comes first, so the tile cache and the analysis
# indexes are built before memory is measured. Meanwhile the server's resident memory (VmRSS of
# /proc/PID/status) is sampled every STRESS_SAMPLE_S seconds (5).
# Reports requests/s, latency p50/p99, answers 2xx/3xx, 503 (a full job queue: the server's
# answer by design, counted apart), any other status, socket errors, and RSS start/end/max.
# Exits nonzero on any other status, any socket error, a server that died, or RSS growth from
# the start of the measurement to its end beyond STRESS_RSS_GROWTH_MB (64).
# Needs build/src/onemap (scripts/build.sh) and wrk; do not run it while building: the machine's
# cores are the measurement. All traffic stays on 127.0.0.1.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
secs=${STRESS_SECONDS:-60}
conns=${STRESS_CONNS:-256}
wrk_threads=${STRESS_THREADS:-2}
sample_s=${STRESS_SAMPLE_S:-5}
growth_bound_mb=${STRESS_RSS_GROWTH_MB:-64}
warmup_s=10

[[ -x "$onemap" ]] || { log "no $onemap: build first (scripts/build.sh)"; exit 2; }
command -v wrk >/dev/null || { log "wrk is missing (scripts/install-deps.sh --bench)"; exit 2; }
[[ -f "$root/data/demo/jiyuan.gpkg" ]] || "$root/scripts/demo-data.sh"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

sampler_pid=
stop_all() {
  [[ -n $sampler_pid ]] && kill "$sampler_pid" 2>/dev/null
  [[ -n ${srv_pid:-} ]] && kill "$srv_pid" 2>/dev/null
  return 0
}
trap stop_all EXIT

# The demo catalog; max_connections above the wrk connections plus the script's own.
write_config "$work/stress.yaml" "max_connections: $((conns + 64))"
start_onemap srv "$work/stress.yaml"
url="http://127.0.0.1:$srv_port"
requests="$work/stress-requests.txt"
/usr/bin/python3 "$root/bench/make_stress_requests.py" "$url" >"$requests"
log "$(wc -l <"$requests") requests in the mix:$(cut -d' ' -f2 "$requests" | cut -d/ -f2 | cut -d'?' -f1 | sort | uniq -c | tr -s ' ' | tr '\n' ',')"

rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$srv_pid/status" 2>/dev/null || echo 0; }
run_wrk() {
  WRK_REQUESTS="$requests" wrk -t"$wrk_threads" -c"$conns" -d"$1s" --timeout 10s --latency \
    -H 'Accept-Encoding: gzip' -s "$root/bench/wrk/stress.lua" "$url"
}

log "warm-up: ${warmup_s}s, $conns connections"
run_wrk "$warmup_s" >>"$work/wrk.log"
sleep 2  # let the warm-up's connections close

rss_start=$(rss_kb)
samples="$work/stress-rss.txt"
: >"$samples"
(while kill -0 "$srv_pid" 2>/dev/null; do echo "$(date +%s) $(rss_kb)" >>"$samples"; sleep "$sample_s"; done) &
sampler_pid=$!
log "stress: ${secs}s, $conns connections, $wrk_threads wrk threads; RSS at start $((rss_start / 1024)) MB"
out=$(run_wrk "$secs")
{ echo "== stress $url ($conns connections, ${secs}s)"; echo "$out"; } >>"$work/wrk.log"
sleep 1
alive=yes
kill -0 "$srv_pid" 2>/dev/null || alive=no
rss_end=$(rss_kb)
kill "$sampler_pid" 2>/dev/null; wait "$sampler_pid" 2>/dev/null || true; sampler_pid=
rss_max=$(awk -v m="$rss_end" '$2 > m {m = $2} END {print m}' "$samples")
health=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$url/health" || true)
kill "$srv_pid"; wait "$srv_pid" 2>/dev/null || true; srv_pid=

field() { echo "$out" | awk -v k="$1" '$1 == k {print $2}'; }
rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
total=$(echo "$out" | awk '/requests in/ {print $1}')
growth_mb=$(((rss_end - rss_start) / 1024))
echo "$out" | sed -n '/Latency Distribution/,/requests in/p' >&2
{
  echo "Stress, $(date -u +%Y-%m-%d), $(machine), load average before: $load_before; demo data;"
  echo "wrk -t$wrk_threads -c$conns -d${secs}s, Accept-Encoding: gzip; RSS sampled every ${sample_s}s"
  echo
  echo "| requests | req/s | p50 | p99 | 2xx/3xx | 503 (busy, by design) | other statuses | socket errors | RSS start / end / max | server after |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  echo "| $total | $rps | $(field p50_ms) ms | $(field p99_ms) ms | $(field ok) | $(field busy_503) | $(field other_non2xx) | $(field socket_errors) | $((rss_start / 1024)) / $((rss_end / 1024)) / $((rss_max / 1024)) MB | /health $health |"
} | tee "$work/stress-result.md"

failed=()
[[ $alive == yes && $health == 200 ]] || failed+=("the server died or stopped answering (/health: ${health:-none})")
(($(field other_non2xx) == 0)) || failed+=("$(field other_non2xx) answers neither 2xx/3xx nor 503:$(echo "$out" | awk '$1 == "other_statuses" {$1 = ""; print}')")
(($(field socket_errors) == 0)) || failed+=("$(field socket_errors) socket errors ($(echo "$out" | grep -E '^(connect|read|write)_errors|^timeouts' | tr '\n' ' '))")
((growth_mb <= growth_bound_mb)) || failed+=("RSS grew $growth_mb MB during the run (bound: $growth_bound_mb MB)")
if ((${#failed[@]} > 0)); then
  for f in "${failed[@]}"; do log "FAILED: $f"; done
  exit 1
fi
log "passed: no errors, the server alive, RSS growth $growth_mb MB (bound $growth_bound_mb MB)"
