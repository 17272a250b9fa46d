// Vector tile routes: XYZ tiles and TileJSON for web maps, and the same tiles as OGC API – Tiles
// (tilesets list, tileset metadata, tiles in the WebMercatorQuad tile matrix set).
// Query parameters other than f are ignored on tiles rather than rejected: web maps append
// cache-busting and token parameters, and they change nothing in a tile.
#include "api/routes.h"
#include "api/errors.h"
#include "api/query_params.h"
#include "api/tiles/tile_response.h"
#include "store/fingerprint.h"
#include "tiles/tilejson.h"

#include <nlohmann/json.hpp>

namespace onemap::api {
namespace {

using nlohmann::json;

constexpr const char* kWebMercatorQuad = "WebMercatorQuad";
constexpr const char* kWebMercatorQuadUri = "http://www.opengis.net/def/tilematrixset/OGC/1.0/WebMercatorQuad";
constexpr const char* kMercatorCrs = "http://www.opengis.net/def/crs/EPSG/0/3857";
constexpr const char* kTilingSchemeRel = "http://www.opengis.net/def/rel/ogc/1.0/tiling-scheme";
constexpr const char* kMvtType = "application/vnd.mapbox-vector-tile";

// "3.mvt" → "3"; other extensions (or none) are a BadRequest naming the ones we serve.
std::string strip_tile_extension(const std::string& last_segment) {
  const auto dot = last_segment.rfind('.');
  const std::string ext = dot == std::string::npos ? "" : last_segment.substr(dot);
  if (ext != ".mvt" && ext != ".pbf")
    throw BadRequest("tile URLs end in .mvt or .pbf (Mapbox Vector Tile); '" + last_segment.substr(0, 40) +
                     "' does not");
  return last_segment.substr(0, dot);
}

std::string collection_url(const RequestContext& ctx, const std::string& id) {
  return ctx.base_url + "/collections/" + percent_encode(id);
}

void require_web_mercator_quad(const std::string& tile_matrix_set) {
  if (tile_matrix_set != kWebMercatorQuad)
    throw NotFound("tile matrix set '" + tile_matrix_set.substr(0, 60) +
                   "' is not offered; tiles come in WebMercatorQuad");
}

// The tile rows and columns holding the layer's data at each of its zoom levels.
json tile_matrix_set_limits(const store::Layer& layer) {
  json limits = json::array();
  if (layer.extent.empty()) return limits;
  for (int z = layer.config.min_zoom; z <= layer.config.max_zoom; ++z) {
    tiles::TileId top_left = tiles::tile_at(layer.extent.min_x, layer.extent.max_y, z);
    tiles::TileId bottom_right = tiles::tile_at(layer.extent.max_x, layer.extent.min_y, z);
    limits.push_back({{"tileMatrix", std::to_string(z)},
                      {"minTileRow", top_left.y},
                      {"maxTileRow", bottom_right.y},
                      {"minTileCol", top_left.x},
                      {"maxTileCol", bottom_right.x}});
  }
  return limits;
}

// The parts of a tileset description both the list and the tileset itself carry.
json tileset_summary(const RequestContext& ctx, const store::Layer& layer) {
  std::string url = collection_url(ctx, layer.config.id) + "/tiles/" + kWebMercatorQuad;
  return {{"title", layer.config.title},
          {"dataType", "vector"},
          {"crs", kMercatorCrs},
          {"tileMatrixSetURI", kWebMercatorQuadUri},
          {"links",
           json::array({make_link(url, "self", "application/json", layer.config.title + " (WebMercatorQuad)"),
                        make_link(kWebMercatorQuadUri, kTilingSchemeRel, "application/json", "WebMercatorQuad")})}};
}

}  // namespace

http::Response xyz_tile(const RequestContext& ctx, const std::string& layers, const std::string& z,
                        const std::string& x, const std::string& y_and_extension) {
  const std::string y = strip_tile_extension(y_and_extension);
  TileLayers list = tile_layers(ctx, layers);
  return tile_response(ctx, list, parse_tile_id(z, x, y));
}

http::Response tilejson_document(const RequestContext& ctx, const std::string& layers_and_extension) {
  constexpr std::string_view kSuffix = ".json";
  if (layers_and_extension.size() <= kSuffix.size() || !layers_and_extension.ends_with(kSuffix))
    throw NotFound("no resource at /tiles/" + layers_and_extension.substr(0, 100) +
                   "; TileJSON is at /tiles/{layers}.json");
  TileLayers list = tile_layers(ctx, layers_and_extension.substr(0, layers_and_extension.size() - kSuffix.size()));
  // The layers' version in every tile URL: a browser or proxy never keeps tiles of older data
  // (tile_response.cpp says how each version is cached).
  std::string url = ctx.with_token(ctx.base_url + "/tiles/" + percent_encode(list.key) +
                                   "/{z}/{x}/{y}.mvt?v=" + store::version_text(store::layers_version(list.layers)));
  http::Response res = json_response(ctx, tiles::tilejson(list.layers, url, ctx.snapshot->catalog.attribution));
  res.set(http::beast_http::field::cache_control, "no-cache");  // as styles: it names the current version
  return res;
}

http::Response collection_tilesets(const RequestContext& ctx, const std::string& id) {
  const store::Layer& layer = ctx.layer(id);
  require_format(ctx, {"json"});
  std::string url = collection_url(ctx, id) + "/tiles";
  json body = {
      {"links",
       json::array({make_link(url, "self", "application/json", layer.config.title + " (tilesets)"),
                    make_link(collection_url(ctx, id), "collection", "application/json", layer.config.title)})},
      {"tilesets", json::array({tileset_summary(ctx, layer)})}};
  return json_response(ctx, body);
}

http::Response collection_tileset(const RequestContext& ctx, const std::string& id,
                                  const std::string& tile_matrix_set) {
  const store::Layer& layer = ctx.layer(id);
  require_web_mercator_quad(tile_matrix_set);
  require_format(ctx, {"json"});
  const catalog::LayerConfig& c = layer.config;
  json body = tileset_summary(ctx, layer);
  json item = make_link(collection_url(ctx, id) + "/tiles/" + kWebMercatorQuad + "/{tileMatrix}/{tileRow}/{tileCol}",
                        "item", kMvtType, c.title + " (Mapbox Vector Tile)");
  item["templated"] = true;
  body["links"].push_back(item);
  body["links"].push_back(make_link(ctx.base_url + "/tiles/" + percent_encode(id) + ".json", "describedby",
                                    "application/json", c.title + " (TileJSON)"));
  body["links"].push_back(make_link(collection_url(ctx, id), "collection", "application/json", c.title));
  body["description"] = c.description;
  body["tileMatrixSetLimits"] = tile_matrix_set_limits(layer);
  json tile_layer = {{"id", c.id},
                     {"title", c.title},
                     {"dataType", "vector"},
                     {"minTileMatrix", std::to_string(c.min_zoom)},
                     {"maxTileMatrix", std::to_string(c.max_zoom)}};
  // OGC API – Tiles leaves the dimension out for a layer of mixed geometry (points and polygons).
  if (!layer.mixed_kinds()) tile_layer["geometryDimension"] = store::geometry_dimension(layer.kind);
  body["layers"] = json::array({tile_layer});
  if (!layer.extent.empty())
    body["boundingBox"] = {{"lowerLeft", {layer.extent.min_x, layer.extent.min_y}},
                           {"upperRight", {layer.extent.max_x, layer.extent.max_y}},
                           {"crs", "http://www.opengis.net/def/crs/OGC/1.3/CRS84"}};
  return json_response(ctx, body);
}

http::Response collection_tile(const RequestContext& ctx, const std::string& id, const std::string& tile_matrix_set,
                               const std::string& tile_matrix, const std::string& tile_row,
                               const std::string& tile_col) {
  ctx.layer(id);
  require_web_mercator_quad(tile_matrix_set);
  require_format(ctx, {"mvt"});
  // WebMercatorQuad's tileRow counts down from the top like XYZ's y, and tileCol is x.
  return tile_response(ctx, tile_layers(ctx, id), parse_tile_id(tile_matrix, tile_col, tile_row));
}

}  // namespace onemap::api
