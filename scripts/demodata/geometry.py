"""Geometry helpers: parts of geometries, smooth curves and blobs, in metres."""

import math

import numpy as np
from shapely import affinity
from shapely.geometry import MultiPolygon, Polygon


def polygons_of(g):
    """All Polygon parts of a geometry, in GEOS order."""
    if g is None or g.is_empty:
        return []
    if g.geom_type == "Polygon":
        return [g]
    if hasattr(g, "geoms"):
        out = []
        for part in g.geoms:
            out.extend(polygons_of(part))
        return out
    return []


def polygonal(g):
    """The polygonal part of g as Polygon or MultiPolygon."""
    parts = polygons_of(g)
    if len(parts) == 1:
        return parts[0]
    return MultiPolygon(parts)


def largest_polygon(g):
    return max(polygons_of(g), key=lambda p: p.area)


def lines_of(g):
    if g.is_empty:
        return []
    if g.geom_type == "LineString":
        return [g]
    if hasattr(g, "geoms"):
        out = []
        for part in g.geoms:
            out.extend(lines_of(part))
        return out
    return []


def chaikin(pts, iterations=4):
    """Chaikin corner cutting of an open polyline; keeps both end points."""
    p = np.asarray(pts, dtype=float)
    for _ in range(iterations):
        a, b = p[:-1], p[1:]
        q = np.empty((2 * len(a), 2))
        q[0::2] = 0.75 * a + 0.25 * b
        q[1::2] = 0.25 * a + 0.75 * b
        p = np.vstack([p[:1], q, p[-1:]])
    return p


def densify(pts, step):
    p = np.asarray(pts, dtype=float)
    out = [p[:1]]
    for a, b in zip(p[:-1], p[1:]):
        n = max(1, int(math.ceil(np.hypot(*(b - a)) / step)))
        t = np.arange(1, n + 1)[:, None] / n
        out.append(a + (b - a) * t)
    return np.vstack(out)


def arclength(p):
    return np.concatenate([[0.0], np.cumsum(np.hypot(*np.diff(p, axis=0).T))])


def normals(p):
    t = np.gradient(p, axis=0)
    t /= np.maximum(np.hypot(t[:, 0], t[:, 1]), 1e-9)[:, None]
    return np.column_stack([-t[:, 1], t[:, 0]])


def wiggle(p, rng, amp, wavelengths, taper_m=0.0, taper_start=True, taper_end=True):
    """Offset a densified polyline sideways by a smooth random signal."""
    s = arclength(p)
    total = s[-1]
    sig = np.zeros(len(p))
    weights = rng.uniform(0.5, 1.0, len(wavelengths))
    weights /= weights.sum()
    for wgt, lam in zip(weights, wavelengths):
        sig += wgt * np.sin(2 * np.pi * s / lam + rng.uniform(0, 2 * np.pi))
    if taper_m > 0:
        tap = np.ones(len(p))
        if taper_start:
            tap = np.minimum(tap, s / taper_m)
        if taper_end:
            tap = np.minimum(tap, (total - s) / taper_m)
        sig *= np.clip(tap, 0, 1)
    return p + normals(p) * (amp * sig)[:, None]


def blob(cx, cy, rx, ry, rng, rough=0.15, n=96, rot=0.0):
    """A smooth star-shaped polygon (always valid) around (cx, cy), in metres."""
    th = np.linspace(0, 2 * np.pi, n, endpoint=False)
    r = np.ones(n)
    for k in range(2, 6):
        r += rough / k * rng.uniform(0.4, 1.0) * np.cos(k * th + rng.uniform(0, 2 * np.pi))
    x, y = rx * r * np.cos(th), ry * r * np.sin(th)
    c, s = math.cos(rot), math.sin(rot)
    return Polygon(np.column_stack([cx + c * x - s * y, cy + s * x + c * y]))


def rect(cx, cy, w, h, rot=0.0):
    c, s = math.cos(rot), math.sin(rot)
    pts = [(-w / 2, -h / 2), (w / 2, -h / 2), (w / 2, h / 2), (-w / 2, h / 2)]
    return Polygon([(cx + c * x - s * y, cy + s * x + c * y) for x, y in pts])


def scale_to_area(poly, area):
    f = math.sqrt(area / poly.area)
    return affinity.scale(poly, f, f, origin=poly.centroid)
