#include "api/fonts/glyph_cache.h"

namespace onemap::api {

std::shared_ptr<const http::CachedBody> GlyphCache::get(std::uint64_t config_version, unsigned first) const {
  const unsigned slot = first / kRanges;
  std::lock_guard lock(mutex_);
  if (config_version != config_version_ || slot >= kRanges) return nullptr;
  return ranges_[slot];
}

void GlyphCache::put(std::uint64_t config_version, unsigned first, std::shared_ptr<const http::CachedBody> range) {
  const unsigned slot = first / kRanges;
  if (slot >= kRanges) return;
  std::lock_guard lock(mutex_);
  if (config_version < config_version_) return;  // drawn from fonts a reload has replaced
  if (config_version > config_version_) {
    ranges_.fill(nullptr);
    config_version_ = config_version;
  }
  ranges_[slot] = std::move(range);  // two threads may draw a range at once: the same bytes either way
}

std::size_t GlyphCache::bytes() const {
  std::lock_guard lock(mutex_);
  std::size_t total = 0;
  for (const auto& range : ranges_)
    if (range) total += range->bytes.size() + range->gzipped.size();
  return total;
}

}  // namespace onemap::api
