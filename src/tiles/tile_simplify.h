#pragma once
// Douglas–Peucker simplification in tile space, so a tile carries no more vertices than its
// resolution can show. Iterative (no recursion depth to worry about on long rivers) and with
// scratch buffers the caller keeps across features.
#include "geo/geometry.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace onemap::tiles {

struct SimplifyScratch {
  std::vector<std::uint8_t> keep;
  std::vector<std::pair<std::uint32_t, std::uint32_t>> stack;
};

// Appends to `out` the points of the path [begin, end) that Douglas–Peucker keeps with the given
// tolerance (tile units); the first and last points are always kept, so a closed ring stays
// closed. A tolerance ≤ 0 keeps every point.
void simplify_path(const geo::Coord* begin, const geo::Coord* end, double tolerance, std::vector<geo::Coord>& out,
                   SimplifyScratch& scratch);

}  // namespace onemap::tiles
