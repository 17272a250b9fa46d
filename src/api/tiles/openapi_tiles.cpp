// The OpenAPI operations of the vector tile routes: XYZ tiles and TileJSON (/tiles/…) and, per
// collection, OGC API – Tiles (tilesets list, WebMercatorQuad tileset, tiles).
#include "api/openapi_operations.h"
#include "tiles/tile_id.h"

namespace onemap::api::doc {
namespace {

const std::string kMaxZoom = std::to_string(tiles::kMaxZoom);

json integer_in_path(const std::string& name, const std::string& description) {
  return path_parameter(name, description, {{"type", "integer"}, {"minimum", 0}});
}

json layers_in_path() {
  json layers =
      path_parameter("layers", "One layer id or several, separated by commas (one MVT layer each, in this order).",
                     {{"type", "array"}, {"items", {{"type", "string"}}}});
  layers["style"] = "simple";
  layers["explode"] = false;
  return layers;
}

json tile_matrix_set() {
  return path_parameter("tileMatrixSetId", "The tile matrix set.", {{"type", "string"}, {"enum", {"WebMercatorQuad"}}});
}

// 200 with the tile, 204 for an empty one, 304 for a matching If-None-Match.
json tile_responses() {
  return {{"200", body("The tile (Mapbox Vector Tile 2.1, one layer per requested layer), with a strong ETag.",
                       binary(), {"application/vnd.mapbox-vector-tile"})},
          {"204", {{"description", "The tile has no features (or the layers are not shown at this zoom level)."}}},
          {"304", {{"description", "The tile is unchanged since the ETag given in If-None-Match."}}},
          {"400", problem()},
          {"404", problem()}};
}

json json_ok(const std::string& description) {
  return {{"200", body(description, {{"type", "object"}})}, {"400", problem()}, {"404", problem()}};
}

}  // namespace

json xyz_tile(const DocScope&) {
  return {{"parameters",
           {layers_in_path(), integer_in_path("z", "Zoom level, 0–" + kMaxZoom + "."),
            integer_in_path("x", "Column, 0 to 2^z − 1, west to east."),
            integer_in_path("y", "Row, 0 to 2^z − 1, north to south.")}},
          {"responses", tile_responses()}};
}

json tilejson(const DocScope&) {
  return {{"parameters", {layers_in_path()}},
          {"responses", json_ok("TileJSON: tile URL template, zoom range, bounds, vector_layers.")}};
}

json collection_tilesets(const DocScope&) {
  return {{"parameters", json::array()}, {"responses", json_ok("The tilesets of the collection.")}};
}

json collection_tileset(const DocScope&) {
  return {{"parameters", {tile_matrix_set()}},
          {"responses", json_ok("The tileset: tile matrix set, limits, layers and the tile URL template.")}};
}

json collection_tile(const DocScope&) {
  json f = query_parameter("f", "The tile's format.", {{"type", "string"}, {"enum", {"mvt"}}});
  return {{"parameters",
           {tile_matrix_set(), integer_in_path("tileMatrix", "Zoom level, 0–" + kMaxZoom + "."),
            integer_in_path("tileRow", "Row (XYZ y)."), integer_in_path("tileCol", "Column (XYZ x)."), f}},
          {"responses", tile_responses()}};
}

}  // namespace onemap::api::doc
