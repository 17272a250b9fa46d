#include "analysis/nearest_index.h"

namespace onemap::analysis {

NearestIndex::NearestIndex(const store::Layer& layer, const std::vector<std::uint32_t>& items) : tree_(layer.metric_envelopes, items) {}

std::optional<NearestIndex::Hit> NearestIndex::nearest(const geo::Envelope& box,
                                                       const std::function<double(std::uint32_t)>& distance) const {
  auto hit = tree_.nearest(box, distance);
  if (!hit) return std::nullopt;
  return Hit{hit->item, hit->distance};
}

}  // namespace onemap::analysis
