#include "tiles/tile_renderer.h"

#include "tiles/mvt_encoder.h"
#include "tiles/tile_geometry_builder.h"

#include <algorithm>
#include <charconv>

namespace onemap::tiles {
namespace {

// About a centimetre: a margin for the rounding of the closed-form inverse used for the query box.
constexpr double kQueryPaddingDegrees = 1e-7;

std::optional<std::uint64_t> mvt_id(const store::Layer& layer, std::uint32_t i) {
  if (!layer.numeric_ids) return std::nullopt;
  const std::string& id = layer.features[i].id;
  std::uint64_t value = 0;
  auto [end, ec] = std::from_chars(id.data(), id.data() + id.size(), value);
  if (ec != std::errc() || end != id.data() + id.size()) return std::nullopt;  // e.g. negative
  return value;
}

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
  for (const store::Layer* layer : layers) {
    if (tile.z < layer->config.min_zoom || tile.z > layer->config.max_zoom || !layer->index) continue;
    candidates.clear();
    layer->index->query(query, candidates);
    if (candidates.empty()) continue;
    std::sort(candidates.begin(), candidates.end());  // source order, whatever the tree's order
    builder.set_tolerance(tile.z >= layer->config.max_zoom ? 0.0 : kSimplifyTolerance);
    encoder.begin_layer(layer->config.id, layer->fields, static_cast<std::uint32_t>(options.extent));
    for (std::uint32_t i : candidates) {
      if (!layer->thinning.shows(i, tile.z) || !builder.build(layer->lonlat_geometry(i), geometry)) continue;
      encoder.add_feature(mvt_id(*layer, i), geometry, layer->features[i].values);
    }
    encoder.end_layer();
  }
  return out;
}

}  // namespace onemap::tiles
