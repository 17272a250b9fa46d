#include "encode/geojson_writer.h"

#include "encode/json_text.h"

namespace onemap::encode {
namespace {

void append_position(std::string& out, geo::Coord c) {
  out.push_back('[');
  append_json_number(out, c.x);
  out.push_back(',');
  append_json_number(out, c.y);
  out.push_back(']');
}

void append_path(std::string& out, geo::GeometryView g, std::size_t path) {
  geo::Range r = geo::path_coords(g, path);
  out.push_back('[');
  for (std::uint32_t i = r.begin; i < r.end; ++i) {
    if (i != r.begin) out.push_back(',');
    append_position(out, g.coords[i]);
  }
  out.push_back(']');
}

// A part: a position (points), a path (lines) or a list of rings (polygons).
void append_part(std::string& out, geo::GeometryView g, std::size_t part) {
  geo::Range paths = geo::part_paths(g, part);
  if (geo::is_polygonal(g.type)) {
    out.push_back('[');
    for (std::uint32_t p = paths.begin; p < paths.end; ++p) {
      if (p != paths.begin) out.push_back(',');
      append_path(out, g, p);
    }
    out.push_back(']');
  } else if (geo::is_lineal(g.type)) {
    append_path(out, g, paths.begin);
  } else {
    append_position(out, g.coords[geo::path_coords(g, paths.begin).begin]);
  }
}

}  // namespace

void append_geojson_geometry(std::string& out, geo::GeometryView g) {
  if (g.empty()) {
    out += "null";
    return;
  }
  out += "{\"type\":\"";
  out += geo::geojson_type_name(g.type);
  out += "\",\"coordinates\":";
  if (geo::is_multi(g.type)) {
    out.push_back('[');
    for (std::size_t p = 0; p < g.part_count(); ++p) {
      if (p) out.push_back(',');
      append_part(out, g, p);
    }
    out.push_back(']');
  } else {
    append_part(out, g, 0);
  }
  out.push_back('}');
}

void append_geojson_feature(std::string& out, const store::Layer& layer, std::uint32_t index,
                            geo::GeometryView geometry, std::string_view extra) {
  out += "{\"type\":\"Feature\",\"id\":";
  if (const std::optional<std::int64_t> n = layer.numeric_id(index))
    out += std::to_string(*n);
  else
    append_json_string(out, layer.feature_id(index));
  out += ",\"geometry\":";
  append_geojson_geometry(out, geometry);
  out += ",\"properties\":{";
  for (std::size_t f = 0; f < layer.fields.size(); ++f) {
    if (f) out.push_back(',');
    append_json_string(out, layer.fields[f].name);
    out.push_back(':');
    append_json_value(out, layer.value(index, f));
  }
  if (!extra.empty()) {
    if (!layer.fields.empty()) out.push_back(',');
    out += extra;
  }
  out += "}}";
}

}  // namespace onemap::encode
