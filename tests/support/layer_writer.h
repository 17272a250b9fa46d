#pragma once
// GeoPackage layers with any columns, for tests that need the domain schema (fixtures.h writes
// a fixed test schema).
#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace onemap::testing {

// Typed columns ('s' text, 'b' boolean, 'i' integer, 'r' real) and rows of WKT plus values in
// column order ("" is null).
struct LayerRows {
  std::string name;
  std::vector<std::pair<std::string, char>> columns;
  std::vector<std::pair<std::string, std::vector<std::string>>> rows;
};

// Writes the layer to the GeoPackage (created or appended to); WKT is x = east in `epsg`.
void write_layer(const std::filesystem::path& gpkg, int epsg, const LayerRows& layer);

}  // namespace onemap::testing
