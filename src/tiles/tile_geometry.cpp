#include "tiles/tile_geometry.h"

namespace onemap::tiles {

std::int64_t twice_signed_area(const TilePoint* begin, const TilePoint* end) {
  std::int64_t sum = 0;
  for (const TilePoint* p = begin; p + 1 < end; ++p) sum += std::int64_t{p->x} * p[1].y - std::int64_t{p[1].x} * p->y;
  return sum;
}

TileSpace TileSpace::for_tile(const TileId& tile, int extent, int buffer) {
  geo::Envelope b = tile_bounds(tile);
  TileSpace s;
  s.min_x = b.min_x;
  s.max_y = b.max_y;
  s.scale = extent / (b.max_x - b.min_x);
  s.extent = extent;
  s.buffer = buffer;
  return s;
}

geo::Envelope TileSpace::clip_box_mercator() const {
  const double per_unit = 1 / scale;
  return {min_x - buffer * per_unit, max_y - (extent + buffer) * per_unit, min_x + (extent + buffer) * per_unit,
          max_y + buffer * per_unit};
}

}  // namespace onemap::tiles
