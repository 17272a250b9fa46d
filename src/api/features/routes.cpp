#include "api/routes.h"
#include "api/errors.h"
#include "api/features/collection_json.h"
#include "api/features/crs_params.h"
#include "api/features/items_filter.h"
#include "api/features/items_page.h"
#include "encode/geojson_writer.h"
#include "encode/json_text.h"
#include "export/formats.h"
#include "query/items_query.h"

#include <nlohmann/json.hpp>

#include <charconv>

namespace onemap::api {
namespace {

using nlohmann::json;
constexpr std::size_t kDefaultLimit = 10;

std::string page_url(const RequestContext& ctx, const std::string& path, std::size_t offset) {
  std::string url = ctx.base_url + path + "?";
  bool first = true;
  for (const auto& [name, value] : ctx.target.params) {
    if (name == "offset") continue;
    url += (first ? "" : "&") + percent_encode(name) + "=" + percent_encode(value);
    first = false;
  }
  return url + (first ? "" : "&") + "offset=" + std::to_string(offset);
}

// Appends a link object to a JSON array being written, with the comma when it is not the first.
void append_link(std::string& out, const std::string& href, const char* rel, const char* type) {
  if (out.back() != '[') out.push_back(',');
  out += "{\"href\":";
  encode::append_json_string(out, href);
  out += ",\"rel\":\"";
  out += rel;
  out += "\",\"type\":\"";
  out += type;
  out += "\"}";
}

}  // namespace

http::Response collections(const RequestContext& ctx) {
  reject_unknown_params(ctx.target.params, {"f"});
  require_format(ctx, {"json"});
  json list = json::array();
  for (const store::Layer* layer : ctx.layers()) list.push_back(collection_json(ctx, *layer));
  json body = {
      {"links", json::array({make_link(ctx.base_url + "/collections", "self", "application/json", "the layers")})},
      {"collections", std::move(list)}};
  return json_response(ctx, body);
}

http::Response collection(const RequestContext& ctx, const std::string& id) {
  const store::Layer& layer = ctx.layer(id);
  reject_unknown_params(ctx.target.params, {"f"});
  require_format(ctx, {"json"});
  return json_response(ctx, collection_json(ctx, layer));
}

http::Response items(const RequestContext& ctx, const std::string& id) {
  const store::Layer& layer = ctx.layer(id);
  std::set<std::string> allowed = filter_params(layer);
  allowed.insert({"f", "limit", "offset", "crs"});
  reject_unknown_params(ctx.target.params, allowed);
  // Download formats are answered by downloads.items (on the pool): only a page is left here.
  if (const std::string* f = ctx.param("f"); f && *f != "json" && *f != "geojson")
    throw BadRequest("format f=" + f->substr(0, 100) + " is not offered here; choose json or geojson (a page), or " +
                     "a download: " + exports::format_list(false));
  geo::Crs crs = output_crs(ctx);
  ItemsFilter filter = items_filter(ctx, layer);
  query::ItemsQuery& q = filter.query;
  // Larger limits are clamped to the maximum the API document declares (server.max_page_features),
  // as OGC API allows; the page's links and numberReturned say what was sent.
  q.limit = std::min(unsigned_param(ctx, "limit", kDefaultLimit, 1), ctx.snapshot->catalog.server.max_page_features);
  q.offset = unsigned_param(ctx, "offset", 0, 0);
  query::ItemsResult result = query::run_items_query(layer, q);
  // The page's links and counts are known before its features are written: they close the body.
  std::string tail = "],\"numberMatched\":" + std::to_string(result.number_matched);
  tail += ",\"numberReturned\":" + std::to_string(result.page.size()) + ",\"links\":[";
  std::string path = "/collections/" + percent_encode(id) + "/items";
  append_link(tail, page_url(ctx, path, q.offset), "self", "application/geo+json");
  if (q.offset + result.page.size() < result.number_matched)
    append_link(tail, page_url(ctx, path, q.offset + result.page.size()), "next", "application/geo+json");
  if (q.offset > 0)
    append_link(tail, page_url(ctx, path, q.offset > q.limit ? q.offset - q.limit : 0), "prev", "application/geo+json");
  append_link(tail, ctx.base_url + "/collections/" + percent_encode(id), "collection", "application/json");
  tail += "]}";

  ItemsPage page{ctx.snapshot, &layer, std::move(result.page), crs,
                 filter.clip ? q.area : std::optional<geo::GeometryView>()};
  http::Payload body =
      items_page_body(std::move(page), "{\"type\":\"FeatureCollection\",\"features\":[", std::move(tail));
  http::Response res = make_response(ctx, std::move(body), "application/geo+json");
  res.set("Content-Crs", "<" + crs.uri() + ">");
  return res;
}

http::Response item(const RequestContext& ctx, const std::string& id, const std::string& feature_id) {
  const store::Layer& layer = ctx.layer(id);
  reject_unknown_params(ctx.target.params, {"f", "crs"});
  require_format(ctx, {"json", "geojson"});
  geo::Crs crs = output_crs(ctx);
  const std::optional<std::uint32_t> found = layer.find_feature(feature_id);
  if (!found) throw NotFound("collection '" + id + "' has no feature '" + feature_id + "'");

  std::string out;
  geo::Geometry scratch;
  encode::append_geojson_feature(out, layer, *found, output_geometry(layer.lonlat_geometry(*found), crs, scratch));
  out.pop_back();  // reopen the feature object to add its links
  std::string collection_url = ctx.base_url + "/collections/" + percent_encode(id);
  out += ",\"links\":[";
  append_link(out, collection_url + "/items/" + percent_encode(feature_id), "self", "application/geo+json");
  append_link(out, collection_url, "collection", "application/json");
  out += "]}";
  http::Response res = make_response(ctx, std::move(out), "application/geo+json");
  res.set("Content-Crs", "<" + crs.uri() + ">");
  return res;
}

}  // namespace onemap::api
