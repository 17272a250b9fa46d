"""OGC API - Processes Part 1 (OGC 18-062r2) asynchronous execution, as a client written from
the standard's own examples would see it: the execute request {"inputs": {...}} with
"Prefer: respond-async", 201 with a Location, polling GET /jobs/{jobId} until a final status,
then GET /jobs/{jobId}/results; the job list and dismissal (DELETE /jobs/{jobId}). The test runs
anonymously, so it follows the URLs the server hands out (the Location, the status's links): an
anonymous job is seen only with the job token those carry (job_token=).

Starts the real onemap binary on the demo data (run scripts/demo-data.sh first) on a free port.
Run from the repository root:
    ONEMAP_BINARY=build/src/onemap /usr/bin/python3 -m unittest -v tests/conformance/test_processes_jobs.py

Standard library only (urllib, json).
"""

import json
import os
import sys
import time
import unittest
import urllib.error
import urllib.parse
import urllib.request

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "support"))
from demo_server import DemoServer  # noqa: E402

CONF = "http://www.opengis.net/spec/ogcapi-processes-1/1.0/conf/"
EXCEPTIONS = "http://www.opengis.net/def/exceptions/ogcapi-processes-1/1.0/"
RESULTS_REL = "http://www.opengis.net/def/rel/ogc/1.0/results"
FINAL = {"successful", "failed", "dismissed"}

# No proxy from the environment: the server is on loopback.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def sub_resource(url, suffix):
    """The URL with `suffix` after its path, its query kept (/jobs/{id}?q → /jobs/{id}/results?q)."""
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path=parts.path + suffix))


def link(status, rel):
    hrefs = [entry["href"] for entry in status["links"] if entry["rel"] == rel]
    return hrefs[0] if len(hrefs) == 1 else None


class Answer:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def json(self):
        return json.loads(self.body.decode("utf-8"))


def call(method, url, body=None, headers=None):
    data = json.dumps(body).encode("utf-8") if body is not None else None
    request = urllib.request.Request(url, data=data, method=method, headers=dict(headers or {}))
    if data is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with OPENER.open(request, timeout=120) as response:
            return Answer(response.status, response.headers, response.read())
    except urllib.error.HTTPError as error:
        return Answer(error.code, error.headers, error.read())


