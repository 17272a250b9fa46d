#!/usr/bin/env bash
# Several OneMap replicas on one PostGIS behind nginx, on loopback (issue P9; docs/DEPLOY.md).
#   scripts/cluster.sh start          PostGIS (postgis.sh start + load-demo), the replicas, nginx;
#                                     returns once every replica and nginx answer /health
#   scripts/cluster.sh stop           nginx and the replicas (PostGIS keeps running: postgis.sh stop)
#   scripts/cluster.sh status         each replica's pid and /health, nginx
#   scripts/cluster.sh kill N         SIGKILL replica N (1-based): a crash, for failover tests
#   scripts/cluster.sh revive N       start replica N again on its port, wait for /health
#   scripts/cluster.sh key ROLE...    a new API key per ROLE (printed, one a line): `onemap key
#                                     add` on the cluster's configuration, then SIGHUP to every
#                                     running replica; returns once each one knows the keys
#   scripts/cluster.sh url            nginx's URL
# Environment:
#   ONEMAP_CLUSTER_REPLICAS    replicas (default 2)
#   ONEMAP_CLUSTER_PORT        nginx's port (default 8090); replicas on the next ports
#   ONEMAP_CLUSTER_REPLICA_PORT  first replica's port (default ONEMAP_CLUSTER_PORT + 1)
#   ONEMAP_CLUSTER_DIR         configuration, logs, nginx and its cache (default /tmp/onemap-cluster)
#   ONEMAP_CLUSTER_SCHEMA      PostGIS schema of the demo tables (default onemap)
#   ONEMAP_CLUSTER_LOAD        1: (re)load the demo data into the schema at start (default); 0: keep it
#   ONEMAP_CLUSTER_LOG_LEVEL   the replicas' --log-level (default info)
#   ONEMAP_CLUSTER_ROLES       restricted layers at start, e.g. "polluted_plots=land_bureau
#                              farmland=planner,land_bureau" (scripts/pg-config.py --roles)
#   ONEMAP_BINARY              the server (default build/src/onemap)
#   ONEMAP_PG_PORT, ONEMAP_PG_DIR  which PostgreSQL (scripts/postgis.sh)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
replicas="${ONEMAP_CLUSTER_REPLICAS:-2}"
nginx_port="${ONEMAP_CLUSTER_PORT:-8090}"
first_port="${ONEMAP_CLUSTER_REPLICA_PORT:-$((nginx_port + 1))}"
dir="${ONEMAP_CLUSTER_DIR:-/tmp/onemap-cluster}"
schema="${ONEMAP_CLUSTER_SCHEMA:-onemap}"
binary="${ONEMAP_BINARY:-$root/build/src/onemap}"
url="http://127.0.0.1:$nginx_port"

say() { printf '[cluster] %s\n' "$*" >&2; }
replica_port() { echo $((first_port + $1 - 1)); }
pid_alive() { [[ -f $1 ]] && kill -0 "$(cat "$1")" 2>/dev/null; }

# wait_health URL PIDFILE LOG: until URL/health answers 200; fails early if the process died.
wait_health() {
  local base=$1 pidfile=$2 log=$3
  for _ in $(seq 1 1200); do
    if curl -sf -o /dev/null --max-time 2 "$base/health"; then return 0; fi
    if ! pid_alive "$pidfile"; then
      say "$base did not start; the end of $log:"; tail -20 "$log" >&2; return 1
    fi
    sleep 0.1
  done
  say "$base gave no /health within 120 s"; return 1
}

start_replica() {
  local n=$1 port
  port=$(replica_port "$n")
  if pid_alive "$dir/replica-$n.pid"; then say "replica $n already runs"; return 0; fi
  # setsid + redirections: the replica outlives this script and holds none of its caller's
  # pipes (a test reading our output would otherwise wait for the replica to end).
  setsid "$binary" serve --config "$dir/config/onemap.yaml" --bind 127.0.0.1 --port "$port" \
    --log-level "${ONEMAP_CLUSTER_LOG_LEVEL:-info}" </dev/null >>"$dir/replica-$n.log" 2>&1 &
  echo $! >"$dir/replica-$n.pid"
  wait_health "http://127.0.0.1:$port" "$dir/replica-$n.pid" "$dir/replica-$n.log"
  say "replica $n: pid $(cat "$dir/replica-$n.pid"), http://127.0.0.1:$port"
}

stop_replica() {
  local pidfile="$dir/replica-$1.pid" pid
  [[ -f $pidfile ]] || return 0
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -KILL "$pid"
  fi
  rm -f "$pidfile"
}

