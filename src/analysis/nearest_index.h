#pragma once
// Exact nearest-neighbour search over the targets of a distance search: the features of a layer
// that a filter selects, grouped by how far each reaches (one group for a fixed distance, one per
// value of a distance_by property), a packed R-tree per group (geo/packed_rtree.h). A search asks
// for the exact distance only of targets whose box could still hold the answer, and never looks
// beyond a group's reach or the best distance found so far. This is what a partial GiST index per
// reach with KNN ordering does in PostGIS, and it keeps dense layers (a million parcels) cheap: a
// search touches a few targets, however many lie within the distance.
#include "catalog/rules.h"
#include "geo/packed_rtree.h"
#include "store/layer.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace onemap::analysis {

class NearestIndex {
 public:
  // Targets by reach in metres: indices into layer.metric_envelopes. The trees are built here,
  // so searches only read them and may run on several threads at once.
  NearestIndex(const store::Layer& layer, const std::map<double, std::vector<std::uint32_t>>& by_reach);

  struct Hit {
    std::uint32_t index;
    double distance;
  };

  // The target nearest `from` (a feature's metric envelope) among those within their reach by
  // `distance` (metres from the feature to target i, at least the envelope distance, or
  // +infinity to pass the target over; `items` says whether it ever does, as for
  // PackedRTree::nearest); ties go to the lower index. nullopt when none is within its reach.
  template <typename Distance>
  std::optional<Hit> nearest(const geo::Envelope& from, Distance&& distance,
                             geo::PackedRTree::Items items = geo::PackedRTree::Items::MayBePassedOver) const {
    std::optional<Hit> best;
    for (const Group& group : groups_) {
      const double limit = best ? std::min(group.reach, best->distance) : group.reach;
      auto hit = group.tree.nearest(from, limit, distance, items);
      if (hit && (!best || hit->distance < best->distance || hit->item < best->index))
        best = Hit{hit->item, hit->distance};
    }
    return best;
  }

  // Targets held, over all groups.
  std::size_t size() const;
  // Memory held, for the derived cache's budget.
  std::size_t bytes() const;

 private:
  struct Group {
    double reach;
    geo::PackedRTree tree;
  };
  std::vector<Group> groups_;  // the farthest reaching first: its answer bounds the others' searches
};

// The derived-cache key of the index over the features of `layer` that meet `where`, grouped by
// their reach under `distance`: the full canonical text of that filter (conditions sorted by
// property, values sorted, numbers in shortest round-trip form, texts length-prefixed), so two
// filters share an index only when they select the same features with the same reaches.
std::string nearest_index_key(const store::Layer& layer, const std::vector<catalog::Condition>& where,
                              const catalog::DistanceSpec& distance);

}  // namespace onemap::analysis
