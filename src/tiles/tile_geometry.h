#pragma once
// Geometries in tile space: integer coordinates in [0, extent) with y down, as MVT stores them,
// and the affine map from EPSG:3857 metres into that space.
#include "geo/geometry.h"
#include "tiles/tile_id.h"

#include <cstdint>
#include <vector>

namespace onemap::tiles {

// The MVT GeomType values, so the encoder can write them as they are.
enum class TileGeometryType : std::uint8_t { Unknown = 0, Point = 1, LineString = 2, Polygon = 3 };

struct TilePoint {
  std::int32_t x = 0;
  std::int32_t y = 0;
  bool operator==(const TilePoint&) const = default;
};

// Paths stored back to back: a point geometry has one path holding all its points; a line one
// path per line; a polygon one closed ring (first point == last) per path, each exterior ring
// (positive area in tile space, i.e. clockwise on screen) followed by its holes (negative area),
// which is exactly how MVT tells exteriors from holes.
struct TileGeometry {
  TileGeometryType type = TileGeometryType::Unknown;
  std::vector<TilePoint> points;
  std::vector<std::uint32_t> path_ends;

  bool empty() const { return path_ends.empty(); }
  void clear() {
    type = TileGeometryType::Unknown;
    points.clear();
    path_ends.clear();
  }
  void end_path() { path_ends.push_back(static_cast<std::uint32_t>(points.size())); }
  std::uint32_t path_begin(std::size_t path) const { return path == 0 ? 0u : path_ends[path - 1]; }
};

// Twice the signed area of a closed ring by the surveyor's formula, in tile space (y down):
// positive for an exterior ring as MVT 2.1 defines it.
std::int64_t twice_signed_area(const TilePoint* begin, const TilePoint* end);

// EPSG:3857 → tile space for one tile: x grows east, y grows south, the tile is [0, extent]².
struct TileSpace {
  double min_x = 0;  // the tile's west edge, metres
  double max_y = 0;  // its north edge, metres
  double scale = 1;  // tile units per metre
  int extent = 4096;
  int buffer = 64;  // tile units kept around the tile, so strokes and labels join up

  static TileSpace for_tile(const TileId& tile, int extent, int buffer);
  geo::Coord to_tile(geo::Coord m) const { return {(m.x - min_x) * scale, (max_y - m.y) * scale}; }
  // Layers keep lon/lat only: projecting on the way costs less than a second copy of every
  // coordinate would (see docs/ARCHITECTURE.md, "Memory").
  geo::Coord lonlat_to_tile(geo::Coord lonlat) const { return to_tile(lonlat_to_mercator(lonlat)); }
  // The buffered tile in tile units: geometries are clipped to it.
  geo::Envelope clip_box() const {
    return {-static_cast<double>(buffer), -static_cast<double>(buffer), static_cast<double>(extent + buffer),
            static_cast<double>(extent + buffer)};
  }
  // The buffered tile in EPSG:3857 metres, to find candidate features.
  geo::Envelope clip_box_mercator() const;
};

}  // namespace onemap::tiles
