#!/usr/bin/env bash
# Tile benchmark, one command: bench/tiles.sh [demo|large|all]   (default: all)
# Side by side in one run, on the same data and the same fixed tile list (z8–z15):
#  1. cold generation (OneMap cache off) vs PostGIS ST_AsMVT, Martin's query, via pgbench,
#     at equal client concurrency;
#  2. cached serving (OneMap cache warm) vs nginx serving the same tile bytes as static files,
#     both under wrk, twice: (a) requests without Accept-Encoding, raw tiles; (b) every request
#     with Accept-Encoding: gzip, as browsers send it, against nginx serving the same tiles
#     pre-compressed (gzip -6 beside each file, gzip_static on). Before (b) both servers must
#     prove, tile by tile, that they answer in gzip (bench/lib.sh check_gzip), or the run fails.
# Environment: BENCH_SECONDS (default 15), BENCH_COLD_CONNS (8), BENCH_HOT_CONNS (64),
# BENCH_CACHE_MB (OneMap's tile cache for the cached part, 4096), BENCH_COLD (1; 0 skips the cold
# part and PostGIS).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
secs=${BENCH_SECONDS:-15}
cold_conns=${BENCH_COLD_CONNS:-8}
hot_conns=${BENCH_HOT_CONNS:-64}
cache_mb=${BENCH_CACHE_MB:-4096}
do_cold=${BENCH_COLD:-1}
which_sets=${1:-all}

"$root/scripts/install-deps.sh" --bench >/dev/null
ONEMAP_BUILD_TARGET=onemap "$root/scripts/build.sh" >/dev/null
"$root/scripts/demo-data.sh"
((do_cold)) && "$root/scripts/postgis.sh" start >/dev/null

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
"$root/bench/make_tile_list.py" "$work/tiles.txt"
ntiles=$(wc -l <"$work/tiles.txt")
layers=(townships water_sections rivers water_protection_zones polluted_plots farmland enterprises tailings_ponds built_up_area terrain_zones)

# Martin's table-source query for one layer of one schema.
layer_sql() {
  local schema=$1 layer=$2
  echo "(SELECT ST_AsMVT(tile, '$layer', 4096, 'geom', 'fid') FROM (
    SELECT ST_AsMVTGeom(ST_Transform(ST_CurveToLine(geom), 3857), ST_TileEnvelope(t.z, t.x, t.y), 4096, 64, true) AS geom,
           fid, $(props_sql "$layer")
    FROM $schema.$layer
    WHERE geom && ST_Transform(ST_TileEnvelope(t.z, t.x, t.y, margin => (64.0 / 4096)), ST_SRID(geom))) AS tile)"
}

start_nginx() {
  local root_dir=$1 port=$2
  cat >"$work/nginx.conf" <<NGINX
worker_processes auto;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 4096; }
http {
  access_log $work/nginx-access.log;
  sendfile on; tcp_nopush on; keepalive_requests 100000;
  server {
    listen 127.0.0.1:$port;
    root $root_dir;
    # gzip_static: a request that accepts gzip gets FILE.gz when it exists (with
    # Content-Encoding: gzip); one that does not gets FILE, so (a) is unchanged.
    location /tiles/ { default_type application/vnd.mapbox-vector-tile; gzip_static on; gzip_vary on; }
  }
}
NGINX
  nginx -c "$work/nginx.conf"
}
stop_nginx() { [[ -f "$work/nginx.pid" ]] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true; sleep 0.5; }
stop_all() {
  stop_nginx
  [[ -n ${cold_pid:-} ]] && kill "$cold_pid" 2>/dev/null
  [[ -n ${hot_pid:-} ]] && kill "$hot_pid" 2>/dev/null
  return 0
}
trap stop_all EXIT
gzip_header=(-H 'Accept-Encoding: gzip')

