#pragma once
#include <nlohmann/json.hpp>

namespace onemap::api {

// The OpenAPI path of the glyph route (/fonts/{fontstack}/{range}.pbf), tagged "Tiles": the map
// client fetches glyphs beside the tiles.
nlohmann::json fonts_openapi_paths();

}  // namespace onemap::api
