// The encoder and the renderer, checked by decoding their tiles with GDAL's MVT driver and,
// for the raw protobuf layout, with protozero's reader.
#include "tiles/mvt_encoder.h"
#include "mvt_decode.h"
#include "tile_test_layers.h"
#include "tiles/tile_renderer.h"

#include <gtest/gtest.h>
#include <protozero/pbf_reader.hpp>

using namespace onemap;
using namespace onemap::tiles;
using onemap::testing::decode_mvt;
using onemap::testing::DecodedValue;
using onemap::testing::make_layer;

namespace {

const std::vector<store::Field> kFields = {{"name", store::FieldType::String},
                                           {"count", store::FieldType::Integer},
                                           {"ratio", store::FieldType::Real},
                                           {"flag", store::FieldType::Boolean}};

TileGeometry polygon_with_hole() {
  TileGeometry g;
  g.type = TileGeometryType::Polygon;
  g.points = {{0, 0}, {100, 0}, {100, 100}, {0, 100}, {0, 0}};  // clockwise on screen
  g.end_path();
  for (TilePoint p : {TilePoint{20, 20}, {20, 40}, {40, 40}, {40, 20}, {20, 20}}) g.points.push_back(p);
  g.end_path();
  return g;
}

// Counts the keys and values of the first layer, straight from the protobuf.
std::pair<int, int> key_and_value_counts(const std::string& tile) {
  protozero::pbf_reader t(tile);
  int keys = 0, values = 0;
  while (t.next(3)) {
    protozero::pbf_reader layer = t.get_message();
    while (layer.next()) {
      if (layer.tag() == 3) ++keys;
      if (layer.tag() == 4) ++values;
      layer.skip();
    }
    break;
  }
  return {keys, values};
}

}  // namespace

TEST(MvtEncoder, GdalReadsWhatWeWrite) {
  std::string bytes;
  MvtEncoder encoder(bytes);
  encoder.begin_layer("zones", kFields, 4096);
  encoder.add_feature(7, polygon_with_hole(), {std::string("一级保护区"), std::int64_t{-3}, 2.5, true});
  TileGeometry line;
  line.type = TileGeometryType::LineString;
  line.points = {{10, 10}, {20, 30}, {-5, 4100}};
  line.end_path();
  encoder.add_feature(std::nullopt, line, {store::ValueRef{}, std::int64_t{42}, store::ValueRef{}, false});
  EXPECT_TRUE(encoder.end_layer());
  encoder.begin_layer("points", kFields, 4096);
  TileGeometry points;
  points.type = TileGeometryType::Point;
  points.points = {{1, 2}, {3, 4}};
  points.end_path();
  encoder.add_feature(1ULL << 40, points, {std::string("a"), std::int64_t{0}, 0.0, false});
  EXPECT_TRUE(encoder.end_layer());

  auto tile = decode_mvt(bytes);
  ASSERT_EQ(tile.size(), 2u);
  const auto& zones = tile.at("zones");
  ASSERT_EQ(zones.size(), 2u);
  EXPECT_EQ(zones[0].id, 7);
  EXPECT_EQ(zones[0].wkt, "POLYGON ((0 0,100 0,100 100,0 100,0 0),(20 20,20 40,40 40,40 20,20 20))");
  EXPECT_EQ(std::get<std::string>(zones[0].fields.at("name")), "一级保护区");
  EXPECT_EQ(std::get<std::int64_t>(zones[0].fields.at("count")), -3);
  EXPECT_EQ(std::get<double>(zones[0].fields.at("ratio")), 2.5);
  EXPECT_EQ(std::get<std::int64_t>(zones[0].fields.at("flag")), 1);
  EXPECT_EQ(zones[0].field_types.at("flag"), "Integer(Boolean)");
  EXPECT_EQ(zones[0].field_types.at("ratio"), "Real");
  EXPECT_FALSE(zones[1].id);
  EXPECT_EQ(zones[1].wkt, "LINESTRING (10 10,20 30,-5 4100)");
  EXPECT_FALSE(zones[1].fields.count("name"));  // null: the attribute is left out
  EXPECT_FALSE(zones[1].fields.count("ratio"));
  EXPECT_EQ(std::get<std::int64_t>(zones[1].fields.at("count")), 42);
  const auto& pts = tile.at("points");
  ASSERT_EQ(pts.size(), 1u);
  EXPECT_EQ(pts[0].id, std::int64_t{1} << 40);
  EXPECT_EQ(pts[0].wkt, "MULTIPOINT ((1 2),(3 4))");
}

