#include "store/snapshot.h"

#include "catalog/rules_check.h"
#include "catalog/secrets.h"
#include "store/fingerprint.h"
#include "store/layer_loader.h"
#include "util/parallel.h"

#include <spdlog/spdlog.h>

#include <algorithm>

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
void check_rules_against(catalog::RuleSet& rules, const std::vector<std::shared_ptr<Layer>>& layers) {
  std::vector<catalog::LayerSchema> schemas;
  for (const auto& layer : layers) {
    catalog::LayerSchema schema{
        layer->config.id, layer->kind == GeometryKind::Polygon || layer->kind == GeometryKind::None, {}};
    for (const Field& f : layer->fields) schema.properties[f.name] = property_type(f.type);
    schemas.push_back(std::move(schema));
  }
  catalog::check_rules(rules, schemas);
}

std::unique_ptr<Layer> read_layer(const catalog::LayerConfig& config) {
  try {
    return load_layer(config);
  } catch (const LoadError& e) {  // the message may quote a PG: source and GDAL's words on it
    throw LoadError(catalog::mask_secrets(e.what()));
  }
}

// Once the analysis CRS is known: the metric coordinates, what each zoom's tiles leave out
// (once per zoom, here rather than per tile), and the version.
void prepare(Layer& layer, const geo::Crs& analysis_crs, const catalog::ServerSettings& server) {
  project_to_metric(layer, analysis_crs);
  layer.thinning = plan_tile_thinning(layer, layer.config.tile_budget);
  layer.version = layer_fingerprint(layer, server.tile_buffer);
}

void log_loaded(const Layer& layer) {
  spdlog::info("layer '{}': {} features from {} (version {})", layer.config.id, layer.feature_count(),
               catalog::mask_secrets(layer.config.source), version_text(layer.version));
  for (int z = 0; z < kThinningZooms; ++z)
    if (layer.thinning.kept_over_budget[z])
      spdlog::warn(
          "layer '{}': at z{} the features its tile_budget keeps are alone over the budget; they are "
          "kept, and such tiles will be larger",
          layer.config.id, z);
  for (int z = 0; z < kThinningZooms; ++z)
    if (layer.thinning.dropped[z] > 0)
      spdlog::info("layer '{}': z{} tiles leave out {} of {} features (tile budget {} KB{})", layer.config.id, z,
                   layer.thinning.dropped[z], layer.feature_count(), layer.config.tile_budget.max_bytes >> 10,
                   layer.config.tile_budget.max_features
                       ? ", " + std::to_string(layer.config.tile_budget.max_features) + " features"
                       : "");
}

}  // namespace

std::uint64_t Snapshot::tile_version(const std::vector<const Layer*>& list) const {
  return layers_version(list, config_version);
}

const Layer* Snapshot::find(std::string_view id) const {
  for (const auto& layer : layers)
    if (layer->config.id == id) return layer.get();
  return nullptr;
}

std::shared_ptr<const Snapshot> load_snapshot(catalog::Catalog catalog, std::uint64_t version) {
  auto snapshot = std::make_shared<Snapshot>();
  snapshot->version = snapshot->config_version = version;
  snapshot->layers.resize(catalog.layers.size());
  // Each layer opens its own GDAL dataset, so layers load side by side.
  std::size_t n = catalog.layers.size();
  util::parallel_sweep(n, util::sweep_threads(n, 1), [&](unsigned) {
    return [&](std::size_t i) { snapshot->layers[i] = read_layer(catalog.layers[i]); };
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
    return [&](std::size_t i) { prepare(*snapshot->layers[i], snapshot->analysis_crs, catalog.server); };
  });
  for (const auto& layer : snapshot->layers) log_loaded(*layer);
  check_rules_against(catalog.rules, snapshot->layers);
  snapshot->data_fingerprint = data_fingerprint(snapshot->layers);
  snapshot->catalog = std::move(catalog);
  return snapshot;
}

std::shared_ptr<const Snapshot> reload_layers(const Snapshot& current, const std::vector<std::string>& ids) {
  std::vector<std::size_t> positions;
  for (std::size_t i = 0; i < current.layers.size(); ++i)
    if (std::find(ids.begin(), ids.end(), current.layers[i]->config.id) != ids.end()) positions.push_back(i);
  std::vector<std::shared_ptr<Layer>> fresh(positions.size());
  util::parallel_sweep(positions.size(), util::sweep_threads(positions.size(), 1), [&](unsigned) {
    return [&](std::size_t k) {
      auto layer = std::shared_ptr<Layer>(read_layer(current.layers[positions[k]]->config));
      prepare(*layer, current.analysis_crs, current.catalog.server);
      layer->derived = current.derived_cache;
      fresh[k] = std::move(layer);
    };
  });

  auto next = std::make_shared<Snapshot>();
  next->layers = current.layers;
  bool changed = false;
  for (std::size_t k = 0; k < positions.size(); ++k) {
    if (fresh[k]->version == current.layers[positions[k]]->version) continue;
    next->layers[positions[k]] = fresh[k];
    log_loaded(*fresh[k]);
    changed = true;
  }
  if (!changed) return nullptr;
  next->catalog = current.catalog;
  check_rules_against(next->catalog.rules, next->layers);  // an edit may have changed a table's columns
  next->analysis_crs = current.analysis_crs;
  next->derived_cache = current.derived_cache;
  next->version = current.version + 1;
  next->config_version = current.config_version;
  next->data_fingerprint = data_fingerprint(next->layers);
  return next;
}

}  // namespace onemap::store
