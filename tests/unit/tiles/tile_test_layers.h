#pragma once
// In-memory layers and geometries for the tile tests: no files, every coordinate known.
#include "store/layer.h"
#include "tiles/tile_geometry.h"

#include <memory>
#include <string>
#include <vector>

namespace onemap::testing {

// A geometry from WKT, as the loader reads it (any family; 2D).
geo::Geometry from_wkt(const std::string& wkt);

// A geometry given in tile units of `space` (x right, y down), turned into EPSG:3857 metres.
geo::Geometry mercator_from_tile_wkt(const tiles::TileSpace& space, const std::string& wkt);

struct TestFeature {
  std::string lonlat_wkt;
  std::vector<store::Value> values;  // for the layer's fields, in order
};

// A layer with fields name (string), count (integer), ratio (real), flag (boolean), ids 1, 2, …
// (numeric_ids), geometries given in lon/lat and projected to EPSG:3857 as the loader does.
std::unique_ptr<store::Layer> make_layer(const std::string& id, const std::vector<TestFeature>& features,
                                         int min_zoom = 0, int max_zoom = 22);

// Same, with geometries already in EPSG:3857 (lon/lat derived for the index).
std::unique_ptr<store::Layer> make_mercator_layer(const std::string& id, const std::vector<geo::Geometry>& mercator,
                                                  int min_zoom = 0, int max_zoom = 22);

// The rings or paths of a tile geometry, for assertions.
std::vector<std::vector<tiles::TilePoint>> paths_of(const tiles::TileGeometry& g);

}  // namespace onemap::testing