TEST(MvtEncoder, KeysAndValuesAreSharedWithinALayer) {
  std::string bytes;
  MvtEncoder encoder(bytes);
  encoder.begin_layer("l", kFields, 4096);
  TileGeometry p;
  p.type = TileGeometryType::Point;
  p.points = {{1, 1}};
  p.end_path();
  for (int i = 0; i < 10; ++i)
    encoder.add_feature(i, p, {std::string("same"), std::int64_t{1}, 1.0, store::ValueRef{}});
  encoder.end_layer();
  // 3 keys; values "same", int 1 and double 1.0 stay distinct types.
  EXPECT_EQ(key_and_value_counts(bytes), (std::pair{3, 3}));
}

TEST(MvtEncoder, LayersWithoutFeaturesAreRolledBack) {
  std::string bytes;
  MvtEncoder encoder(bytes);
  encoder.begin_layer("empty", kFields, 4096);
  EXPECT_FALSE(encoder.end_layer());
  EXPECT_TRUE(bytes.empty());
}

TEST(TileRenderer, OneMvtLayerPerSourceLayerWithIdsAndVisibleZooms) {
  auto sites = make_layer("sites", {{"POINT (112.6 35.1)", {std::string("a"), std::int64_t{1}}},
                                    {"POINT (112.61 35.11)", {std::string("b"), std::int64_t{2}}},
                                    {"POINT (0 0)", {std::string("far"), std::int64_t{3}}}});
  auto zones = make_layer("zones", {{"POLYGON ((112 34.5, 113 34.5, 113 35.5, 112 35.5, 112 34.5))", {}}}, 8, 12);
  const TileId tile = tile_at(112.6, 35.1, 10);
  std::string bytes = render_tile({sites.get(), zones.get()}, tile, {});
  auto decoded = decode_mvt(bytes);
  ASSERT_EQ(decoded.size(), 2u);
  ASSERT_EQ(decoded.at("sites").size(), 2u);
  EXPECT_EQ(decoded.at("sites")[0].id, 1);
  EXPECT_EQ(decoded.at("sites")[1].id, 2);
  ASSERT_EQ(decoded.at("zones").size(), 1u);
  EXPECT_EQ(decoded.at("zones")[0].wkt, "POLYGON ((-64 -64,4160 -64,4160 4160,-64 4160,-64 -64))");
  // Outside the zones' zoom range only the sites remain; an empty area renders nothing at all.
  decoded = decode_mvt(render_tile({sites.get(), zones.get()}, tile_at(112.6, 35.1, 13), {}));
  EXPECT_EQ(decoded.size(), 1u);
  EXPECT_TRUE(decoded.count("sites"));
  EXPECT_TRUE(render_tile({sites.get(), zones.get()}, {10, 0, 0}, {}).empty());
  // Points stay at low zooms too, however close together.
  EXPECT_EQ(decode_mvt(render_tile({sites.get()}, tile_at(112.6, 35.1, 2), {})).at("sites").size(), 2u);
}

TEST(TileRenderer, BufferIsConfigurable) {
  // A point 20 units west of the tile: inside a 64-unit buffer, outside a 10-unit one.
  const TileId tile{10, 832, 405};
  TileSpace space = TileSpace::for_tile(tile, 4096, 64);
  auto layer =
      onemap::testing::make_mercator_layer("p", {onemap::testing::mercator_from_tile_wkt(space, "POINT (-20 100)")});
  EXPECT_EQ(decode_mvt(render_tile({layer.get()}, tile, {4096, 64})).at("p")[0].wkt, "POINT (-20 100)");
  EXPECT_TRUE(render_tile({layer.get()}, tile, {4096, 10}).empty());
}
