#pragma once
// GeoJSON polygons sent by clients (a plot drawn on the map), read strictly: what is wrong is
// said with where, so the edge can answer a 400 that a person can act on.
#include "geo/geometry.h"

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <stdexcept>
#include <string>

namespace onemap::geo {

// Not a polygonal GeoJSON geometry; what() says where (e.g. "coordinates[0] is not closed …").
class GeoJsonError : public std::invalid_argument {
 public:
  using std::invalid_argument::invalid_argument;
};

// More positions than the reader was allowed; thrown before they are read.
class TooManyVertices : public std::length_error {
 public:
  explicit TooManyVertices(std::size_t max)
      : std::length_error("more than " + std::to_string(max) + " vertices"), max_(max) {}
  std::size_t max() const { return max_; }

 private:
  std::size_t max_;
};

// A Polygon or MultiPolygon geometry object (or a Feature holding one). Coordinates are taken
// as they come (x first); rings need four positions and must be closed. More than `max_vertices`
// positions in all: TooManyVertices, counted ring by ring before any is read, since GEOS's
// validity check and overlays of a plot grow faster than its vertices.
Geometry read_geojson_polygonal(const nlohmann::json& value, std::size_t max_vertices);

}  // namespace onemap::geo
