#pragma once
// Cutting features to an area (a township's polygon): what `clip=true` gives. Each feature
// keeps its own kind: a polygon clipped stays polygonal (slivers of line or point where it only
// touches the edge are dropped), a line stays lineal.
#include "geo/geometry.h"
#include "geo/geos_handles.h"

#include <optional>

namespace onemap::query {

class AreaClipper {
 public:
  // The area in the CRS of the geometries to clip. GEOS objects belong to the calling thread's
  // context: use the clipper on the thread that made it.
  explicit AreaClipper(geo::GeometryView area);

  // The part of `g` inside the area: `g` itself when it lies wholly inside (nothing is copied),
  // `scratch` filled with the cut when it crosses the edge, nullopt when nothing of its kind is
  // left (or `g` is empty).
  std::optional<geo::GeometryView> clip(geo::GeometryView g, geo::Geometry& scratch) const;

 private:
  geo::GeosContext& ctx_;
  geo::Envelope envelope_;
  geo::GeosGeometryPtr area_;
  geo::GeosPreparedPtr prepared_;
};

}  // namespace onemap::query
