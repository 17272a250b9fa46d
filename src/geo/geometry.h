#pragma once
// OneMap's own compact geometry: flat coordinate arrays that the GeoJSON and MVT encoders walk
// directly. GEOS geometries are built from it on demand (geos_convert.h) for predicates.
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace onemap::geo {

struct Coord {
  double x = 0;
  double y = 0;
  bool operator==(const Coord&) const = default;
};

struct Envelope {
  double min_x = std::numeric_limits<double>::infinity();
  double min_y = std::numeric_limits<double>::infinity();
  double max_x = -std::numeric_limits<double>::infinity();
  double max_y = -std::numeric_limits<double>::infinity();

  bool empty() const { return min_x > max_x || min_y > max_y; }
  void expand(Coord c);
  void expand(const Envelope& e);
  bool intersects(const Envelope& o) const;
  bool contains(const Envelope& o) const;
};

enum class GeometryType : std::uint8_t { Point, LineString, Polygon, MultiPoint, MultiLineString, MultiPolygon };

const char* geojson_type_name(GeometryType type);
bool is_polygonal(GeometryType type);
bool is_lineal(GeometryType type);
bool is_multi(GeometryType type);

struct Geometry;

// A geometry read where it is stored (a layer's columns, geometry_columns.h, or a Geometry):
// what every encoder, index and predicate reads. Cheap to copy; valid while its store lives.
struct GeometryView {
  GeometryType type = GeometryType::Point;
  std::span<const Coord> coords;
  std::span<const std::uint32_t> path_ends;
  std::span<const std::uint32_t> part_ends;

  bool empty() const { return coords.empty(); }
  std::size_t part_count() const { return part_ends.size(); }
  Envelope envelope() const;
};

// A (multi)point, (multi)linestring or (multi)polygon. Coordinates of all paths (lines or
// rings) are stored back to back; `path_ends[i]` is one past the last coordinate of path i and
// `part_ends[j]` one past the last path of part j (a polygon's rings; a point's single path).
struct Geometry {
  GeometryType type = GeometryType::Point;
  std::vector<Coord> coords;
  std::vector<std::uint32_t> path_ends;
  std::vector<std::uint32_t> part_ends;

  bool empty() const { return coords.empty(); }
  std::size_t part_count() const { return part_ends.size(); }
  Envelope envelope() const { return view().envelope(); }
  GeometryView view() const { return {type, coords, path_ends, part_ends}; }
  operator GeometryView() const { return view(); }  // NOLINT: a Geometry reads as its view

  // Builders: start a part, then add paths to it.
  void begin_part() { part_ends.push_back(static_cast<std::uint32_t>(path_ends.size())); }
  void add_path(const std::vector<Coord>& path);
};

// A Geometry of its own holding what `g` shows (to be transformed or kept past its store).
Geometry copy_geometry(GeometryView g);

// Half-open index ranges, so callers can iterate parts → paths → coords without copying.
struct Range {
  std::uint32_t begin;
  std::uint32_t end;
};
inline Range part_paths(GeometryView g, std::size_t part) {
  return {part == 0 ? 0u : g.part_ends[part - 1], g.part_ends[part]};
}
inline Range path_coords(GeometryView g, std::size_t path) {
  return {path == 0 ? 0u : g.path_ends[path - 1], g.path_ends[path]};
}

}  // namespace onemap::geo
