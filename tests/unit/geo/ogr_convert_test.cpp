#include "geo/ogr_convert.h"

#include <gtest/gtest.h>
#include <ogr_geometry.h>

#include <cmath>
#include <memory>
#include <numbers>
#include <string>

using namespace onemap::geo;

namespace {

std::unique_ptr<OGRGeometry> parse(const std::string& wkt) {
  OGRGeometry* g = nullptr;
  if (OGRGeometryFactory::createFromWkt(wkt.c_str(), nullptr, &g) != OGRERR_NONE) ADD_FAILURE() << "bad WKT " << wkt;
  return std::unique_ptr<OGRGeometry>(g);
}

std::optional<Geometry> convert(const std::string& wkt) {
  auto g = parse(wkt);
  if (!g) return std::nullopt;
  return from_ogr(*g);
}

std::vector<Coord> path(const Geometry& g, std::size_t i) {
  Range r = path_coords(g, i);
  return {g.coords.begin() + r.begin, g.coords.begin() + r.end};
}

// Every coordinate lies on the circle around `centre` of radius `r`.
void expect_on_circle(const Geometry& g, Coord centre, double r) {
  for (const Coord& c : g.coords) EXPECT_NEAR(std::hypot(c.x - centre.x, c.y - centre.y), r, 1e-9) << c.x << " " << c.y;
}

double ring_area(const std::vector<Coord>& ring) {  // shoelace
  double a = 0;
  for (std::size_t i = 0; i + 1 < ring.size(); ++i) a += ring[i].x * ring[i + 1].y - ring[i + 1].x * ring[i].y;
  return std::abs(a) / 2;
}

}  // namespace

TEST(OgrConvert, Point) {
  auto g = convert("POINT (112.5 35.1)");
  ASSERT_TRUE(g);
  EXPECT_EQ(g->type, GeometryType::Point);
  EXPECT_EQ(g->coords, (std::vector<Coord>{{112.5, 35.1}}));
  EXPECT_EQ(g->part_count(), 1u);
}

TEST(OgrConvert, LineStringDropsRepeatedPoints) {
  auto g = convert("LINESTRING (0 0, 1 0, 1 0, 1 1)");
  ASSERT_TRUE(g);
  EXPECT_EQ(g->type, GeometryType::LineString);
  EXPECT_EQ(g->coords, (std::vector<Coord>{{0, 0}, {1, 0}, {1, 1}}));
}

TEST(OgrConvert, PolygonKeepsItsHoleAndClosesOpenRings) {
  auto g = convert("POLYGON ((0 0, 10 0, 10 10, 0 10, 0 0), (2 2, 2 4, 4 4, 4 2, 2 2))");
  ASSERT_TRUE(g);
  EXPECT_EQ(g->type, GeometryType::Polygon);
  EXPECT_EQ(g->path_ends, (std::vector<std::uint32_t>{5, 10}));
  EXPECT_EQ(g->part_ends, (std::vector<std::uint32_t>{2}));

  auto open = convert("POLYGON ((0 0, 1 0, 1 1))");
  ASSERT_TRUE(open);
  EXPECT_EQ(open->coords, (std::vector<Coord>{{0, 0}, {1, 0}, {1, 1}, {0, 0}}));
}

TEST(OgrConvert, MultiTypesKeepEveryPart) {
  auto mp = convert("MULTIPOINT ((1 2), (3 4))");
  ASSERT_TRUE(mp);
  EXPECT_EQ(mp->type, GeometryType::MultiPoint);
  EXPECT_EQ(mp->part_count(), 2u);

  auto ml = convert("MULTILINESTRING ((0 0, 1 1), (2 2, 3 3))");
  ASSERT_TRUE(ml);
  EXPECT_EQ(ml->type, GeometryType::MultiLineString);
  EXPECT_EQ(ml->part_count(), 2u);

  auto mpoly = convert("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))");
  ASSERT_TRUE(mpoly);
  EXPECT_EQ(mpoly->type, GeometryType::MultiPolygon);
  EXPECT_EQ(mpoly->part_count(), 2u);

  // One part of a multi type stays multi: the source said so.
  auto single = convert("MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)))");
  ASSERT_TRUE(single);
  EXPECT_EQ(single->type, GeometryType::MultiPolygon);
}

