#include "catalog/catalog.h"

namespace onemap::catalog {

const LayerConfig* Catalog::find(const std::string& id) const {
  for (const LayerConfig& layer : layers)
    if (layer.id == id) return &layer;
  return nullptr;
}

}  // namespace onemap::catalog
