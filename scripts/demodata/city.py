"""The city being generated: seed, scale, random streams and what the layers made so far."""

import random

import numpy as np

from .projection import Proj


class City:
    """Shared state of one run. `layers` maps a layer name to its rows, (properties, shapely
    geometry in lon/lat); enterprises and farmland are kept as arrays instead (enterprises,
    farmland) and written by geopackage.py. The other attributes are what later layers
    read, set by the module named beside them."""

    def __init__(self, seed, scale):
        self.seed = seed
        self.scale = scale
        self.proj = Proj()
        self.layers = {}   # name -> list of (props dict, shapely geometry in lon/lat)
        # base_data.py
        self.outline_ll = self.outline_m = None
        self.seats = None               # [(name, kind, lon, lat)]
        self.town_seats_m = None        # town name -> (x, y)
        self.townships_ll = None        # townships.py: [(name, polygon)]
        self.terrain_ll = self.terrain_m = None    # terrain.py: plain/hill/mountain -> polygon
        self.built_up_m = self.parks_m = None      # built_up.py
        self.rivers_m = None            # rivers.py: name -> line
        self.zones_m = self.reservoir_m = None     # protection_zones.py: source -> {tier: polygon}
        self.plots_m = None             # polluted_plots.py: [(name, role, polygon)]
        self.tailings_m = None          # tailings_ponds.py: [(name, polygon)]
        self.farm_free_m = self.enterprises = self.smelters_m = None  # enterprises.py
        self.farmland = None            # farmland.py

    def rng(self, k):
        return np.random.default_rng([self.seed, k])

    def pyrng(self, k):
        return random.Random(self.seed * 1000 + k)

    def m(self, lon, lat):
        return self.proj.pt_m(lon, lat)
