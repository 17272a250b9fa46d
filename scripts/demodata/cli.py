"""The command line of scripts/make-demo-data.py."""

import argparse
import os

from .base_data import REPO
from .build import build
from .geopackage import write_gpkg
from .log import log

DEFAULT_OUTPUT = os.path.join(REPO, "data", "demo", "jiyuan.gpkg")
DEFAULT_SEED = 20211


def main(argv=None):
    ap = argparse.ArgumentParser(description="Build the illustrative Jiyuan demo GeoPackage.")
    ap.add_argument("--output", default=DEFAULT_OUTPUT, help="output GeoPackage (default %(default)s)")
    ap.add_argument("--seed", type=int, default=DEFAULT_SEED, help="random seed (default %(default)s)")
    ap.add_argument("--scale", type=float, default=1.0,
                    help="multiplies farmland parcels and enterprises (default %(default)s)")
    args = ap.parse_args(argv)
    if args.scale <= 0:
        ap.error("--scale must be positive")
    city = build(args.seed, args.scale)
    write_gpkg(city, args.output)
    log("done: %s" % args.output)
