// MapLibre styles: /styles/onemap.json (every layer the caller may see) and /styles/{id}.json
// (one collection), composed by src/styles from the catalog's style files.
#include "api/routes.h"
#include "api/errors.h"
#include "api/query_params.h"
#include "styles/style_composer.h"

#include <nlohmann/json.hpp>

namespace onemap::api {
namespace {

// The composed style; a caller with a URL token gets it in every OneMap source URL, so MapLibre
// (or QGIS) fetches the TileJSON and tiles of restricted layers without headers.
http::Response style_response(const RequestContext& ctx, const std::vector<const store::Layer*>& layers) {
  nlohmann::json style = styles::compose_style(*ctx.snapshot, layers, ctx.base_url);
  if (!ctx.caller.url_token.empty())
    for (auto& [id, source] : style["sources"].items())
      if (source.contains("url") && source["url"].get<std::string>().starts_with(ctx.base_url + "/"))
        source["url"] = ctx.with_token(source["url"].get<std::string>());
  http::Response res = json_response(ctx, style);
  // Names each layer's current version: a cache must ask again, or a map would keep old tiles.
  res.set(http::beast_http::field::cache_control, "no-cache");
  return res;
}

}  // namespace

http::Response onemap_style(const RequestContext& ctx) {
  reject_unknown_params(ctx.target.params, {"f", "v"});
  require_format(ctx, {"json"});
  return style_response(ctx, ctx.layers());
}

http::Response layer_style(const RequestContext& ctx, const std::string& id_and_extension) {
  constexpr std::string_view kSuffix = ".json";
  if (id_and_extension.size() <= kSuffix.size() || !id_and_extension.ends_with(kSuffix))
    throw NotFound("no resource at /styles/" + id_and_extension.substr(0, 100) +
                   "; styles are at /styles/onemap.json and /styles/{collectionId}.json");
  reject_unknown_params(ctx.target.params, {"f", "v"});
  require_format(ctx, {"json"});
  const store::Layer& layer = ctx.layer(id_and_extension.substr(0, id_and_extension.size() - kSuffix.size()));
  return style_response(ctx, {&layer});
}

}  // namespace onemap::api
