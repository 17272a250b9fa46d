"""The real inputs (data/base/, MIT-licensed outline): the city outline and the township seats."""

import csv
import json
import os

from shapely.geometry import shape

from .log import log

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BASE_DIR = os.path.join(REPO, "data", "base")


def load_base(city):
    with open(os.path.join(BASE_DIR, "jiyuan-outline.geojson"), encoding="utf-8") as f:
        fc = json.load(f)
    city.outline_ll = shape(fc["features"][0]["geometry"])
    assert city.outline_ll.is_valid
    city.outline_m = city.proj.geom_to_m(city.outline_ll)
    with open(os.path.join(BASE_DIR, "jiyuan-townships.csv"), encoding="utf-8") as f:
        city.seats = [(r["name"], r["kind"], float(r["lon"]), float(r["lat"]))
                      for r in csv.DictReader(f)]
    city.town_seats_m = {n: city.m(lon, lat) for n, k, lon, lat in city.seats if k == "town"}
    log("outline: %.1f km2 (EPSG:4547), %d seats" % (city.outline_m.area / 1e6, len(city.seats)))
