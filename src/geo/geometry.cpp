#include "geo/geometry.h"

#include <algorithm>

namespace onemap::geo {

void Envelope::expand(Coord c) {
  min_x = std::min(min_x, c.x);
  min_y = std::min(min_y, c.y);
  max_x = std::max(max_x, c.x);
  max_y = std::max(max_y, c.y);
}

void Envelope::expand(const Envelope& e) {
  if (e.empty()) return;
  expand(Coord{e.min_x, e.min_y});
  expand(Coord{e.max_x, e.max_y});
}

bool Envelope::intersects(const Envelope& o) const {
  return !empty() && !o.empty() && min_x <= o.max_x && o.min_x <= max_x && min_y <= o.max_y && o.min_y <= max_y;
}

bool Envelope::contains(const Envelope& o) const {
  return !empty() && !o.empty() && min_x <= o.min_x && o.max_x <= max_x && min_y <= o.min_y && o.max_y <= max_y;
}

const char* geojson_type_name(GeometryType type) {
  switch (type) {
    case GeometryType::Point:
      return "Point";
    case GeometryType::LineString:
      return "LineString";
    case GeometryType::Polygon:
      return "Polygon";
    case GeometryType::MultiPoint:
      return "MultiPoint";
    case GeometryType::MultiLineString:
      return "MultiLineString";
    case GeometryType::MultiPolygon:
      return "MultiPolygon";
  }
  return "GeometryCollection";
}

bool is_polygonal(GeometryType type) { return type == GeometryType::Polygon || type == GeometryType::MultiPolygon; }
bool is_lineal(GeometryType type) { return type == GeometryType::LineString || type == GeometryType::MultiLineString; }
bool is_multi(GeometryType type) {
  return type == GeometryType::MultiPoint || type == GeometryType::MultiLineString ||
         type == GeometryType::MultiPolygon;
}

Envelope GeometryView::envelope() const {
  Envelope e;
  for (const Coord& c : coords) e.expand(c);
  return e;
}

Geometry copy_geometry(GeometryView g) {
  return {g.type,
          {g.coords.begin(), g.coords.end()},
          {g.path_ends.begin(), g.path_ends.end()},
          {g.part_ends.begin(), g.part_ends.end()}};
}

void Geometry::add_path(const std::vector<Coord>& path) {
  coords.insert(coords.end(), path.begin(), path.end());
  path_ends.push_back(static_cast<std::uint32_t>(coords.size()));
  part_ends.back() = static_cast<std::uint32_t>(path_ends.size());
}

}  // namespace onemap::geo
