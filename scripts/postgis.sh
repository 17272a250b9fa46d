#!/usr/bin/env bash
# A private PostgreSQL 15 + PostGIS 3 cluster on loopback for tests and benchmarks.
#   scripts/postgis.sh start        install if missing, init and start (idempotent)
#   scripts/postgis.sh stop
#   scripts/postgis.sh load FILE [LAYER...]   load a GDAL source into it (ogr2ogr, EPSG kept)
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
  load)
    shift
    src="$1"; shift
    PG_USE_COPY=YES ogr2ogr -f PostgreSQL "$dsn" "$src" "$@" -overwrite -lco GEOMETRY_NAME=geom -lco FID=fid \
      -lco SPATIAL_INDEX=GIST --config PG_USE_COPY YES
    ;;
  dsn) echo "$dsn" ;;
  psql) shift; psql -h 127.0.0.1 -p "$port" -U postgres -d "$db" "$@" ;;
  *) sed -n '2,9p' "$0"; exit 2 ;;
esac
