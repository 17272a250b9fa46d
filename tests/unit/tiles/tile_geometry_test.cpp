// Clipping, simplification, snapping, winding and repair of geometries into tile space.
#include "tile_test_layers.h"
#include "tiles/tile_clip.h"
#include "tiles/tile_geometry_builder.h"
#include "tiles/tile_ring.h"
#include "tiles/tile_simplify.h"

#include <gtest/gtest.h>

using namespace onemap;
using namespace onemap::tiles;
using onemap::testing::mercator_from_tile_wkt;
using onemap::testing::paths_of;
using Path = std::vector<TilePoint>;

namespace {

const TileSpace kSpace = TileSpace::for_tile({10, 832, 405}, 4096, 64);

TileGeometry build(const std::string& tile_wkt, double tolerance = kSimplifyTolerance) {
  TileGeometryBuilder builder(kSpace, tolerance);
  TileGeometry out;
  geo::Geometry g = mercator_from_tile_wkt(kSpace, tile_wkt);
  for (geo::Coord& c : g.coords) c = mercator_to_lonlat(c);  // the builder reads lon/lat
  builder.build(g, out);
  return out;
}

std::int64_t area2(const Path& ring) { return twice_signed_area(ring.data(), ring.data() + ring.size()); }

}  // namespace

TEST(TileGeometry, TileSpaceMapsTheTileToZeroToExtent) {
  geo::Envelope b = tile_bounds({10, 832, 405});
  geo::Coord top_left = kSpace.to_tile({b.min_x, b.max_y});
  geo::Coord bottom_right = kSpace.to_tile({b.max_x, b.min_y});
  EXPECT_NEAR(top_left.x, 0, 1e-6);
  EXPECT_NEAR(top_left.y, 0, 1e-6);
  EXPECT_NEAR(bottom_right.x, 4096, 1e-6);
  EXPECT_NEAR(bottom_right.y, 4096, 1e-6);
}

TEST(TileGeometry, PolygonLargerThanTheTileBecomesTheBufferedSquare) {
  TileGeometry g = build("POLYGON ((-10000 -10000, 20000 -10000, 20000 20000, -10000 20000, -10000 -10000))");
  ASSERT_EQ(g.type, TileGeometryType::Polygon);
  auto rings = paths_of(g);
  ASSERT_EQ(rings.size(), 1u);
  EXPECT_EQ(rings[0].size(), 5u);
  for (const TilePoint& p : rings[0]) {
    EXPECT_TRUE(p.x == -64 || p.x == 4160) << p.x;
    EXPECT_TRUE(p.y == -64 || p.y == 4160) << p.y;
  }
  EXPECT_EQ(area2(rings[0]), 2LL * 4224 * 4224);  // positive: an exterior ring
}

TEST(TileGeometry, LineCrossingTheTileIsCutAtTheBuffer) {
  TileGeometry g = build("LINESTRING (-5000 1000, 9000 1000)");
  ASSERT_EQ(g.type, TileGeometryType::LineString);
  EXPECT_EQ(paths_of(g), (std::vector<Path>{{{-64, 1000}, {4160, 1000}}}));
  // Leaving and coming back makes two pieces; the diagonal is cut where it meets the buffer.
  g = build("LINESTRING (100 100, 100 -1000, 200 -1000, 200 200, 5160 5160)");
  EXPECT_EQ(paths_of(g), (std::vector<Path>{{{100, 100}, {100, -64}}, {{200, -64}, {200, 200}, {4160, 4160}}}));
}

TEST(TileGeometry, PointsInTheBufferAreKeptAndBeyondItDropped) {
  TileGeometry g = build("MULTIPOINT ((10 10), (-64 4160), (-65 10), (4161 10), (2048.4 2047.6))");
  ASSERT_EQ(g.type, TileGeometryType::Point);
  EXPECT_EQ(paths_of(g), (std::vector<Path>{{{10, 10}, {-64, 4160}, {2048, 2048}}}));
  EXPECT_TRUE(build("POINT (-100 -100)").empty());
}

