#pragma once
// A township's offline package, one zip for QField and QGIS: `data.gpkg` (every layer cut to the
// township, a table per layer named by its id, each layer's symbology in the QGIS `layer_styles`
// table), `basemap.mbtiles` (the township's vector tiles, all layers together) and
// `township.qgs` (a QGIS project opening data.gpkg's layers by their titles, styled, polygons
// under lines under points; a layer of several geometry kinds opened as a QGIS layer per kind).
#include "export/qml_style.h"
#include "geo/geometry.h"
#include "store/layer.h"

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace onemap::exports {

struct PackageLayer {
  const store::Layer* layer = nullptr;
  // The style layers the web map draws it with (qml_renderer's input), made a renderer per kind.
  nlohmann::json style_layers = nlohmann::json::array();
};

struct PackageSpec {
  std::string township;                   // its name: the project's title
  std::optional<geo::GeometryView> area;  // CRS84 polygon the layers are cut to
  std::vector<PackageLayer> layers;       // in catalog order
  int min_zoom = 10, max_zoom = 16;       // the base map's zooms
  std::size_t max_tiles = 20000;          // above it the base map's top zoom is lowered
};

struct PackageSummary {
  std::size_t features = 0;
  std::size_t tiles = 0;  // non-empty tiles written
  int max_zoom = 0;       // the base map's top zoom after bounding
};

// Zoom levels min_zoom..max_zoom of the tiles covering `box` (CRS84): how many tiles.
std::size_t tiles_covering(const geo::Envelope& box, int min_zoom, int max_zoom);

// Writes the zip to `result`, its parts in `work_dir` (an empty directory). The current job may
// stop it between features and tiles. Throws ExportError when GDAL or SQLite fail.
PackageSummary write_township_package(const PackageSpec& spec, const std::filesystem::path& work_dir,
                                      const std::filesystem::path& result);

}  // namespace onemap::exports
