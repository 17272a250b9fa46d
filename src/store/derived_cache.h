#pragma once
// Data analysis derives from a layer on demand (e.g. a nearest-neighbour index over the features
// one filter selects): the first request that needs it builds it, later ones share it. One
// cache serves every layer of a snapshot (each key names its layer) and a reload drops it with
// the old snapshot. Clients choose filters, so the cache is bounded: a least-recently-used
// entry is dropped once the values' bytes exceed the budget. Keys are the full canonical text
// of what was derived and are compared in full, never trusted by their hash alone.
#include <cstddef>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <typeindex>
#include <unordered_map>

namespace onemap::store {

inline constexpr std::size_t kDefaultDerivedCacheBytes = std::size_t{256} << 20;

// Hash: the key hash, replaceable so tests can prove that colliding keys stay apart.
template <typename Hash = std::hash<std::string>>
class BasicDerivedCache {
 public:
  explicit BasicDerivedCache(std::size_t budget_bytes) : budget_(budget_bytes) {}
  BasicDerivedCache(const BasicDerivedCache&) = delete;
  BasicDerivedCache& operator=(const BasicDerivedCache&) = delete;

  // The value stored under `key`, built by `build` if there is none. T reports its size with
  // `std::size_t bytes() const`. Building happens outside the lock: two first requests may both
  // build, and the first stored one wins. A value larger than the whole budget is returned
  // without being kept; values in use stay alive through their shared_ptr when dropped.
  template <typename T>
  std::shared_ptr<const T> get_or_build(const std::string& key,
                                        const std::function<std::shared_ptr<const T>()>& build) {
    if (auto found = find<T>(key)) return found;
    std::shared_ptr<const T> built = build();
    std::size_t bytes = built->bytes() + key.size() + kEntryOverhead;
    std::lock_guard lock(mutex_);
    if (auto it = items_.find(key); it != items_.end()) return cast<T>(key, touch(it));
    if (bytes > budget_) return built;
    auto [it, inserted] = items_.emplace(key, Item{built, std::type_index(typeid(T)), bytes, {}});
    order_.push_front(&it->first);
    it->second.position = order_.begin();
    bytes_ += bytes;
    evict();
    return built;
  }

  std::size_t bytes() const {
    std::lock_guard lock(mutex_);
    return bytes_;
  }
  std::size_t size() const {
    std::lock_guard lock(mutex_);
    return items_.size();
  }
  std::size_t budget() const { return budget_; }

 private:
  // Map node, list node and bookkeeping of one entry, roughly.
  static constexpr std::size_t kEntryOverhead = 128;

  struct Item {
    std::shared_ptr<const void> value;
    std::type_index type;
    std::size_t bytes;
    std::list<const std::string*>::iterator position;  // in order_
  };
  using Items = std::unordered_map<std::string, Item, Hash>;

  template <typename T>
  std::shared_ptr<const T> find(const std::string& key) {
    std::lock_guard lock(mutex_);
    auto it = items_.find(key);
    return it == items_.end() ? nullptr : cast<T>(key, touch(it));
  }

  const Item& touch(typename Items::iterator it) {
    order_.splice(order_.begin(), order_, it->second.position);
    return it->second;
  }

  template <typename T>
  static std::shared_ptr<const T> cast(const std::string& key, const Item& item) {
    if (item.type != std::type_index(typeid(T)))
      throw std::logic_error("derived cache: key '" + key + "' holds another type");
    return std::static_pointer_cast<const T>(item.value);
  }

  void evict() {
    while (bytes_ > budget_ && !order_.empty()) {
      auto it = items_.find(*order_.back());
      bytes_ -= it->second.bytes;
      order_.pop_back();
      items_.erase(it);
    }
  }

  const std::size_t budget_;
  mutable std::mutex mutex_;
  Items items_;
  std::list<const std::string*> order_;  // keys, most recently used first
  std::size_t bytes_ = 0;
};

using DerivedCache = BasicDerivedCache<>;

}  // namespace onemap::store
