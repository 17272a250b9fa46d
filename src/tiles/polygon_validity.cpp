#include "tiles/polygon_validity.h"

#include "tiles/tile_ring.h"

#include "geo/geo_error.h"
#include "geo/geos_handles.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace onemap::tiles {
namespace {

using geo::GeosContext;
using geo::GeosGeometryPtr;

GeosGeometryPtr ring_to_geos(GeosContext& ctx, const TilePoint* begin, const TilePoint* end, std::vector<double>& xy) {
  xy.clear();
  for (const TilePoint* p = begin; p != end; ++p) {
    xy.push_back(p->x);
    xy.push_back(p->y);
  }
  GEOSCoordSequence* seq =
      GEOSCoordSeq_copyFromBuffer_r(ctx.handle(), xy.data(), static_cast<unsigned>(end - begin), 0, 0);
  if (!seq) throw geo::GeoError("GEOSCoordSeq_copyFromBuffer: " + ctx.last_error());
  return geo::geos_owned(ctx, GEOSGeom_createLinearRing_r(ctx.handle(), seq), "GEOSGeom_createLinearRing");
}

// The rings as a GEOS MultiPolygon: each exterior ring (positive area) opens a polygon and the
// holes after it belong to it, as an MVT decoder reads them.
GeosGeometryPtr to_geos(GeosContext& ctx, const TileGeometry& g, std::vector<double>& xy) {
  // Every part stays in an owning holder until the GEOS call that takes it, so a ring that
  // fails half-way leaks nothing (geo::release_for_geos).
  std::vector<GeosGeometryPtr> polygons;
  std::size_t path = 0;
  auto ring = [&](std::size_t i) {
    return ring_to_geos(ctx, g.points.data() + g.path_begin(i), g.points.data() + g.path_ends[i], xy);
  };
  while (path < g.path_ends.size()) {
    GeosGeometryPtr shell = ring(path++);
    std::vector<GeosGeometryPtr> holes;
    while (path < g.path_ends.size() &&
           twice_signed_area(g.points.data() + g.path_begin(path), g.points.data() + g.path_ends[path]) < 0)
      holes.push_back(ring(path++));
    std::vector<GEOSGeometry*> raw_holes = geo::release_for_geos(holes);
    GEOSGeometry* polygon = GEOSGeom_createPolygon_r(ctx.handle(), shell.release(), raw_holes.data(),
                                                     static_cast<unsigned>(raw_holes.size()));
    polygons.push_back(geo::geos_owned(ctx, polygon, "GEOSGeom_createPolygon"));
  }
  std::vector<GEOSGeometry*> raw = geo::release_for_geos(polygons);
  GEOSGeometry* multi =
      GEOSGeom_createCollection_r(ctx.handle(), GEOS_MULTIPOLYGON, raw.data(), static_cast<unsigned>(raw.size()));
  return geo::geos_owned(ctx, multi, "GEOSGeom_createCollection");
}

bool append_geos_ring(GeosContext& ctx, const GEOSGeometry* ring, TileGeometry& out, bool exterior) {
  const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx.handle(), ring);
  unsigned size = 0;
  if (!seq || !GEOSCoordSeq_getSize_r(ctx.handle(), seq, &size)) return false;
  const std::size_t start = out.points.size();
  for (unsigned i = 0; i < size; ++i) {
    double x = 0, y = 0;
    GEOSCoordSeq_getXY_r(ctx.handle(), seq, i, &x, &y);
    TilePoint p{static_cast<std::int32_t>(std::lround(x)), static_cast<std::int32_t>(std::lround(y))};
    if (out.points.size() == start || out.points.back() != p) out.points.push_back(p);
  }
  return finish_ring(out, start, exterior);
}

void append_rings(GeosContext& ctx, const GEOSGeometry* g, TileGeometry& out) {
  const int type = GEOSGeomTypeId_r(ctx.handle(), g);
  if (type == GEOS_POLYGON) {
    if (!append_geos_ring(ctx, GEOSGetExteriorRing_r(ctx.handle(), g), out, true)) return;  // holes go with it
    const int holes = GEOSGetNumInteriorRings_r(ctx.handle(), g);
    for (int i = 0; i < holes; ++i) append_geos_ring(ctx, GEOSGetInteriorRingN_r(ctx.handle(), g, i), out, false);
  } else if (type == GEOS_MULTIPOLYGON || type == GEOS_GEOMETRYCOLLECTION) {
    const int parts = GEOSGetNumGeometries_r(ctx.handle(), g);
    for (int i = 0; i < parts; ++i) append_rings(ctx, GEOSGetGeometryN_r(ctx.handle(), g, i), out);
  }
}

