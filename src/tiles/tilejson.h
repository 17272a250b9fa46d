#pragma once
// TileJSON 3.0.0 documents, which web maps (MapLibre, OpenLayers, QGIS) read to find the tile
// URL, the zoom range, the extent and each layer's attributes.
#include "store/layer.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace onemap::tiles {

// The TileJSON of `layers` served together, one vector_layers entry each, with `tiles_url` the
// absolute {z}/{x}/{y} URL template. The attribution joins each layer's credit (its own, else
// `default_attribution`, the catalog's), each once.
nlohmann::json tilejson(const std::vector<const store::Layer*>& layers, const std::string& tiles_url,
                        const std::string& default_attribution);

}  // namespace onemap::tiles
