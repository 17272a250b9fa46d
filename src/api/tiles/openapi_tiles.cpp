#include "api/tiles/openapi_tiles.h"

#include "tiles/tile_id.h"

namespace onemap::api {
namespace {

using nlohmann::json;

json problem() { return {{"$ref", "#/components/responses/Problem"}}; }

json integer_in_path(const std::string& name, const std::string& description) {
  return {{"name", name},
          {"in", "path"},
          {"required", true},
          {"description", description},
          {"schema", {{"type", "integer"}, {"minimum", 0}}}};
}

// 200 with the tile, 204 for an empty one, 304 for a matching If-None-Match.
json tile_responses() {
  return {{"200",
           {{"description", "The tile (Mapbox Vector Tile 2.1, one layer per requested layer), with a strong ETag."},
            {"content",
             {{"application/vnd.mapbox-vector-tile", {{"schema", {{"type", "string"}, {"format", "binary"}}}}}}}}},
          {"204", {{"description", "The tile has no features (or the layers are not shown at this zoom level)."}}},
          {"304", {{"description", "The tile is unchanged since the ETag given in If-None-Match."}}},
          {"400", problem()},
          {"404", problem()}};
}

json json_ok(const std::string& description) {
  json content = {{"application/json", {{"schema", {{"type", "object"}}}}}};
  return {{"200", {{"description", description}, {"content", content}}}, {"400", problem()}, {"404", problem()}};
}

json get(const std::string& summary, const std::string& operation, json parameters, json responses) {
  return {{"get",
           {{"summary", summary},
            {"operationId", operation},
            {"tags", {"Tiles"}},
            {"parameters", parameters},
            {"responses", responses}}}};
}

}  // namespace

json tiles_openapi_paths(const std::vector<const store::Layer*>& visible) {
  const std::string max_zoom = std::to_string(tiles::kMaxZoom);
  json layers = {{"name", "layers"},
                 {"in", "path"},
                 {"required", true},
                 {"style", "simple"},
                 {"explode", false},
                 {"description", "One layer id or several, separated by commas (one MVT layer each, in this order)."},
                 {"schema", {{"type", "array"}, {"items", {{"type", "string"}}}}}};
  json xyz = json::array({layers, integer_in_path("z", "Zoom level, 0–" + max_zoom + "."),
                          integer_in_path("x", "Column, 0 to 2^z − 1, west to east."),
                          integer_in_path("y", "Row, 0 to 2^z − 1, north to south.")});
  json paths;
  paths["/tiles/{layers}/{z}/{x}/{y}.mvt"] =
      get("Vector tile of one or more layers (XYZ, Web Mercator)", "getXyzTile", xyz, tile_responses());
  paths["/tiles/{layers}.json"] = get("TileJSON 3.0.0 of one or more layers", "getTileJson", json::array({layers}),
                                      json_ok("TileJSON: tile URL template, zoom range, bounds, vector_layers."));
  json tms = {{"name", "tileMatrixSetId"},
              {"in", "path"},
              {"required", true},
              {"schema", {{"type", "string"}, {"enum", {"WebMercatorQuad"}}}}};
  json f = {{"name", "f"}, {"in", "query"}, {"required", false}, {"schema", {{"type", "string"}, {"enum", {"mvt"}}}}};
  for (const store::Layer* layer : visible) {
    const std::string& id = layer->config.id;
    const std::string base = "/collections/" + id + "/tiles";
    paths[base] = get(layer->config.title + ": tilesets", "getTileSetsList_" + id, json::array(),
                      json_ok("The tilesets of the collection."));
    paths[base + "/{tileMatrixSetId}"] =
        get(layer->config.title + ": tileset", "getTileSet_" + id, json::array({tms}),
            json_ok("The tileset: tile matrix set, limits, layers and the tile URL template."));
    paths[base + "/{tileMatrixSetId}/{tileMatrix}/{tileRow}/{tileCol}"] =
        get(layer->config.title + ": vector tile", "getTile_" + id,
            json::array({tms, integer_in_path("tileMatrix", "Zoom level, 0–" + max_zoom + "."),
                         integer_in_path("tileRow", "Row (XYZ y)."), integer_in_path("tileCol", "Column (XYZ x)."), f}),
            tile_responses());
  }
  return paths;
}

}  // namespace onemap::api