TEST(OgrConvert, CollectionIsReducedToItsHighestDimensionFamily) {
  auto g = convert("GEOMETRYCOLLECTION (POINT (9 9), LINESTRING (0 0, 1 1), POLYGON ((0 0, 1 0, 1 1, 0 0)))");
  ASSERT_TRUE(g);
  EXPECT_EQ(g->type, GeometryType::MultiPolygon);
  EXPECT_EQ(g->part_count(), 1u);
  EXPECT_EQ(g->coords.size(), 4u);
}

TEST(OgrConvert, EmptyAndDegenerateGeometriesAreNone) {
  for (const char* wkt :
       {"POINT EMPTY", "LINESTRING EMPTY", "POLYGON EMPTY", "MULTIPOLYGON EMPTY", "GEOMETRYCOLLECTION EMPTY",
        "LINESTRING (1 1, 1 1)", "POLYGON ((0 0, 1 1, 0 0))", "CURVEPOLYGON EMPTY"})
    EXPECT_FALSE(convert(wkt)) << wkt;
  // A degenerate part is dropped, the rest kept.
  auto g = convert("MULTILINESTRING ((5 5, 5 5), (0 0, 1 1))");
  ASSERT_TRUE(g);
  EXPECT_EQ(g->coords, (std::vector<Coord>{{0, 0}, {1, 1}}));
}

TEST(OgrConvert, ZAndMAreDroppedAndXYKept) {
  auto z = convert("POINT Z (112.5 35.1 80)");
  ASSERT_TRUE(z);
  EXPECT_EQ(z->coords, (std::vector<Coord>{{112.5, 35.1}}));
  auto m = convert("LINESTRING M (0 0 7, 1 2 8)");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->coords, (std::vector<Coord>{{0, 0}, {1, 2}}));
  auto zm = convert("POLYGON ZM ((0 0 1 2, 4 0 1 2, 4 3 1 2, 0 0 1 2))");
  ASSERT_TRUE(zm);
  EXPECT_EQ(zm->type, GeometryType::Polygon);
  EXPECT_EQ(zm->coords, (std::vector<Coord>{{0, 0}, {4, 0}, {4, 3}, {0, 0}}));
}

TEST(OgrConvert, CircularStringIsLinearisedOnItsCircle) {
  // A half circle of radius 1 around (1, 0) through its top (1, 1). OGR steps at most 4 degrees,
  // so 180 degrees take at least 45 segments; a sensible count stays well under a thousand.
  auto g = convert("CIRCULARSTRING (0 0, 1 1, 2 0)");
  ASSERT_TRUE(g);
  EXPECT_EQ(g->type, GeometryType::LineString);
  EXPECT_GE(g->coords.size(), 46u);
  EXPECT_LE(g->coords.size(), 1000u);
  EXPECT_EQ(g->coords.front(), (Coord{0, 0}));
  EXPECT_EQ(g->coords.back(), (Coord{2, 0}));
  expect_on_circle(*g, {1, 0}, 1);
  for (const Coord& c : g->coords) EXPECT_GE(c.y, -1e-12);  // the upper half, through (1, 1)
}

TEST(OgrConvert, CompoundCurveKeepsItsStraightPart) {
  auto g = convert("COMPOUNDCURVE ((-1 0, 1 0), CIRCULARSTRING (1 0, 2 1, 3 0))");
  ASSERT_TRUE(g);
  EXPECT_EQ(g->type, GeometryType::LineString);
  ASSERT_GE(g->coords.size(), 2u + 45u);
  EXPECT_EQ(g->coords[0], (Coord{-1, 0}));
  EXPECT_EQ(g->coords[1], (Coord{1, 0}));
  EXPECT_EQ(g->coords.back(), (Coord{3, 0}));
  Geometry arc = *g;
  arc.coords.erase(arc.coords.begin());  // the rest lies on the circle around (2, 0)
  expect_on_circle(arc, {2, 0}, 1);
}

