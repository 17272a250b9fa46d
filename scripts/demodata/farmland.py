"""farmland: rectangular parcels on a grid in the terrain zones, kept clear of rivers, towns,
plots, ponds and the innermost protection zones; categories by distance from the smelters."""

import math

import numpy as np
from shapely import vectorized
from shapely.geometry import Point
from shapely.ops import unary_union

from .log import log

FARMLAND_PER_SCALE = 3200       # >= 3000 x scale
FARM_CELL_M = 330.0             # parcel grid spacing at scale 1 (parcels ~1.4-9.4 ha)


def make_farmland(city):
    rng = city.rng(10)
    d = FARM_CELL_M / math.sqrt(city.scale)
    r = d * math.sqrt(0.5) * 1.02 + 0.5       # centre-in-eroded-region => cell inside region
    outline = city.outline_m
    river_buf = [river.buffer(500.0 if name == "黄河" else 50.0, 8) for name, river in city.rivers_m.items()]
    plain_excl = [city.built_up_m.buffer(200.0, 8)] + [p.buffer(100.0, 8) for p in city.parks_m.values()]
    seat_excl = [Point(p).buffer(600.0, 16) for p in city.town_seats_m.values()]
    plot_excl = [g.buffer(30.0, 8) for _, role, g in city.plots_m if not role]
    tail_excl = [g.buffer(80.0, 8) for _, g in city.tailings_m]
    zone_excl = [t["一级"].buffer(30.0, 8) for t in city.zones_m.values()] + [city.reservoir_m.buffer(100.0)]
    excl = unary_union(river_buf + plain_excl + seat_excl + plot_excl + tail_excl + zone_excl
                       + city.farm_free_m)
    allowed = outline.buffer(-r, 8).difference(excl.buffer(r, 8))
    regions = {}
    for k in ("plain", "hill", "mountain"):
        regions[k] = city.terrain_m[k].buffer(-r, 8).intersection(allowed)
    log("farmland: cell %.1f m, candidate regions ready" % d)

    minx, miny, maxx, maxy = outline.bounds
    x0 = math.floor(minx / d) * d
    y0 = math.floor(miny / d) * d
    nx = int(math.ceil((maxx - x0) / d))
    ny = int(math.ceil((maxy - y0) / d))
    forced_plots = [(role, g) for _, role, g in city.plots_m if role]
    # noise field making farmland patchy (stronger in the hills and mountains)
    waves = [(rng.uniform(0, 2 * np.pi), 2 * np.pi / rng.uniform(3000, 11000), rng.uniform(0, 2 * np.pi))
             for _ in range(5)]
    patchiness = {"plain": 0.9, "hill": 1.8, "mountain": 2.6}
    cand_idx = {k: [] for k in regions}
    cand_key = {k: [] for k in regions}
    forced = {}
    band_rows = max(1, int(2_000_000 // nx))
    for r0 in range(0, ny, band_rows):
        r1 = min(ny, r0 + band_rows)
        iy, ix = np.mgrid[r0:r1, 0:nx]
        iy = iy.ravel()
        ix = ix.ravel()
        cx = x0 + (ix + 0.5) * d
        cy = y0 + (iy + 0.5) * d
        u = rng.uniform(size=cx.size)
        noise = np.zeros(cx.size)
        for ang, kk, ph in waves:
            noise += np.sin(kk * (cx * math.cos(ang) + cy * math.sin(ang)) + ph)
        noise /= len(waves) ** 0.5
        flat = iy.astype(np.int64) * nx + ix
        left = np.ones(cx.size, dtype=bool)
        for k, reg in regions.items():
            inside = np.zeros(cx.size, dtype=bool)
            inside[left] = vectorized.contains(reg, cx[left], cy[left])
            left &= ~inside
            if not inside.any():
                continue
            key = np.log(np.maximum(u[inside], 1e-300)) / np.exp(patchiness[k] * noise[inside])
            cand_idx[k].append(flat[inside])
            cand_key[k].append(key)
            for role, g in forced_plots:
                hit = vectorized.contains(g, cx[inside], cy[inside])
                for f in flat[inside][hit]:
                    forced[int(f)] = role
        log("farmland: grid rows %d/%d" % (r1, ny))
    n_total = int(math.ceil(FARMLAND_PER_SCALE * city.scale))
    shares = {"plain": 0.66, "hill": 0.24, "mountain": 0.10}
    chosen = []
    terr_of = {}
    deficit = 0
    for k in ("mountain", "hill", "plain"):
        idx = np.concatenate(cand_idx[k]) if cand_idx[k] else np.zeros(0, np.int64)
        key = np.concatenate(cand_key[k]) if cand_key[k] else np.zeros(0)
        want = int(round(shares[k] * n_total)) + deficit
        if k == "plain":
            want = n_total - sum(len(c) for c in chosen)
        if len(idx) and forced:
            key[np.isin(idx, np.fromiter(forced.keys(), np.int64))] = np.inf
        n = min(want, len(idx))
        deficit = want - n
        sel = idx[np.argpartition(-key, n - 1)[:n]] if n < len(idx) else idx
        chosen.append(sel)
        terr_of[k] = sel
        log("farmland: %s %d of %d candidate cells" % (k, n, len(idx)))
    if deficit > 0:
        log("WARNING: %d farmland parcels short of the target" % deficit)
    all_idx = np.concatenate(chosen)
    terrain = np.empty(all_idx.size, dtype=np.int8)
    pos = 0
    for code, k in enumerate(("mountain", "hill", "plain")):
        terrain[pos:pos + len(terr_of[k])] = code
        pos += len(terr_of[k])
    order = np.argsort(all_idx, kind="stable")
    all_idx = all_idx[order]
    terrain = terrain[order]
    n = all_idx.size
    iy, ix = np.divmod(all_idx, nx)
    cx = x0 + (ix + 0.5) * d
    cy = y0 + (iy + 0.5) * d

    # parcel shape inside its cell: width/height 36-92% of the cell, rotated <= 4 degrees
    w = rng.uniform(0.36, 0.92, n) * d
    h = rng.uniform(0.36, 0.92, n) * d
    th = np.radians(rng.uniform(-4.0, 4.0, n))
    bw = w * np.abs(np.cos(th)) + h * np.abs(np.sin(th))
    bh = w * np.abs(np.sin(th)) + h * np.abs(np.cos(th))
    assert (bw < d).all() and (bh < d).all()
    ox = rng.uniform(-1, 1, n) * (d - bw) / 2 * 0.9
    oy = rng.uniform(-1, 1, n) * (d - bh) / 2 * 0.9
    forced_role = np.array([forced.get(int(f), "") for f in all_idx])
    is_forced = forced_role != ""
    ox[is_forced] = 0.0
    oy[is_forced] = 0.0
    cx = cx + ox
    cy = cy + oy

    # category: strict/safe-use near smelters, priority protection elsewhere
    sources = np.array(city.smelters_m
                       + [(g.centroid.x, g.centroid.y) for name, role, g in city.plots_m
                          if any(s in name for s in ("铜业", "金铅", "冶炼"))])
    dist = np.full(n, np.inf)
    for sx, sy in sources:
        dist = np.minimum(dist, np.hypot(cx - sx, cy - sy))
    u = rng.uniform(size=n)
    cat = np.zeros(n, dtype=np.int8)             # 0 优先保护类, 1 安全利用类, 2 严格管控类
    near = dist < 1800.0
    mid = (dist >= 1800.0) & (dist < 4000.0)
    far = dist >= 4000.0
    cat[near & (u < 0.40)] = 2
    cat[near & (u >= 0.40)] = 1
    cat[mid & (u < 0.40)] = 1
    cat[far & (u < 0.04)] = 1
    cat[far & (u > 0.997)] = 2
    cat[forced_role == "R8"] = 0
    cat[forced_role == "R11"] = 2
    for role in ("R8", "R11"):
        assert (forced_role == role).any(), "no farmland under the %s plots" % role
    city.farmland = {"cx": cx, "cy": cy, "w": w, "h": h, "th": th, "terrain": terrain, "cat": cat}
    log("farmland: %d parcels (%d 安全利用类, %d 严格管控类), %.0f km2"
        % (n, (cat == 1).sum(), (cat == 2).sum(), (w * h).sum() / 1e6))
