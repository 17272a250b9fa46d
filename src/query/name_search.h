#pragma once
// Finding features by name across layers, as a person types it: a township, a plot, an
// enterprise, a section. Substring match on the layer's name property (UTF-8 as given; ASCII
// letters without case), best first: the whole name, then names starting with the text, then
// names containing it; shorter names first within each, then catalog and feature order.
#include "store/layer.h"

#include <cstdint>
#include <string_view>
#include <vector>

namespace onemap::query {

enum class NameMatchKind { Exact = 0, Prefix = 1, Contains = 2 };

struct NameMatch {
  const store::Layer* layer;
  std::uint32_t feature;
  NameMatchKind kind;
};

// At most `limit` matches of `text` (non-empty) over `layers`, in catalog order as given.
std::vector<NameMatch> search_names(const std::vector<const store::Layer*>& layers, std::string_view text,
                                    std::size_t limit);

}  // namespace onemap::query
