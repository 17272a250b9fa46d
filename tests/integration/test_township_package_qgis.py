"""A township's offline package opened by QGIS itself (PyQGIS, headless): the real onemap binary
on the demo data, GET /download/township/{name}, the zip unpacked, township.qgs read by
QgsProject. Every layer must be valid, hold the features data.gpkg holds (and the items API
gives with township=&clip=true), and carry the web map's symbology: a categorized renderer on
the classifying property, with the style's values, where the style colours by a match.

Run from the repository root (scripts/demo-data.sh first; python3-qgis installed):
    QT_QPA_PLATFORM=offscreen ONEMAP_BINARY=build/src/onemap /usr/bin/python3 -m unittest -v \
        tests/integration/test_township_package_qgis.py
"""

import json
import os
import sys
import tempfile
import time
import unittest
import urllib.parse
import urllib.request
import zipfile

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "support"))
from demo_server import REPO, DemoServer  # noqa: E402
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def get(url):
    with OPENER.open(url, timeout=600) as response:
        return response.status, response.headers, response.read()


def style_match(layer_id):
    """(property, values) of the match colouring the layer in styles/{id}.json, or None."""
    path = os.path.join(REPO, "styles", layer_id + ".json")
    if not os.path.exists(path):
        return None
    with open(path, encoding="utf-8") as f:
        style = json.load(f)
    for layer in style["layers"]:
        for key, value in layer.get("paint", {}).items():
            if key.endswith("-color") and isinstance(value, list) and value[0] == "match" and value[1][0] == "get":
                values = set()
                for label in value[2:-1:2]:
                    values.update(str(v) for v in (label if isinstance(label, list) else [label]))
                return value[1][1], values
    return None


def ring_area(ring):
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0, *_), (x1, y1, *_) in zip(ring, ring[1:]))) / 2


class TownshipPackageInQgis(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = DemoServer()
        cls.base = cls.server.start()

        from qgis.core import QgsApplication
        cls.qgs = QgsApplication([], False)
        cls.qgs.initQgis()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def largest_township(self):
        _, _, body = get(self.base + "/collections/townships/items?limit=1000")
        best, best_area = None, -1
        for f in json.loads(body)["features"]:
            g = f["geometry"]
            polygons = g["coordinates"] if g["type"] == "MultiPolygon" else [g["coordinates"]]
            area = sum(ring_area(p[0]) for p in polygons)
            if area > best_area:
                best, best_area = f["properties"].get("name") or str(f["id"]), area
        return best

    def test_qgis_opens_the_package_styled(self):
        from osgeo import ogr
        from qgis.core import QgsMapLayerType, QgsProject

        township = self.largest_township()
        url = self.base + "/download/township/" + urllib.parse.quote(township)
        started = time.time()
        status, headers, body = get(url)
        built = time.time() - started
        self.assertEqual(status, 200)
        self.assertEqual(int(headers["Content-Length"]), len(body))
        print(f"\n{township}: {len(body)} bytes built in {built:.1f} s")

        started = time.time()
        _, again_headers, again = get(url)
        self.assertEqual(again, body)
        self.assertEqual(again_headers["X-Cache"], "HIT")
        print(f"cached: {time.time() - started:.2f} s")

        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "package.zip")
            with open(path, "wb") as f:
                f.write(body)
            with zipfile.ZipFile(path) as z:
                self.assertEqual(sorted(z.namelist()), ["basemap.mbtiles", "data.gpkg", "township.qgs"])
                for info in z.infolist():
                    print(f"  {info.filename}: {info.file_size} bytes ({info.compress_size} zipped)")
                z.extractall(tmp)
            gpkg = ogr.Open(os.path.join(tmp, "data.gpkg"))
            gpkg_layers = (gpkg.GetLayer(i) for i in range(gpkg.GetLayerCount()))
            counts = {layer.GetName(): layer.GetFeatureCount() for layer in gpkg_layers}

            project = QgsProject.instance()
            self.assertTrue(project.read(os.path.join(tmp, "township.qgs")))
            self.assertEqual(project.crs().authid(), "EPSG:3857")
            layers = [layer for layer in project.mapLayers().values() if layer.type() == QgsMapLayerType.VectorLayer]
            basemap = [layer for layer in project.mapLayers().values()
                       if layer.type() == QgsMapLayerType.VectorTileLayer]
            self.assertEqual(len(basemap), 1)
            self.assertTrue(basemap[0].isValid(), basemap[0].source())
            self.assertIn(os.path.join(tmp, "basemap.mbtiles"), basemap[0].source())  # the relative path resolved
            self.assertFalse(basemap[0].extent().isEmpty())
            _, _, collections = get(self.base + "/collections")
            ids = {c["id"]: c["title"] for c in json.loads(collections)["collections"]}
            self.assertEqual(len(layers), len(ids))
            for layer in layers:
                source_id = layer.source().split("layername=")[-1]
                with self.subTest(layer=source_id):
                    self.assertTrue(layer.isValid(), layer.source())
                    self.assertEqual(layer.name(), ids[source_id])  # the Chinese title
                    self.assertEqual(layer.featureCount(), counts[source_id])
                    query = urllib.parse.urlencode({"township": township, "clip": "true", "limit": 10000})
                    _, _, items = get(f"{self.base}/collections/{source_id}/items?{query}")
                    self.assertEqual(layer.featureCount(), len(json.loads(items)["features"]))
                    renderer = layer.renderer()
                    match = style_match(source_id)
                    if match:
                        attr, values = match
                        self.assertEqual(renderer.type(), "categorizedSymbol")
                        self.assertEqual(renderer.classAttribute(), attr)
                        got = {str(c.value()) for c in renderer.categories() if c.value() not in ("", None)}
                        self.assertEqual(got, values)
                    else:
                        self.assertEqual(renderer.type(), "singleSymbol")
            for expected in ("farmland", "polluted_plots", "water_protection_zones"):
                self.assertTrue(style_match(expected), expected)
            project.clear()


if __name__ == "__main__":
    unittest.main()
