#include "geo/spatial_index.h"

#include <limits>

namespace onemap::geo {

std::optional<SpatialIndex::Hit> SpatialIndex::nearest(const Envelope& box,
                                                       const std::function<double(std::uint32_t)>& distance) const {
  auto hit = tree_.nearest(box, std::numeric_limits<double>::infinity(), distance);
  if (!hit) return std::nullopt;
  return Hit{hit->item, hit->distance};
}

}  // namespace onemap::geo