start_nginx() {
  local ng="$dir/nginx" upstreams="" n user=""
  mkdir -p "$ng/tmp" "$ng/cache"
  for ((n = 1; n <= replicas; n++)); do
    upstreams+="    server 127.0.0.1:$(replica_port "$n") max_fails=1 fail_timeout=5s;"$'\n'
  done
  # As root the workers would drop to `nobody` and could not write the cache we own.
  [[ $(id -u) -eq 0 ]] && user="user root;"
  UPSTREAMS="$upstreams" USER_LINE="$user" NG="$ng" LISTEN="127.0.0.1:$nginx_port" \
    python3 -c 'import os, sys
out = []
for line in open(sys.argv[1]):  # comments keep their @NAME@ words
    if not line.lstrip().startswith("#"):
        for k, v in (("@USER@", "USER_LINE"), ("@DIR@", "NG"), ("@LISTEN@", "LISTEN"), ("@UPSTREAMS@", "UPSTREAMS")):
            line = line.replace(k, os.environ[v].rstrip("\n"))
    out.append(line)
open(sys.argv[2], "w").write("".join(out))' "$here/nginx/onemap-cluster.conf.in" "$ng/nginx.conf"
  # -e: the error log before the configuration is read (the compiled-in one may be root's).
  nginx -e "$ng/error.log" -t -q -c "$ng/nginx.conf"
  nginx -e "$ng/error.log" -c "$ng/nginx.conf" </dev/null >>"$ng/nginx.out" 2>&1
  wait_health "$url" "$ng/nginx.pid" "$ng/error.log"
  say "nginx: $url (pid $(cat "$ng/nginx.pid"))"
}

stop_nginx() {
  local pidfile="$dir/nginx/nginx.pid" pid
  pid_alive "$pidfile" || return 0
  pid=$(cat "$pidfile")
  kill -QUIT "$pid"  # graceful: workers finish their requests
  for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.1; done
  kill -TERM "$pid" 2>/dev/null || true
}

check_replica_arg() {
  if [[ ! ${1:-} =~ ^[0-9]+$ ]] || (($1 < 1 || $1 > replicas)); then say "replica 1..$replicas expected"; exit 2; fi
}

case "${1:-}" in
  start)
    [[ -x $binary ]] || { say "no $binary: build first (scripts/build.sh)"; exit 1; }
    "$0" stop
    mkdir -p "$dir"
    "$here/postgis.sh" start >/dev/null
    [[ ${ONEMAP_CLUSTER_LOAD:-1} == 1 ]] && "$here/postgis.sh" load-demo "$schema" >&2
    roles=()
    for spec in ${ONEMAP_CLUSTER_ROLES:-}; do roles+=(--roles "$spec"); done
    "$here/pg-config.py" "$dir/config" --schema "$schema" --public-url "$url" --trusted-proxy 127.0.0.1 \
      ${roles[@]+"${roles[@]}"} >/dev/null
    for ((n = 1; n <= replicas; n++)); do start_replica "$n"; done
    start_nginx
    echo "$url"
    ;;
  stop)
    stop_nginx
    # Every replica a previous start left, whatever ONEMAP_CLUSTER_REPLICAS says now.
    for f in "$dir"/replica-*.pid; do
      [[ -e $f ]] || continue
      f=${f##*/replica-}; stop_replica "${f%.pid}"
    done
    ;;
  status)
    for ((n = 1; n <= replicas; n++)); do
      port=$(replica_port "$n")
      if pid_alive "$dir/replica-$n.pid"; then
        echo "replica $n: pid $(cat "$dir/replica-$n.pid") http://127.0.0.1:$port $(curl -s --max-time 2 "http://127.0.0.1:$port/health" | head -c 200)"
      else
        echo "replica $n: down (port $port)"
      fi
    done
    if pid_alive "$dir/nginx/nginx.pid"; then echo "nginx: pid $(cat "$dir/nginx/nginx.pid") $url"; else echo "nginx: down"; fi
    ;;
  kill)
    check_replica_arg "${2:-}"
    pid_alive "$dir/replica-$2.pid" || { say "replica $2 is not running"; exit 1; }
    kill -KILL "$(cat "$dir/replica-$2.pid")"
    say "replica $2 killed (SIGKILL)"
    ;;
  revive)
    check_replica_arg "${2:-}"
    start_replica "$2"
    ;;
  key)
    (($# >= 2)) || { say "key ROLE... expected"; exit 2; }
    keys=()
    for role in "${@:2}"; do keys+=("$("$binary" key add "$role" --config "$dir/config/onemap.yaml")"); done
    # Every running replica reads the keys file again; it knows the keys once /auth/whoami
    # accepts the last one (a reload that failed keeps the old keys: then this gives up).
    for ((n = 1; n <= replicas; n++)); do
      pid_alive "$dir/replica-$n.pid" || continue
      kill -HUP "$(cat "$dir/replica-$n.pid")"
      base="http://127.0.0.1:$(replica_port "$n")"
      for i in $(seq 1 600); do
        curl -sf -o /dev/null --max-time 2 -H "X-API-Key: ${keys[-1]}" "$base/auth/whoami" && break
        ((i < 600)) || { say "replica $n did not take the new keys within 60 s"; exit 1; }
        sleep 0.1
      done
    done
    printf '%s\n' "${keys[@]}"
    ;;
  url) echo "$url" ;;
  *) sed -n '2,25p' "$0"; exit 2 ;;
esac
