"""townships: a Voronoi split of the seats, cut to the outline; which township a point is in."""

import math

import numpy as np
from shapely import vectorized
from shapely.geometry import MultiPoint, Point, box
from shapely.ops import transform, voronoi_diagram

from .geometry import polygonal
from .log import log


def make_townships(city):
    cosl = math.cos(math.radians(35.1))
    pts = [(lon * cosl, lat) for _, _, lon, lat in city.seats]
    env = box(111.0 * cosl, 34.0, 114.0 * cosl, 36.0)
    cells = list(voronoi_diagram(MultiPoint(pts), envelope=env).geoms)
    rows = []
    city.townships_ll = []
    for i, (name, kind, lon, lat) in enumerate(city.seats):
        cell = [c for c in cells if c.contains(Point(pts[i]))]
        assert len(cell) == 1, name
        cell_ll = transform(lambda x, y, z=None: (np.asarray(x) / cosl, np.asarray(y)), cell[0])
        g = polygonal(cell_ll.intersection(city.outline_ll))
        city.townships_ll.append((name, g))
        rows.append(({"name": name, "kind": kind, "code": "419001%03d" % (i + 1)}, g))
    city.layers["townships"] = rows
    log("townships: %d" % len(rows))


def township_of_ll(city, lon, lat):
    p = Point(lon, lat)
    for name, g in city.townships_ll:
        if g.intersects(p):
            return name
    return min(city.townships_ll, key=lambda t: t[1].distance(p))[0]


def township_index(townships, x, y):
    """Vectorised: index of the township containing each point (nearest if in none)."""
    x = np.asarray(x)
    y = np.asarray(y)
    idx = np.full(len(x), -1, dtype=int)
    for i, (_, g) in enumerate(townships):
        todo = np.where(idx < 0)[0]
        if not len(todo):
            break
        idx[todo[vectorized.contains(g, x[todo], y[todo])]] = i
    for j in np.where(idx < 0)[0]:
        p = Point(x[j], y[j])
        idx[j] = min(range(len(townships)), key=lambda i: townships[i][1].distance(p))
    return idx
