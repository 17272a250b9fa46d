"""A whole city, layer by layer, in the order they depend on one another."""

from . import (base_data, built_up, enterprises, farmland, polluted_plots, protection_zones, rivers,
               tailings_ponds, terrain, townships, water_sections)
from .city import City


def build(seed, scale):
    city = City(seed, scale)
    base_data.load_base(city)
    townships.make_townships(city)
    terrain.make_terrain(city)
    built_up.make_built_up(city)
    rivers.make_rivers(city)
    water_sections.make_sections(city)
    protection_zones.make_zones(city)
    polluted_plots.make_plots(city)
    tailings_ponds.make_tailings(city)
    enterprises.make_enterprises(city)
    farmland.make_farmland(city)
    check_geometries(city)
    return city


def check_geometries(city):
    """Every polygon must be valid in lon/lat AND after projection to EPSG:4547."""
    for name, rows in city.layers.items():
        for i, (_, g) in enumerate(rows, start=1):
            if g.geom_type not in ("Polygon", "MultiPolygon"):
                continue
            if not g.is_valid or not city.proj.geom_to_m(g).is_valid:
                raise RuntimeError("%s fid %d is invalid (in EPSG:4490 or EPSG:4547)" % (name, i))
