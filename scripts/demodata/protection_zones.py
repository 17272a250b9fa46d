"""water_protection_zones: drinking-water sources with nested tiers (一级 inside 二级 inside 准保护区)."""

from shapely.geometry import LineString, Point
from shapely.ops import substring, unary_union

from .geometry import blob, polygonal
from .log import log

TOWNSHIP_SOURCES = [  # name, well lon/lat
    ("克井镇水源地", (112.512, 35.160)),
    ("五龙口镇水源地", (112.712, 35.137)),
    ("梨林镇水源地", (112.728, 35.058)),
    ("思礼镇水源地", (112.428, 35.088)),
]


def make_zones(city):
    rng = city.rng(6)
    outline = city.outline_m
    zones = {}   # source -> {tier: metric polygon}
    # 小庄: city groundwater well field at the north-west edge of the built-up area
    w0, w1 = city.m(112.552, 35.114), city.m(112.578, 35.121)
    wells = LineString([w0, w1])
    t1 = wells.buffer(150.0, 16).intersection(outline)
    cx, cy = wells.centroid.x, wells.centroid.y
    t2 = unary_union([t1.buffer(700.0, 16), blob(cx, cy, 2200.0, 1500.0, rng, 0.2)]).intersection(outline)
    t3 = unary_union([t2.buffer(400.0, 16), blob(cx - 400.0, cy + 2600.0, 4200.0, 3600.0, rng, 0.2)])
    zones["小庄"] = ("groundwater", {"一级": t1, "二级": t2, "准保护区": t3.intersection(outline)})
    # 河口村水库: reservoir on the 沁河 where it leaves the Taihang gorge (north-east)
    qin = city.rivers_m["沁河"]
    water = substring(qin, 0.0, 4200.0).buffer(260.0, 16)
    t1 = water.buffer(200.0, 16).intersection(outline)
    t2 = unary_union([t1, water.buffer(1600.0, 16)]).intersection(outline)
    t3 = unary_union([t2, substring(qin, 0.0, 9000.0).buffer(3200.0, 16)]).intersection(outline)
    city.reservoir_m = water.intersection(outline)
    zones["河口村水库"] = ("surface", {"一级": t1, "二级": t2, "准保护区": t3})
    # township ("千吨万人") groundwater sources: 一级 and 二级
    for name, (lon, lat) in TOWNSHIP_SOURCES:
        x, y = city.m(lon, lat)
        t1 = Point(x, y).buffer(90.0, 16)
        t2 = unary_union([t1.buffer(300.0, 16), blob(x + 100.0, y + 150.0, 800.0, 650.0, rng, 0.25)])
        zones[name] = ("groundwater", {"一级": t1, "二级": t2.intersection(outline)})
    city.zones_m = {}
    rows = []
    for source, (stype, tiers) in zones.items():
        city.zones_m[source] = {}
        for tier, g in tiers.items():
            g = polygonal(g)
            city.zones_m[source][tier] = g
            rows.append(({"source_name": source, "tier": tier, "source_type": stype},
                         city.proj.geom_to_ll(g)))
    city.layers["water_protection_zones"] = rows
    log("protection zones: %d polygons" % len(rows))
