#include "analysis/within_distance.h"

#include "analysis/attributes.h"
#include "analysis/candidates.h"
#include "analysis/parallel.h"

#include <algorithm>
#include <limits>

namespace onemap::analysis {
namespace {

bool overlapping(const QueryGeometry& from, const ReachSpec& target, GeosFeatures& target_geos, std::uint32_t i) {
  return target.skip_overlapping && from.overlap(target_geos.geometry(i), geo::is_polygonal(target.layer.metric[i].type)).has_value();
}

// The nearest reachable target of one source. The search widens ring by ring (each four times
// the last, up to the farthest reach) and stops once it holds a match nearer than the ring's
// edge: most sources have a target close by, so most searches touch few of a 10 km circle's
// thousands of parcels. Within a ring, candidates come nearest envelope first, and an envelope
// distance is a lower bound, so the loop ends at the first one farther than the best match.
std::optional<DistanceMatch> nearest(const QueryGeometry& from, std::uint32_t source, const ReachSpec& target,
                                     GeosFeatures& target_geos, bool exclude_self) {
  constexpr double kFirstRing = 1000;
  const double max_reach = target.distance.max();
  std::optional<DistanceMatch> best;
  double examined = -1;  // candidates with envelope distance ≤ this were seen in an earlier ring
  for (double ring = std::min(kFirstRing, max_reach);; ring = std::min(ring * 4, max_reach)) {
    for (const Candidate& c : candidates_near(target.layer, from.envelope(), ring)) {
      if (c.envelope_distance <= examined) continue;
      if (best && c.envelope_distance > best->distance) break;
      if (exclude_self && c.index == source) continue;
      std::optional<double> reach = target.reach(c.index);
      if (!reach || c.envelope_distance > *reach) continue;
      double d = from.distance(target_geos.geometry(c.index));
      if (d == 0 && overlapping(from, target, target_geos, c.index)) continue;
      if (d <= *reach && (!best || d < best->distance)) best = DistanceMatch{source, c.index, d};
    }
    if ((best && best->distance <= ring) || ring >= max_reach) return best;
    examined = ring;
  }
}

bool by_distance(const DistanceMatch& a, const DistanceMatch& b) {
  return a.distance < b.distance || (a.distance == b.distance && (a.source < b.source || (a.source == b.source && a.target < b.target)));
}

}  // namespace

std::optional<double> ReachSpec::reach(std::uint32_t i) const {
  if (layer.metric[i].empty() || !matches(layer, i, where)) return std::nullopt;
  return reach_for(distance, Attributes(layer, i));
}

std::vector<DistanceMatch> nearest_targets(const store::Layer& source, const std::vector<std::uint32_t>& sources,
                                           const ReachSpec& target, bool exclude_self) {
  unsigned threads = sweep_threads(sources.size());
  std::vector<std::vector<DistanceMatch>> found(threads);
  parallel_sweep(sources.size(), threads, [&](unsigned w) {
    return [&, w, target_geos = std::make_shared<GeosFeatures>(target.layer)](std::size_t k) {
      std::uint32_t s = sources[k];
      if (source.metric[s].empty()) return;
      QueryGeometry from(source.metric[s]);
      if (auto match = nearest(from, s, target, *target_geos, exclude_self)) found[w].push_back(*match);
    };
  });
  std::vector<DistanceMatch> all;
  for (auto& part : found) all.insert(all.end(), part.begin(), part.end());
  std::sort(all.begin(), all.end(), by_distance);
  return all;
}

std::vector<DistanceMatch> targets_within(const QueryGeometry& from, const ReachSpec& target, GeosFeatures& target_geos,
                                          std::optional<std::uint32_t> exclude) {
  std::vector<DistanceMatch> out;
  for (const Candidate& c : candidates_near(target.layer, from.envelope(), target.distance.max())) {
    if (exclude && c.index == *exclude) continue;
    std::optional<double> reach = target.reach(c.index);
    if (!reach || c.envelope_distance > *reach) continue;
    double d = from.distance(target_geos.geometry(c.index));
    if (d == 0 && overlapping(from, target, target_geos, c.index)) continue;
    if (d <= *reach) out.push_back({0, c.index, d});
  }
  std::sort(out.begin(), out.end(), by_distance);
  return out;
}

}  // namespace onemap::analysis
