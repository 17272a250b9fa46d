#include "tiles/tile_simplify.h"

namespace onemap::tiles {
namespace {

// Squared distance from c to the segment a–b (to the point a when the segment is degenerate, as
// for a closed ring's first and last point).
double squared_segment_distance(geo::Coord c, geo::Coord a, geo::Coord b) {
  double dx = b.x - a.x, dy = b.y - a.y;
  double x = a.x, y = a.y;
  if (dx != 0 || dy != 0) {
    double t = ((c.x - a.x) * dx + (c.y - a.y) * dy) / (dx * dx + dy * dy);
    if (t > 1) {
      x = b.x;
      y = b.y;
    } else if (t > 0) {
      x += dx * t;
      y += dy * t;
    }
  }
  dx = c.x - x;
  dy = c.y - y;
  return dx * dx + dy * dy;
}

}  // namespace

void simplify_path(const geo::Coord* begin, const geo::Coord* end, double tolerance, std::vector<geo::Coord>& out,
                   SimplifyScratch& scratch) {
  const auto n = static_cast<std::uint32_t>(end - begin);
  if (tolerance <= 0 || n <= 2) {
    out.insert(out.end(), begin, end);
    return;
  }
  const double squared_tolerance = tolerance * tolerance;
  scratch.keep.assign(n, 0);
  scratch.keep[0] = scratch.keep[n - 1] = 1;
  scratch.stack.clear();
  scratch.stack.emplace_back(0, n - 1);
  while (!scratch.stack.empty()) {
    auto [first, last] = scratch.stack.back();
    scratch.stack.pop_back();
    double max_distance = 0;
    std::uint32_t farthest = 0;
    for (std::uint32_t i = first + 1; i < last; ++i) {
      double d = squared_segment_distance(begin[i], begin[first], begin[last]);
      if (d > max_distance) {
        max_distance = d;
        farthest = i;
      }
    }
    if (max_distance > squared_tolerance) {
      scratch.keep[farthest] = 1;
      scratch.stack.emplace_back(first, farthest);
      scratch.stack.emplace_back(farthest, last);
    }
  }
  for (std::uint32_t i = 0; i < n; ++i)
    if (scratch.keep[i]) out.push_back(begin[i]);
}

}  // namespace onemap::tiles
