#!/usr/bin/env bash
# Downloads benchmark (P6), one command: bench/exports.sh
# The largest layer of the large dataset (the one with the most features: farmland, 1,056,000
# parcels) downloaded from OneMap in every format, side by side in the same run with ogr2ogr
# converting the same layer from the source GeoPackage to the same format:
#   gpkg → GPKG, shp.zip → ESRI Shapefile (-lco ENCODING=UTF-8) then `zip -q` of its parts,
#   kml → KML, geojson → GeoJSON, csv → CSV (-lco GEOMETRY=AS_WKT WRITE_BOM=YES LINEFORMAT=CRLF,
#   as OneMap writes it), fgb → FlatGeobuf; ogr2ogr with -t_srs EPSG:4326 (OneMap's default
#   output: lon/lat, EPSG:4326; the source is EPSG:4490, for which the transform is a no-op).
# Time: OneMap is `curl -s -o /dev/null -w %{time_total}` of /download/{layer}.{ext} (request to
# last byte: the server writes the file with GDAL, zips a Shapefile, then sends it), after one
# warm-up download kept for size and feature count; ogr2ogr is wall time from /usr/bin/time
# (shp: ogr2ogr + zip, both counted). Median of BENCH_RUNS each.
# Memory: ogr2ogr's peak RSS (/usr/bin/time %M); OneMap's VmHWM/VmRSS from /proc/PID/status
# before any export, after a bbox-filtered export (about a tenth of the layer) in every format,
# after the first whole-layer export of each format, and at the end. The layer is in memory
# already, so a growth that follows the layer's size would be a second copy of it.
# Environment: BENCH_RUNS (3), BENCH_LAYER (the layer with the most features),
# BENCH_BBOX (112.03,34.89,112.26,35.29: about a tenth of farmland), BENCH_FORMATS (all six).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
runs=${BENCH_RUNS:-3}
bbox=${BENCH_BBOX:-112.03,34.89,112.26,35.29}
formats=(${BENCH_FORMATS:-gpkg shp.zip kml geojson csv fgb})
out="$work/exports"
rm -rf "$out"; mkdir -p "$out"

command -v /usr/bin/time >/dev/null || apt-get install -y time >/dev/null
command -v zip >/dev/null || apt-get install -y zip >/dev/null
[[ -x $onemap ]] || ONEMAP_BUILD_TARGET=onemap "$root/scripts/build.sh" >/dev/null
gpkg="$root/data/bench/large.gpkg"
[[ -f "$gpkg" ]] || /usr/bin/python3 "$root/scripts/make-demo-data.py" --scale 330 --output "$gpkg"

# The layer with the most features, unless given.
layer=${BENCH_LAYER:-$(ogrinfo -so -al "$gpkg" | awk '/^Layer name:/ {l = $3} /^Feature Count:/ {if ($3 > n) {n = $3; best = l}} END {print best}')}
nsource=$(ogrinfo -so "$gpkg" "$layer" | sed -n 's/^Feature Count: //p')
ntenth=$(ogrinfo -so -spat ${bbox//,/ } "$gpkg" "$layer" | sed -n 's/^Feature Count: //p')
load_before=$(cut -d' ' -f1-3 /proc/loadavg)

stop_all() { [[ -n ${srv_pid:-} ]] && kill "$srv_pid" 2>/dev/null; return 0; }
trap stop_all EXIT
write_config "$work/exports.yaml" "max_exports: 2"
start_onemap srv "$work/exports.yaml" --data "$gpkg"
url="http://127.0.0.1:$srv_port"
curl -sf "$url/health" >/dev/null || { log "FAILED: /health"; exit 1; }

mem() { awk '/^VmHWM|^VmRSS/ {printf "%s %d ", $1, $2 / 1024}' "/proc/$srv_pid/status"; }  # MB
hwm() { awk '/^VmHWM/ {printf "%d", $2 / 1024}' "/proc/$srv_pid/status"; }
rss() { awk '/^VmRSS/ {printf "%d", $2 / 1024}' "/proc/$srv_pid/status"; }
median() { sort -g | awk '{v[NR] = $1} END {if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
mb() { awk -v b="$1" 'BEGIN {printf "%.1f", b / 1048576}'; }

# ogr2ogr's driver and options for a OneMap extension.
ogr_args() {
  case $1 in
    gpkg) echo "-f GPKG" ;;
    shp.zip) echo "-f ESRI_Shapefile -lco ENCODING=UTF-8" ;;
    kml) echo "-f KML" ;;
    geojson) echo "-f GeoJSON -lco RFC7946=NO" ;;
    csv) echo "-f CSV -lco GEOMETRY=AS_WKT -lco WRITE_BOM=YES -lco LINEFORMAT=CRLF" ;;
    fgb) echo "-f FlatGeobuf" ;;
  esac
}

# features FILE EXT: how many features the file holds (counted without parsing the big text ones).
features() {
  case $2 in
    kml) grep -c '<Placemark' "$1" ;;
    geojson) grep -c '"type": "Feature"' "$1" ;;
    csv) echo $(($(wc -l <"$1") - 1)) ;;
    shp.zip) ogrinfo -so -al "/vsizip/$1" | sed -n 's/^Feature Count: //p' | head -1 ;;  # parts named {layer}-{date}
    *) ogrinfo -so -al "$1" | sed -n 's/^Feature Count: //p' | head -1 ;;
  esac
}

