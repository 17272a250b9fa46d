# Shared helpers for the benchmark scripts (sourced).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
onemap="$root/build/src/onemap"
work="${ONEMAP_BENCH_DIR:-/tmp/onemap-bench}"
mkdir -p "$work"

log() { printf '[bench] %s\n' "$*" >&2; }

# start_onemap NAME CONFIG [ARGS...]: starts onemap on a free port; sets ${NAME}_pid, ${NAME}_port
# and ${NAME}_start_s (seconds from launch to listening, data loaded, to 0.1 s).
start_onemap() {
  local name=$1 config=$2; shift 2
  local out="$work/$name.log" t0
  t0=$(date +%s.%N)
  : >"$out"  # before the server starts: a previous run's "listening" line must not be read as this one's
  "$onemap" serve --config "$config" --port 0 "$@" >>"$out" 2>&1 &
  local pid=$!
  for _ in $(seq 1 6000); do
    if grep -q "OneMap listening on" "$out"; then break; fi
    if ! kill -0 "$pid" 2>/dev/null; then cat "$out" >&2; return 1; fi
    sleep 0.1
  done
  local port
  port=$(grep -o 'OneMap listening on http://[^ ]*' "$out" | sed -E 's#.*:([0-9]+)/$#\1#')
  printf -v "${name}_pid" '%s' "$pid"
  printf -v "${name}_port" '%s' "$port"
  printf -v "${name}_start_s" '%s' "$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')"
  log "$name: onemap pid $pid on port $port"
}

# stop_onemap NAME: stops the server start_onemap NAME started (if it still runs).
stop_onemap() {
  local pid_var="${1}_pid"
  local pid=${!pid_var:-}
  [[ -n $pid ]] || return 0
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  printf -v "$pid_var" '%s' ""
}

# mem_mb PID: "VmRSS VmHWM" of the process in MB (from /proc/PID/status).
mem_mb() { awk '/^VmRSS/ {r = $2} /^VmHWM/ {h = $2} END {printf "%d %d\n", r / 1024, h / 1024}' "/proc/$1/status"; }

# tile_paths LAYERS ZMIN ZMAX: the fixed tile list (bench/make_tile_list.py) within the zooms as
# /tiles/LAYERS/z/x/y.mvt paths, one per line.
tile_paths() {
  "$root/bench/make_tile_list.py" | awk -F/ -v a="$2" -v b="$3" '$1 >= a && $1 <= b' | sed "s#^#/tiles/$1/#; s#\$#.mvt#"
}

# A config like the demo's, pointing at the demo catalog, with server settings overridden.
write_config() {
  local file=$1 server_yaml=$2
  cat >"$file" <<YAML
title: OneMap benchmark
catalog: $root/layers
styles: $root/styles
analysis_crs: EPSG:4547
$( [[ -f "$root/rules.yaml" ]] && echo "rules: $root/rules.yaml" )
server: {bind: 127.0.0.1, threads: 0, $server_yaml}
YAML
}

# wrk_rps URL PATHS_FILE CONNECTIONS SECONDS [WRK_ARGS...]: prints requests/s (non-2xx answers
# are logged). Extra arguments go to wrk, e.g. -H 'Accept-Encoding: gzip'.
wrk_rps() {
  local out
  out=$(wrk_paths "$@")
  echo "$out" | awk '/Requests\/sec/ {print $2}'
}

# wrk_paths URL PATHS_FILE CONNECTIONS SECONDS [WRK_ARGS...]: runs wrk over the paths, logs and
# prints its whole output (bench/wrk/paths.lua adds p50_ms, p99_ms and non2xx lines).
wrk_paths() {
  local url=$1 paths=$2 conns=$3 secs=$4; shift 4
  local out
  out=$(WRK_PATHS="$paths" wrk -t2 -c"$conns" -d"${secs}s" --latency "$@" -s "$root/bench/wrk/paths.lua" "$url")
  { echo "== wrk $* $url ($paths, $conns connections, ${secs}s)"; echo "$out"; } >>"$work/wrk.log"
  if echo "$out" | grep -q "Non-2xx"; then log "non-2xx responses: $(echo "$out" | grep Non-2xx)"; fi
  echo "$out"
}

