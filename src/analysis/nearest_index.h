#pragma once
// Exact nearest-neighbour search over a chosen subset of a layer's features: a GEOS STRtree of
// their metric envelopes, searched branch-and-bound by envelope distance, with the exact GEOS
// distance computed only at the leaves the bound cannot rule out. This is what a partial GiST
// index with KNN ordering does in PostGIS, and it keeps dense layers (a million parcels) cheap:
// a search touches a few dozen features, however many lie within the distance.
#include "catalog/rules.h"
#include "geo/spatial_index.h"
#include "store/layer.h"

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace onemap::analysis {

class NearestIndex {
 public:
  // Items are indices into layer.metric_envelopes. The tree is built here, so searches only
  // read it and may run on several threads at once.
  NearestIndex(const store::Layer& layer, const std::vector<std::uint32_t>& items);

  struct Hit {
    std::uint32_t index;
    double distance;
  };

  // The item nearest to `box` by `distance` (metres from the query to item i; it must be at
  // least the envelope distance, and may be +infinity to pass an item over); nullopt when the
  // index is empty or every item was passed over.
  std::optional<Hit> nearest(const geo::Envelope& box, const std::function<double(std::uint32_t)>& distance) const;

  // Memory held, for the derived cache's budget (an estimate of GEOS's tree nodes).
  std::size_t bytes() const;

 private:
  geo::SpatialIndex tree_;
  std::size_t size_ = 0;
};

// The derived-cache key of the index over the features of `layer` that meet `where` and reach
// exactly `reach` metres under `distance`: the full canonical text of that filter (conditions
// sorted by property, values sorted, numbers in shortest round-trip form, texts length-prefixed),
// so two filters share an index only when they select the same features.
std::string nearest_index_key(const store::Layer& layer, const std::vector<catalog::Condition>& where,
                              const catalog::DistanceSpec& distance, double reach);

}  // namespace onemap::analysis
