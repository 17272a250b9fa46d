#pragma once
// Data derived from a layer on demand (e.g. a nearest-neighbour index over the features one
// filter selects), kept for the layer's lifetime: the first request that needs it builds it,
// later ones share it, and a reload drops it with the old snapshot. The layer itself stays
// immutable; only this memo changes, under its own lock.
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace onemap::store {

class DerivedCache {
 public:
  // The value stored under `key`, built by `build` if there is none yet. Building happens
  // outside the lock: two first requests may both build, and the first stored one wins.
  template <typename T>
  std::shared_ptr<const T> get_or_build(const std::string& key, const std::function<std::shared_ptr<const T>()>& build) {
    {
      std::lock_guard lock(mutex_);
      if (auto it = items_.find(key); it != items_.end()) return std::static_pointer_cast<const T>(it->second);
    }
    std::shared_ptr<const T> built = build();
    std::lock_guard lock(mutex_);
    auto [it, inserted] = items_.emplace(key, built);
    return std::static_pointer_cast<const T>(it->second);
  }

 private:
  std::mutex mutex_;
  std::map<std::string, std::shared_ptr<const void>> items_;
};

}  // namespace onemap::store
