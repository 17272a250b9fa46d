"""Several replicas on one PostGIS behind nginx (issue P9), started by scripts/cluster.sh on free
ports with a PostgreSQL cluster of its own (so restarting it disturbs no other test) and its own
schema. Compared with a file-backed server on the demo GeoPackage (the same catalog written by
scripts/pg-config.py, only the source differs; polluted_plots restricted to land_bureau in both):
  1. features and tiles through nginx equal the file-backed server's;
  2. a replica killed (SIGKILL) during a request loop through nginx costs no request; revived, it
     gets traffic again; nginx caches versioned tiles only, a restricted layer's per role (a
     land_bureau key's tile is a HIT for a land_bureau URL token, never for anyone else);
  3. an insert, an update and a delete committed in PostGIS reach every replica within
     EDIT_LIMIT_S, TileJSON's v changes, and nginx answers the tile of the new v with the edit;
  4. PostgreSQL restarted under load: the replicas keep serving; an edit after it reaches them all.
Standard library only (psql through scripts/postgis.sh)."""
import gzip
import http.client
import json
import math
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
from demo_server import BINARY, DEMO, REPO, DemoServer  # noqa: E402

REPLICAS = 2
SCHEMA = "cluster_test"
EDIT_LIMIT_S = 5.0          # commit → every replica answers the edit
RESTART_EDIT_LIMIT_S = 15.0  # the same, for the first edit after a database restart
TILE_ZOOMS = (6, 9, 12, 15)
TILES_PER_ZOOM = 6
SCRIPTS = os.path.join(REPO, "scripts")
RESTRICTED = "polluted_plots"  # in both catalogs, seen by land_bureau only
ROLES = f"{RESTRICTED}=land_bureau"


def free_ports(count):
    """`count` consecutive free loopback ports (cluster.sh puts the replicas after nginx)."""
    for _ in range(200):
        base = random.randint(20000, 40000)
        sockets = []
        try:
            for port in range(base, base + count):
                s = socket.socket()
                s.bind(("127.0.0.1", port))
                sockets.append(s)
            return base
        except OSError:
            continue
        finally:
            for s in sockets:
                s.close()
    raise RuntimeError("no free ports")


def tile_of(lon, lat, z):
    n = 2 ** z
    lat = max(min(lat, 85.0511), -85.0511)
    x = int((lon + 180.0) / 360.0 * n)
    y = int((1.0 - math.asinh(math.tan(math.radians(lat))) / math.pi) / 2.0 * n)
    return min(max(x, 0), n - 1), min(max(y, 0), n - 1)


def first_position(geometry):
    coords = geometry["coordinates"]
    while isinstance(coords[0], list):
        coords = coords[0]
    return coords[0], coords[1]


class Http:
    """GET over one keep-alive connection per address, sending Accept-Encoding: gzip as browsers
    do; answers (status, headers as a dict with lower-case names, body gunzipped)."""

    def __init__(self, base, timeout=30):
        parsed = urllib.parse.urlsplit(base)
        self.host, self.port, self.timeout = parsed.hostname, parsed.port, timeout
        self.conn = None

    def get(self, path, headers=None):
        return self.request("GET", path, headers)

    def request(self, method, path, headers=None):
        for attempt in (0, 1):  # a kept-alive connection the server closed: once more, fresh
            if self.conn is None:
                self.conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            try:
                self.conn.request(method, path, headers={"Accept-Encoding": "gzip", **(headers or {})})
                r = self.conn.getresponse()
                body = r.read()
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.conn.close()
                self.conn = None
                if attempt:
                    raise
                continue
            head = {k.lower(): v for k, v in r.getheaders()}
            if head.get("content-encoding") == "gzip":
                body = gzip.decompress(body)
            if head.get("connection", "").lower() == "close":
                self.conn.close()
                self.conn = None
            return r.status, head, body

    def json(self, path, headers=None, method="GET"):
        status, _, body = self.request(method, path, headers)
        if status != 200:
            raise AssertionError(f"{path}: {status} {body[:300]!r}")
        return json.loads(body)

    def close(self):
        if self.conn:
            self.conn.close()