# ogr_run EXT DEST_DIR [OGR2OGR ARGS...]: one ogr2ogr conversion (and zip for a Shapefile) into
# DEST_DIR; prints "SECONDS PEAK_RSS_MB OUTPUT_FILE".
ogr_run() {
  local ext=$1 dest=$2; shift 2
  rm -rf "$dest"; mkdir -p "$dest"
  local -a args; read -ra args <<<"$(ogr_args "$ext")"
  args[1]=${args[1]//_/ }  # "ESRI Shapefile"
  local target="$dest/$layer.${ext%.zip}" t0 t1 secs peak
  /usr/bin/time -f '%e %M' -o "$dest.time" ogr2ogr "${args[@]}" -t_srs EPSG:4326 "$@" "$target" "$gpkg" "$layer"
  read -r secs peak <"$dest.time"
  if [[ $ext == shp.zip ]]; then
    t0=$(date +%s.%N)
    (cd "$dest" && zip -q "$layer.shp.zip" "$layer".shp "$layer".shx "$layer".dbf "$layer".prj "$layer".cpg)
    t1=$(date +%s.%N)
    secs=$(awk -v a="$secs" -v b="$t0" -v c="$t1" 'BEGIN {printf "%.2f", a + c - b}')
    target="$dest/$layer.shp.zip"
  fi
  echo "$secs $((peak / 1024)) $target"
}

hwm0=$(hwm); rss0=$(rss)
log "server before any export: $(mem)"

# 1. About a tenth of the layer (bbox), one export per format, before any whole-layer export,
# so that the high-water mark after them shows what a tenth costs.
tenth_rows=()
for ext in "${formats[@]}"; do
  log "$layer $ext, bbox (a tenth)"
  t=$(curl -s -o "$out/tenth.$ext" -w '%{time_total}' "$url/download/$layer.$ext?bbox=$bbox" | xargs printf '%.2f')
  n=$(features "$out/tenth.$ext" "$ext"); size=$(stat -c %s "$out/tenth.$ext")
  read -r ot opeak ofile < <(ogr_run "$ext" "$out/ogr-tenth" -spat ${bbox//,/ })
  on=$(features "$ofile" "$ext"); osize=$(stat -c %s "$ofile")
  tenth_rows+=("| $ext (bbox) | $n / $on | $t | $ot | **$(ratio "$t" "$ot")×** | $(mb "$size") / $(mb "$osize") | $opeak | $(($(hwm) - hwm0)) |")
  rm -f "$out/tenth.$ext"; rm -rf "$out/ogr-tenth"
done
hwm1=$(hwm); rss1=$(rss)
log "server after the bbox exports: $(mem)"

# 2. The whole layer: a warm-up download (kept: size, features), then BENCH_RUNS timed ones; the
# server's high-water mark after the warm-up of each format; then ogr2ogr BENCH_RUNS times.
rows=()
for ext in "${formats[@]}"; do
  log "$layer $ext: OneMap warm-up + $runs, ogr2ogr $runs"
  curl -s -o "$out/onemap.$ext" "$url/download/$layer.$ext"
  hwm_f=$(hwm); rss_f=$(rss)
  n=$(features "$out/onemap.$ext" "$ext"); size=$(stat -c %s "$out/onemap.$ext")
  rm -f "$out/onemap.$ext"
  om=$(for _ in $(seq "$runs"); do curl -s -o /dev/null -w '%{time_total}\n' "$url/download/$layer.$ext"; done)
  ogr=$(for i in $(seq "$runs"); do ogr_run "$ext" "$out/ogr-$i"; [[ $i == "$runs" ]] || rm -rf "$out/ogr-$i"; done)
  ofile=$(echo "$ogr" | tail -1 | cut -d' ' -f3)
  on=$(features "$ofile" "$ext"); osize=$(stat -c %s "$ofile"); rm -rf "$out/ogr-$runs"
  om_t=$(printf '%.2f' "$(echo "$om" | median)"); ogr_t=$(echo "$ogr" | cut -d' ' -f1 | median)
  ogr_peak=$(echo "$ogr" | cut -d' ' -f2 | sort -n | tail -1)
  echo "$ext onemap: $(echo $om) | ogr2ogr: $(echo "$ogr" | cut -d' ' -f1,2 | tr '\n' ';')" >>"$work/exports-runs.log"
  rows+=("| $ext | $n / $on | $om_t | $ogr_t | **$(ratio "$om_t" "$ogr_t")×** | $(mb "$size") / $(mb "$osize") | $ogr_peak | $((hwm_f - hwm0)) (RSS $((rss_f - rss0))) |")
done
hwm2=$(hwm); rss2=$(rss)
log "server after all exports: $(mem)"

{
  echo "Downloads benchmark, $(date -u +%Y-%m-%d), $(machine); $(gdal-config --version 2>/dev/null || ogrinfo --version); load average before: $load_before"
  echo "layer $layer ($nsource features in the source); times are medians of $runs (OneMap after one warm-up download); bbox $bbox ($ntenth features in the source by envelope)"
  echo
  echo "| format | features OneMap / ogr2ogr | OneMap s | ogr2ogr s | ratio | MB OneMap / ogr2ogr | ogr2ogr peak RSS MB | OneMap VmHWM growth MB |"
  echo "|---|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
  printf '%s\n' "${tenth_rows[@]}"
  echo
  echo "OneMap server (VmHWM / VmRSS, MB): before any export $hwm0 / $rss0; after the bbox exports $hwm1 / $rss1 (+$((hwm1 - hwm0)) / +$((rss1 - rss0))); after all whole-layer exports $hwm2 / $rss2 (+$((hwm2 - hwm0)) / +$((rss2 - rss0)))"
} | tee "$work/exports-result.md"
