#pragma once
// Finished township packages kept for the next request of the same one: keyed by what the
// package is made of (township, data fingerprint, visible layers), so new data is a new key and
// an old package is never sent for it. At most `capacity` are kept, the least recently sent
// going first; a file leaves the disk once evicted and no response is still sending it.
#include "http/body.h"

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <utility>

namespace onemap::exports {

class PackageCache {
 public:
  explicit PackageCache(std::size_t capacity) : capacity_(capacity) {}

  // The package under `key`, or null.
  std::shared_ptr<const http::BodyFile> find(const std::string& key);
  // Keeps the finished file `path` (which the cache now owns) under `key`; returns it to send.
  std::shared_ptr<const http::BodyFile> put(const std::string& key, const std::filesystem::path& path);

  std::uint64_t hits() const;
  std::uint64_t builds() const;

 private:
  mutable std::mutex mutex_;
  std::size_t capacity_;
  std::list<std::pair<std::string, std::shared_ptr<const http::BodyFile>>> entries_;  // most recent first
  std::uint64_t hits_ = 0, builds_ = 0;
};

}  // namespace onemap::exports
