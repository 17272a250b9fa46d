#include "tiles/tile_cache.h"

#include "catalog/catalog_loader.h"
#include "fixtures.h"
#include "http/gzip.h"

#include <gtest/gtest.h>
#include <malloc.h>

#include <thread>

using namespace onemap::tiles;

namespace {

std::shared_ptr<const CachedTile> tile_of(std::size_t size, char fill = 'x') {
  auto t = std::make_shared<CachedTile>();
  t->bytes.assign(size, fill);
  t->etag = onemap::http::strong_etag(t->bytes);
  return t;
}

TileKey key(std::uint32_t x, std::uint64_t version = 1) { return {version, "a,b", 10, x, 7}; }

// A small tile made as the tile route makes one: the encoder appends to a string, which grows by
// doubling (its capacity passes its size), and the gzip beside it when smaller.
std::shared_ptr<const CachedTile> small_rendered_tile(std::uint32_t seed) {
  auto t = std::make_shared<CachedTile>();
  std::uint64_t state = seed * 0x9e3779b97f4a7c15ULL + 1;
  for (int i = 0; i < 160; ++i) {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    t->bytes.push_back(static_cast<char>(state >> 59));  // 32 values: gzip saves a little
  }
  std::string gzipped = onemap::http::gzip_compress(t->bytes);
  if (gzipped.size() < t->bytes.size()) t->gzipped = std::move(gzipped);
  t->etag = onemap::http::strong_etag(t->bytes);
  return t;
}

// Bytes the process's heap hands out now (glibc), blocks mapped on their own included.
std::size_t heap_in_use() {
  const struct mallinfo2 m = ::mallinfo2();
  return m.uordblks + m.hblkhd;
}

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
  // One shard of 4500 bytes holds three 1000-byte tiles (each charged its heap, a little more).
  TileCache cache(4500, 1);
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

// tile_cache_mb bounds the memory the cache holds, not only its tiles' bytes: 500,000 small
// tiles once held 521 MB under 256 MB, as each entry was charged its strings' sizes and a flat
// 192 bytes, while it held the strings' capacity (the gzip's buffer is sized for the worst case),
// its key twice, an LRU node, an index node with its bucket, and the tile's shared block.
TEST(TileCache, ItsBudgetBoundsTheHeapItsEntriesHold) {
  constexpr std::size_t kBudget = 8 << 20;
  small_rendered_tile(0);  // the thread's gzip compressor (half a megabyte) is made at the first gzip
  const std::size_t heap_before = heap_in_use();
  TileCache cache(kBudget);
  std::shared_ptr<const CachedTile> last;
  for (std::uint32_t x = 0; x < 60000; ++x) {
    last = small_rendered_tile(x);
    cache.put(TileKey{1, "water_protection_zones", 14, 13300 + x % 300, 6500 + x / 300}, last);
  }
  last.reset();  // the cache alone holds its tiles now
  const std::size_t held = heap_in_use() - heap_before;
  ASSERT_GT(cache.entries(), 1000u);  // full, and evicting
  EXPECT_LE(cache.bytes(), cache.max_bytes());
  EXPECT_LE(held, kBudget + kBudget / 50) << cache.entries() << " entries, charged " << cache.bytes();

  // Each entry is charged at least what it visibly holds: its strings' capacity, the key's text,
  // the tile object, and a node of the list and of the index (two pointers each, at the least).
  const CachedTile& tile = *small_rendered_tile(1);
  const std::size_t visible = tile.bytes.capacity() + tile.gzipped.capacity() + tile.etag.capacity() +
                              std::string("water_protection_zones").capacity() + sizeof(CachedTile) + sizeof(TileKey) +
                              4 * sizeof(void*);
  EXPECT_GE(cache.bytes() / cache.entries(), visible);
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
