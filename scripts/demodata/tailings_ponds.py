"""tailings_ponds: ponds at set distances from rivers, and a few placed in the mountains."""

import math

import numpy as np
from shapely.geometry import Point
from shapely.ops import transform

from .geometry import blob
from .log import log

# name, status, placement: ("near", river, fraction, edge distance m) or ("at", lon, lat)
TAILINGS = [
    ("下冶铅锌矿尾矿库", "在用", ("near", "黄河", 0.30, 1200.0)),
    ("大峪金矿尾矿库", "闭库", ("near", "黄河", 0.58, 2300.0)),
    ("坡头铜矿尾矿库", "停用", ("near", "黄河", 0.86, 600.0)),
    ("邵原硫铁矿尾矿库", "在用", ("near", "黄河", 0.10, 4300.0)),
    ("河口村铁矿尾矿库", "闭库", ("near", "沁河", 0.24, 450.0)),
    ("思礼蟒河铅矿尾矿库", "在用", ("near", "蟒河", 0.10, 550.0)),
    ("五龙口沁河尾矿库", "停用", ("near", "沁河", 0.50, 1800.0)),
    ("王屋金矿尾矿库", "在用", ("at", 112.360, 35.205)),
    ("邵原铅锌矿尾矿库", "闭库", ("at", 112.095, 35.238)),
    ("克井铝土矿尾矿库", "停用", ("at", 112.450, 35.222)),
    ("王屋铁矿尾矿库", "在用", ("at", 112.180, 35.105)),
    ("下冶金矿尾矿库", "闭库", ("at", 112.160, 35.050)),
]


def make_tailings(city):
    rng = city.rng(8)
    rows = []
    city.tailings_m = []
    for name, status, place in TAILINGS:
        rx, ry = rng.uniform(140, 260), rng.uniform(110, 200)
        rot = rng.uniform(0, math.pi)
        if place[0] == "at":
            cx, cy = city.m(place[1], place[2])
            g = blob(cx, cy, rx, ry, rng, 0.3, 48, rot)
        else:
            _, river, frac, dist = place
            line = city.rivers_m[river]
            s = frac * line.length
            p0 = np.array(line.interpolate(s).coords[0])
            p1 = np.array(line.interpolate(min(line.length, s + 50.0)).coords[0])
            t = (p1 - p0) / np.hypot(*(p1 - p0))
            nrm = np.array([-t[1], t[0]])
            side = 1.0 if river == "黄河" else (1.0 if rng.uniform() < 0.5 else -1.0)
            if not city.outline_m.buffer(-800).contains(Point(p0 + side * nrm * (dist + 400.0))):
                side = -side
            shape_ = blob(0.0, 0.0, rx, ry, rng, 0.3, 48, rot)
            off = dist + max(rx, ry)
            for _ in range(6):   # adjust until the edge distance is right
                c = p0 + side * nrm * off
                g = transform(lambda x, y, z=None, c=c: (np.asarray(x) + c[0], np.asarray(y) + c[1]), shape_)
                off += dist - g.distance(line)
        assert city.outline_m.contains(g), name
        city.tailings_m.append((name, g))
        rows.append(({"name": name, "status": status}, city.proj.geom_to_ll(g)))
    city.layers["tailings_ponds"] = rows
    log("tailings ponds: %d" % len(rows))
