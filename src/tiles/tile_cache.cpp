#include "tiles/tile_cache.h"

#include <algorithm>

namespace onemap::tiles {
namespace {

// The block glibc's malloc hands out for n bytes: an 8-byte header, rounded up to 16, at least 32.
constexpr std::size_t heap_block(std::size_t n) { return std::max<std::size_t>(32, (n + 8 + 15) & ~std::size_t{15}); }

// A string's own buffer, by capacity (an encoder's doubling, a buffer sized for the worst case);
// none while the string is short enough to live inside its object.
std::size_t heap_of(const std::string& s) {
  static const std::size_t inline_capacity = std::string().capacity();
  return s.capacity() > inline_capacity ? heap_block(s.capacity() + 1) : 0;
}

// SplitMix64's finaliser: every input bit reaches every output bit. shard_for takes the high
// bits, and a boost-style hash_combine leaves those nearly constant for small x and y, which
// put every tile in one shard (an eighth of the cache) and made a warm cache thrash.
std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

std::size_t TileCache::KeyHash::operator()(const TileKey& k) const {
  std::uint64_t h = std::hash<std::string>{}(k.layers);
  for (std::uint64_t v : {k.version, std::uint64_t(k.z), std::uint64_t(k.x), std::uint64_t(k.y)}) h = mix(h ^ v);
  return h;
}

// Counted block by block, so that 500,000 small tiles hold what tile_cache_mb says (a flat
// per-entry guess once let them hold twice that): the index node (next pointer, key, entry and
// the hash it keeps) and about two bucket pointers (the table doubles as it grows), the LRU node
// (two links and the key's address), the tile's block (make_shared puts the CachedTile beside
// the control block's counts and vtable pointer), and each string's buffer.
std::size_t TileCache::charge_of(const TileKey& key, const CachedTile& tile) {
  constexpr std::size_t kIndexNode =
      heap_block(sizeof(void*) + sizeof(Index::value_type) + sizeof(std::size_t)) + 2 * sizeof(void*);
  constexpr std::size_t kLruNode = heap_block(3 * sizeof(void*));
  constexpr std::size_t kTileBlock = heap_block(2 * sizeof(void*) + sizeof(CachedTile));
  return kIndexNode + kLruNode + kTileBlock + heap_of(key.layers) + heap_of(tile.bytes) + heap_of(tile.gzipped) +
         heap_of(tile.etag);
}

TileCache::TileCache(std::size_t max_bytes, std::size_t shard_count)
    : shard_budget_(shard_count ? max_bytes / shard_count : 0) {
  for (std::size_t i = 0; i < std::max<std::size_t>(shard_count, 1); ++i) shards_.push_back(std::make_unique<Shard>());
}

TileCache::Shard& TileCache::shard_for(const TileKey& key) {
  // The high bits choose the shard; the low ones serve the shard's own hash table.
  return *shards_[(KeyHash{}(key) >> 32) % shards_.size()];
}

std::shared_ptr<const CachedTile> TileCache::get(const TileKey& key) {
  if (shard_budget_.load(std::memory_order_relaxed) == 0) {
    misses_.fetch_add(1, std::memory_order_relaxed);
    return nullptr;
  }
  Shard& shard = shard_for(key);
  std::lock_guard lock(shard.mutex);
  auto it = shard.index.find(key);
  if (it == shard.index.end()) {
    misses_.fetch_add(1, std::memory_order_relaxed);
    return nullptr;
  }
  hits_.fetch_add(1, std::memory_order_relaxed);
  shard.lru.splice(shard.lru.begin(), shard.lru, it->second.lru);
  return it->second.tile;
}

void TileCache::put(const TileKey& key, std::shared_ptr<const CachedTile> tile) {
  if (!tile) return;
  const std::size_t charge = charge_of(key, *tile);
  const std::size_t budget = shard_budget_.load(std::memory_order_relaxed);
  if (charge > budget) return;
  Shard& shard = shard_for(key);
  std::lock_guard lock(shard.mutex);
  if (auto it = shard.index.find(key); it != shard.index.end()) {  // rendered twice at once
    shard.bytes -= it->second.charge;
    shard.lru.erase(it->second.lru);
    shard.index.erase(it);
  }
  trim(shard, charge, budget);
  // The key is kept once, in the index; the LRU list names it by address (a node's key stays put).
  const auto it = shard.index.emplace(key, Entry{std::move(tile), charge, {}}).first;
  shard.lru.push_front(&it->first);
  it->second.lru = shard.lru.begin();
  shard.bytes += charge;
}

void TileCache::trim(Shard& shard, std::size_t incoming, std::size_t budget) {
  while (!shard.lru.empty() && shard.bytes + incoming > budget) {
    const auto oldest = shard.index.find(*shard.lru.back());
    shard.bytes -= oldest->second.charge;
    shard.lru.pop_back();
    shard.index.erase(oldest);
  }
}

void TileCache::set_max_bytes(std::size_t max_bytes) {
  const std::size_t budget = max_bytes / shards_.size();
  shard_budget_.store(budget, std::memory_order_relaxed);
  for (auto& shard : shards_) {
    std::lock_guard lock(shard->mutex);
    trim(*shard, 0, budget);
  }
}

std::size_t TileCache::bytes() const {
  std::size_t total = 0;
  for (const auto& shard : shards_) {
    std::lock_guard lock(shard->mutex);
    total += shard->bytes;
  }
  return total;
}

std::size_t TileCache::entries() const {
  std::size_t total = 0;
  for (const auto& shard : shards_) {
    std::lock_guard lock(shard->mutex);
    total += shard->lru.size();
  }
  return total;
}

}  // namespace onemap::tiles
