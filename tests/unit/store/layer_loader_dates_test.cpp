// Dates and date-times reach the GeoJSON output as the source wrote them: ISO 8601 with the
// time-zone offset and the fraction of a second kept.
#include "store/layer_loader.h"

#include "encode/geojson_writer.h"
#include "fixtures.h"
#include "layer_writer.h"
#include "load_helpers.h"

#include <gtest/gtest.h>

using namespace onemap;
using namespace onemap::testing;

namespace {

std::string text(const store::ValueRef& v) {
  return std::holds_alternative<std::string_view>(v) ? std::string(std::get<std::string_view>(v)) : "<not text>";
}

std::string feature_json(const store::Layer& layer, std::uint32_t i) {
  std::string json;
  encode::append_geojson_feature(json, layer, i, layer.lonlat_geometry(i));
  return json;
}

}  // namespace

TEST(LayerLoaderDates, GeoPackageKeepsOffsetsAndFractions) {
  TempDir dir;
  LayerRows spec{"samples", {{"taken", 't'}, {"day", 'd'}}, {}};
  spec.rows = {{"POINT (112.5 35.1)", {"2024-05-01T08:30:15.250+08:00", "2024-05-01"}},
               {"POINT (112.5 35.1)", {"2024-05-01T00:00:00Z", "2024-12-31"}},
               {"POINT (112.5 35.1)", {"2024-05-01T08:30:15-05:30", ""}}};
  write_layer(dir / "s.gpkg", 4326, spec);
  auto layer = store::load_layer(config_for(dir / "s.gpkg", "samples"));
  EXPECT_EQ(layer->fields[0].type, store::FieldType::DateTime);
  EXPECT_EQ(layer->fields[1].type, store::FieldType::Date);
  EXPECT_EQ(text(layer->value(0, 0)), "2024-05-01T08:30:15.250+08:00");
  EXPECT_EQ(text(layer->value(0, 1)), "2024-05-01");
  EXPECT_EQ(text(layer->value(1, 0)), "2024-05-01T00:00:00Z");
  EXPECT_EQ(text(layer->value(2, 0)), "2024-05-01T08:30:15-05:30");
  EXPECT_TRUE(std::holds_alternative<std::monostate>(layer->value(2, 1)));
  std::string json = feature_json(*layer, 0);
  EXPECT_NE(json.find(R"("taken":"2024-05-01T08:30:15.250+08:00")"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("day":"2024-05-01")"), std::string::npos) << json;
}

TEST(LayerLoaderDates, GeoJsonSourceDatesRoundTrip) {
  TempDir dir;
  write_text(dir / "obs.geojson", R"({"type":"FeatureCollection","features":[
    {"type":"Feature","properties":{"at":"2024-05-01T08:30:15.250+08:00","on":"2024-05-01"},"geometry":{"type":"Point","coordinates":[112.5,35.1]}},
    {"type":"Feature","properties":{"at":"2024-05-01T00:00:00Z","on":"2024-05-02"},"geometry":{"type":"Point","coordinates":[112.6,35.1]}},
    {"type":"Feature","properties":{"at":"2024-05-01T10:00:00","on":null},"geometry":{"type":"Point","coordinates":[112.7,35.1]}}]})");
  auto layer = store::load_layer(config_for(dir / "obs.geojson", "obs"));
  ASSERT_EQ(layer->fields.size(), 2u);
  EXPECT_EQ(layer->fields[0].type, store::FieldType::DateTime);
  EXPECT_EQ(layer->fields[1].type, store::FieldType::Date);
  EXPECT_EQ(text(layer->value(0, 0)), "2024-05-01T08:30:15.250+08:00");
  EXPECT_EQ(text(layer->value(1, 0)), "2024-05-01T00:00:00Z");
  EXPECT_EQ(text(layer->value(2, 0)), "2024-05-01T10:00:00");  // no zone given, none invented
  EXPECT_EQ(text(layer->value(1, 1)), "2024-05-02");
  std::string json = feature_json(*layer, 1);
  EXPECT_NE(json.find(R"("at":"2024-05-01T00:00:00Z")"), std::string::npos) << json;
}
