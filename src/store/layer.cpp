#include "store/layer.h"

namespace onemap::store {

bool Layer::add_feature(std::string id, std::vector<Value> values, const geo::Geometry& lonlat) {
  if (!by_id.emplace(id, static_cast<std::uint32_t>(features.size())).second) return false;
  features.push_back({std::move(id), std::move(values)});
  geometries.append(lonlat);
  return true;
}

void Layer::finish() {
  features.shrink_to_fit();
  geometries.shrink_to_fit();
  std::vector<geo::Envelope> envelopes;
  envelopes.reserve(feature_count());
  for (std::uint32_t i = 0; i < feature_count(); ++i) {
    envelopes.push_back(lonlat_geometry(i).envelope());
    extent.expand(envelopes.back());
  }
  index = std::make_unique<geo::SpatialIndex>(envelopes);
}

std::optional<std::size_t> Layer::field_index(std::string_view name) const {
  for (std::size_t i = 0; i < fields.size(); ++i)
    if (fields[i].name == name) return i;
  return std::nullopt;
}

std::optional<std::uint32_t> Layer::find_feature(std::string_view id) const {
  auto found = by_id.find(std::string(id));
  if (found == by_id.end()) return std::nullopt;
  return found->second;
}

std::optional<std::size_t> Layer::name_field_index() const {
  return field_index(config.name_field.empty() ? std::string_view("name") : std::string_view(config.name_field));
}

}  // namespace onemap::store
