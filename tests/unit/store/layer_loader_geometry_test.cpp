// Dirty geometries through the loader: curves, Z/M, empty and null geometries, mixed types.
#include "store/layer_loader.h"

#include "encode/geojson_writer.h"
#include "fixtures.h"
#include "layer_writer.h"
#include "load_helpers.h"

#include <gtest/gtest.h>

#include <cmath>

using namespace onemap;
using namespace onemap::testing;

namespace {

LayerRows rows(const std::string& name, const std::vector<std::string>& wkts,
               OGRwkbGeometryType declared = wkbUnknown) {
  LayerRows spec{name, {{"name", 's'}}, {}, declared};
  for (std::size_t i = 0; i < wkts.size(); ++i) spec.rows.push_back({wkts[i], {"f" + std::to_string(i)}});
  return spec;
}

std::unique_ptr<store::Layer> load(const TempDir& dir, const LayerRows& spec) {
  write_layer(dir / (spec.name + ".gpkg"), 4326, spec);
  return store::load_layer(config_for(dir / (spec.name + ".gpkg"), spec.name));
}

void expect_on_circle(const geo::Geometry& g, geo::Coord centre, double r) {
  for (const geo::Coord& c : g.coords)
    EXPECT_NEAR(std::hypot(c.x - centre.x, c.y - centre.y), r, 1e-9) << c.x << " " << c.y;
}

}  // namespace

TEST(LayerLoaderGeometry, CurvedLinesAreLinearised) {
  TempDir dir;
  // Half circles of radius 0.01 degree: at most 4 degrees a step, so at least 46 vertices.
  auto layer = load(
      dir, rows("curves", {"CIRCULARSTRING (112 35, 112.01 35.01, 112.02 35)",
                           "COMPOUNDCURVE ((111.99 35, 112 35), CIRCULARSTRING (112 35, 112.01 35.01, 112.02 35))"}));
  EXPECT_EQ(layer->kind, store::GeometryKind::Line);
  const geo::Geometry arc = geo::copy_geometry(layer->lonlat_geometry(0));
  EXPECT_EQ(arc.type, geo::GeometryType::LineString);
  EXPECT_GE(arc.coords.size(), 46u);
  EXPECT_LE(arc.coords.size(), 1000u);
  EXPECT_NEAR(arc.coords.front().x, 112, 1e-12);
  EXPECT_NEAR(arc.coords.back().x, 112.02, 1e-12);
  expect_on_circle(arc, {112.01, 35}, 0.01);
  const geo::Geometry compound = geo::copy_geometry(layer->lonlat_geometry(1));
  EXPECT_EQ(compound.type, geo::GeometryType::LineString);
  EXPECT_EQ(compound.coords.size(), arc.coords.size() + 1);  // the straight lead-in adds one vertex
  EXPECT_NEAR(compound.coords.front().x, 111.99, 1e-12);
}

TEST(LayerLoaderGeometry, CurvedPolygonsAreLinearised) {
  TempDir dir;
  auto layer = load(dir, rows("areas", {"CURVEPOLYGON (CIRCULARSTRING (112 35, 112.02 35, 112 35))",
                                        "MULTISURFACE (CURVEPOLYGON (CIRCULARSTRING (113 35, 113.02 35, 113 35)), "
                                        "((114 35, 114.01 35, 114.01 35.01, 114 35)))"}));
  EXPECT_EQ(layer->kind, store::GeometryKind::Polygon);
  const geo::Geometry circle = geo::copy_geometry(layer->lonlat_geometry(0));
  EXPECT_EQ(circle.type, geo::GeometryType::Polygon);
  EXPECT_GE(circle.coords.size(), 91u);  // a full circle: at least 90 steps of 4 degrees
  EXPECT_LE(circle.coords.size(), 2000u);
  expect_on_circle(circle, {112.01, 35}, 0.01);
  const geo::Geometry multi = geo::copy_geometry(layer->lonlat_geometry(1));
  EXPECT_EQ(multi.type, geo::GeometryType::MultiPolygon);
  ASSERT_EQ(multi.part_count(), 2u);
  EXPECT_EQ(geo::path_coords(multi, 1).end - geo::path_coords(multi, 1).begin, 4u);  // the triangle as written
  EXPECT_EQ(layer->repaired_geometries, 0u);
}

TEST(LayerLoaderGeometry, ZAndMAreDroppedWithXYIntact) {
  TempDir dir;
  auto layer = load(dir, rows("zm", {"POINT Z (112.5 35.1 120)", "LINESTRING M (112 35 1, 112.1 35.2 2)",
                                     "POLYGON ZM ((112 35 5 1, 112.1 35 5 2, 112.1 35.1 5 3, 112 35 5 4))"}));
  EXPECT_EQ(geo::copy_geometry(layer->lonlat_geometry(0)).coords, (std::vector<geo::Coord>{{112.5, 35.1}}));
  EXPECT_EQ(geo::copy_geometry(layer->lonlat_geometry(1)).coords, (std::vector<geo::Coord>{{112, 35}, {112.1, 35.2}}));
  EXPECT_EQ(layer->lonlat_geometry(2).type, geo::GeometryType::Polygon);
  EXPECT_EQ(geo::copy_geometry(layer->lonlat_geometry(2)).coords,
            (std::vector<geo::Coord>{{112, 35}, {112.1, 35}, {112.1, 35.1}, {112, 35}}));
}

