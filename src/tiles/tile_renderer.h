#pragma once
// Renders one vector tile from loaded layers: finds the features that reach into the buffered
// tile, builds their tile geometries and encodes them. Reads the layers only, so any number of
// threads may render at once (GEOS work uses the calling thread's context).
#include "store/layer.h"
#include "tiles/tile_id.h"

#include <string>
#include <vector>

namespace onemap::tiles {

struct TileOptions {
  int extent = 4096;
  int buffer = 64;  // tile units around the tile that geometries keep
};

// One MVT layer per source layer, named by the layer's id, in the order given; a layer not
// visible at the tile's zoom (outside its min_zoom..max_zoom) or without features in the tile is
// left out. Returns an empty string when the tile has nothing at all.
std::string render_tile(const std::vector<const store::Layer*>& layers, const TileId& tile, const TileOptions& options);

}  // namespace onemap::tiles
