"""Random points in polygons and exact integer shares."""

import numpy as np
from shapely import vectorized


def largest_remainder(n, weights):
    w = np.asarray(weights, dtype=float)
    q = w / w.sum() * n
    base = np.floor(q).astype(int)
    rest = n - base.sum()
    order = np.argsort(-(q - base), kind="stable")
    base[order[:rest]] += 1
    return base


def sample_in(poly, n, rng):
    minx, miny, maxx, maxy = poly.bounds
    xs, ys = [], []
    got = 0
    while got < n:
        m = max(64, int((n - got) * 1.6))
        x = rng.uniform(minx, maxx, m)
        y = rng.uniform(miny, maxy, m)
        ok = vectorized.contains(poly, x, y)
        xs.append(x[ok])
        ys.append(y[ok])
        got += ok.sum()
    return np.concatenate(xs)[:n], np.concatenate(ys)[:n]


def sample_gauss(poly, centres, sigma, n, rng):
    xs, ys = [], []
    got = 0
    while got < n:
        m = max(64, int((n - got) * 1.3))
        c = centres[rng.integers(0, len(centres), m)]
        x = c[:, 0] + rng.normal(0, sigma, m)
        y = c[:, 1] + rng.normal(0, sigma, m)
        ok = vectorized.contains(poly, x, y)
        xs.append(x[ok])
        ys.append(y[ok])
        got += ok.sum()
    return np.concatenate(xs)[:n], np.concatenate(ys)[:n]
