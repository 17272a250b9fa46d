"""The bad inputs of docs/SECURITY.md, each sent to the real onemap binary on the demo data.

Every test is a row of that table. The answer to each bad input must be a JSON problem (4xx, or
503 for too many connections) that names what was wrong, never a 500, never a file from outside
what the server publishes, never a crash: after every test each server still answers /health.
Standard library only; raw sockets where http.client would refuse to send the input.
ONEMAP_BINARY names the binary (default build/src/onemap)."""
import csv
import gzip
import http.client
import io
import json
import math
import os
import re
import socket
import sqlite3
import struct
import subprocess
import sys
import tempfile
import time
import unittest
import xml.etree.ElementTree as ElementTree
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "support"))
from demo_server import BINARY, DemoServer, demo_config  # noqa: E402

HEADER_TIMEOUT_S = 2
MAX_CONNECTIONS = 4
# What must never come back: onemap.yaml's text, rules.yaml's, /etc/passwd's.
SECRETS = [b"tile_cache_control", b"process_time_limit_s", b"root:x:0:0", b"within_distance:"]

# Three servers on the demo data: "main" with a short header timeout and small header and body
# limits; "crowded" with room for a few connections only, and no asynchronous jobs for anonymous
# callers; "small" with small result limits and few jobs per owner.
MAX_JOBS_PER_OWNER = 3
SETTINGS = {
    "main": {"header_timeout_s": HEADER_TIMEOUT_S, "max_header_kb": 8, "max_body_kb": 64, "max_page_features": 1000},
    "crowded": {"max_connections": MAX_CONNECTIONS, "anonymous_async": "false"},
    "small": {"max_export_features": 3000, "max_result_features": 3000, "max_response_mb": 1,
              "max_jobs_per_owner": MAX_JOBS_PER_OWNER},
}
# A download of known size over small's 1 MB: 2,779 parcels (under its max_export_features) as KML, 1.8 MB.
KNOWN_SIZE_OVER_1MB = "/download/farmland.kml?bbox=112.3,34.9,112.8,35.3"
# The start of each response in bytes read from a socket.
STATUS_LINE = re.compile(rb"(?:^|\r\n)HTTP/1\.[01] \d{3} ")
servers = {}
_tmp = None

# "main" also serves a source layer of two geometry kinds: tailings ponds as points or a polygon.
MIXED_PONDS = {"type": "FeatureCollection", "name": "mixed_ponds", "features": [
    {"type": "Feature", "properties": {"name": "一号库"}, "geometry": {"type": "Point", "coordinates": [112.45, 35.08]}},
    {"type": "Feature", "properties": {"name": "二号库"}, "geometry": {"type": "Point", "coordinates": [112.47, 35.09]}},
    {"type": "Feature", "properties": {"name": "三号库"}, "geometry": {"type": "Polygon", "coordinates": [
        [[112.40, 35.10], [112.42, 35.10], [112.42, 35.12], [112.40, 35.12], [112.40, 35.10]]]}},
]}


def mixed_layer(directory):
    """The mixed_ponds layer: its GeoJSON source in `directory`, and its catalog file."""
    source = os.path.join(directory, "mixed_ponds.geojson")
    with open(source, "w", encoding="utf-8") as f:
        json.dump(MIXED_PONDS, f, ensure_ascii=False)
    return {"mixed_ponds.yaml": f"id: mixed_ponds\ntitle: 尾矿库（点或面）\nsource: {source}\n"}


def setUpModule():
    global _tmp
    _tmp = tempfile.TemporaryDirectory()
    try:
        for name, settings in SETTINGS.items():
            directory = os.path.join(_tmp.name, name)
            os.makedirs(directory)
            # "main" hides polluted_plots from all but land_bureau, and has a key for that role.
            roles = {"polluted_plots": ["land_bureau"]} if name == "main" else None
            config = demo_config(directory, settings, roles, mixed_layer(directory) if name == "main" else None)
            server = DemoServer(config)
            if roles:
                server.key = subprocess.run([BINARY, "key", "add", "land_bureau", "--config", config], check=True,
                                            capture_output=True, text=True).stdout.strip()
            url = server.start()
            server.port = int(url.rsplit(":", 1)[1])
            servers[name] = server
    except BaseException:
        tearDownModule()
        raise


def tearDownModule():
    for server in servers.values():
        server.stop()
    servers.clear()
    if _tmp:
        _tmp.cleanup()


class Answer:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = {k.lower(): v for k, v in headers}
        self.body = body

    def json(self):
        return json.loads(self.body.decode("utf-8"))


def request(server, method, target, body=None, headers=None, timeout=30):
    """One request on a fresh connection; the target is sent exactly as given."""
    conn = http.client.HTTPConnection("127.0.0.1", servers[server].port, timeout=timeout)
    try:
        conn.putrequest(method, target, skip_host=True, skip_accept_encoding=True)
        headers = dict(headers or {})
        headers.setdefault("Host", f"127.0.0.1:{servers[server].port}")
        if body is not None:
            headers.setdefault("Content-Type", "application/json")
            headers["Content-Length"] = str(len(body))
        for k, v in headers.items():
            conn.putheader(k, v)
        conn.endheaders(body)
        res = conn.getresponse()
        return Answer(res.status, res.getheaders(), res.read())
    finally:
        conn.close()


