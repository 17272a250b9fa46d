#pragma once
// Test data made on the spot with GDAL, so every expected answer is known by construction.
#include "geo/gdal_handles.h"

#include <filesystem>
#include <string>
#include <vector>

namespace onemap::testing {

// A fresh temporary directory, removed when the object dies.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

struct FixtureFeature {
  std::string wkt;
  std::string name;   // string field "name"
  int count = 0;      // integer field "count"
  bool flag = false;  // boolean field "flag"
  double ratio = 0;   // real field "ratio"
  std::string date;   // date field "sampled_at" (YYYY-MM-DD); empty = null
};

// Writes one layer to a GeoPackage (created or appended to) in the given EPSG CRS.
void write_gpkg_layer(const std::filesystem::path& file, const std::string& layer, int epsg,
                      const std::vector<FixtureFeature>& features);

// Creates layer `name` in the GeoPackage (created or opened for update) in EPSG `epsg`, with
// WKT to be read x = east, declaring `type`. The dataset must outlive the layer: it is returned
// alongside.
struct NewLayer {
  geo::GdalDatasetPtr dataset;
  OGRLayer* layer;
};
NewLayer create_gpkg_layer(const std::filesystem::path& file, const std::string& name, int epsg,
                           OGRwkbGeometryType type = wkbUnknown);

void write_text(const std::filesystem::path& file, const std::string& text);

// The CatalogError message of loading onemap.yaml at `config`; empty when it loads.
std::string catalog_load_error(const std::filesystem::path& config);

}  // namespace onemap::testing