# check_gzip NAME URL PATHS_FILE RAW_DIR: before a gzip measurement, proves that the server
# answers a request with Accept-Encoding: gzip in gzip: every tile whose gzip is smaller than
# the tile must come back with Content-Encoding: gzip, and every body, once decompressed, must
# be the tile's bytes as dumped in RAW_DIR (empty tiles, 204 or empty 200, are not counted).
# Exits the script otherwise. Prints "GZIPPED_TILES TILES WIRE_BYTES RAW_BYTES".
check_gzip() {
  local name=$1 url=$2 paths=$3 raw=$4
  local body="$work/check-gzip.body" n=0 gz=0 wire=0 raw_bytes=0 bad=0
  local path code size enc raw_size
  while read -r path; do
    read -r code size enc < <(curl -s -o "$body" -H 'Accept-Encoding: gzip' \
      -w '%{http_code} %{size_download} %header{content-encoding}\n' "$url$path")
    raw_size=$(stat -c %s "$raw$path")
    if [[ $code != 200 && $code != 204 ]]; then log "$name: $path answered $code"; bad=$((bad + 1)); continue; fi
    ((raw_size > 0)) || continue
    n=$((n + 1)); wire=$((wire + size)); raw_bytes=$((raw_bytes + raw_size))
    if [[ ${enc,,} == gzip ]]; then
      gz=$((gz + 1))
      gzip -dc "$body" | cmp -s - "$raw$path" || { log "$name: $path: the gzip body is not the tile"; bad=$((bad + 1)); }
    elif (($(gzip -6 -c "$raw$path" | wc -c) < raw_size)); then
      log "$name: $path came back without Content-Encoding: gzip ($size bytes)"; bad=$((bad + 1))
    else
      cmp -s "$body" "$raw$path" || { log "$name: $path: the body is not the tile"; bad=$((bad + 1)); }
    fi
  done <"$paths"
  if ((bad > 0 || gz == 0)); then
    log "FAILED: $name does not serve these tiles in gzip ($gz of $n gzipped, $bad wrong); not measuring"
    exit 1
  fi
  log "$name: $gz of $n non-empty tiles come back gzipped ($wire bytes on the wire for $raw_bytes bytes of tiles)"
  echo "$gz $n $wire $raw_bytes"
}

machine() {
  echo "$(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }

psql_() { "$root/scripts/postgis.sh" psql -v ON_ERROR_STOP=1 -qtA "$@"; }

# pgbench_tps SCRIPT CLIENTS SECONDS: transactions/s of a pgbench script against the private
# PostGIS (the whole output goes to pgbench.log).
pgbench_tps() {
  local script=$1 clients=$2 secs=$3 out
  out=$(pgbench -h 127.0.0.1 -p "${ONEMAP_PG_PORT:-55432}" -U postgres -n -c "$clients" -j 2 -T "$secs" -f "$script" onemap 2>&1)
  { echo "== pgbench $script ($clients clients, ${secs}s)"; echo "$out"; } >>"$work/pgbench.log"
  echo "$out" | sed -n 's/^tps = \([0-9.]*\).*/\1/p' | head -1
}

# The exposed properties of a layer, from its catalog file, as a SQL column list.
props_sql() { sed -n 's/^properties: *\[\(.*\)\]/\1/p' "$root/layers/$1.yaml" | tr -d ' ' | sed 's/,/", "/g; s/^/"/; s/$/"/'; }

# load_dataset SCHEMA GPKG: loads the GeoPackage into PostGIS unless already there, plus the tile list.
load_dataset() {
  local schema=$1 gpkg=$2
  local want have
  want=$(ogrinfo -so "$gpkg" farmland | sed -n 's/^Feature Count: //p')
  have=$(psql_ -c "SELECT count(*) FROM $schema.farmland" 2>/dev/null || echo 0)
  if [[ "$want" != "$have" ]]; then
    log "loading $gpkg into PostGIS schema $schema ($want farmland parcels)"
    psql_ -c "CREATE SCHEMA IF NOT EXISTS $schema"
    "$root/scripts/postgis.sh" load "$gpkg" -lco SCHEMA="$schema" >/dev/null
    psql_ -c "ANALYZE"
  fi
  psql_ -c "DROP TABLE IF EXISTS $schema.bench_tiles; CREATE TABLE $schema.bench_tiles (i int PRIMARY KEY, z int, x int, y int)"
  "$root/bench/make_tile_list.py" | awk -F/ '{print NR "," $1 "," $2 "," $3}' | psql_ -c "\\copy $schema.bench_tiles FROM STDIN WITH (FORMAT csv)"
}
