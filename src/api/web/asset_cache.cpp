#include "api/web/asset_cache.h"

#include "api/errors.h"
#include "http/gzip.h"
#include "util/text.h"

#include <cstdio>
#include <fstream>
#include <iterator>
#include <system_error>

namespace onemap::api {
namespace fs = std::filesystem;
namespace {

struct FileState {
  std::uint64_t size;
  fs::file_time_type modified;
};

FileState stat_file(const fs::path& file) {
  std::error_code ec;
  const fs::file_status status = fs::status(file, ec);
  if (ec || !fs::is_regular_file(status)) throw NotFound("no file " + file.filename().string() + " in the web map");
  const std::uint64_t size = fs::file_size(file, ec);
  const fs::file_time_type modified = fs::last_write_time(file, ec);
  if (ec) throw NotFound("no file " + file.filename().string() + " in the web map");
  return {size, modified};
}

std::string etag_of(const FileState& s) {
  char etag[48];
  std::snprintf(etag, sizeof etag, "\"%llx-%llx\"", static_cast<unsigned long long>(s.size),
                static_cast<unsigned long long>(s.modified.time_since_epoch().count()));
  return etag;
}

std::uint64_t held_bytes(const Asset& a) { return (a.bytes ? a.bytes->size() : 0) + (a.gzip ? a.gzip->size() : 0); }

}  // namespace

std::string media_type_for(const fs::path& file) {
  static const std::map<std::string, std::string, std::less<>> types = {
      {".html", "text/html; charset=utf-8"},
      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},
      {".json", "application/json"},
      {".map", "application/json"},
      {".svg", "image/svg+xml"},
      {".png", "image/png"},
      {".jpg", "image/jpeg"},
      {".jpeg", "image/jpeg"},
      {".webp", "image/webp"},
      {".ico", "image/x-icon"},
      {".woff2", "font/woff2"},
      {".woff", "font/woff"},
      {".wasm", "application/wasm"},
      {".txt", "text/plain; charset=utf-8"},
      {".md", "text/markdown; charset=utf-8"},
      {".pbf", "application/x-protobuf"},
  };
  const auto it = types.find(util::to_lower(file.extension().string()));
  return it == types.end() ? "application/octet-stream" : it->second;
}

std::shared_ptr<const Asset> AssetCache::load(const fs::path& file) {
  const FileState state = stat_file(file);
  auto asset = std::make_shared<Asset>();
  asset->path = file;
  asset->size = state.size;
  asset->modified = state.modified;
  asset->content_type = media_type_for(file);
  asset->etag = etag_of(state);
  if (state.size > kMaxKeptBytes) return asset;
  std::ifstream in(file, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) throw NotFound("file " + file.filename().string() + " cannot be read");
  asset->size = bytes.size();
  if (bytes.size() >= 256 && http::is_compressible_type(asset->content_type)) {
    std::string gz = http::gzip_compress(bytes);
    if (gz.size() < bytes.size()) asset->gzip = std::make_shared<const std::string>(std::move(gz));
  }
  asset->bytes = std::make_shared<const std::string>(std::move(bytes));
  return asset;
}

std::shared_ptr<const Asset> AssetCache::get(const fs::path& file) {
  const FileState state = stat_file(file);
  {
    std::lock_guard lock(mutex_);
    if (auto it = assets_.find(file); it != assets_.end()) {
      if (it->second->size == state.size && it->second->modified == state.modified) return it->second;
      held_ -= held_bytes(*it->second);
      assets_.erase(it);
    }
  }
  // Read and compress outside the lock: two first requests may both do it, harmlessly.
  std::shared_ptr<const Asset> asset = load(file);
  std::lock_guard lock(mutex_);
  if (asset->bytes && held_ + held_bytes(*asset) <= budget_ && !assets_.contains(file)) {
    held_ += held_bytes(*asset);
    assets_.emplace(file, asset);
  }
  return asset;
}

}  // namespace onemap::api
