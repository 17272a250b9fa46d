#include "analysis/candidates.h"

#include <algorithm>
#include <cmath>

namespace onemap::analysis {

double envelope_distance(const geo::Envelope& a, const geo::Envelope& b) {
  double dx = std::max({0.0, a.min_x - b.max_x, b.min_x - a.max_x});
  double dy = std::max({0.0, a.min_y - b.max_y, b.min_y - a.max_y});
  return std::hypot(dx, dy);
}

std::vector<Candidate> candidates_near(const store::Layer& layer, const geo::Envelope& box, double reach) {
  std::vector<Candidate> out;
  if (box.empty() || !layer.metric_index) return out;
  geo::Envelope wide{box.min_x - reach, box.min_y - reach, box.max_x + reach, box.max_y + reach};
  std::vector<std::uint32_t> hits;
  layer.metric_index->query(wide, hits);
  out.reserve(hits.size());
  for (std::uint32_t i : hits) {
    double d = envelope_distance(box, layer.metric_envelopes[i]);
    if (d <= reach) out.push_back({i, d});  // the box's corners reach less far than its sides
  }
  std::sort(out.begin(), out.end(), [](const Candidate& a, const Candidate& b) {
    return a.envelope_distance < b.envelope_distance ||
           (a.envelope_distance == b.envelope_distance && a.index < b.index);
  });
  return out;
}

}  // namespace onemap::analysis
