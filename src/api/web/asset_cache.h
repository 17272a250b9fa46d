#pragma once
// The web map's files (web/, MapLibre's from web/node_modules): each read once and kept with
// its gzip beside it, checked against the file's size and modification time on every hit, so
// serving a browser compresses nothing twice and an edited file is never served stale.
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <string>

namespace onemap::api {

struct Asset {
  std::filesystem::path path;
  std::uint64_t size = 0;
  std::filesystem::file_time_type modified;
  std::string content_type;
  std::string etag;                          // strong: size and modification time
  std::shared_ptr<const std::string> bytes;  // null: larger than kept in memory; send the file
  std::shared_ptr<const std::string> gzip;   // null: not worth compressing
};

class AssetCache {
 public:
  // Files above kMaxKeptBytes are sent from disk, uncompressed; the cache stops keeping new
  // files once `budget_bytes` (raw and gzip together) are held.
  static constexpr std::uint64_t kMaxKeptBytes = 16u << 20;
  explicit AssetCache(std::uint64_t budget_bytes = 64u << 20) : budget_(budget_bytes) {}

  // The asset at a regular file's path, fresh from disk if it changed. Throws NotFound when
  // there is no regular file there.
  std::shared_ptr<const Asset> get(const std::filesystem::path& file);

  // The same without a cache: read (and compressed) now.
  static std::shared_ptr<const Asset> load(const std::filesystem::path& file);

 private:
  std::mutex mutex_;
  std::map<std::filesystem::path, std::shared_ptr<const Asset>> assets_;
  std::uint64_t budget_;
  std::uint64_t held_ = 0;
};

// The media type of a web file by its extension (UTF-8 text says so); application/octet-stream
// for what the web map does not use.
std::string media_type_for(const std::filesystem::path& file);

}  // namespace onemap::api
