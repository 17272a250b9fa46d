#pragma once
// Clipping in tile space (doubles, before snapping) to the buffered tile. Our own Sutherland–
// Hodgman and Liang–Barsky rather than GEOSClipByRect: they work on the flat coordinate arrays
// we already hold, with buffers the caller reuses, so a tile needs no GEOS geometry per feature.
// Sutherland–Hodgman can leave zero-width "bridges" along the box edge where a concave polygon
// leaves and re-enters the tile; the polygon validity pass (polygon_validity.h) removes them.
#include "geo/geometry.h"

#include <cstdint>
#include <vector>

namespace onemap::tiles {

// Clips the closed ring [begin, end) (first point == last) to `box`. `out` receives the clipped
// closed ring, or nothing when no part of the ring's area lies in the box. A ring that encloses
// the whole box becomes the box itself.
void clip_ring(const geo::Coord* begin, const geo::Coord* end, const geo::Envelope& box, std::vector<geo::Coord>& out,
               std::vector<geo::Coord>& scratch);

// Clips the line [begin, end) to `box`, appending each piece inside it to `out` and the end
// offset of each piece (one past its last point, counted in `out`) to `ends`.
void clip_line(const geo::Coord* begin, const geo::Coord* end, const geo::Envelope& box, std::vector<geo::Coord>& out,
               std::vector<std::uint32_t>& ends);

inline bool inside(const geo::Envelope& box, geo::Coord c) {
  return c.x >= box.min_x && c.x <= box.max_x && c.y >= box.min_y && c.y <= box.max_y;
}

}  // namespace onemap::tiles