cold_results=()
hot_results=()
run_set() {
  local name=$1 gpkg=$2
  ((do_cold)) && load_dataset "$name" "$gpkg"
  for target in farmland all; do
    local tile_layers sql
    if [[ $target == all ]]; then
      tile_layers=$(IFS=,; echo "${layers[*]}")
      sql=$(for l in "${layers[@]}"; do layer_sql "$name" "$l"; echo "||"; done | sed '$d')
    else
      tile_layers=$target
      sql=$(layer_sql "$name" "$target")
    fi
    sed 's#^#/tiles/'"$tile_layers"'/#; s#$#.mvt#' "$work/tiles.txt" >"$work/paths-$name-$target.txt"
    printf '\\set i random(1, %s)\nSELECT length(%s) FROM %s.bench_tiles t WHERE t.i = :i;\n' \
      "$ntiles" "$(echo "$sql" | tr '\n' ' ')" "$name" >"$work/pgbench-$name-$target.sql"

    if ((do_cold)); then
      log "$name/$target: PostGIS ST_AsMVT, $cold_conns clients, ${secs}s"
      local pg_tps; pg_tps=$(pgbench_tps "$work/pgbench-$name-$target.sql" "$cold_conns" "$secs")

      write_config "$work/cold.yaml" "tile_cache_mb: 0"
      start_onemap cold "$work/cold.yaml" --data "$gpkg"
      log "$name/$target: OneMap cold, $cold_conns connections, ${secs}s"
      local cold_rps; cold_rps=$(wrk_rps "http://127.0.0.1:$cold_port" "$work/paths-$name-$target.txt" "$cold_conns" "$secs")
      kill "$cold_pid"; wait "$cold_pid" 2>/dev/null || true; cold_pid=
      cold_results+=("| $name | $target | $cold_rps | $pg_tps | **$(ratio "$cold_rps" "$pg_tps")×** |")
    fi

    write_config "$work/hot.yaml" "tile_cache_mb: $cache_mb"
    start_onemap hot "$work/hot.yaml" --data "$gpkg"
    # Warm the cache and dump the very same bytes for nginx; beside each non-empty tile its
    # gzip, as gzip_static wants it (an empty tile is a 204 from OneMap: nothing to compress).
    local static="$work/static-$name"; rm -rf "$static"
    while read -r path; do
      mkdir -p "$static$(dirname "$path")"
      curl -s -o "$static$path" "http://127.0.0.1:$hot_port$path"
    done <"$work/paths-$name-$target.txt"
    find "$static" -name '*.mvt' -size +0 -exec gzip -6 -k -f {} +
    start_nginx "$static" 18090
    local paths="$work/paths-$name-$target.txt" om_gz nginx_gz
    om_gz=$(check_gzip "OneMap $name/$target" "http://127.0.0.1:$hot_port" "$paths" "$static")
    nginx_gz=$(check_gzip "nginx $name/$target" "http://127.0.0.1:18090" "$paths" "$static")

    log "$name/$target: OneMap cached, $hot_conns connections, ${secs}s"
    local hot_rps; hot_rps=$(wrk_rps "http://127.0.0.1:$hot_port" "$paths" "$hot_conns" "$secs")
    log "$name/$target: OneMap cached, Accept-Encoding: gzip, $hot_conns connections, ${secs}s"
    local hot_gz_rps; hot_gz_rps=$(wrk_rps "http://127.0.0.1:$hot_port" "$paths" "$hot_conns" "$secs" "${gzip_header[@]}")
    kill "$hot_pid"; wait "$hot_pid" 2>/dev/null || true; hot_pid=

    log "$name/$target: nginx static, $hot_conns connections, ${secs}s"
    local nginx_rps; nginx_rps=$(wrk_rps "http://127.0.0.1:18090" "$paths" "$hot_conns" "$secs")
    log "$name/$target: nginx gzip_static, Accept-Encoding: gzip, $hot_conns connections, ${secs}s"
    local nginx_gz_rps; nginx_gz_rps=$(wrk_rps "http://127.0.0.1:18090" "$paths" "$hot_conns" "$secs" "${gzip_header[@]}")
    stop_nginx

    # Bytes on the wire with gzip, as a share of the raw tiles (OneMap / nginx).
    local wire; wire=$(echo "$om_gz $nginx_gz" | awk '{ printf "%.0f%% / %.0f%%", 100 * $3 / $4, 100 * $7 / $8 }')
    hot_results+=("| $name | $target | $hot_rps | $nginx_rps | **$(ratio "$hot_rps" "$nginx_rps")×** | $hot_gz_rps | $nginx_gz_rps | **$(ratio "$hot_gz_rps" "$nginx_gz_rps")×** | $wire |")
  done
}

case $which_sets in
  demo|all) run_set demo "$root/data/demo/jiyuan.gpkg" ;;&
  large|all)
    large="$root/data/bench/large.gpkg"
    [[ -f "$large" ]] || /usr/bin/python3 "$root/scripts/make-demo-data.py" --scale 330 --output "$large"
    run_set large "$large" ;;
esac

{
  echo "Tile benchmark, $(date -u +%Y-%m-%d), $(machine); $ntiles tiles z8–z15; ${secs}s per measurement; load average before: $load_before"
  if ((do_cold)); then
    echo
    echo "| data | layers | OneMap cold tiles/s | PostGIS ST_AsMVT tiles/s | cold ratio |"
    echo "|---|---|---|---|---|"
    printf '%s\n' "${cold_results[@]}"
  fi
  echo
  echo "| data | layers | OneMap cached req/s | nginx static req/s | ratio | OneMap cached, gzip req/s | nginx gzip_static req/s | gzip ratio | gzip bytes / raw (OneMap / nginx) |"
  echo "|---|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${hot_results[@]}"
} | tee "$work/tiles-result.md"
