#pragma once
// GEOS operations on OneMap geometries that the edge needs whole, so no handler calls GEOS
// itself: each on the calling thread's context, interrupted when its job must stop.
#include "geo/geometry.h"

#include <optional>
#include <string>

namespace onemap::geo {

// Why the geometry is not valid, in GEOS's words ("Self-intersection[112.51 35.1]"), or nothing
// when it is. A geometry GEOS cannot even build (a ring of too few points) is invalid too, with
// GEOS's message. Throws util::Stopped when the job must stop.
std::optional<std::string> invalidity_reason(GeometryView g);

// A point on the geometry (itself for a point; GEOS's point on surface otherwise): where a
// feature is labelled in a table. NaNs for an empty geometry.
Coord point_on_surface(GeometryView g);

}  // namespace onemap::geo
