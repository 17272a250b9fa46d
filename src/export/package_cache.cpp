#include "export/package_cache.h"

namespace onemap::exports {

std::shared_ptr<const http::BodyFile> PackageCache::find(const std::string& key) {
  const std::lock_guard lock(mutex_);
  for (auto it = entries_.begin(); it != entries_.end(); ++it)
    if (it->first == key) {
      entries_.splice(entries_.begin(), entries_, it);
      ++hits_;
      return entries_.front().second;
    }
  return nullptr;
}

std::shared_ptr<const http::BodyFile> PackageCache::put(const std::string& key, const std::filesystem::path& path) {
  // Removed from disk when the last holder (the cache or a response) lets go.
  auto file = std::make_shared<const http::BodyFile>(path, /*remove_when_done=*/true);
  const std::lock_guard lock(mutex_);
  ++builds_;
  std::erase_if(entries_, [&](const auto& e) { return e.first == key; });  // built twice at once: the newer stays
  entries_.emplace_front(key, file);
  while (entries_.size() > capacity_) entries_.pop_back();
  return file;
}

std::uint64_t PackageCache::hits() const {
  const std::lock_guard lock(mutex_);
  return hits_;
}

std::uint64_t PackageCache::builds() const {
  const std::lock_guard lock(mutex_);
  return builds_;
}

}  // namespace onemap::exports
