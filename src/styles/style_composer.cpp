#include "styles/style_composer.h"

#include "store/fingerprint.h"
#include "styles/default_style.h"

#include <algorithm>
#include <cmath>

namespace onemap::styles {
namespace {

using nlohmann::json;

const char* geometry_type_name(store::GeometryKind kind) {
  switch (kind) {
    case store::GeometryKind::Point:
      return "point";
    case store::GeometryKind::Line:
      return "line";
    default:
      return "polygon";
  }
}

// The layer's style file, or the default one (the catalog loader warned of a missing file).
json style_of(const store::Snapshot& snapshot, const store::Layer& layer, std::size_t index) {
  const auto it = snapshot.catalog.styles.find(layer.config.style);
  return it != snapshot.catalog.styles.end() ? json::parse(it->second) : default_style(layer, index);
}

json json_bbox(const geo::Envelope& e) { return json::array({e.min_x, e.min_y, e.max_x, e.max_y}); }

struct Placed {
  double order;
  bool label;  // symbol layers go above every other
  std::size_t index;
  std::size_t position;
  json layer;
};

json basemap_layers(const catalog::BaseMap& b, json& sources) {
  json layers = json::array();
  auto add = [&](const std::string& id, const std::vector<std::string>& tiles) {
    sources[id] = {{"type", "raster"},
                   {"tiles", tiles},
                   {"tileSize", b.tile_size},
                   {"maxzoom", b.max_zoom},
                   {"attribution", b.attribution}};
    layers.push_back({{"id", id}, {"type", "raster"}, {"source", id}, {"metadata", {{"onemap:basemap", true}}}});
  };
  add("basemap", b.tiles);
  if (!b.overlay_tiles.empty()) add("basemap-labels", b.overlay_tiles);
  return layers;
}

}  // namespace

json compose_style(const store::Snapshot& snapshot, const std::vector<const store::Layer*>& layers,
                   const std::string& base_url) {
  const catalog::Catalog& catalog = snapshot.catalog;
  json sources = json::object();
  json collections = json::array();
  std::vector<Placed> placed;
  geo::Envelope bounds;
  for (std::size_t i = 0; i < layers.size(); ++i) {
    const store::Layer& layer = *layers[i];
    const std::string& id = layer.config.id;
    sources[id] = {{"type", "vector"},
                   {"url", base_url + "/tiles/" + id + ".json?v=" + store::version_text(layer.version)}};
    json entry = {{"id", id},
                  {"version", store::version_text(layer.version)},
                  {"title", layer.config.title},
                  {"title_en", layer.config.title_en},
                  {"theme", layer.config.theme},
                  {"geometry_type", geometry_type_name(layer.kind)},
                  {"name_field", name_field(layer)}};
    if (!layer.extent.empty()) {
      entry["bbox"] = json_bbox(layer.extent);
      bounds.expand(layer.extent);
    }
    collections.push_back(std::move(entry));

    json style = style_of(snapshot, layer, i);
    const double order = style.value("order", 300.0);
    std::size_t position = 0;
    for (json style_layer : style["layers"]) {
      style_layer["id"] = id + "/" + style_layer["id"].get<std::string>();
      style_layer["source"] = id;
      style_layer["source-layer"] = id;
      style_layer["metadata"]["onemap:collection"] = id;
      const bool label = style_layer["type"] == "symbol";
      if (label && !style_layer["layout"].contains("text-font"))
        style_layer["layout"]["text-font"] = json::array({kFont});
      placed.push_back({order, label, i, position++, std::move(style_layer)});
    }
  }
  std::stable_sort(placed.begin(), placed.end(), [](const Placed& a, const Placed& b) {
    return std::tie(a.label, a.order, a.index, a.position) < std::tie(b.label, b.order, b.index, b.position);
  });

  json style_layers =
      json::array({{{"id", "background"}, {"type", "background"}, {"paint", {{"background-color", "#f5f3ef"}}}}});
  if (catalog.basemap)
    for (json& l : basemap_layers(*catalog.basemap, sources)) style_layers.push_back(std::move(l));
  for (Placed& p : placed) style_layers.push_back(std::move(p.layer));

  // Themes in the configured order, then any other a layer names, in catalog order.
  json themes = json::array();
  auto add_theme = [&](const std::string& name, const std::string& en) {
    for (const json& t : themes)
      if (t["name"] == name) return;
    themes.push_back({{"name", name}, {"title_en", en}});
  };
  for (const auto& [name, en] : catalog.themes) add_theme(name, en);
  for (const store::Layer* layer : layers)
    if (!layer->config.theme.empty()) add_theme(layer->config.theme, layer->config.theme);

  json style = {{"version", 8},
                {"name", catalog.title},
                {"glyphs", base_url + "/fonts/{fontstack}/{range}.pbf"},
                {"sources", sources},
                {"layers", style_layers},
                {"metadata",
                 {{"onemap:collections", collections},
                  {"onemap:themes", themes},
                  {"onemap:base_url", base_url},
                  {"onemap:data_version", store::data_fingerprint(layers)}}}};
  if (!bounds.empty()) {
    style["metadata"]["onemap:bounds"] = json_bbox(bounds);
    const double span = std::max(bounds.max_x - bounds.min_x, bounds.max_y - bounds.min_y);
    style["center"] = json::array({(bounds.min_x + bounds.max_x) / 2, (bounds.min_y + bounds.max_y) / 2});
    style["zoom"] = span > 0 ? std::clamp(std::floor(std::log2(360.0 / span)), 0.0, 18.0) : 12.0;
  }
  return style;
}

}  // namespace onemap::styles
