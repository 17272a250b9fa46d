#!/usr/bin/env python3
"""Writes a OneMap configuration directory: the demo catalog (onemap.yaml, layers/*.yaml) with
every layer read from PostGIS — `source: PG:…`, `source_layer: SCHEMA.<table>` — as
`scripts/postgis.sh load-demo SCHEMA` leaves it. Styles, the web map and rules.yaml are named by
absolute path, so OUTDIR may be anywhere. Used by scripts/cluster.sh (every replica reads the
same directory) and tests/integration/test_cluster.py (which also writes, with --file, the
file-backed twin it compares the cluster with: the same catalog, only the source differs).
--roles LAYER=ROLE[,ROLE] restricts a layer to those roles (`roles: [...]` in its layer file).

  scripts/pg-config.py OUTDIR [--schema onemap] [--dsn PG:…] [--public-url URL]
                              [--trusted-proxy ADDR]... [--roles LAYER=ROLE[,ROLE]]... [--file GPKG]
Standard library only."""
import argparse
import glob
import os
import re
import shutil
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def write(path, text):
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def default_dsn():
    """The DSN of scripts/postgis.sh (it honours ONEMAP_PG_PORT): one place says what it is."""
    return subprocess.run([os.path.join(REPO, "scripts", "postgis.sh"), "dsn"], check=True,
                          capture_output=True, text=True).stdout.strip()


def yaml_string(text):
    """A double-quoted YAML scalar (a DSN holds '=' and spaces; a path may hold anything)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def layer_yaml(text, source, schema):
    """The repository's layer file with its source replaced: PG (schema-qualified table) or file."""
    text = re.sub(r"^source: .*$", lambda _: "source: " + yaml_string(source), text, count=1, flags=re.M)
    if schema:
        text = re.sub(r"^source_layer: *(\S+)\s*$", lambda m: f"source_layer: {schema}.{m.group(1)}",
                      text, count=1, flags=re.M)
    return text


def restrict(text, roles):
    """The layer file with `roles: [...]` (replacing a roles line it has, else appended)."""
    line = "roles: [" + ", ".join(yaml_string(r) for r in roles) + "]"
    text, n = re.subn(r"^roles:.*$", lambda _: line, text, count=1, flags=re.M)
    return text if n else text.rstrip("\n") + "\n" + line + "\n"


def parse_roles(specs, layer_ids):
    """--roles LAYER=ROLE[,ROLE] options as {layer: [roles]}."""
    out = {}
    for spec in specs:
        layer, _, roles = spec.partition("=")
        names = [r.strip() for r in roles.split(",") if r.strip()]
        if layer not in layer_ids or not names:
            sys.exit(f"pg-config: --roles {spec}: LAYER=ROLE[,ROLE] with LAYER one of {', '.join(sorted(layer_ids))}")
        out[layer] = names
    return out


def server_yaml(text, public_url, proxies):
    """The repository's onemap.yaml with absolute styles/web/rules and the given public_url and
    trusted_proxies in place of the commented examples under `server:`."""
    for key in ("styles", "web", "rules"):
        text = re.sub(rf"^{key}: \S+", lambda _, k=key: f"{k}: " + yaml_string(os.path.join(REPO, read_key(text, k))),
                      text, count=1, flags=re.M)
    if public_url:
        text, n = re.subn(r"^  # public_url: .*$", lambda _: "  public_url: " + yaml_string(public_url),
                          text, count=1, flags=re.M)
        if n != 1:
            sys.exit("pg-config: onemap.yaml has no '# public_url:' line under server: to replace")
    if proxies:
        text, n = re.subn(r"^  # trusted_proxies: .*$",
                          lambda _: "  trusted_proxies: [" + ", ".join(yaml_string(p) for p in proxies) + "]",
                          text, count=1, flags=re.M)
        if n != 1:
            sys.exit("pg-config: onemap.yaml has no '# trusted_proxies:' line under server: to replace")
    return text


def read_key(text, key):
    return re.search(rf"^{key}: (\S+)", text, flags=re.M).group(1)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("outdir")
    p.add_argument("--schema", default="onemap", help="PostGIS schema of the tables (default onemap)")
    p.add_argument("--dsn", help="GDAL PG: connection string (default: scripts/postgis.sh dsn)")
    p.add_argument("--file", help="write the file-backed twin instead: every layer reads this GDAL file")
    p.add_argument("--public-url", help="server.public_url (the address clients use, e.g. nginx's)")
    p.add_argument("--trusted-proxy", action="append", default=[], help="server.trusted_proxies entry (repeat)")
    p.add_argument("--roles", action="append", default=[], metavar="LAYER=ROLE[,ROLE]",
                   help="only these roles see LAYER (repeat for other layers)")
    args = p.parse_args()
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", args.schema):
        sys.exit(f"pg-config: bad schema name '{args.schema}'")

    if args.file:
        source, schema = os.path.abspath(args.file), None
    else:
        source, schema = args.dsn or default_dsn(), args.schema
        if not source.startswith("PG:"):
            sys.exit("pg-config: --dsn must start with PG:")

    sources = sorted(glob.glob(os.path.join(REPO, "layers", "*.yaml")))
    restricted = parse_roles(args.roles, {os.path.basename(p)[:-len(".yaml")] for p in sources})
    layers = os.path.join(args.outdir, "layers")
    if os.path.isdir(layers):
        shutil.rmtree(layers)  # a layer removed from the repository must not linger here
    os.makedirs(layers)
    for path in sources:
        text = layer_yaml(read(path), source, schema)
        layer_id = os.path.basename(path)[:-len(".yaml")]
        if layer_id in restricted:
            text = restrict(text, restricted[layer_id])
        write(os.path.join(layers, os.path.basename(path)), text)
    config = os.path.join(args.outdir, "onemap.yaml")
    write(config, server_yaml(read(os.path.join(REPO, "onemap.yaml")), args.public_url, args.trusted_proxy))
    print(config)


if __name__ == "__main__":
    main()
