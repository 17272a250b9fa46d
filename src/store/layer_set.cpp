#include "store/layer_set.h"

namespace onemap::store {

LayerSet::LayerSet(const Snapshot& snapshot, std::string_view role)
    : LayerSet(snapshot, [role](const Layer& layer) { return catalog::may_see(layer.config, role); }) {}

LayerSet::LayerSet(const Snapshot& snapshot, const std::function<bool(const Layer&)>& visible) : snapshot_(&snapshot) {
  layers_.reserve(snapshot.layers.size());
  for (const auto& layer : snapshot.layers)
    if (visible(*layer)) layers_.push_back(layer.get());
}

const Layer* LayerSet::find(std::string_view id) const {
  for (const Layer* layer : layers_)
    if (layer->config.id == id) return layer;
  return nullptr;
}

bool LayerSet::sees(const catalog::Rule& rule) const {
  for (const std::string& id : rule.layers())
    if (!find(id)) return false;
  return true;
}

}  // namespace onemap::store
