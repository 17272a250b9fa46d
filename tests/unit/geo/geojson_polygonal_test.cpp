#include "geo/geojson_polygonal.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

using namespace onemap;
using nlohmann::json;

namespace {

json square(double size) {
  return {{"type", "Polygon"}, {"coordinates", {{{0, 0}, {size, 0}, {size, size}, {0, size}, {0, 0}}}}};
}

std::string fault(const json& value, std::size_t max_vertices = 100) {
  try {
    geo::read_geojson_polygonal(value, max_vertices);
  } catch (const geo::GeoJsonError& e) {
    return e.what();
  }
  return "read";
}

}  // namespace

TEST(GeoJsonPolygonal, APolygonAndAFeatureHoldingOneAreRead) {
  const geo::Geometry g = geo::read_geojson_polygonal(square(2), 100);
  EXPECT_EQ(g.type, geo::GeometryType::Polygon);
  ASSERT_EQ(g.coords.size(), 5u);
  EXPECT_EQ(g.coords[2], (geo::Coord{2, 2}));
  const json feature = {{"type", "Feature"}, {"geometry", square(3)}, {"properties", json::object()}};
  EXPECT_EQ(geo::read_geojson_polygonal(feature, 100).coords[2], (geo::Coord{3, 3}));
  const json multi = {{"type", "MultiPolygon"}, {"coordinates", {square(1)["coordinates"], square(4)["coordinates"]}}};
  const geo::Geometry m = geo::read_geojson_polygonal(multi, 100);
  EXPECT_EQ(m.type, geo::GeometryType::MultiPolygon);
  EXPECT_EQ(m.coords.size(), 10u);
}

TEST(GeoJsonPolygonal, EachFaultIsSaidWithWhereItIs) {
  EXPECT_EQ(fault(json::array()), "must be a GeoJSON geometry object with a \"type\"");
  EXPECT_EQ(fault({{"type", "Point"}, {"coordinates", {1, 2}}}),
            "is a Point; a plot must be a Polygon or MultiPolygon");
  json open = square(1);
  open["coordinates"][0][4] = {0, 1e-9};
  EXPECT_EQ(fault(open), "coordinates[0] is not closed (its last position must repeat the first)");
  json short_ring = {{"type", "Polygon"}, {"coordinates", {{{0, 0}, {1, 0}, {0, 0}}}}};
  EXPECT_EQ(fault(short_ring), "coordinates[0] has 3 positions; a ring needs at least 4");
  json text = square(1);
  text["coordinates"][0][2] = {"1", 1};
  EXPECT_EQ(fault(text), "coordinates[0][2] must be a position [x, y]");
}

TEST(GeoJsonPolygonal, MoreVerticesThanAllowedAreRefusedNamingTheBound) {
  EXPECT_NO_THROW(geo::read_geojson_polygonal(square(1), 5));
  try {
    geo::read_geojson_polygonal(square(1), 4);
    FAIL() << "five positions passed a bound of four";
  } catch (const geo::TooManyVertices& e) {
    EXPECT_EQ(e.max(), 4u);
  }
}