TEST(LayerLoaderGeometry, EmptyAndNullGeometriesAreServedWithoutGeometry) {
  TempDir dir;
  auto layer = load(dir, rows("empties", {"POINT EMPTY", "POLYGON EMPTY", "", "POINT (112.5 35.1)"}));
  ASSERT_EQ(layer->feature_count(), 4u);
  for (std::uint32_t i = 0; i < 3; ++i) {
    EXPECT_TRUE(layer->lonlat_geometry(i).empty()) << i;
    EXPECT_FALSE(layer->has_geometry(i)) << i;
    std::string json;
    encode::append_geojson_feature(json, *layer, i, layer->lonlat_geometry(i));
    EXPECT_NE(json.find("\"geometry\":null"), std::string::npos) << json;
    EXPECT_NE(json.find("\"name\":\"f" + std::to_string(i) + "\""), std::string::npos) << json;
  }
  // The extent and the kind come from the one real geometry.
  EXPECT_EQ(layer->kind, store::GeometryKind::Point);
  EXPECT_DOUBLE_EQ(layer->extent.min_x, 112.5);
  EXPECT_DOUBLE_EQ(layer->extent.max_y, 35.1);
  std::vector<std::uint32_t> hits;
  layer->index->query({-180, -90, 180, 90}, hits);
  EXPECT_EQ(hits, (std::vector<std::uint32_t>{3}));
}

TEST(LayerLoaderGeometry, UndeclaredLayerTakesTheDominantFamilyNotTheFirstFeatures) {
  TempDir dir;
  const std::string square = "POLYGON ((112 35, 112.01 35, 112.01 35.01, 112 35.01, 112 35))";
  auto polygons = load(dir, rows("mostly_polygons", {"POINT (112 35)", square, square, square}));
  EXPECT_EQ(polygons->kind, store::GeometryKind::Polygon);
  // A declared GeometryCollection promises nothing either: two lines outnumber a point and a polygon.
  auto lines = load(dir, rows("mostly_lines",
                              {"POINT (112 35)", "LINESTRING (112 35, 113 36)", square, "LINESTRING (112 36, 113 35)"},
                              wkbGeometryCollection));
  EXPECT_EQ(lines->kind, store::GeometryKind::Line);
  EXPECT_EQ(lines->kinds.size(), 3u);
  // The stray point is still served as the point it is.
  EXPECT_EQ(polygons->lonlat_geometry(0).type, geo::GeometryType::Point);
}

TEST(LayerLoaderGeometry, DeclaredTypeDecidesTheKind) {
  TempDir dir;
  // Declared MultiPolygon: the kind is Polygon even though points are the majority here.
  auto layer = load(
      dir, rows("declared",
                {"POINT (112 35)", "POINT (112.1 35)", "MULTIPOLYGON (((112 35, 112.01 35, 112.01 35.01, 112 35)))"},
                wkbMultiPolygon));
  EXPECT_EQ(layer->kind, store::GeometryKind::Polygon);
  // What the features hold is known too: the points are points (downloads keep them so).
  EXPECT_EQ(layer->kinds, (std::vector<store::GeometryKind>{store::GeometryKind::Point, store::GeometryKind::Polygon}));
  EXPECT_TRUE(layer->mixed_kinds());
}

TEST(LayerLoaderGeometry, SelfIntersectingPolygonIsRepairedIntoItsTwoTriangles) {
  TempDir dir;
  // A bow-tie crossing at (2, 1): two triangles with base 2 and height 2, area 2 each.
  auto layer = load(dir, rows("bowtie", {"POLYGON ((0 0, 4 2, 4 0, 0 2, 0 0))"}));
  EXPECT_EQ(layer->repaired_geometries, 1u);
  const geo::Geometry g = geo::copy_geometry(layer->lonlat_geometry(0));
  EXPECT_EQ(g.type, geo::GeometryType::MultiPolygon);
  ASSERT_EQ(g.part_count(), 2u);
  double area = 0;
  for (std::size_t part = 0; part < g.part_count(); ++part) {  // shoelace over each shell
    geo::Range r = geo::path_coords(g, geo::part_paths(g, part).begin);
    double twice = 0;
    for (std::uint32_t i = r.begin; i + 1 < r.end; ++i)
      twice += g.coords[i].x * g.coords[i + 1].y - g.coords[i + 1].x * g.coords[i].y;
    EXPECT_NEAR(std::abs(twice) / 2, 2.0, 1e-9);
    area += std::abs(twice) / 2;
  }
  EXPECT_NEAR(area, 4.0, 1e-9);
}