def raw(server, data, timeout=10):
    """Sends bytes as they are and reads until the server closes; returns (Answer or None, bytes)."""
    with socket.create_connection(("127.0.0.1", servers[server].port), timeout=timeout) as s:
        s.sendall(data)
        received = b""
        try:
            while chunk := s.recv(65536):
                received += chunk
        except (ConnectionResetError, socket.timeout):
            pass
    return parse_response(received), received


def parse_response(data):
    if not data.startswith(b"HTTP/1."):
        return None
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = [tuple(part.strip() for part in line.split(":", 1)) for line in lines[1:]]
    length = dict((k.lower(), v) for k, v in headers).get("content-length")
    return Answer(status, headers, body[: int(length)] if length else body)


def post_json(server, target, doc, headers=None):
    return request(server, "POST", target, json.dumps(doc).encode("utf-8"), headers)


def start_job(server, headers=None):
    """A quick asynchronous job (zonal-summary); the 201's Answer."""
    return post_json(server, "/processes/zonal-summary/execution", {"inputs": {}},
                     dict(headers or {}, Prefer="respond-async"))


def path_of(url):
    """/jobs/{id}?job_token=… of an absolute URL the server handed out."""
    return "/" + url.split("/", 3)[3]


# --- the kinds of the geometries a download holds, read with the standard library only -----------
# Each reader returns the geometry kinds ("point", "line", "polygon"; None for a feature without
# geometry) of every feature in the file.

def kind_of(type_name):
    name = type_name.lower().replace("multi", "")
    return {"point": "point", "linestring": "line", "polygon": "polygon"}.get(name)


def kinds_in_geojson(data):
    return [kind_of(f["geometry"]["type"]) if f.get("geometry") else None for f in json.loads(data)["features"]]


def kinds_in_csv(data):
    rows = csv.DictReader(io.StringIO(data.decode("utf-8-sig")))
    return [kind_of(row["WKT"].split(" ")[0]) if row["WKT"] else None for row in rows]


def kinds_in_kml(data):
    kinds = []
    for placemark in ElementTree.fromstring(data).iter("{http://www.opengis.net/kml/2.2}Placemark"):
        found = [kind_of(e.tag.split("}")[1]) for e in placemark.iter() if kind_of(e.tag.split("}")[1])]
        kinds.append(found[0] if found else None)
    return kinds


def wkb_kind(blob):
    """A GeoPackage geometry blob: "GP", version, flags (envelope size in bits 1–3), SRS id, WKB."""
    if blob is None:
        return None
    envelope = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}[(blob[3] >> 1) & 7]
    wkb = blob[8 + envelope:]
    geometry_type = struct.unpack("<I" if wkb[0] == 1 else ">I", wkb[1:5])[0] % 1000
    return {1: "point", 2: "line", 3: "polygon", 4: "point", 5: "line", 6: "polygon"}.get(geometry_type)


def kinds_in_gpkg(data, directory):
    path = os.path.join(directory, "download.gpkg")
    with open(path, "wb") as f:
        f.write(data)
    db = sqlite3.connect(path)
    try:
        table, column, declared = db.execute(
            "SELECT table_name, column_name, geometry_type_name FROM gpkg_geometry_columns").fetchone()
        kinds = [wkb_kind(blob) for (blob,) in db.execute(f'SELECT "{column}" FROM "{table}"')]
    finally:
        db.close()
    return kinds, declared


