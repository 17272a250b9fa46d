#include "store/fingerprint.h"

#include <cstdio>
#include <cstring>
#include <type_traits>

namespace onemap::store {
namespace {

// FNV-1a, 64-bit: not cryptographic; a version tag only needs changed data to change it.
class Fnv {
 public:
  void bytes(const void* data, std::size_t n) {
    const auto* p = static_cast<const unsigned char*>(data);
    for (std::size_t i = 0; i < n; ++i) h_ = (h_ ^ p[i]) * 0x100000001b3ULL;
  }
  void text(std::string_view s) {
    number(s.size());
    bytes(s.data(), s.size());
  }
  template <typename T>
  void number(T v) {
    static_assert(std::is_trivially_copyable_v<T>);
    bytes(&v, sizeof v);
  }
  std::uint64_t value() const { return h_; }

 private:
  std::uint64_t h_ = 0xcbf29ce484222325ULL;
};

}  // namespace

std::uint64_t layer_fingerprint(const Layer& layer, int tile_buffer) {
  Fnv h;
  h.text(layer.config.id);
  const catalog::LayerConfig& c = layer.config;
  for (auto setting : {std::uint64_t(c.min_zoom), std::uint64_t(c.max_zoom), std::uint64_t(c.tile_budget.max_bytes),
                       std::uint64_t(c.tile_budget.max_features), std::uint64_t(tile_buffer)})
    h.number(setting);
  for (const Field& f : layer.fields) {
    h.text(f.name);
    h.number(static_cast<int>(f.type));
  }
  for (std::uint32_t i = 0; i < layer.feature_count(); ++i) {
    h.text(layer.feature_id(i));
    for (std::size_t f = 0; f < layer.fields.size(); ++f) {
      const ValueRef v = layer.value(i, f);
      h.number(v.index());
      std::visit(
          [&](const auto& x) {
            using T = std::decay_t<decltype(x)>;
            if constexpr (std::is_same_v<T, std::string_view>)
              h.text(x);
            else if constexpr (!std::is_same_v<T, std::monostate>)
              h.number(x);
          },
          v);
    }
    const geo::GeometryView g = layer.lonlat_geometry(i);
    h.number(static_cast<int>(g.type));
    h.bytes(g.coords.data(), g.coords.size() * sizeof(geo::Coord));
    h.bytes(g.path_ends.data(), g.path_ends.size() * sizeof(std::uint32_t));
    h.bytes(g.part_ends.data(), g.part_ends.size() * sizeof(std::uint32_t));
  }
  return h.value();
}

std::uint64_t layers_version(const std::vector<const Layer*>& layers) {
  if (layers.size() == 1) return layers.front()->version;
  Fnv h;
  for (const Layer* layer : layers) h.number(layer->version);
  return h.value();
}

std::uint64_t layers_version(const std::vector<const Layer*>& layers, std::uint64_t other) {
  Fnv h;
  h.number(other);
  for (const Layer* layer : layers) h.number(layer->version);
  return h.value();
}

std::string version_text(std::uint64_t version) {
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(version));
  return hex;
}

std::string data_fingerprint(const std::vector<std::shared_ptr<Layer>>& layers) {
  std::vector<const Layer*> all;
  for (const auto& layer : layers) all.push_back(layer.get());
  return data_fingerprint(all);
}

std::string data_fingerprint(const std::vector<const Layer*>& layers) { return version_text(layers_version(layers)); }

}  // namespace onemap::store
