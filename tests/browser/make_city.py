#!/usr/bin/env python3
"""A small fictional city near Hangzhou (清湖市, around 120.1E 30.2N) in the domain schema
(townships, farmland, enterprises, polluted_plots, terrain_zones, rivers, water_sections), for the
browser tests of `onemap serve --data`: a GeoPackage in CGCS2000 / 3-degree Gauss-Kruger CM 120E
(EPSG:4549) and a JSON file of the facts the tests expect (names, ids, positions in lon/lat, the
rules each plot breaks, the enterprises rule R1 finds), known by construction.

Usage: make_city.py OUT.gpkg FACTS.json
"""

import json
import sys

from osgeo import ogr, osr

ogr.UseExceptions()
osr.UseExceptions()

CENTRE_LONLAT = (120.1, 30.2)
EPSG = 4549  # CGCS2000 / 3-degree Gauss-Kruger CM 120E (no zone prefix)


def srs(code):
    s = osr.SpatialReference()
    s.ImportFromEPSG(code)
    s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    return s


GK = srs(EPSG)
GEO = srs(4490)
TO_GK = osr.CoordinateTransformation(GEO, GK)
TO_GEO = osr.CoordinateTransformation(GK, GEO)
CX, CY, _ = TO_GK.TransformPoint(*CENTRE_LONLAT)


def xy(dx, dy):
    """Metres east and north of the centre → Gauss-Kruger coordinates."""
    return CX + dx, CY + dy


def lonlat(dx, dy):
    lon, lat, _ = TO_GEO.TransformPoint(*xy(dx, dy))
    return [round(lon, 8), round(lat, 8)]


def rect(x0, y0, x1, y1):
    ring = ogr.Geometry(ogr.wkbLinearRing)
    for dx, dy in ((x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)):
        ring.AddPoint_2D(*xy(dx, dy))
    poly = ogr.Geometry(ogr.wkbPolygon)
    poly.AddGeometry(ring)
    return poly


def point(dx, dy):
    p = ogr.Geometry(ogr.wkbPoint)
    p.AddPoint_2D(*xy(dx, dy))
    return p


def line(*pts):
    g = ogr.Geometry(ogr.wkbLineString)
    for dx, dy in pts:
        g.AddPoint_2D(*xy(dx, dy))
    return g


def rect_facts(x0, y0, x1, y1):
    w, s = lonlat(x0, y0)
    e, n = lonlat(x1, y1)
    return {"bbox": [w, s, e, n], "centre": lonlat((x0 + x1) / 2, (y0 + y1) / 2)}


FIELD_TYPES = {str: ogr.OFTString, bool: ogr.OFTInteger, int: ogr.OFTInteger, float: ogr.OFTReal}


def write_layer(ds, name, geom_type, fields, rows):
    """rows: (fid, geometry, {field: value}); bool fields are OFSTBoolean integers."""
    layer = ds.CreateLayer(name, GK, geom_type, options=["FID=fid", "GEOMETRY_NAME=geom"])
    for field, kind in fields:
        defn = ogr.FieldDefn(field, FIELD_TYPES[kind])
        if kind is bool:
            defn.SetSubType(ogr.OFSTBoolean)
        layer.CreateField(defn)
    for fid, geometry, values in rows:
        feature = ogr.Feature(layer.GetLayerDefn())
        feature.SetFID(fid)
        feature.SetGeometry(geometry)
        for field, value in values.items():
            feature.SetField(field, int(value) if isinstance(value, bool) else value)
        layer.CreateFeature(feature)


