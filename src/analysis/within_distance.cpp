#include "analysis/within_distance.h"

#include "analysis/attributes.h"
#include "analysis/candidates.h"
#include "analysis/nearest_index.h"
#include "geo/point_distance.h"
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

// The index over exactly these targets, shared by every request that selects the same ones
// (the same filter of the same layer): building it costs more than the searches it serves, and
// so does grouping a million features by reach.
std::shared_ptr<const NearestIndex> nearest_index(const ReachSpec& target) {
  std::string key = nearest_index_key(target.layer, target.where, target.distance);
  return target.layer.derived->get_or_build<NearestIndex>(key, [&] {
    std::map<double, std::vector<std::uint32_t>> by_reach;
    for (std::uint32_t i = 0; i < target.layer.feature_count(); ++i)
      if (std::optional<double> reach = target.reach(i)) by_reach[*reach].push_back(i);
    return std::make_shared<const NearestIndex>(target.layer, by_reach);
  });
}

// Exact distances in metres from one source feature to targets. A point measures itself on the
// targets' own coordinates (geo::point_distance, GEOS's answer without building GEOS
// geometries); other shapes, and what that leaves to GEOS, go through GEOS, made on first need.
class SourceDistances {
 public:
  SourceDistances(const store::Layer& source, std::uint32_t s, const ReachSpec& target, GeosFeatures& target_geos,
                  bool exclude_self)
      : source_(source), s_(s), target_(target), target_geos_(target_geos), exclude_self_(exclude_self) {
    const auto& g = source.metric_geometry(s);
    if (g.type == geo::GeometryType::Point && g.coords.size() == 1) point_ = g.coords[0];
  }

  double operator()(std::uint32_t t) {
    if (exclude_self_ && t == s_) return std::numeric_limits<double>::infinity();
    if (point_) {
      std::optional<double> d = geo::point_distance(*point_, target_.layer.metric_geometry(t));
      if (d && (*d > 0 || !target_.skip_overlapping)) return *d;
    }
    if (!query_) query_.emplace(source_.metric_geometry(s_));
    double d = query_->distance(target_geos_.geometry(t));
    if (d == 0 && overlapping(*query_, target_, target_geos_, t)) return std::numeric_limits<double>::infinity();
    return d;
  }

 private:
  const store::Layer& source_;
  std::uint32_t s_;
  const ReachSpec& target_;
  GeosFeatures& target_geos_;
  bool exclude_self_;
  std::optional<geo::Coord> point_;
  std::optional<QueryGeometry> query_;
};

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
  // Within a group of targets that reach equally far only the nearest can be a source's match,
  // so one nearest-neighbour search per group answers each source (NearestIndex).
  std::shared_ptr<const NearestIndex> index = nearest_index(target);
  // Every target counts unless a source may not match itself or targets sharing its ground.
  const auto items = exclude_self || target.skip_overlapping ? geo::PackedRTree::Items::MayBePassedOver
                                                             : geo::PackedRTree::Items::AllCount;
  // Sources taken in Hilbert order: one search after another walks the same part of the trees
  // and of the targets, already in the processor's cache.
  const std::vector<std::uint32_t> order = geo::PackedRTree::hilbert_sorted(source.metric_envelopes, sources);
  unsigned threads = util::sweep_threads(order.size());
  std::vector<std::vector<DistanceMatch>> found(threads);
  util::parallel_sweep(order.size(), threads, [&](unsigned w) {
    return [&, w, target_geos = std::make_shared<GeosFeatures>(target.layer)](std::size_t k) {
      std::uint32_t s = order[k];
      if (!source.has_geometry(s)) return;
      SourceDistances distance(source, s, target, *target_geos, exclude_self);
      if (auto hit = index->nearest(source.metric_envelopes[s], distance, items))
        found[w].push_back(DistanceMatch{s, hit->index, hit->distance});
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
    util::checkpoint();  // a plot of many vertices makes each distance dear, and a wide reach many
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
