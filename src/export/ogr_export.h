#pragma once
// A selection of a layer written to a file with GDAL (GeoPackage, Shapefile in a zip, KML,
// GeoJSON, CSV, FlatGeobuf), feature by feature straight from the in-memory layer: no second
// copy of the layer is made, only one feature's OGR form at a time. Every feature keeps its
// geometry: a layer of several geometry kinds is one layer of any geometry, or a file per kind in
// a Shapefile's zip (geometry_parts.h).
#include "export/formats.h"
#include "geo/crs.h"
#include "store/layer.h"

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

namespace onemap::query {
class AreaClipper;
}

namespace onemap::exports {

// GDAL refused to write; the message says what and why. A server fault, not the client's.
class ExportError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

enum class CsvGeometry { Wkt, Xy };  // a WKT column, or X and Y columns (points only)

struct ExportSpec {
  const Format* format = nullptr;
  // The file's CRS. Coordinates are written x = east/longitude whatever the CRS's authority
  // order (traditional GIS order, as files and desktop GIS keep them).
  geo::Crs crs = geo::kCrs84;
  bool analysis_crs = false;  // crs is the snapshot's analysis CRS: metric geometries go out as they are
  CsvGeometry csv_geometry = CsvGeometry::Wkt;
  const query::AreaClipper* clip = nullptr;  // cuts CRS84 geometries to a township; null: whole features
  // The download's name without extension; a Shapefile's parts are called so in the zip, or
  // {name}_point, {name}_polygon, … for a layer of several kinds.
  std::string name;
  // GeoPackage only: write into `result` directly, adding the layer when the file exists already
  // (several layers in one GeoPackage, as a township's package holds them).
  bool add_to_result = false;
};

// Writes the features `ids` of `layer` to `result` (GDAL's side files go in `work_dir`, an
// empty directory) and returns how many were written. The current job may stop it between
// features (util::checkpoint). Throws ExportError when GDAL fails.
std::size_t write_export(const store::Layer& layer, const std::vector<std::uint32_t>& ids, const ExportSpec& spec,
                         const std::filesystem::path& work_dir, const std::filesystem::path& result);

}  // namespace onemap::exports
