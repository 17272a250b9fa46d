#pragma once
// The distance from a point to a geometry, computed on the flat coordinates without building a
// GEOS geometry, and equal to the last bit to what GEOS 3.11 answers for the same pair (a prepared
// point's GEOSPreparedDistance: DistanceOp). The same steps in the same order: 0 when the point
// lies in or on a polygon (PointLocator: ring envelope, on a segment, ray crossings), else the
// segment nearest by Distance::pointToSegment and the length to its LineSegment::closestPoint.
//
// GEOS decides "on the segment" and ray crossings with an orientation test that falls back on
// double-double arithmetic when the fast filter cannot tell; where the filter cannot tell, this
// gives no answer (nullopt) and the caller asks GEOS. It also gives none for shapes GEOS would
// not build as they are (rings not closed or under four points, lines of one point, non-finite
// coordinates), so those keep GEOS's handling too.
#include "geo/geometry.h"

#include <cstdint>
#include <optional>
#include <span>

namespace onemap::geo {

// `coords`, `path_ends` and `part_ends` as in Geometry; nullopt when only GEOS can say (above)
// or the geometry is empty.
std::optional<double> point_distance(Coord p, GeometryType type, std::span<const Coord> coords,
                                     std::span<const std::uint32_t> path_ends,
                                     std::span<const std::uint32_t> part_ends);

// Any geometry with Geometry's members (the layer's own, or a view of it).
template <typename G>
std::optional<double> point_distance(Coord p, const G& g) {
  return point_distance(p, g.type, std::span<const Coord>(g.coords), std::span<const std::uint32_t>(g.path_ends),
                        std::span<const std::uint32_t>(g.part_ends));
}

}  // namespace onemap::geo
