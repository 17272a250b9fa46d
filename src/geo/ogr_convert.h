#pragma once
// Reading OGR geometries into OneMap's Geometry: 2D, curves linearised, degenerate paths
// (lines under 2 points, rings under 4) dropped, mixed collections reduced to one family.
#include "geo/geometry.h"

#include <ogr_core.h>
#include <ogr_geometry.h>

#include <optional>

namespace onemap::geo {

// nullopt for a null, empty or entirely degenerate geometry.
std::optional<Geometry> from_ogr(const OGRGeometry& geometry);

// An OGR geometry of the same coordinates (x = east, as OneMap keeps them); `as_multi` makes a
// single point, line or polygon a one-part multi geometry, for layers that declare the multi type.
OGRGeometryUniquePtr to_ogr(GeometryView geometry, bool as_multi);

// The family (Point, LineString or Polygon) every feature of a layer declaring `type` has, curved,
// 3D and multi types included; nullopt for Unknown, GeometryCollection or None, which promise none.
std::optional<GeometryType> declared_family(OGRwkbGeometryType type);

}  // namespace onemap::geo
