"""The illustrative Jiyuan demo data for OneMap, one module per layer or family of layers.

scripts/make-demo-data.py runs it (cli.main). build.build() makes a City (city.py) and has
each layer module add its features in a fixed order, every one reading what the layers
before it left on the city (the outline, rivers, zones ...); geopackage.write_gpkg() writes
the result. Shared helpers: projection.py (EPSG:4490 <-> EPSG:4547), geometry.py (smooth
curves, blobs, parts of geometries), sampling.py (random points and exact shares).

Each layer draws from its own random stream (City.rng(k) with a fixed k), so a change to one
layer leaves the others as they were.
"""

from osgeo import gdal, ogr, osr

gdal.UseExceptions()
ogr.UseExceptions()
osr.UseExceptions()