def main(out_path, facts_path):
    driver = ogr.GetDriverByName("GPKG")
    ds = driver.CreateDataSource(out_path)

    # Townships: four quadrants of a 20 km × 16 km city.
    townships = [
        (1, "清湖街道", "sub-district", "330101001", (-10000, 0, 0, 8000)),
        (2, "东溪镇", "town", "330101101", (0, 0, 10000, 8000)),
        (3, "南山镇", "town", "330101102", (0, -8000, 10000, 0)),
        (4, "西岭镇", "town", "330101103", (-10000, -8000, 0, 0)),
    ]
    write_layer(ds, "townships", ogr.wkbPolygon, [("name", str), ("kind", str), ("code", str)],
                [(fid, rect(*box), {"name": n, "kind": k, "code": c}) for fid, n, k, c, box in townships])

    # Farmland: one large priority parcel in the plain, a safe-use one, a strict-control one in
    # the hills (R1 reaches 5 km there instead of 10 km).
    farmland = [
        (1, "优先保护类", "plain", (1500, 1000, 4500, 3500)),
        (2, "安全利用类", "plain", (5500, 1000, 7000, 2500)),
        (3, "严格管控类", "hill", (-8000, -6000, -6500, -5000)),
    ]
    write_layer(ds, "farmland", ogr.wkbPolygon, [("category", str), ("terrain", str), ("area_mu", float)],
                [(fid, rect(*box), {"category": c, "terrain": t,
                                    "area_mu": round((box[2] - box[0]) * (box[3] - box[1]) / 666.667, 1)})
                 for fid, c, t, box in farmland])

    # Enterprises. R1 (heavy metal within 10 km of plain farmland, 5 km of hill farmland) finds
    # 金泰冶炼厂 (1.4 km from parcel 1) and 远山电镀厂 (2.1 km from the hill parcel 3), not
    # 青石矿业 (8.1 km from parcel 3, in the hills; 11.0 km from parcel 1) nor the others.
    enterprises = [
        (1, "金泰冶炼厂", "有色金属冶炼", True, True, "B", "东溪镇", (5500, 4500)),
        (2, "远山电镀厂", "电镀", True, False, "C", "西岭镇", (-9500, -7500)),
        (3, "青石矿业", "有色金属矿采选", True, False, "C", "清湖街道", (-9500, 3000)),
        (4, "清湖纺织厂", "纺织", False, False, "A", "东溪镇", (2500, 4200)),
        (5, "东溪化工", "化工", False, True, "B", "南山镇", (3000, -3000)),
    ]
    write_layer(ds, "enterprises", ogr.wkbPoint,
                [("name", str), ("industry", str), ("heavy_metal", bool), ("key_soil_supervision", bool),
                 ("grade", str), ("township", str)],
                [(fid, point(*pos), {"name": n, "industry": i, "heavy_metal": hm, "key_soil_supervision": ks,
                                     "grade": g, "township": tw})
                 for fid, n, i, hm, ks, g, tw, pos in enterprises])

    # Polluted plots: a listed, heavily polluted plot touching a contaminated one (residential:
    # R3, R4, R5, R7), and a remediated plot far from everything (residential: nothing).
    plots = [
        (1, "化工厂旧址", "listed", True, "化工", "苯系物、铅", "residential", "清湖街道", (-6000, 3000, -5000, 3800)),
        (2, "电镀厂地块", "contaminated", False, "电镀", "镉、铬", "industrial", "清湖街道", (-5000, 3000, -4300, 3800)),
        (3, "绿洲新苑", "remediated", False, "仓储", "无", "residential", "南山镇", (7000, -6500, 7600, -6000)),
    ]
    write_layer(ds, "polluted_plots", ogr.wkbPolygon,
                [("name", str), ("status", str), ("heavily_polluted", bool), ("former_industry", str),
                 ("main_pollutants", str), ("planned_use", str), ("township", str)],
                [(fid, rect(*box), {"name": n, "status": s, "heavily_polluted": h, "former_industry": fi,
                                    "main_pollutants": mp, "planned_use": pu, "township": tw})
                 for fid, n, s, h, fi, mp, pu, tw, box in plots])

    # Terrain: hills in the west (R1's distance for a drawn plot is read from here).
    terrain = [(1, "hill", (-10000, -8000, -5000, 8000)), (2, "plain", (-5000, -8000, 10000, 8000))]
    write_layer(ds, "terrain_zones", ogr.wkbPolygon, [("terrain", str)],
                [(fid, rect(*box), {"terrain": t}) for fid, t, box in terrain])

    rivers = [
        (1, "清溪", "good", False, True, [(-10000, -1000), (-3000, -800), (4000, -1200), (10000, -900)]),
        (2, "南山溪", "polluted", False, False, [(6000, -8000), (6200, -4000), (5800, -1100)]),
    ]
    write_layer(ds, "rivers", ogr.wkbLineString,
                [("name", str), ("quality_group", str), ("is_mainstream", bool), ("is_important_tributary", bool)],
                [(fid, line(*pts), {"name": n, "quality_group": q, "is_mainstream": m, "is_important_tributary": t})
                 for fid, n, q, m, t, pts in rivers])

    sections = [
        (1, "清溪大桥断面", "清溪", "provincial", "III", "II", "2024-09-12", (-3000, -800)),
        (2, "南山溪口断面", "南山溪", "city", "III", "V", "2024-09-13", (5800, -1100)),
    ]
    write_layer(ds, "water_sections", ogr.wkbPoint,
                [("name", str), ("river", str), ("level", str), ("target_class", str), ("latest_class", str),
                 ("sampled_at", str)],
                [(fid, point(*pos), {"name": n, "river": r, "level": lv, "target_class": tc, "latest_class": lc,
                                     "sampled_at": d})
                 for fid, n, r, lv, tc, lc, d, pos in sections])
    ds = None

    facts = {
        "crs": f"EPSG:{EPSG}",
        "bounds": lonlat(-10000, -8000) + lonlat(10000, 8000),
        "townships": {n: {"id": fid, **rect_facts(*box)} for fid, n, _, _, box in townships},
        "farmland": {c: {"id": fid, **rect_facts(*box)} for fid, c, _, box in farmland},
        "enterprises": {n: {"id": fid, "lonlat": lonlat(*pos), "heavy_metal": hm}
                        for fid, n, _, hm, _, _, _, pos in enterprises},
        "plots": {n: {"id": fid, "status": s, **rect_facts(*box)} for fid, n, s, _, _, _, _, _, box in plots},
        "restricted_plot": {"name": "化工厂旧址", "id": 1, "use": "residential", "rules": ["R3", "R4", "R5", "R7"]},
        "clean_plot": {"name": "绿洲新苑", "id": 3, "use": "residential"},
        "r1_enterprises": ["远山电镀厂", "金泰冶炼厂"],
    }
    with open(facts_path, "w", encoding="utf-8") as f:
        json.dump(facts, f, ensure_ascii=False, indent=2)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1], sys.argv[2])
