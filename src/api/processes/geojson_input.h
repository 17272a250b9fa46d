#pragma once
// GeoJSON geometries sent by clients (a plot to check), read strictly: a BadRequest says what is
// wrong and where.
#include "geo/geometry.h"

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <string>

namespace onemap::api {

// A Polygon or MultiPolygon geometry object (or a Feature holding one). Coordinates are taken
// as they come (x first); rings need four positions and must be closed. `input` names the
// input in messages. More than `max_vertices` positions in all (server.max_input_vertices):
// LimitExceeded.
geo::Geometry read_geojson_polygonal(const nlohmann::json& value, const std::string& input, std::size_t max_vertices);

}  // namespace onemap::api
