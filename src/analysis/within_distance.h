#pragma once
// Distance searches between layers, exact in metres: GEOS's distances between the analysis-CRS
// geometries (never buffers, never degrees; for a point, geo::point_distance gives GEOS's answer
// without building GEOS geometries), with packed R-trees to find candidates.
#include "analysis/geos_features.h"
#include "catalog/rules.h"
#include "store/layer.h"

#include <cstdint>
#include <optional>
#include <vector>

namespace onemap::analysis {

// The features of a layer that can be reached, and how far each reaches: a target of a
// within_distance rule, or of the within-distance process.
struct ReachSpec {
  const store::Layer& layer;
  std::vector<catalog::Condition> where;
  catalog::DistanceSpec distance;
  // Adjacency: a target sharing ground with the feature is "on" it, not next to it (rules of
  // their own cover that), so it is passed over; touching still counts.
  bool skip_overlapping = false;

  // nullopt when feature i is not a target (fails `where`, no distance case covers it, or has
  // no geometry).
  std::optional<double> reach(std::uint32_t i) const;
};

struct DistanceMatch {
  std::uint32_t source;
  std::uint32_t target;
  double distance;
};

// For each of `sources` (indices into `source`), the nearest target lying within that target's
// reach; sources with none are left out. Sorted by distance, then source index. With
// `exclude_self` (source and target the same layer) a feature never matches itself.
// Runs on several threads when there are many sources.
std::vector<DistanceMatch> nearest_targets(const store::Layer& source, const std::vector<std::uint32_t>& sources,
                                           const ReachSpec& target, bool exclude_self);

// Every target within its reach of `from`, nearest first (`source` of each match is 0).
std::vector<DistanceMatch> targets_within(const QueryGeometry& from, const ReachSpec& target, GeosFeatures& target_geos,
                                          std::optional<std::uint32_t> exclude = std::nullopt);

}  // namespace onemap::analysis
