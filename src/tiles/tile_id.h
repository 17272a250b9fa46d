#pragma once
// XYZ tile addresses in the Web Mercator quad tree (OGC WebMercatorQuad: tileRow = y, tileCol =
// x, origin top-left) and the arithmetic between tiles, EPSG:3857 metres and longitude/latitude.
// Every function clamps or rejects explicitly at the edges: z 0, the last row and column, the
// poles (Web Mercator stops at ±85.0511°) and the antimeridian.
#include "geo/geometry.h"
#include "geo/web_mercator.h"

#include <cstdint>
#include <optional>

namespace onemap::tiles {

inline constexpr int kMaxZoom = 24;
using geo::kMaxLatitude;
using geo::kMercatorHalfWidth;
using geo::lonlat_to_mercator;
using geo::mercator_to_lonlat;

struct TileId {
  int z = 0;
  std::uint32_t x = 0;
  std::uint32_t y = 0;
  bool operator==(const TileId&) const = default;
};

// Tiles per side at zoom z (2^z).
inline std::uint32_t tiles_per_side(int z) { return std::uint32_t{1} << z; }

// The tile if 0 ≤ z ≤ kMaxZoom and x, y < 2^z; nullopt otherwise.
std::optional<TileId> make_tile_id(std::int64_t z, std::int64_t x, std::int64_t y);

// The tile's square in EPSG:3857 metres (y up: min_y is the tile's bottom edge).
geo::Envelope tile_bounds(const TileId& tile);

// Maps an axis-aligned EPSG:3857 box to the CRS84 box that holds exactly the same points: the
// projection is separable (x depends only on longitude, y only on latitude) and monotonic, so
// the corners are enough. Used to query the lon/lat spatial index for a tile.
geo::Envelope mercator_box_to_lonlat(const geo::Envelope& box);

// The tile at zoom z holding the point: longitudes beyond ±180 wrap, latitude is clamped, and
// points on the east or south edge of the world (lon 180, lat -85.05) fall into the last column
// or row, those on a tile's west or north edge into that tile.
TileId tile_at(double lon, double lat, int z);

}  // namespace onemap::tiles