class ProcessesJobsConformance(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.server = DemoServer()
        cls.base = cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()

    def execute_async(self, process, inputs):
        # OGC 18-062r2, 7.11 "Create a job": the execute request with Prefer: respond-async.
        answer = call("POST", self.base + "/processes/" + process + "/execution", {"inputs": inputs},
                      {"Prefer": "respond-async", "Accept": "application/json"})
        self.assertEqual(answer.status, 201, answer.body[:500])
        self.assertEqual(answer.headers.get("Preference-Applied"), "respond-async")
        location = answer.headers.get("Location")
        status = answer.json()
        self.assertEqual(urllib.parse.urlsplit(location).path, "/jobs/" + status["jobID"])
        self.assertTrue(location.startswith(self.base + "/jobs/"), location)
        self.assertEqual(link(status, "self"), location)
        self.assertEqual(status["type"], "process")
        self.assertIn(status["status"], {"accepted", "running", "successful"})
        return location, status

    def poll(self, location):
        # 7.12 "Retrieve status information about a job": poll until a final status.
        statuses = []
        deadline = time.time() + 300
        while time.time() < deadline:
            answer = call("GET", location)
            self.assertEqual(answer.status, 200, answer.body[:500])
            self.assertTrue(answer.headers.get("Content-Type", "").startswith("application/json"))
            status = answer.json()
            for key in ("jobID", "status", "type", "links"):
                self.assertIn(key, status)
            statuses.append(status)
            if status["status"] in FINAL:
                return statuses
            time.sleep(0.05)
        self.fail("the job did not finish: " + json.dumps(statuses[-1]))

    def test_conformance_lists_job_list_and_dismiss(self):
        answer = call("GET", self.base + "/conformance")
        self.assertEqual(answer.status, 200)
        classes = set(answer.json()["conformsTo"])
        for c in ("core", "job-list", "dismiss", "json", "ogc-process-description"):
            self.assertIn(CONF + c, classes)
        description = call("GET", self.base + "/processes/screening").json()
        self.assertIn("async-execute", description["jobControlOptions"])
        self.assertIn("dismiss", description["jobControlOptions"])

    def test_screening_job_from_start_to_results(self):
        inputs = {"rules": ["R1", "R9", "R10"]}
        location, _ = self.execute_async("screening", inputs)
        statuses = self.poll(location)
        final = statuses[-1]
        self.assertEqual(final["status"], "successful", json.dumps(final))
        progress = [s["progress"] for s in statuses if "progress" in s]
        self.assertEqual(progress, sorted(progress), "progress went backwards")
        self.assertTrue(all(0 <= p <= 100 for p in progress))
        self.assertEqual(final["progress"], 100)
        for key in ("created", "finished", "updated"):
            self.assertRegex(final[key], r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$")
        results_url = link(final, RESULTS_REL)
        self.assertEqual(results_url, sub_resource(location, "/results"))

        # 7.13 "Retrieve job results".
        results = call("GET", results_url)
        self.assertEqual(results.status, 200)
        self.assertEqual(results.headers.get("Content-Type"), "application/geo+json")
        collection = json.loads(results.body)
        self.assertEqual(collection["type"], "FeatureCollection")
        self.assertEqual({f["properties"]["rule"] for f in collection["features"]} - set(inputs["rules"]), set())
        # The very bytes of the synchronous execution.
        sync = call("POST", self.base + "/processes/screening/execution", {"inputs": inputs})
        self.assertEqual(sync.status, 200)
        self.assertEqual(sync.body, results.body)
        etag = results.headers.get("ETag")
        self.assertTrue(etag and etag.startswith('"'))
        self.assertEqual(call("GET", results_url, headers={"If-None-Match": etag}).status, 304)

        # The job list (conformance class job-list), as the status's "up" link gives it, holds it.
        listed = call("GET", link(final, "up"))
        self.assertEqual(listed.status, 200)
        self.assertIn(final["jobID"], [j["jobID"] for j in listed.json()["jobs"]])

        # Another anonymous caller, without the token, finds nothing.
        bare = self.base + "/jobs/" + final["jobID"]
        for url in (bare, bare + "/results"):
            self.assertEqual(call("GET", url).status, 404, url)
        self.assertEqual(call("DELETE", bare).status, 404)
        self.assertNotIn(final["jobID"], [j["jobID"] for j in call("GET", self.base + "/jobs").json()["jobs"]])

    def test_dismiss(self):
        location, _ = self.execute_async("screening", {})
        answer = call("DELETE", location)
        self.assertEqual(answer.status, 200, answer.body[:500])
        self.assertEqual(answer.json()["status"], "dismissed")
        status = call("GET", location)
        self.assertIn(status.status, (200, 404))
        if status.status == 200:
            self.assertEqual(status.json()["status"], "dismissed")
        results = call("GET", sub_resource(location, "/results"))
        self.assertEqual(results.status, 404)
        self.assertEqual(results.json()["type"], EXCEPTIONS + "no-such-job")

    def test_unknown_job(self):
        for path in ("/jobs/no-such-job-here", "/jobs/no-such-job-here/results"):
            answer = call("GET", self.base + path)
            self.assertEqual(answer.status, 404)
            self.assertEqual(answer.json()["type"], EXCEPTIONS + "no-such-job")

    def test_bad_input_is_refused_at_once(self):
        answer = call("POST", self.base + "/processes/screening/execution", {"inputs": {"rules": ["R99"]}},
                      {"Prefer": "respond-async"})
        self.assertEqual(answer.status, 400)


if __name__ == "__main__":
    unittest.main()
