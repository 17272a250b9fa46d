#include "store/layer.h"

namespace onemap::store {

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
