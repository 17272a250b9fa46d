#include "export/qml_style.h"

#include <cstdio>
#include <vector>

namespace onemap::exports {
namespace {

using nlohmann::json;

// "#rgb" or "#rrggbb" as QGIS's "r,g,b,255"; anything else (an expression) as grey.
std::string qgis_color(const json& c) {
  unsigned r = 128, g = 128, b = 128;
  if (c.is_string()) {
    const std::string s = c.get<std::string>();
    if (s.size() == 7 && s[0] == '#')
      std::sscanf(s.c_str() + 1, "%2x%2x%2x", &r, &g, &b);
    else if (s.size() == 4 && s[0] == '#' && std::sscanf(s.c_str() + 1, "%1x%1x%1x", &r, &g, &b) == 3) {
      r *= 17;
      g *= 17;
      b *= 17;
    }
  }
  return std::to_string(r) + "," + std::to_string(g) + "," + std::to_string(b) + ",255";
}

// A number, or the fallback (last element) of an expression such as ["case", …, 3.5, 1.8].
double number(const json& paint, const char* key, double fallback) {
  const auto it = paint.find(key);
  if (it == paint.end()) return fallback;
  if (it->is_number()) return it->get<double>();
  if (it->is_array() && !it->empty() && it->back().is_number()) return it->back().get<double>();
  return fallback;
}

bool is_match_on_property(const json& c) {
  return c.is_array() && c.size() >= 5 && c[0] == "match" && c[1].is_array() && c[1].size() == 2 && c[1][0] == "get" &&
         c[1][1].is_string();
}

const char* main_type(store::GeometryKind kind) {
  switch (kind) {
    case store::GeometryKind::Point:
      return "circle";
    case store::GeometryKind::Line:
      return "line";
    default:
      return "fill";
  }
}

std::string color_key(const std::string& type) { return type + "-color"; }

// The style layer the renderer follows: of the geometry's own type, preferring one coloured by a
// match (the classification), then one drawn for every feature (no filter).
const json* main_layer(const json& layers, const std::string& type) {
  const json* first = nullptr;
  const json* unfiltered = nullptr;
  for (const json& l : layers) {
    if (l.value("type", "") != type) continue;
    if (!first) first = &l;
    if (!unfiltered && !l.contains("filter")) unfiltered = &l;
    const json paint = l.value("paint", json::object());
    if (is_match_on_property(paint.value(color_key(type), json()))) return &l;
  }
  return unfiltered ? unfiltered : first;
}

std::string option(const std::string& name, const std::string& value) {
  return "<Option type=\"QString\" name=\"" + name + "\" value=\"" + xml_escape(value) + "\"/>";
}
std::string prop(const std::string& name, const std::string& value) {
  return "<prop k=\"" + name + "\" v=\"" + xml_escape(value) + "\"/>";
}
std::string num(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", v);
  return buf;
}

struct Look {
  std::string type;  // fill, line, circle
  json paint = json::object();
  json outline;  // a fill's outline (the first line layer), null: none
};

// One <symbol> of `color` (QGIS "r,g,b,a").
std::string symbol(const Look& look, const std::string& name, const std::string& color) {
  std::vector<std::pair<std::string, std::string>> props;
  std::string symbol_type, layer_class;
  double alpha = 1;
  if (look.type == "fill") {
    symbol_type = "fill";
    layer_class = "SimpleFill";
    alpha = number(look.paint, "fill-opacity", 1);
    const bool outline = look.outline.is_object();
    const json line_paint = outline ? look.outline.value("paint", json::object()) : json::object();
    props = {{"color", color},
             {"style", "solid"},
             {"outline_color", outline ? qgis_color(line_paint.value("line-color", json())) : color},
             {"outline_style", outline ? "solid" : "no"},
             {"outline_width", num(number(line_paint, "line-width", 1))},
             {"outline_width_unit", "Pixel"},
             {"joinstyle", "bevel"}};
  } else if (look.type == "line") {
    symbol_type = "line";
    layer_class = "SimpleLine";
    alpha = number(look.paint, "line-opacity", 1);
    props = {
        {"line_color", color},        {"line_style", "solid"}, {"line_width", num(number(look.paint, "line-width", 1))},
        {"line_width_unit", "Pixel"}, {"capstyle", "round"},   {"joinstyle", "round"}};
  } else {
    symbol_type = "marker";
    layer_class = "SimpleMarker";
    alpha = number(look.paint, "circle-opacity", 1);
    props = {{"name", "circle"},
             {"color", color},
             {"outline_color", qgis_color(look.paint.value("circle-stroke-color", json("#ffffff")))},
             {"outline_style", "solid"},
             {"outline_width", num(number(look.paint, "circle-stroke-width", 0))},
             {"outline_width_unit", "Pixel"},
             {"size", num(2 * number(look.paint, "circle-radius", 5))},
             {"size_unit", "Pixel"}};
  }
  // QGIS 3 reads the <Option> map; older readers the <prop> list: both are written, as QGIS does.
  std::string options, legacy;
  for (const auto& [k, v] : props) {
    options += option(k, v);
    legacy += prop(k, v);
  }
  return "<symbol type=\"" + symbol_type + "\" name=\"" + name + "\" alpha=\"" + num(alpha) +
         "\" clip_to_extent=\"1\" force_rhr=\"0\"><layer class=\"" + layer_class +
         "\" enabled=\"1\" pass=\"0\" locked=\"0\"><Option type=\"Map\">" + options + "</Option>" + legacy +
         "</layer></symbol>";
}

std::string value_text(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

std::string value_label(const catalog::FieldTitle* field, const std::string& value) {
  if (field)
    for (const catalog::ValueTitle& t : field->values)
      if (t.value == value && !t.zh.empty()) return t.zh;
  return value;
}

constexpr const char* kRendererAttributes = "symbollevels=\"0\" forceraster=\"0\" enableorderby=\"0\"";

}  // namespace

std::string xml_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&apos;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

QmlRenderer qml_renderer(const json& style_layers, const catalog::LayerConfig& config, store::GeometryKind kind) {
  Look look;
  look.type = main_type(kind);
  const json* main = main_layer(style_layers, look.type);
  if (main) look.paint = main->value("paint", json::object());
  if (look.type == "fill")
    for (const json& l : style_layers)
      if (l.value("type", "") == "line") {
        look.outline = l;
        break;
      }
  const json color = look.paint.value(color_key(look.type), json("#808080"));
  if (!is_match_on_property(color))
    return {"singleSymbol", "<renderer-v2 type=\"singleSymbol\" " + std::string(kRendererAttributes) + "><symbols>" +
                                symbol(look, "0", qgis_color(color)) + "</symbols></renderer-v2>"};

  const std::string property = color[1][1].get<std::string>();
  const catalog::FieldTitle* field = catalog::find_field_title(config, property);
  std::string categories, symbols;
  std::size_t n = 0;
  auto add = [&](const std::string& value, const std::string& label, const json& c) {
    const std::string name = std::to_string(n++);
    categories += "<category render=\"true\" symbol=\"" + name + "\" value=\"" + xml_escape(value) + "\" label=\"" +
                  xml_escape(label) + "\"/>";
    symbols += symbol(look, name, qgis_color(c));
  };
  for (std::size_t i = 2; i + 1 < color.size(); i += 2) {
    const json& values = color[i];
    for (const json& v : values.is_array() ? values : json::array({values}))
      add(value_text(v), value_label(field, value_text(v)), color[i + 1]);
  }
  add("", "其他", color.back());  // QGIS's "all other values"
  return {"categorizedSymbol", "<renderer-v2 type=\"categorizedSymbol\" attr=\"" + xml_escape(property) + "\" " +
                                   kRendererAttributes + "><categories>" + categories + "</categories><symbols>" +
                                   symbols + "</symbols></renderer-v2>"};
}

std::string qml_document(const QmlRenderer& renderer) {
  return "<!DOCTYPE qgis PUBLIC 'http://mrcc.com/qgis.dtd' 'SYSTEM'>\n<qgis version=\"3.22.0\" "
         "styleCategories=\"Symbology\">\n" +
         renderer.xml + "\n</qgis>\n";
}

}  // namespace onemap::exports
