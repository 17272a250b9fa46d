#pragma once
// Keeps tile polygons valid (OGC simple features) after clipping and snapping: snapping to the
// integer grid can make a ring touch or cross itself, and Sutherland–Hodgman leaves bridges
// along the tile edge. Renderers cope with most of that, but MVT 2.1 asks for valid polygons
// and PostGIS's ST_AsMVTGeom makes its output valid, so we do the same.
#include "tiles/tile_geometry.h"

#include <vector>

namespace onemap::tiles {

// Checks the polygon rings of `g` with GEOS (the calling thread's context). When they are not
// valid, rebuilds them with MakeValid (the "structure" method: rings are boundaries, collapsed
// parts dropped) and snap-rounds the result to the integer grid, then restores MVT winding.
// `g` may end up empty when nothing with area remains.
void ensure_valid_polygons(TileGeometry& g, std::vector<double>& scratch);

}  // namespace onemap::tiles
