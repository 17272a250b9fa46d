// GET /download/township/{name_or_id}: a township's offline package (export/township_package)
// for QField and QGIS, built on the worker pool within the server.max_exports slots and kept
// (export/package_cache) until the data or the caller's visible layers change.
#include "api/routes.h"

#include "api/downloads/download_name.h"
#include "api/errors.h"
#include "api/features/items_filter.h"
#include "export/export_space.h"
#include "export/township_package.h"
#include "styles/style_composer.h"

#include <spdlog/spdlog.h>

#include <chrono>

namespace onemap::api {
namespace {

// What a package is made of: the same key, the same bytes.
std::string package_key(const RequestContext& ctx, const Township& township,
                        const std::vector<const store::Layer*>& layers) {
  std::string key = township.id + "\n" + ctx.snapshot->data_fingerprint + "\n";
  for (const store::Layer* layer : layers) key += layer->config.id + ",";
  return key;
}

// Each layer with its symbology, from the style the web map draws it with.
std::vector<exports::PackageLayer> package_layers(const RequestContext& ctx,
                                                  const std::vector<const store::Layer*>& layers) {
  const nlohmann::json style = styles::compose_style(*ctx.snapshot, layers, ctx.base_url);
  std::vector<exports::PackageLayer> out;
  for (const store::Layer* layer : layers) {
    nlohmann::json own = nlohmann::json::array();
    for (const nlohmann::json& l : style["layers"])
      if (l.contains("metadata") && l["metadata"].value("onemap:collection", "") == layer->config.id) own.push_back(l);
    out.push_back({layer, std::move(own)});
  }
  return out;
}

}  // namespace

http::Response download_township(const RequestContext& ctx, const std::string& name_or_id) {
  reject_unknown_params(ctx.target.params, {});
  const Township township = find_township(ctx, name_or_id);
  const std::vector<const store::Layer*> layers = ctx.layers();
  exports::PackageCache& cache = ctx.services.exports.packages();
  const std::string key = package_key(ctx, township, layers);

  std::shared_ptr<const http::BodyFile> file = cache.find(key);
  const bool hit = file != nullptr;
  if (!file) {
    const std::optional<exports::ExportSpace::Slot> slot = ctx.services.exports.try_acquire();
    if (!slot)
      throw ServiceUnavailable("the server is writing " + std::to_string(ctx.services.exports.max_exports()) +
                                   " downloads already (server.max_exports); try again shortly",
                               kRetryAfterSeconds);
    const auto start = std::chrono::steady_clock::now();
    exports::PackageSpec spec;
    spec.township = township.name;
    spec.area = township.area;
    spec.layers = package_layers(ctx, layers);
    exports::ExportSpace::Scratch scratch = ctx.services.exports.scratch("zip");
    const exports::PackageSummary summary = exports::write_township_package(spec, scratch.dir(), scratch.result());
    file = cache.put(key, scratch.result());
    scratch.hand_over();
    spdlog::info(
        "package of township '{}': {} layers, {} features, {} tiles z{}–{}, {} bytes in {} ms", township.name,
        layers.size(), summary.features, summary.tiles, spec.min_zoom, summary.max_zoom, file->size(),
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start).count());
  }
  http::Response res = make_response(ctx, http::Payload::file(std::move(file)), "application/zip");
  res.set(http::beast_http::field::content_disposition, content_disposition(download_name(township.name, "") + ".zip"));
  res.set("X-Cache", hit ? "HIT" : "MISS");
  return res;
}

}  // namespace onemap::api
