"""EPSG:4490 lon/lat, as stored, and EPSG:4547 metres, where areas and distances are worked out."""

import numpy as np
from osgeo import osr
from shapely.ops import transform


class Proj:
    """EPSG:4490 (lon/lat) <-> EPSG:4547 (metres), both in traditional GIS order."""

    def __init__(self):
        self.srs_ll = osr.SpatialReference()
        self.srs_ll.ImportFromEPSG(4490)
        self.srs_m = osr.SpatialReference()
        self.srs_m.ImportFromEPSG(4547)
        for s in (self.srs_ll, self.srs_m):
            s.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
        self._fwd = osr.CoordinateTransformation(self.srs_ll, self.srs_m)
        self._inv = osr.CoordinateTransformation(self.srs_m, self.srs_ll)

    @staticmethod
    def _run(ct, x, y):
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        shp = x.shape
        xf, yf = x.ravel(), y.ravel()
        if xf.size == 0:
            return x.copy(), y.copy()
        ox = np.empty_like(xf)
        oy = np.empty_like(yf)
        step = 400000
        for i in range(0, xf.size, step):
            out = np.asarray(ct.TransformPoints(np.column_stack([xf[i:i + step], yf[i:i + step]])))
            ox[i:i + step] = out[:, 0]
            oy[i:i + step] = out[:, 1]
        return ox.reshape(shp), oy.reshape(shp)

    def to_m(self, lon, lat):
        return self._run(self._fwd, lon, lat)

    def to_ll(self, x, y):
        return self._run(self._inv, x, y)

    def pt_m(self, lon, lat):
        x, y = self.to_m([lon], [lat])
        return float(x[0]), float(y[0])

    def geom_to_m(self, g):
        return transform(lambda x, y, z=None: self.to_m(x, y), g)

    def geom_to_ll(self, g):
        return transform(lambda x, y, z=None: self.to_ll(x, y), g)
