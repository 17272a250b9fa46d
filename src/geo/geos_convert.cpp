#include "geo/geos_convert.h"

#include "geo/geo_error.h"

#include <vector>

namespace onemap::geo {
namespace {

GeosCoordSeqPtr make_sequence(GeosContext& ctx, GeometryView g, std::size_t path) {
  Range r = path_coords(g, path);
  GEOSCoordSequence* seq =
      GEOSCoordSeq_copyFromBuffer_r(ctx.handle(), &g.coords[r.begin].x, r.end - r.begin, false, false);
  if (!seq) throw GeoError("GEOSCoordSeq_copyFromBuffer: " + ctx.last_error());
  return GeosCoordSeqPtr(seq, GeosCoordSeqDeleter{ctx.handle()});
}

// GEOS takes the sequence whether or not the ring can be made, so it is released into the call.
GeosGeometryPtr make_ring(GeosContext& ctx, GeometryView g, std::size_t path) {
  GeosCoordSeqPtr seq = make_sequence(ctx, g, path);
  return geos_owned(ctx, GEOSGeom_createLinearRing_r(ctx.handle(), seq.release()), "invalid ring");
}

GeosGeometryPtr make_polygon(GeosContext& ctx, GeometryView g, Range paths) {
  // Rings of fewer than four coordinates never reach here: ogr_convert drops them.
  GeosGeometryPtr shell = make_ring(ctx, g, paths.begin);
  std::vector<GeosGeometryPtr> holes;
  for (std::uint32_t p = paths.begin + 1; p < paths.end; ++p) {
    try {
      holes.push_back(make_ring(ctx, g, p));
    } catch (const GeoError&) {
      // A hole GEOS rejects is left out: the polygon without it is still the area meant.
    }
  }
  std::vector<GEOSGeometry*> raw_holes = release_for_geos(holes);
  return geos_owned(ctx,
                    GEOSGeom_createPolygon_r(ctx.handle(), shell.release(), raw_holes.data(),
                                             static_cast<unsigned>(raw_holes.size())),
                    "polygon");
}

GeosGeometryPtr make_part(GeosContext& ctx, GeometryView g, std::size_t part) {
  Range paths = part_paths(g, part);
  switch (g.type) {
    case GeometryType::Point:
    case GeometryType::MultiPoint:
      return geos_owned(ctx, GEOSGeom_createPoint_r(ctx.handle(), make_sequence(ctx, g, paths.begin).release()),
                        "point");
    case GeometryType::LineString:
    case GeometryType::MultiLineString:
      return geos_owned(ctx, GEOSGeom_createLineString_r(ctx.handle(), make_sequence(ctx, g, paths.begin).release()),
                        "line");
    case GeometryType::Polygon:
    case GeometryType::MultiPolygon:
      return make_polygon(ctx, g, paths);
  }
  throw GeoError("unknown geometry type");
}

int collection_type(GeometryType type) {
  switch (type) {
    case GeometryType::Point:
    case GeometryType::MultiPoint:
      return GEOS_MULTIPOINT;
    case GeometryType::LineString:
    case GeometryType::MultiLineString:
      return GEOS_MULTILINESTRING;
    default:
      return GEOS_MULTIPOLYGON;
  }
}

void append_path(GeosContext& ctx, const GEOSGeometry* line, Geometry& out) {
  const GEOSCoordSequence* seq = GEOSGeom_getCoordSeq_r(ctx.handle(), line);
  unsigned size = 0;
  GEOSCoordSeq_getSize_r(ctx.handle(), seq, &size);
  std::vector<Coord> path(size);
  if (size) GEOSCoordSeq_copyToBuffer_r(ctx.handle(), seq, &path[0].x, false, false);
  out.add_path(path);
}

void collect(GeosContext& ctx, const GEOSGeometry* g, GeometryType family, Geometry& out) {
  GEOSContextHandle_t h = ctx.handle();
  int type = GEOSGeomTypeId_r(h, g);
  if (type >= GEOS_MULTIPOINT) {
    int n = GEOSGetNumGeometries_r(h, g);
    for (int i = 0; i < n; ++i) collect(ctx, GEOSGetGeometryN_r(h, g, i), family, out);
    return;
  }
  if (GEOSisEmpty_r(h, g) == 1) return;
  if (type == GEOS_POINT && !is_polygonal(family) && !is_lineal(family)) {
    out.begin_part();
    append_path(ctx, g, out);
  } else if ((type == GEOS_LINESTRING || type == GEOS_LINEARRING) && is_lineal(family)) {
    out.begin_part();
    append_path(ctx, g, out);
  } else if (type == GEOS_POLYGON && is_polygonal(family)) {
    out.begin_part();
    append_path(ctx, GEOSGetExteriorRing_r(h, g), out);
    int holes = GEOSGetNumInteriorRings_r(h, g);
    for (int i = 0; i < holes; ++i) append_path(ctx, GEOSGetInteriorRingN_r(h, g, i), out);
  }
}

}  // namespace

GeosGeometryPtr to_geos(GeosContext& ctx, GeometryView geometry) {
  if (geometry.empty())
    return geos_owned(ctx, GEOSGeom_createEmptyCollection_r(ctx.handle(), GEOS_GEOMETRYCOLLECTION), "empty geometry");
  if (!is_multi(geometry.type)) return make_part(ctx, geometry, 0);
  // Built parts stay owned until the collection takes them, so a later part that fails frees them.
  std::vector<GeosGeometryPtr> parts;
  parts.reserve(geometry.part_count());
  for (std::size_t i = 0; i < geometry.part_count(); ++i) parts.push_back(make_part(ctx, geometry, i));
  std::vector<GEOSGeometry*> raw = release_for_geos(parts);
  return geos_owned(ctx,
                    GEOSGeom_createCollection_r(ctx.handle(), collection_type(geometry.type), raw.data(),
                                                static_cast<unsigned>(raw.size())),
                    "collection");
}

GeosGeometryPtr envelope_to_geos(GeosContext& ctx, const Envelope& e) {
  return geos_owned(ctx, GEOSGeom_createRectangle_r(ctx.handle(), e.min_x, e.min_y, e.max_x, e.max_y), "rectangle");
}

Geometry from_geos(GeosContext& ctx, const GEOSGeometry* g, GeometryType want) {
  Geometry out;
  collect(ctx, g, want, out);
  bool single = out.part_count() == 1 && !is_multi(want);
  if (is_polygonal(want))
    out.type = single ? GeometryType::Polygon : GeometryType::MultiPolygon;
  else if (is_lineal(want))
    out.type = single ? GeometryType::LineString : GeometryType::MultiLineString;
  else
    out.type = single ? GeometryType::Point : GeometryType::MultiPoint;
  return out;
}

Repair repair_if_invalid(GeosContext& ctx, Geometry& geometry) {
  if (!is_polygonal(geometry.type) || geometry.empty()) return Repair::Valid;
  GeosGeometryPtr g = to_geos(ctx, geometry);
  if (geos_predicate(ctx, [&] { return GEOSisValid_r(ctx.handle(), g.get()); }) == 1) return Repair::Valid;
  GEOSGeometry* fixed_raw = geos_call(
      ctx, [&] { return GEOSMakeValid_r(ctx.handle(), g.get()); }, [](const GEOSGeometry* r) { return !r; });
  if (!fixed_raw) return Repair::Unrepairable;
  GeosGeometryPtr fixed(fixed_raw, GeosGeometryDeleter{ctx.handle()});
  Geometry repaired = from_geos(ctx, fixed.get(), geometry.type);
  if (repaired.empty()) return Repair::Unrepairable;
  geometry = std::move(repaired);
  return Repair::Repaired;
}

}  // namespace onemap::geo
