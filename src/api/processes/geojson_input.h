#pragma once
// GeoJSON geometries sent by clients (a plot to check), read strictly: a BadRequest says what is
// wrong and where.
#include "geo/geometry.h"

#include <nlohmann/json_fwd.hpp>

#include <string>

namespace onemap::api {

// A Polygon or MultiPolygon geometry object (or a Feature holding one). Coordinates are taken
// as they come (x first); rings need four positions and must be closed. `input` names the
// input in messages.
geo::Geometry read_geojson_polygonal(const nlohmann::json& value, const std::string& input);

}  // namespace onemap::api
