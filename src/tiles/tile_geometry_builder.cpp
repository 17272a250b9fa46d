#include "tiles/tile_geometry_builder.h"

#include "tiles/polygon_validity.h"
#include "tiles/tile_clip.h"
#include "tiles/tile_ring.h"

#include <cmath>

namespace onemap::tiles {
namespace {

// Rounds half to even, as PostGIS's grid snapping (rint) does, so both agree on ties.
TilePoint snap(geo::Coord c) {
  return {static_cast<std::int32_t>(std::nearbyint(c.x)), static_cast<std::int32_t>(std::nearbyint(c.y))};
}

}  // namespace

bool TileGeometryBuilder::build(geo::GeometryView lonlat, TileGeometry& out) {
  out.clear();
  if (lonlat.empty()) return false;
  if (geo::is_polygonal(lonlat.type))
    build_polygons(lonlat, out);
  else if (geo::is_lineal(lonlat.type))
    build_lines(lonlat, out);
  else
    build_points(lonlat, out);
  return !out.empty();
}

void TileGeometryBuilder::to_tile_space(geo::GeometryView g, std::uint32_t path) {
  geo::Range r = geo::path_coords(g, path);
  raw_.clear();
  for (std::uint32_t i = r.begin; i < r.end; ++i) raw_.push_back(space_.lonlat_to_tile(g.coords[i]));
}

void TileGeometryBuilder::append_path(const geo::Coord* begin, const geo::Coord* end, TileGeometry& out) {
  // Snap first, then simplify the snapped path: the vertices kept are grid points of the path
  // itself (as PostGIS's are), and the stair-steps snapping makes of smooth curves go away.
  snapped_.clear();
  for (const geo::Coord* c = begin; c != end; ++c) {
    geo::Coord s{std::nearbyint(c->x), std::nearbyint(c->y)};
    if (snapped_.empty() || snapped_.back() != s) snapped_.push_back(s);
  }
  simplified_.clear();
  simplify_path(snapped_.data(), snapped_.data() + snapped_.size(), tolerance_, simplified_, simplify_scratch_);
  const std::size_t start = out.points.size();
  for (const geo::Coord& c : simplified_) {
    TilePoint p{static_cast<std::int32_t>(c.x), static_cast<std::int32_t>(c.y)};
    if (out.points.size() == start || out.points.back() != p) out.points.push_back(p);
  }
}

void TileGeometryBuilder::build_points(geo::GeometryView g, TileGeometry& out) {
  out.type = TileGeometryType::Point;
  // Points are never thinned: every point of a visible layer inside the buffered tile is kept.
  for (const geo::Coord& c : g.coords) {
    geo::Coord t = space_.lonlat_to_tile(c);
    if (inside(box_, t)) out.points.push_back(snap(t));
  }
  if (!out.points.empty()) out.end_path();
}

void TileGeometryBuilder::build_lines(geo::GeometryView g, TileGeometry& out) {
  out.type = TileGeometryType::LineString;
  for (std::uint32_t path = 0; path < g.path_ends.size(); ++path) {
    to_tile_space(g, path);
    clipped_.clear();
    piece_ends_.clear();
    clip_line(raw_.data(), raw_.data() + raw_.size(), box_, clipped_, piece_ends_);
    std::uint32_t begin = 0;
    for (std::uint32_t end : piece_ends_) {
      const std::size_t start = out.points.size();
      append_path(clipped_.data() + begin, clipped_.data() + end, out);
      begin = end;
      if (out.points.size() - start < 2)
        out.points.resize(start);  // collapsed to a point
      else
        out.end_path();
    }
  }
}

void TileGeometryBuilder::build_polygons(geo::GeometryView g, TileGeometry& out) {
  out.type = TileGeometryType::Polygon;
  for (std::size_t part = 0; part < g.part_count(); ++part) {
    geo::Range paths = geo::part_paths(g, part);
    for (std::uint32_t path = paths.begin; path < paths.end; ++path) {
      const bool exterior = path == paths.begin;
      to_tile_space(g, path);
      clip_ring(raw_.data(), raw_.data() + raw_.size(), box_, clipped_, scratch_);
      const std::size_t start = out.points.size();
      append_path(clipped_.data(), clipped_.data() + clipped_.size(), out);
      // Without its exterior ring, a part's holes mean nothing: skip the rest of the part.
      if (!finish_ring(out, start, exterior) && exterior) break;
    }
  }
  ensure_valid_polygons(out, geos_scratch_);
}

}  // namespace onemap::tiles
