#include "geo/geojson_polygonal.h"

#include <nlohmann/json.hpp>

#include <cmath>

namespace onemap::geo {
namespace {

using nlohmann::json;

struct Reader {
  std::size_t max_vertices;
  std::size_t positions = 0;

  [[noreturn]] void fail(const std::string& where, const std::string& message) const {
    throw GeoJsonError(where + message);
  }

  std::vector<Coord> ring(const json& value, const std::string& where) {
    if (!value.is_array()) fail(where, " must be an array of positions");
    std::vector<Coord> out;
    if ((positions += value.size()) > max_vertices) throw TooManyVertices(max_vertices);
    for (std::size_t i = 0; i < value.size(); ++i) {
      const json& p = value[i];
      if (!p.is_array() || p.size() < 2 || p.size() > 3 || !p[0].is_number() || !p[1].is_number())
        fail(where + "[" + std::to_string(i) + "]", " must be a position [x, y]");
      Coord c{p[0].get<double>(), p[1].get<double>()};
      if (!std::isfinite(c.x) || !std::isfinite(c.y))
        fail(where + "[" + std::to_string(i) + "]", " is not a finite position");
      out.push_back(c);
    }
    if (out.size() < 4) fail(where, " has " + std::to_string(out.size()) + " positions; a ring needs at least 4");
    if (out.front() != out.back()) fail(where, " is not closed (its last position must repeat the first)");
    return out;
  }

  void polygon(const json& value, const std::string& where, Geometry& out) {
    if (!value.is_array() || value.empty()) fail(where, " must be a non-empty array of rings");
    out.begin_part();
    for (std::size_t r = 0; r < value.size(); ++r) out.add_path(ring(value[r], where + "[" + std::to_string(r) + "]"));
  }
};

}  // namespace

Geometry read_geojson_polygonal(const json& value, std::size_t max_vertices) {
  Reader reader{max_vertices};
  if (!value.is_object() || !value.contains("type") || !value["type"].is_string())
    reader.fail("", "must be a GeoJSON geometry object with a \"type\"");
  std::string type = value["type"].get<std::string>();
  if (type == "Feature") {
    if (!value.contains("geometry") || !value["geometry"].is_object())
      reader.fail("", "is a Feature without a geometry");
    return read_geojson_polygonal(value["geometry"], max_vertices);
  }
  if (type != "Polygon" && type != "MultiPolygon")
    reader.fail("", "is a " + type.substr(0, 40) + "; a plot must be a Polygon or MultiPolygon");
  if (!value.contains("coordinates")) reader.fail("", "has no \"coordinates\"");
  const json& coordinates = value["coordinates"];
  Geometry g;
  if (type == "Polygon") {
    g.type = GeometryType::Polygon;
    reader.polygon(coordinates, "coordinates", g);
  } else {
    g.type = GeometryType::MultiPolygon;
    if (!coordinates.is_array() || coordinates.empty())
      reader.fail("coordinates", " must be a non-empty array of polygons");
    for (std::size_t p = 0; p < coordinates.size(); ++p)
      reader.polygon(coordinates[p], "coordinates[" + std::to_string(p) + "]", g);
  }
  return g;
}

}  // namespace onemap::geo
