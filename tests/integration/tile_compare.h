#pragma once
// How far apart two decoded tile geometries are, where the tile is drawn: the measure the
// PostGIS comparison (postgis_tiles_test.cpp) applies to every feature.
#include <string>

namespace onemap::testing {

// Every point of one geometry's outline (polygons: their boundary) inside the tile proper
// (0–4096) lies within `hausdorff` of the other's outline, which may run on into the buffer.
// The buffer itself is left out on purpose: PostGIS clips after snapping to the grid, so where
// a steep segment crosses the buffer's edge its cut point can lie a few units from ours (we
// cut the exact segment, then snap).
struct TileDifference {
  double hausdorff = 0;    // tile units
  double area_excess = 0;  // symmetric-difference area in the tile over (perimeter · 1 unit)
  double one_sided = 0;    // size (area or length) of what only one tile shows in the tile proper
};

// Both WKT in tile units, as decode_mvt gives them.
TileDifference compare_tile_geometries(const std::string& ours, const std::string& theirs);

}  // namespace onemap::testing