GeosGeometryPtr make_valid_on_grid(GeosContext& ctx, const GEOSGeometry* g) {
  GEOSMakeValidParams* params = GEOSMakeValidParams_create_r(ctx.handle());
  GEOSMakeValidParams_setMethod_r(ctx.handle(), params, GEOS_MAKE_VALID_STRUCTURE);
  GEOSMakeValidParams_setKeepCollapsed_r(ctx.handle(), params, 0);
  GEOSGeometry* fixed = geo::geos_call(
      ctx, [&] { return GEOSMakeValidWithParams_r(ctx.handle(), g, params); },
      [](const GEOSGeometry* r) { return !r; });
  GEOSMakeValidParams_destroy_r(ctx.handle(), params);
  GeosGeometryPtr valid = geo::geos_owned(ctx, fixed, "GEOSMakeValid");
  // Snap rounding (OverlayNG) puts every vertex back on the grid and keeps the result valid.
  return geo::geos_make(ctx, "GEOSGeom_setPrecision",
                        [&] { return GEOSGeom_setPrecision_r(ctx.handle(), valid.get(), 1.0, 0); });
}

std::int64_t cross(TilePoint o, TilePoint a, TilePoint b) {
  return std::int64_t{a.x - o.x} * (b.y - o.y) - std::int64_t{a.y - o.y} * (b.x - o.x);
}

int sign(std::int64_t v) { return (v > 0) - (v < 0); }

// Whether p, known to be on the line through a and b, lies within their box.
bool within(TilePoint a, TilePoint b, TilePoint p) {
  return std::min(a.x, b.x) <= p.x && p.x <= std::max(a.x, b.x) && std::min(a.y, b.y) <= p.y &&
         p.y <= std::max(a.y, b.y);
}

// Whether segments ab and cd share any point (crossing or touching), exactly on the grid.
bool segments_meet(TilePoint a, TilePoint b, TilePoint c, TilePoint d) {
  const int d1 = sign(cross(a, b, c)), d2 = sign(cross(a, b, d)), d3 = sign(cross(c, d, a)), d4 = sign(cross(c, d, b));
  if (d1 * d2 < 0 && d3 * d4 < 0) return true;
  return (d1 == 0 && within(a, b, c)) || (d2 == 0 && within(a, b, d)) || (d3 == 0 && within(c, d, a)) ||
         (d4 == 0 && within(c, d, b));
}

// Rings up to this many points are checked here; longer ones go to GEOS, whose sweep beats
// the pairwise test.
constexpr std::size_t kMaxPairwisePoints = 64;

// Whether a closed ring (first point == last, no repeated consecutive points) is simple: no
// two edges meet except neighbours at their shared vertex, and no neighbour folds back onto the
// other. A single simple ring with area is a valid polygon, which most tile polygons are: the
// exact integer test spares them GEOS (the larger part of a cold tile's time otherwise).
bool simple_ring(const TilePoint* p, std::size_t n) {
  const std::size_t edges = n - 1;
  for (std::size_t i = 0; i < edges; ++i) {
    // The neighbour after edge i turns back along it: a spike (zero-width part).
    const TilePoint a = p[i], b = p[i + 1], c = p[(i + 2) % edges];
    if (cross(a, b, c) == 0 && std::int64_t{b.x - a.x} * (c.x - b.x) + std::int64_t{b.y - a.y} * (c.y - b.y) < 0)
      return false;
    for (std::size_t j = i + 2; j < edges; ++j) {
      if (i == 0 && j == edges - 1) continue;  // the closing edge is edge 0's neighbour
      if (segments_meet(a, b, p[j], p[j + 1])) return false;
    }
  }
  return true;
}

}  // namespace

void ensure_valid_polygons(TileGeometry& g, std::vector<double>& scratch) {
  if (g.empty()) return;
  // One ring with area (all finish_ring lets through) that does not touch itself is valid.
  if (g.path_ends.size() == 1 && g.path_ends[0] <= kMaxPairwisePoints && simple_ring(g.points.data(), g.path_ends[0]))
    return;
  GeosContext& ctx = GeosContext::for_this_thread();
  try {
    GeosGeometryPtr geos = to_geos(ctx, g, scratch);
    if (geo::geos_predicate(ctx, [&] { return GEOSisValid_r(ctx.handle(), geos.get()); }) == 1) return;
    GeosGeometryPtr fixed = make_valid_on_grid(ctx, geos.get());
    g.points.clear();
    g.path_ends.clear();
    append_rings(ctx, fixed.get(), g);
  } catch (const geo::GeoError& e) {
    // Keep the rings as they are: a slightly invalid polygon still draws, a missing one does not.
    spdlog::debug("tile polygon left unrepaired: {}", e.what());
  }
}

}  // namespace onemap::tiles
