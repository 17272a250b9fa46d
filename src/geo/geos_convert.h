#pragma once
// Conversions between OneMap's Geometry and GEOS geometries, and the repair of dirty polygons.
#include "geo/geometry.h"
#include "geo/geos_handles.h"

namespace onemap::geo {

GeosGeometryPtr to_geos(GeosContext& ctx, GeometryView geometry);
GeosGeometryPtr envelope_to_geos(GeosContext& ctx, const Envelope& envelope);

// Keeps only the parts of the GEOS geometry of `want`'s family (points, lines or polygons);
// returns an empty Geometry when none remain.
Geometry from_geos(GeosContext& ctx, const GEOSGeometry* g, GeometryType want);

enum class Repair { Valid, Repaired, Unrepairable };

// Polygons with self-intersecting rings and the like are made valid with GEOS MakeValid,
// keeping polygonal parts; other geometry kinds are left alone.
Repair repair_if_invalid(GeosContext& ctx, Geometry& geometry);

}  // namespace onemap::geo
