"""polluted_plots: named plots, some placed to trigger the plans' rules (R7, R8, R11)."""

import math

from shapely.geometry import Polygon

from .geometry import blob, rect, scale_to_area
from .log import log
from .townships import township_of_ll

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

PLANNED_USES = ["residential", "public_service", "school", "elderly_care", "industrial",
                "commercial", "agricultural", "green"]


def make_plots(city):
    rng = city.rng(7)
    geoms = {}
    # the touching pair: two rectangles sharing one edge
    ax, ay = city.m(*PAIR_TOUCH[2])
    a_w, a_h, b_w = 200.0, 200.0, 250.0
    geoms[PAIR_TOUCH[0]] = Polygon([(ax - a_w, ay), (ax, ay), (ax, ay + a_h), (ax - a_w, ay + a_h)])
    geoms[PAIR_TOUCH[1]] = Polygon([(ax, ay), (ax + b_w, ay), (ax + b_w, ay + a_h), (ax, ay + a_h)])
    # the near pair: two rectangles 25 m apart
    nx, ny = city.m(*PAIR_NEAR[2])
    gap = PAIR_NEAR[3]
    geoms[PAIR_NEAR[0]] = rect(nx - gap / 2 - 140.0, ny, 280.0, 285.7)
    geoms[PAIR_NEAR[1]] = rect(nx + gap / 2 + 170.0, ny, 340.0, 352.9)
    rows = []
    city.plots_m = []
    for (name, centre, ha, status, heavy, industry, pollutants, use, role) in PLOTS:
        if name in geoms:
            g = geoms[name]
        elif role:
            cx, cy = city.m(*centre)
            g = rect(cx, cy, 480.0, ha * 1e4 / 480.0, math.radians(rng.uniform(-3, 3)))
        else:
            cx, cy = city.m(*centre)
            g = blob(cx, cy, 1.0, 1.0, rng, rough=0.35, n=7 + int(rng.integers(0, 3)),
                     rot=rng.uniform(0, math.pi))
            g = scale_to_area(g, ha * 1e4)
        assert g.is_valid and 2e4 <= g.area <= 2e5, (name, g.area)
        assert use in PLANNED_USES, (name, use)
        g_ll = city.proj.geom_to_ll(g)
        c = g_ll.centroid
        rows.append(({"name": name, "status": status, "heavily_polluted": heavy,
                      "former_industry": industry, "main_pollutants": pollutants,
                      "planned_use": use, "township": township_of_ll(city, c.x, c.y)}, g_ll))
        city.plots_m.append((name, role, g))
    city.layers["polluted_plots"] = rows
    log("polluted plots: %d" % len(rows))
