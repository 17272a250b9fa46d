// nearest_targets against brute force: every pair measured with plain GEOSDistance, on random
// points, lines and polygons (some inside others) with a fixed seed.
#include "analysis/within_distance.h"
#include "domain_fixture.h"
#include "geo/geos_convert.h"

#include <gtest/gtest.h>

#include <map>
#include <random>

using namespace onemap;
using namespace onemap::testing;

namespace {

std::vector<std::pair<std::string, std::vector<std::string>>> random_rows(std::mt19937& rng, int n, int kinds) {
  std::uniform_real_distribution<double> at(0, 20000), size(5, 800);
  std::vector<std::pair<std::string, std::vector<std::string>>> rows;
  for (int i = 0; i < n; ++i) {
    double x = at(rng), y = at(rng), w = size(rng), h = size(rng);
    int kind = static_cast<int>(rng() % kinds);
    std::string wkt = kind == 0   ? point_wkt(x, y)
                      : kind == 1 ? "LINESTRING (" + std::to_string(kX0 + x) + " " + std::to_string(kY0 + y) + ", " +
                                        std::to_string(kX0 + x + w) + " " + std::to_string(kY0 + y + h) + ")"
                                  : rect_wkt(x, y, x + w, y + h);
    rows.push_back({wkt, {std::to_string(i % 3)}});
  }
  return rows;
}

struct RandomLayers {
  TempDir dir;
  std::shared_ptr<const store::Snapshot> snapshot;
  RandomLayers() {
    std::mt19937 rng(20240607);
    std::filesystem::path gpkg = dir / "random.gpkg";
    write_layer(gpkg, 4547, {"a", {{"group", 'i'}}, random_rows(rng, 400, 2)});  // points and lines
    write_layer(gpkg, 4547, {"b", {{"group", 'i'}}, random_rows(rng, 300, 3)});  // and rectangles
    catalog::Catalog c;
    c.analysis_crs = geo::Crs{4547};
    for (const char* id : {"a", "b"}) {
      catalog::LayerConfig l;
      l.id = l.source_layer = id;
      l.source = gpkg.string();
      c.layers.push_back(l);
    }
    snapshot = store::load_snapshot(c);
  }
};

// source index → (distance to the nearest target meeting `group`, within d)
std::map<std::uint32_t, double> brute_force(const store::Layer& a, const store::Layer& b, double d, bool same,
                                            std::optional<double> group) {
  geo::GeosContext& ctx = geo::GeosContext::for_this_thread();
  std::vector<geo::GeosGeometryPtr> bs;
  for (std::uint32_t j = 0; j < b.feature_count(); ++j) bs.push_back(geo::to_geos(ctx, b.metric_geometry(j)));
  std::map<std::uint32_t, double> out;
  for (std::uint32_t i = 0; i < a.feature_count(); ++i) {
    geo::GeosGeometryPtr ga = geo::to_geos(ctx, a.metric_geometry(i));
    for (std::uint32_t j = 0; j < b.feature_count(); ++j) {
      if (same && i == j) continue;
      if (group && std::get<std::int64_t>(b.value(j, 0)) != static_cast<std::int64_t>(*group)) continue;
      double dist = 0;
      GEOSDistance_r(ctx.handle(), ga.get(), bs[j].get(), &dist);
      if (dist <= d && (!out.count(i) || dist < out[i])) out[i] = dist;
    }
  }
  return out;
}

void expect_same(const std::vector<analysis::DistanceMatch>& got, const std::map<std::uint32_t, double>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (const auto& m : got) {
    ASSERT_TRUE(want.count(m.source)) << m.source;
    EXPECT_NEAR(m.distance, want.at(m.source), 1e-6) << m.source;
  }
  for (std::size_t k = 1; k < got.size(); ++k) EXPECT_LE(got[k - 1].distance, got[k].distance);
}

std::vector<std::uint32_t> all(const store::Layer& l) {
  std::vector<std::uint32_t> v(l.feature_count());
  for (std::uint32_t i = 0; i < v.size(); ++i) v[i] = i;
  return v;
}

}  // namespace

TEST(WithinDistance, NearestTargetsMatchBruteForce) {
  RandomLayers data;
  const store::Layer& a = *data.snapshot->find("a");
  const store::Layer& b = *data.snapshot->find("b");
  for (double d : {0.0, 150.0, 1000.0, 4000.0}) {
    catalog::DistanceSpec spec;
    spec.fixed = d;
    expect_same(analysis::nearest_targets(a, all(a), {b, {}, spec}, false), brute_force(a, b, d, false, std::nullopt));
    expect_same(analysis::nearest_targets(b, all(b), {b, {}, spec}, true), brute_force(b, b, d, true, std::nullopt));
  }
  catalog::DistanceSpec spec;
  spec.fixed = 2500;
  analysis::ReachSpec group_one{b, {{"group", {1.0}}}, spec};
  expect_same(analysis::nearest_targets(a, all(a), group_one, false), brute_force(a, b, 2500, false, 1.0));
}

TEST(WithinDistance, DistanceByTargetPropertyAndCases) {
  RandomLayers data;
  const store::Layer& a = *data.snapshot->find("a");
  const store::Layer& b = *data.snapshot->find("b");
  catalog::DistanceSpec by;
  by.by_property = "group";
  by.by_value = {{"0", 300}, {"1", 1200}};  // group 2: not a target (no default)
  auto got = analysis::nearest_targets(a, all(a), {b, {}, by}, false);
  // Each source's nearest target among those within their own reach.
  auto within_0 = brute_force(a, b, 300, false, 0.0);
  auto within_1 = brute_force(a, b, 1200, false, 1.0);
  std::map<std::uint32_t, double> want = within_0;
  for (auto [i, d] : within_1)
    if (!want.count(i) || d < want[i]) want[i] = d;
  expect_same(got, want);
}
