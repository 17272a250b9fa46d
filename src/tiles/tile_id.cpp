#include "tiles/tile_id.h"

#include <algorithm>
#include <cmath>
#include <numbers>

namespace onemap::tiles {
std::optional<TileId> make_tile_id(std::int64_t z, std::int64_t x, std::int64_t y) {
  if (z < 0 || z > kMaxZoom) return std::nullopt;
  const std::int64_t n = std::int64_t{1} << z;
  if (x < 0 || y < 0 || x >= n || y >= n) return std::nullopt;
  return TileId{static_cast<int>(z), static_cast<std::uint32_t>(x), static_cast<std::uint32_t>(y)};
}

geo::Envelope tile_bounds(const TileId& tile) {
  const double size = 2 * kMercatorHalfWidth / tiles_per_side(tile.z);
  // Computed from the tile index each time (not accumulated), so neighbouring tiles share
  // bit-identical edges and the last tile ends exactly at +kMercatorHalfWidth.
  geo::Envelope e;
  e.min_x = -kMercatorHalfWidth + tile.x * size;
  e.max_x = tile.x + 1 == tiles_per_side(tile.z) ? kMercatorHalfWidth : -kMercatorHalfWidth + (tile.x + 1) * size;
  e.max_y = kMercatorHalfWidth - tile.y * size;
  e.min_y = tile.y + 1 == tiles_per_side(tile.z) ? -kMercatorHalfWidth : kMercatorHalfWidth - (tile.y + 1) * size;
  return e;
}

geo::Envelope mercator_box_to_lonlat(const geo::Envelope& box) {
  if (box.empty()) return box;
  geo::Coord lo = mercator_to_lonlat({box.min_x, box.min_y});
  geo::Coord hi = mercator_to_lonlat({box.max_x, box.max_y});
  // The clamp above would cut features beyond ±85.05° (the loader clamps their mercator copy to
  // that edge, but their lon/lat envelope reaches further): the edge rows take the whole pole.
  if (box.max_y >= kMercatorHalfWidth) hi.y = 90;
  if (box.min_y <= -kMercatorHalfWidth) lo.y = -90;
  return {lo.x, lo.y, hi.x, hi.y};
}

TileId tile_at(double lon, double lat, int z) {
  z = std::clamp(z, 0, kMaxZoom);
  const std::uint32_t n = tiles_per_side(z);
  if (!std::isfinite(lon) || !std::isfinite(lat)) return {z, 0, 0};
  if (lon < -180.0 || lon > 180.0) {  // wrap; ±180 itself stays on its own side of the world
    lon = std::fmod(lon + 180.0, 360.0);
    lon = (lon < 0 ? lon + 360.0 : lon) - 180.0;
  }
  geo::Coord m = lonlat_to_mercator({lon, lat});
  auto index = [n](double fraction) {
    auto i = static_cast<std::int64_t>(std::floor(fraction * n));
    return static_cast<std::uint32_t>(std::clamp<std::int64_t>(i, 0, n - 1));
  };
  return {z, index((m.x + kMercatorHalfWidth) / (2 * kMercatorHalfWidth)),
          index((kMercatorHalfWidth - m.y) / (2 * kMercatorHalfWidth))};
}

}  // namespace onemap::tiles
