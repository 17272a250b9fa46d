#include "catalog/catalog.h"

namespace onemap::catalog {

const LayerConfig* Catalog::find(const std::string& id) const {
  for (const LayerConfig& layer : layers)
    if (layer.id == id) return &layer;
  return nullptr;
}

bool Catalog::has_restricted_layers() const {
  for (const LayerConfig& layer : layers)
    if (!may_see(layer, kPublicRole)) return true;
  return false;
}

bool may_see(const LayerConfig& layer, std::string_view role) {
  if (layer.roles.empty() || role == kAdminRole) return true;
  for (const std::string& r : layer.roles)
    if (r == kPublicRole || r == role) return true;
  return false;
}

const FieldTitle* find_field_title(const LayerConfig& layer, std::string_view property) {
  for (const FieldTitle& f : layer.fields)
    if (f.name == property) return &f;
  return nullptr;
}

}  // namespace onemap::catalog
