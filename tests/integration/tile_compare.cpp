#include "tile_compare.h"

#include "geo/geos_handles.h"

#include <algorithm>

namespace onemap::testing {
namespace {

geo::GeosGeometryPtr geos_from_wkt(geo::GeosContext& ctx, const std::string& wkt) {
  GEOSWKTReader* reader = GEOSWKTReader_create_r(ctx.handle());
  GEOSGeometry* g = GEOSWKTReader_read_r(ctx.handle(), reader, wkt.c_str());
  GEOSWKTReader_destroy_r(ctx.handle(), reader);
  return geo::geos_owned(ctx, g, "GEOSWKTReader_read");
}

bool polygonal(geo::GeosContext& ctx, const GEOSGeometry* g) {
  const int type = GEOSGeomTypeId_r(ctx.handle(), g);
  return type == GEOS_POLYGON || type == GEOS_MULTIPOLYGON;
}

geo::GeosGeometryPtr clip_to_tile(geo::GeosContext& ctx, const GEOSGeometry* g) {
  return geo::geos_owned(ctx, GEOSClipByRect_r(ctx.handle(), g, 0, 0, 4096, 4096), "GEOSClipByRect");
}

// max over points p of `part` of the distance from p to `whole`: the Hausdorff distance between
// part ∪ whole and whole, as every point of `whole` is at distance 0 from itself.
double directed_distance(geo::GeosContext& ctx, const GEOSGeometry* part, const GEOSGeometry* whole) {
  GEOSGeometry* both[] = {GEOSGeom_clone_r(ctx.handle(), part), GEOSGeom_clone_r(ctx.handle(), whole)};
  auto collection =
      geo::geos_owned(ctx, GEOSGeom_createCollection_r(ctx.handle(), GEOS_GEOMETRYCOLLECTION, both, 2), "collection");
  double d = 0;
  // Vertices suffice: the two paths share most vertices, and where one has extra vertices
  // (PostGIS keeps the stair-steps we simplify away) those are the points that stray.
  GEOSHausdorffDistance_r(ctx.handle(), collection.get(), whole, &d);
  return d;
}

}  // namespace

TileDifference compare_tile_geometries(const std::string& ours, const std::string& theirs) {
  geo::GeosContext& ctx = geo::GeosContext::for_this_thread();
  auto a = geos_from_wkt(ctx, ours), b = geos_from_wkt(ctx, theirs);
  TileDifference d;
  auto a_tile = clip_to_tile(ctx, a.get()), b_tile = clip_to_tile(ctx, b.get());
  const bool a_empty = GEOSisEmpty_r(ctx.handle(), a_tile.get()) == 1,
             b_empty = GEOSisEmpty_r(ctx.handle(), b_tile.get()) == 1;
  if (a_empty && b_empty) return d;
  if (a_empty || b_empty) {
    const GEOSGeometry* shown = a_empty ? b_tile.get() : a_tile.get();
    if (polygonal(ctx, shown))
      GEOSArea_r(ctx.handle(), shown, &d.one_sided);
    else
      GEOSLength_r(ctx.handle(), shown, &d.one_sided);
    return d;
  }
  const bool areas = polygonal(ctx, a.get()) && polygonal(ctx, b.get());
  auto outline = [&](const GEOSGeometry* g) {
    return areas ? geo::geos_owned(ctx, GEOSBoundary_r(ctx.handle(), g), "GEOSBoundary")
                 : geo::geos_owned(ctx, GEOSGeom_clone_r(ctx.handle(), g), "GEOSGeom_clone");
  };
  auto a_line = outline(a.get()), b_line = outline(b.get());
  auto a_line_tile = clip_to_tile(ctx, a_line.get()), b_line_tile = clip_to_tile(ctx, b_line.get());
  if (GEOSisEmpty_r(ctx.handle(), a_line_tile.get()) != 1)
    d.hausdorff = directed_distance(ctx, a_line_tile.get(), b_line.get());
  if (GEOSisEmpty_r(ctx.handle(), b_line_tile.get()) != 1)
    d.hausdorff = std::max(d.hausdorff, directed_distance(ctx, b_line_tile.get(), a_line.get()));
  if (areas) {
    auto sym = geo::geos_owned(ctx, GEOSSymDifference_r(ctx.handle(), a_tile.get(), b_tile.get()), "GEOSSymDifference");
    double area = 0, perimeter = 0;
    GEOSArea_r(ctx.handle(), sym.get(), &area);
    GEOSLength_r(ctx.handle(), a_tile.get(), &perimeter);
    d.area_excess = area / std::max(perimeter, 1.0);
  }
  return d;
}

}  // namespace onemap::testing