def kinds_in_shapefile(shp, shx):
    """Every record's shape type (0 null, 1/8 point, 3 line, 5 polygon); the file's own type."""
    kinds = []
    for n in range((len(shx) - 100) // 8):
        offset = struct.unpack(">i", shx[100 + 8 * n:104 + 8 * n])[0] * 2
        shape = struct.unpack("<i", shp[offset + 8:offset + 12])[0]
        kinds.append({0: None, 1: "point", 8: "point", 3: "line", 5: "polygon"}[shape])
    return kinds, struct.unpack("<i", shp[32:36])[0]


class FlatBuffer:
    """Just enough of FlatBuffers to read FlatGeobuf's header and features."""

    def __init__(self, data, root):
        self.data, self.table = data, root + struct.unpack_from("<I", data, root)[0]

    def field(self, index):
        vtable = self.table - struct.unpack_from("<i", self.data, self.table)[0]
        size = struct.unpack_from("<H", self.data, vtable)[0]
        at = 4 + 2 * index
        offset = struct.unpack_from("<H", self.data, vtable + at)[0] if at < size else 0
        return self.table + offset if offset else None

    def scalar(self, index, fmt, default=0):
        at = self.field(index)
        return struct.unpack_from(fmt, self.data, at)[0] if at is not None else default

    def table_at(self, index):
        at = self.field(index)
        return FlatBuffer(self.data, at) if at is not None else None

    def vector_length(self, index):
        at = self.field(index)
        return struct.unpack_from("<I", self.data, at + struct.unpack_from("<I", self.data, at)[0])[0] if at else 0


def kinds_in_flatgeobuf(data):
    """The header (geometry_type field 2, features_count 8, index_node_size 9), the packed R-tree
    skipped, then each feature's geometry (xy field 1, type field 6, else the header's type)."""
    header_size = struct.unpack_from("<I", data, 8)[0]
    header = FlatBuffer(data, 12)
    layer_type = header.scalar(2, "<B")
    count, node_size = header.scalar(8, "<Q"), header.scalar(9, "<H", 16)
    at = 12 + header_size
    if node_size and count:
        nodes = level = count
        while level != 1:
            level = -(-level // node_size)
            nodes += level
        at += nodes * 40
    kinds = []
    for _ in range(count):
        size = struct.unpack_from("<I", data, at)[0]
        geometry = FlatBuffer(data, at + 4).table_at(0)
        if geometry is None or geometry.vector_length(1) == 0:
            kinds.append(None)
        else:
            kinds.append({1: "point", 2: "line", 3: "polygon", 4: "point", 5: "line", 6: "polygon"}.get(
                geometry.scalar(6, "<B", layer_type)))
        at += 4 + size
    return kinds, layer_type


class SecurityTest(unittest.TestCase):
    def tearDown(self):
        for name in servers:
            self.assertEqual(request(name, "GET", "/health").status, 200, f"{name} no longer answers /health")

    def assertProblem(self, answer, statuses, where=""):
        """A JSON problem with one of the statuses: code, description, status; nothing secret."""
        statuses = statuses if isinstance(statuses, (tuple, list, set)) else (statuses,)
        self.assertIn(answer.status, statuses, f"{where}: {answer.status} {answer.body[:300]!r}")
        self.assertTrue(answer.headers.get("content-type", "").startswith("application/json"), where)
        problem = answer.json()  # also proves the body is valid UTF-8 JSON
        self.assertIn("code", problem, where)
        self.assertTrue(problem.get("description"), where)
        self.assertEqual(problem.get("status", answer.status), answer.status, where)
        for secret in SECRETS:
            self.assertNotIn(secret, answer.body, where)
        return problem

    def assertTraversalRefused(self, targets):
        for target in targets:
            self.assertProblem(request("main", "GET", target), (400, 404), target)

    # --- path traversal, in every path segment ---------------------------------------------------

    def test_path_traversal_web(self):
        self.assertTraversalRefused([
            "/web/../onemap.yaml", "/web/%2e%2e/onemap.yaml", "/web/.%2e/onemap.yaml", "/web/..%2fonemap.yaml",
            "/web/..%2Fonemap.yaml", "/web/..%5conemap.yaml", "/web/%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "/web/%252e%252e/onemap.yaml", "/web/src/../../onemap.yaml", "/web/.env", "/map/../onemap.yaml",
        ])

    def test_path_traversal_collections(self):
        self.assertTraversalRefused([
            "/collections/../onemap.yaml", "/collections/..%2f..%2fonemap.yaml/items", "/collections/%2e%2e/items",
            "/collections/townships/items/..%2f..%2fonemap.yaml", "/collections/townships/..%2f/items",
            "/collections/..%2f..%2fetc%2fpasswd",
        ])

    def test_path_traversal_tiles(self):
        self.assertTraversalRefused([
            "/tiles/../../onemap.yaml", "/tiles/..%2f..%2fonemap.yaml/0/0/0.mvt", "/tiles/..%2f..%2fonemap.yaml.json",
            "/tiles/townships/..%2f/0/0.mvt", "/tiles/townships/0/..%2f/0.mvt", "/tiles/townships/0/0/..%2f.mvt",
            "/collections/..%2f/tiles/WebMercatorQuad/0/0/0",
        ])

    def test_path_traversal_fonts(self):
        self.assertTraversalRefused([
            "/fonts/..%2F/0-255.pbf", "/fonts/..%2F..%2Fetc/0-255.pbf", "/fonts/x/..%2F0-255.pbf",
            "/fonts/x/..%2F..%2Fetc%2Fpasswd", "/fonts/..%5c..%5cetc/0-255.pbf",
        ])

    def test_path_traversal_downloads(self):
        self.assertTraversalRefused([
            "/download/..%2f.gpkg", "/download/..%2f..%2fonemap.yaml.gpkg", "/download/%2e%2e.geojson",
            "/download/township/..%2f..%2fetc%2fpasswd", "/download/../onemap.yaml",
        ])

    def test_path_traversal_styles_processes_jobs(self):
        self.assertTraversalRefused([
            "/styles/..%2fonemap.json", "/styles/..%2f..%2fonemap.yaml", "/processes/..%2f..%2fetc%2fpasswd",
            "/jobs/..%2f..%2fetc%2fpasswd", "/jobs/..%2f..%2fetc%2fpasswd/results",
        ])

    # --- %00 -------------------------------------------------------------------------------------

    def test_nul_in_path(self):
        for target in ["/collections/townships%00/items", "/web/index.html%00.png", "/tiles/townships%00/0/0/0.mvt",
                       "/download/townships%00.gpkg", "/fonts/a%00b/0-255.pbf"]:
            self.assertProblem(request("main", "GET", target), (400, 404), target)
        answer, _ = raw("main", b"GET /collections\x00/items HTTP/1.1\r\nHost: x\r\n\r\n")
        self.assertIsNotNone(answer, "no answer to a raw NUL in the request line")
        self.assertProblem(answer, 400, "raw NUL")

    def test_nul_in_query(self):
        self.assertProblem(request("main", "GET", "/collections/townships/items?limit=10%00"), 400, "limit")
        self.assertProblem(request("main", "GET", "/collections/townships/items?bbox=112,35,113,36%00"), 400, "bbox")
        self.assertProblem(request("main", "GET", "/collections/townships/items?f=json%00"), 400, "f")
        # Text searched as it is: no match, and the JSON answer escapes it.
        answer = request("main", "GET", "/search?q=a%00b")
        self.assertEqual(answer.status, 200)
        self.assertEqual(answer.json()["results"], [])
        answer = request("main", "GET", "/collections/townships/items?name=%00")
        self.assertEqual(answer.status, 200)
        self.assertEqual(answer.json()["numberReturned"], 0)

    # --- numbers out of range --------------------------------------------------------------------

    def test_huge_bbox(self):
        for bbox in ["-1e308,-1e308,1e308,1e308", "NaN,NaN,NaN,NaN", "113,36,112,35", "inf,-inf,1,1", "1e999,0,1,1",
                     "1,2,3", "a,b,c,d", "112,35,113,36,1,2,3"]:
            for path in ["/collections/townships/items", "/download/townships.geojson"]:
                target = f"{path}?bbox={bbox}"
                self.assertProblem(request("main", "GET", target), 400, target)

    def test_tile_zoom_and_coordinates(self):
        for target in ["/tiles/townships/40/0/0.mvt", "/tiles/townships/-1/0/0.mvt", "/tiles/townships/5/-1/3.mvt",
                       "/tiles/townships/5/3/-1.mvt", "/tiles/townships/5/32/3.mvt",
                       "/tiles/townships/5/99999999999999999999/3.mvt", "/tiles/townships/40/0/0",
                       "/collections/townships/tiles/WebMercatorQuad/40/0/0",
                       "/collections/townships/tiles/WebMercatorQuad/5/-1/0"]:
            self.assertProblem(request("main", "GET", target), (400, 404), target)

    def test_limit_huge_and_negative(self):
        page = request("main", "GET", "/collections/farmland/items?limit=1000000000")
        self.assertEqual(page.status, 200)
        self.assertEqual(page.json()["numberReturned"], 1000)  # clamped to max_page_features
        api = request("main", "GET", "/api").json()
        self.assertEqual(api["components"]["parameters"]["limit"]["schema"]["maximum"], 1000)
        for limit in ["1e9", "-1", "0", "1.5", "ten", "99999999999999999999999999"]:
            target = f"/collections/farmland/items?limit={limit}"
            answer = request("main", "GET", target)
            if limit == "99999999999999999999999999":  # a whole number: clamped
                self.assertEqual(answer.json()["numberReturned"], 1000)
            else:
                self.assertProblem(answer, 400, target)
        self.assertProblem(request("main", "GET", "/collections/farmland/items?offset=-1"), 400, "offset")
        self.assertProblem(request("main", "GET", "/search?q=a&limit=1000000000"), 400, "search limit")

    # --- request bodies --------------------------------------------------------------------------

    def test_malformed_json(self):
        for body in [b"{", b"not json", b'{"inputs": ', b"[1, 2", b'{"inputs": {"source": "enterprises",}}', b"\"\\u",
                     b"{\"inputs\": 1}", b"[]", b"null"]:
            answer = request("main", "POST", "/processes/within-distance/execution", body)
            self.assertProblem(answer, 400, body.decode())

    def test_deeply_nested_json(self):
        depth = 100000
        body = b'{"inputs": {"source": ' + b"[" * depth + b"]" * depth + b"}}"
        # On "small", whose body limit (1 MB) lets 200 KB of brackets through to the JSON parser.
        problem = self.assertProblem(request("small", "POST", "/processes/within-distance/execution", body), 400)
        self.assertIn("deeper than", problem["description"])
        objects = b'{"a":' * depth + b"1" + b"}" * depth
        self.assertProblem(request("small", "POST", "/processes/screening/execution", objects), 400)

    def test_invalid_utf8(self):
        problem = self.assertProblem(request("main", "GET", "/collections/%ff%fe/items"), 404, "path")
        self.assertIn("\ufffd", problem["description"])  # replaced, not passed on
        self.assertProblem(request("main", "GET", "/web/%ff%fe.js"), 404, "web path")
        answer = request("main", "GET", "/search?q=%ff%fe%80")
        self.assertEqual(answer.status, 200)
        answer.json()  # valid UTF-8 JSON
        self.assertProblem(request("main", "GET", "/collections/townships/items?crs=%ff"), 400, "crs")
        body = b'{"inputs": {"source": "\xff\xfe", "target": "farmland", "distance": 10}}'
        self.assertProblem(request("main", "POST", "/processes/within-distance/execution", body), 400, "body")
        answer, _ = raw("main", b"GET /collections/\xff\xfe/items HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        self.assertIsNotNone(answer)
        self.assertProblem(answer, (400, 404), "raw bytes in the path")

    # --- the transport's limits ------------------------------------------------------------------

    def test_oversized_header(self):
        answer = request("main", "GET", "/health", headers={"X-Padding": "p" * 20000})
        problem = self.assertProblem(answer, 431)
        self.assertEqual(problem["limit"], "server.max_header_kb")
        self.assertEqual(problem["limit_value"], 8)
        answer, _ = raw("main", b"GET /health HTTP/1.1\r\nHost: x\r\n" + b"X-A: b\r\n" * 3000 + b"\r\n")
        self.assertProblem(answer, 431, "many header lines")

    def test_oversized_body(self):
        body = b'{"inputs": {"source": "' + b"x" * 100000 + b'"}}'
        problem = self.assertProblem(request("main", "POST", "/processes/within-distance/execution", body), 413)
        self.assertEqual(problem["limit"], "server.max_body_kb")
        self.assertEqual(problem["limit_value"], 64)
        # Announced, not sent: refused on the header.
        answer, _ = raw("main", b"POST /processes/within-distance/execution HTTP/1.1\r\nHost: x\r\n"
                                b"Content-Type: application/json\r\nContent-Length: 1000000000000\r\n\r\n{")
        self.assertProblem(answer, 413, "Content-Length: 10^12")

    def test_transfer_encoding_smuggling(self):
        """A body whose end is not where the server would read it: answered, then closed, so its
        bytes never become a request (RFC 9112 §6.3)."""
        smuggled = b"GET /collections/farmland/items/1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
        cases = [(b"Transfer-Encoding: gzip\r\n", 400), (b"Transfer-Encoding: identity\r\n", 400),
                 (b"Transfer-Encoding: foo\r\n", 400), (b"Transfer-Encoding: chunked, gzip\r\n", 400),
                 (b"Transfer-Encoding: chunked, chunked\r\n", 400),
                 (b"Transfer-Encoding: gzip\r\nContent-Length: 4\r\n", 400),
                 (b"Transfer-Encoding: chunked\r\nContent-Length: 4\r\n", 400),
                 (b"Content-Length: 4\r\nTransfer-Encoding: chunked\r\n", 400),
                 (b"Transfer-Encoding: gzip, chunked\r\n", 501)]
        for framing, status in cases:
            answer, received = raw("main", b"POST /search?q=a HTTP/1.1\r\nHost: x\r\n" + framing + b"\r\n" + smuggled)
            problem = self.assertProblem(answer, status, framing.decode())
            self.assertEqual(len(STATUS_LINE.findall(received)), 1, f"{framing.decode()}: {received[:600]!r}")
            self.assertIn("Transfer-Encoding", problem["description"], framing.decode())
        answer, received = raw("main", b"POST /search?q=a HTTP/1.0\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                                       b"0\r\n\r\n" + smuggled)
        self.assertProblem(answer, 400, "HTTP/1.0 with Transfer-Encoding")
        self.assertEqual(len(STATUS_LINE.findall(received)), 1, received[:600])

    def test_slowloris(self):
        """A header trickled a line every 0.4 s is cut at the header timeout with a 408."""
        with socket.create_connection(("127.0.0.1", servers["main"].port), timeout=10) as s:
            started = time.monotonic()
            s.sendall(b"GET /health HTTP/1.1\r\nHost: x\r\n")
            received = b""
            s.settimeout(0.4)
            while time.monotonic() - started < HEADER_TIMEOUT_S + 5:
                try:
                    s.sendall(b"X-Slow: 1\r\n")
                except (BrokenPipeError, ConnectionResetError):
                    break
                try:
                    chunk = s.recv(65536)
                    if not chunk:
                        break
                    received += chunk
                except socket.timeout:
                    continue
                except ConnectionResetError:
                    break
            elapsed = time.monotonic() - started
        self.assertLess(elapsed, HEADER_TIMEOUT_S + 3, "the trickling connection was not cut")
        self.assertGreater(elapsed, HEADER_TIMEOUT_S - 0.5)
        answer = parse_response(received)
        self.assertIsNotNone(answer, received[:200])
        problem = self.assertProblem(answer, 408)
        self.assertEqual(problem["limit"], "server.header_timeout_s")
        self.assertEqual(problem["limit_value"], HEADER_TIMEOUT_S)

    def test_silent_connection(self):
        """A connection that never sends a byte is closed, without an answer, at the header timeout."""
        started = time.monotonic()
        answer, data = raw("main", b"", timeout=HEADER_TIMEOUT_S + 5)
        elapsed = time.monotonic() - started
        self.assertEqual(data, b"")
        self.assertLess(elapsed, HEADER_TIMEOUT_S + 3)

    def test_too_many_connections(self):
        held = []
        try:
            for _ in range(MAX_CONNECTIONS):
                conn = http.client.HTTPConnection("127.0.0.1", servers["crowded"].port, timeout=10)
                held.append(conn)  # kept alive after its request, so still counted
                conn.request("GET", "/health")
                res = conn.getresponse()
                res.read()
                self.assertEqual(res.status, 200)
            answer, _ = raw("crowded", b"GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
            problem = self.assertProblem(answer, 503)
            self.assertEqual(problem["code"], "too_many_connections")
            self.assertEqual(problem["limit"], "server.max_connections")
            self.assertEqual(problem["limit_value"], MAX_CONNECTIONS)
            self.assertEqual(answer.headers.get("retry-after"), "5")
        finally:
            for conn in held:
                conn.close()
        deadline = time.monotonic() + 5
        while request("crowded", "GET", "/health").status != 200 and time.monotonic() < deadline:
            time.sleep(0.1)  # the held connections are closing; tearDown checks /health again

    def test_forged_host(self):
        forged = {"Host": "evil.example.com", "X-Forwarded-Host": "evil.example.com", "X-Forwarded-Proto": "gopher",
                  "Forwarded": "host=evil.example.com"}
        for target in ["/", "/collections", "/collections/townships/items?limit=2", "/tiles/townships.json",
                       "/styles/onemap.json", "/api", "/processes"]:
            answer = request("main", "GET", target, headers=forged)
            self.assertEqual(answer.status, 200, target)
            self.assertNotIn(b"evil.example.com", answer.body, target)
            self.assertNotIn(b"gopher", answer.body, target)
            self.assertIn(f"127.0.0.1:{servers['main'].port}".encode(), answer.body, target)

    def test_key_in_wrong_header(self):
        key = servers["main"].key
        layer = "/collections/polluted_plots"
        self.assertEqual(request("main", "GET", layer, headers={"X-API-Key": key}).status, 200)
        self.assertEqual(request("main", "GET", layer, headers={"Authorization": "Bearer " + key}).status, 200)
        # Headers and parameters OneMap does not read: the caller is anonymous, the layer hidden.
        for headers in ({"X-Api-Token": key}, {"Api-Key": key}, {"Cookie": "key=" + key}, {"X-API-Key-": key}):
            self.assertProblem(request("main", "GET", layer, headers=headers), 404, repr(list(headers)))
        for param in ("api_key", "key", "apikey"):
            self.assertProblem(request("main", "GET", f"{layer}?{param}={key}"), (400, 404), param)
        # Authorization with another scheme is a mistake worth saying; a bad key is never public.
        self.assertProblem(request("main", "GET", layer, headers={"Authorization": "Basic " + key}), 401)
        self.assertProblem(request("main", "GET", "/collections", headers={"X-API-Key": key + "x"}), 401)
        self.assertProblem(request("main", "GET", layer + "?token=" + key), 401, "a key is not a URL token")

    # --- the API's limits ------------------------------------------------------------------------

    def test_export_over_max_export_features(self):
        problem = self.assertProblem(request("small", "GET", "/download/farmland.geojson"), 400)
        self.assertEqual(problem["code"], "LimitExceeded")
        self.assertEqual(problem["limit"], "server.max_export_features")
        self.assertIn("bbox=", problem["description"])
        self.assertEqual(request("small", "GET", "/download/rivers.geojson").status, 200)

    def test_result_over_max_result_features(self):
        inputs = {"source": "farmland", "target": "enterprises", "distance": 100000}
        answer = post_json("small", "/processes/within-distance/execution", {"inputs": inputs})
        problem = self.assertProblem(answer, 400)
        self.assertEqual(problem["limit"], "server.max_result_features")
        self.assertEqual(problem["limit_value"], 3000)

    def test_plot_over_max_input_vertices(self):
        # A circle of 5,001 vertices (plus the closing position) around the middle of Jiyuan: over
        # the default budget of 5,000, refused as it is read, before GEOS sees it.
        ring = [[round(112.45 + 0.02 * math.cos(2 * math.pi * k / 5001), 7),
                 round(35.1 + 0.02 * math.sin(2 * math.pi * k / 5001), 7)] for k in range(5001)]
        plot = {"inputs": {"geometry": {"type": "Polygon", "coordinates": [ring + [ring[0]]]}}}
        target = "/processes/plot-restrictions/execution"
        problem = self.assertProblem(post_json("small", target, plot), 400)
        self.assertEqual(problem["code"], "LimitExceeded")
        self.assertEqual(problem["limit"], "server.max_input_vertices")
        self.assertEqual(problem["limit_value"], 5000)
        plot["inputs"]["geometry"]["coordinates"] = [ring[:4999] + [ring[0]]]  # 5,000 positions
        self.assertEqual(post_json("small", target, plot).status, 200)

    def test_response_over_max_response_mb(self):
        # A body of known size: refused before its headers.
        problem = self.assertProblem(request("small", "GET", KNOWN_SIZE_OVER_1MB), 400)
        self.assertEqual(problem["code"], "response_too_large")
        self.assertEqual(problem["limit"], "server.max_response_mb")
        # Streams: cut where they pass the budget, the connection closed. Rows of a process
        # (2,920 rows, 1.2 MB), and an items page over 64 KB (3,200 parcels).
        inputs = {"source": "farmland", "target": "enterprises", "distance": 3000}
        for method, target, body in [("POST", "/processes/within-distance/execution", json.dumps({"inputs": inputs})),
                                     ("GET", "/collections/farmland/items?limit=3200", None)]:
            conn = http.client.HTTPConnection("127.0.0.1", servers["small"].port, timeout=30)
            try:
                conn.request(method, target, body, {"Content-Type": "application/json"} if body else {})
                res = conn.getresponse()
                self.assertEqual(res.status, 200, target)
                with self.assertRaises(http.client.IncompleteRead, msg=target):
                    res.read()
            finally:
                conn.close()

    def test_large_page_streamed(self):
        """Slow readers of large pages hold a piece each, not a page: a page over 64 KB is sent as
        a chunked stream made as the socket takes it, with the bytes of the pages it spans."""
        target = "/collections/farmland/items?limit=1000"
        page = request("main", "GET", target)
        self.assertEqual(page.status, 200)
        self.assertEqual(page.headers.get("transfer-encoding"), "chunked")
        self.assertNotIn("content-length", page.headers)
        self.assertEqual(page.headers.get("content-crs"), "<http://www.opengis.net/def/crs/OGC/1.3/CRS84>")
        doc = page.json()
        self.assertEqual(doc["numberReturned"], 1000)
        features = []
        for offset in range(0, 1000, 20):
            small = request("main", "GET", f"/collections/farmland/items?limit=20&offset={offset}")
            self.assertIn("content-length", small.headers)  # a small page is still sent whole
            features += small.json()["features"]
        self.assertEqual(doc["features"], features)
        zipped = request("main", "GET", target, headers={"Accept-Encoding": "gzip"})
        self.assertEqual(zipped.headers.get("content-encoding"), "gzip")
        self.assertEqual(gzip.decompress(zipped.body), page.body)

    # --- asynchronous jobs -----------------------------------------------------------------------

    def test_anonymous_jobs_are_their_owners_alone(self):
        accepted = start_job("main")
        self.assertEqual(accepted.status, 201, accepted.body[:300])
        token = accepted.headers["x-onemap-job-token"]
        job = accepted.json()["jobID"]
        location = path_of(accepted.headers["location"])
        self.assertEqual(location, f"/jobs/{job}?job_token={token}")
        # Another anonymous caller, a wrong token, a key of another role: nothing of this job.
        bare = "/jobs/" + job
        strangers = [{}, {"X-OneMap-Job-Token": "0" * 32}, {"X-API-Key": servers["main"].key}]
        for headers in strangers:
            for target in (bare, bare + "/results", bare + "?job_token=" + "0" * 32):
                problem = self.assertProblem(request("main", "GET", target, headers=headers), 404, target)
                self.assertTrue(problem["type"].endswith("no-such-job"), target)
            self.assertNotIn(job.encode(), request("main", "GET", "/jobs?limit=1000", headers=headers).body)
        self.assertProblem(request("main", "DELETE", bare), 404, "DELETE without the token")
        # Its owner, by the Location (the token in it) or by the header.
        deadline = time.time() + 60
        while json.loads(request("main", "GET", location).body)["status"] in ("accepted", "running"):
            self.assertLess(time.time(), deadline, "the job did not finish")
            time.sleep(0.05)
        self.assertEqual(request("main", "GET", bare + "/results", headers={"X-OneMap-Job-Token": token}).status, 200)
        self.assertEqual(request("main", "DELETE", location).status, 200)
        # The token is a credential: the log never shows it.
        self.assertNotIn(token, servers["main"].output())

    def test_jobs_per_owner(self):
        accepted = [start_job("small") for _ in range(MAX_JOBS_PER_OWNER)]
        self.assertEqual([a.status for a in accepted], [201] * MAX_JOBS_PER_OWNER)
        try:
            over = start_job("small")
            problem = self.assertProblem(over, 429)
            self.assertEqual(problem["limit"], "server.max_jobs_per_owner")
            self.assertEqual(problem["limit_value"], MAX_JOBS_PER_OWNER)
            self.assertTrue(over.headers.get("retry-after", "").isdigit())
            # Every job of this client is still there: none made room by evicting another's.
            for a in accepted:
                self.assertEqual(request("small", "GET", path_of(a.headers["location"])).status, 200)
        finally:
            for a in accepted:  # a dismissed job counts no more
                request("small", "DELETE", path_of(a.headers["location"]))
        self.assertEqual(start_job("small").status, 201)

    def test_anonymous_async_off(self):
        problem = self.assertProblem(start_job("crowded"), 403)
        self.assertIn("server.anonymous_async", problem["description"])
        self.assertEqual(post_json("crowded", "/processes/zonal-summary/execution", {"inputs": {}}).status, 200)

    def test_killed_servers_job_results_are_swept(self):
        with tempfile.TemporaryDirectory() as directory:
            jobs_dir = os.path.join(directory, "jobs")
            config = demo_config(directory, {"jobs_dir": jobs_dir})
            killed = DemoServer(config)
            base = killed.start()
            try:
                accepted = post_json_to(base, "/processes/zonal-summary/execution", {"inputs": {}},
                                        {"Prefer": "respond-async"})
                self.assertEqual(accepted.status, 201)
                own = os.path.join(jobs_dir, f"onemap-jobs-{killed.process.pid}-")
                [results_dir] = [os.path.join(jobs_dir, d) for d in os.listdir(jobs_dir)
                                 if os.path.join(jobs_dir, d).startswith(own)]
                deadline = time.time() + 60
                while not any(f.endswith(".result") for f in os.listdir(results_dir)):
                    self.assertLess(time.time(), deadline, "no result written")
                    time.sleep(0.05)
                self.assertEqual(os.stat(results_dir).st_mode & 0o777, 0o700)
                for f in os.listdir(results_dir):
                    self.assertEqual(os.stat(os.path.join(results_dir, f)).st_mode & 0o777, 0o600, f)
            finally:
                killed.process.kill()  # SIGKILL: nothing is cleaned up
                killed.process.wait()
                killed.log.close()
            self.assertTrue(os.path.isdir(results_dir))
            successor = DemoServer(config)
            successor.start()
            try:
                self.assertFalse(os.path.exists(results_dir), "the killed server's results are still on disk")
            finally:
                successor.stop()


def post_json_to(base, target, doc, headers):
    """A POST to a server of the test's own (base: http://127.0.0.1:port)."""
    conn = http.client.HTTPConnection(base.split("//", 1)[1], timeout=30)
    try:
        conn.request("POST", target, json.dumps(doc), dict(headers, **{"Content-Type": "application/json"}))
        res = conn.getresponse()
        return Answer(res.status, res.getheaders(), res.read())
    finally:
        conn.close()
    # --- dirty data ------------------------------------------------------------------------------

    def test_mixed_geometry_downloads(self):
        """A layer of two points and a polygon: every format holds all three with their geometry,
        a Shapefile zip a file per kind named by it; X and Y columns are refused."""
        want = ["point", "point", "polygon"]
        answers = {ext: request("main", "GET", "/download/mixed_ponds." + ext)
                   for ext in ("gpkg", "shp.zip", "kml", "geojson", "csv", "fgb")}
        for ext, answer in answers.items():
            self.assertEqual(answer.status, 200, f"{ext}: {answer.body[:300]!r}")
        self.assertEqual(sorted(kinds_in_geojson(answers["geojson"].body), key=str), want)
        self.assertEqual(sorted(kinds_in_csv(answers["csv"].body), key=str), want)
        self.assertEqual(sorted(kinds_in_kml(answers["kml"].body), key=str), want)
        with tempfile.TemporaryDirectory() as directory:
            kinds, declared = kinds_in_gpkg(answers["gpkg"].body, directory)
        self.assertEqual(sorted(kinds, key=str), want)
        self.assertEqual(declared, "GEOMETRY")
        kinds, layer_type = kinds_in_flatgeobuf(answers["fgb"].body)
        self.assertEqual(sorted(kinds, key=str), want)
        self.assertEqual(layer_type, 0, "FlatGeobuf's Unknown: any geometry")
        with zipfile.ZipFile(io.BytesIO(answers["shp.zip"].body)) as z:
            names = z.namelist()
            stems = [n[:-len("_point.shp")] for n in names if n.endswith("_point.shp")]
            self.assertEqual(len(stems), 1, names)
            self.assertNotIn(stems[0] + ".shp", names)
            self.assertIn(stems[0] + ".fields.csv", names)
            for kind, shape in (("point", 1), ("polygon", 5)):
                shp, shx = z.read(f"{stems[0]}_{kind}.shp"), z.read(f"{stems[0]}_{kind}.shx")
                kinds, file_type = kinds_in_shapefile(shp, shx)
                self.assertEqual(file_type, shape, kind)
                self.assertEqual(kinds, [kind] * want.count(kind), kind)
        self.assertProblem(request("main", "GET", "/download/mixed_ponds.csv?geometry=xy"), 400)


if __name__ == "__main__":
    unittest.main()
