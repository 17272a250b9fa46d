"""Hot reload under load (issue P7): a bounded client loop on loopback keeps asking while the
data and the catalog are swapped — to new data, to broken versions (bad YAML, a rule naming a
missing property, an unreadable source) and back. No request fails; the answers switch to the
new data in one step (once a client has seen the new data it never sees the old again, and
every request sent after the reload's answer sees it); refused reloads leave the data as it was.
Standard library plus python3-gdal (to make the changed GeoPackage)."""
import glob
import http.client
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from demo_server import BINARY, DEMO, REPO, DemoServer  # noqa: E402

from osgeo import ogr  # noqa: E402

NEW_NAME = "重载测试企业"


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def make_config(root, gpkg):
    """The demo's configuration in `root`, every layer reading `gpkg`."""
    os.makedirs(os.path.join(root, "layers"))
    for path in glob.glob(os.path.join(REPO, "layers", "*.yaml")):
        text = re.sub(r"^source: .*$", "source: " + gpkg, read(path), flags=re.M)
        write(os.path.join(root, "layers", os.path.basename(path)), text)
    shutil.copy(os.path.join(REPO, "rules.yaml"), os.path.join(root, "rules.yaml"))
    text = read(os.path.join(REPO, "onemap.yaml"))
    text = re.sub(r"^styles: \S+", "styles: " + os.path.join(REPO, "styles"), text, flags=re.M)
    text = re.sub(r"^web: \S+", "web: " + os.path.join(REPO, "web"), text, flags=re.M)
    write(os.path.join(root, "onemap.yaml"), text)


class Client(threading.Thread):
    """Asks for enterprise 1 and /health over one keep-alive connection, until told to stop
    (bounded: at most `max_seconds`)."""

    def __init__(self, host, port, max_seconds=300):
        super().__init__(daemon=True)
        self.host, self.port = host, port
        self.deadline = time.monotonic() + max_seconds
        self.answers = []  # (sent, received, status, name, fingerprint)
        self.failures = []
        self.stopping = threading.Event()

    def run(self):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        while not self.stopping.is_set() and time.monotonic() < self.deadline:
            sent = time.monotonic()
            try:
                conn.request("GET", "/collections/enterprises/items/1")
                r = conn.getresponse()
                body = r.read()
                if r.status != 200:
                    self.failures.append((r.status, body[:200]))
                    continue
                name = json.loads(body)["properties"]["name"]
                conn.request("GET", "/health")
                h = conn.getresponse()
                health = json.loads(h.read())
                if h.status != 200:
                    self.failures.append((h.status, health))
                self.answers.append((sent, time.monotonic(), r.status, name, health["data_fingerprint"]))
            except Exception as e:  # a dropped connection is a failed request too
                self.failures.append(("exception", repr(e)))
                conn.close()
                conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        conn.close()


