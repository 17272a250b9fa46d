"""terrain_zones: the outline split into plain, hill and mountain along two wiggly curves."""

import numpy as np
from shapely.geometry import LineString, Point
from shapely.ops import split

from .built_up import BUILT_UP_CENTRE
from .geometry import chaikin, densify, lines_of, polygons_of, wiggle
from .log import log

# Terrain boundaries: open curves (lon/lat control points) that cross the city outline twice.
# PLAIN_EDGE separates the plain (east/centre/south-east) from the hills; MOUNTAIN_EDGE
# separates the hills from the mountains (王屋山 in the west, 太行山 in the north).
PLAIN_EDGE = [(112.600, 34.930), (112.592, 34.972), (112.53, 34.99), (112.47, 35.005),
              (112.445, 35.05), (112.44, 35.09), (112.455, 35.13), (112.49, 35.160),
              (112.53, 35.175), (112.58, 35.178), (112.64, 35.176), (112.70, 35.176),
              (112.76, 35.185), (112.800, 35.188)]
MOUNTAIN_EDGE = [(112.720, 35.275), (112.680, 35.245), (112.635, 35.212), (112.58, 35.203),
                 (112.53, 35.205), (112.48, 35.200), (112.42, 35.185), (112.37, 35.16),
                 (112.345, 35.12), (112.33, 35.08), (112.30, 35.05), (112.24, 35.052),
                 (112.15, 35.075), (112.10, 35.10), (112.000, 35.130)]


def make_terrain(city):
    """Split the outline along two wiggly curves: plain | hill | mountain.

    The curves are snapped to existing outline vertices where they cross the border and
    the outline is split along them, so the three zones tile it exactly, without the
    hair-thin wedges that clipping nearly tangent lines leaves (those turn invalid once
    projected).  A draw that still gives a degenerate zone is redrawn deterministically.
    """
    for attempt in range(20):
        rng = np.random.default_rng([city.seed, 2, attempt])
        try:
            zones = _split_terrain(city, rng)
        except ValueError as e:
            log("terrain: attempt %d failed (%s), redrawing" % (attempt, e))
            continue
        if all(g.is_valid and city.proj.geom_to_m(g).is_valid for g in zones.values()):
            break
        log("terrain: attempt %d gave a degenerate zone, redrawing" % attempt)
    else:
        raise RuntimeError("could not draw valid terrain zones")
    city.terrain_ll = zones
    city.terrain_m = {k: city.proj.geom_to_m(v) for k, v in city.terrain_ll.items()}
    city.layers["terrain_zones"] = [({"terrain": k}, v) for k, v in city.terrain_ll.items()]
    log("terrain: " + ", ".join("%s %.0f km2" % (k, v.area / 1e6) for k, v in city.terrain_m.items()))


def _terrain_curve(city, ctrl, rng, amp):
    p = densify(chaikin(np.array([city.m(*c) for c in ctrl]), 4), 250.0)
    p = wiggle(p, rng, amp, [4000.0, 9000.0, 17000.0], taper_m=2500.0)
    lon, lat = city.proj.to_ll(p[:, 0], p[:, 1])
    # where the wiggle leaves the outline and comes back, only the longest stretch counts
    pieces = lines_of(LineString(np.column_stack([lon, lat])).intersection(city.outline_ll))
    coords = list(max(pieces, key=lambda piece: piece.length).coords)
    verts = np.array(city.outline_ll.exterior.coords)
    for end in (0, -1):
        k = int(np.argmin(np.hypot(verts[:, 0] - coords[end][0], verts[:, 1] - coords[end][1])))
        coords[end] = tuple(verts[k])
    line = LineString(coords)
    if not line.is_simple or not line.difference(city.outline_ll).length == 0.0:
        raise ValueError("snapped curve leaves the outline")
    return line


def _split_terrain(city, rng):
    plain_edge = _terrain_curve(city, PLAIN_EDGE, rng, 1100.0)
    mountain_edge = _terrain_curve(city, MOUNTAIN_EDGE, rng, 1300.0)
    if plain_edge.distance(mountain_edge) < 0.005:
        raise ValueError("terrain curves too close")
    pieces = polygons_of(split(city.outline_ll, plain_edge))
    plain = [p for p in pieces if p.intersects(Point(BUILT_UP_CENTRE))]
    rest = [p for p in pieces if not p.intersects(Point(BUILT_UP_CENTRE))]
    if len(plain) != 1 or len(rest) != 1:
        raise ValueError("plain split gave %d pieces" % len(pieces))
    pieces = polygons_of(split(rest[0], mountain_edge))
    west = Point(112.12, 35.20)
    mountain = [p for p in pieces if p.intersects(west)]
    hill = [p for p in pieces if not p.intersects(west)]
    if len(mountain) != 1 or len(hill) != 1:
        raise ValueError("mountain split gave %d pieces" % len(pieces))
    zones = {"plain": plain[0], "hill": hill[0], "mountain": mountain[0]}
    for k, (lo, hi) in {"plain": (0.22, 0.36), "hill": (0.25, 0.45), "mountain": (0.28, 0.46)}.items():
        if not lo <= zones[k].area / city.outline_ll.area <= hi:
            raise ValueError("%s covers %.2f of the city" % (k, zones[k].area / city.outline_ll.area))
    return zones