TEST(TileGeometry, RingsAreWoundAsMvtWantsWhateverTheSourceWinding) {
  // Exterior clockwise and hole clockwise on screen in the source; MVT wants the hole reversed.
  const std::string square = "(100 100, 1000 100, 1000 1000, 100 1000, 100 100)";
  const std::string hole_cw = "(200 200, 300 200, 300 300, 200 300, 200 200)";
  const std::string square_ccw = "(100 100, 100 1000, 1000 1000, 1000 100, 100 100)";
  for (const std::string& wkt :
       {"POLYGON (" + square + ", " + hole_cw + ")", "POLYGON (" + square_ccw + ", " + hole_cw + ")"}) {
    auto rings = paths_of(build(wkt));
    ASSERT_EQ(rings.size(), 2u) << wkt;
    EXPECT_GT(area2(rings[0]), 0) << wkt;
    EXPECT_LT(area2(rings[1]), 0) << wkt;
  }
}

TEST(TileGeometry, DegenerateRingsAreDropped) {
  // Smaller than a tile unit: collapses when snapped, and the feature disappears.
  EXPECT_TRUE(build("POLYGON ((10 10, 10.3 10, 10.3 10.3, 10 10))").empty());
  // Zero area after snapping (all points on one line).
  EXPECT_TRUE(build("POLYGON ((10 10, 20 10.2, 30 9.8, 10 10))", 0).empty());
  // A collapsing hole goes; its polygon stays.
  auto rings = paths_of(build("POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0), (50 50, 50.2 50, 50.2 50.2, 50 50))"));
  EXPECT_EQ(rings.size(), 1u);
  // A part whose exterior collapses takes its holes with it; the other part stays.
  rings = paths_of(build("MULTIPOLYGON (((0 0, 0.2 0, 0.2 0.2, 0 0)), ((10 10, 30 10, 30 30, 10 30, 10 10)))"));
  ASSERT_EQ(rings.size(), 1u);
  EXPECT_EQ(rings[0].front(), (TilePoint{10, 10}));
}

TEST(TileGeometry, SnappingLeavesNoRepeatedPoints) {
  auto paths = paths_of(build("LINESTRING (0 0, 0.1 0.1, 0.2 0.2, 5 5, 5.1 5, 5.2 5.1, 9 9)", 0));
  ASSERT_EQ(paths.size(), 1u);
  for (std::size_t i = 1; i < paths[0].size(); ++i) EXPECT_NE(paths[0][i], paths[0][i - 1]);
  EXPECT_EQ(paths[0].front(), (TilePoint{0, 0}));
  EXPECT_EQ(paths[0].back(), (TilePoint{9, 9}));
  EXPECT_TRUE(build("LINESTRING (3 3, 3.2 3.1)").empty());  // collapsed to one point
}

TEST(TileGeometry, SimplificationOnlyBelowTheMaximumZoom) {
  // A gentle zigzag 0.4 units off the straight line, its vertices far enough apart that
  // snapping alone keeps them all.
  std::string wkt = "LINESTRING (0 0";
  for (int i = 1; i <= 20; ++i) wkt += ", " + std::to_string(i * 100) + " " + (i % 2 ? "0.4" : "0");
  wkt += ")";
  EXPECT_EQ(paths_of(build(wkt, kSimplifyTolerance))[0].size(), 2u);
  EXPECT_EQ(paths_of(build(wkt, 0))[0].size(), 21u);
}

TEST(TileGeometry, SimplifyPathKeepsEndsAndFarPoints) {
  std::vector<geo::Coord> line = {{0, 0}, {1, 0.1}, {2, 3}, {3, 0.1}, {4, 0}};
  std::vector<geo::Coord> out;
  SimplifyScratch scratch;
  simplify_path(line.data(), line.data() + line.size(), 1.0, out, scratch);
  EXPECT_EQ(out, (std::vector<geo::Coord>{{0, 0}, {2, 3}, {4, 0}}));
  out.clear();
  simplify_path(line.data(), line.data() + line.size(), 0.5, out, scratch);  // (1, 0.1) is 0.78 off
  EXPECT_EQ(out.size(), 5u);
  out.clear();
  std::vector<geo::Coord> ring = {{0, 0}, {10, 0}, {10, 10}, {5, 10.2}, {0, 10}, {0, 0}};
  simplify_path(ring.data(), ring.data() + ring.size(), 0.5, out, scratch);
  EXPECT_EQ(out, (std::vector<geo::Coord>{{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}}));
}

