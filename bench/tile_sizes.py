#!/usr/bin/env python3
"""Tile sizes per zoom as a browser gets them (Accept-Encoding: gzip): max and p95, gzipped and
raw, for one layer of a running OneMap. Every tile of the layer's bounds up to 64 per zoom (else
the central 8 x 8 block). Usage: bench/tile_sizes.py BASE_URL LAYER MIN_ZOOM MAX_ZOOM
e.g. build/src/onemap serve --data data/bench/large.gpkg --port 8093 &
     bench/tile_sizes.py http://127.0.0.1:8093 farmland 8 14"""
import gzip
import json
import math
import sys
import urllib.request

base, layer = sys.argv[1], sys.argv[2]
tj = json.load(urllib.request.urlopen(f"{base}/tiles/{layer}.json"))
w, s, e, n = tj["bounds"]


def tile(lon, lat, z):
    k = 2 ** z
    x = int((lon + 180) / 360 * k)
    y = int((1 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2 * k)
    return x, y


def p95(values):
    return values[min(len(values) - 1, int(0.95 * len(values)))]


for z in range(int(sys.argv[3]), int(sys.argv[4]) + 1):
    x0, y0 = tile(w, n, z)
    x1, y1 = tile(e, s, z)
    xs, ys = range(x0, x1 + 1), range(y0, y1 + 1)
    # at most ~64 tiles per zoom: the central block
    if len(xs) * len(ys) > 64:
        cx, cy = (x0 + x1) // 2, (y0 + y1) // 2
        xs, ys = range(cx - 4, cx + 4), range(cy - 4, cy + 4)
    sizes = []
    for x in xs:
        for y in ys:
            req = urllib.request.Request(f"{base}/tiles/{layer}/{z}/{x}/{y}.mvt", headers={"Accept-Encoding": "gzip"})
            r = urllib.request.urlopen(req)
            body = r.read()
            raw = gzip.decompress(body) if r.headers.get("Content-Encoding") == "gzip" else body
            gz = body if r.headers.get("Content-Encoding") == "gzip" else gzip.compress(body)
            sizes.append((len(gz), len(raw)))
    sizes.sort()
    g = [a for a, _ in sizes]
    rw = sorted(b for _, b in sizes)
    print(f"z{z}: tiles {len(sizes)}  gzip max {max(g)/1024:.0f} KB p95 {p95(g)/1024:.0f} KB  "
          f"raw max {max(rw)/1024:.0f} KB p95 {p95(rw)/1024:.0f} KB", flush=True)
