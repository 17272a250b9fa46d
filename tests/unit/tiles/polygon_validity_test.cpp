// The exact integer check that lets simple rings skip GEOS must never let an invalid polygon
// through: random small rings on a coarse grid (so that touching and crossing are common) are
// finished and made valid; GEOS judges each before, and every one it finds invalid must have
// been rebuilt, every one it finds valid left as it was.
#include "tiles/polygon_validity.h"
#include "geo/geos_handles.h"
#include "tiles/tile_ring.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

using namespace onemap;
using namespace onemap::tiles;

namespace {

// The rings as a WKT MultiPolygon, each exterior opening a polygon and its holes following.
std::string to_wkt(const TileGeometry& g) {
  std::string out = "MULTIPOLYGON (";
  for (std::size_t path = 0; path < g.path_ends.size(); ++path) {
    const bool exterior =
        twice_signed_area(g.points.data() + g.path_begin(path), g.points.data() + g.path_ends[path]) > 0;
    if (exterior)
      out += path ? ")), ((" : "((";
    else
      out += "), (";
    for (std::uint32_t k = g.path_begin(path); k < g.path_ends[path]; ++k)
      out +=
          (k == g.path_begin(path) ? "" : ", ") + std::to_string(g.points[k].x) + " " + std::to_string(g.points[k].y);
  }
  return out + (g.path_ends.empty() ? ")" : ")))");
}

bool geos_valid(const TileGeometry& g) {
  geo::GeosContext& ctx = geo::GeosContext::for_this_thread();
  GEOSWKTReader* reader = GEOSWKTReader_create_r(ctx.handle());
  GEOSGeometry* geometry = GEOSWKTReader_read_r(ctx.handle(), reader, to_wkt(g).c_str());
  GEOSWKTReader_destroy_r(ctx.handle(), reader);
  if (!geometry) return false;
  const bool valid = GEOSisValid_r(ctx.handle(), geometry) == 1;
  GEOSGeom_destroy_r(ctx.handle(), geometry);
  return valid;
}

}  // namespace

TEST(PolygonValidity, OnlyValidRingsSkipTheRepair) {
  std::mt19937 random(20211);
  std::uniform_int_distribution<int> coordinate(0, 6), length(3, 9);
  std::vector<double> scratch;
  std::size_t valid_as_drawn = 0, repaired = 0;
  for (int trial = 0; trial < 20000; ++trial) {
    TileGeometry g;
    g.type = TileGeometryType::Polygon;
    const int n = length(random);
    for (int k = 0; k < n; ++k) {
      TilePoint p{coordinate(random), coordinate(random)};
      if (g.points.empty() || g.points.back() != p) g.points.push_back(p);
    }
    if (g.points.size() > 1 && g.points.front() == g.points.back()) g.points.pop_back();
    if (g.points.size() < 3) continue;
    g.points.push_back(g.points.front());
    if (!finish_ring(g, 0, true)) continue;
    const bool was_valid = geos_valid(g);
    const TileGeometry before = g;
    ensure_valid_polygons(g, scratch);
    if (was_valid) {
      ASSERT_EQ(g.points, before.points) << to_wkt(before);  // a valid polygon passes unchanged
      ++valid_as_drawn;
    } else {
      ASSERT_NE(g.points, before.points) << "invalid, let through: " << to_wkt(before);
      ++repaired;
    }
  }
  // Both kinds must have been drawn often for the test to mean anything.
  EXPECT_GT(valid_as_drawn, 1000u);
  EXPECT_GT(repaired, 1000u);
}
