#pragma once
// A small city in the domain schema, drawn in EPSG:4547 metres so that every distance and
// overlap the rules find is known by construction, with the repository's rules.yaml.
// Coordinates below are offsets from (kX0, kY0); see domain_city.cpp for the map. The unit
// tests (DomainFixture) and the fuzz targets (fuzz/) load it.
#include "catalog/catalog.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

namespace onemap::testing {

inline constexpr double kX0 = 372000;   // easting near 112.6°E in the 114°E zone
inline constexpr double kY0 = 3885000;  // northing near 35.1°N

// A rectangle in fixture offsets as WKT in EPSG:4547.
std::string rect_wkt(double x0, double y0, double x1, double y1);
std::string point_wkt(double x, double y);
// The same rectangle as a GeoJSON Polygon in EPSG:4547 (x = easting).
nlohmann::json rect_geojson(double x0, double y0, double x1, double y1);

// Writes the small city (every layer of the domain schema) into the GeoPackage.
void write_city(const std::filesystem::path& gpkg);
// A catalog of the city's layers read from `gpkg`, with the repository's rules.yaml.
catalog::Catalog city_catalog(const std::filesystem::path& gpkg);

}  // namespace onemap::testing