class ReloadUnderLoad(unittest.TestCase):
    def setUp(self):
        if not os.path.exists(DEMO):
            raise unittest.SkipTest("no demo data: run scripts/demo-data.sh first")
        self.dir = tempfile.mkdtemp(prefix="onemap-reload-")
        self.v1 = os.path.join(self.dir, "v1.gpkg")
        self.v2 = os.path.join(self.dir, "v2.gpkg")
        self.live = os.path.join(self.dir, "live.gpkg")
        shutil.copy(DEMO, self.v1)
        shutil.copy(DEMO, self.v2)
        ds = ogr.Open(self.v2, update=1)
        layer = ds.GetLayerByName("enterprises")
        feature = layer.GetFeature(1)
        self.old_name = feature.GetField("name")
        feature.SetField("name", NEW_NAME)
        layer.SetFeature(feature)
        ds = None
        shutil.copy(self.v1, self.live)
        make_config(self.dir, self.live)
        self.config = os.path.join(self.dir, "onemap.yaml")
        self.admin = subprocess.run([BINARY, "key", "add", "admin", "--config", self.config], check=True,
                                    capture_output=True, text=True).stdout.strip()
        self.server = DemoServer(self.config)
        base = self.server.start()
        self.host, self.port = base[len("http://"):].rsplit(":", 1)

    def tearDown(self):
        if hasattr(self, "server"):
            self.server.stop()
        shutil.rmtree(self.dir, ignore_errors=True)

    def request(self, method, path, key=None):
        conn = http.client.HTTPConnection(self.host, int(self.port), timeout=120)
        conn.request(method, path, headers={"X-API-Key": key} if key else {})
        r = conn.getresponse()
        body = r.read()
        conn.close()
        return r.status, json.loads(body) if body else None

    def reload(self, expect_status):
        status, body = self.request("POST", "/admin/reload", self.admin)
        self.assertEqual(status, expect_status, body)
        return body, time.monotonic()

    def wait_for_answers(self, clients, after, count=20, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if all(sum(1 for a in c.answers if a[0] > after) >= count for c in clients):
                return
            time.sleep(0.05)
        self.fail("the clients stopped answering: " + repr([c.failures[:3] for c in clients]) +
                  self.server.output()[-1500:])

    def test_reload_under_load(self):
        _, tilejson_v1 = self.request("GET", "/tiles/enterprises.json")
        clients = [Client(self.host, int(self.port)) for _ in range(2)]
        for c in clients:
            c.start()
        self.wait_for_answers(clients, 0)

        # 1. New data: every request sent after the reload's answer sees it.
        shutil.copy(self.v2, self.live + ".tmp")
        os.replace(self.live + ".tmp", self.live)
        body, swapped_v2 = self.reload(200)
        self.assertTrue(body["reloaded"])
        fingerprint_v2 = body["data_fingerprint"]
        self.wait_for_answers(clients, swapped_v2)
        _, tilejson_v2 = self.request("GET", "/tiles/enterprises.json")
        self.assertNotEqual(tilejson_v1["tiles"], tilejson_v2["tiles"], "the data version in tile URLs must change")

        # 2. Broken versions: each refused with its reason; the v2 data keeps serving.
        broken = os.path.join(self.dir, "layers", "zz_broken.yaml")
        write(broken, "id: broken\nsource: [unclosed\n")
        body, _ = self.reload(409)
        self.assertIn("zz_broken.yaml", body["reason"])
        os.remove(broken)

        rules = os.path.join(self.dir, "rules.yaml")
        good_rules = read(rules)
        write(rules, good_rules.replace("where: {status: listed}", "where: {no_such_property: listed}", 1))
        body, _ = self.reload(409)
        self.assertIn("no_such_property", body["reason"])
        write(rules, good_rules)

        layer_file = os.path.join(self.dir, "layers", "rivers.yaml")
        good_layer = read(layer_file)
        write(layer_file, good_layer.replace(self.live, os.path.join(self.dir, "missing.gpkg")))
        body, refused_at = self.reload(409)
        self.assertIn("missing.gpkg", body["reason"])
        self.assertEqual(body["data_fingerprint"], fingerprint_v2)
        write(layer_file, good_layer)
        self.wait_for_answers(clients, refused_at)

        # 3. Back to v1 by SIGHUP.
        shutil.copy(self.v1, self.live + ".tmp")
        os.replace(self.live + ".tmp", self.live)
        hup_sent = time.monotonic()
        self.server.process.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and self.request("GET", "/health")[1]["data_fingerprint"] == fingerprint_v2:
            time.sleep(0.05)
        back_at = time.monotonic()
        self.wait_for_answers(clients, back_at)
        for c in clients:
            c.stopping.set()
        for c in clients:
            c.join(timeout=60)

        conn = http.client.HTTPConnection(self.host, int(self.port), timeout=30)
        conn.request("GET", "/metrics")
        metrics = conn.getresponse().read().decode()
        self.assertRegex(metrics, r"onemap_reloads_total 2\b")
        self.assertRegex(metrics, r"onemap_reloads_refused_total 3\b")

        for c in clients:
            self.assertEqual(c.failures, [], "requests failed during the reloads")
            self.assertGreater(len(c.answers), 100)
            # The name and the fingerprint an answer carries belong to one snapshot.
            names = [a[3] for a in c.answers]
            self.assertIn(NEW_NAME, names)
            # One step each way: old … new … old, never interleaved.
            steps = [names[0]] + [n for prev, n in zip(names, names[1:]) if n != prev]
            self.assertEqual(steps, [self.old_name, NEW_NAME, self.old_name], steps)
            for sent, _, _, name, fingerprint in c.answers:
                if swapped_v2 < sent < hup_sent:
                    self.assertEqual(name, NEW_NAME)
                    self.assertEqual(fingerprint, fingerprint_v2)
                if sent > back_at:
                    self.assertEqual(name, self.old_name)
        self.assertIn("reload refused", self.server.output())


if __name__ == "__main__":
    unittest.main()
