#include "api/conformance_classes.h"
#include "api/errors.h"
#include "api/routes.h"
#include "api/web/web_page.h"
#include "export/export_space.h"
#include "store/fingerprint.h"
#include "util/worker_pool.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace onemap::api {

using nlohmann::json;

http::Response landing_page(const RequestContext& ctx) {
  // A browser opening the server gets the map; JSON clients keep the OGC landing page.
  if (asks_for_html(ctx)) return map_page(ctx);
  reject_unknown_params(ctx.target.params, {"f"});
  require_format(ctx, {"json"});
  const std::string& base = ctx.base_url;
  const auto& catalog = ctx.snapshot->catalog;
  json body = {
      {"title", catalog.title},
      {"description", catalog.description.empty() ? "OneMap: the city's environmental layers as OGC API – Features"
                                                  : catalog.description},
      {"links",
       json::array({
           make_link(base + "/", "self", "application/json", "this document"),
           make_link(base + "/map", "alternate", "text/html", "the web map"),
           make_link(base + "/styles/onemap.json", "stylesheet", "application/vnd.mapbox.style+json",
                     "every layer as a MapLibre style"),
           make_link(base + "/api", "service-desc", "application/vnd.oai.openapi+json;version=3.0",
                     "the API definition"),
           make_link(base + "/conformance", "conformance", "application/json", "conformance classes implemented"),
           make_link(base + "/collections", "data", "application/json", "the layers"),
           make_link(base + "/processes", "http://www.opengis.net/def/rel/ogc/1.0/processes", "application/json",
                     "analyses: distances, plot restrictions, screening, zonal summaries"),
       })},
  };
  return json_response(ctx, body);
}

http::Response conformance(const RequestContext& ctx) {
  reject_unknown_params(ctx.target.params, {"f"});
  require_format(ctx, {"json"});
  return json_response(ctx, json{{"conformsTo", conformance_classes()}});
}

http::Response health(const RequestContext& ctx) {
  reject_unknown_params(ctx.target.params, {});
  std::size_t features = 0;
  const std::vector<const store::Layer*> layers = ctx.layers();
  json workers = nullptr;  // heavy work runs inline (no pool: tests, tools)
  if (ctx.services.pool) {
    const util::WorkerPool::Stats s = ctx.services.pool->stats();
    workers = {{"threads", s.threads},
               {"running", s.running},
               {"queued", s.queued},
               {"queue_limit", s.queue_limit},
               {"longest_running_s", std::round(s.longest_running_s * 1000) / 1000}};
  }
  const json exports = {{"busy", ctx.services.exports.busy()}, {"max", ctx.services.exports.max_exports()}};
  for (const store::Layer* layer : layers) features += layer->feature_count();
  // What the caller sees of the data: the fingerprint of their layers; the load counter only
  // when no layer is hidden from them (it counts reloads of hidden layers' edits too).
  const bool sees_all = layers.size() == ctx.snapshot->layers.size();
  return json_response(ctx, json{{"status", "ok"},
                                 {"exports", exports},
                                 {"data_version", sees_all ? json(ctx.snapshot->version) : json()},
                                 {"data_fingerprint", store::data_fingerprint(layers)},
                                 {"layers", layers.size()},
                                 {"features", features},
                                 {"workers", workers}});
}

}  // namespace onemap::api