class Loop(threading.Thread):
    """Asks nginx for the paths in turn over one keep-alive connection until stopped (bounded by
    max_seconds). A request fails if it raises or answers other than 200/204; a client sees
    nothing of retries done by nginx, which is the point. The connection is not retried here."""

    def __init__(self, base, paths, max_seconds=60):
        super().__init__(daemon=True)
        self.base, self.paths = base, paths
        self.deadline = time.monotonic() + max_seconds
        self.answers, self.failures = [], []  # answers: (time, status)
        self.stopping = threading.Event()

    def run(self):
        parsed = urllib.parse.urlsplit(self.base)
        conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
        i = random.randrange(len(self.paths))
        while not self.stopping.is_set() and time.monotonic() < self.deadline:
            path = self.paths[i % len(self.paths)]
            i += 1
            try:
                conn.request("GET", path, headers={"Accept-Encoding": "gzip"})
                r = conn.getresponse()
                r.read()
                if r.status in (200, 204):
                    self.answers.append((time.monotonic(), r.status))
                else:
                    self.failures.append((path, r.status))
            except Exception as e:  # noqa: BLE001 — any transport error is a failed request
                self.failures.append((path, repr(e)))
                conn.close()
                conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30)
        conn.close()

    def stop(self):
        self.stopping.set()
        self.join(timeout=60)


