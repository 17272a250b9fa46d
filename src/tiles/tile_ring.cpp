#include "tiles/tile_ring.h"

#include <algorithm>
#include <array>

namespace onemap::tiles {
namespace {

// Whether the segment p→q meets the closed square of side 1 centred on c (Liang–Barsky).
bool segment_meets_pixel(TilePoint p, TilePoint q, TilePoint c) {
  const double dx = q.x - p.x, dy = q.y - p.y;
  const std::array<double, 4> pk = {-dx, dx, -dy, dy};
  const std::array<double, 4> qk = {p.x - (c.x - 0.5), (c.x + 0.5) - p.x, p.y - (c.y - 0.5), (c.y + 0.5) - p.y};
  double t0 = 0, t1 = 1;
  for (std::size_t k = 0; k < 4; ++k) {
    if (pk[k] == 0) {
      if (qk[k] < 0) return false;
      continue;
    }
    const double r = qk[k] / pk[k];
    if (pk[k] < 0)
      t0 = std::max(t0, r);
    else
      t1 = std::min(t1, r);
    if (t0 > t1) return false;
  }
  return true;
}

bool is_spike(TilePoint a, TilePoint b, TilePoint c) {
  return a == c || segment_meets_pixel(b, c, a) || segment_meets_pixel(a, b, c);
}

}  // namespace

void remove_spikes(TileGeometry& g, std::size_t start) {
  // A stack walk: each point is pushed, then spikes at the top are popped until none is left,
  // so removing one spike can reveal the next (a spike drawn with several vertices).
  std::size_t top = start;  // one past the last kept point
  for (std::size_t i = start; i < g.points.size(); ++i) {
    const TilePoint p = g.points[i];
    if (top > start && g.points[top - 1] == p) continue;
    g.points[top++] = p;
    while (top - start >= 3 && is_spike(g.points[top - 3], g.points[top - 2], g.points[top - 1])) {
      g.points[top - 2] = g.points[top - 1];
      --top;
      if (g.points[top - 2] == g.points[top - 1]) --top;  // A→B→A leaves A once
    }
  }
  g.points.resize(top);
}

bool finish_ring(TileGeometry& g, std::size_t start, bool exterior) {
  remove_spikes(g, start);
  const std::size_t n = g.points.size() - start;
  const TilePoint* begin = g.points.data() + start;
  const std::int64_t area = n >= 4 && begin[0] == begin[n - 1] ? twice_signed_area(begin, begin + n) : 0;
  // Zero area: collapsed by clipping or snapping. (A figure-eight whose lobes cancel exactly
  // lands here too; sources are repaired when loaded, so only snapping could make one.)
  if (area == 0) {
    g.points.resize(start);
    return false;
  }
  if ((area > 0) != exterior) std::reverse(g.points.begin() + static_cast<std::ptrdiff_t>(start), g.points.end());
  g.end_path();
  return true;
}

}  // namespace onemap::tiles
