#include "styles/default_style.h"

#include <array>

namespace onemap::styles {
namespace {

using nlohmann::json;

// Distinct, print-safe colours (ColorBrewer Set1/Dark2), taken in catalog order.
constexpr std::array<const char*, 8> kPalette = {"#1b9e77", "#d95f02", "#7570b3", "#e7298a",
                                                 "#66a61e", "#e6ab02", "#a6761d", "#377eb8"};

json label_layer(const std::string& field, bool along_line) {
  json layout = {{"text-field", json::array({"get", field})}, {"text-font", json::array({kFont})}, {"text-size", 12}};
  if (along_line) {
    layout["symbol-placement"] = "line";
  } else {
    layout["text-offset"] = json::array({0, 1.1});
    layout["text-anchor"] = "top";
    layout["text-optional"] = true;
  }
  return {{"id", "label"},
          {"type", "symbol"},
          {"minzoom", 11},
          {"layout", layout},
          {"paint", {{"text-color", "#333333"}, {"text-halo-color", "#ffffff"}, {"text-halo-width", 1.2}}},
          {"metadata", {{"onemap:legend", false}}}};
}

}  // namespace

std::string name_field(const store::Layer& layer) {
  const std::optional<std::size_t> i = layer.name_field_index();
  return i ? layer.fields[*i].name : std::string();
}

json default_style(const store::Layer& layer, std::size_t index) {
  const std::string colour = kPalette[index % kPalette.size()];
  json layers = json::array();
  int order = 300;
  switch (layer.kind) {
    case store::GeometryKind::Polygon:
    case store::GeometryKind::None:
      order = 100;
      layers.push_back({{"id", "fill"}, {"type", "fill"}, {"paint", {{"fill-color", colour}, {"fill-opacity", 0.35}}}});
      layers.push_back({{"id", "outline"},
                        {"type", "line"},
                        {"paint", {{"line-color", colour}, {"line-width", 1.2}}},
                        {"metadata", {{"onemap:legend", false}}}});
      break;
    case store::GeometryKind::Line:
      order = 200;
      layers.push_back({{"id", "line"}, {"type", "line"}, {"paint", {{"line-color", colour}, {"line-width", 2}}}});
      break;
    case store::GeometryKind::Point:
      layers.push_back({{"id", "circle"},
                        {"type", "circle"},
                        {"paint",
                         {{"circle-color", colour},
                          {"circle-radius", 5},
                          {"circle-stroke-color", "#ffffff"},
                          {"circle-stroke-width", 1}}}});
      break;
  }
  if (const std::string field = name_field(layer); !field.empty())
    layers.push_back(label_layer(field, layer.kind == store::GeometryKind::Line));
  return {{"order", order}, {"layers", layers}};
}

}  // namespace onemap::styles
