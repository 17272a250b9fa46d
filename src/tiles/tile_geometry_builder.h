#pragma once
// Turns one lon/lat geometry into what a tile carries: projected to EPSG:3857 and into tile space, clipped to the
// buffered tile, snapped to the integer grid without repeated points, simplified for the zoom,
// degenerate rings dropped, rings wound as MVT wants and polygons made valid.
#include "geo/geometry.h"
#include "tiles/tile_geometry.h"
#include "tiles/tile_simplify.h"

#include <vector>

namespace onemap::tiles {

// Half a tile unit: about what snapping to the grid moves a point anyway, so simplification
// removes only vertices the tile could not show (and the stair-steps of snapped curves).
inline constexpr double kSimplifyTolerance = 0.5;

// One builder per tile (or per thread): its buffers are reused from feature to feature, so a
// tile costs no allocation per feature once they have grown.
class TileGeometryBuilder {
 public:
  // tolerance: Douglas–Peucker tolerance in tile units; 0 keeps every vertex (at the layer's
  // maximum zoom, where clients overzoom the tile and would show the loss).
  TileGeometryBuilder(const TileSpace& space, double tolerance)
      : space_(space), box_(space.clip_box()), tolerance_(tolerance) {}

  void set_tolerance(double tolerance) { tolerance_ = tolerance; }

  // Fills `out` (cleared first); false when nothing of the geometry remains in the tile.
  bool build(geo::GeometryView lonlat, TileGeometry& out);

 private:
  void build_points(geo::GeometryView g, TileGeometry& out);
  void build_lines(geo::GeometryView g, TileGeometry& out);
  void build_polygons(geo::GeometryView g, TileGeometry& out);
  void to_tile_space(geo::GeometryView g, std::uint32_t path);
  // Appends the path [begin, end) snapped to the grid and simplified, without repeated points.
  void append_path(const geo::Coord* begin, const geo::Coord* end, TileGeometry& out);

  TileSpace space_;
  geo::Envelope box_;
  double tolerance_;
  std::vector<geo::Coord> raw_;  // one path in tile space
  std::vector<geo::Coord> clipped_;
  std::vector<geo::Coord> scratch_;
  std::vector<std::uint32_t> piece_ends_;
  std::vector<geo::Coord> snapped_;
  std::vector<geo::Coord> simplified_;
  SimplifyScratch simplify_scratch_;
  std::vector<double> geos_scratch_;
};

}  // namespace onemap::tiles
