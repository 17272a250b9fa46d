// MapLibre styles: /styles/onemap.json (every layer the caller may see) and /styles/{id}.json
// (one collection), composed by src/styles from the catalog's style files.
#include "api/routes.h"
#include "api/errors.h"
#include "api/query_params.h"
#include "styles/style_composer.h"

#include <nlohmann/json.hpp>

namespace onemap::api {

http::Response onemap_style(const RequestContext& ctx) {
  reject_unknown_params(ctx.target.params, {"f", "v"});
  require_format(ctx, {"json"});
  return json_response(ctx, styles::compose_style(*ctx.snapshot, ctx.layers(), ctx.base_url));
}

http::Response layer_style(const RequestContext& ctx, const std::string& id_and_extension) {
  constexpr std::string_view kSuffix = ".json";
  if (id_and_extension.size() <= kSuffix.size() || !id_and_extension.ends_with(kSuffix))
    throw NotFound("no resource at /styles/" + id_and_extension.substr(0, 100) +
                   "; styles are at /styles/onemap.json and /styles/{collectionId}.json");
  reject_unknown_params(ctx.target.params, {"f", "v"});
  require_format(ctx, {"json"});
  const store::Layer& layer = ctx.layer(id_and_extension.substr(0, id_and_extension.size() - kSuffix.size()));
  return json_response(ctx, styles::compose_style(*ctx.snapshot, {&layer}, ctx.base_url));
}

}  // namespace onemap::api
