#include "store/snapshot.h"

#include "catalog/rules_check.h"
#include "catalog/secrets.h"
#include "store/fingerprint.h"
#include "store/layer_loader.h"
#include "util/parallel.h"

#include <spdlog/spdlog.h>

namespace onemap::store {
namespace {

catalog::PropertyType property_type(FieldType type) {
  switch (type) {
    case FieldType::Boolean:
      return catalog::PropertyType::Boolean;
    case FieldType::Integer:
    case FieldType::Real:
      return catalog::PropertyType::Number;
    default:
      return catalog::PropertyType::Text;
  }
}

// Rules name layers and properties; only now, with the data loaded, can they be checked.
void check_rules_against(catalog::RuleSet& rules, const std::vector<std::unique_ptr<Layer>>& layers) {
  std::vector<catalog::LayerSchema> schemas;
  for (const auto& layer : layers) {
    catalog::LayerSchema schema{
        layer->config.id, layer->kind == GeometryKind::Polygon || layer->kind == GeometryKind::None, {}};
    for (const Field& f : layer->fields) schema.properties[f.name] = property_type(f.type);
    schemas.push_back(std::move(schema));
  }
  catalog::check_rules(rules, schemas);
}

}  // namespace

const Layer* Snapshot::find(std::string_view id) const {
  for (const auto& layer : layers)
    if (layer->config.id == id) return layer.get();
  return nullptr;
}

std::shared_ptr<const Snapshot> load_snapshot(catalog::Catalog catalog, std::uint64_t version) {
  auto snapshot = std::make_shared<Snapshot>();
  snapshot->version = version;
  snapshot->layers.resize(catalog.layers.size());
  // Each layer opens its own GDAL dataset, so layers load side by side.
  std::size_t n = catalog.layers.size();
  util::parallel_sweep(n, util::sweep_threads(n, 1), [&](unsigned) {
    return [&](std::size_t i) {
      try {
        snapshot->layers[i] = load_layer(catalog.layers[i]);
      } catch (const LoadError& e) {  // the message may quote a PG: source and GDAL's words on it
        throw LoadError(catalog::mask_secrets(e.what()));
      }
    };
  });
  snapshot->derived_cache = std::make_shared<DerivedCache>(catalog.server.derived_cache_mb << 20);
  for (const auto& layer : snapshot->layers) layer->derived = snapshot->derived_cache;

  geo::Envelope all;
  for (const auto& layer : snapshot->layers) all.expand(layer->extent);
  if (catalog.analysis_crs) {
    snapshot->analysis_crs = *catalog.analysis_crs;
  } else {
    snapshot->analysis_crs = geo::gauss_kruger_zone_for(all.empty() ? 114.0 : (all.min_x + all.max_x) / 2);
    spdlog::info("analysis CRS: EPSG:{} (the CGCS2000 Gauss-Kruger zone of the data)", snapshot->analysis_crs.epsg);
  }
  util::parallel_sweep(n, util::sweep_threads(n, 1), [&](unsigned) {
    return [&](std::size_t i) { project_to_metric(*snapshot->layers[i], snapshot->analysis_crs); };
  });

  // Once per zoom, here rather than per tile: what each zoom's tiles leave out.
  util::parallel_sweep(n, util::sweep_threads(n, 1), [&](unsigned) {
    return [&](std::size_t i) {
      Layer& layer = *snapshot->layers[i];
      layer.thinning = plan_tile_thinning(layer, layer.config.tile_budget);
    };
  });

  for (const auto& layer : snapshot->layers) {
    spdlog::info("layer '{}': {} features from {}", layer->config.id, layer->feature_count(),
                 catalog::mask_secrets(layer->config.source));
    for (int z = 0; z < kThinningZooms; ++z)
      if (layer->thinning.kept_over_budget[z])
        spdlog::warn(
            "layer '{}': at z{} the features its tile_budget keeps are alone over the budget; they are "
            "kept, and such tiles will be larger",
            layer->config.id, z);
    for (int z = 0; z < kThinningZooms; ++z)
      if (layer->thinning.dropped[z] > 0)
        spdlog::info("layer '{}': z{} tiles leave out {} of {} features (tile budget {} KB{})", layer->config.id, z,
                     layer->thinning.dropped[z], layer->feature_count(), layer->config.tile_budget.max_bytes >> 10,
                     layer->config.tile_budget.max_features
                         ? ", " + std::to_string(layer->config.tile_budget.max_features) + " features"
                         : "");
  }
  check_rules_against(catalog.rules, snapshot->layers);
  snapshot->data_fingerprint = data_fingerprint(snapshot->layers);
  snapshot->catalog = std::move(catalog);
  return snapshot;
}

}  // namespace onemap::store
