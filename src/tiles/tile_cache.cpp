#include "tiles/tile_cache.h"

#include <algorithm>
#include <array>
#include <cstdio>

namespace onemap::tiles {
namespace {

// What an entry costs besides its strings: the list and hash nodes, the shared_ptr control
// block and the CachedTile itself. Charged so that a cache full of tiny (empty) tiles still
// respects its budget.
constexpr std::size_t kEntryOverhead = 192;

std::uint64_t fnv1a(const std::string& bytes) {
  std::uint64_t h = 14695981039346656037ULL;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return h;
}

}  // namespace

std::string strong_etag(const std::string& bytes) {
  std::array<char, 48> buf{};
  std::snprintf(buf.data(), buf.size(), "\"%016llx-%zx\"", static_cast<unsigned long long>(fnv1a(bytes)), bytes.size());
  return buf.data();
}

namespace {

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
  shard.lru.splice(shard.lru.begin(), shard.lru, it->second);
  return it->second->tile;
}

void TileCache::put(const TileKey& key, std::shared_ptr<const CachedTile> tile) {
  if (!tile) return;
  const std::size_t charge =
      tile->bytes.size() + tile->gzipped.size() + tile->etag.size() + key.layers.size() + kEntryOverhead;
  const std::size_t budget = shard_budget_.load(std::memory_order_relaxed);
  if (charge > budget) return;
  Shard& shard = shard_for(key);
  std::lock_guard lock(shard.mutex);
  if (auto it = shard.index.find(key); it != shard.index.end()) {  // rendered twice at once
    shard.bytes -= it->second->charge;
    shard.lru.erase(it->second);
    shard.index.erase(it);
  }
  trim(shard, charge, budget);
  shard.lru.push_front(Entry{key, std::move(tile), charge});
  shard.index.emplace(key, shard.lru.begin());
  shard.bytes += charge;
}

void TileCache::trim(Shard& shard, std::size_t incoming, std::size_t budget) {
  while (!shard.lru.empty() && shard.bytes + incoming > budget) {
    shard.bytes -= shard.lru.back().charge;
    shard.index.erase(shard.lru.back().key);
    shard.lru.pop_back();
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
