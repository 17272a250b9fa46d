#include "tiles/tile_renderer.h"

#include "tiles/mvt_encoder.h"
#include "tiles/tile_geometry_builder.h"

#include <algorithm>
#include <charconv>

namespace onemap::tiles {
namespace {

// About a centimetre: a margin for the rounding of the closed-form inverse used for the query box.
constexpr double kQueryPaddingDegrees = 1e-7;

}  // namespace

std::string render_tile(const std::vector<const store::Layer*>& layers, const TileId& tile,
                        const TileOptions& options) {
  std::string out;
  MvtEncoder encoder(out);
  const TileSpace space = TileSpace::for_tile(tile, options.extent, options.buffer);
  // Candidates come from the layer's lon/lat index: Web Mercator maps axis-aligned boxes to axis-aligned boxes (x
  // depends on longitude only, y on latitude only, both monotonic), so the lon/lat box of the buffered tile selects
  // exactly the envelopes the tile's mercator box would.
  geo::Envelope query = mercator_box_to_lonlat(space.clip_box_mercator());
  query.min_x -= kQueryPaddingDegrees;
  query.min_y -= kQueryPaddingDegrees;
  query.max_x += kQueryPaddingDegrees;
  query.max_y += kQueryPaddingDegrees;

  TileGeometryBuilder builder(space, kSimplifyTolerance);
  TileGeometry geometry;
  std::vector<std::uint32_t> candidates;
  std::vector<store::ValueRef> values;
  for (const store::Layer* layer : layers) {
    if (tile.z < layer->config.min_zoom || tile.z > layer->config.max_zoom || !layer->index) continue;
    candidates.clear();
    layer->index->query(query, candidates);
    std::erase_if(candidates, [&](std::uint32_t i) { return !layer->thinning.shows(i, tile.z); });
    if (candidates.empty()) continue;
    std::sort(candidates.begin(), candidates.end());  // source order, whatever the tree's order
    builder.set_tolerance(tile.z >= layer->config.max_zoom ? 0.0 : kSimplifyTolerance);
    encoder.begin_layer(layer->config.id, layer->fields, static_cast<std::uint32_t>(options.extent));
    for (std::uint32_t i : candidates) {
      if (!builder.build(layer->lonlat_geometry(i), geometry)) continue;
      values.clear();
      for (std::size_t f = 0; f < layer->fields.size(); ++f) values.push_back(layer->value(i, f));
      encoder.add_feature(layer->unsigned_id(i), geometry, values);
    }
    encoder.end_layer();
  }
  return out;
}

}  // namespace onemap::tiles
