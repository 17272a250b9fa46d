#pragma once
// GeoJSON text for features of a store::Layer, written straight into a string.
#include "geo/geometry.h"
#include "store/layer.h"

#include <string>

namespace onemap::encode {

// Writes the geometry's coordinates as they are (the caller has reprojected them); an empty
// geometry is written as null.
void append_geojson_geometry(std::string& out, geo::GeometryView geometry);

// {"type":"Feature","id":…,"geometry":…,"properties":{…}}; `extra` is appended to the
// properties as already-encoded `"key":value` pairs (may be empty).
void append_geojson_feature(std::string& out, const store::Layer& layer, std::uint32_t index,
                            geo::GeometryView geometry, std::string_view extra = {});

}  // namespace onemap::encode
