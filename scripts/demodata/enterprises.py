"""enterprises: named ones, ones placed to trigger rules, and generated ones in clusters."""

import math

import numpy as np
from shapely.geometry import Point

from .geometry import largest_polygon
from .log import log
from .sampling import largest_remainder, sample_gauss, sample_in
from .townships import township_index

ENTERPRISES_PER_SCALE = 510     # generated ones; named/special ones come on top

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


def make_enterprises(city):
    rng = city.rng(9)
    prng = city.pyrng(9)
    used = set()
    recs = []   # (name, industry, heavy, key, grade, x, y)
    for name, ind, heavy, key, grade, (lon, lat) in NAMED_ENTERPRISES:
        x, y = city.m(lon, lat)
        recs.append((name, ind, heavy, key, grade, x, y))
        used.add(name)
    city.farm_free_m = []
    for name, ind, heavy, key, grade, place in SPECIAL_ENTERPRISES:
        if place[0] == "zone":
            tiers = city.zones_m[place[1]]
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
            x, y = city.m(place[1], place[2])
            if place[3] > 0:
                city.farm_free_m.append(Point(x, y).buffer(place[3], 32))
        recs.append((name, ind, heavy, key, grade, x, y))
        used.add(name)

    n_gen = int(math.ceil(ENTERPRISES_PER_SCALE * city.scale))
    counts = largest_remainder(n_gen, [s for _, s in CLUSTER_SHARE])
    xs, ys, inds = [], [], []
    outline = city.outline_m
    for (cluster, _), n in zip(CLUSTER_SHARE, counts):
        if n == 0:
            continue
        if cluster == "city":
            x, y = sample_in(city.built_up_m, n, rng)
            mix = CLUSTER_MIX["city"]
        elif cluster.startswith("park:"):
            x, y = sample_in(city.parks_m[cluster[5:]], n, rng)
            mix = CLUSTER_MIX["park"]
        elif cluster == "town":
            seats = np.array(list(city.town_seats_m.values()))
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
    short = [n.replace("街道", "").replace("镇", "") for n, _ in city.townships_ll]
    local = [short[t] for t in township_index(city.townships_ll, *city.proj.to_ll(xg, yg))]
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
    lon, lat = city.proj.to_ll(x, y)
    # township membership in the stored CRS: long Voronoi edges are straight in lon/lat,
    # not in metres, so a point within ~1 m of a boundary could get the other answer
    tidx = township_index(city.townships_ll, lon, lat)
    tnames = [n for n, _ in city.townships_ll]
    city.enterprises = {
        "recs": recs, "lon": lon, "lat": lat, "township": [tnames[i] for i in tidx],
    }
    city.smelters_m = [(r[5], r[6]) for r in recs[:len(NAMED_ENTERPRISES)] if r[2]]
    n_heavy = sum(1 for r in recs if r[2])
    log("enterprises: %d (%d heavy-metal)" % (len(recs), n_heavy))


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
