// GEOS objects are owned from the moment they exist: a conversion that fails half-way frees the
// parts it had built, and a spatial index frees its nodes. Measured by counting live allocations
// (allocation_counter.h), which sees GEOS's own.
#include "allocation_counter.h"
#include "geo/geo_error.h"
#include "geo/geos_convert.h"
#include "geo/spatial_index.h"

#include <gtest/gtest.h>

#include <thread>

using namespace onemap::geo;
using onemap::testing::live_allocations;

namespace {

void add_polygon(Geometry& g, std::vector<Coord> shell, std::vector<Coord> hole = {}) {
  g.begin_part();
  g.add_path(shell);
  if (!hole.empty()) g.add_path(hole);
}

const std::vector<Coord> kSquare{{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 0}};
const std::vector<Coord> kUnclosed{{5, 5}, {6, 5}, {6, 6}, {5, 6}};  // GEOS refuses it as a ring

// Net allocations left behind by `step`, measured after one warm-up run (GEOS and the context's
// error message reach their steady size there).
template <typename Step>
long long leaked_by(Step step, int runs = 10) {
  step();
  long long before = live_allocations();
  for (int i = 0; i < runs; ++i) step();
  return live_allocations() - before;
}

}  // namespace

TEST(GeosOwnership, TheCounterSeesGeosAllocations) {
  GeosContext& ctx = GeosContext::for_this_thread();
  Geometry g;
  g.type = GeometryType::Polygon;
  add_polygon(g, kSquare);
  long long before = live_allocations();
  GeosGeometryPtr held = to_geos(ctx, g);
  EXPECT_GT(live_allocations(), before);
  held.reset();
  EXPECT_EQ(live_allocations(), before);
}

TEST(GeosOwnership, CollectionWhoseLaterPartFailsFreesTheEarlierParts) {
  GeosContext& ctx = GeosContext::for_this_thread();
  Geometry g;
  g.type = GeometryType::MultiPolygon;
  add_polygon(g, kSquare);
  add_polygon(g, kSquare);
  add_polygon(g, kUnclosed);
  EXPECT_THROW(to_geos(ctx, g), GeoError);
  auto fail_on_third_part = [&] {
    try {
      to_geos(ctx, g);
    } catch (const GeoError&) {
    }
  };
  EXPECT_EQ(leaked_by(fail_on_third_part), 0) << "allocations left behind by 10 failed conversions";
}

TEST(GeosOwnership, PolygonWhoseHoleFailsKeepsItsShellAndLeaksNothing) {
  GeosContext& ctx = GeosContext::for_this_thread();
  Geometry g;
  g.type = GeometryType::Polygon;
  add_polygon(g, kSquare, {{1, 1}, {1, 2}, {2, 2}, {2, 1}});  // the hole is not closed
  double area = 0;
  GEOSArea_r(ctx.handle(), to_geos(ctx, g).get(), &area);
  EXPECT_DOUBLE_EQ(area, 16.0);  // the shell alone: 4 x 4
  EXPECT_EQ(leaked_by([&] { to_geos(ctx, g); }), 0) << "allocations left behind by 10 conversions";
}

TEST(GeosOwnership, SpatialIndexFreesItsTree) {
  std::vector<Envelope> boxes;
  for (int i = 0; i < 100; ++i) boxes.push_back({double(i), 0, i + 0.5, 1});
  EXPECT_EQ(leaked_by([&] {
              SpatialIndex index(boxes);
              std::vector<std::uint32_t> hits;
              index.query({10.2, 0.2, 10.3, 0.3}, hits);
              EXPECT_EQ(hits, (std::vector<std::uint32_t>{10}));
            }),
            0);
}

TEST(GeosOwnership, TreeBuiltOnAThreadThatEndedIsDestroyedSafely) {
  // Layers load on worker threads whose GEOS contexts end with them; their trees live on.
  std::unique_ptr<SpatialIndex> index;
  std::thread([&] {
    index = std::make_unique<SpatialIndex>(std::vector<Envelope>{{0, 0, 1, 1}, {5, 5, 6, 6}});
  }).join();
  std::vector<std::uint32_t> hits;
  index->query({5.5, 5.5, 7, 7}, hits);
  EXPECT_EQ(hits, (std::vector<std::uint32_t>{1}));
  index.reset();
}
