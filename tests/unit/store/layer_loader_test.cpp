#include "store/layer_loader.h"
#include "store/snapshot.h"

#include "fixtures.h"
#include "geo/reprojector.h"
#include "load_helpers.h"

#include "geo/web_mercator.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

using namespace onemap;
using namespace onemap::testing;

TEST(LayerLoader, ReadsFieldsWithTheirTypesAndChineseText) {
  TempDir dir;
  write_gpkg_layer(dir / "t.gpkg", "sections", 4490,
                   {{"POINT (112.5 35.1)", "蟒河南官庄断面", 3, true, 0.5, "2024-05-01"},
                    {"POINT (112.6 35.0)", "西石露头断面", 4, false, 1.25, ""}});
  auto layer = store::load_layer(config_for(dir / "t.gpkg", "sections"));
  ASSERT_EQ(layer->feature_count(), 2u);
  ASSERT_EQ(layer->fields.size(), 5u);
  EXPECT_EQ(layer->fields[0].type, store::FieldType::String);
  EXPECT_EQ(layer->fields[1].type, store::FieldType::Integer);
  EXPECT_EQ(layer->fields[2].type, store::FieldType::Boolean);
  EXPECT_EQ(layer->fields[3].type, store::FieldType::Real);
  EXPECT_EQ(layer->fields[4].type, store::FieldType::Date);
  const std::vector<store::Value> f = layer->values(0);
  EXPECT_EQ(layer->feature_id(0), "1");
  EXPECT_EQ(std::get<std::string>(f[0]), "蟒河南官庄断面");
  EXPECT_EQ(std::get<std::int64_t>(f[1]), 3);
  EXPECT_EQ(std::get<bool>(f[2]), true);
  EXPECT_EQ(std::get<double>(f[3]), 0.5);
  EXPECT_EQ(std::get<std::string>(f[4]), "2024-05-01");
  EXPECT_TRUE(std::holds_alternative<std::monostate>(layer->value(1, 4)));
  EXPECT_EQ(layer->kind, store::GeometryKind::Point);
  // CGCS2000 and WGS 84 coincide at display precision: the coordinates pass unchanged.
  EXPECT_NEAR(layer->lonlat_geometry(0).coords[0].x, 112.5, 1e-9);
  EXPECT_NEAR(layer->lonlat_geometry(0).coords[0].y, 35.1, 1e-9);
  EXPECT_EQ(layer->find_feature("2"), 1u);
}

TEST(LayerLoader, GaussKrugerSourceIsReprojectedToLonLat) {
  // Expected lon/lat computed independently of the loader: the same point through PROJ.
  geo::Coord metric =
      geo::Reprojector(geo::kCrs84.gis_order(), geo::Crs{4547}.gis_order()).transform(geo::Coord{112.6, 35.1});
  TempDir dir;
  write_gpkg_layer(dir / "gk.gpkg", "pts", 4547,
                   {{"POINT (" + std::to_string(metric.x) + " " + std::to_string(metric.y) + ")", "a"}});
  auto layer = store::load_layer(config_for(dir / "gk.gpkg", "pts"));
  EXPECT_NEAR(layer->lonlat_geometry(0).coords[0].x, 112.6, 1e-6);
  EXPECT_NEAR(layer->lonlat_geometry(0).coords[0].y, 35.1, 1e-6);
  // Mercator x of 112.6E: 6378137 * 112.6 * pi / 180.
  EXPECT_NEAR(geo::lonlat_to_mercator(layer->lonlat_geometry(0).coords[0]).x,
              6378137.0 * 112.6 * std::numbers::pi / 180.0, 0.05);
}

TEST(LayerLoader, SelfIntersectingPolygonIsRepaired) {
  TempDir dir;
  write_gpkg_layer(dir / "p.gpkg", "plots", 4326,
                   {{"POLYGON ((112 35, 112.02 35.02, 112.02 35, 112 35.02, 112 35))", "bowtie"},
                    {"POLYGON ((112 35, 112.01 35, 112.01 35.01, 112 35.01, 112 35))", "square"}});
  auto layer = store::load_layer(config_for(dir / "p.gpkg", "plots"));
  EXPECT_EQ(layer->repaired_geometries, 1u);
  EXPECT_EQ(layer->lonlat_geometry(0).type, geo::GeometryType::MultiPolygon);
  EXPECT_EQ(layer->lonlat_geometry(1).type, geo::GeometryType::Polygon);
  EXPECT_EQ(layer->kind, store::GeometryKind::Polygon);
}

TEST(LayerLoader, ExposedPropertiesAndErrors) {
  TempDir dir;
  write_gpkg_layer(dir / "t.gpkg", "pts", 4326, {{"POINT (1 2)", "a", 1}});
  auto c = config_for(dir / "t.gpkg", "pts");
  c.properties = {"count", "name"};
  auto layer = store::load_layer(c);
  ASSERT_EQ(layer->fields.size(), 2u);
  EXPECT_EQ(layer->fields[0].name, "count");

  c.properties = {"nope"};
  EXPECT_NE(load_error(c).find("property 'nope' is not a field"), std::string::npos);
  c.properties.clear();
  c.source_layer = "missing";
  std::string message = load_error(c);
  EXPECT_NE(message.find("has no layer 'missing' (it has: pts)"), std::string::npos) << message;
  c.source = (dir / "absent.gpkg").string();
  message = load_error(c);
  EXPECT_NE(message.find("test.yaml"), std::string::npos) << message;
  EXPECT_NE(message.find("cannot open vector source"), std::string::npos) << message;
}

TEST(LayerLoader, IdFieldGivesStringIdsAndRejectsDuplicates) {
  TempDir dir;
  write_gpkg_layer(dir / "t.gpkg", "pts", 4326, {{"POINT (1 2)", "a"}, {"POINT (1 3)", "b"}});
  auto c = config_for(dir / "t.gpkg", "pts");
  c.id_field = "name";
  auto layer = store::load_layer(c);
  EXPECT_FALSE(layer->numeric_ids);
  EXPECT_EQ(layer->find_feature("b"), 1u);
  write_gpkg_layer(dir / "d.gpkg", "pts", 4326, {{"POINT (1 2)", "same"}, {"POINT (1 3)", "same"}});
  c.source = (dir / "d.gpkg").string();
  EXPECT_NE(load_error(c).find("occurs more than once"), std::string::npos);
}

TEST(Snapshot, AnalysisCrsIsTheDataZoneUnlessConfigured) {
  TempDir dir;
  write_gpkg_layer(dir / "t.gpkg", "pts", 4326, {{"POINT (120.2 30.3)", "hangzhou"}});
  catalog::Catalog c;
  c.layers.push_back(config_for(dir / "t.gpkg", "pts"));
  auto snapshot = store::load_snapshot(c);
  EXPECT_EQ(snapshot->analysis_crs.epsg, 4549);
  EXPECT_NEAR(snapshot->find("pts")->metric_geometry(0).coords[0].x,
              500000 + 0.2 * 111320 * std::cos(30.3 * std::numbers::pi / 180), 100);
  c.analysis_crs = geo::Crs{4547};
  EXPECT_EQ(store::load_snapshot(c)->analysis_crs.epsg, 4547);
}
