// The derived-cache key of a nearest-neighbour index is the full canonical text of the filter
// that selects its features, and the snapshot's layers share one bounded cache.
#include "analysis/nearest_index.h"
#include "domain_fixture.h"

#include <gtest/gtest.h>

using namespace onemap;
using namespace onemap::testing;
using catalog::Condition;
using catalog::DistanceSpec;

namespace {

const store::Layer& farmland() { return *domain_fixture().snapshot->find("farmland"); }

DistanceSpec fixed(double metres) {
  DistanceSpec d;
  d.fixed = metres;
  return d;
}

}  // namespace

TEST(NearestIndexKey, TheSameFilterWrittenAnotherWayHasTheSameKey) {
  std::vector<Condition> a = {{"category", {std::string("优先保护类"), std::string("安全利用类")}},
                              {"terrain", {std::string("plain")}}};
  std::vector<Condition> b = {{"terrain", {std::string("plain")}},
                              {"category", {std::string("安全利用类"), std::string("优先保护类")}}};
  EXPECT_EQ(analysis::nearest_index_key(farmland(), a, fixed(1000)),
            analysis::nearest_index_key(farmland(), b, fixed(1000)));
}

TEST(NearestIndexKey, EveryPartOfTheFilterCounts) {
  std::vector<Condition> where = {{"category", {std::string("优先保护类")}}};
  std::string key = analysis::nearest_index_key(farmland(), where, fixed(1000));
  EXPECT_NE(key, analysis::nearest_index_key(farmland(), {}, fixed(1000)));
  EXPECT_NE(key, analysis::nearest_index_key(farmland(), {{"category", {std::string("严格管控类")}}}, fixed(1000)));
  EXPECT_NE(key, analysis::nearest_index_key(farmland(), where, fixed(2000)));
  EXPECT_NE(key, analysis::nearest_index_key(*domain_fixture().snapshot->find("townships"), where, fixed(1000)));
  // A number and the same digits as text select different features.
  EXPECT_NE(analysis::nearest_index_key(farmland(), {{"area_mu", {1500.0}}}, fixed(1)),
            analysis::nearest_index_key(farmland(), {{"area_mu", {std::string("1500")}}}, fixed(1)));
  // Texts are length-prefixed: no value can pass for a separator.
  EXPECT_NE(analysis::nearest_index_key(farmland(), {{"a", {std::string("x,s1:y")}}}, fixed(1)),
            analysis::nearest_index_key(farmland(), {{"a", {std::string("x"), std::string("y")}}}, fixed(1)));
  DistanceSpec by_terrain;
  by_terrain.by_property = "terrain";
  by_terrain.by_value = {{"plain", 10000}, {"hill", 5000}};
  DistanceSpec other = by_terrain;
  other.by_value["hill"] = 3000;
  EXPECT_NE(analysis::nearest_index_key(farmland(), {}, by_terrain),
            analysis::nearest_index_key(farmland(), {}, other));
}

TEST(NearestIndexKey, TheSnapshotsLayersShareOneCache) {
  const store::Snapshot& s = *domain_fixture().snapshot;
  ASSERT_TRUE(s.derived_cache);
  EXPECT_EQ(s.derived_cache->budget(), std::size_t{256} << 20);  // server.derived_cache_mb's default
  for (const auto& layer : s.layers) EXPECT_EQ(layer->derived, s.derived_cache) << layer->config.id;
  // Screening builds indexes; they land in the shared cache, within its budget.
  domain_fixture().execute("screening", nlohmann::json::object());
  EXPECT_GT(s.derived_cache->size(), 0u);
  EXPECT_LE(s.derived_cache->bytes(), s.derived_cache->budget());
}
