#include "store/layer_set.h"

namespace onemap::store {

LayerSet::LayerSet(const Snapshot& snapshot, std::string_view role) : snapshot_(&snapshot) {
  layers_.reserve(snapshot.layers.size());
  for (const auto& layer : snapshot.layers)
    if (catalog::may_see(layer->config, role)) layers_.push_back(layer.get());
}

const Layer* LayerSet::find(std::string_view id) const {
  for (const Layer* layer : layers_)
    if (layer->config.id == id) return layer;
  return nullptr;
}

bool LayerSet::sees(const catalog::Rule& rule) const {
  return find(rule.source.layer) && (!rule.target || find(rule.target->layer));
}

}  // namespace onemap::store