TEST(TileGeometry, ClipRingThatAvoidsTheBoxLeavesNothing) {
  // A "C" around the box: its envelope covers the box but none of its area is inside.
  std::vector<geo::Coord> ring = {{-10, -10}, {20, -10}, {20, -5},  {-5, -5},  {-5, 15},
                                  {20, 15},   {20, 20},  {-10, 20}, {-10, -10}};
  std::vector<geo::Coord> out, scratch;
  clip_ring(ring.data(), ring.data() + ring.size(), {0, 0, 10, 10}, out, scratch);
  // Sutherland–Hodgman leaves a zero-area sliver along the edge; the builder drops it.
  double area = 0;
  for (std::size_t i = 0; i + 1 < out.size(); ++i) area += out[i].x * out[i + 1].y - out[i + 1].x * out[i].y;
  EXPECT_EQ(area, 0);
}

TEST(TileGeometry, SelfIntersectingPolygonIsMadeValid) {
  // A bow-tie with unequal lobes: two triangles meeting at (333.3, 333.3). (One whose lobes
  // cancel exactly has zero area and is dropped as degenerate; the loader repairs sources.)
  auto rings = paths_of(build("POLYGON ((0 0, 1000 1000, 1000 0, 0 500, 0 0))"));
  ASSERT_EQ(rings.size(), 2u);
  for (const Path& r : rings) EXPECT_GT(area2(r), 0);  // two exteriors, no holes
}

TEST(TileGeometry, ConcavePolygonLeavingAndReenteringIsSplitCleanly) {
  // A "U" whose arms reach above the tile: clipped, it is two separate arms, not one ring with
  // a zero-width bridge along the tile's top edge.
  auto rings = paths_of(
      build("POLYGON ((100 -500, 300 -500, 300 500, 700 500, 700 -500, 900 -500, 900 800, 100 800, 100 -500))"));
  ASSERT_EQ(rings.size(), 1u);  // still one polygon: the arms join at the bottom
  EXPECT_GT(area2(rings[0]), 0);
  // Its area is the U's inside the buffered tile: 800·300 (bottom) + 2 · 200·564 (arms).
  EXPECT_EQ(area2(rings[0]), 2 * (800 * 300 + 2 * 200 * 564));
  rings = paths_of(
      build("POLYGON ((100 -500, 300 -500, 300 -200, 700 -200, 700 -500, 900 -500, 900 800, 100 800, 100 -500))"));
  ASSERT_EQ(rings.size(), 1u);
}

TEST(TileGeometry, SpikesThinnerThanAPixelAreCutOff) {
  // The ring goes out to (-7, -6) and comes back past (0, 0) within half a unit: at tile
  // resolution that is a hair, which snap rounding removes.
  TileGeometry g;
  g.points = {{-12, 19}, {0, 0}, {-7, -6}, {49, 36}, {60, 60}, {-12, 19}};
  remove_spikes(g, 0);
  EXPECT_EQ(g.points, (std::vector<TilePoint>{{-12, 19}, {0, 0}, {49, 36}, {60, 60}, {-12, 19}}));
  // Straight back along itself, over several vertices.
  g.points = {{0, 0}, {10, 0}, {20, 0}, {30, 0}, {15, 0}, {10, 10}, {0, 0}};
  remove_spikes(g, 0);
  EXPECT_EQ(g.points, (std::vector<TilePoint>{{0, 0}, {10, 0}, {15, 0}, {10, 10}, {0, 0}}));
  // A thin but real triangle stays.
  g.points = {{0, 0}, {10, 0}, {0, 1}, {0, 0}};
  remove_spikes(g, 0);
  EXPECT_EQ(g.points.size(), 4u);
}
