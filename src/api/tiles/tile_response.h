#pragma once
// What the XYZ and the OGC API – Tiles routes share: reading a tile address and a layer list
// from the path, and answering with the tile from the cache (or freshly rendered) with its
// ETag (http/cached_body), its caching headers, and a 204 when the tile is empty.
#include "api/request_context.h"
#include "tiles/tile_id.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace onemap::api {

struct TileLayers {
  std::vector<const store::Layer*> layers;
  std::string key;  // the ids joined by commas: the cache key and the TileJSON URL
};

// "a" or "a,b,c": unknown ids are a NotFound, empty or repeated ids a BadRequest.
TileLayers tile_layers(const RequestContext& ctx, const std::string& list);

// z, x and y as decimal numbers within WebMercatorQuad (z ≤ 24, x and y < 2^z); a BadRequest
// otherwise, naming the parameter.
tiles::TileId parse_tile_id(const std::string& z, const std::string& x, const std::string& y);

http::Response tile_response(const RequestContext& ctx, const TileLayers& layers, const tiles::TileId& tile);

}  // namespace onemap::api
