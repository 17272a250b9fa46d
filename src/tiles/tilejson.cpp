#include "tiles/tilejson.h"

#include "tiles/tile_id.h"

#include <algorithm>
#include <cmath>

namespace onemap::tiles {
namespace {

using nlohmann::json;

// TileJSON's field descriptions use the type names MapLibre and tippecanoe write.
const char* field_type_description(store::FieldType type) {
  switch (type) {
    case store::FieldType::Boolean:
      return "Boolean";
    case store::FieldType::Integer:
    case store::FieldType::Real:
      return "Number";
    default:
      return "String";
  }
}

json vector_layer(const store::Layer& layer) {
  json fields = json::object();
  for (const store::Field& f : layer.fields) fields[f.name] = field_type_description(f.type);
  const catalog::LayerConfig& c = layer.config;
  return {{"id", c.id},
          {"description", c.description.empty() ? c.title : c.description},
          {"minzoom", c.min_zoom},
          {"maxzoom", c.max_zoom},
          {"fields", fields}};
}

// A zoom at which the bounds fill about one 512-pixel view, kept within the layers' range.
int center_zoom(const geo::Envelope& bounds, int min_zoom, int max_zoom) {
  const double span = std::max(bounds.max_x - bounds.min_x, bounds.max_y - bounds.min_y);
  const int z = span > 0 ? static_cast<int>(std::floor(std::log2(360.0 / span))) + 1 : max_zoom;
  return std::clamp(z, min_zoom, max_zoom);
}

}  // namespace

json tilejson(const std::vector<const store::Layer*>& layers, const std::string& tiles_url,
              const std::string& default_attribution) {
  geo::Envelope bounds;
  std::vector<std::string> credits;
  int min_zoom = kMaxZoom, max_zoom = 0;
  std::string name, description;
  json vector_layers = json::array();
  for (const store::Layer* layer : layers) {
    bounds.expand(layer->extent);
    min_zoom = std::min(min_zoom, layer->config.min_zoom);
    max_zoom = std::max(max_zoom, layer->config.max_zoom);
    name += (name.empty() ? "" : " + ") + layer->config.title;
    description += (description.empty() ? "" : "; ") +
                   (layer->config.description.empty() ? layer->config.title : layer->config.description);
    vector_layers.push_back(vector_layer(*layer));
    const std::string& credit = layer->config.attribution.empty() ? default_attribution : layer->config.attribution;
    if (!credit.empty() && std::find(credits.begin(), credits.end(), credit) == credits.end())
      credits.push_back(credit);
  }
  std::string attribution;
  for (const std::string& credit : credits) attribution += (attribution.empty() ? "" : "; ") + credit;
  if (bounds.empty()) bounds = {-180, -kMaxLatitude, 180, kMaxLatitude};
  bounds.min_y = std::max(bounds.min_y, -kMaxLatitude);
  bounds.max_y = std::min(bounds.max_y, kMaxLatitude);
  return {
      {"tilejson", "3.0.0"},
      {"name", name},
      {"description", description},
      {"attribution", attribution},
      {"scheme", "xyz"},
      {"tiles", json::array({tiles_url})},
      {"minzoom", min_zoom},
      {"maxzoom", max_zoom},
      {"bounds", json::array({bounds.min_x, bounds.min_y, bounds.max_x, bounds.max_y})},
      {"center", json::array({(bounds.min_x + bounds.max_x) / 2, (bounds.min_y + bounds.max_y) / 2,
                              center_zoom(bounds, min_zoom, max_zoom)})},
      {"vector_layers", vector_layers},
  };
}

}  // namespace onemap::tiles
