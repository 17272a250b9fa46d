#!/usr/bin/python3
"""Writes the request list of bench/stress.sh for a running OneMap (its base URL the argument):
one request a line, "GET /path" or "POST /path {json}", mixed as a web map and its users ask:
of every 20 lines, 12 tiles (the fixed tile list of make_tile_list.py, the ten-layer composite
and single layers), 4 items pages (paging, bbox, property filters), 2 name searches (/search?q=
with township names and their prefixes) and 2 small analyses (within-distance, plot-restrictions).
Seeded, so every run asks the same."""
import json
import random
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def get(base, path):
    with urllib.request.urlopen(base + path, timeout=30) as res:
        return json.load(res)


def main():
    base = sys.argv[1].rstrip("/")
    rng = random.Random(20250607)
    layers = [c["id"] for c in get(base, "/collections")["collections"]]
    composite = ",".join(layers)
    tiles = subprocess.run([sys.executable, str(ROOT / "bench/make_tile_list.py")], check=True,
                           capture_output=True, text=True).stdout.split()
    names = [f["properties"]["name"] for f in get(base, "/collections/townships/items?limit=100")["features"]]
    plots = get(base, "/collections/polluted_plots/items?limit=1")["numberMatched"]
    ids = {layer: [f["id"] for f in get(base, f"/collections/{layer}/items?limit=10")["features"]] for layer in layers}

    def tile():
        zxy = rng.choice(tiles)
        layer = composite if rng.random() < 0.5 else rng.choice(layers)
        return f"GET /tiles/{layer}/{zxy}.mvt"

    def items():
        layer = rng.choice(layers)
        kind = rng.randrange(4)
        if kind == 0:
            return f"GET /collections/{layer}/items?limit={rng.choice([10, 50, 100])}&offset={rng.randrange(0, 200)}"
        if kind == 1:
            x, y = 112.2 + rng.random() * 0.6, 34.95 + rng.random() * 0.3
            return f"GET /collections/{layer}/items?bbox={x:.3f},{y:.3f},{x + 0.05:.3f},{y + 0.05:.3f}&limit=100"
        if kind == 2:
            return f"GET /collections/farmland/items?terrain={rng.choice(['plain', 'hill', 'mountain'])}&limit=50"
        return f"GET /collections/{layer}/items/{urllib.parse.quote(str(rng.choice(ids[layer])))}"

    def search():
        name = rng.choice(names)
        q = name if rng.random() < 0.5 else name[: max(1, len(name) // 2)]
        return "GET /search?q=" + urllib.parse.quote(q) + ("&limit=20" if rng.random() < 0.3 else "")

    def process():
        if rng.random() < 0.5:
            inputs = {"source": "polluted_plots", "target": rng.choice(["water_protection_zones", "rivers"]),
                      "distance": rng.choice([200, 500, 1000, 2000])}
            return "POST /processes/within-distance/execution " + json.dumps({"inputs": inputs})
        inputs = {"collection": "polluted_plots", "feature_id": rng.randrange(1, plots + 1),
                  "planned_use": rng.choice(["residential", "industrial"])}
        return "POST /processes/plot-restrictions/execution " + json.dumps({"inputs": inputs})

    lines = []
    for _ in range(100):
        lines += [tile() for _ in range(12)] + [items() for _ in range(4)] + [search() for _ in range(2)]
        lines += [process() for _ in range(2)]
    rng.shuffle(lines)
    print("\n".join(lines))


if __name__ == "__main__":
    main()
