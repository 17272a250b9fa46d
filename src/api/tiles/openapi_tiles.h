#pragma once
#include "store/snapshot.h"

#include <nlohmann/json.hpp>

namespace onemap::api {

// The OpenAPI paths of the vector tile routes: XYZ tiles and TileJSON (/tiles/…) and, per
// collection, OGC API – Tiles (tilesets list, WebMercatorQuad tileset, tiles). Self-contained:
// schemas inline, errors via #/components/responses/Problem; operations tagged "Tiles".
nlohmann::json tiles_openapi_paths(const std::vector<const store::Layer*>& visible);

}  // namespace onemap::api
