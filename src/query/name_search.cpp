#include "query/name_search.h"

#include "util/text.h"

#include <algorithm>
#include <tuple>

namespace onemap::query {
namespace {

struct Ranked {
  NameMatch match;
  std::size_t name_length;
  std::size_t layer_order;
};

}  // namespace

std::vector<NameMatch> search_names(const std::vector<const store::Layer*>& layers, std::string_view text,
                                    std::size_t limit) {
  std::vector<Ranked> found;
  for (std::size_t l = 0; l < layers.size(); ++l) {
    const store::Layer& layer = *layers[l];
    const std::optional<std::size_t> field = layer.name_field_index();
    if (!field) continue;
    for (std::uint32_t i = 0; i < layer.feature_count(); ++i) {
      const store::ValueRef value = layer.value(i, *field);
      const auto* name = std::get_if<std::string_view>(&value);
      if (!name || name->size() < text.size()) continue;
      // Chinese has no case; folding ASCII keeps "gb" finding "GB". Byte-wise search on UTF-8
      // never matches inside a character, since no character's bytes begin another's.
      const std::size_t at = util::ifind(*name, text);
      if (at == std::string_view::npos) continue;
      const NameMatchKind kind = name->size() == text.size() ? NameMatchKind::Exact
                                 : at == 0                   ? NameMatchKind::Prefix
                                                             : NameMatchKind::Contains;
      found.push_back({{&layer, i, kind}, name->size(), l});
    }
  }
  auto key = [](const Ranked& r) { return std::tuple(r.match.kind, r.name_length, r.layer_order, r.match.feature); };
  const std::size_t n = std::min(limit, found.size());
  std::partial_sort(found.begin(), found.begin() + static_cast<std::ptrdiff_t>(n), found.end(),
                    [&](const Ranked& a, const Ranked& b) { return key(a) < key(b); });
  std::vector<NameMatch> out;
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) out.push_back(found[i].match);
  return out;
}

}  // namespace onemap::query
