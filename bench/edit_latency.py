#!/usr/bin/env python3
"""Time from a committed edit in PostGIS to every replica serving it (bench/cluster.sh).

  bench/edit_latency.py --schema S --replica URL [--replica URL …] [--edits 10] [--gap 1.0]

Each edit renames enterprise FID (psql through scripts/postgis.sh, autocommit: psql returns after
COMMIT); from psql's return the script asks every replica directly for
/collections/enterprises/items/FID, every 10 ms, until its name is the new one. Prints one line
per edit and then "median_s MEDIAN max_s MAX" of the time until the last replica served it.
The name is put back at the end. Standard library only."""
import argparse
import http.client
import json
import os
import statistics
import subprocess
import time
import urllib.parse

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def psql(sql):
    return subprocess.run([os.path.join(ROOT, "scripts", "postgis.sh"), "psql", "-v", "ON_ERROR_STOP=1", "-qtAc", sql],
                          check=True, capture_output=True, text=True).stdout.strip()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--schema", required=True)
    p.add_argument("--replica", action="append", required=True)
    p.add_argument("--fid", type=int, default=1)
    p.add_argument("--edits", type=int, default=10)
    p.add_argument("--gap", type=float, default=1.0, help="seconds between edits (past the debounce)")
    p.add_argument("--limit", type=float, default=30.0, help="give up on an edit after this long")
    args = p.parse_args()
    conns = []
    for url in args.replica:
        u = urllib.parse.urlsplit(url)
        conns.append(http.client.HTTPConnection(u.hostname, u.port, timeout=10))
    item = f"/collections/enterprises/items/{args.fid}"
    original = psql(f"SELECT name FROM {args.schema}.enterprises WHERE fid = {args.fid}")
    worst = []
    try:
        for i in range(args.edits):
            name = f"bench-edit-{os.getpid()}-{i}"
            psql(f"UPDATE {args.schema}.enterprises SET name = '{name}' WHERE fid = {args.fid}")
            committed = time.monotonic()
            seen = [None] * len(conns)
            while None in seen and time.monotonic() - committed < args.limit:
                for k, conn in enumerate(conns):
                    if seen[k] is None:
                        conn.request("GET", item)
                        r = conn.getresponse()
                        body = r.read()
                        if r.status == 200 and json.loads(body)["properties"]["name"] == name:
                            seen[k] = time.monotonic() - committed
                time.sleep(0.01)
            if None in seen:
                raise SystemExit(f"edit {i}: a replica did not serve it within {args.limit} s: {seen}")
            worst.append(max(seen))
            print(f"edit {i}: " + " ".join(f"{s:.3f}" for s in seen), flush=True)
            time.sleep(args.gap)
    finally:
        psql(f"UPDATE {args.schema}.enterprises SET name = $${original}$$ WHERE fid = {args.fid}")
    print(f"median_s {statistics.median(worst):.3f} max_s {max(worst):.3f}")


if __name__ == "__main__":
    main()
