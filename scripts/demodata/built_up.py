"""built_up_area: the city's built-up area; and the two industrial parks (no layer of their own)."""

import math

from .geometry import blob, largest_polygon
from .log import log

BUILT_UP_CENTRE = (112.597, 35.093)
PARKS = {  # name: (centre lon/lat, rx, ry)
    "玉川产业集聚区": ((112.625, 35.163), 3000.0, 1700.0),
    "虎岭产业集聚区": ((112.515, 35.040), 2400.0, 1600.0),
}


def make_built_up(city):
    rng = city.rng(3)
    cx, cy = city.m(*BUILT_UP_CENTRE)
    g = blob(cx, cy, 5200.0, 3400.0, rng, rough=0.22, rot=math.radians(-4))
    city.built_up_m = largest_polygon(g.intersection(city.outline_m))
    city.layers["built_up_area"] = [({"name": "济源市城市建成区"},
                                     city.proj.geom_to_ll(city.built_up_m))]
    city.parks_m = {}
    for name, ((lon, lat), rx, ry) in PARKS.items():
        px, py = city.m(lon, lat)
        city.parks_m[name] = largest_polygon(
            blob(px, py, rx, ry, rng, rough=0.25).intersection(city.outline_m))
    log("built-up area: %.1f km2" % (city.built_up_m.area / 1e6))