class Cluster(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        if not os.path.exists(DEMO):
            raise unittest.SkipTest("no demo data: run scripts/demo-data.sh first")
        for tool in ("nginx", "psql", "ogr2ogr"):
            if not shutil.which(tool):
                raise unittest.SkipTest(f"no {tool}: run scripts/install-deps.sh --test")
        cls.dir = tempfile.mkdtemp(prefix="onemap-cluster-test-")
        base = free_ports(REPLICAS + 1)
        cls.nginx = f"http://127.0.0.1:{base}"
        cls.replicas = [f"http://127.0.0.1:{base + 1 + i}" for i in range(REPLICAS)]
        # A PostgreSQL cluster of the test's own: part 4 restarts it. Under /tmp itself: when run
        # as root, postgis.sh hands the directory to the postgres user, who cannot enter ours.
        cls.pg_dir = f"/tmp/onemap-pg-cluster-test-{os.getpid()}"
        cls.env = dict(os.environ, ONEMAP_PG_PORT=str(free_ports(1)), ONEMAP_PG_DIR=cls.pg_dir,
                       ONEMAP_CLUSTER_DIR=os.path.join(cls.dir, "cluster"), ONEMAP_CLUSTER_SCHEMA=SCHEMA,
                       ONEMAP_CLUSTER_PORT=str(base), ONEMAP_CLUSTER_REPLICA_PORT=str(base + 1),
                       ONEMAP_CLUSTER_REPLICAS=str(REPLICAS), ONEMAP_BINARY=BINARY,
                       ONEMAP_CLUSTER_ROLES=ROLES)
        try:
            cls.cluster("start")
            cls.keys = dict(zip(("land_bureau", "planner"), cls.cluster("key", "land_bureau", "planner").split()))
            config = subprocess.run([os.path.join(SCRIPTS, "pg-config.py"), os.path.join(cls.dir, "file"),
                                     "--file", DEMO, "--public-url", cls.nginx, "--trusted-proxy", "127.0.0.1",
                                     "--roles", ROLES], check=True, capture_output=True, text=True).stdout.strip()
            # The file server's own land_bureau key (read at its start): the same role, another key.
            cls.file_key = subprocess.run([BINARY, "key", "add", "land_bureau", "--config", config], check=True,
                                          capture_output=True, text=True).stdout.strip()
            cls.file_server = DemoServer(config)
            cls.file = cls.file_server.start()
        except Exception:
            cls.tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls):
        if hasattr(cls, "file"):
            cls.file_server.stop()
        subprocess.run([os.path.join(SCRIPTS, "cluster.sh"), "stop"], env=cls.env, check=False)
        subprocess.run([os.path.join(SCRIPTS, "postgis.sh"), "stop"], env=cls.env, check=False)
        shutil.rmtree(cls.dir, ignore_errors=True)
        shutil.rmtree(cls.pg_dir, ignore_errors=True)

    @classmethod
    def cluster(cls, *args):
        r = subprocess.run([os.path.join(SCRIPTS, "cluster.sh"), *args], env=cls.env, capture_output=True,
                           text=True, timeout=240)
        if r.returncode != 0:
            raise AssertionError(f"cluster.sh {' '.join(args)} failed:\n{r.stdout}\n{r.stderr}\n{cls.logs()}")
        return r.stdout

    @classmethod
    def psql(cls, sql):
        r = subprocess.run([os.path.join(SCRIPTS, "postgis.sh"), "psql", "-v", "ON_ERROR_STOP=1", "-qtA", "-c", sql],
                           env=cls.env, capture_output=True, text=True, timeout=60)
        if r.returncode != 0:
            raise AssertionError(f"psql: {sql}\n{r.stderr}")
        return r.stdout.strip()

    @classmethod
    def logs(cls, lines=25):
        """The end of each replica's log and nginx's error log, for failure messages."""
        out = []
        cluster_dir = cls.env["ONEMAP_CLUSTER_DIR"]
        for name in sorted(os.listdir(cluster_dir)) if os.path.isdir(cluster_dir) else []:
            if name.endswith(".log"):
                with open(os.path.join(cluster_dir, name), errors="replace") as f:
                    # What happened, not each request it answered.
                    events = [line for line in f if not re.search(r"\] \S+ (GET|POST|HEAD) /", line)]
                out.append(f"--- {name}\n" + "".join(events[-lines:]))
        error_log = os.path.join(cluster_dir, "nginx", "error.log")
        if os.path.exists(error_log):
            with open(error_log, errors="replace") as f:
                out.append("--- nginx error.log\n" + "".join(f.readlines()[-lines:]))
        return "\n".join(out)

    def setUp(self):
        self.clients = {}

    def tearDown(self):
        for client in self.clients.values():
            client.close()

    def http(self, base):
        """This test's keep-alive client for a base URL."""
        if base not in self.clients:
            self.clients[base] = Http(base)
        return self.clients[base]

    def tile_version(self, base, layer, headers=None):
        tiles = self.http(base).json(f"/tiles/{layer}.json", headers)["tiles"][0]
        found = re.search(r"[?&]v=([0-9a-f]+)", tiles)
        self.assertIsNotNone(found, f"{base}: TileJSON tile URL without v: {tiles}")
        return found.group(1)

    def all_items(self, client, collection):
        """Every page of a collection, parsed (the pages themselves, links included)."""
        pages, offset = [], 0
        while True:
            page = client.json(f"/collections/{collection}/items?limit=500&offset={offset}")
            pages.append(page)
            offset += page["numberReturned"]
            if page["numberReturned"] == 0 or offset >= page["numberMatched"]:
                return pages

    # 1. ------------------------------------------------------------------------------------------
    def test_1_same_answers_as_the_file_server(self):
        """Collections, every items page and tiles at several zooms through nginx equal the
        file-backed server's (JSON compared parsed, tiles compared as bytes after gunzip)."""
        proxy, file = self.http(self.nginx), self.http(self.file)
        collections = proxy.json("/collections")
        self.assertEqual(collections, file.json("/collections"))
        ids = [c["id"] for c in collections["collections"]]
        self.assertEqual(len(ids), 9, ids)  # the demo's 10 but the restricted one (test_2d)
        self.assertNotIn(RESTRICTED, ids)
        tiles_compared = features_compared = 0
        for cid in ids:
            self.assertEqual(proxy.json(f"/collections/{cid}"), file.json(f"/collections/{cid}"), cid)
            pages = self.all_items(file, cid)
            self.assertEqual(self.all_items(proxy, cid), pages, f"{cid}: the items pages differ")
            features = [f for p in pages for f in p["features"]]
            features_compared += len(features)
            # TileJSON equal but for the version in the tile URL (each server's own).
            strip = lambda tj: {**tj, "tiles": [re.sub(r"\?v=[0-9a-f]+", "", t) for t in tj["tiles"]]}  # noqa: E731
            self.assertEqual(strip(proxy.json(f"/tiles/{cid}.json")), strip(file.json(f"/tiles/{cid}.json")), cid)
            v_proxy, v_file = self.tile_version(self.nginx, cid), self.tile_version(self.file, cid)
            positions = [first_position(f["geometry"]) for f in features if f.get("geometry")]
            for z in TILE_ZOOMS:
                tiles = sorted({tile_of(lon, lat, z) for lon, lat in positions})
                step = max(1, len(tiles) // TILES_PER_ZOOM)
                for x, y in tiles[::step][:TILES_PER_ZOOM]:
                    path = f"/tiles/{cid}/{z}/{x}/{y}.mvt"
                    s1, _, b1 = proxy.get(f"{path}?v={v_proxy}")
                    s2, _, b2 = file.get(f"{path}?v={v_file}")
                    self.assertEqual((s1, b1), (s2, b2), f"{path}: nginx {s1} {len(b1)} B, file {s2} {len(b2)} B")
                    tiles_compared += 1
        print(f"\n[cluster] equal: {len(ids)} collections, {features_compared} features, "
              f"{tiles_compared} tiles at z{TILE_ZOOMS}", flush=True)

    # 2. ------------------------------------------------------------------------------------------
    def loop_paths(self):
        """Items pages (never cached), tiles without v (not cached: they reach the replicas) and
        versioned tiles (cached by nginx), mixed."""
        v = self.tile_version(self.nginx, "enterprises")
        paths = []
        for offset in range(0, 500, 50):
            paths.append(f"/collections/enterprises/items?limit=50&offset={offset}")
            paths.append(f"/collections/water_sections/items?limit=10&offset={offset % 20}")
        for z in (8, 10, 12):
            x, y = tile_of(112.40, 35.09, z)
            for dx in (-1, 0, 1):
                paths.append(f"/tiles/enterprises/{z}/{x + dx}/{y}.mvt")
                paths.append(f"/tiles/enterprises/{z}/{x + dx}/{y}.mvt?v={v}")
                paths.append(f"/tiles/farmland,townships/{z}/{x + dx}/{y}.mvt")
        return paths

    def access_log(self):
        with open(os.path.join(self.env["ONEMAP_CLUSTER_DIR"], "nginx", "access.log"), errors="replace") as f:
            return f.readlines()

    def test_2_failover(self):
        """SIGKILL of a replica under a request loop through nginx: no request fails; revived,
        the replica answers again and nginx sends it requests again."""
        victim = self.replicas[0].rsplit("/", 1)[-1]  # 127.0.0.1:PORT, as nginx logs upstreams
        loops = [Loop(self.nginx, self.loop_paths()) for _ in range(2)]
        for loop in loops:
            loop.start()
        time.sleep(1.5)
        killed_at = time.monotonic()
        log_before_kill = len(self.access_log())
        self.cluster("kill", "1")
        time.sleep(3)
        self.cluster("revive", "1")
        revived_at = time.monotonic()
        time.sleep(1)
        for loop in loops:
            loop.stop()
        failures = [f for loop in loops for f in loop.failures]
        answers = [a for loop in loops for a in loop.answers]
        after_kill = sum(1 for t, _ in answers if killed_at < t < revived_at)
        print(f"\n[cluster] failover: {len(answers)} answers, {after_kill} while replica 1 was down, "
              f"{len(failures)} failed", flush=True)
        self.assertEqual(failures, [], self.logs())
        self.assertGreater(after_kill, 20, "too few requests while the replica was down to mean anything")
        log = self.access_log()
        self.assertTrue(any(f"upstream={victim} " in line for line in log[:log_before_kill]),
                        "replica 1 had no requests before the kill: the test proves nothing")
        # Revived: it answers directly, and nginx gives it requests again (after fail_timeout).
        self.assertEqual(self.http(self.replicas[0]).get("/health")[0], 200)
        mark, client = len(self.access_log()), self.http(self.nginx)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            self.assertEqual(client.get("/collections/enterprises/items?limit=1")[0], 200)
            if any(f"upstream={victim} upstream_status=200" in line for line in self.access_log()[mark:]):
                break
            time.sleep(0.1)
        else:
            self.fail("nginx sent no request to the revived replica within 20 s\n" + self.logs())

    def test_2b_tile_cache_rules(self):
        """nginx caches a versioned anonymous tile, and nothing else: a tile without v, with a
        stale v, or with bad credentials is never answered from the cache. OneMap's
        Cache-Control says the same (no-cache, no-store). (Good credentials: test_2d.)"""
        v = self.tile_version(self.nginx, "enterprises")
        x, y = tile_of(112.40, 35.09, 12)
        path = f"/tiles/enterprises/12/{x}/{y}.mvt"
        client = self.http(self.nginx)
        statuses = [client.get(f"{path}?v={v}")[1].get("x-cache-status") for _ in range(3)]
        self.assertIn(statuses[0], ("MISS", "HIT"))
        self.assertEqual(statuses[1:], ["HIT", "HIT"], "a versioned tile is not cached")
        head = client.get(f"{path}?v={v}")[1]
        self.assertIn("max-age", head.get("cache-control", ""))
        for variant, headers, control in ((path, {}, "no-cache"), (f"{path}?v=0123456789abcdef", {}, "no-store"),
                                          (f"{path}?v={v}", {"X-API-Key": "om_not_a_key"}, None),
                                          (f"{path}?v={v}&token=not-a-token", {}, None)):
            for _ in range(2):
                _, head, _ = client.get(variant, headers)
                self.assertNotEqual(head.get("x-cache-status"), "HIT", f"{variant} {headers}: answered from the cache")
            if control:
                self.assertIn(control, head.get("cache-control", ""), f"{variant}: Cache-Control")

    def test_2c_jobs_stay_with_their_replica(self):
        """An asynchronous job lives in the replica that runs it; nginx sends the client's later
        requests for it to that replica (round robin would answer 404 every other time)."""
        parsed = urllib.parse.urlsplit(self.nginx)
        conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=60)
        conn.request("POST", "/processes/screening/execution", body=json.dumps({"inputs": {}}),
                     headers={"Content-Type": "application/json", "Prefer": "respond-async"})
        r = conn.getresponse()
        r.read()
        conn.close()
        self.assertEqual(r.status, 201)
        location = urllib.parse.urlsplit(r.getheader("Location"))
        job = location.path + "?" + location.query  # an anonymous job: its job token in the query
        statuses = [self.http(self.nginx).get(job)[0] for _ in range(3 * REPLICAS)]
        self.assertEqual(statuses, [200] * len(statuses), f"{job} through nginx")

    def test_2e_metrics_closed_and_tokens_masked(self):
        """P9b items 2 and 7. /metrics through nginx from a client that is not on nginx's own
        address (127.0.0.2, still loopback) is refused in every spelling — /metrics/, /metrics//,
        /metrics/?, percent-encoded — by nginx, before any replica sees it. And the access log never
        holds a URL token, in any spelling OneMap reads as `token`."""
        parsed = urllib.parse.urlsplit(self.nginx)
        for path in ("/metrics", "/metrics/", "/metrics//", "/metrics/?", "//metrics", "/%6detrics/",
                     "/metrics/?x=1"):
            conn = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=30,
                                              source_address=("127.0.0.2", 0))
            conn.request("GET", path)
            r = conn.getresponse()
            body = r.read()
            conn.close()
            self.assertEqual(r.status, 403, f"{path}: {r.status} {body[:200]!r}")
            self.assertNotIn(b"onemap_", body, path)
        secret = "SECRET" + str(os.getpid())
        client = self.http(self.nginx)
        mark = len(self.access_log())
        for query in (f"token={secret}", f"%74oken={secret}", f"f=json&T%4FKEN={secret}&x=1",
                      f"%74%6f%6b%65%6e={secret}"):
            client.get(f"/collections?{query}")
        deadline = time.time() + 5  # nginx writes its log line as the response ends
        while len(self.access_log()) < mark + 4 and time.time() < deadline:
            time.sleep(0.05)
        logged = self.access_log()[mark:]
        self.assertGreaterEqual(len(logged), 4)
        for line in logged:
            self.assertNotIn(secret, line)
        self.assertTrue(any("token=***" in line for line in logged), logged)

    def test_2d_restricted_tiles_cached_per_role(self):
        """A restricted layer's versioned tile through nginx with a land_bureau key: MISS, then
        HIT, the file server's bytes; the same URL anonymously or with a planner key: 404, never
        the cached tile; a bad key: 401; a land_bureau URL token: a HIT on the same entry (the
        role, not the credential, is the key). A public layer's tile with the key still works."""
        lb, planner = {"X-API-Key": self.keys["land_bureau"]}, {"X-API-Key": self.keys["planner"]}
        proxy, file = self.http(self.nginx), self.http(self.file)
        feature = file.json(f"/collections/{RESTRICTED}/items?limit=1", {"X-API-Key": self.file_key})["features"][0]
        x, y = tile_of(*first_position(feature["geometry"]), 12)
        path = f"/tiles/{RESTRICTED}/12/{x}/{y}.mvt"
        url = f"{path}?v={self.tile_version(self.nginx, RESTRICTED, lb)}"
        expected = file.get(f"{path}?v={self.tile_version(self.file, RESTRICTED, {'X-API-Key': self.file_key})}",
                            {"X-API-Key": self.file_key})
        self.assertEqual(expected[0], 200, "the file server's tile: the test needs one with features")

        self.assertEqual(proxy.get(url)[0], 404, "anonymous, before anything is cached")
        answers = [proxy.get(url, lb) for _ in range(2)]
        self.assertEqual([(s, h.get("x-cache-status")) for s, h, _ in answers], [(200, "MISS"), (200, "HIT")],
                         "a land_bureau key's restricted tile is not cached\n" + self.logs())
        for status, head, body in answers:
            self.assertEqual(body, expected[2], "nginx's tile differs from the file server's")
            self.assertIn("private", head.get("cache-control", ""), "the browser must keep it private")
            self.assertNotIn("x-accel-expires", head, "X-Accel-Expires is for nginx only")

        for who, headers, status in (("anonymous", {}, 404), ("planner", planner, 404),
                                     ("a bad key", {"X-API-Key": "om_not_a_key"}, 401)):
            for _ in range(2):
                s, head, body = proxy.get(url, headers)
                self.assertEqual(s, status, f"{who}: {url} (X-Cache-Status {head.get('x-cache-status')})")
                self.assertNotEqual(head.get("x-cache-status"), "HIT", f"{who}: answered from land_bureau's entry")
                # OneMap's own JSON problem, through nginx too.
                self.assertEqual(json.loads(body)["status"], status, f"{who}: {body[:200]!r}")

        token = proxy.json("/auth/token", lb, method="POST")["token"]
        s, head, body = proxy.get(f"{url}&token={urllib.parse.quote(token)}")
        self.assertEqual((s, head.get("x-cache-status")), (200, "HIT"), "a land_bureau URL token: not the same entry")
        self.assertEqual(body, expected[2])
        self.assertEqual(proxy.get(f"{url}&token={urllib.parse.quote(token)}x")[0], 401, "a tampered URL token")

        # A public layer's tile with the key: the same tile as anonymously, and cached for the role.
        x, y = tile_of(112.40, 35.09, 12)
        public = f"/tiles/enterprises/12/{x}/{y}.mvt?v={self.tile_version(self.nginx, 'enterprises')}"
        s, _, body = proxy.get(public, lb)
        self.assertEqual(s, 200)
        self.assertEqual(body, proxy.get(public)[2])
        self.assertEqual(proxy.get(public, lb)[1].get("x-cache-status"), "HIT")

    # 3. ------------------------------------------------------------------------------------------
    def wait_replicas(self, path, seen, limit_s, since):
        """Polls every replica directly until `seen(status, body)` holds on each; returns the
        seconds from `since` (the commit) to each replica's first such answer."""
        clients = [self.http(r) for r in self.replicas]
        times = [None] * len(clients)
        deadline = since + limit_s + 10  # poll past the limit, to report how late it was
        while time.monotonic() < deadline and None in times:
            for i, c in enumerate(clients):
                if times[i] is None:
                    status, _, body = c.get(path)
                    if seen(status, body):
                        times[i] = time.monotonic() - since
            time.sleep(0.02)
        return times

    def converge(self, what, path, seen, limit_s, since):
        times = self.wait_replicas(path, seen, limit_s, since)
        print(f"[cluster] {what}: every replica in " + ", ".join("never" if t is None else f"{t:.2f} s" for t in times),
              flush=True)
        self.assertNotIn(None, times, f"{what}: a replica never saw it\n{self.logs()}")
        self.assertLessEqual(max(times), limit_s, f"{what}: slower than {limit_s} s")
        return times

    def versioned_tile(self, old_v, x, y, z=14):
        """After an edit: TileJSON's v through nginx differs from old_v and is the same on every
        replica; the tile of that v through nginx, asked twice (cached the second time)."""
        v = self.tile_version(self.nginx, "enterprises")
        self.assertNotEqual(v, old_v, "TileJSON's v did not change with the data")
        self.assertEqual({self.tile_version(r, "enterprises") for r in self.replicas}, {v},
                         "the replicas disagree on the version of the same data")
        answers = [self.http(self.nginx).get(f"/tiles/enterprises/{z}/{x}/{y}.mvt?v={v}") for _ in range(2)]
        return v, answers

    def insert_enterprise(self, name, lon, lat):
        sql = (f"INSERT INTO {SCHEMA}.enterprises "
               "(name, industry, heavy_metal, key_soil_supervision, grade, township, geom) "
               f"VALUES ('{name}', '集群测试', true, false, 'A', '测试镇', ST_SetSRID(ST_MakePoint({lon}, {lat}), 4490)) "
               "RETURNING fid")
        fid = int(self.psql(sql).split()[0])
        return fid, time.monotonic()

    def test_3_edits_reach_every_replica(self):
        name1, name2 = f"集群新增企业{os.getpid()}", f"集群改名企业{os.getpid()}"
        lon, lat = 112.5321, 35.1234
        x, y = tile_of(lon, lat, 14)
        tile = f"/tiles/enterprises/14/{x}/{y}.mvt"
        v0 = self.tile_version(self.nginx, "enterprises")
        for _ in range(2):  # the old version's tile, cached by nginx before the edit
            status, _, body = self.http(self.nginx).get(f"{tile}?v={v0}")
        self.assertNotIn(name1.encode(), body)

        # A rolled-back edit tells nobody: the version stays.
        self.psql(f"BEGIN; UPDATE {SCHEMA}.enterprises SET name = 'rolled back' WHERE fid = 1; ROLLBACK")
        time.sleep(1)
        self.assertEqual([self.tile_version(r, "enterprises") for r in self.replicas], [v0] * REPLICAS)

        try:
            self.insert_update_delete(name1, name2, lon, lat, tile, v0)
        finally:  # a failed run leaves no test feature behind for the next part
            self.psql(f"DELETE FROM {SCHEMA}.enterprises WHERE name IN ('{name1}', '{name2}')")

    def insert_update_delete(self, name1, name2, lon, lat, tile, v0):
        x, y = tile_of(lon, lat, 14)
        # Insert.
        fid, committed = self.insert_enterprise(name1, lon, lat)
        item = f"/collections/enterprises/items/{fid}"
        self.converge("insert", item,
                      lambda s, b: s == 200 and json.loads(b)["properties"]["name"] == name1, EDIT_LIMIT_S, committed)
        v1, answers = self.versioned_tile(v0, x, y)
        for status, head, body in answers:
            self.assertEqual(status, 200)
            self.assertIn(name1.encode(), body, f"nginx: the tile of v={v1} lacks the new feature ({head})")
        # The old version's URL still gives the old tile (it names old data), never the new one
        # under the old name or the old one under the new.
        self.assertNotIn(name1.encode(), self.http(self.nginx).get(f"{tile}?v={v0}")[2])

        # Update.
        self.psql(f"UPDATE {SCHEMA}.enterprises SET name = '{name2}' WHERE fid = {fid}")
        committed = time.monotonic()
        self.converge("update", item,
                      lambda s, b: s == 200 and json.loads(b)["properties"]["name"] == name2, EDIT_LIMIT_S, committed)
        v2, answers = self.versioned_tile(v1, x, y)
        for status, head, body in answers:
            self.assertIn(name2.encode(), body, f"nginx: the tile of v={v2} lacks the new name ({head})")
            self.assertNotIn(name1.encode(), body, f"nginx: the tile of v={v2} has the old name ({head})")

        # Delete.
        self.psql(f"DELETE FROM {SCHEMA}.enterprises WHERE fid = {fid}")
        committed = time.monotonic()
        self.converge("delete", item, lambda s, b: s == 404, EDIT_LIMIT_S, committed)
        v3, answers = self.versioned_tile(v2, x, y)
        for status, head, body in answers:
            self.assertNotIn(name2.encode(), body, f"nginx: the tile of v={v3} still has the deleted feature ({head})")

    # 4. ------------------------------------------------------------------------------------------
    def test_4_database_restart(self):
        loops = [Loop(self.nginx, self.loop_paths()) for _ in range(2)]
        for loop in loops:
            loop.start()
        time.sleep(0.5)
        r = subprocess.run([os.path.join(SCRIPTS, "postgis.sh"), "restart"], env=self.env, capture_output=True,
                           text=True, timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr)
        time.sleep(1)
        for loop in loops:
            loop.stop()
        failures = [f for loop in loops for f in loop.failures]
        print(f"\n[cluster] database restart: {sum(len(loop.answers) for loop in loops)} answers through nginx, "
              f"{len(failures)} failed", flush=True)
        self.assertEqual(failures, [], self.logs())

        name = f"重启后企业{os.getpid()}"
        fid, committed = self.insert_enterprise(name, 112.45, 35.05)
        try:
            self.converge("insert after a restart", f"/collections/enterprises/items/{fid}",
                          lambda s, b: s == 200 and json.loads(b)["properties"]["name"] == name,
                          RESTART_EDIT_LIMIT_S, committed)
        finally:
            self.psql(f"DELETE FROM {SCHEMA}.enterprises WHERE fid = {fid}")
        committed = time.monotonic()
        self.converge("delete after a restart", f"/collections/enterprises/items/{fid}", lambda s, b: s == 404,
                      EDIT_LIMIT_S, committed)


if __name__ == "__main__":
    unittest.main()
