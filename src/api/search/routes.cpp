// /search?q=: features by name across every layer the caller may see, for the web map's
// search box (and any client): best match first, each with where to fly to.
#include "api/routes.h"
#include "api/errors.h"
#include "api/query_params.h"
#include "query/name_search.h"
#include "util/text.h"

#include <nlohmann/json.hpp>

namespace onemap::api {

using nlohmann::json;

namespace {
constexpr std::size_t kDefaultLimit = 10;
constexpr std::size_t kMaxLimit = 100;
constexpr std::size_t kMaxQueryBytes = 200;
}  // namespace

http::Response search(const RequestContext& ctx) {
  reject_unknown_params(ctx.target.params, {"q", "limit", "f"});
  require_format(ctx, {"json"});
  const std::string* q = ctx.param("q");
  const std::string_view text = q ? util::trim(*q) : std::string_view{};
  if (text.empty()) throw BadRequest("q (the name or part of it to look for) is required, e.g. /search?q=克井");
  if (text.size() > kMaxQueryBytes) throw BadRequest("q is longer than 200 bytes");
  const std::size_t limit = unsigned_param(ctx, "limit", kDefaultLimit, 1);
  if (limit > kMaxLimit) throw BadRequest("limit is at most 100");

  json results = json::array();
  for (const query::NameMatch& m : query::search_names(ctx.layers(), text, limit)) {
    const store::Layer& layer = *m.layer;
    json entry = {{"collection", layer.config.id},
                  {"collection_title", layer.config.title},
                  {"collection_title_en", layer.config.title_en},
                  {"id", layer.feature_id(m.feature)},
                  {"name", std::get<std::string_view>(layer.value(m.feature, *layer.name_field_index()))},
                  {"match", m.kind == query::NameMatchKind::Exact    ? "exact"
                            : m.kind == query::NameMatchKind::Prefix ? "prefix"
                                                                     : "contains"}};
    const geo::GeometryView g = layer.lonlat_geometry(m.feature);
    if (!g.empty()) {
      const geo::Envelope e = g.envelope();
      entry["bbox"] = json::array({e.min_x, e.min_y, e.max_x, e.max_y});
      entry["point"] = json::array({(e.min_x + e.max_x) / 2, (e.min_y + e.max_y) / 2});
    }
    results.push_back(std::move(entry));
  }
  return json_response(ctx, json{{"query", text}, {"numberReturned", results.size()}, {"results", results}});
}

}  // namespace onemap::api
