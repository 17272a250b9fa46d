#!/usr/bin/python3
"""Writes the fixed list of tiles the tile benchmark requests: every tile over the city at
z8-z11, and at z12-z15 a seeded sample weighted to the dense plain (farmland and the built-up
area), so every run and every peer sees the same tiles."""
import json
import math
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def tile_of(lon, lat, z):
    n = 2 ** z
    x = int((lon + 180.0) / 360.0 * n)
    lat_r = math.radians(lat)
    y = int((1.0 - math.asinh(math.tan(lat_r)) / math.pi) / 2.0 * n)
    return x, y


def main():
    outline = json.loads((ROOT / "data/base/jiyuan-outline.geojson").read_text())
    coords = []

    def walk(c):
        if isinstance(c[0], (int, float)):
            coords.append(c)
        else:
            for part in c:
                walk(part)

    for feature in outline["features"]:
        walk(feature["geometry"]["coordinates"])
    min_lon = min(c[0] for c in coords)
    max_lon = max(c[0] for c in coords)
    min_lat = min(c[1] for c in coords)
    max_lat = max(c[1] for c in coords)
    plain = (112.50, 34.98, 112.80, 35.17)  # the eastern plain around the city centre

    rng = random.Random(20211)
    tiles = []
    for z in range(8, 16):
        x0, y0 = tile_of(min_lon, max_lat, z)
        x1, y1 = tile_of(max_lon, min_lat, z)
        every = [(z, x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]
        if len(every) <= 64:
            tiles += every
            continue
        px0, py0 = tile_of(plain[0], plain[3], z)
        px1, py1 = tile_of(plain[2], plain[1], z)
        dense = [(z, x, y) for x in range(px0, px1 + 1) for y in range(py0, py1 + 1)]
        tiles += rng.sample(dense, min(48, len(dense))) + rng.sample(every, 16)
    out = sys.stdout if len(sys.argv) < 2 else open(sys.argv[1], "w")
    for z, x, y in tiles:
        print(f"{z}/{x}/{y}", file=out)


if __name__ == "__main__":
    main()
