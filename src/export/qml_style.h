#pragma once
// A layer's MapLibre style as QGIS symbology (QML), so a package opens in QGIS and QField looking
// as it does on the web map. Only what the map's styles use is translated: a constant colour
// gives a singleSymbol renderer, a ["match", ["get", prop], v1, c1, …, fallback] colour a
// categorizedSymbol renderer with one category per value (labelled by the catalog's value
// title) and an "all other values" category for the fallback. Fill, line and circle layers
// become SimpleFill, SimpleLine and SimpleMarker symbol layers; sizes are in pixels.
#include "catalog/catalog.h"
#include "store/layer.h"

#include <nlohmann/json.hpp>

#include <string>

namespace onemap::exports {

struct QmlRenderer {
  std::string type;  // "singleSymbol" or "categorizedSymbol"
  std::string xml;   // the <renderer-v2> element
};

// `style_layers`: the style layers drawing this collection (a composed style's layers whose
// metadata names it), in drawing order. Labels (symbol layers) are left out.
QmlRenderer qml_renderer(const nlohmann::json& style_layers, const catalog::LayerConfig& config,
                         store::GeometryKind kind);

// A whole QML document around a renderer: what layer_styles.styleQML holds.
std::string qml_document(const QmlRenderer& renderer);

// Text as an XML attribute value or element content (& < > " ' escaped).
std::string xml_escape(std::string_view text);

}  // namespace onemap::exports
