#include "analysis/within_distance.h"

#include "analysis/attributes.h"
#include "analysis/candidates.h"
#include "analysis/nearest_index.h"
#include "util/parallel.h"

#include <algorithm>
#include <limits>
#include <map>
#include <memory>

namespace onemap::analysis {
namespace {

bool overlapping(const QueryGeometry& from, const ReachSpec& target, GeosFeatures& target_geos, std::uint32_t i) {
  return target.skip_overlapping &&
         from.overlap(target_geos.geometry(i), geo::is_polygonal(target.layer.metric_geometry(i).type)).has_value();
}

// The index over exactly these features, shared by every request that selects the same ones
// (the same filter of the same layer): building it costs more than the searches it serves.
std::shared_ptr<const NearestIndex> nearest_index(const ReachSpec& target, double reach,
                                                  const std::vector<std::uint32_t>& items) {
  std::string key = nearest_index_key(target.layer, target.where, target.distance, reach);
  return target.layer.derived->get_or_build<NearestIndex>(
      key, [&] { return std::make_shared<const NearestIndex>(target.layer, items); });
}

bool by_distance(const DistanceMatch& a, const DistanceMatch& b) {
  return a.distance < b.distance ||
         (a.distance == b.distance && (a.source < b.source || (a.source == b.source && a.target < b.target)));
}

}  // namespace

std::optional<double> ReachSpec::reach(std::uint32_t i) const {
  if (!layer.has_geometry(i) || !matches(layer, i, where)) return std::nullopt;
  return reach_for(distance, Attributes(layer, i));
}

std::vector<DistanceMatch> nearest_targets(const store::Layer& source, const std::vector<std::uint32_t>& sources,
                                           const ReachSpec& target, bool exclude_self) {
  // Targets grouped by how far they reach (one group for a fixed distance, one per value of a
  // distance_by property): within a group only the nearest target can be a source's match, so
  // one nearest-neighbour search per group answers each source.
  std::map<double, std::vector<std::uint32_t>> by_reach;
  for (std::uint32_t i = 0; i < target.layer.feature_count(); ++i)
    if (std::optional<double> reach = target.reach(i)) by_reach[*reach].push_back(i);
  std::vector<std::pair<double, std::shared_ptr<const NearestIndex>>> groups;
  for (const auto& [reach, items] : by_reach) groups.emplace_back(reach, nearest_index(target, reach, items));

  unsigned threads = util::sweep_threads(sources.size());
  std::vector<std::vector<DistanceMatch>> found(threads);
  util::parallel_sweep(sources.size(), threads, [&](unsigned w) {
    return [&, w, target_geos = std::make_shared<GeosFeatures>(target.layer)](std::size_t k) {
      std::uint32_t s = sources[k];
      if (!source.has_geometry(s)) return;
      QueryGeometry from(source.metric_geometry(s));
      auto distance_to = [&](std::uint32_t t) {
        if (exclude_self && t == s) return std::numeric_limits<double>::infinity();
        double d = from.distance(target_geos->geometry(t));
        if (d == 0 && overlapping(from, target, *target_geos, t)) return std::numeric_limits<double>::infinity();
        return d;
      };
      std::optional<DistanceMatch> best;
      for (const auto& [reach, index] : groups) {
        auto hit = index->nearest(from.envelope(), distance_to);
        if (hit && hit->distance <= reach &&
            (!best || hit->distance < best->distance || (hit->distance == best->distance && hit->index < best->target)))
          best = DistanceMatch{s, hit->index, hit->distance};
      }
      if (best) found[w].push_back(*best);
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
