#include "geo/geos_convert.h"
#include "geo/spatial_index.h"

#include <gtest/gtest.h>

#include <algorithm>

using namespace onemap::geo;

namespace {
Geometry polygon(std::vector<Coord> ring) {
  Geometry g;
  g.type = GeometryType::Polygon;
  g.begin_part();
  g.add_path(ring);
  return g;
}
double area(GeosContext& ctx, const Geometry& g) {
  double a = 0;
  GEOSArea_r(ctx.handle(), to_geos(ctx, g).get(), &a);
  return a;
}
}  // namespace

TEST(GeosConvert, ValidPolygonIsLeftAlone) {
  GeosContext& ctx = GeosContext::for_this_thread();
  Geometry square = polygon({{0, 0}, {2, 0}, {2, 2}, {0, 2}, {0, 0}});
  EXPECT_EQ(repair_if_invalid(ctx, square), Repair::Valid);
  EXPECT_DOUBLE_EQ(area(ctx, square), 4.0);
}

TEST(GeosConvert, BowTieIsRepairedIntoTwoTriangles) {
  // A self-intersecting ring crossing at (1,1): two triangles of area 1 each.
  GeosContext& ctx = GeosContext::for_this_thread();
  Geometry bowtie = polygon({{0, 0}, {2, 2}, {2, 0}, {0, 2}, {0, 0}});
  EXPECT_EQ(repair_if_invalid(ctx, bowtie), Repair::Repaired);
  EXPECT_EQ(bowtie.type, GeometryType::MultiPolygon);
  EXPECT_EQ(bowtie.part_count(), 2u);
  EXPECT_NEAR(area(ctx, bowtie), 2.0, 1e-12);
  EXPECT_EQ(GEOSisValid_r(ctx.handle(), to_geos(ctx, bowtie).get()), 1);
}

TEST(GeosConvert, RoundTripKeepsHoles) {
  GeosContext& ctx = GeosContext::for_this_thread();
  Geometry g = polygon({{0, 0}, {10, 0}, {10, 10}, {0, 10}, {0, 0}});
  g.add_path({{2, 2}, {2, 4}, {4, 4}, {4, 2}, {2, 2}});
  Geometry back = from_geos(ctx, to_geos(ctx, g).get(), GeometryType::Polygon);
  EXPECT_EQ(back.coords, g.coords);
  EXPECT_EQ(back.path_ends, g.path_ends);
  EXPECT_DOUBLE_EQ(area(ctx, back), 96.0);
}

TEST(SpatialIndex, FindsIntersectingEnvelopesOnly) {
  std::vector<Envelope> envelopes = {{0, 0, 1, 1}, {5, 5, 6, 6}, {}, {0.5, 0.5, 5.5, 5.5}};
  SpatialIndex index(envelopes);
  std::vector<std::uint32_t> hits;
  index.query({0.9, 0.9, 1.1, 1.1}, hits);
  std::sort(hits.begin(), hits.end());
  EXPECT_EQ(hits, (std::vector<std::uint32_t>{0, 3}));
  hits.clear();
  index.query({10, 10, 11, 11}, hits);
  EXPECT_TRUE(hits.empty());
}
