#pragma once
// Coordinate transformation with PROJ between two CRS definitions. A Reprojector belongs to
// the thread that made it (PROJ objects are bound to that thread's context); `for_this_thread`
// keeps one per (from, to) pair per thread, because creating one costs a database look-up.
#include "geo/crs.h"
#include "geo/geometry.h"
#include "geo/proj_handles.h"

namespace onemap::geo {

class Reprojector {
 public:
  // Throws GeoError when either CRS is unknown to PROJ or no transformation exists.
  Reprojector(const CrsDef& from, const CrsDef& to);

  // Transforms in place; throws GeoError when a coordinate cannot be transformed.
  void transform(Geometry& geometry) const;
  void transform(Coord* coords, std::size_t count) const;
  Coord transform(Coord c) const;

  static const Reprojector& for_this_thread(const CrsDef& from, const CrsDef& to);

 private:
  PjPtr op_;
  bool identity_;
};

}  // namespace onemap::geo