TEST(OgrConvert, CurvePolygonBecomesAPolygonOfNearlyTheCircleArea) {
  // A full circle of radius 1 around (1, 0): at least 90 segments of at most 4 degrees. An
  // inscribed 90-gon has area 45 sin(4 deg) = 3.1390; the circle pi = 3.1416.
  auto g = convert("CURVEPOLYGON (CIRCULARSTRING (0 0, 2 0, 0 0))");
  ASSERT_TRUE(g);
  EXPECT_EQ(g->type, GeometryType::Polygon);
  EXPECT_GE(g->coords.size(), 91u);
  EXPECT_EQ(g->coords.front(), g->coords.back());
  expect_on_circle(*g, {1, 0}, 1);
  double area = ring_area(path(*g, 0));
  EXPECT_GE(area, 45 * std::sin(4 * std::numbers::pi / 180) - 1e-9);
  EXPECT_LT(area, std::numbers::pi);
}

TEST(OgrConvert, MultiSurfaceAndMultiCurveBecomeMultiTypes) {
  auto s = convert("MULTISURFACE (CURVEPOLYGON (CIRCULARSTRING (0 0, 2 0, 0 0)), ((10 10, 11 10, 11 11, 10 10)))");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->type, GeometryType::MultiPolygon);
  ASSERT_EQ(s->part_count(), 2u);
  EXPECT_EQ(path(*s, 1), (std::vector<Coord>{{10, 10}, {11, 10}, {11, 11}, {10, 10}}));

  auto c = convert("MULTICURVE ((0 0, 1 0), CIRCULARSTRING (5 0, 6 1, 7 0))");
  ASSERT_TRUE(c);
  EXPECT_EQ(c->type, GeometryType::MultiLineString);
  ASSERT_EQ(c->part_count(), 2u);
  EXPECT_EQ(path(*c, 0), (std::vector<Coord>{{0, 0}, {1, 0}}));
}

TEST(OgrConvert, TrianglesAndTinsArePolygons) {
  auto t = convert("TRIANGLE ((0 0, 1 0, 0 1, 0 0))");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->type, GeometryType::Polygon);
  EXPECT_EQ(t->coords.size(), 4u);
  auto tin = convert("TIN Z (((0 0 1, 1 0 1, 0 1 1, 0 0 1)), ((1 0 1, 1 1 1, 0 1 1, 1 0 1)))");
  ASSERT_TRUE(tin);
  EXPECT_EQ(tin->type, GeometryType::MultiPolygon);
  EXPECT_EQ(tin->part_count(), 2u);
}

TEST(OgrConvert, DeclaredFamilyOfLayerTypes) {
  EXPECT_EQ(declared_family(wkbPoint25D), GeometryType::Point);
  EXPECT_EQ(declared_family(wkbMultiPoint), GeometryType::Point);
  EXPECT_EQ(declared_family(wkbCompoundCurve), GeometryType::LineString);
  EXPECT_EQ(declared_family(wkbMultiLineStringM), GeometryType::LineString);
  EXPECT_EQ(declared_family(wkbCurvePolygon), GeometryType::Polygon);
  EXPECT_EQ(declared_family(wkbMultiSurfaceZM), GeometryType::Polygon);
  EXPECT_EQ(declared_family(wkbMultiPolygon), GeometryType::Polygon);
  EXPECT_FALSE(declared_family(wkbUnknown));
  EXPECT_FALSE(declared_family(wkbGeometryCollection25D));
  EXPECT_FALSE(declared_family(wkbNone));
}
