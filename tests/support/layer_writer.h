#pragma once
// Layers with any columns and any geometry, for tests that need the domain schema or dirty
// input (fixtures.h writes a fixed test schema).
#include <ogr_core.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace onemap::testing {

// Typed columns ('s' text, 'b' boolean, 'i' integer, 'r' real, 'd' date, 't' date-time) and rows
// of WKT ("" for a null geometry) plus values in column order ("" is null; dates as ISO 8601).
struct LayerRows {
  std::string name;
  std::vector<std::pair<std::string, char>> columns;
  std::vector<std::pair<std::string, std::vector<std::string>>> rows;
  OGRwkbGeometryType geometry_type = wkbUnknown;  // what the layer declares
};

// Writes the layer to the GeoPackage (created or appended to); WKT is x = east in `epsg`.
void write_layer(const std::filesystem::path& gpkg, int epsg, const LayerRows& layer);

// Writes the layer with any GDAL vector driver ("ESRI Shapefile", "GPKG", …) into a new file;
// epsg 0 writes it without any CRS.
void write_layer_with(const std::string& driver, const std::filesystem::path& file, int epsg, const LayerRows& layer);

}  // namespace onemap::testing
