#include "encode/geojson_writer.h"
#include "encode/json_text.h"

#include <gtest/gtest.h>

using namespace onemap;

TEST(JsonText, EscapesAndKeepsUtf8) {
  std::string out;
  encode::append_json_string(out, "济源 \"q\" \\ \n\t\x01");
  EXPECT_EQ(out, "\"济源 \\\"q\\\" \\\\ \\n\\t\\u0001\"");
}

TEST(JsonText, InvalidUtf8BecomesReplacementCharacter) {
  std::string out;
  encode::append_json_string(out,
                             "a\xff"
                             "b\xe6\xb5");  // stray byte, truncated sequence
  EXPECT_EQ(out,
            "\"a\xEF\xBF\xBD"
            "b\xEF\xBF\xBD\xEF\xBF\xBD\"");
}

TEST(JsonText, NumbersRoundTripShortest) {
  std::string out;
  encode::append_json_number(out, 112.6);
  out += ' ';
  encode::append_json_number(out, 0.1 + 0.2);
  out += ' ';
  encode::append_json_number(out, std::int64_t{-42});
  out += ' ';
  encode::append_json_number(out, std::numeric_limits<double>::quiet_NaN());
  EXPECT_EQ(out, "112.6 0.30000000000000004 -42 null");
}

TEST(GeoJsonWriter, WritesFeatureWithTypedProperties) {
  store::Layer layer;
  layer.fields = {{"name", store::FieldType::String},
                  {"n", store::FieldType::Integer},
                  {"ok", store::FieldType::Boolean},
                  {"r", store::FieldType::Real},
                  {"d", store::FieldType::Date}};
  geo::Geometry point;
  point.type = geo::GeometryType::Point;
  point.begin_part();
  point.add_path({{112.5, 35.25}});
  layer.add_feature("7", {std::string("蟒河"), std::int64_t{3}, true, 1.5, std::monostate{}}, point);
  layer.finish();
  std::string out;
  encode::append_geojson_feature(out, layer, 0, point, "\"distance_m\":12.5");
  EXPECT_EQ(out,
            "{\"type\":\"Feature\",\"id\":7,\"geometry\":{\"type\":\"Point\",\"coordinates\":[112.5,35.25]},"
            "\"properties\":{\"name\":\"蟒河\",\"n\":3,\"ok\":true,\"r\":1.5,\"d\":null,\"distance_m\":12.5}}");
}

TEST(GeoJsonWriter, WritesMultiPolygonWithHolesAndNullGeometry) {
  geo::Geometry g;
  g.type = geo::GeometryType::MultiPolygon;
  g.begin_part();
  g.add_path({{0, 0}, {4, 0}, {4, 4}, {0, 0}});
  g.add_path({{1, 1}, {2, 1}, {2, 2}, {1, 1}});
  g.begin_part();
  g.add_path({{5, 5}, {6, 5}, {6, 6}, {5, 5}});
  std::string out;
  encode::append_geojson_geometry(out, g);
  EXPECT_EQ(out,
            "{\"type\":\"MultiPolygon\",\"coordinates\":[[[[0,0],[4,0],[4,4],[0,0]],[[1,1],[2,1],[2,2],[1,1]]],[[[5,5],"
            "[6,5],[6,6],[5,5]]]]}");
  out.clear();
  encode::append_geojson_geometry(out, geo::Geometry{});
  EXPECT_EQ(out, "null");
}

TEST(GeoJsonWriter, StringIdsAreQuoted) {
  store::Layer layer;
  layer.numeric_ids = false;
  layer.add_feature("HN-001", {}, {});
  layer.finish();
  std::string out;
  encode::append_geojson_feature(out, layer, 0, geo::Geometry{});
  EXPECT_EQ(out, "{\"type\":\"Feature\",\"id\":\"HN-001\",\"geometry\":null,\"properties\":{}}");
}
