#pragma once
// An in-memory LRU cache of encoded tiles, bounded in bytes and split into shards that each
// have their own mutex, so handler threads rarely wait for each other. Entries are keyed by the
// versions of the layers they show (tile_version): an edit to one layer changes only its tiles'
// keys, so the tiles of every other layer stay warm, and entries of older versions, never asked
// for again, age out of the LRU.
#include "http/cached_body.h"

#include <atomic>
#include <cstdint>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

namespace onemap::tiles {

struct TileKey {
  std::uint64_t version = 0;  // of the layers' contents and configuration (tile_version)
  std::string layers;         // the layer ids as requested, comma-separated
  int z = 0;
  std::uint32_t x = 0;
  std::uint32_t y = 0;
  bool operator==(const TileKey&) const = default;
};

// A tile as served: kept with its gzip beside it, so a hit from a browser (which always asks
// for gzip) compresses nothing.
using CachedTile = http::CachedBody;

class TileCache {
 public:
  // max_bytes 0 disables caching: get() always misses and put() keeps nothing.
  explicit TileCache(std::size_t max_bytes, std::size_t shard_count = 16);
  TileCache(const TileCache&) = delete;
  TileCache& operator=(const TileCache&) = delete;

  // The cached tile, now the most recently used of its shard; nullptr on a miss.
  std::shared_ptr<const CachedTile> get(const TileKey& key);
  // Stores the tile, evicting the least recently used entries of its shard to stay in budget.
  // A tile larger than a shard's budget is not kept.
  void put(const TileKey& key, std::shared_ptr<const CachedTile> tile);

  // A new budget (a reload's tile_cache_mb): entries beyond it go at once, least recent first.
  void set_max_bytes(std::size_t max_bytes);

  std::size_t bytes() const;  // what the entries are charged (their heap, see charge_of), over all shards
  std::size_t entries() const;
  std::size_t max_bytes() const { return shard_budget_.load(std::memory_order_relaxed) * shards_.size(); }
  std::uint64_t hits() const { return hits_.load(std::memory_order_relaxed); }
  std::uint64_t misses() const { return misses_.load(std::memory_order_relaxed); }

 private:
  std::atomic<std::uint64_t> hits_{0}, misses_{0};  // get() answers, for /metrics
  struct KeyHash {
    std::size_t operator()(const TileKey& k) const;
  };
  struct Entry {
    std::shared_ptr<const CachedTile> tile;
    std::size_t charge = 0;
    std::list<const TileKey*>::iterator lru;  // its place in the shard's LRU list
  };
  using Index = std::unordered_map<TileKey, Entry, KeyHash>;
  struct Shard {
    mutable std::mutex mutex;
    Index index;
    std::list<const TileKey*> lru;  // front: most recently used; each names its key in the index
    std::size_t bytes = 0;
  };

  // What an entry holds on the heap, so that max_bytes bounds memory rather than tile bytes.
  static std::size_t charge_of(const TileKey& key, const CachedTile& tile);
  Shard& shard_for(const TileKey& key);
  // Drops the shard's least recently used entries until `incoming` more bytes fit its budget.
  void trim(Shard& shard, std::size_t incoming, std::size_t budget);

  std::atomic<std::size_t> shard_budget_;
  std::vector<std::unique_ptr<Shard>> shards_;
};

}  // namespace onemap::tiles
