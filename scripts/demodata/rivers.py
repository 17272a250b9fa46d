"""rivers: the Yellow River along the southern border and eight tributaries drawn from control points."""

import numpy as np
from shapely.geometry import LineString, Point
from shapely.ops import nearest_points, substring

from .geometry import chaikin, densify, largest_polygon, lines_of, wiggle
from .log import log

# joins river, meander amplitude (m)
RIVERS = [
    ("黄河", "good", True, False, None, None, 0.0),
    ("沁河", "good", False, True,
     [(112.640, 35.295), (112.642, 35.262), (112.652, 35.240), (112.665, 35.215),
      (112.680, 35.192), (112.695, 35.172), (112.714, 35.157), (112.740, 35.140),
      (112.800, 35.118)], None, 220.0),
    ("蟒河", "polluted", False, True,
     [(112.290, 35.175), (112.330, 35.145), (112.385, 35.118), (112.430, 35.104),
      (112.490, 35.098), (112.545, 35.094), (112.590, 35.089), (112.640, 35.085),
      (112.690, 35.079), (112.740, 35.072), (112.800, 35.066)], None, 200.0),
    ("济河", "polluted", False, False,
     [(112.598, 35.118), (112.625, 35.113), (112.660, 35.109), (112.700, 35.105),
      (112.745, 35.100), (112.800, 35.095)], None, 110.0),
    ("湨河", "polluted", False, False,
     [(112.535, 35.036), (112.560, 35.020), (112.600, 35.006), (112.640, 34.998),
      (112.680, 34.986), (112.730, 34.970)], None, 140.0),
    ("珠龙河", "polluted", False, False,
     [(112.455, 34.995), (112.470, 35.030), (112.490, 35.060), (112.512, 35.085),
      (112.520, 35.097)], "蟒河", 110.0),
    ("苇泉河", "polluted", False, False,
     [(112.530, 35.205), (112.545, 35.165), (112.556, 35.128), (112.565, 35.094)],
     "蟒河", 110.0),
    ("大峪河", "good", False, False,
     [(112.385, 35.060), (112.390, 35.020), (112.400, 34.985), (112.405, 34.940)],
     "黄河", 140.0),
    ("逢石河", "good", False, False,
     [(112.240, 35.160), (112.225, 35.120), (112.230, 35.075), (112.215, 35.030),
      (112.210, 34.985)], "黄河", 170.0),
]


def make_rivers(city):
    rng = city.rng(4)
    city.rivers_m = {}
    rows = []
    for name, quality, mainstream, important, ctrl, joins, amp in RIVERS:
        if name == "黄河":
            line = _yellow_river(city)
        else:
            pts = np.array([city.m(*p) for p in ctrl])
            if joins:
                target = city.rivers_m[joins]
                pts[-1] = nearest_points(target, Point(pts[-1]))[0].coords[0]
            p = densify(chaikin(pts, 5), 60.0)
            p = wiggle(p, rng, amp, [1800.0, 3300.0, 6100.0], taper_m=1500.0,
                       taper_start=False, taper_end=bool(joins))
            p = chaikin(p, 2)
            line = LineString(p)
            if joins:
                # snap the mouth exactly onto the main river
                mouth = nearest_points(city.rivers_m[joins], Point(p[-1]))[0]
                line = LineString(list(p[:-1]) + [mouth.coords[0]])
            parts = lines_of(line.intersection(city.outline_m))
            line = max(parts, key=lambda part: part.length)
        city.rivers_m[name] = line
        rows.append(({"name": name, "quality_group": quality, "is_mainstream": mainstream,
                      "is_important_tributary": important}, city.proj.geom_to_ll(line)))
    city.layers["rivers"] = rows
    log("rivers: " + ", ".join("%s %.1f km" % (n, l.length / 1000) for n, l in city.rivers_m.items()))


def _yellow_river(city):
    """Along the southern border, ~700 m inside, from the SW corner to the southern tip."""
    ring = largest_polygon(city.outline_m.buffer(-700.0)).exterior
    a = ring.project(Point(city.m(112.040, 35.015)))
    b = ring.project(Point(city.m(112.515, 34.900)))
    lo, hi = min(a, b), max(a, b)
    p1 = substring(ring, lo, hi)
    p2 = LineString(list(substring(ring, hi, ring.length).coords)
                    + list(substring(ring, 0, lo).coords)[1:])
    path = p1 if p1.length < p2.length else p2
    coords = np.array(path.coords)
    if coords[0][0] > coords[-1][0]:
        coords = coords[::-1]
    coords = np.array(LineString(coords).simplify(120.0).coords)
    coords = chaikin(coords, 4)
    border = city.outline_m.exterior
    start = nearest_points(border, Point(coords[0]))[0].coords[0]
    end = nearest_points(border, Point(coords[-1]))[0].coords[0]
    line = LineString([start] + list(coords) + [end])
    parts = lines_of(line.intersection(city.outline_m))
    return max(parts, key=lambda part: part.length)
