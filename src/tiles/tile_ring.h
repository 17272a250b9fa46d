#pragma once
// Finishing one polygon ring in tile space once it is snapped: spikes out, degenerate rings
// dropped, winding set as MVT wants.
#include "tiles/tile_geometry.h"

#include <cstddef>

namespace onemap::tiles {

// The points g.points[start..] (snapped, without consecutive repeats) end a ring. Removes
// spikes, then keeps the ring as a path when it is proper (≥ 4 points, closed, non-zero area),
// wound as an exterior (positive area) or a hole (negative), and drops its points otherwise.
// Returns whether the ring was kept.
bool finish_ring(TileGeometry& g, std::size_t start, bool exterior);

// Removes, from g.points[start..], every vertex B whose neighbours A and C make it a spike at
// tile resolution: the path A→B→C comes back through A's pixel (or reaches C's pixel before
// turning), i.e. segment B→C meets the unit square around A, or A→B the one around C. Snap
// rounding (GEOS, wagyu in PostGIS) would node the path there and cut the spike off; such
// sub-pixel slivers only draw as stray hairlines.
void remove_spikes(TileGeometry& g, std::size_t start);

}  // namespace onemap::tiles
