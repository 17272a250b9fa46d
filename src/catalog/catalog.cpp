#include "catalog/catalog.h"

namespace onemap::catalog {

const LayerConfig* Catalog::find(const std::string& id) const {
  for (const LayerConfig& layer : layers)
    if (layer.id == id) return &layer;
  return nullptr;
}

const FieldTitle* find_field_title(const LayerConfig& layer, std::string_view property) {
  for (const FieldTitle& f : layer.fields)
    if (f.name == property) return &f;
  return nullptr;
}

}  // namespace onemap::catalog
