#include "tiles/tile_cache.h"

#include "catalog/catalog_loader.h"
#include "fixtures.h"

#include <gtest/gtest.h>

#include <thread>

using namespace onemap::tiles;

namespace {

std::shared_ptr<const CachedTile> tile_of(std::size_t size, char fill = 'x') {
  auto t = std::make_shared<CachedTile>();
  t->bytes.assign(size, fill);
  t->etag = strong_etag(t->bytes);
  return t;
}

TileKey key(std::uint32_t x, std::uint64_t version = 1) { return {version, "a,b", 10, x, 7}; }

}  // namespace

TEST(TileCache, GetReturnsWhatPutStored) {
  TileCache cache(1 << 20);
  EXPECT_EQ(cache.get(key(1)), nullptr);
  auto t = tile_of(100);
  cache.put(key(1), t);
  EXPECT_EQ(cache.get(key(1)), t);
  EXPECT_EQ(cache.get(key(2)), nullptr);
  EXPECT_EQ(cache.get(TileKey{1, "a", 10, 1, 7}), nullptr);  // another layer list
  EXPECT_EQ(cache.entries(), 1u);
}

TEST(TileCache, EvictsTheLeastRecentlyUsedToStayWithinItsBytes) {
  // One shard of 4000 bytes holds three 1000-byte tiles (each charged a little more).
  TileCache cache(4000, 1);
  for (std::uint32_t x = 1; x <= 3; ++x) cache.put(key(x), tile_of(1000));
  EXPECT_EQ(cache.entries(), 3u);
  ASSERT_NE(cache.get(key(1)), nullptr);  // 1 is now the most recent; 2 the least
  cache.put(key(4), tile_of(1000));
  EXPECT_EQ(cache.get(key(2)), nullptr);
  EXPECT_NE(cache.get(key(1)), nullptr);
  EXPECT_NE(cache.get(key(3)), nullptr);
  EXPECT_NE(cache.get(key(4)), nullptr);
  EXPECT_LE(cache.bytes(), cache.max_bytes());
  // A tile bigger than the budget is served but never kept.
  cache.put(key(5), tile_of(5000));
  EXPECT_EQ(cache.get(key(5)), nullptr);
  EXPECT_EQ(cache.entries(), 3u);
}

TEST(TileCache, VersionsAreKeysAndOtherVersionsStayWarm) {
  TileCache cache(1 << 20);
  for (std::uint32_t x = 0; x < 50; ++x) cache.put(key(x, 1), tile_of(10));
  EXPECT_EQ(cache.get(key(0, 2)), nullptr);  // another version of the layers: a miss
  cache.put(key(0, 2), tile_of(20));
  EXPECT_EQ(cache.get(key(0, 2))->bytes.size(), 20u);
  // A reload that changed other layers leaves these tiles' version, and their entries, as they were.
  EXPECT_EQ(cache.get(key(0, 1))->bytes.size(), 10u);
  EXPECT_EQ(cache.entries(), 51u);
}

TEST(TileCache, ZeroBytesDisablesIt) {
  TileCache cache(0);
  cache.put(key(1), tile_of(1));
  EXPECT_EQ(cache.get(key(1)), nullptr);
}

TEST(TileCache, ManyThreadsStayWithinTheBudget) {
  TileCache cache(64 * 1024);
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t)
    threads.emplace_back([&cache, t] {
      for (std::uint32_t i = 0; i < 2000; ++i) {
        std::uint32_t x = (i * 7919 + t * 104729) % 500;
        if (!cache.get(key(x))) cache.put(key(x), tile_of(100 + x % 300));
      }
    });
  for (auto& th : threads) th.join();
  EXPECT_GT(cache.entries(), 0u);
  EXPECT_LE(cache.bytes(), cache.max_bytes());
}

TEST(TileCache, StrongEtagsDifferWithTheBytes) {
  EXPECT_EQ(strong_etag("abc"), strong_etag("abc"));
  EXPECT_NE(strong_etag("abc"), strong_etag("abd"));
  EXPECT_EQ(strong_etag("abc").front(), '"');
  EXPECT_EQ(strong_etag("abc").back(), '"');
}

TEST(TileSettings, ServerSectionConfiguresTheTiles) {
  onemap::testing::TempDir dir;
  onemap::testing::write_text(dir / "layers/a.yaml", "id: a\nsource: a.gpkg\n");
  onemap::testing::write_text(dir / "onemap.yaml",
                              "server:\n  tile_cache_mb: 32\n  tile_cache_control: no-cache\n  tile_buffer: 16\n");
  auto c = onemap::catalog::load_catalog(dir / "onemap.yaml");
  EXPECT_EQ(c.server.tile_cache_mb, 32u);
  EXPECT_EQ(c.server.tile_cache_control, "no-cache");
  EXPECT_EQ(c.server.tile_buffer, 16);
  onemap::testing::write_text(dir / "onemap.yaml", "server:\n  port: 1\n");
  c = onemap::catalog::load_catalog(dir / "onemap.yaml");
  EXPECT_EQ(c.server.tile_cache_mb, 256u);
  EXPECT_EQ(c.server.tile_cache_control, "public, max-age=3600");
  EXPECT_EQ(c.server.tile_buffer, 64);
  onemap::testing::write_text(dir / "onemap.yaml", "server:\n  tile_buffer: -1\n");
  EXPECT_THROW(onemap::catalog::load_catalog(dir / "onemap.yaml"), onemap::catalog::CatalogError);
}

TEST(TileCache, NeighbouringTilesSpreadOverTheShards) {
  // 256 neighbouring z12 tiles of 10 kB fill 40% of a 16-shard cache. Spread over the shards,
  // they all stay; bunched into a few shards (a weak hash of small x and y), most are evicted.
  TileCache cache(256 * 10'000 * 10 / 4, 16);
  for (std::uint32_t x = 0; x < 16; ++x)
    for (std::uint32_t y = 0; y < 16; ++y) cache.put(TileKey{1, "farmland", 12, 3360 + x, 1620 + y}, tile_of(10'000));
  EXPECT_GE(cache.entries(), 250u);
}
