#!/usr/bin/env bash
# A private PostgreSQL 15 + PostGIS 3 cluster on loopback for tests and benchmarks.
#   scripts/postgis.sh start        install if missing, init and start (idempotent)
#   scripts/postgis.sh stop
#   scripts/postgis.sh restart      stop and start again (replicas must ride it out; P9)
#   scripts/postgis.sh load FILE [LAYER...]   load a GDAL source into it (ogr2ogr, EPSG kept)
#   scripts/postgis.sh load-demo [SCHEMA]  the demo GeoPackage into SCHEMA (default onemap), FIDs
#                                   kept, every table published to OneMap (sql/onemap_publish.sql)
#   scripts/postgis.sh dsn          print the GDAL connection string
#   scripts/postgis.sh psql [ARGS]  run psql against it
# Environment: ONEMAP_PG_PORT (default 55432), ONEMAP_PG_DIR (default /tmp/onemap-pg).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
port="${ONEMAP_PG_PORT:-55432}"
dir="${ONEMAP_PG_DIR:-/tmp/onemap-pg}"
bin=/usr/lib/postgresql/15/bin
db=onemap
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
export PGOPTIONS="-c client_min_messages=warning"  # no NOTICE chatter from IF [NOT] EXISTS
dsn="PG:host=127.0.0.1 port=$port dbname=$db user=postgres"

case "${1:-}" in
  start)
    "$here/install-deps.sh" --test >/dev/null
    if [[ ! -f "$dir/PG_VERSION" ]]; then
      mkdir -p "$dir"
      [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$dir"
      as_pg "$bin/initdb" -D "$dir" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    if ! as_pg "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1; then
      as_pg "$bin/pg_ctl" -D "$dir" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c shared_buffers=512MB -c max_connections=200" start >/dev/null
    fi
    psql -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$db'" | grep -q 1 ||
      psql -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE DATABASE $db"
    psql -h 127.0.0.1 -p "$port" -U postgres -d "$db" -qc "CREATE EXTENSION IF NOT EXISTS postgis" >/dev/null
    echo "$dsn"
    ;;
  stop)
    as_pg "$bin/pg_ctl" -D "$dir" -m fast stop >/dev/null 2>&1 || true
    ;;
  restart)
    # Fast shutdown ends every session (the replicas' LISTEN connections included); start
    # brings the same cluster back on the same port.
    "$0" stop
    "$0" start
    ;;
  load-demo)
    schema="${2:-onemap}"
    [[ $schema =~ ^[a-z_][a-z0-9_]*$ ]] || { echo "postgis.sh: bad schema name '$schema'" >&2; exit 2; }
    "$here/demo-data.sh"
    gpkg="$here/../data/demo/jiyuan.gpkg"
    run_psql() { psql -h 127.0.0.1 -p "$port" -U postgres -d "$db" -v ON_ERROR_STOP=1 -q "$@"; }
    run_psql -c "CREATE SCHEMA IF NOT EXISTS $schema"
    # OVERWRITE=YES as a layer option: with SCHEMA= ogr2ogr's -overwrite misses the existing table.
    # -preserve_fid: the FIDs are the features' ids, as in the GeoPackage, so a PG-backed
    # replica answers the same ids (and pages) as a file-backed server.
    PG_USE_COPY=YES ogr2ogr -f PostgreSQL "$dsn" "$gpkg" -overwrite -preserve_fid \
      -lco SCHEMA="$schema" -lco OVERWRITE=YES -lco GEOMETRY_NAME=geom -lco FID=fid -lco SPATIAL_INDEX=GIST
    run_psql -f "$here/sql/onemap_publish.sql"
    tables=$(run_psql -tA -c "SELECT table_name FROM information_schema.tables
                              WHERE table_schema = '$schema' AND table_type = 'BASE TABLE' ORDER BY 1")
    for t in $tables; do run_psql -tA -c "SELECT onemap_publish('$schema.$t')" >/dev/null; done
    # ANALYZE: fresh statistics, so the first queries plan as they will later.
    run_psql -c "ANALYZE"
    echo "$schema: $(echo "$tables" | wc -w) tables published"
    ;;
  load)
    shift
    src="$1"; shift
    PG_USE_COPY=YES ogr2ogr -f PostgreSQL "$dsn" "$src" "$@" -overwrite -lco GEOMETRY_NAME=geom -lco FID=fid \
      -lco SPATIAL_INDEX=GIST --config PG_USE_COPY YES
    ;;
  dsn) echo "$dsn" ;;
  psql) shift; psql -h 127.0.0.1 -p "$port" -U postgres -d "$db" "$@" ;;
  *) sed -n '2,12p' "$0"; exit 2 ;;
esac
