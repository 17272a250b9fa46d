#!/usr/bin/env bash
# Cold farmland tiles z8–z14 on the large dataset (P8), one command: bench/tiles_best.sh
# OneMap with its tile cache off against PostGIS ST_AsMVT in its best case: the parcels stored
# already in EPSG:3857 (no ST_Transform per tile), a GiST index on them and the table clustered
# on it; the query is Martin's table-source query without the transform. Same tile list
# (bench/make_tile_list.py), same concurrency: wrk with BENCH_COLD_CONNS connections against
# OneMap, pgbench with as many clients against PostGIS. OneMap is measured twice: with the
# default tile budget (500 KB gzipped: low zooms thinned) and with `tile_budget_kb: 0` (nothing
# thinned: the same features PostGIS encodes, equal work).
# Environment: BENCH_SECONDS (15), BENCH_COLD_CONNS (8), BENCH_BANDS ("8-14 8-11 12-14": the
# zoom ranges measured, each on its part of the tile list).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
secs=${BENCH_SECONDS:-15}
conns=${BENCH_COLD_CONNS:-8}
read -r -a bands <<<"${BENCH_BANDS:-8-14 8-11 12-14}"

"$root/scripts/install-deps.sh" --bench >/dev/null
ONEMAP_BUILD_TARGET=onemap "$root/scripts/build.sh" >/dev/null
"$root/scripts/postgis.sh" start >/dev/null
large="$root/data/bench/large.gpkg"
[[ -f "$large" ]] || /usr/bin/python3 "$root/scripts/make-demo-data.py" --scale 330 --output "$large"
load_dataset large "$large"
trap 'stop_onemap thinned; stop_onemap unthinned' EXIT

# PostGIS's best case: geometries in the tiles' CRS, indexed, stored in index order.
if [[ "$(psql_ -c "SELECT count(*) FROM large.farmland_3857" 2>/dev/null || echo 0)" != "$(psql_ -c "SELECT count(*) FROM large.farmland")" ]]; then
  log "storing the large dataset's farmland in EPSG:3857 in PostGIS (GiST, clustered)"
  psql_ -c "DROP TABLE IF EXISTS large.farmland_3857;
    CREATE TABLE large.farmland_3857 AS
      SELECT fid, $(props_sql farmland), ST_Transform(ST_CurveToLine(geom), 3857) AS geom FROM large.farmland;
    ALTER TABLE large.farmland_3857 ADD PRIMARY KEY (fid);
    CREATE INDEX farmland_3857_gist ON large.farmland_3857 USING gist (geom);
    CLUSTER large.farmland_3857 USING farmland_3857_gist;
    ANALYZE large.farmland_3857;"
fi
best_sql="SELECT length(ST_AsMVT(tile, 'farmland', 4096, 'geom', 'fid')) FROM (
    SELECT ST_AsMVTGeom(f.geom, ST_TileEnvelope(t.z, t.x, t.y), 4096, 64, true) AS geom, f.fid, $(props_sql farmland | sed 's/"\([a-z_]*\)"/f."\1"/g')
    FROM large.farmland_3857 f
    WHERE f.geom && ST_TileEnvelope(t.z, t.x, t.y, margin => (64.0 / 4096))) AS tile"

# Each band: its part of the tile list as wrk paths, and as a pgbench script drawing the same
# tiles from large.bench_tiles (numbered in list order, zoom by zoom, so a band is one range).
for band in "${bands[@]}"; do
  lo=${band%-*} hi=${band#*-}
  tile_paths farmland "$lo" "$hi" >"$work/best-$band.txt"
  range=$(psql_ -c "SELECT min(i) || ' ' || max(i) FROM large.bench_tiles WHERE z BETWEEN $lo AND $hi")
  printf '\\set i random(%s, %s)\nSELECT (%s) FROM large.bench_tiles t WHERE t.i = :i;\n' \
    "${range% *}" "${range#* }" "$(echo "$best_sql" | tr '\n' ' ')" >"$work/best-$band.sql"
done

load_before=$(cut -d' ' -f1-3 /proc/loadavg)
declare -A pg om_thinned om_unthinned
for band in "${bands[@]}"; do
  log "z$band: PostGIS ST_AsMVT (EPSG:3857, GiST), $conns clients, ${secs}s"
  pg[$band]=$(pgbench_tps "$work/best-$band.sql" "$conns" "$secs")
done
for variant in thinned unthinned; do
  budget=""; [[ $variant == unthinned ]] && budget=", tile_budget_kb: 0"
  write_config "$work/best-$variant.yaml" "tile_cache_mb: 0$budget"
  start_onemap "$variant" "$work/best-$variant.yaml" --data "$large"
  port_var="${variant}_port"
  for band in "${bands[@]}"; do
    log "z$band: OneMap cold, $variant, $conns connections, ${secs}s"
    rps=$(wrk_rps "http://127.0.0.1:${!port_var}" "$work/best-$band.txt" "$conns" "$secs" --timeout 120s)
    if [[ $variant == thinned ]]; then om_thinned[$band]=$rps; else om_unthinned[$band]=$rps; fi
  done
  stop_onemap "$variant"
done

{
  echo "Cold farmland tiles, large dataset, $(date -u +%Y-%m-%d), $(machine); $conns clients each, ${secs}s per measurement; load average before: $load_before"
  echo
  echo "| zooms | tiles in list | OneMap cold, thinned tiles/s | OneMap cold, unthinned tiles/s | PostGIS best case tiles/s | thinned / PostGIS | unthinned / PostGIS |"
  echo "|---|---|---|---|---|---|---|"
  for band in "${bands[@]}"; do
    echo "| z${band/-/–} | $(wc -l <"$work/best-$band.txt") | ${om_thinned[$band]} | ${om_unthinned[$band]} | ${pg[$band]} | **$(ratio "${om_thinned[$band]}" "${pg[$band]}")×** | **$(ratio "${om_unthinned[$band]}" "${pg[$band]}")×** |"
  done
} | tee "$work/tiles-best-result.md"
