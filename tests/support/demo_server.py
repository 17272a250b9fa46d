"""The real onemap binary serving the demo catalog on a free port, for the Python tests
(standard library only). ONEMAP_BINARY names the binary; default build/src/onemap."""
import os
import re
import subprocess
import tempfile
import time
import unittest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.environ.get("ONEMAP_BINARY", os.path.join(REPO, "build", "src", "onemap"))
CONFIG = os.path.join(REPO, "onemap.yaml")
DEMO = os.path.join(REPO, "data", "demo", "jiyuan.gpkg")


class DemoServer:
    """start() returns the base URL the server prints ("OneMap listening on …"); stop() ends it.
    `config`: another onemap.yaml (see demo_config); default the repository's."""

    def __init__(self, config=CONFIG):
        self.config = config

    def start(self, timeout=120):
        if not os.path.exists(DEMO):
            raise unittest.SkipTest("no demo data: run scripts/demo-data.sh first")
        self.log = tempfile.TemporaryFile()
        self.process = subprocess.Popen([BINARY, "serve", "--config", self.config, "--port", "0"],
                                        stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + timeout
        while time.time() < deadline and self.process.poll() is None:
            self.log.seek(0)
            found = re.search(rb"OneMap listening on (http://[^/\s]+)/", self.log.read())
            if found:
                return found.group(1).decode()
            time.sleep(0.1)
        self.log.seek(0)
        output = self.log.read().decode("utf-8", "replace")[-2000:]
        self.process.kill()
        self.log.close()
        raise RuntimeError("onemap did not start:\n" + output)

    def output(self):
        """What the server has logged so far."""
        self.log.seek(0)
        return self.log.read().decode("utf-8", "replace")

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def restricted_layers(directory, roles):
    """Copies the demo's layer files into directory/layers (sources made absolute), giving the
    layers named in `roles` ({layer id: [role, …]}) those roles; returns the folder."""
    layers = os.path.join(directory, "layers")
    os.makedirs(layers)
    for name in sorted(os.listdir(os.path.join(REPO, "layers"))):
        with open(os.path.join(REPO, "layers", name), encoding="utf-8") as f:
            text = f.read()
        text = re.sub(r"^source: (?!PG:)(.*)$",
                      lambda m: "source: " + os.path.normpath(os.path.join(REPO, "layers", m.group(1))),
                      text, flags=re.M)
        layer_id = re.search(r"^id: (\S+)", text, flags=re.M).group(1)
        if layer_id in roles:
            text += "\nroles: [" + ", ".join(roles[layer_id]) + "]\n"
        with open(os.path.join(layers, name), "w", encoding="utf-8") as f:
            f.write(text)
    return layers


def demo_config(directory, server_settings, roles=None, extra_layers=None):
    """Writes directory/onemap.yaml: the demo catalog (its layers, styles, web map and rules, by
    absolute path) with these server settings (a dict, written as YAML flow text); returns its path.
    `roles`: {layer id: [role, …]} restricts those layers (keys go in directory/keys.yaml).
    `extra_layers`: {file name: YAML text} of layers added to the demo's."""
    settings = ", ".join(f"{key}: {value}" for key, value in server_settings.items())
    path = os.path.join(directory, "onemap.yaml")
    catalog = restricted_layers(directory, roles or {}) if roles or extra_layers else os.path.join(REPO, "layers")
    for name, text in (extra_layers or {}).items():
        with open(os.path.join(catalog, name), "w", encoding="utf-8") as f:
            f.write(text)
    with open(path, "w", encoding="utf-8") as out:
        out.write(f"""title: OneMap test
catalog: {catalog}
styles: {os.path.join(REPO, "styles")}
web: {os.path.join(REPO, "web")}
rules: {os.path.join(REPO, "rules.yaml")}
analysis_crs: EPSG:4547
server: {{bind: 127.0.0.1, {settings}}}
""")
    return path
