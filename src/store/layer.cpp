#include "store/layer.h"

namespace onemap::store {

void Layer::add_feature(std::string_view id, const std::vector<Value>& values, const geo::Geometry& lonlat) {
  if (ids.size() == 0) attributes = AttributeColumns(fields);
  ids.append(id);
  attributes.append(values);
  geometries.append(lonlat);
}

std::optional<std::string> Layer::finish() {
  attributes.seal();
  geometries.shrink_to_fit();
  std::vector<geo::Envelope> envelopes;
  envelopes.reserve(feature_count());
  bool held[3] = {false, false, false};  // by GeometryKind: Point, Line, Polygon
  for (std::uint32_t i = 0; i < feature_count(); ++i) {
    envelopes.push_back(lonlat_geometry(i).envelope());
    extent.expand(envelopes.back());
    if (has_geometry(i)) held[static_cast<int>(geometry_kind(geometries.type(i)))] = true;
  }
  kinds.clear();
  for (GeometryKind k : {GeometryKind::Point, GeometryKind::Line, GeometryKind::Polygon})
    if (held[static_cast<int>(k)]) kinds.push_back(k);
  index = std::make_unique<geo::SpatialIndex>(envelopes);
  return ids.seal();
}

std::optional<std::uint64_t> Layer::unsigned_id(std::uint32_t i) const {
  const std::optional<std::int64_t> n = numeric_id(i);
  if (!n || *n < 0) return std::nullopt;
  return static_cast<std::uint64_t>(*n);
}

std::optional<std::size_t> Layer::field_index(std::string_view name) const {
  for (std::size_t i = 0; i < fields.size(); ++i)
    if (fields[i].name == name) return i;
  return std::nullopt;
}

std::optional<std::size_t> Layer::name_field_index() const {
  return field_index(config.name_field.empty() ? std::string_view("name") : std::string_view(config.name_field));
}

}  // namespace onemap::store
